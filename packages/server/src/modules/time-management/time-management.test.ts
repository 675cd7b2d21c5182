import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate, mondayOf } from '@keqing/domain';
import type { Task, TaskMatrix, TimeEntry, TimeReview } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a, team1 (m1)
let rep03: Client; // rep2a, team2 (m2)
let m1: Client;
let m2: Client;
let admin: Client;
let compliance: Client;

const db = () => t.database.db;
const today = chinaDate();
type ErrorBody = { error: { code: string; message: string; details?: { path: string; message: string }[] } };

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(db());
  rep01 = await t.signIn('rep01');
  rep03 = await t.signIn('rep03');
  m1 = await t.signIn('manager01');
  m2 = await t.signIn('manager02');
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');
});
afterAll(async () => t?.close());

const newTask = (over: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  title: '拜访张主任，确认科室会时间',
  important: true,
  urgent: true,
  dueDate: addDays(today, 1),
  estimatedMinutes: 30,
  ...over,
});

describe('tasks', () => {
  it('creates a task of the caller, idempotent on clientId (same task, 200)', async () => {
    const body = newTask({ filterAnswers: { mustDo: true, goalRelated: true } });
    const first = await rep01.post('/api/tasks', body);
    expect(first.statusCode, first.body).toBe(201);
    const task = first.json() as Task;
    expect(task).toMatchObject({
      ownerId: w.users.rep1a.id,
      quadrant: 'A',
      status: 'open',
      filterAdvice: 'keep',
      version: 1,
    });
    const again = await rep01.post('/api/tasks', { ...body, title: '改了标题' });
    expect(again.statusCode).toBe(200);
    expect((again.json() as Task).id).toBe(task.id);
    expect((again.json() as Task).title).toBe(body.title);
    const stored = await db().select().from(s.tasks).where(eq(s.tasks.clientId, body.clientId));
    expect(stored).toHaveLength(1);
    // another user's same clientId is their own task
    const other = await rep03.post('/api/tasks', body);
    expect(other.statusCode).toBe(201);
    expect((other.json() as Task).id).not.toBe(task.id);
    const audit = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'task'), eq(s.auditLog.entityId, task.id)));
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it.each([
    ['an empty title', { title: '  ' }, 'body.title'],
    ['an estimate over 720 minutes', { estimatedMinutes: 721 }, 'body.estimatedMinutes'],
    ['a bad due date', { dueDate: '2026-02-30' }, 'body.dueDate'],
    ['an unknown filter question', { filterAnswers: { foo: true } }, 'body.filterAnswers'],
  ])('refuses %s in Chinese and saves nothing', async (_label, over, path) => {
    const body = newTask(over);
    const res = await rep01.post('/api/tasks', body);
    expect(res.statusCode).toBe(400);
    const err = (res.json() as ErrorBody).error;
    expect(err.code).toBe('VALIDATION_FAILED');
    const issue = err.details!.find((d) => d.path === path);
    expect(issue, JSON.stringify(err.details)).toBeDefined();
    expect(issue!.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await db().select().from(s.tasks).where(eq(s.tasks.clientId, body.clientId))).toHaveLength(0);
  });

  it('completes a task (completedAt set), reopens it, and refuses a stale version', async () => {
    const task = (
      await rep01.post('/api/tasks', newTask({ important: false, urgent: false }))
    ).json() as Task;
    const done = await rep01.patch(`/api/tasks/${task.id}`, { version: 1, status: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', version: 2, quadrant: 'D' });
    expect((done.json() as Task).completedAt).not.toBeNull();
    const stale = await rep01.patch(`/api/tasks/${task.id}`, { version: 1, title: '旧版本' });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as ErrorBody).error.code).toBe('VERSION_CONFLICT');
    const reopened = await rep01.patch(`/api/tasks/${task.id}`, { version: 2, status: 'open', urgent: true });
    expect(reopened.json()).toMatchObject({ status: 'open', completedAt: null, quadrant: 'C', version: 3 });
  });

  it('lets only the owner change a task: another rep 404, the manager 403, another team’s manager 404', async () => {
    const id = w.timeManagement.task1a;
    const version = 1;
    expect((await rep03.patch(`/api/tasks/${id}`, { version, status: 'done' })).statusCode).toBe(404);
    expect((await m2.patch(`/api/tasks/${id}`, { version, status: 'done' })).statusCode).toBe(404);
    const byManager = await m1.patch(`/api/tasks/${id}`, { version, status: 'done' });
    expect(byManager.statusCode).toBe(403);
    expect((byManager.json() as ErrorBody).error.message).toBe('只有任务的负责人本人可以修改该任务');
    expect((await admin.patch(`/api/tasks/${id}`, { version, status: 'done' })).statusCode).toBe(403);
    expect((await compliance.patch(`/api/tasks/${id}`, { version, status: 'done' })).statusCode).toBe(403);
    const [row] = await db().select().from(s.tasks).where(eq(s.tasks.id, id));
    expect(row!.status).toBe('open');
  });

  it('lists own tasks; a manager reads a team member’s with ownerId, another team’s is 404', async () => {
    const own = (await rep01.get('/api/tasks?pageSize=200')).json() as { items: Task[] };
    expect(own.items.map((i) => i.id)).toContain(w.timeManagement.task1a);
    expect(own.items.every((i) => i.ownerId === w.users.rep1a.id)).toBe(true);
    const mine = (await m1.get('/api/tasks?pageSize=200')).json() as { items: Task[] };
    expect(mine.items.map((i) => i.id)).toEqual([w.timeManagement.taskM1]);
    const team = (await m1.get(`/api/tasks?ownerId=${w.users.rep1a.id}&pageSize=200`)).json() as {
      items: Task[];
    };
    expect(team.items.map((i) => i.id)).toContain(w.timeManagement.task1a);
    expect((await m2.get(`/api/tasks?ownerId=${w.users.rep1a.id}`)).statusCode).toBe(404);
    expect((await rep03.get(`/api/tasks?ownerId=${w.users.rep1a.id}`)).statusCode).toBe(404);
    expect((await compliance.get(`/api/tasks?ownerId=${w.users.rep1a.id}`)).statusCode).toBe(200);
  });

  it('filters by quadrant and status', async () => {
    await rep01.post('/api/tasks', newTask({ title: 'B 象限任务', important: true, urgent: false }));
    const b = (await rep01.get('/api/tasks?quadrant=B&status=open&pageSize=200')).json() as { items: Task[] };
    expect(b.items.length).toBeGreaterThan(0);
    expect(b.items.every((i) => i.quadrant === 'B' && i.status === 'open')).toBe(true);
    const count = await db()
      .select()
      .from(s.tasks)
      .where(
        and(
          eq(s.tasks.ownerId, w.users.rep1a.id),
          eq(s.tasks.important, true),
          eq(s.tasks.urgent, false),
          eq(s.tasks.status, 'open'),
        ),
      );
    expect(b.items).toHaveLength(count.length);
    const found = (await rep01.get(`/api/tasks?q=${encodeURIComponent('B 象限')}`)).json() as {
      items: Task[];
    };
    expect(found.items.map((i) => i.title)).toEqual(['B 象限任务']);
    const none = (await rep01.get(`/api/tasks?q=${encodeURIComponent('%')}`)).json() as { items: Task[] };
    expect(none.items).toEqual([]);
  });
});

