/** Messages of the care module (keys namespaced `care.`). */
export const careMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
