/** Rule messages of 通知 notifications (keys namespaced `notifications.`). */
export const notificationsMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
