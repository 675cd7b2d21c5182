/** Rule messages of surveys (keys namespaced). */
export const surveysMessages = {
  'zh-CN': {} as Record<string, string>,
  en: {} as Record<string, string>,
};
