/** Messages of the complaints module (keys namespaced `complaints.`). */
export const complaintsMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
