import type { Db } from '../../db/client.ts';
import type { BaseWorld } from '../../test/world.ts';

/** 竞品情报 competitor intelligence: records in and out of each role's scope. */
export async function competitorsFixtures(_db: Db, _base: BaseWorld) {
  return {};
}
