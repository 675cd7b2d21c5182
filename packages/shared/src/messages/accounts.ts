/** Rule messages of the accounts module (keys namespaced by module). Merged in ../i18n.ts. */
export const accountsMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
