import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@keqing/domain';
import type {
  DailyReport,
  DailyReportDetail,
  DailyReportDraft,
  ListResponse,
  ReportComment,
  TeamDay,
  WeeklyReport,
} from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let rep02: Client; // rep1b, team1 (m1)
let rep01: Client; // rep1a, team1
let m1: Client;
let m2: Client;
let admin: Client;
let compliance: Client;

const db = () => t.database.db;
type ErrorBody = { error: { code: string; message: string; details?: { path: string; message: string }[] } };
const day = '2026-11-02'; // a Monday
let plannedDone: string;
let plannedMissed: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(db());
  rep01 = await t.signIn('rep01');
  rep02 = await t.signIn('rep02');
  m1 = await t.signIn('manager01');
  m2 = await t.signIn('manager02');
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');

  const rep1b = w.users.rep1b.id;
  const [plan] = await db()
    .insert(s.cyclePlans)
    .values({ ownerId: rep1b, cycleStart: '2026-10-26', cycleEnd: '2026-11-22' })
    .returning();
  const pc = (date: string, halfDay: 'am' | 'pm', status: 'planned' | 'cancelled' = 'planned') => ({
    cyclePlanId: plan!.id,
    ownerId: rep1b,
    doctorId: w.doctors.d1b.id,
    hospitalId: w.hospitals.h1b.id,
    date,
    halfDay,
    status,
  });
  const planned = await db()
    .insert(s.plannedCalls)
    .values([pc(day, 'am'), pc(day, 'pm'), pc(day, 'pm', 'cancelled'), pc('2026-11-03', 'am')])
    .returning({ id: s.plannedCalls.id });
  plannedDone = planned[0]!.id;
  plannedMissed = planned[1]!.id;
  await db()
    .insert(s.calls)
    .values(
      [
        [day, '09:00', '09:30', 'submitted'],
        ['2026-11-03', '10:00', '10:20', 'submitted'],
        ['2026-11-04', '10:00', '10:20', 'draft'],
      ].map(([date, start, end, status]) => ({
        clientId: randomUUID(),
        ownerId: rep1b,
        doctorId: w.doctors.d1b.id,
        hospitalId: w.hospitals.h1b.id,
        type: 'visit' as const,
        startAt: `${date}T${start}:00+08:00`,
        endAt: `${date}T${end}:00+08:00`,
        callDate: date!,
        status: status as 'submitted',
        objectives: [{ text: '确认科室会时间', outcome: 'achieved' }],
      })),
    );
  await db()
    .insert(s.followUps)
    .values({
      ownerId: rep1b,
      doctorId: w.doctors.d1b.id,
      title: '送文献',
      dueDate: day,
      status: 'done',
      resolvedAt: `${day}T03:00:00Z`,
    });
});
afterAll(async () => t?.close());

async function reportRow(id: string) {
  const [row] = await db().select().from(s.dailyReports).where(eq(s.dailyReports.id, id));
  return row!;
}

