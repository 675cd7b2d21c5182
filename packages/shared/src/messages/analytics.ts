/** Rule messages of analytics (keys namespaced by the module). */
export const analyticsMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
