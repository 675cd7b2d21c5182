import type { Db } from '../../db/client.ts';
import type { BaseWorld } from '../../test/world.ts';

/** 日报/周报 daily and weekly reports: records in and out of each role's scope. */
export async function reportsFixtures(_db: Db, _base: BaseWorld) {
  return {};
}
