/**
 * Demo notifications of every kind.
 */
import type {
  notifications,
  notificationSettings,
  notificationChannels,
  notificationDeliveries,
} from '../schema.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type NotificationsRows = {
  notifications: (typeof notifications.$inferInsert)[];
  notificationSettings: (typeof notificationSettings.$inferInsert)[];
  notificationChannels: (typeof notificationChannels.$inferInsert)[];
  notificationDeliveries: (typeof notificationDeliveries.$inferInsert)[];
};

export const emptyNotificationsRows = (): NotificationsRows => ({
  notifications: [],
  notificationSettings: [],
  notificationChannels: [],
  notificationDeliveries: [],
});

type BaseRows = Omit<DemoRows, keyof NotificationsRows>;

export function generateNotificationsData(
  _rows: BaseRows,
  _rng: Random,
  _options: { today: string },
): NotificationsRows {
  return emptyNotificationsRows();
}
