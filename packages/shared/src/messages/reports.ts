/** Rule messages of 日报/周报 daily and weekly reports (keys namespaced `reports.`). */
export const reportsMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
