import type { Db } from '../../db/client.ts';
import type { BaseWorld } from '../../test/world.ts';

/** 客户开发 channel prospects: records in and out of each role's scope. */
export async function prospectsFixtures(_db: Db, _base: BaseWorld) {
  return {};
}
