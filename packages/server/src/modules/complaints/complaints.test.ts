import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema.ts';
import type { RequestContext } from '../../http/context.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { createComplaintsService } from './complaints.service.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a: h1a (d1a), hShared, cc1a
let rep02: Client; // rep1b: h1b (d1b)
let rep03: Client; // rep2a: h2a (d2a), hShared, cc2a
let m1: Client;
let compliance: Client;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  rep01 = await t.signIn('rep01');
  rep02 = await t.signIn('rep02');
  rep03 = await t.signIn('rep03');
  m1 = await t.signIn('manager01');
  compliance = await t.signIn('compliance');
});
afterAll(async () => t?.close());

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const complaint = (extra: Record<string, unknown>) => ({
  issueType: 'damagedPackaging',
  description: '到货包装破损，三盒药品外盒压坏',
  channel: 'visit',
  ...extra,
});
const countComplaints = async () => {
  const [row] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(s.complaints);
  return Number(row!.n);
};
const stored = async (id: string) =>
  (await t.database.db.select().from(s.complaints).where(eq(s.complaints.id, id)))[0]!;
const auditOf = (id: string) =>
  t.database.db
    .select({ action: s.auditLog.action })
    .from(s.auditLog)
    .where(and(eq(s.auditLog.entity, 'complaint'), eq(s.auditLog.entityId, id)));

