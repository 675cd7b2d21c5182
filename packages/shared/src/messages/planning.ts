/** Messages of the planning module (keys namespaced `planning.`). */
export const planningMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
