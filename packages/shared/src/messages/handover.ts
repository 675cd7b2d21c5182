/** Rule messages of 交接 hand-over (keys namespaced `handover.`). */
export const handoverMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
