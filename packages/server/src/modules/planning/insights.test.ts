import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { addDays, chinaDate, cycleOf, searchInitials } from '@keqing/domain';
import { defaultPlanningSettings, type FrequencyDoctor } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { RequestContext } from '../../http/context.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { createPlanningInsightsService } from './insights.service.ts';

/**
 * Fixtures written straight to the database, as of Friday 2026-11-20 in the cycle 2026-11-09 … 2026-12-06
 * (the default anchor 2026-01-05, 4 weeks). rep1a covers h1a and hShared:
 *   d1a     A (4 a cycle, every 7 days): visits 11-10 and 11-12 (counted), a phone call 11-18 (not counted),
 *           a draft 11-19; planned 11-10 done, 11-12 done, 11-24 planned, 11-26 cancelled → overdue 1 day
 *   dShared C on p1, B on p2 → B (2, every 14 days): rep2a's visit 11-16; planned 11-27 → ok
 *   dDue    B: rep1a's visit 11-06 (last cycle) → due 11-20 → due
 *   dNever  C (1 a cycle): never seen → due from the cycle start → 11 days overdue
 *   dNew    never scored → notTarget
 * rep1b covers h1b: d1b A, rep1b's visit 11-17 → ok; no plan.
 */
const day = '2026-11-20';
const cycleStart = '2026-11-09';

let t: TestApp;
let w: World;
let db: Db;
let extra: { dDue: string; dNever: string; dNew: string };

async function doctor(name: string, hospitalId: string) {
  const [d] = await db
    .insert(s.doctors)
    .values({ name, hospitalId, nameInitials: searchInitials(name) })
    .returning();
  return d!.id;
}

function call(
  ownerId: string,
  doctorId: string,
  hospitalId: string,
  date: string,
  more: Partial<typeof s.calls.$inferInsert> = {},
): typeof s.calls.$inferInsert {
  return {
    clientId: randomUUID(),
    ownerId,
    doctorId,
    hospitalId,
    type: 'visit',
    startAt: `${date}T09:00:00+08:00`,
    endAt: `${date}T09:20:00+08:00`,
    callDate: date,
    status: 'submitted',
    submittedAt: `${date}T09:30:00+08:00`,
    ...more,
  };
}

