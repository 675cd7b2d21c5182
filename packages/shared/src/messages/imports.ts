/** Rule messages of the imports module (keys namespaced by module). Merged in ../i18n.ts. */
export const importsMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
