/**
 * Dashboard test data (opt-in, see analyticsFixtures), all in the planning cycle 2026-11-09 ~ 2026-12-06 (anchor 2026-01-05, 4 weeks), so the
 * figures do not move with the day the tests run (only "overdue" reads today, and its dates are far apart).
 *
 * rep1a (t1a: h1a, hShared), p1 and p2 scores (days = 28, so required = visits per cycle):
 *   d1a     A (p1: A 4)                    calls 1, 2 (twice on 11-10), 3 (1 minute), 5 (burst)  → done 4
 *   dShared A (p1: B 2, p2: A 4 → best A)  calls 4, 6 (burst), 7 (2 objectives, p2 only)         → done 3
 *   dA2     A (p1: A 4)                    never seen
 *   dB      B (p1: B 2)                    never seen
 * plus a phone call (not a counted type), a draft, and a call before the period — none counted.
 * Burst: calls 4, 5, 6 start at 10:00, 10:04, 10:08 on 11-18. Objectives: 3 on every call but 3 (one) and 7 (two).
 * Follow-ups: one open and overdue, one open due in 2099, one done. A co-visit by m1 on call 1. Ladder: d1a p1
 * 1 → 2 (up), dShared p1 3 → 2 (down), one move before the period; stage: d1a 2 → 3 (up).
 * rep2a (team2): one call on dShared and one overdue follow-up — never in m1's figures. rep1b: one call on d1b.
 */
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { BaseWorld } from '../../test/world.ts';

export const analyticsCycle = { from: '2026-11-09', to: '2026-12-06', date: '2026-11-20' } as const;

/**
 * Opt-in: the records change other modules' counts (rep1a's calls, doctors' scores), so the world only carries
 * `seed`, and a dashboard test calls `await w.analytics.seed()` once in its beforeAll (memoised).
 */
export async function analyticsFixtures(db: Db, base: BaseWorld) {
  let seeded: Promise<AnalyticsData> | undefined;
  return { seed: () => (seeded ??= seedAnalyticsData(db, base)) };
}
export type AnalyticsData = Awaited<ReturnType<typeof seedAnalyticsData>>;

