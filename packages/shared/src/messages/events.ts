/** Rule messages of events (keys namespaced). */
export const eventsMessages = {
  'zh-CN': {} as Record<string, string>,
  en: {} as Record<string, string>,
};
