import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { BaseWorld } from '../../test/world.ts';

const emptySummary = (date: string) => ({
  date,
  calls: [],
  careActions: [],
  followUpsDone: [],
  counts: {
    planned: 0,
    plannedDone: 0,
    calls: 0,
    unplannedCalls: 0,
    callMinutes: 0,
    careActions: 0,
    followUpsDone: 0,
    deviations: 0,
  },
});

/** A daily report of `ownerId` written straight to the database (no deviations). */
export async function insertFixtureReport(
  db: Db,
  ownerId: string,
  date: string,
  status: 'draft' | 'submitted' = 'draft',
) {
  const [r] = await db
    .insert(s.dailyReports)
    .values({
      ownerId,
      date,
      status,
      summary: emptySummary(date),
      highlights: '张主任同意在科室会上分享用药经验',
      submittedAt: status === 'submitted' ? `${date}T10:00:00Z` : null,
    })
    .returning({ id: s.dailyReports.id });
  return r!.id;
}

/** A submitted and a draft report each for rep1a (team1), m1 (team1's manager) and rep2a (team2). */
export async function reportsFixtures(db: Db, base: BaseWorld) {
  const { rep1a, rep2a, m1 } = base.users;
  return {
    submitted1a: await insertFixtureReport(db, rep1a.id, '2026-11-18', 'submitted'),
    draft1a: await insertFixtureReport(db, rep1a.id, '2026-11-19'),
    submittedM1: await insertFixtureReport(db, m1.id, '2026-11-18', 'submitted'),
    draftM1: await insertFixtureReport(db, m1.id, '2026-11-19'),
    submitted2a: await insertFixtureReport(db, rep2a.id, '2026-11-18', 'submitted'),
    draft2a: await insertFixtureReport(db, rep2a.id, '2026-11-19'),
  };
}
