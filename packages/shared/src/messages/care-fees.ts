/** Rule messages of care-fees 客情费 (keys namespaced `careFee.`). */
export const careFeesMessages = {
  'zh-CN': {} as Record<string, string>,
  en: {} as Record<string, string>,
};
