import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPlanningSettings } from '@keqing/shared';
import type { Database } from '../../db/client.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { createWorld, type World } from '../../test/world.ts';
import * as schema from '../../db/schema.ts';
import { findSalesFigures, sumSalesFigures } from '../targets/sales-figures.repository.ts';
import { findRepKpiCounts, type RepKpiArgs } from './kpi.repository.ts';
import { analyticsCycle } from './analytics.fixtures.ts';

let database: Database;
let w: World;

beforeAll(async () => {
  database = await createTestDatabase();
  w = await createWorld(database.db);
  await w.analytics.seed();
});
afterAll(() => database.close());

const args = (over: Partial<RepKpiArgs> = {}): RepKpiArgs => ({
  repIds: [w.users.rep1a.id, w.users.rep1b.id, w.users.rep2a.id],
  from: analyticsCycle.from,
  to: analyticsCycle.to,
  workingDays: 20,
  today: '2026-12-07',
  countedTypes: defaultPlanningSettings.countedCallTypes,
  minObjectives: 3,
  cycleWeeks: 4,
  gradeOrder: ['A', 'B', 'C'],
  ...over,
});

describe('findRepKpiCounts', () => {
  it("counts rep1a's calls, short calls, bursts and objectives from the fixture", async () => {
    const counts = await findRepKpiCounts(database.db, args());
    const c = counts.get(w.users.rep1a.id)!;
    expect(c).toMatchObject({
      reps: 1,
      workingDays: 20,
      calls: 7,
      callsWithMinObjectives: 5,
      shortCalls: 1,
      burstCalls: 3,
      ladderUp: 1,
      ladderDown: 1,
      stageUp: 1,
      stageDown: 0,
      coVisits: 1,
      overdueFollowUps: 1,
      channelWarnings: 1, // warnings.fixtures: one open warning on cc1a
    });
  });

  it('leaves out movements, co-visits, follow-ups and warnings for a trend, and nothing else', async () => {
    const full = (await findRepKpiCounts(database.db, args())).get(w.users.rep1a.id)!;
    const trend = (await findRepKpiCounts(database.db, args(), { activity: false })).get(w.users.rep1a.id)!;
    expect(trend).toEqual({
      ...full,
      ladderUp: 0,
      ladderDown: 0,
      stageUp: 0,
      stageDown: 0,
      coVisits: 0,
      overdueFollowUps: 0,
      channelWarnings: 0,
    });
    expect(trend.calls).toBe(7);
    expect(trend.byGrade.length).toBeGreaterThan(0);
  });

  it('counts coverage by best grade with a doctor seen twice on one day counted once', async () => {
    const c = (await findRepKpiCounts(database.db, args())).get(w.users.rep1a.id)!;
    expect(c.byGrade).toEqual([
      {
        grade: 'A',
        targetDoctors: 3,
        coveredDoctors: 2,
        requiredCalls: 12,
        doneCalls: 7,
        belowFrequencyDoctors: 2,
      },
      {
        grade: 'B',
        targetDoctors: 1,
        coveredDoctors: 0,
        requiredCalls: 2,
        doneCalls: 0,
        belowFrequencyDoctors: 1,
      },
    ]);
  });

  it("uses the product's own grade and calls with the product when filtered", async () => {
    const c = (await findRepKpiCounts(database.db, args({ productId: w.products.p1.id }))).get(
      w.users.rep1a.id,
    )!;
    // the department meeting (p2 only) drops out; dShared is B for p1 with 2 required, 2 done
    expect(c).toMatchObject({ calls: 6, callsWithMinObjectives: 5, shortCalls: 1, burstCalls: 3 });
    expect(c.byGrade).toEqual([
      {
        grade: 'A',
        targetDoctors: 2,
        coveredDoctors: 1,
        requiredCalls: 8,
        doneCalls: 4,
        belowFrequencyDoctors: 1,
      },
      {
        grade: 'B',
        targetDoctors: 2,
        coveredDoctors: 1,
        requiredCalls: 4,
        doneCalls: 2,
        belowFrequencyDoctors: 1,
      },
    ]);
  });

  it('scales the required calls of a month by its days / 28', async () => {
    // 2026-11-01 ~ 2026-11-30: 30 days → A 4 × 30/28 = 4.29 → 4; B 2 × 30/28 → 2
    const c = (await findRepKpiCounts(database.db, args({ from: '2026-11-01', to: '2026-11-30' }))).get(
      w.users.rep1a.id,
    )!;
    expect(c.byGrade.map((g) => [g.grade, g.requiredCalls])).toEqual([
      ['A', 12],
      ['B', 2],
    ]);
    // the call on dB on 11-05 is in November
    expect(c.byGrade[1]).toMatchObject({ coveredDoctors: 1, doneCalls: 1 });
  });

  it('keeps each rep to their own records and returns zeros for a rep who did nothing', async () => {
    const counts = await findRepKpiCounts(database.db, args());
    expect(counts.get(w.users.rep2a.id)).toMatchObject({ calls: 2, overdueFollowUps: 1, coVisits: 0 });
    expect(counts.get(w.users.rep1b.id)).toMatchObject({ calls: 1, burstCalls: 0, overdueFollowUps: 0 });
    const none = await findRepKpiCounts(database.db, args({ from: '2020-01-01', to: '2020-01-31' }));
    expect(none.get(w.users.rep1a.id)).toMatchObject({ calls: 0, ladderUp: 0, byGrade: expect.any(Array) });
  });

  it('sums quota and actual per rep in SQL to what the sales figure rows add up to', async () => {
    const { rep1a, rep1b, rep2a, admin } = w.users;
    const { p1, p2 } = w.products;
    // quotas in both months of the cycle, and a manual actual (no flow data covers p2)
    await database.db.insert(schema.repQuotas).values([
      { repId: rep1a.id, teamId: w.teams.team1.id, month: '2026-11', productId: p1.id, quantity: 120 },
      { repId: rep1a.id, teamId: w.teams.team1.id, month: '2026-12', productId: p2.id, quantity: 80 },
      { repId: rep2a.id, teamId: w.teams.team2.id, month: '2026-12', productId: p1.id, quantity: 50 },
    ]);
    await database.db
      .insert(schema.manualSales)
      .values({ repId: rep1a.id, month: '2026-12', productId: p2.id, quantity: 30, enteredBy: admin.id });
    const repIds = [rep1a.id, rep1b.id, rep2a.id];
    const rows = await findSalesFigures(database.db, { repIds, months: ['2026-11', '2026-12'] });
    const counts = await findRepKpiCounts(database.db, args());
    for (const repId of repIds) {
      const { quota, actual } = sumSalesFigures(rows.filter((r) => r.repId === repId));
      expect(counts.get(repId), repId).toMatchObject({ quota, actual });
    }
    // not vacuous: the quotas and the manual actual above are in it
    expect(counts.get(rep1a.id)!.quota).toBeGreaterThanOrEqual(200);
    expect(counts.get(rep1a.id)!.actual).toBeGreaterThanOrEqual(30);
  });

  it('counts a doctor once when the rep holds the hospital through two territories', async () => {
    const { rep1a, admin } = w.users;
    const before = (await findRepKpiCounts(database.db, args())).get(rep1a.id)!;
    const held = await database.db
      .select({ hospitalId: schema.territoryHospitals.hospitalId })
      .from(schema.territoryHospitals)
      .where(eq(schema.territoryHospitals.territoryId, w.territories.t1a.id));
    expect(held.length).toBeGreaterThan(0);
    const [second] = await database.db
      .insert(schema.territories)
      .values({ code: 'T1A-2', name: '辖区T1A-2', teamId: w.teams.team1.id, productIds: [w.products.p1.id] })
      .returning();
    await database.db
      .insert(schema.territoryHospitals)
      .values(held.map((h) => ({ territoryId: second!.id, ...h })));
    await database.db
      .insert(schema.territoryAssignments)
      .values({ territoryId: second!.id, userId: rep1a.id, startDate: '2026-01-01', assignedBy: admin.id });
    const after = (await findRepKpiCounts(database.db, args())).get(rep1a.id)!;
    expect(after.byGrade).toEqual(before.byGrade);
    expect(after.byGrade.length).toBeGreaterThan(0);
  });

  it('runs at most four KPI statements at once, however many dashboards ask together', async () => {
    let inFlight = 0;
    let most = 0;
    const counted = async <T>(run: () => Promise<T>) => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        return await run();
      } finally {
        inFlight--;
      }
    };
    // a db whose raw statements are counted while they run: a team's go through named statements
    // (the session's prepareQuery), larger ones through execute
    const session = database.db._.session;
    const countingSession = new Proxy(session, {
      get: (target, prop) => {
        if (prop !== 'prepareQuery') return Reflect.get(target, prop);
        return (...a: Parameters<typeof session.prepareQuery>) => {
          const prepared = target.prepareQuery(...a);
          return { execute: (...e: unknown[]) => counted(() => prepared.execute(...(e as []))) };
        };
      },
    });
    const counting = new Proxy(database.db, {
      get: (target, prop) => {
        if (prop === 'execute')
          return (query: Parameters<typeof database.db.execute>[0]) =>
            counted(() => database.db.execute(query));
        if (prop === '_') return { ...target._, session: countingSession };
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const answers = await Promise.all([1, 2, 3].map(() => findRepKpiCounts(counting, args())));
    expect(answers[2]!.get(w.users.rep1a.id)).toEqual(answers[0]!.get(w.users.rep1a.id));
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
  });
});