async function writeFixtures() {
  const { rep1a, rep1b, rep2a } = w.users;
  const { h1a, h1b, hShared } = w.hospitals;
  const { d1a, d1b, dShared } = w.doctors;
  const { p1, p2 } = w.products;
  extra = {
    dDue: await doctor('钱学森', h1a.id),
    dNever: await doctor('孙思邈', h1a.id),
    dNew: await doctor('华佗', h1a.id),
  };
  const status = (doctorId: string, productId: string, grade: string, visitsPerCycle: number) => ({
    doctorId,
    productId,
    grade,
    visitsPerCycle,
    prescriptionStatus: 1,
    prescriptionPotential: 4,
    adoptionStep: 2,
    assessedOn: '2026-10-01',
  });
  await db
    .insert(s.doctorProductStatus)
    .values([
      status(d1a.id, p1.id, 'A', 4),
      status(dShared.id, p1.id, 'C', 1),
      status(dShared.id, p2.id, 'B', 2),
      status(extra.dDue, p1.id, 'B', 2),
      status(extra.dNever, p1.id, 'C', 1),
      status(d1b.id, p1.id, 'A', 4),
    ]);

  const [plan] = await db
    .insert(s.cyclePlans)
    .values({ ownerId: rep1a.id, cycleStart, cycleEnd: '2026-12-06' })
    .returning();
  const planned = (
    doctorId: string,
    hospitalId: string,
    date: string,
    st: 'planned' | 'done' | 'cancelled',
  ) => ({
    cyclePlanId: plan!.id,
    ownerId: rep1a.id,
    doctorId,
    hospitalId,
    date,
    halfDay: 'am' as const,
    status: st,
  });
  await db
    .insert(s.plannedCalls)
    .values([
      planned(d1a.id, h1a.id, '2026-11-10', 'done'),
      planned(d1a.id, h1a.id, '2026-11-12', 'done'),
      planned(d1a.id, h1a.id, '2026-11-24', 'planned'),
      planned(d1a.id, h1a.id, '2026-11-26', 'cancelled'),
      planned(dShared.id, hShared.id, '2026-11-27', 'planned'),
    ]);

  await db.insert(s.calls).values([
    call(rep1a.id, d1a.id, h1a.id, '2026-11-10'),
    call(rep1a.id, d1a.id, h1a.id, '2026-11-12', { type: 'departmentMeeting' }),
    call(rep1a.id, d1a.id, h1a.id, '2026-11-18', {
      type: 'phone',
      objectives: [
        { text: '确认瑞心试用患者的血脂复查结果', outcome: 'achieved' },
        { text: '邀请参加下月科室会', outcome: 'partly' },
      ],
      commitment: '同意为3位新患者处方瑞心',
      nextStep: '送科室会邀请函',
      nextStepDue: '2026-11-25',
      notes: '主任下周二上午门诊',
    }),
    call(rep1a.id, d1a.id, h1a.id, '2026-11-19', { status: 'draft', submittedAt: null }),
    call(rep2a.id, dShared.id, hShared.id, '2026-11-16'),
    call(rep1a.id, dShared.id, hShared.id, '2026-11-05'),
    call(rep1a.id, extra.dDue, h1a.id, '2026-11-06'),
    call(rep1b.id, d1b.id, h1b.id, '2026-11-17'),
  ]);

  await db.insert(s.followUps).values([
    { ownerId: rep1a.id, doctorId: d1a.id, title: '送科室会邀请函', dueDate: '2026-01-10' },
    { ownerId: rep1a.id, doctorId: d1a.id, title: '寄送瑞心最新指南解读', dueDate: '2099-01-01' },
    { ownerId: rep1a.id, doctorId: d1a.id, title: '已完成的任务', dueDate: '2026-01-05', status: 'done' },
  ]);
  await db.update(s.doctors).set({ personalityType: 'introverted' }).where(eq(s.doctors.id, d1a.id));
  await db.insert(s.doctorProfiles).values([
    // a solar birthday five days from the real today, so the HTTP route shows it (born in a leap year, so 02-29 works too)
    { doctorId: d1a.id, birthday: `1972${addDays(chinaDate(), 5).slice(4)}` },
    // 农历十月二十 = 2026-11-28
    { doctorId: dShared.id, birthday: '1965-10-20', birthdayIsLunar: true },
  ]);
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db;
  w = await createWorld(db);
  await writeFixtures();
});
afterAll(async () => t?.close());

const ctxOf = (
  u: World['users'][keyof World['users']],
  locale: 'zh-CN' | 'en' = 'zh-CN',
): RequestContext => ({
  actor: { id: u.id, username: u.username, name: u.name, role: u.role, teamId: u.teamId },
  requestId: 'test',
  locale,
});

const byId = (items: FrequencyDoctor[]) => Object.fromEntries(items.map((i) => [i.id, i]));