describe('the matrix', () => {
  const date = '2030-03-02';
  let overdue: string;
  let later: string;
  let soonCare: string;
  let laterCare: string;
  let hidden: string[]; // done, another rep's, too far, another team's doctor
  /** Our items only (the world's other fixtures may hold follow-ups of rep1a too). */
  const ours = (items: { id: string }[]) =>
    items.map((i) => i.id).filter((id) => [overdue, later, soonCare, laterCare].includes(id));

  beforeAll(async () => {
    const followUp = (ownerId: string, dueDate: string, status: 'open' | 'done' = 'open') => ({
      ownerId,
      doctorId: w.doctors.d1a.id,
      title: `跟进 ${dueDate}`,
      dueDate,
      status,
    });
    const rows = await db()
      .insert(s.followUps)
      .values([
        followUp(w.users.rep1a.id, '2030-02-27'),
        followUp(w.users.rep1a.id, '2030-03-12'),
        followUp(w.users.rep1a.id, '2030-02-20', 'done'),
        followUp(w.users.rep2a.id, '2030-02-27'),
      ])
      .returning({ id: s.followUps.id });
    overdue = rows[0]!.id;
    later = rows[1]!.id;
    hidden = [rows[2]!.id, rows[3]!.id];
    const cares = await db()
      .insert(s.careDates)
      .values([
        { doctorId: w.doctors.d1a.id, kind: 'workAnniversary', label: '从医 20 周年', month: 3, day: 4 },
        { doctorId: w.doctors.d1a.id, kind: 'familyEvent', label: '孩子高考', month: 3, day: 8 },
        { doctorId: w.doctors.d1a.id, kind: 'other', label: '太远', month: 4, day: 20 },
        { doctorId: w.doctors.d2a.id, kind: 'other', label: '别人的医生', month: 3, day: 3 },
      ])
      .returning({ id: s.careDates.id });
    soonCare = cares[0]!.id;
    laterCare = cares[1]!.id;
    hidden.push(cares[2]!.id, cares[3]!.id);
  });

  const quadrant = (m: TaskMatrix, q: string) => m.quadrants.find((x) => x.quadrant === q)!;

  it('places open tasks by their flags and follow-ups / care dates by due date (urgent within 3 days)', async () => {
    const res = await rep01.get(`/api/tasks/matrix?date=${date}`);
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json() as TaskMatrix;
    expect(m).toMatchObject({
      ownerId: w.users.rep1a.id,
      date,
      urgentWithinDays: 3,
      careUntil: '2030-03-09',
    });
    const a = quadrant(m, 'A');
    const b = quadrant(m, 'B');
    expect(ours(a.derived)).toEqual([overdue, soonCare]);
    expect(a.derived.find((d) => d.id === overdue)).toMatchObject({
      source: 'followUp',
      overdue: true,
      link: `/doctors/${w.doctors.d1a.id}`,
    });
    expect(a.derived.find((d) => d.id === soonCare)).toMatchObject({
      source: 'careDate',
      careKind: 'workAnniversary',
      dueDate: '2030-03-04',
      overdue: false,
    });
    expect(ours(b.derived)).toEqual([laterCare, later]);
    // derived items are always important; none is hidden data
    expect(quadrant(m, 'C').derived).toEqual([]);
    expect(quadrant(m, 'D').derived).toEqual([]);
    const all = m.quadrants.flatMap((q) => q.derived.map((d) => d.id));
    expect(all.filter((id) => hidden.includes(id))).toEqual([]);
    // every open task of rep1a exactly once, in its quadrant; the counts add up
    const open = await db()
      .select()
      .from(s.tasks)
      .where(and(eq(s.tasks.ownerId, w.users.rep1a.id), eq(s.tasks.status, 'open')));
    const listed = m.quadrants.flatMap((q) => q.tasks.map((x) => x.id));
    expect(listed.sort()).toEqual(open.map((o) => o.id).sort());
    for (const q of m.quadrants) {
      expect(q.count).toBe(q.tasks.length + q.derived.length);
      expect(q.tasks.every((x) => x.quadrant === q.quadrant)).toBe(true);
    }
  });

  it('shows a team member’s matrix to their manager; an admin gets no care dates (personal data)', async () => {
    const byManager = (
      await m1.get(`/api/tasks/matrix?date=${date}&ownerId=${w.users.rep1a.id}`)
    ).json() as TaskMatrix;
    expect(ours(quadrant(byManager, 'A').derived)).toEqual([overdue, soonCare]);
    const byAdmin = (
      await admin.get(`/api/tasks/matrix?date=${date}&ownerId=${w.users.rep1a.id}`)
    ).json() as TaskMatrix;
    expect(ours(quadrant(byAdmin, 'A').derived)).toEqual([overdue]);
    expect(byAdmin.quadrants.flatMap((q) => q.derived).filter((d) => d.source === 'careDate')).toEqual([]);
    expect((await m2.get(`/api/tasks/matrix?ownerId=${w.users.rep1a.id}`)).statusCode).toBe(404);
  });
});

