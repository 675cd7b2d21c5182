/** Rule messages of targets (keys namespaced by the module). */
export const targetsMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
