import type { Db } from '../../db/client.ts';
import type { BaseWorld } from '../../test/world.ts';

export async function analyticsFixtures(db: Db, base: BaseWorld) {
  void db;
  void base;
  return {};
}
