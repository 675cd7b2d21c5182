/** Rule messages of channel-warnings (keys namespaced). */
export const channelWarningsMessages = {
  'zh-CN': {} as Record<string, string>,
  en: {} as Record<string, string>,
};