describe('time entries', () => {
  const entry = (over: Record<string, unknown> = {}) => ({
    clientId: randomUUID(),
    date: addDays(today, -1),
    activity: 'travel',
    kind: 'actual',
    minutes: 60,
    ...over,
  });

  it('logs an entry, idempotent on clientId', async () => {
    const body = entry({ note: '去瑞金医院' });
    const first = await rep01.post('/api/time-entries', body);
    expect(first.statusCode, first.body).toBe(201);
    const again = await rep01.post('/api/time-entries', body);
    expect(again.statusCode).toBe(200);
    expect((again.json() as TimeEntry).id).toBe((first.json() as TimeEntry).id);
  });

  it.each([
    ['0 minutes', { minutes: 0 }, 'body.minutes'],
    ['721 minutes', { minutes: 721 }, 'body.minutes'],
    ['an unknown activity', { activity: 'golf' }, 'body.activity'],
  ])('refuses %s in Chinese', async (_label, over, path) => {
    const body = entry(over);
    const res = await rep01.post('/api/time-entries', body);
    expect(res.statusCode).toBe(400);
    const issue = (res.json() as ErrorBody).error.details!.find((d) => d.path === path);
    expect(issue!.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(
      await db().select().from(s.timeEntries).where(eq(s.timeEntries.clientId, body.clientId)),
    ).toHaveLength(0);
  });

  it('refuses actual time in the future but accepts a plan', async () => {
    const future = addDays(today, 2);
    const res = await rep01.post('/api/time-entries', entry({ date: future }));
    expect(res.statusCode).toBe(400);
    const err = (res.json() as ErrorBody).error;
    expect(err.details![0]).toEqual({
      path: 'body.date',
      message: `实际时间不能记录在未来的日期（今天是 ${today}）`,
    });
    const plan = await rep01.post('/api/time-entries', entry({ date: future, kind: 'planned' }));
    expect(plan.statusCode).toBe(201);
    // turning the plan into an actual entry is refused too
    const id = (plan.json() as TimeEntry).id;
    expect((await rep01.patch(`/api/time-entries/${id}`, { version: 1, kind: 'actual' })).statusCode).toBe(
      400,
    );
  });

  it('changes and deletes own entries only, with version and audit', async () => {
    const id = ((await rep01.post('/api/time-entries', entry())).json() as TimeEntry).id;
    const changed = await rep01.patch(`/api/time-entries/${id}`, { version: 1, minutes: 90 });
    expect(changed.json()).toMatchObject({ minutes: 90, version: 2 });
    expect((await rep01.patch(`/api/time-entries/${id}`, { version: 1, minutes: 10 })).statusCode).toBe(409);
    expect((await rep03.patch(`/api/time-entries/${id}`, { version: 2, minutes: 10 })).statusCode).toBe(404);
    expect((await m1.patch(`/api/time-entries/${id}`, { version: 2, minutes: 10 })).statusCode).toBe(403);
    expect((await rep03.request({ method: 'DELETE', url: `/api/time-entries/${id}` })).statusCode).toBe(404);
    expect((await m2.request({ method: 'DELETE', url: `/api/time-entries/${id}` })).statusCode).toBe(404);
    expect((await rep01.request({ method: 'DELETE', url: `/api/time-entries/${id}` })).statusCode).toBe(204);
    expect(await db().select().from(s.timeEntries).where(eq(s.timeEntries.id, id))).toHaveLength(0);
    const audit = await db()
      .select({ action: s.auditLog.action })
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'timeEntry'), eq(s.auditLog.entityId, id)));
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'delete', 'update']);
  });

  it('lists a range; a bad range is refused', async () => {
    const from = addDays(today, -1);
    const res = (await rep01.get(`/api/time-entries?from=${from}&to=${from}&pageSize=200`)).json() as {
      items: TimeEntry[];
    };
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.items.every((i) => i.date === from && i.ownerId === w.users.rep1a.id)).toBe(true);
    const bad = await rep01.get(`/api/time-entries?from=${today}&to=${from}`);
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ErrorBody).error.details![0]!.message).toBe('开始日期不能晚于结束日期');
  });
});

