/** Messages of the calls module (keys namespaced `calls.`). */
export const callsMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
