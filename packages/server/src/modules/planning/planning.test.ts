import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gte } from 'drizzle-orm';
import { defaultPlanningSettings } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import type { RequestContext } from '../../http/context.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { createPlanningService } from './planning.service.ts';

let t: TestApp;
let w: World;
let rep: Client;
let admin: Client;
let manager1: Client;
let manager2: Client;

type Schedule = { weekday: number; halfDay: 'am' | 'pm' }[];
/** Doctors of rep1a's hospitals (h1a, hShared) with scores, so they have a grade and a visit frequency. */
const fx = {} as Record<'mondayOnly' | 'spread' | 'tueThu' | 'anytime', { id: string; name: string }>;
const schedules = new Map<string, Schedule>();

async function addDoctor(
  code: string,
  name: string,
  hospitalId: string,
  clinicSchedule: Schedule,
  grade: string,
  visitsPerCycle: number,
) {
  const db = t.database.db;
  const [d] = await db
    .insert(s.doctors)
    .values({ code, name, hospitalId, clinicSchedule, nameInitials: code })
    .returning();
  await db.insert(s.doctorProductStatus).values({
    doctorId: d!.id,
    productId: w.products.p1.id,
    prescriptionStatus: 1,
    prescriptionPotential: 4,
    grade,
    visitsPerCycle,
    assessedOn: '2026-10-01',
  });
  schedules.set(d!.id, clinicSchedule);
  return { id: d!.id, name: d!.name };
}

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  const db = t.database.db;
  rep = await t.signIn('rep01');
  admin = await t.signIn('admin');
  manager1 = await t.signIn('manager01');
  manager2 = await t.signIn('manager02');
  fx.mondayOnly = await addDoctor(
    'PX1',
    '周一门诊',
    w.hospitals.h1a.id,
    [{ weekday: 1, halfDay: 'am' }],
    'A',
    8,
  );
  fx.spread = await addDoctor(
    'PX2',
    '三天门诊',
    w.hospitals.h1a.id,
    [
      { weekday: 1, halfDay: 'am' },
      { weekday: 3, halfDay: 'am' },
      { weekday: 5, halfDay: 'pm' },
    ],
    'A',
    4,
  );
  fx.tueThu = await addDoctor(
    'PX3',
    '二四下午',
    w.hospitals.hShared.id,
    [
      { weekday: 2, halfDay: 'pm' },
      { weekday: 4, halfDay: 'pm' },
    ],
    'B',
    2,
  );
  fx.anytime = await addDoctor('PX4', '随时可访', w.hospitals.hShared.id, [], 'C', 1);
  // d1a (rep1a) and d1b (rep1b's hospital) are scored too: d1b must never land in rep1a's plan
  await db.insert(s.doctorProductStatus).values(
    [w.doctors.d1a, w.doctors.d1b].map((d) => ({
      doctorId: d.id,
      productId: w.products.p1.id,
      prescriptionStatus: 2,
      prescriptionPotential: 3,
      grade: 'B',
      visitsPerCycle: 2,
      assessedOn: '2026-10-01',
    })),
  );
  schedules.set(w.doctors.d1a.id, []);
});
afterAll(async () => t?.close());

const ctxOf = (): RequestContext => ({
  actor: {
    id: w.users.rep1a.id,
    username: 'rep01',
    name: '张三',
    role: 'rep',
    teamId: w.teams.team1.id,
  },
  requestId: 'planning-test',
  locale: 'zh-CN',
});
/** The generator's "today" is fixed so the plan does not depend on when the test runs. */
const serviceOn = (today: string) => createPlanningService({ db: t.database.db, today: () => today });

const callsOf = async (cyclePlanId: string) =>
  t.database.db
    .select()
    .from(s.plannedCalls)
    .where(eq(s.plannedCalls.cyclePlanId, cyclePlanId))
    .orderBy(s.plannedCalls.date, s.plannedCalls.halfDay, s.plannedCalls.doctorId);
const signature = (rows: { doctorId: string; date: string; halfDay: string }[]) =>
  rows.map((r) => `${r.date}|${r.halfDay}|${r.doctorId}`).sort();
