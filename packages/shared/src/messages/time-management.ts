/** Rule messages of time-management (keys namespaced by the module). */
export const timeManagementMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
