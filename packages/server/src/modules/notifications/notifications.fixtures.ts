import type { Db } from '../../db/client.ts';
import type { BaseWorld } from '../../test/world.ts';

/** 通知 notifications: records in and out of each role's scope. */
export async function notificationsFixtures(_db: Db, _base: BaseWorld) {
  return {};
}
