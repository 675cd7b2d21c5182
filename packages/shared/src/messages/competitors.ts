/** Rule messages of 竞品情报 competitor intelligence (keys namespaced `competitors.`). */
export const competitorsMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
