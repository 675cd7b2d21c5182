import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate, cycleOf } from '@keqing/domain';
import type { ListResponse, FrequencyDoctor, RepDashboard, UpcomingCare } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { loadPlanningSettings } from '../planning/planning-settings.repository.ts';
import { findSalesFigures } from '../targets/sales-figures.repository.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { analyticsCycle } from './analytics.fixtures.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a: h1a, hShared (d1a, dShared), team1 (m1)
let rep03: Client; // rep2a: h2a, hShared, team2 (m2)
let m1: Client;
let m2: Client;
let admin: Client;
let compliance: Client;

const db = () => t.database.db;
const today = chinaDate(new Date());
const month = today.slice(0, 7);
let cycle: { start: string; end: string };

const get = async (c: Client, query = '') => {
  const res = await c.get(`/api/dashboards/rep${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as RepDashboard;
};

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(db());
  // the dashboards' shared records in the cycle 2026-11-09 ~ 2026-12-06 (calls, moves, co-visits)
  await w.analytics.seed();
  rep01 = await t.signIn('rep01');
  rep03 = await t.signIn('rep03');
  m1 = await t.signIn('manager01');
  m2 = await t.signIn('manager02');
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');
  const settings = await loadPlanningSettings(db());
  const c = cycleOf(today, { cycleStart: settings.cycleAnchor, weeks: settings.cycleWeeks });
  cycle = { start: c.start, end: c.end };
  const { rep1a, rep2a } = w.users;
  const { d1a, d2a, dShared } = w.doctors;
  const { h1a, h2a, hShared } = w.hospitals;
  const { p1, p2 } = w.products;

  // today: rep1a plans 4 calls — one done, one with a submitted call, one still planned, one cancelled
  const [plan] = await db()
    .insert(s.cyclePlans)
    .values({ ownerId: rep1a.id, cycleStart: cycle.start, cycleEnd: cycle.end })
    .returning();
  const [plan2] = await db()
    .insert(s.cyclePlans)
    .values({ ownerId: rep2a.id, cycleStart: cycle.start, cycleEnd: cycle.end })
    .returning();
  const planned = (
    doctorId: string,
    hospitalId: string,
    halfDay: 'am' | 'pm',
    status: 'planned' | 'done' | 'cancelled',
    ownerId = rep1a.id,
    cyclePlanId = plan!.id,
  ) => ({ cyclePlanId, ownerId, doctorId, hospitalId, date: today, halfDay, status });
  const [, withCall] = await db()
    .insert(s.plannedCalls)
    .values([
      planned(d1a.id, h1a.id, 'am', 'done'),
      planned(dShared.id, hShared.id, 'pm', 'planned'),
      planned(d1a.id, h1a.id, 'pm', 'planned'),
      planned(dShared.id, hShared.id, 'am', 'cancelled'),
      planned(d2a.id, h2a.id, 'am', 'planned', rep2a.id, plan2!.id),
    ])
    .returning();
  await db()
    .insert(s.calls)
    .values({
      clientId: crypto.randomUUID(),
      ownerId: rep1a.id,
      doctorId: dShared.id,
      hospitalId: hShared.id,
      plannedCallId: withCall!.id,
      type: 'visit',
      startAt: `${today}T06:00:00Z`,
      endAt: `${today}T06:20:00Z`,
      callDate: today,
      status: 'submitted',
      objectiveCount: 3,
      submittedAt: `${today}T06:30:00Z`,
    });

  // follow-ups: 12 overdue of rep1a, one due today, one overdue but done, one overdue of rep2a
  const followUp = (
    ownerId: string,
    doctorId: string,
    dueDate: string,
    status: 'open' | 'done' = 'open',
  ) => ({
    ownerId,
    doctorId,
    title: `跟进 ${dueDate}`,
    dueDate,
    status,
  });
  await db()
    .insert(s.followUps)
    .values([
      ...Array.from({ length: 12 }, (_, i) => followUp(rep1a.id, d1a.id, addDays(today, -(i + 1)))),
      followUp(rep1a.id, d1a.id, today),
      followUp(rep1a.id, d1a.id, addDays(today, -3), 'done'),
      followUp(rep2a.id, d2a.id, addDays(today, -2)),
    ]);

  // grades: d1a A on p1 (4 a cycle), dShared B on p1; d2a A on p2 (rep2a's only)
  const status = (doctorId: string, productId: string, grade: string, visitsPerCycle: number) => ({
    doctorId,
    productId,
    grade,
    visitsPerCycle,
    prescriptionStatus: 2,
    prescriptionPotential: 3,
    assessedOn: today,
  });
  await db()
    .insert(s.doctorProductStatus)
    .values([status(d1a.id, p1.id, 'A', 4), status(dShared.id, p1.id, 'B', 2), status(d2a.id, p2.id, 'A', 4)])
    .onConflictDoUpdate({
      target: [s.doctorProductStatus.doctorId, s.doctorProductStatus.productId],
      set: { grade: sql`excluded.grade`, visitsPerCycle: sql`excluded.visits_per_cycle` },
    });

  // moves today: d1a p1 up 1→2, a first assessment (not a move), dShared p1 down 3→2, d2a p2 up (rep2a's),
  // one long before the period; stage: d1a up 1→2, dShared down 3→2
  const ladder = (
    doctorId: string,
    productId: string,
    fromStep: number | null,
    toStep: number,
    changedOn = today,
  ) => ({
    doctorId,
    productId,
    fromStep,
    toStep,
    changedOn,
  });
  await db()
    .insert(s.doctorLadderHistory)
    .values([
      ladder(d1a.id, p1.id, 1, 2),
      ladder(d1a.id, p2.id, null, 1),
      ladder(dShared.id, p1.id, 3, 2),
      ladder(d2a.id, p2.id, 1, 3),
      ladder(d1a.id, p1.id, 0, 1, addDays(today, -400)),
    ]);
  await db()
    .insert(s.doctorStageHistory)
    .values([
      { doctorId: d1a.id, fromStage: 1, toStage: 2, changedOn: today, reason: '建立信任' },
      { doctorId: dShared.id, fromStage: 3, toStage: 2, changedOn: today, reason: '处方减少' },
    ]);

  // this month: the targets fixtures give rep1a a p1 quota (180); add a p2 quota and p1 entered by hand
  await db()
    .insert(s.repQuotas)
    .values({ repId: rep1a.id, teamId: w.teams.team1.id, month, productId: p2.id, quantity: 50 });
  await db()
    .insert(s.manualSales)
    .values({ repId: rep1a.id, month, productId: p1.id, quantity: 80, enteredBy: rep1a.id });
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/dashboards/rep', () => {
  it("shows the rep's own dashboard by default, with the period and norms", async () => {
    const d = await get(rep01);
    expect(d.rep).toEqual({ id: w.users.rep1a.id, name: w.users.rep1a.name });
    expect(d.period).toMatchObject({ kind: 'cycle', from: cycle.start, to: cycle.end });
    expect(d.norms).toEqual({ minCallsPerDay: 10, maxCallsPerDay: 15, minObjectives: 3 });
    expect(d.frequencyCycle).toEqual(cycle);
  });

  it("counts today's planned calls (cancelled left out) and which are done, as in planned_calls and calls", async () => {
    const d = await get(rep01);
    const [row] = await db()
      .select({
        planned: sql<number>`count(*)::int`,
        done: sql<number>`(count(*) filter (where ${s.plannedCalls.status} = 'done' or exists (select 1 from calls c where c.planned_call_id = planned_calls.id and c.status = 'submitted')))::int`,
      })
      .from(s.plannedCalls)
      .where(
        and(
          eq(s.plannedCalls.ownerId, w.users.rep1a.id),
          eq(s.plannedCalls.date, today),
          inArray(s.plannedCalls.status, ['planned', 'done']),
        ),
      );
    expect(row).toEqual({ planned: 3, done: 2 });
    expect(d.today).toMatchObject({ date: today, planned: 3, done: 2 });
    expect(d.today.calls).toHaveLength(3);
    expect(d.today.calls.map((c) => c.status).sort()).toEqual(['done', 'done', 'planned']);
    const withCall = d.today.calls.find((c) => c.callId);
    expect(withCall).toMatchObject({ doctorId: w.doctors.dShared.id, status: 'done', halfDay: 'pm' });
    // am before pm
    expect(d.today.calls[0]!.halfDay).toBe('am');
  });

  it('counts overdue open follow-ups and lists the 10 oldest', async () => {
    const d = await get(rep01);
    const [row] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(s.followUps)
      .where(
        and(
          eq(s.followUps.ownerId, w.users.rep1a.id),
          eq(s.followUps.status, 'open'),
          sql`${s.followUps.dueDate} < ${today}`,
        ),
      );
    // the 12 added here, and any the shared fixtures hold
    expect(row!.n).toBeGreaterThanOrEqual(12);
    expect(d.overdueFollowUps.count).toBe(row!.n);
    expect(d.overdueFollowUps.items).toHaveLength(10);
    const dues = d.overdueFollowUps.items.map((f) => f.dueDate);
    expect(dues).toEqual([...dues].sort());
    const oldest = d.overdueFollowUps.items[0]!;
    expect(oldest.dueDate <= addDays(today, -12)).toBe(true);
    expect(oldest.overdueDays).toBe((Date.parse(today) - Date.parse(oldest.dueDate)) / 86_400_000);
  });

  it('counts due and overdue doctors by grade as the frequency list does', async () => {
    const d = await get(rep01);
    for (const { grade, due, overdue } of d.dueDoctorsByGrade) {
      for (const [state, n] of [
        ['due', due],
        ['overdue', overdue],
      ] as const) {
        const res = await rep01.get(`/api/frequency/doctors?state=${state}&grade=${grade}&pageSize=1`);
        expect((res.json() as ListResponse<FrequencyDoctor>).total, `${grade} ${state}`).toBe(n);
      }
    }
    // both of rep1a's target doctors were never seen by a counted call before today: due from the cycle start
    const total = d.dueDoctorsByGrade.reduce((n, g) => n + g.due + g.overdue, 0);
    expect(total).toBeGreaterThanOrEqual(1);
    expect(d.dueDoctorsByGrade.map((g) => g.grade)).toEqual(expect.arrayContaining(['A', 'B']));
  });

  it("shows the care dates of the care module's home card", async () => {
    const d = await get(rep01);
    const res = await rep01.get(`/api/care/upcoming?from=${today}`);
    expect(d.careDatesThisWeek).toEqual(res.json() as UpcomingCare);
  });

  it("counts ladder and stage moves of the rep's doctors in the period (first assessments are not moves)", async () => {
    const d = await get(rep01);
    const hospitals = [w.hospitals.h1a.id, w.hospitals.hShared.id];
    const moves = async (table: typeof s.doctorLadderHistory | typeof s.doctorStageHistory, up: boolean) => {
      const from = 'fromStep' in table ? table.fromStep : table.fromStage;
      const to = 'toStep' in table ? table.toStep : table.toStage;
      const [row] = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(table)
        .innerJoin(s.doctors, eq(s.doctors.id, table.doctorId))
        .where(
          and(
            inArray(s.doctors.hospitalId, hospitals),
            gte(table.changedOn, cycle.start),
            lte(table.changedOn, cycle.end),
            up ? sql`${to} > ${from}` : sql`${to} < ${from}`,
          ),
        );
      return row!.n;
    };
    expect(d.movements).toMatchObject({
      ladderUp: await moves(s.doctorLadderHistory, true),
      ladderDown: await moves(s.doctorLadderHistory, false),
      stageUp: await moves(s.doctorStageHistory, true),
      stageDown: await moves(s.doctorStageHistory, false),
    });
    expect(d.movements).toMatchObject({ ladderUp: 1, ladderDown: 1, stageUp: 1, stageDown: 1 });
    expect(d.movements.items).toHaveLength(4);
    expect(d.movements.items.find((m) => m.kind === 'ladder' && m.to > m.from)).toMatchObject({
      doctorId: w.doctors.d1a.id,
      productName: w.products.p1.name,
      from: 1,
      to: 2,
      date: today,
    });

    // the product filter narrows ladder moves (stage moves have no product)
    const p2 = await get(rep01, `?productId=${w.products.p2.id}`);
    expect(p2.movements).toMatchObject({ ladderUp: 0, ladderDown: 0, stageUp: 1, stageDown: 1 });
  });

  it('sums quota and actual by product over the months from the sales figures', async () => {
    const d = await get(rep01);
    expect(d.attainment.months).toEqual([month]);
    const rows = await findSalesFigures(db(), { repIds: [w.users.rep1a.id], months: [month] });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0);
    expect(d.attainment.actual).toBe(sum((r) => r.actual));
    expect(d.attainment.products).toHaveLength(new Set(rows.map((r) => r.productId)).size);
    // the quota is the rep's own rep_quotas rows of the month
    const [q] = await db()
      .select({ n: sql<number>`sum(${s.repQuotas.quantity})::int` })
      .from(s.repQuotas)
      .where(and(eq(s.repQuotas.repId, w.users.rep1a.id), eq(s.repQuotas.month, month)));
    expect(q!.n).toBe(180 + 50);
    expect(d.attainment.quota).toBe(q!.n);
    const p1 = rows.find((r) => r.productId === w.products.p1.id)!;
    expect(d.attainment.products.find((p) => p.productId === w.products.p1.id)).toMatchObject({
      productName: w.products.p1.name,
      quota: 180,
      actual: p1.actual,
      source: p1.actualSource,
    });
    expect(d.attainment.products.find((p) => p.productId === w.products.p2.id)).toMatchObject({
      quota: 50,
    });
    expect(d.attainment.attainmentPct).toBe(Math.round((d.attainment.actual / 230) * 1000) / 10);

    // the product filter keeps one product; a month period counts its month
    const onlyP2 = await get(rep01, `?period=month&date=${today}&productId=${w.products.p2.id}`);
    expect(onlyP2.attainment.months).toEqual([month]);
    expect(onlyP2.attainment.products.map((p) => p.productId)).toEqual([w.products.p2.id]);
    expect(onlyP2.attainment.quota).toBe(50);
  });

  it("shows the KPI figures of the rep's period, as the dashboards count them", async () => {
    const counted = async (from: string, to: string) => {
      const [row] = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(s.calls)
        .where(
          and(
            eq(s.calls.ownerId, w.users.rep1a.id),
            eq(s.calls.status, 'submitted'),
            inArray(s.calls.type, ['visit', 'departmentMeeting', 'conference']),
            gte(s.calls.callDate, from),
            lte(s.calls.callDate, to),
          ),
        );
      return row!.n;
    };
    const d = await get(rep01);
    expect(d.kpis.workingDays).toBe(d.period.workingDays);
    expect(d.kpis.reps).toBe(1);
    // the call submitted today on dShared
    expect(d.kpis.calls).toBe(await counted(cycle.start, cycle.end));
    expect(d.kpis.calls).toBe(1);
    expect(d.kpis.overdueFollowUps).toBe(d.overdueFollowUps.count);

    // the analytics fixtures' cycle: 7 counted calls, and the same moves as the KPI counts
    const past = await get(rep01, `?period=cycle&date=${analyticsCycle.date}`);
    expect(past.period).toMatchObject({ from: analyticsCycle.from, to: analyticsCycle.to });
    expect(past.kpis.calls).toBe(await counted(analyticsCycle.from, analyticsCycle.to));
    expect(past.kpis.calls).toBe(7);
    const { ladderUp, ladderDown, stageUp, stageDown } = past.kpis;
    expect(past.movements).toMatchObject({ ladderUp, ladderDown, stageUp, stageDown });
    expect(past.movements).toMatchObject({ ladderUp: 1, ladderDown: 1, stageUp: 1, stageDown: 0 });
  });

  it("lets a manager see a rep of their teams, never another team's (404)", async () => {
    expect((await get(m1, `?repId=${w.users.rep1a.id}`)).rep.id).toBe(w.users.rep1a.id);
    expect((await m1.get(`/api/dashboards/rep?repId=${w.users.rep2a.id}`)).statusCode).toBe(404);
    const [own] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(s.followUps)
      .where(
        and(
          eq(s.followUps.ownerId, w.users.rep2a.id),
          eq(s.followUps.status, 'open'),
          sql`${s.followUps.dueDate} < ${today}`,
        ),
      );
    expect((await get(m2, `?repId=${w.users.rep2a.id}`)).overdueFollowUps.count).toBe(own!.n);
    // the manager has no dashboard of their own: a rep must be named
    const none = await m1.get('/api/dashboards/rep');
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it("lets a rep see only themself: another rep's id is a 404", async () => {
    expect((await get(rep01, `?repId=${w.users.rep1a.id}`)).rep.id).toBe(w.users.rep1a.id);
    expect((await rep01.get(`/api/dashboards/rep?repId=${w.users.rep2a.id}`)).statusCode).toBe(404);
    const own = await get(rep03);
    expect(own.today.planned).toBe(1);
    // rep2a: d2a up (p2) and dShared down (p1, shared hospital); only dShared's stage move
    expect(own.movements).toMatchObject({ ladderUp: 1, ladderDown: 1, stageUp: 0, stageDown: 1 });
  });

  it('lets admin and compliance see any rep, named; a non-rep is refused', async () => {
    for (const c of [admin, compliance]) {
      expect((await get(c, `?repId=${w.users.rep2a.id}`)).rep.id).toBe(w.users.rep2a.id);
      expect((await c.get('/api/dashboards/rep')).statusCode).toBe(400);
      expect((await c.get(`/api/dashboards/rep?repId=${w.users.m1.id}`)).statusCode).toBe(400);
    }
  });

  it('refuses a custom period without both ends, or ending before it starts', async () => {
    expect((await rep01.get('/api/dashboards/rep?period=custom')).statusCode).toBe(400);
    const res = await rep01.get(`/api/dashboards/rep?period=custom&from=${today}&to=${addDays(today, -1)}`);
    expect(res.statusCode).toBe(400);
    const ok = await get(rep01, `?period=custom&from=${addDays(today, -30)}&to=${today}`);
    expect(ok.period).toMatchObject({ kind: 'custom', from: addDays(today, -30), to: today });
    expect(ok.attainment.months).toEqual([...new Set([addDays(today, -30).slice(0, 7), month])]);
  });
});

describe('GET /api/dashboards/rep/export', () => {
  it('exports one sheet per table with Chinese headers, audited', async () => {
    const res = await rep01.get('/api/dashboards/rep/export');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as never);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      '今日计划',
      '逾期跟进',
      '到期医生',
      '关怀日期',
      '指标达成',
      '关系变化',
      '我的指标',
    ]);
    const plan = workbook.getWorksheet('今日计划')!;
    expect(plan.getRow(1).getCell(3).value).toBe('医生');
    expect(plan.rowCount).toBe(1 + 3);
    expect(workbook.getWorksheet('逾期跟进')!.rowCount).toBe(1 + 10);
    const [audit] = await db()
      .select({ changes: s.auditLog.changes })
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'export'), eq(s.auditLog.entityId, 'rep-dashboard')));
    expect(audit).toBeDefined();
  });

  it("is a 404 for another team's rep", async () => {
    expect((await m1.get(`/api/dashboards/rep/export?repId=${w.users.rep2a.id}`)).statusCode).toBe(404);
  });
});