const weekdayOf = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

describe('planning settings 计划设置', () => {
  it('lets everyone read the defaults and only an admin change them', async () => {
    expect((await rep.get('/api/planning/settings')).json()).toEqual(defaultPlanningSettings);
    const put = await rep.request({
      method: 'PUT',
      url: '/api/planning/settings',
      payload: defaultPlanningSettings,
    });
    expect(put.statusCode).toBe(403);
  });

  it('refuses a minimum above the maximum with a Chinese message and saves nothing', async () => {
    const res = await admin.request({
      method: 'PUT',
      url: '/api/planning/settings',
      payload: { ...defaultPlanningSettings, minCallsPerDay: 12, maxCallsPerDay: 8 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({
      path: 'body.minCallsPerDay',
      message: '每天最少拜访数不能大于每天最多拜访数',
    });
    expect(await t.database.db.select().from(s.planningSettings)).toHaveLength(0);
  });

  it('refuses a cycle anchor that is not a Monday', async () => {
    const res = await admin.request({
      method: 'PUT',
      url: '/api/planning/settings',
      payload: { ...defaultPlanningSettings, cycleAnchor: '2026-01-06' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({
      path: 'body.cycleAnchor',
      message: '周期起始日须为周一',
    });
    expect(await t.database.db.select().from(s.planningSettings)).toHaveLength(0);
  });

  it('saves a new version, audited, and answers it from then on', async () => {
    const res = await admin.request({
      method: 'PUT',
      url: '/api/planning/settings',
      payload: { ...defaultPlanningSettings, minCallsPerDay: 1, maxCallsPerDay: 2 },
    });
    expect(res.statusCode).toBe(200);
    expect((await rep.get('/api/planning/settings')).json()).toMatchObject({
      minCallsPerDay: 1,
      maxCallsPerDay: 2,
    });
    const audit = await t.database.db
      .select()
      .from(s.auditLog)
      .where(eq(s.auditLog.entity, 'planningSettings'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).toMatchObject({ maxCallsPerDay: { before: 15, after: 2 } });
  });
});

describe('cycle plans 周期计划 and the generator', () => {
  let planId = '';

  it("opens the rep's plan of the cycle containing the date, with the cycle's working days", async () => {
    const res = await rep.post('/api/cycle-plans', { date: '2026-11-12' });
    expect(res.statusCode).toBe(201);
    const plan = res.json();
    planId = plan.id;
    expect(plan).toMatchObject({
      ownerId: w.users.rep1a.id,
      ownerName: '张三',
      cycleStart: '2026-11-09',
      cycleEnd: '2026-12-06',
      status: 'draft',
      plannedCallCount: 0,
      warnings: [],
      quality: null,
    });
    expect(plan.workingDays).toHaveLength(20);
  });

  it('answers 409 with the existing plan id for a second plan of the same cycle', async () => {
    const res = await rep.post('/api/cycle-plans', { date: '2026-12-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'CONFLICT', details: { cyclePlanId: planId } });
    expect(await t.database.db.select().from(s.cyclePlans)).toHaveLength(1);
  });

  it('refuses a plan for a manager, and warns when a cycle reaches a year without holiday data', async () => {
    expect((await manager1.post('/api/cycle-plans', {})).statusCode).toBe(403);
    const res = await rep.post('/api/cycle-plans', { date: '2026-12-20' });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toEqual([
      expect.objectContaining({ code: 'holidayDataMissing', message: expect.stringContaining('2027') }),
    ]);
  });

  it('generates a plan that respects clinic times and the daily maximum, and names the under-served', async () => {
    const version = (await rep.get(`/api/cycle-plans/${planId}`)).json().version;
    const plan = await serviceOn('2026-11-09').generateCyclePlan(ctxOf(), planId, { version });
    const rows = await callsOf(planId);
    expect(rows.length).toBeGreaterThan(0);
    // rep1a's doctors only: d1b is rep1b's, d2a rep2a's
    const doctorIds = new Set(rows.map((r) => r.doctorId));
    expect(doctorIds).toEqual(
      new Set([fx.mondayOnly.id, fx.spread.id, fx.tueThu.id, fx.anytime.id, w.doctors.d1a.id]),
    );
    for (const r of rows) {
      const schedule = schedules.get(r.doctorId)!;
      if (schedule.length > 0) {
        expect(schedule, `${r.date} ${r.halfDay}`).toContainEqual({
          weekday: weekdayOf(r.date),
          halfDay: r.halfDay,
        });
      }
      expect(r).toMatchObject({
        source: 'generated',
        status: 'planned',
        locked: false,
        ownerId: w.users.rep1a.id,
      });
    }
    const perDay = new Map<string, number>();
    for (const r of rows) perDay.set(r.date, (perDay.get(r.date) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(2);
    // four Monday mornings in the cycle, at most one call per half-day (max 2 a day): 4 of 8 calls
    expect(plan.underServed).toEqual([
      { doctorId: fx.mondayOnly.id, doctorName: '周一门诊', grade: 'A', required: 8, planned: 4, missing: 4 },
    ]);
    expect(plan.quality).toMatchObject({
      callsOutsideAvailability: 0,
      daysAboveMax: 0,
      totalCalls: rows.length,
    });
    expect(plan.plannedCallCount).toBe(rows.length);
    expect(plan.generatedAt).not.toBeNull();
    const audit = await t.database.db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'cyclePlan'), eq(s.auditLog.entityId, planId)));
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('gives the same plan for the same input', async () => {
    const before = signature(await callsOf(planId));
    const version = (await rep.get(`/api/cycle-plans/${planId}`)).json().version;
    await serviceOn('2026-11-09').generateCyclePlan(ctxOf(), planId, { version });
    expect(signature(await callsOf(planId))).toEqual(before);
  });

  it('lists plans by the date their cycle contains, and planned calls sorted by date and half-day', async () => {
    const plans = (await rep.get('/api/cycle-plans?date=2026-11-20')).json();
    expect(plans.items.map((p: { id: string }) => p.id)).toEqual([planId]);
    expect((await rep.get('/api/cycle-plans?date=2026-11-08')).json().total).toBe(0);
    const list = (
      await manager1.get(
        `/api/planned-calls?ownerId=${w.users.rep1a.id}&from=2026-11-16&to=2026-11-22&pageSize=200`,
      )
    ).json();
    const expected = (await callsOf(planId)).filter((r) => r.date >= '2026-11-16' && r.date <= '2026-11-22');
    expect(list.total).toBe(expected.length);
    const keys = list.items.map((c: { date: string; halfDay: string }) => `${c.date}|${c.halfDay}`);
    expect(keys).toEqual([...keys].sort());
    expect((await manager2.get(`/api/planned-calls?ownerId=${w.users.rep1a.id}`)).json().total).toBe(0);
  });

  it('refuses a stale version without touching the calls', async () => {
    const before = await callsOf(planId);
    const res = await rep.post(`/api/cycle-plans/${planId}/generate`, { version: 1 });
    expect(res.statusCode).toBe(409);
    expect(await callsOf(planId)).toEqual(before);
  });

  it('lets only the owner change a plan; hospitals outside the territories are a field error', async () => {
    const plan = (await rep.get(`/api/cycle-plans/${planId}`)).json();
    expect(
      (await manager1.patch(`/api/cycle-plans/${planId}`, { version: plan.version, notes: 'x' })).statusCode,
    ).toBe(403);
    const outside = await rep.patch(`/api/cycle-plans/${planId}`, {
      version: plan.version,
      hospitalDays: [{ hospitalId: w.hospitals.h1b.id, days: 3 }],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0]).toMatchObject({
      path: 'body.hospitalDays.0.hospitalId',
      message: '所选医院不在您负责的辖区内',
    });
    const ok = await rep.patch(`/api/cycle-plans/${planId}`, {
      version: plan.version,
      hospitalDays: [{ hospitalId: w.hospitals.h1a.id, days: 10.5 }],
      developDoctorIds: [w.doctors.d1a.id],
      promotionalActivities: [{ title: '心内科科室会', date: '2026-11-25', hospitalId: w.hospitals.h1a.id }],
      status: 'accepted',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'accepted',
      version: plan.version + 1,
      hospitalDays: [{ hospitalId: w.hospitals.h1a.id, days: 10.5, hospitalName: '上海市第一人民医院' }],
    });
  });

  describe('planned calls 计划拜访', () => {
    let movedId = '';
    let manualId = '';

    it('moves a call to another day: it is locked there and the warnings name the day', async () => {
      const call = (await callsOf(planId)).find((r) => r.doctorId === fx.anytime.id)!;
      const target = call.date === '2026-11-20' ? '2026-11-19' : '2026-11-20';
      const res = await rep.patch(`/api/planned-calls/${call.id}`, {
        version: call.version,
        date: target,
        halfDay: 'pm',
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.plannedCall).toMatchObject({
        date: target,
        halfDay: 'pm',
        locked: true,
        version: call.version + 1,
      });
      expect(body.warnings).toContainEqual(
        expect.objectContaining({ code: 'fewObjectives', plannedCallId: call.id }),
      );
      movedId = call.id;
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      const [before] = await t.database.db
        .select()
        .from(s.plannedCalls)
        .where(eq(s.plannedCalls.id, movedId));
      const res = await rep.patch(`/api/planned-calls/${movedId}`, {
        version: 1,
        date: '2026-11-26',
        halfDay: 'am',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('VERSION_CONFLICT');
      const [after] = await t.database.db.select().from(s.plannedCalls).where(eq(s.plannedCalls.id, movedId));
      expect(after).toEqual(before);
    });

    it('refuses a move outside the cycle as a field error', async () => {
      const [row] = await t.database.db.select().from(s.plannedCalls).where(eq(s.plannedCalls.id, movedId));
      const res = await rep.patch(`/api/planned-calls/${movedId}`, {
        version: row!.version,
        date: '2026-12-07',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({
        path: 'body.date',
        message: '日期须在本周期计划内（2026-11-09 至 2026-12-06）',
      });
    });

    it('adds a manual call with warnings, never errors, for a weekend outside the clinic times', async () => {
      const res = await rep.post('/api/planned-calls', {
        doctorId: fx.tueThu.id,
        date: '2026-11-28', // Saturday
        halfDay: 'am',
        objectives: [{ text: '了解新指南反馈' }, { text: '确认科室会时间' }, { text: '递送文献' }],
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.plannedCall).toMatchObject({
        source: 'manual',
        cyclePlanId: planId,
        withinAvailability: false,
        hospitalName: '上海交通大学医学院附属瑞金医院',
        doctorGrade: 'B',
        callId: null,
      });
      expect(body.warnings.map((x: { code: string }) => x.code).sort()).toEqual([
        'nonWorkingDay',
        'outsideAvailability',
      ]);
      manualId = body.plannedCall.id;
    });

    it("answers 404 for a doctor outside the rep's territories and saves nothing", async () => {
      const count = (await callsOf(planId)).length;
      const res = await rep.post('/api/planned-calls', {
        doctorId: w.doctors.d1b.id,
        date: '2026-11-24',
        halfDay: 'am',
      });
      expect(res.statusCode).toBe(404);
      expect(await callsOf(planId)).toHaveLength(count);
    });

    it('opens the plan of another cycle when a manual call lands there', async () => {
      const res = await rep.post('/api/planned-calls', {
        doctorId: w.doctors.d1a.id,
        date: '2027-02-01',
        halfDay: 'pm',
      });
      expect(res.statusCode).toBe(201);
      const plans = await t.database.db
        .select()
        .from(s.cyclePlans)
        .where(eq(s.cyclePlans.id, res.json().plannedCall.cyclePlanId));
      expect(plans[0]).toMatchObject({
        cycleStart: '2027-02-01',
        cycleEnd: '2027-02-28',
        ownerId: w.users.rep1a.id,
      });
    });

    it('regenerating keeps the locked and the manual call exactly where they were', async () => {
      const keep = (await callsOf(planId)).filter((r) => r.id === movedId || r.id === manualId);
      expect(keep).toHaveLength(2);
      const version = (await rep.get(`/api/cycle-plans/${planId}`)).json().version;
      await serviceOn('2026-11-09').generateCyclePlan(ctxOf(), planId, { version });
      const after = (await callsOf(planId)).filter((r) => r.id === movedId || r.id === manualId);
      expect(after.map((r) => [r.id, r.date, r.halfDay, r.locked, r.source])).toEqual(
        keep.map((r) => [r.id, r.date, r.halfDay, r.locked, r.source]),
      );
      // the locked call counts toward its doctor's single call: no second one was planned
      expect((await callsOf(planId)).filter((r) => r.doctorId === fx.anytime.id)).toHaveLength(1);
    });

    it('regenerating from a later day leaves the calls before it untouched', async () => {
      const past = (await callsOf(planId)).filter((r) => r.date < '2026-11-16');
      const version = (await rep.get(`/api/cycle-plans/${planId}`)).json().version;
      await serviceOn('2026-11-16').generateCyclePlan(ctxOf(), planId, { version });
      expect((await callsOf(planId)).filter((r) => r.date < '2026-11-16')).toEqual(past);
    });

    it('does not move a call already done, nor delete it; deletes a planned one', async () => {
      const db = t.database.db;
      const [done] = await db
        .update(s.plannedCalls)
        .set({ status: 'done' })
        .where(eq(s.plannedCalls.id, movedId))
        .returning();
      const move = await rep.patch(`/api/planned-calls/${movedId}`, {
        version: done!.version,
        date: '2026-11-30',
      });
      expect(move.statusCode).toBe(409);
      expect(move.json().error.code).toBe('CONFLICT');
      expect((await rep.request({ method: 'DELETE', url: `/api/planned-calls/${movedId}` })).statusCode).toBe(
        409,
      );
      expect(
        (await manager1.request({ method: 'DELETE', url: `/api/planned-calls/${manualId}` })).statusCode,
      ).toBe(403);
      expect(
        (await rep.request({ method: 'DELETE', url: `/api/planned-calls/${manualId}` })).statusCode,
      ).toBe(204);
      expect(await db.select().from(s.plannedCalls).where(eq(s.plannedCalls.id, manualId))).toHaveLength(0);
    });
  });

  describe('calendar 日历', () => {
    it("shows a manager a team rep's days, planned calls and logged calls", async () => {
      const db = t.database.db;
      const [pc] = await db
        .select()
        .from(s.plannedCalls)
        .where(and(eq(s.plannedCalls.cyclePlanId, planId), gte(s.plannedCalls.date, '2026-11-16')))
        .orderBy(s.plannedCalls.date)
        .limit(1);
      const [call] = await db
        .insert(s.calls)
        .values({
          clientId: '6d0c52a8-4a3b-4c39-9d0b-5b5f4c1a2e11',
          ownerId: w.users.rep1a.id,
          doctorId: pc!.doctorId,
          hospitalId: pc!.hospitalId,
          plannedCallId: pc!.id,
          type: 'visit',
          startAt: `${pc!.date}T01:30:00Z`,
          endAt: `${pc!.date}T01:50:00Z`,
          callDate: pc!.date,
          status: 'submitted',
        })
        .returning();
      const res = await manager1.get(
        `/api/planning/calendar?from=2026-11-09&to=2026-12-06&ownerId=${w.users.rep1a.id}`,
      );
      expect(res.statusCode).toBe(200);
      const cal = res.json();
      expect(cal).toMatchObject({
        ownerId: w.users.rep1a.id,
        ownerName: '张三',
        from: '2026-11-09',
        to: '2026-12-06',
      });
      expect(cal.days).toHaveLength(28);
      const live = (await callsOf(planId)).filter((r) => r.status !== 'cancelled');
      expect(cal.plannedCalls).toHaveLength(live.length);
      expect(cal.plannedCalls.find((p: { id: string }) => p.id === pc!.id).callId).toBe(call!.id);
      expect(cal.calls).toEqual([
        expect.objectContaining({ id: call!.id, plannedCallId: pc!.id, status: 'submitted' }),
      ]);
      expect(cal.days.find((d: { date: string }) => d.date === pc!.date)).toMatchObject({ loggedCount: 1 });
      expect(cal.cyclePlans).toEqual([
        { id: planId, cycleStart: '2026-11-09', cycleEnd: '2026-12-06', status: 'accepted' },
      ]);
      const saturday = cal.days.find((d: { date: string }) => d.date === '2026-11-21');
      expect(saturday).toMatchObject({ workingDay: false, holidayName: null });
    });

    it("answers 404 for another team's rep, and for another rep asked by a rep", async () => {
      const url = (ownerId: string) =>
        `/api/planning/calendar?from=2026-11-09&to=2026-11-15&ownerId=${ownerId}`;
      expect((await manager2.get(url(w.users.rep1a.id))).statusCode).toBe(404);
      expect((await rep.get(url(w.users.rep1b.id))).statusCode).toBe(404);
      expect((await admin.get(url(w.users.rep1a.id))).statusCode).toBe(200);
    });

    it('names holidays and make-up workdays, and refuses more than 42 days', async () => {
      const cal = (await rep.get('/api/planning/calendar?from=2026-10-01&to=2026-10-10')).json();
      expect(cal.days[0]).toMatchObject({ date: '2026-10-01', workingDay: false, holidayName: '国庆节' });
      expect(cal.days[9]).toMatchObject({
        date: '2026-10-10',
        workingDay: true,
        holidayName: '国庆节调休上班',
      });
      expect((await rep.get('/api/planning/calendar?from=2026-10-01&to=2026-11-11')).statusCode).toBe(200);
      const long = await rep.get('/api/planning/calendar?from=2026-10-01&to=2026-11-12');
      expect(long.statusCode).toBe(400);
      expect(long.json().error.message).toBe('日历一次最多显示 42 天');
    });
  });
});

describe('weekly plans 周计划', () => {
  it('refuses a week that does not start on a Monday', async () => {
    const res = await rep.request({
      method: 'PUT',
      url: '/api/weekly-plans/2026-11-24',
      payload: { goals: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('周计划须从周一开始，2026-11-24 不是周一');
    expect(await t.database.db.select().from(s.weeklyPlans)).toHaveLength(0);
  });

  it('saves, then requires the version, then submits', async () => {
    const put = (payload: unknown) =>
      rep.request({ method: 'PUT', url: '/api/weekly-plans/2026-11-16', payload: payload as object });
    const first = await put({ goals: '完成瑞金医院心内科科室会', notes: '周三下午机动' });
    expect(first.statusCode).toBe(200);
    const planned = await t.database.db
      .select()
      .from(s.plannedCalls)
      .where(and(eq(s.plannedCalls.ownerId, w.users.rep1a.id), gte(s.plannedCalls.date, '2026-11-16')));
    const inWeek = planned.filter((r) => r.date <= '2026-11-22' && r.status !== 'cancelled');
    expect(first.json()).toMatchObject({
      weekStart: '2026-11-16',
      goals: '完成瑞金医院心内科科室会',
      submittedAt: null,
      version: 1,
      workingDayCount: 5,
      plannedCallCount: inWeek.length,
    });
    expect((await put({ goals: '改' })).statusCode).toBe(400);
    const submitted = await put({ version: 1, submit: true });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ version: 2, goals: '完成瑞金医院心内科科室会' });
    expect(submitted.json().submittedAt).not.toBeNull();
    expect((await put({ version: 1, goals: '旧' })).statusCode).toBe(409);
  });

  it('shows the plan to the manager of the team, not to another team', async () => {
    const mine = (await manager1.get(`/api/weekly-plans?ownerId=${w.users.rep1a.id}`)).json();
    expect(mine.items).toHaveLength(1);
    const other = (await manager2.get(`/api/weekly-plans?ownerId=${w.users.rep1a.id}`)).json();
    expect(other.items).toHaveLength(0);
    expect(
      (await manager1.request({ method: 'PUT', url: '/api/weekly-plans/2026-11-16', payload: {} }))
        .statusCode,
    ).toBe(403);
  });
});
