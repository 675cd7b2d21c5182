import type { Db } from '../../db/client.ts';
import type { BaseWorld } from '../../test/world.ts';

/** 进药 pipeline: records in and out of each role's scope. */
export async function pipelineFixtures(_db: Db, _base: BaseWorld) {
  return {};
}