describe('frequency per doctor 拜访频率 (GET /api/frequency/doctors)', () => {
  it('checks the fixture cycle', () => {
    expect(cycleOf(day, { cycleStart: defaultPlanningSettings.cycleAnchor, weeks: 4 }).start).toBe(
      cycleStart,
    );
  });

  it("lists a rep's doctors with required, planned, done, last call, due date and state", async () => {
    const rep = await t.signIn('rep01');
    const res = await rep.get(`/api/frequency/doctors?date=${day}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: FrequencyDoctor[]; total: number };
    expect(body.total).toBe(5);
    const rows = byId(body.items);
    expect(rows[w.doctors.d1a.id]).toEqual({
      id: w.doctors.d1a.id,
      doctorName: '张三丰',
      hospitalName: '上海市第一人民医院',
      departmentName: '心内科',
      grade: 'A',
      required: 4,
      planned: 3,
      done: 2,
      lastCallDate: '2026-11-12',
      dueDate: '2026-11-19',
      overdueDays: 1,
      state: 'overdue',
    });
    expect(rows[w.doctors.dShared.id]).toMatchObject({
      grade: 'B',
      required: 2,
      planned: 1,
      done: 0,
      lastCallDate: '2026-11-16',
      dueDate: '2026-11-30',
      overdueDays: 0,
      state: 'ok',
    });
    expect(rows[extra.dDue]).toMatchObject({
      grade: 'B',
      required: 2,
      done: 0,
      lastCallDate: '2026-11-06',
      dueDate: '2026-11-20',
      state: 'due',
    });
    expect(rows[extra.dNever]).toMatchObject({
      grade: 'C',
      required: 1,
      lastCallDate: null,
      dueDate: cycleStart,
      overdueDays: 11,
      state: 'overdue',
    });
    expect(rows[extra.dNew]).toMatchObject({
      grade: null,
      required: 0,
      dueDate: null,
      state: 'notTarget',
    });
    // most urgent first
    expect(body.items.map((i) => i.id)).toEqual([
      extra.dNever,
      w.doctors.d1a.id,
      extra.dDue,
      w.doctors.dShared.id,
      extra.dNew,
    ]);
  });

  it('filters by state, grade and name, and pages after the rule', async () => {
    const rep = await t.signIn('rep01');
    const overdue = (await rep.get(`/api/frequency/doctors?date=${day}&state=overdue`)).json();
    expect(overdue.items.map((i: FrequencyDoctor) => i.id)).toEqual([extra.dNever, w.doctors.d1a.id]);
    const gradeB = (await rep.get(`/api/frequency/doctors?date=${day}&grade=B`)).json();
    expect(new Set(gradeB.items.map((i: FrequencyDoctor) => i.id))).toEqual(
      new Set([w.doctors.dShared.id, extra.dDue]),
    );
    const named = (
      await rep.get(`/api/frequency/doctors?date=${day}&q=${encodeURIComponent('张三')}`)
    ).json();
    expect(named.items.map((i: FrequencyDoctor) => i.id)).toEqual([w.doctors.d1a.id]);
    const page2 = (await rep.get(`/api/frequency/doctors?date=${day}&pageSize=2&page=2`)).json();
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.items.map((i: FrequencyDoctor) => i.id)).toEqual([extra.dDue, w.doctors.dShared.id]);
  });

  it('lets a manager name a rep of the team, and answers 404 for another team’s rep', async () => {
    const manager = await t.signIn('manager01');
    const ok = await manager.get(`/api/frequency/doctors?date=${day}&ownerId=${w.users.rep1b.id}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items).toEqual([
      expect.objectContaining({ id: w.doctors.d1b.id, required: 4, planned: 0, done: 1, state: 'ok' }),
    ]);
    const other = await manager.get(`/api/frequency/doctors?date=${day}&ownerId=${w.users.rep2a.id}`);
    expect(other.statusCode).toBe(404);
  });

  it('asks a manager or admin to name a rep, in Chinese', async () => {
    const manager = await t.signIn('manager01');
    const res = await manager.get('/api/frequency/doctors');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('请选择一位医药代表');
    expect(res.json().error.details[0].path).toBe('query.ownerId');
    const self = await manager.get(`/api/frequency/doctors?ownerId=${w.users.m1.id}`);
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toBe('拜访频率只针对医药代表统计');
  });

  it("answers 404 when a rep asks for another rep's list", async () => {
    const rep = await t.signIn('rep01');
    const res = await rep.get(`/api/frequency/doctors?ownerId=${w.users.rep1b.id}`);
    expect(res.statusCode).toBe(404);
  });
});

