import type { Db } from '../../db/client.ts';
import type { BaseWorld } from '../../test/world.ts';

/** 交接 hand-over: records in and out of each role's scope. */
export async function handoverFixtures(_db: Db, _base: BaseWorld) {
  return {};
}
