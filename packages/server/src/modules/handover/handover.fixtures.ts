import { chinaDate } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { BaseWorld } from '../../test/world.ts';

/** A hand-over draft for `fromUserId`; drafts change nothing until completed. */
export async function insertFixtureHandover(db: Db, fromUserId: string, createdBy: string) {
  const [h] = await db
    .insert(s.handovers)
    .values({ fromUserId, createdBy, effectiveDate: chinaDate(), deactivate: true })
    .returning({ id: s.handovers.id });
  return h!.id;
}

/** 交接 hand-over: a draft in team1 (rep1b) and one in team2 (rep2a). */
export async function handoverFixtures(db: Db, base: BaseWorld) {
  const admin = base.users.admin.id;
  return {
    team1Draft: await insertFixtureHandover(db, base.users.rep1b.id, admin),
    team2Draft: await insertFixtureHandover(db, base.users.rep2a.id, admin),
  };
}
