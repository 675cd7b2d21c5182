import type { notificationsZhCN } from './notifications.zh-CN.ts';

/** English texts of notifications. */
export const notificationsEn: typeof notificationsZhCN = {
  notifications: {
    title: 'notifications',
  },
};
