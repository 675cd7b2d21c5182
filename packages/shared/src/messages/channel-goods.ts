/** Rule messages of channel-goods (keys namespaced). */
export const channelGoodsMessages = {
  'zh-CN': {} as Record<string, string>,
  en: {} as Record<string, string>,
};
