import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@keqing/domain';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let rep: Client;
let m1: Client;

const base = Date.now() - 5 * 60_000;
let slots = 0;
function slot() {
  const start = base - (++slots * 15 + 10) * 60_000;
  return { startAt: new Date(start).toISOString(), endAt: new Date(start + 10 * 60_000).toISOString() };
}
const callBody = (extra: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  doctorId: w.doctors.d1a.id,
  type: 'visit',
  ...slot(),
  products: [{ productId: w.products.p1.id }],
  objectives: [{ text: '了解降脂治疗的顾虑', outcome: 'achieved' }],
  ...extra,
});
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  rep = await t.signIn('rep01');
  m1 = await t.signIn('manager01');
});
afterAll(async () => t?.close());

describe('follow-ups 跟进任务', () => {
  it('flags an open follow-up past its due date as overdue, and clears the flag once done', async () => {
    // a call two days ago whose next step was due yesterday
    const day = addDays(chinaDate(), -2);
    const call = await rep.post(
      '/api/calls',
      callBody({
        startAt: `${day}T09:00:00+08:00`,
        endAt: `${day}T09:20:00+08:00`,
        nextStep: '送新版说明书',
        nextStepDue: addDays(chinaDate(), -1),
        submit: true,
      }),
    );
    expect(call.statusCode, call.body).toBe(201);
    const overdue = (await rep.get('/api/follow-ups?overdue=true')).json();
    expect(overdue.items).toMatchObject([
      {
        title: '送新版说明书',
        overdue: true,
        status: 'open',
        doctorName: '张三丰',
        hospitalName: '上海市第一人民医院',
      },
    ]);
    const followUp = overdue.items[0];

    const done = await rep.patch(`/api/follow-ups/${followUp.id}`, {
      version: followUp.version,
      status: 'done',
      resolutionNote: '已当面送达',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', overdue: false, resolutionNote: '已当面送达' });
    expect(done.json().resolvedAt).not.toBeNull();
    expect((await rep.get('/api/follow-ups?overdue=true')).json().total).toBe(0);
    const [row] = await db().select().from(s.followUps).where(eq(s.followUps.id, followUp.id));
    expect(row).toMatchObject({ status: 'done', version: 2 });

    const reopened = await rep.patch(`/api/follow-ups/${followUp.id}`, { version: 2, status: 'open' });
    expect(reopened.json()).toMatchObject({ status: 'open', resolvedAt: null, overdue: true });
    const stale = await rep.patch(`/api/follow-ups/${followUp.id}`, { version: 2, status: 'notDone' });
    expect(stale.statusCode).toBe(409);

    const audit = await (
      await t.signIn('admin')
    ).get(`/api/audit-logs?entity=followUp&entityId=${followUp.id}`);
    expect(audit.json().total).toBeGreaterThanOrEqual(3);
  });

  it('lists the soonest due first, and lets only the owner resolve one (a rep elsewhere gets 404)', async () => {
    const later = addDays(chinaDate(), 10);
    const sooner = addDays(chinaDate(), 3);
    for (const due of [later, sooner]) {
      const res = await rep.post(
        '/api/calls',
        callBody({ nextStep: `约 ${due}`, nextStepDue: due, submit: true }),
      );
      expect(res.statusCode, res.body).toBe(201);
    }
    const open = (await rep.get('/api/follow-ups?status=open')).json();
    const dues = open.items.map((f: { dueDate: string }) => f.dueDate);
    expect(dues).toEqual([...dues].sort());
    expect(dues).toEqual(expect.arrayContaining([sooner, later]));
    const before = (await rep.get(`/api/follow-ups?dueBefore=${later}&status=open`)).json();
    expect(before.items.map((f: { dueDate: string }) => f.dueDate)).not.toContain(later);

    const mine = open.items[0];
    const manager = await m1.patch(`/api/follow-ups/${mine.id}`, { version: mine.version, status: 'done' });
    expect(manager.statusCode).toBe(403);
    const rep2a = await t.signIn('rep03');
    expect(
      (await rep2a.patch(`/api/follow-ups/${mine.id}`, { version: mine.version, status: 'done' })).statusCode,
    ).toBe(404);
    const [row] = await db().select().from(s.followUps).where(eq(s.followUps.id, mine.id));
    expect(row!.status).toBe('open');
  });
});

describe('co-visits 协访', () => {
  const evaluations = [
    { step: 'opening', score: 4, comment: '开场自然' },
    { step: 'probing', score: 3, comment: '追问不够深入' },
    { step: 'commitment', score: 4 },
  ];

  it("runs the flow: the team's manager coaches a submitted call, the rep sees and acknowledges it", async () => {
    const call = (await rep.post('/api/calls', callBody({ submit: true }))).json().call;
    const created = await m1.post('/api/co-visits', {
      callId: call.id,
      evaluations,
      strengths: '准备充分',
      improvements: '多用开放式问题',
    });
    expect(created.statusCode, created.body).toBe(201);
    const coVisit = created.json();
    expect(coVisit).toMatchObject({
      callId: call.id,
      managerName: '王经理',
      repName: '张三',
      doctorName: '张三丰',
      averageScore: 3.7,
      acknowledgedAt: null,
    });
    expect((await rep.get(`/api/calls/${call.id}`)).json().coVisitId).toBe(coVisit.id);

    const second = await m1.post('/api/co-visits', { callId: call.id, evaluations });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toBe('这次拜访已有协访记录');

    const edited = await m1.request({
      method: 'PATCH',
      url: `/api/co-visits/${coVisit.id}`,
      payload: { version: 1, evaluations: [{ step: 'opening', score: 5 }] },
    });
    expect(edited.json()).toMatchObject({ averageScore: 5, version: 2 });

    const mine = (await rep.get('/api/co-visits?acknowledged=false')).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([coVisit.id]);
    const ack = await rep.post(`/api/co-visits/${coVisit.id}/acknowledge`, {
      version: 2,
      repComment: '收到，下次多问开放式问题',
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json().acknowledgedAt).not.toBeNull();
    const twice = await rep.post(`/api/co-visits/${coVisit.id}/acknowledge`, { version: 3 });
    expect(twice.statusCode).toBe(409);
    const late = await m1.request({
      method: 'PATCH',
      url: `/api/co-visits/${coVisit.id}`,
      payload: { version: 3, strengths: '改' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('代表已确认该协访，不能再修改');
    const [row] = await db().select().from(s.coVisits).where(eq(s.coVisits.id, coVisit.id));
    expect(row).toMatchObject({ repComment: '收到，下次多问开放式问题', strengths: '准备充分', version: 3 });
  });

  it('answers 404 to a manager of another team, and keeps the co-visit from other reps', async () => {
    const call = (await rep.post('/api/calls', callBody({ submit: true }))).json().call;
    const m2 = await t.signIn('manager02');
    const res = await m2.post('/api/co-visits', { callId: call.id, evaluations });
    expect(res.statusCode).toBe(404);
    expect(await db().select().from(s.coVisits).where(eq(s.coVisits.callId, call.id))).toHaveLength(0);

    const coVisit = (await m1.post('/api/co-visits', { callId: call.id, evaluations })).json();
    const rep1b = await t.signIn('rep02');
    expect((await rep1b.get(`/api/co-visits/${coVisit.id}`)).statusCode).toBe(404);
    expect((await m2.get(`/api/co-visits/${coVisit.id}`)).statusCode).toBe(404);
    const ack = await m1.post(`/api/co-visits/${coVisit.id}/acknowledge`, { version: 1 });
    expect(ack.statusCode).toBe(403);
  });

  it.each<[string, () => Promise<Record<string, unknown>>, number, string]>([
    [
      'a step evaluated twice',
      async () => ({
        callId: (await rep.post('/api/calls', callBody({ submit: true }))).json().call.id,
        evaluations: [
          { step: 'opening', score: 4 },
          { step: 'opening', score: 2 },
        ],
      }),
      400,
      '同一步骤只能评估一次',
    ],
    [
      'a draft call',
      async () => ({ callId: (await rep.post('/api/calls', callBody())).json().call.id, evaluations }),
      400,
      '只能对已提交的拜访填写协访',
    ],
    [
      "the manager's own call",
      async () => ({
        callId: (await m1.post('/api/calls', callBody({ doctorId: w.doctors.d1b.id, submit: true }))).json()
          .call.id,
        evaluations,
      }),
      400,
      '协访只能针对医药代表的拜访',
    ],
  ])('refuses %s and saves nothing', async (_label, body, status, message) => {
    const payload = await body();
    const res = await m1.post('/api/co-visits', payload);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.message).toBe(message);
    expect(
      await db()
        .select()
        .from(s.coVisits)
        .where(eq(s.coVisits.callId, payload.callId as string)),
    ).toHaveLength(0);
  });

  it('refuses reps and admins', async () => {
    const call = (await rep.post('/api/calls', callBody({ submit: true }))).json().call;
    for (const client of [rep, await t.signIn('admin')]) {
      expect((await client.post('/api/co-visits', { callId: call.id, evaluations })).statusCode).toBe(403);
    }
  });
});
