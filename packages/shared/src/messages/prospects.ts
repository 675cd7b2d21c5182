/** Rule messages of 客户开发 channel prospects (keys namespaced `prospects.`). */
export const prospectsMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
