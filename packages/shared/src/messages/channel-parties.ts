/** Rule messages of channel-parties (keys namespaced). */
export const channelPartiesMessages = {
  'zh-CN': {} as Record<string, string>,
  en: {} as Record<string, string>,
};