describe('recording a complaint', () => {
  it('records one from a doctor, with the hospital, due times from the severity and an audit row', async () => {
    const receivedAt = hoursAgo(1);
    const res = await rep01.post(
      '/api/complaints',
      complaint({ doctorId: w.doctors.d1a.id, severity: 'urgent', receivedAt }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      ownerId: w.users.rep1a.id,
      ownerName: '张三',
      doctorId: w.doctors.d1a.id,
      channelCustomerId: null,
      status: 'received',
      severity: 'urgent',
      overdue: false,
      apologized: false,
      version: 1,
    });
    expect(body.hospitalName).toBeTruthy();
    const received = Date.parse(receivedAt);
    expect(Date.parse(body.acknowledgeDueAt)).toBe(received + 4 * 3_600_000);
    expect(Date.parse(body.closeDueAt)).toBe(received + 72 * 3_600_000);
    const row = await stored(body.id);
    expect(row.hospitalId).toBe(w.doctors.d1a.hospitalId);
    expect(await auditOf(body.id)).toEqual([{ action: 'create' }]);
  });

  it('records one from a channel customer (no hospital), a normal one due in 24 h and 7 days', async () => {
    const res = await rep01.post(
      '/api/complaints',
      complaint({ channelCustomerId: w.channelCustomers.cc1a.id, issueType: 'shortage' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      channelCustomerId: w.channelCustomers.cc1a.id,
      channelCustomerName: w.channelCustomers.cc1a.name,
      doctorId: null,
      hospitalName: null,
      severity: 'normal',
    });
    expect(Date.parse(body.acknowledgeDueAt) - Date.parse(body.receivedAt)).toBe(24 * 3_600_000);
    expect(Date.parse(body.closeDueAt) - Date.parse(body.receivedAt)).toBe(7 * 24 * 3_600_000);
    expect((await stored(body.id)).hospitalId).toBeNull();
    // the manager of the team sees it through the territory; the other team's rep does not
    expect((await m1.get(`/api/complaints/${body.id}`)).statusCode).toBe(200);
    expect((await rep03.get(`/api/complaints/${body.id}`)).statusCode).toBe(404);
  });

  it('refuses both a doctor and a channel customer, and neither, saving nothing', async () => {
    const before = await countComplaints();
    const both = await rep01.post(
      '/api/complaints',
      complaint({ doctorId: w.doctors.d1a.id, channelCustomerId: w.channelCustomers.cc1a.id }),
    );
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details[0]).toMatchObject({
      path: 'body.channelCustomerId',
      message: '请选择一位医生或一个渠道客户（只能选其一）',
    });
    const neither = await rep01.post('/api/complaints', complaint({}));
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.details[0].path).toBe('body.doctorId');
    expect(await countComplaints()).toBe(before);
  });

  it('refuses an out-of-scope doctor or channel customer, saving nothing', async () => {
    const before = await countComplaints();
    const doctor = await rep01.post('/api/complaints', complaint({ doctorId: w.doctors.d2a.id }));
    expect(doctor.statusCode).toBe(400);
    expect(doctor.json().error.details[0]).toMatchObject({
      path: 'body.doctorId',
      message: '该医生不在您负责的辖区内',
    });
    const customer = await rep01.post(
      '/api/complaints',
      complaint({ channelCustomerId: w.channelCustomers.cc2a.id }),
    );
    expect(customer.statusCode).toBe(400);
    expect(customer.json().error.details[0].path).toBe('body.channelCustomerId');
    expect(await countComplaints()).toBe(before);
  });

  it('refuses a complaint recorded by compliance (read-only)', async () => {
    const res = await compliance.post('/api/complaints', complaint({ doctorId: w.doctors.d1a.id }));
    expect(res.statusCode).toBe(403);
  });

  it('checks receivedAt against the service clock: 5 minutes ahead at most, 30 days back at most', async () => {
    const fixed = new Date('2026-03-10T02:00:00.000Z');
    const service = createComplaintsService({ db: t.database.db, now: () => fixed });
    const ctx: RequestContext = {
      actor: { id: w.users.rep1a.id, username: 'rep01', name: '张三', role: 'rep', teamId: w.teams.team1.id },
      requestId: 'complaints-test',
      locale: 'zh-CN',
    };
    const input = {
      doctorId: w.doctors.d1a.id,
      issueType: 'quality' as const,
      severity: 'normal' as const,
      description: '药片变色',
      channel: 'phone' as const,
    };
    const at = (ms: number) => new Date(fixed.getTime() + ms).toISOString();
    await expect(
      service.createComplaint(ctx, { ...input, receivedAt: at(10 * 60_000) }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', messageKey: 'complaints.receivedAt.future' });
    await expect(
      service.createComplaint(ctx, { ...input, receivedAt: at(-31 * 86_400_000) }),
    ).rejects.toMatchObject({ messageKey: 'complaints.receivedAt.tooOld' });
    const ok = await service.createComplaint(ctx, { ...input, receivedAt: at(4 * 60_000) });
    expect(ok.receivedAt).toBe(at(4 * 60_000));
    const byDefault = await service.createComplaint(ctx, input);
    expect(byDefault.receivedAt).toBe(fixed.toISOString());
    expect(byDefault.acknowledgeDueAt).toBe('2026-03-11T02:00:00.000Z');

    const acknowledged = await service.advanceComplaint(ctx, byDefault.id, {
      version: 1,
      to: 'acknowledged',
    });
    expect(acknowledged.acknowledgedAt).toBe(fixed.toISOString());
  });
});

describe('the recovery steps', () => {
  it('goes received → acknowledged → actionTaken → closed, each step with its rule', async () => {
    const created = (
      await rep01.post('/api/complaints', complaint({ doctorId: w.doctors.d1a.id, issueType: 'quality' }))
    ).json();
    const id: string = created.id;
    const advance = (body: Record<string, unknown>, client = rep01) =>
      client.post(`/api/complaints/${id}/advance`, body);

    // skipping a step is refused with the next step named
    const skip = await advance({ version: 1, to: 'actionTaken' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.message).toBe('投诉当前为“已接收”，下一步只能是“已确认”，不能直接改为“已处理”');
    expect((await stored(id)).status).toBe('received');

    const ack = await advance({ version: 1, to: 'acknowledged' });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', version: 2 });
    expect(ack.json().acknowledgedAt).not.toBeNull();

    // actionTaken needs the urgent action, then the apology
    const noAction = await advance({ version: 2, to: 'actionTaken' });
    expect(noAction.statusCode).toBe(400);
    expect(noAction.json().error.details[0]).toMatchObject({
      path: 'body.urgentAction',
      message: '请先填写紧急行动，再标记为已处理',
    });
    const patched = await rep01.patch(`/api/complaints/${id}`, {
      version: 2,
      empoweredScope: '可当场换货，不涉及现金',
      urgentAction: '当天上门更换同批号药品',
      compensation: '赠送替换装一盒',
      compensationFen: 3_500,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ version: 3, urgentAction: '当天上门更换同批号药品' });
    const noApology = await advance({ version: 3, to: 'actionTaken' });
    expect(noApology.statusCode).toBe(400);
    expect(noApology.json().error.details[0].path).toBe('body.apologized');
    expect((await stored(id)).status).toBe('acknowledged');

    // the manager of the owner's team may record the apology
    expect((await m1.patch(`/api/complaints/${id}`, { version: 3, apologized: true })).statusCode).toBe(200);
    const taken = await advance({ version: 4, to: 'actionTaken' });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json().actionTakenAt).not.toBeNull();

    // closing needs the resolution and the customer's satisfaction
    const noResolution = await advance({ version: 5, to: 'closed', customerSatisfied: true });
    expect(noResolution.statusCode).toBe(400);
    expect(noResolution.json().error.details[0].path).toBe('body.resolution');
    const noSatisfaction = await advance({ version: 5, to: 'closed', resolution: '已换货，客户确认' });
    expect(noSatisfaction.statusCode).toBe(400);
    expect(noSatisfaction.json().error.details[0].path).toBe('body.customerSatisfied');
    const closed = await advance({
      version: 5,
      to: 'closed',
      resolution: '已换货，客户确认',
      customerSatisfied: false,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      resolution: '已换货，客户确认',
      customerSatisfied: false,
      overdue: false,
      version: 6,
    });
    const row = await stored(id);
    expect(row.closedAt).not.toBeNull();
    expect(row.compensationFen).toBe(3_500);

    // a closed complaint is neither changed nor advanced
    const late = await rep01.patch(`/api/complaints/${id}`, { version: 6, resolution: '改写' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('该投诉已关闭，不能再修改');
    expect((await advance({ version: 6, to: 'closed' })).statusCode).toBe(409);
    expect((await stored(id)).resolution).toBe('已换货，客户确认');
    expect((await auditOf(id)).map((a) => a.action).sort()).toEqual([
      'create',
      'update',
      'update',
      'update',
      'update',
      'update',
    ]);
  });

  it('answers a stale version with 409 and changes nothing', async () => {
    const id = (await rep01.post('/api/complaints', complaint({ doctorId: w.doctors.d1a.id }))).json().id;
    expect((await rep01.patch(`/api/complaints/${id}`, { version: 1, apologized: true })).statusCode).toBe(
      200,
    );
    const stale = await rep01.patch(`/api/complaints/${id}`, { version: 1, urgentAction: '上门' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const staleAdvance = await rep01.post(`/api/complaints/${id}/advance`, {
      version: 1,
      to: 'acknowledged',
    });
    expect(staleAdvance.statusCode).toBe(409);
    expect(staleAdvance.json().error.code).toBe('VERSION_CONFLICT');
    const row = await stored(id);
    expect(row).toMatchObject({ version: 2, urgentAction: null, status: 'received' });
  });

  it('lets neither another rep of the team nor compliance change a complaint', async () => {
    const id = (await rep01.post('/api/complaints', complaint({ doctorId: w.doctors.d1a.id }))).json().id;
    // rep1b does not cover h1a: not even visible
    expect((await rep02.patch(`/api/complaints/${id}`, { version: 1, apologized: true })).statusCode).toBe(
      404,
    );
    expect(
      (await compliance.patch(`/api/complaints/${id}`, { version: 1, apologized: true })).statusCode,
    ).toBe(403);
    expect((await stored(id)).apologized).toBe(false);
  });
});

describe('the list', () => {
  it('flags an urgent complaint unacknowledged after 5 h as overdue, lists it first and filters on it', async () => {
    const late = (
      await rep03.post(
        '/api/complaints',
        complaint({ doctorId: w.doctors.d2a.id, severity: 'urgent', receivedAt: hoursAgo(5) }),
      )
    ).json();
    expect(late.overdue).toBe(true);
    const fresh = (
      await rep03.post(
        '/api/complaints',
        complaint({ doctorId: w.doctors.d2a.id, severity: 'urgent', receivedAt: hoursAgo(1) }),
      )
    ).json();
    expect(fresh.overdue).toBe(false);
    const normal = (
      await rep03.post('/api/complaints', complaint({ doctorId: w.doctors.d2a.id, receivedAt: hoursAgo(5) }))
    ).json();
    expect(normal.overdue).toBe(false);

    const overdue = (await rep03.get('/api/complaints?overdue=true')).json();
    expect(overdue.items.map((c: { id: string }) => c.id)).toEqual([late.id]);
    const notOverdue = (await rep03.get('/api/complaints?overdue=false')).json();
    const ids = notOverdue.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(fresh.id);
    expect(ids).not.toContain(late.id);

    // default order: open overdue first, then the newest received
    const all = (await rep03.get('/api/complaints')).json();
    const order = all.items.map((c: { id: string }) => c.id);
    expect(order[0]).toBe(late.id);
    expect(order.indexOf(fresh.id)).toBeLessThan(order.indexOf(normal.id));

    // acknowledging moves the clock to the close due time: no longer overdue
    await rep03.post(`/api/complaints/${late.id}/advance`, { version: 1, to: 'acknowledged' });
    expect((await rep03.get('/api/complaints?overdue=true')).json().items).toEqual([]);
  });

  it('filters on status, issue type, customer and description text', async () => {
    const a = (
      await rep01.post(
        '/api/complaints',
        complaint({
          channelCustomerId: w.channelCustomers.cc1a.id,
          issueType: 'salesDispute',
          description: '发票金额与合同不符',
        }),
      )
    ).json();
    const ids = async (query: string) =>
      (await rep01.get(`/api/complaints?${query}`)).json().items.map((c: { id: string }) => c.id);
    expect(await ids('q=发票金额')).toEqual([a.id]);
    expect(await ids('issueType=salesDispute')).toEqual([a.id]);
    expect(await ids(`channelCustomerId=${w.channelCustomers.cc1a.id}&issueType=salesDispute`)).toEqual([
      a.id,
    ]);
    expect(await ids(`doctorId=${w.doctors.d1a.id}&issueType=salesDispute`)).toEqual([]);
    expect(await ids('status=closed&issueType=salesDispute')).toEqual([]);
    // compliance reads everything, including another team's complaints
    const all = (await compliance.get('/api/complaints?pageSize=200')).json();
    expect(all.items.map((c: { id: string }) => c.id)).toContain(a.id);
    expect(all.items.some((c: { ownerId: string }) => c.ownerId === w.users.rep2a.id)).toBe(true);
  });
});