describe('the weekly review', () => {
  // a past week with no other records of rep1b
  const week = '2026-10-12';
  const monday = mondayOf(week);

  beforeAll(async () => {
    const rep1b = w.users.rep1b.id;
    const e = (date: string, activity: string, kind: string, minutes: number) => ({
      ownerId: rep1b,
      clientId: randomUUID(),
      date,
      activity: activity as 'calls',
      kind: kind as 'actual',
      minutes,
    });
    await db()
      .insert(s.timeEntries)
      .values([
        e('2026-10-12', 'travel', 'planned', 60),
        e('2026-10-12', 'travel', 'actual', 90),
        e('2026-10-13', 'travel', 'actual', 30),
        e('2026-10-13', 'admin', 'actual', 45),
        e('2026-10-14', 'calls', 'planned', 100), // the rep's plan: replaces the week's planned calls
        e('2026-10-14', 'calls', 'actual', 15),
        e('2026-10-19', 'travel', 'actual', 500), // next week
      ]);
    const [plan] = await db()
      .insert(s.cyclePlans)
      .values({ ownerId: rep1b, cycleStart: '2026-10-05', cycleEnd: '2026-11-01' })
      .returning();
    const pc = (date: string, startTime: string | null, endTime: string | null, status = 'planned') => ({
      cyclePlanId: plan!.id,
      ownerId: rep1b,
      doctorId: w.doctors.d1b.id,
      hospitalId: w.hospitals.h1b.id,
      date,
      halfDay: 'am' as const,
      startTime,
      endTime,
      status: status as 'planned',
    });
    await db()
      .insert(s.plannedCalls)
      .values([
        pc('2026-10-12', '09:00', '09:20'), // 20
        pc('2026-10-12', null, null), // default 30
        pc('2026-10-13', null, null, 'cancelled'), // not counted
        pc('2026-10-14', '10:00', '11:00'), // 60
        pc('2026-10-20', null, null), // next week, no logged plan: 30 + 30
        pc('2026-10-21', null, null),
      ]);
    const call = (callDate: string, start: string, end: string, status: 'submitted' | 'draft') => ({
      clientId: randomUUID(),
      ownerId: rep1b,
      doctorId: w.doctors.d1b.id,
      hospitalId: w.hospitals.h1b.id,
      type: 'visit' as const,
      startAt: `${callDate}T${start}:00+08:00`,
      endAt: `${callDate}T${end}:00+08:00`,
      callDate,
      status,
    });
    await db()
      .insert(s.calls)
      .values([
        call('2026-10-12', '09:00', '09:25', 'submitted'), // 25
        call('2026-10-13', '14:00', '14:40', 'submitted'), // 40
        call('2026-10-13', '15:00', '15:30', 'draft'), // not counted
      ]);
    const done = async (important: boolean, urgent: boolean, completedAt: string, status = 'done') =>
      db()
        .insert(s.tasks)
        .values({
          ownerId: rep1b,
          clientId: randomUUID(),
          title: 't',
          important,
          urgent,
          status: status as 'done',
          completedAt,
        });
    await done(true, true, '2026-10-12T02:00:00Z');
    await done(true, false, '2026-10-18T15:00:00Z'); // 23:00 Sunday in China: this week
    await done(false, false, '2026-10-18T16:30:00Z'); // 00:30 Monday in China: next week
    await done(false, true, '2026-10-15T02:00:00Z', 'dropped');
  });

  it('sums planned vs actual by activity, with call time from plans and submitted calls', async () => {
    const rep02 = await t.signIn('rep02');
    const res = await rep02.get(`/api/time-review?weekStart=2026-10-15`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as TimeReview;
    expect(r).toMatchObject({ weekStart: monday, weekEnd: '2026-10-18' });
    const by = Object.fromEntries(r.activities.map((a) => [a.activity, a]));
    expect(by.travel).toMatchObject({ plannedMinutes: 60, actualMinutes: 120, gapMinutes: 60 });
    expect(by.admin).toMatchObject({ plannedMinutes: 0, actualMinutes: 45 });
    // planned: the logged 100 (the planned calls' 110 give way); actual: 15 logged + 25 + 40 submitted
    expect(by.calls).toMatchObject({ plannedMinutes: 100, actualMinutes: 80, gapMinutes: -20 });
    expect(r.calls).toEqual({
      loggedPlannedMinutes: 100,
      plannedCallsMinutes: 110,
      plannedCallsCount: 3,
      loggedActualMinutes: 15,
      submittedCallsMinutes: 65,
      submittedCallsCount: 2,
    });
    expect(r.plannedTotal).toBe(160);
    expect(r.actualTotal).toBe(245);
    expect(r.biggestGaps).toEqual(['travel', 'admin', 'calls']);
    expect(by.calls!.actualSharePct).toBe(32.7);
    expect(r.tasksDone).toEqual({ A: 1, B: 1, C: 0, D: 0 });
    expect(r.tasksDropped).toBe(1);
  });

  it('takes planned call time from the planned calls when the rep logged no plan', async () => {
    const r = (
      await (await t.signIn('rep02')).get('/api/time-review?weekStart=2026-10-19')
    ).json() as TimeReview;
    expect(r.calls).toMatchObject({ loggedPlannedMinutes: 0, plannedCallsMinutes: 60, plannedCallsCount: 2 });
    expect(r.activities.find((a) => a.activity === 'calls')).toMatchObject({
      plannedMinutes: 60,
      actualMinutes: 0,
    });
    expect(r.activities.find((a) => a.activity === 'travel')).toMatchObject({
      plannedMinutes: 0,
      actualMinutes: 500,
    });
  });

  it('gives the manager the same figures; another team’s manager 404', async () => {
    const own = (await (await t.signIn('rep02')).get(`/api/time-review?weekStart=${week}`)).json();
    const byManager = await m1.get(`/api/time-review?weekStart=${week}&ownerId=${w.users.rep1b.id}`);
    expect(byManager.json()).toEqual(own);
    expect((await m2.get(`/api/time-review?weekStart=${week}&ownerId=${w.users.rep1b.id}`)).statusCode).toBe(
      404,
    );
  });
});