describe('daily report: draft → save → submit (locked) → amend', () => {
  let reportId: string;

  it('refuses a report for a future day in Chinese and saves nothing', async () => {
    const tomorrow = addDays(chinaDate(), 1);
    const res = await rep02.post('/api/daily-reports', { date: tomorrow });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.details?.[0]).toMatchObject({ path: 'body.date' });
    expect((res.json() as ErrorBody).error.details?.[0]?.message).toContain('不能填写未来日期的日报');
    const draft = await rep02.get(`/api/daily-reports/draft?date=${tomorrow}`);
    expect(draft.statusCode).toBe(400);
    const rows = await db()
      .select()
      .from(s.dailyReports)
      .where(and(eq(s.dailyReports.ownerId, w.users.rep1b.id), eq(s.dailyReports.date, tomorrow)));
    expect(rows).toHaveLength(0);
  });

  it('drafts the day from calls, follow-ups done and the plan', async () => {
    const res = await rep02.get(`/api/daily-reports/draft?date=${day}`);
    expect(res.statusCode, res.body).toBe(200);
    const draft = res.json() as DailyReportDraft;
    expect(draft).toMatchObject({ status: 'unsaved', reportId: null, date: day });
    expect(draft.summary.counts).toEqual({
      planned: 2,
      plannedDone: 1,
      calls: 1,
      unplannedCalls: 0,
      callMinutes: 30,
      careActions: 0,
      followUpsDone: 1,
      deviations: 1,
    });
    expect(draft.summary.calls[0]).toMatchObject({
      objectives: ['确认科室会时间'],
      plannedCallId: plannedDone,
    });
    expect(draft.deviations).toEqual([
      expect.objectContaining({ plannedCallId: plannedMissed, reason: null }),
    ]);
  });

  it('saves the draft once per day (a second save answers the stored report)', async () => {
    const first = await rep02.post('/api/daily-reports', { date: day, highlights: '  李主任愿意试用  ' });
    expect(first.statusCode, first.body).toBe(201);
    const report = first.json() as DailyReport;
    reportId = report.id;
    expect(report).toMatchObject({ status: 'draft', highlights: '李主任愿意试用', version: 1 });
    const again = await rep02.post('/api/daily-reports', { date: day, highlights: '另一个' });
    expect(again.statusCode).toBe(200);
    expect((again.json() as DailyReport).id).toBe(reportId);
  });

  it('refuses submission while a deviation has no reason, or 其他 has no note', async () => {
    const res = await rep02.post(`/api/daily-reports/${reportId}/submit`, { version: 1 });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.details?.[0]?.message).toContain('请为每条计划偏差选择原因');
    const other = await rep02.patch(`/api/daily-reports/${reportId}`, {
      version: 1,
      deviations: [{ plannedCallId: plannedMissed, reason: 'other', note: ' ' }],
    });
    expect(other.statusCode, other.body).toBe(200);
    const again = await rep02.post(`/api/daily-reports/${reportId}/submit`, { version: 2 });
    expect(again.statusCode).toBe(400);
    expect((again.json() as ErrorBody).error.details?.[0]?.message).toContain('其他');
    expect((await reportRow(reportId)).status).toBe('draft');
  });

  it('only the owner changes the draft; stale versions conflict', async () => {
    expect((await m1.patch(`/api/daily-reports/${reportId}`, { version: 2, problems: 'x' })).statusCode).toBe(
      403,
    );
    expect((await m2.patch(`/api/daily-reports/${reportId}`, { version: 2, problems: 'x' })).statusCode).toBe(
      404,
    );
    expect(
      (await rep02.patch(`/api/daily-reports/${reportId}`, { version: 1, problems: 'x' })).statusCode,
    ).toBe(409);
  });

  it('submits with reasons and locks the report', async () => {
    const patched = await rep02.patch(`/api/daily-reports/${reportId}`, {
      version: 2,
      deviations: [{ plannedCallId: plannedMissed, reason: 'surgery' }],
      problems: '医院限制拜访时间',
      helpRequests: '希望经理协访',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const res = await rep02.post(`/api/daily-reports/${reportId}/submit`, { version: 3 });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as DailyReport;
    expect(report.status).toBe('submitted');
    expect(report.submittedAt).not.toBeNull();
    expect(report.deviations[0]).toMatchObject({ reason: 'surgery' });
    const locked = await rep02.patch(`/api/daily-reports/${reportId}`, { version: 4, problems: '改' });
    expect(locked.statusCode).toBe(409);
    expect((locked.json() as ErrorBody).error.message).toContain('锁定');
    expect((await rep02.post(`/api/daily-reports/${reportId}/submit`, { version: 4 })).statusCode).toBe(409);
  });

  it('amends a submitted report with a reason: amendment row and audit', async () => {
    const none = await rep02.post(`/api/daily-reports/${reportId}/amend`, {
      version: 4,
      reason: '无',
      changes: { problems: '医院限制拜访时间' },
    });
    expect(none.statusCode).toBe(400);
    const res = await rep02.post(`/api/daily-reports/${reportId}/amend`, {
      version: 4,
      reason: '选错原因',
      changes: { deviations: [{ plannedCallId: plannedMissed, reason: 'meeting' }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const detail = (await rep02.get(`/api/daily-reports/${reportId}`)).json() as DailyReportDetail;
    expect(detail.deviations[0]?.reason).toBe('meeting');
    expect(detail.amendments).toHaveLength(1);
    expect(detail.amendments[0]).toMatchObject({ reason: '选错原因', actorName: '赵六' });
    const audits = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'dailyReport'), eq(s.auditLog.entityId, reportId)));
    expect(audits.length).toBeGreaterThanOrEqual(5);
  });

  it("the rep's manager marks it read; a rep may not, another team's manager sees nothing", async () => {
    expect((await rep02.post(`/api/daily-reports/${reportId}/read`)).statusCode).toBe(403);
    expect((await m2.post(`/api/daily-reports/${reportId}/read`)).statusCode).toBe(404);
    expect((await compliance.post(`/api/daily-reports/${reportId}/read`)).statusCode).toBe(403);
    const unread = (await m1.get('/api/daily-reports?unread=true')).json() as ListResponse<DailyReport>;
    expect(unread.items.map((r) => r.id)).toContain(reportId);
    const res = await m1.post(`/api/daily-reports/${reportId}/read`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ readBy: w.users.m1.id, readByName: '王经理' });
    const after = (await m1.get('/api/daily-reports?unread=true')).json() as ListResponse<DailyReport>;
    expect(after.items.map((r) => r.id)).not.toContain(reportId);
  });

  it('manager comments notify the rep, answers notify the manager; idempotent on clientId', async () => {
    const clientId = randomUUID();
    const res = await m1.post(`/api/daily-reports/${reportId}/comments`, {
      clientId,
      kind: 'question',
      body: '手术多的话能否改约下午？',
    });
    expect(res.statusCode, res.body).toBe(201);
    const comment = res.json() as ReportComment;
    expect(comment).toMatchObject({ kind: 'question', authorName: '王经理' });
    const again = await m1.post(`/api/daily-reports/${reportId}/comments`, { clientId, body: '重复' });
    expect(again.statusCode).toBe(200);
    expect((again.json() as ReportComment).id).toBe(comment.id);
    const [n] = await db()
      .select()
      .from(s.notifications)
      .where(
        and(
          eq(s.notifications.userId, w.users.rep1b.id),
          eq(s.notifications.sourceKey, `reportComment:${comment.id}`),
        ),
      );
    expect(n).toMatchObject({ kind: 'reportComment', link: `/reports/daily/${reportId}` });
    expect(n!.params).toMatchObject({ author: '王经理', date: day, kind: 'question' });

    expect(
      (
        await rep02.post(`/api/daily-reports/${reportId}/comments`, {
          clientId: randomUUID(),
          kind: 'comment',
          body: 'x',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await rep01.post(`/api/daily-reports/${reportId}/comments`, { clientId: randomUUID(), body: 'x' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await admin.post(`/api/daily-reports/${reportId}/comments`, { clientId: randomUUID(), body: 'x' }))
        .statusCode,
    ).toBe(403);
    const answer = await rep02.post(`/api/daily-reports/${reportId}/comments`, {
      clientId: randomUUID(),
      body: '可以，已和护士长约好',
    });
    expect(answer.statusCode, answer.body).toBe(201);
    expect((answer.json() as ReportComment).kind).toBe('answer');
    const toManager = await db()
      .select()
      .from(s.notifications)
      .where(eq(s.notifications.sourceKey, `reportComment:${(answer.json() as ReportComment).id}`));
    expect(toManager.map((x) => x.userId)).toEqual([w.users.m1.id]);
    const list = (await rep02.get(`/api/daily-reports/${reportId}/comments`)).json() as {
      items: ReportComment[];
    };
    expect(list.items.map((c) => c.kind)).toEqual(['question', 'answer']);
  });

  it('a draft cannot be commented yet', async () => {
    const res = await m1.post(`/api/daily-reports/${w.reports.draft1a}/comments`, {
      clientId: randomUUID(),
      body: 'x',
    });
    expect(res.statusCode).toBe(409);
  });

  it("the team's day: every rep with status, counts, deviations with reasons and unread comments", async () => {
    expect((await rep02.get(`/api/daily-reports/team-day?date=${day}`)).statusCode).toBe(403);
    const res = await m1.get(`/api/daily-reports/team-day?date=${day}`);
    expect(res.statusCode, res.body).toBe(200);
    const teamDay = res.json() as TeamDay;
    expect(teamDay.teamId).toBe(w.teams.team1.id);
    const byRep = new Map(teamDay.reps.map((r) => [r.ownerId, r]));
    expect(byRep.get(w.users.rep1b.id)).toMatchObject({
      status: 'submitted',
      counts: { planned: 2, plannedDone: 1, deviations: 1 },
      deviations: [expect.objectContaining({ reason: 'meeting' })],
      helpRequests: '希望经理协访',
      unreadComments: 1,
      commentCount: 2,
    });
    expect(byRep.get(w.users.rep1a.id)).toMatchObject({ status: 'missing', reportId: null });
    expect(byRep.has(w.users.rep2a.id)).toBe(false);
    expect(
      (await m1.get(`/api/daily-reports/team-day?date=${day}&teamId=${w.teams.team2.id}`)).statusCode,
    ).toBe(404);
  });

  it('the week rolled up: plan vs actual per day and deviations by reason', async () => {
    const res = await m1.get(`/api/weekly-reports?ownerId=${w.users.rep1b.id}&week=2026-11-04`);
    expect(res.statusCode, res.body).toBe(200);
    const week = res.json() as WeeklyReport;
    expect(week).toMatchObject({ weekStart: day, weekEnd: '2026-11-08', ownerName: '赵六' });
    expect(week.days.map((d) => d.date)).toEqual([
      day,
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
    ]);
    expect(week.days[0]).toMatchObject({ status: 'submitted', planned: 2, plannedDone: 1, doneRate: 50 });
    expect(week.days[1]).toMatchObject({ status: 'missing', planned: 1, plannedDone: 1, calls: 1 });
    expect(week.totals).toMatchObject({
      planned: 3,
      plannedDone: 2,
      calls: 2,
      submittedDays: 1,
      missingDays: 4,
    });
    expect(week.deviationsByReason).toMatchObject({ meeting: 1, unexplained: 0 });
    expect(week.highlights).toEqual([{ date: day, text: '李主任愿意试用' }]);
    expect((await m2.get(`/api/weekly-reports?ownerId=${w.users.rep1b.id}`)).statusCode).toBe(404);
  });
});
