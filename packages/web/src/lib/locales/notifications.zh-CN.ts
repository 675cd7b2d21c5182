/** Chinese texts of notifications; `notifications.en.ts` has the same keys. */
export const notificationsZhCN = {
  notifications: {
    title: '通知',
  },
};