describe('frequency attainment summary 拜访频率达成 (GET /api/frequency/summary)', () => {
  const rep1aFigures = {
    required: 9,
    planned: 4,
    done: 2,
    attainmentPct: 22.2,
    doctors: 4,
    overdueDoctors: 2,
  };
  const rep1bFigures = { required: 4, planned: 0, done: 1, attainmentPct: 25, doctors: 1, overdueDoctors: 0 };

  it('sums a rep’s target doctors by grade', async () => {
    const rep = await t.signIn('rep01');
    const res = await rep.get(`/api/frequency/summary?date=${day}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      cycleStart,
      cycleEnd: '2026-12-06',
      total: rep1aFigures,
      byGrade: [
        { grade: 'A', required: 4, planned: 3, done: 2, attainmentPct: 50, doctors: 1, overdueDoctors: 1 },
        { grade: 'B', required: 4, planned: 1, done: 0, attainmentPct: 0, doctors: 2, overdueDoctors: 0 },
        { grade: 'C', required: 1, planned: 0, done: 0, attainmentPct: 0, doctors: 1, overdueDoctors: 1 },
      ],
      byRep: [{ repId: w.users.rep1a.id, repName: '张三', ...rep1aFigures }],
    });
  });

  it("gives a manager each rep of the team and the team's total", async () => {
    const manager = await t.signIn('manager01');
    const body = (await manager.get(`/api/frequency/summary?date=${day}`)).json();
    expect(body.total).toEqual({
      required: 13,
      planned: 4,
      done: 3,
      attainmentPct: 23.1,
      doctors: 5,
      overdueDoctors: 2,
    });
    expect(body.byRep).toHaveLength(2);
    expect(body.byRep).toEqual(
      expect.arrayContaining([
        { repId: w.users.rep1a.id, repName: '张三', ...rep1aFigures },
        { repId: w.users.rep1b.id, repName: '赵六', ...rep1bFigures },
      ]),
    );
    const team = (await manager.get(`/api/frequency/summary?date=${day}&teamId=${w.teams.team1.id}`)).json();
    expect(team.total).toEqual(body.total);
  });

  it("answers 404 for another team or another team's rep", async () => {
    const manager = await t.signIn('manager01');
    expect((await manager.get(`/api/frequency/summary?teamId=${w.teams.team2.id}`)).statusCode).toBe(404);
    expect((await manager.get(`/api/frequency/summary?ownerId=${w.users.rep2a.id}`)).statusCode).toBe(404);
    const rep = await t.signIn('rep01');
    expect((await rep.get(`/api/frequency/summary?teamId=${w.teams.team1.id}`)).statusCode).toBe(404);
  });

  it('asks an admin for a team or a rep, and sums any team for them', async () => {
    const admin = await t.signIn('admin');
    const res = await admin.get('/api/frequency/summary');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('请选择一个团队或一位医药代表');
    const team2 = (await admin.get(`/api/frequency/summary?date=${day}&teamId=${w.teams.team2.id}`)).json();
    expect(team2.byRep).toEqual([expect.objectContaining({ repId: w.users.rep2a.id, repName: '钱七' })]);
  });
});

describe('pre-call brief 访前准备 (GET /api/doctors/:id/pre-call-brief)', () => {
  it('shows the profile, personality tip, scores, the last call with its next step, open follow-ups and the birthday', async () => {
    const rep = await t.signIn('rep01');
    const res = await rep.get(`/api/doctors/${w.doctors.d1a.id}/pre-call-brief`);
    expect(res.statusCode, res.body).toBe(200);
    const brief = res.json();
    expect(brief.doctor).toMatchObject({
      id: w.doctors.d1a.id,
      name: '张三丰',
      hospitalName: '上海市第一人民医院',
      departmentName: '心内科',
      title: '主任医师',
      clinicSchedule: [],
    });
    expect(brief.personality).toMatchObject({ type: 'introverted', label: '内向型' });
    expect(brief.personality.tip.length).toBeGreaterThan(0);
    expect(brief.products).toEqual([
      {
        productId: w.products.p1.id,
        productName: '瑞心',
        prescriptionStatus: 1,
        prescriptionPotential: 4,
        grade: 'A',
        visitsPerCycle: 4,
        adoptionStep: 2,
      },
    ]);
    // the last submitted call whatever its type (the phone call of 11-18; the draft of 11-19 is not one)
    expect(brief.lastCall).toMatchObject({
      callDate: '2026-11-18',
      type: 'phone',
      ownerName: '张三',
      objectives: [
        { text: '确认瑞心试用患者的血脂复查结果', outcome: 'achieved' },
        { text: '邀请参加下月科室会', outcome: 'partly' },
      ],
      commitment: '同意为3位新患者处方瑞心',
      nextStep: '送科室会邀请函',
      nextStepDue: '2026-11-25',
      notes: '主任下周二上午门诊',
    });
    expect(brief.openFollowUps).toEqual([
      expect.objectContaining({ title: '送科室会邀请函', dueDate: '2026-01-10', overdue: true }),
      expect.objectContaining({ title: '寄送瑞心最新指南解读', dueDate: '2099-01-01', overdue: false }),
    ]);
    expect(brief.upcomingCareDates).toEqual([
      { date: addDays(chinaDate(), 5), kind: 'birthday', label: '生日' },
    ]);
  });

  it('gives the personality tip in English when asked', async () => {
    const rep = await t.signIn('rep01');
    const res = await rep.get(`/api/doctors/${w.doctors.d1a.id}/pre-call-brief`, { 'accept-language': 'en' });
    expect(res.json().personality.label).toBe('Introverted');
  });

  it('shows no birthday to an admin (no personal-data access) but does to compliance', async () => {
    const admin = await t.signIn('admin');
    const res = await admin.get(`/api/doctors/${w.doctors.d1a.id}/pre-call-brief`);
    expect(res.statusCode).toBe(200);
    expect(res.json().upcomingCareDates).toEqual([]);
    expect(res.json().lastCall.callDate).toBe('2026-11-18');
    const compliance = await t.signIn('compliance');
    const seen = (await compliance.get(`/api/doctors/${w.doctors.d1a.id}/pre-call-brief`)).json();
    expect(seen.upcomingCareDates).toHaveLength(1);
  });

  it("answers 404 for a doctor outside the caller's territories", async () => {
    const rep = await t.signIn('rep01');
    expect((await rep.get(`/api/doctors/${w.doctors.d1b.id}/pre-call-brief`)).statusCode).toBe(404);
    expect((await rep.get(`/api/doctors/${randomUUID()}/pre-call-brief`)).statusCode).toBe(404);
  });

  it('counts counted calls by anyone this cycle, and converts a lunar birthday', async () => {
    const insights = createPlanningInsightsService({ db, today: () => day });
    const d1a = await insights.preCallBrief(ctxOf(w.users.rep1a), w.doctors.d1a.id);
    // the phone call does not count toward the frequency: the last counted call is the 11-12 meeting
    expect(d1a.frequency).toEqual({ required: 4, doneThisCycle: 2, lastCallDate: '2026-11-12' });
    const shared = await insights.preCallBrief(ctxOf(w.users.rep1a), w.doctors.dShared.id);
    expect(shared.frequency).toEqual({ required: 2, doneThisCycle: 1, lastCallDate: '2026-11-16' });
    expect(shared.upcomingCareDates).toEqual([{ date: '2026-11-28', kind: 'birthday', label: '农历生日' }]);
    expect(shared.lastCall).toMatchObject({ callDate: '2026-11-16', ownerName: '钱七' });
    expect(shared.personality).toBeNull();
  });
});

describe('planning reminders 提醒 (GET /api/planning/reminders)', () => {
  /** A China wall-clock time as a Date. */
  const at = (local: string) => () => new Date(`${local}+08:00`);
  const remindersAt = (local: string, user: World['users']['rep1a']) =>
    createPlanningInsightsService({ db, now: at(local) }).reminders(ctxOf(user));

  it('reminds a rep with an empty next week on Friday from 15:00, not on Thursday', async () => {
    expect((await remindersAt('2026-11-20T15:00:00', w.users.rep1b)).items).toEqual([
      {
        kind: 'nextWeekEmpty',
        date: '2026-11-23',
        message: '下周（2026-11-23 起）还没有安排计划拜访，请尽快制定下周计划',
      },
    ]);
    expect((await remindersAt('2026-11-19T15:00:00', w.users.rep1b)).items).toEqual([]);
    expect((await remindersAt('2026-11-20T13:59:00', w.users.rep1b)).items).toEqual([]);
    expect((await remindersAt('2026-11-22T10:00:00', w.users.rep1b)).items.map((i) => i.kind)).toEqual([
      'nextWeekEmpty',
    ]);
  });

  it('does not remind a rep whose next week has planned calls, but flags a planned day below the minimum', async () => {
    const { items } = await remindersAt('2026-11-20T15:00:00', w.users.rep1a);
    expect(items).toEqual([
      { kind: 'todayBelowMin', date: day, message: '今天只计划了 0 个拜访，少于每天最少 10 个' },
    ]);
    // a Saturday is no working day
    expect((await remindersAt('2026-11-21T09:00:00', w.users.rep1a)).items).toEqual([]);
  });

  it('gives managers and admins no reminders', async () => {
    const manager = await t.signIn('manager01');
    const res = await manager.get('/api/planning/reminders');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [] });
  });
});