async function seedAnalyticsData(db: Db, base: BaseWorld) {
  const { users, doctors, hospitals, departments, products } = base;
  const { p1, p2 } = products;
  const [dA2, dB] = await db
    .insert(s.doctors)
    .values([
      {
        code: 'DA2',
        name: '周一鸣',
        hospitalId: hospitals.h1a.id,
        departmentId: departments.dep1a.id,
        nameInitials: 'zym',
      },
      {
        code: 'DB1',
        name: '吴二林',
        hospitalId: hospitals.h1a.id,
        departmentId: departments.dep1a.id,
        nameInitials: 'wel',
      },
    ])
    .returning();
  const status = (doctorId: string, productId: string, grade: string, visitsPerCycle: number) => ({
    doctorId,
    productId,
    grade,
    visitsPerCycle,
    prescriptionStatus: 1,
    prescriptionPotential: 3,
    assessedOn: '2026-10-01',
  });
  await db
    .insert(s.doctorProductStatus)
    .values([
      status(doctors.d1a.id, p1.id, 'A', 4),
      status(doctors.dShared.id, p1.id, 'B', 2),
      status(doctors.dShared.id, p2.id, 'A', 4),
      status(dA2!.id, p1.id, 'A', 4),
      status(dB!.id, p1.id, 'B', 2),
      status(doctors.d1b.id, p1.id, 'C', 1),
      status(doctors.d2a.id, p2.id, 'A', 4),
    ])
    .onConflictDoNothing();

  let n = 0;
  const call = (
    ownerId: string,
    doctorId: string,
    hospitalId: string,
    day: string,
    start: string,
    minutes: number,
    over: Partial<typeof s.calls.$inferInsert> = {},
  ) => {
    n += 1;
    const startAt = new Date(`${day}T${start}:00+08:00`);
    const objectiveCount = over.objectiveCount ?? 3;
    return {
      clientId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      ownerId,
      doctorId,
      hospitalId,
      type: 'visit' as const,
      startAt: startAt.toISOString(),
      endAt: new Date(startAt.getTime() + minutes * 60_000).toISOString(),
      callDate: day,
      status: 'submitted' as const,
      productIds: [p1.id],
      objectives: Array.from({ length: objectiveCount }, (_, i) => ({
        text: `目的${i + 1}`,
        outcome: 'achieved',
      })),
      objectiveCount,
      submittedAt: startAt.toISOString(),
      ...over,
    };
  };
  const r = users.rep1a.id;
  const { d1a, dShared, d1b, d2a } = doctors;
  const { h1a, hShared, h1b, h2a } = hospitals;
  const inserted = await db
    .insert(s.calls)
    .values([
      call(r, d1a.id, h1a.id, '2026-11-10', '09:00', 20),
      call(r, d1a.id, h1a.id, '2026-11-10', '15:00', 15),
      call(r, d1a.id, h1a.id, '2026-11-17', '09:00', 1, { objectiveCount: 1 }),
      call(r, dShared.id, hShared.id, '2026-11-18', '10:00', 3, { productIds: [p1.id, p2.id] }),
      call(r, d1a.id, h1a.id, '2026-11-18', '10:04', 3),
      call(r, dShared.id, hShared.id, '2026-11-18', '10:08', 3, { productIds: [p1.id, p2.id] }),
      call(r, dShared.id, hShared.id, '2026-11-24', '14:00', 30, {
        objectiveCount: 2,
        type: 'departmentMeeting',
        productIds: [p2.id],
      }),
      // not counted: a phone call, a draft, a call before the period
      call(r, d1a.id, h1a.id, '2026-11-25', '11:00', 10, { type: 'phone' }),
      call(r, dA2!.id, h1a.id, '2026-11-26', '11:00', 10, { status: 'draft', submittedAt: null }),
      call(r, dB!.id, h1a.id, '2026-11-05', '11:00', 10),
      // other reps
      call(users.rep2a.id, dShared.id, hShared.id, '2026-11-12', '09:00', 20, { productIds: [p2.id] }),
      call(users.rep1b.id, d1b.id, h1b.id, '2026-11-13', '09:00', 20),
      call(users.rep2a.id, d2a.id, h2a.id, '2026-11-13', '09:00', 20, { productIds: [p2.id] }),
    ])
    .returning({ id: s.calls.id });
  const callIds = inserted.map((c) => c.id);

  await db.insert(s.coVisits).values({ callId: callIds[0]!, managerId: users.m1.id, repId: r });
  await db.insert(s.followUps).values([
    { ownerId: r, doctorId: d1a.id, callId: callIds[0]!, title: '送临床资料', dueDate: '2026-11-20' },
    { ownerId: r, doctorId: dShared.id, title: '科室会邀请', dueDate: '2099-01-01' },
    { ownerId: r, doctorId: d1a.id, title: '已完成的跟进', dueDate: '2026-11-01', status: 'done' },
    { ownerId: users.rep2a.id, doctorId: d2a.id, title: '二组的跟进', dueDate: '2026-11-20' },
  ]);
  await db.insert(s.doctorLadderHistory).values([
    { doctorId: d1a.id, productId: p1.id, fromStep: 1, toStep: 2, changedOn: '2026-11-17', changedBy: r },
    { doctorId: dShared.id, productId: p1.id, fromStep: 3, toStep: 2, changedOn: '2026-11-18', changedBy: r },
    { doctorId: d1a.id, productId: p1.id, fromStep: 0, toStep: 1, changedOn: '2026-10-20', changedBy: r },
  ]);
  await db.insert(s.doctorStageHistory).values({
    doctorId: d1a.id,
    fromStage: 2,
    toStage: 3,
    changedOn: '2026-11-10',
    changedBy: r,
    reason: '同意参加科室会',
  });
  return { doctors: { dA2: dA2!, dB: dB! }, callIds };
}
