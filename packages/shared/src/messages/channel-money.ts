/** Rule messages of channel-money (keys namespaced). */
export const channelMoneyMessages = {
  'zh-CN': {} as Record<string, string>,
  en: {} as Record<string, string>,
};
