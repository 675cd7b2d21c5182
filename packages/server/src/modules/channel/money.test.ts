import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@keqing/domain';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a: cc1a (team1, manager m1)
let rep03: Client; // rep2a: cc2a (team2, manager m2)
let m1: Client;
let m2: Client;
let admin: Client;
let compliance: Client;
const today = chinaDate();

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  rep01 = await t.signIn('rep01');
  rep03 = await t.signIn('rep03');
  m1 = await t.signIn('manager01');
  m2 = await t.signIn('manager02');
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');
});
afterAll(async () => t?.close());

const db = () => t.database.db;

/** A new distributor in rep1a's territory t1a, so each test starts from an empty ledger. */
async function newDistributor(extra: Partial<typeof s.channelCustomers.$inferInsert> = {}) {
  const [cc] = await db()
    .insert(s.channelCustomers)
    .values({
      kind: 'distributor',
      name: `测试经销商${randomUUID().slice(0, 6)}`,
      province: '上海',
      city: '上海',
      ...extra,
    })
    .returning();
  await db()
    .insert(s.territoryChannelCustomers)
    .values({ territoryId: w.territories.t1a.id, channelCustomerId: cc!.id });
  return cc!;
}

/** What the goods module writes when a shipment is posted: a delivery (+, with its due date) or a return (−). */
async function postShipment(
  customerId: string,
  kind: 'delivery' | 'return',
  on: string,
  amountFen: number,
  dueDate?: string,
) {
  await db()
    .insert(s.ledgerEntries)
    .values({
      channelCustomerId: customerId,
      entryDate: on,
      kind,
      amountFen: kind === 'delivery' ? amountFen : -amountFen,
      dueDate: kind === 'delivery' ? (dueDate ?? on) : null,
      createdBy: w.users.rep1a.id,
    });
}

const sumOfEntries = async (customerId: string) => {
  const [row] = await db()
    .select({ total: sql<string>`coalesce(sum(${s.ledgerEntries.amountFen}), 0)` })
    .from(s.ledgerEntries)
    .where(eq(s.ledgerEntries.channelCustomerId, customerId));
  return Number(row!.total);
};
const countEntries = async (customerId: string) =>
  (await db().select().from(s.ledgerEntries).where(eq(s.ledgerEntries.channelCustomerId, customerId))).length;

const payment = (channelCustomerId: string, amountFen: unknown, extra: Record<string, unknown> = {}) => ({
  kind: 'payment',
  channelCustomerId,
  entryDate: today,
  amountFen,
  ...extra,
});

describe('payments 回款 and adjustments', () => {
  it('stores a payment negative, with an audit row; a retry with the same clientId returns the same entry', async () => {
    const cc = await newDistributor();
    const clientId = randomUUID();
    const first = await rep01.post('/api/ledger-entries', payment(cc.id, 123_45, { clientId, note: '电汇' }));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      kind: 'payment',
      amountFen: -123_45,
      clientId,
      balanceFen: -123_45,
    });
    const again = await rep01.post('/api/ledger-entries', payment(cc.id, 123_45, { clientId, note: '电汇' }));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await countEntries(cc.id)).toBe(1);
    const audit = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'ledgerEntry'), eq(s.auditLog.entityId, first.json().id)));
    expect(audit).toHaveLength(1);
    // the same clientId from someone else is a conflict, not their entry
    const other = await m1.post('/api/ledger-entries', payment(cc.id, 123_45, { clientId }));
    expect(other.statusCode, other.body).toBe(409);
  });

  it.each([
    ['three decimals of a yuan (fractional fen)', 123.456, 'body.amountFen'],
    ['a negative amount', -500, 'body.amountFen'],
    ['zero', 0, 'body.amountFen'],
    ['a string', '100', 'body.amountFen'],
  ])('refuses %s, saving nothing', async (_name, amountFen, path) => {
    const cc = await newDistributor();
    const res = await rep01.post('/api/ledger-entries', payment(cc.id, amountFen));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details[0].path).toBe(path);
    expect(await countEntries(cc.id)).toBe(0);
  });

  it('refuses a payment dated in the future', async () => {
    const cc = await newDistributor();
    const res = await rep01.post(
      '/api/ledger-entries',
      payment(cc.id, 100, { entryDate: addDays(today, 1) }),
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({
      path: 'body.entryDate',
      message: '日期不能晚于今天',
    });
    expect(await countEntries(cc.id)).toBe(0);
  });

  it('adjustments: managers and admins only, with a reason; signed', async () => {
    const cc = await newDistributor();
    const adj = (amountFen: number, note?: string) => ({
      kind: 'adjustment',
      channelCustomerId: cc.id,
      entryDate: today,
      amountFen,
      note,
    });
    const byRep = await rep01.post('/api/ledger-entries', adj(-500, '价差补偿'));
    expect(byRep.statusCode, byRep.body).toBe(403);
    expect(byRep.json().error.message).toBe('只有经理或管理员可以录入调整分录');
    const noReason = await m1.post('/api/ledger-entries', adj(-500));
    expect(noReason.statusCode, noReason.body).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('body.note');
    const zero = await m1.post('/api/ledger-entries', adj(0, '无'));
    expect(zero.statusCode, zero.body).toBe(400);
    expect(zero.json().error.details[0].message).toBe('调整金额不能为 0');
    const ok = await m1.post('/api/ledger-entries', adj(-500, '价差补偿'));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'adjustment', amountFen: -500, note: '价差补偿' });
    const up = await admin.post('/api/ledger-entries', adj(800, '运费代垫'));
    expect(up.statusCode, up.body).toBe(201);
    expect(await sumOfEntries(cc.id)).toBe(300);
    expect((await compliance.post('/api/ledger-entries', adj(1, '合规'))).statusCode).toBe(403);
  });

  it('a rep of team2 cannot see or write cc1a’s ledger (404)', async () => {
    const cc1a = w.channelCustomers.cc1a.id;
    expect((await rep03.get(`/api/ledger-entries?channelCustomerId=${cc1a}`)).statusCode).toBe(404);
    expect((await rep03.get(`/api/receivables/${cc1a}`)).statusCode).toBe(404);
    expect((await rep03.get(`/api/ledger-reconciliations?channelCustomerId=${cc1a}`)).statusCode).toBe(404);
    expect((await rep03.get(`/api/channel-bills?channelCustomerId=${cc1a}`)).statusCode).toBe(404);
    expect((await rep03.get(`/api/channel-risk-events?channelCustomerId=${cc1a}`)).statusCode).toBe(404);
    const before = await countEntries(cc1a);
    expect((await rep03.post('/api/ledger-entries', payment(cc1a, 100))).statusCode).toBe(404);
    expect((await m2.post('/api/ledger-entries', payment(cc1a, 100))).statusCode).toBe(404);
    expect(await countEntries(cc1a)).toBe(before);
    const list = await rep03.get('/api/receivables?pageSize=200');
    expect(list.json().items.map((r: { id: string }) => r.id)).not.toContain(cc1a);
  });
});

describe('the ledger balance', () => {
  it('equals the sum of the entries after deliveries, returns and payments; the running balance ends there', async () => {
    const cc = await newDistributor({ creditLimitFen: 500_000, paymentTermDays: 30 });
    await postShipment(cc.id, 'delivery', addDays(today, -120), 300_000, addDays(today, -90));
    await postShipment(cc.id, 'delivery', addDays(today, -50), 250_000, addDays(today, -20));
    await postShipment(cc.id, 'return', addDays(today, -45), 20_000);
    await postShipment(cc.id, 'delivery', addDays(today, -5), 180_000, addDays(today, 25));
    for (const [amount, daysAgo] of [
      [100_000, 80],
      [50_000, 10],
    ] as const) {
      const res = await rep01.post(
        '/api/ledger-entries',
        payment(cc.id, amount, { entryDate: addDays(today, -daysAgo), clientId: randomUUID() }),
      );
      expect(res.statusCode, res.body).toBe(201);
    }
    const sum = await sumOfEntries(cc.id);
    expect(sum).toBe(300_000 + 250_000 - 20_000 + 180_000 - 100_000 - 50_000);

    const detail = (await rep01.get(`/api/receivables/${cc.id}`)).json();
    expect(detail.balanceFen).toBe(sum);
    expect(detail.openItems.reduce((a: number, i: { openFen: number }) => a + i.openFen, 0)).toBe(sum);
    const bucketTotal = Object.values(detail.buckets as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(bucketTotal).toBe(detail.overdueFen + detail.notDueFen);
    // FIFO: 170,000 of credits pay off the oldest delivery (300,000) first → 130,000 of it open, 90 days overdue
    expect(detail.openItems[0]).toMatchObject({
      originalFen: 300_000,
      openFen: 130_000,
      daysOverdue: 90,
      bucket: 'd61to90',
    });
    expect(detail.buckets).toMatchObject({ d61to90: 130_000, d1to30: 250_000, notDue: 180_000 });
    expect(detail.overdueFen).toBe(380_000);
    expect(detail.overLimit).toBe(true);
    expect(detail.reconciliationState).toBe('overdue');

    const list = (await rep01.get(`/api/ledger-entries?channelCustomerId=${cc.id}`)).json();
    expect(list.total).toBe(6);
    expect(list.items[0].balanceFen).toBe(sum);
    // a date filter does not restart the running balance
    const recent = (
      await rep01.get(`/api/ledger-entries?channelCustomerId=${cc.id}&from=${addDays(today, -10)}`)
    ).json();
    expect(recent.total).toBe(2);
    expect(recent.items[0].balanceFen).toBe(sum);
    expect(recent.items[1].balanceFen).toBe(sum - 180_000);
  });

  it('lists receivables with the credit limit, over-limit flag and risk level, filterable', async () => {
    const cc = await newDistributor({ creditLimitFen: 100_000 });
    await postShipment(cc.id, 'delivery', addDays(today, -3), 100_000, addDays(today, 27));
    const row = () =>
      rep01
        .get('/api/receivables?pageSize=200')
        .then((r) => r.json().items.find((i: { id: string }) => i.id === cc.id));
    expect(await row()).toMatchObject({
      balanceFen: 100_000,
      creditLimitFen: 100_000,
      overLimit: false,
      riskLevel: 'low',
    });
    await postShipment(cc.id, 'delivery', addDays(today, -2), 1, addDays(today, 28));
    expect((await row()).overLimit).toBe(true);
    const risk = await rep01.post('/api/channel-risk-events', {
      channelCustomerId: cc.id,
      kind: 'lawsuit',
      occurredOn: addDays(today, -1),
      severity: 3,
      note: '被供应商起诉',
    });
    expect(risk.statusCode, risk.body).toBe(201);
    expect((await row()).riskLevel).toBe('high');
    const high = (await rep01.get('/api/receivables?riskLevel=high&overLimit=true&pageSize=200')).json();
    expect(high.items.map((i: { id: string }) => i.id)).toContain(cc.id);
    expect(high.items.every((i: { riskLevel: string }) => i.riskLevel === 'high')).toBe(true);
  });
});

describe('reconciliation 对账', () => {
  it('stores our balance at the period end (later entries excluded), the difference and who confirmed', async () => {
    const cc = await newDistributor();
    await postShipment(cc.id, 'delivery', addDays(today, -40), 100_000);
    await postShipment(cc.id, 'delivery', addDays(today, -5), 70_000);
    const periodEnd = addDays(today, -20);
    const res = await rep01.post('/api/ledger-reconciliations', {
      channelCustomerId: cc.id,
      periodEnd,
      theirBalanceFen: 98_000,
      confirmedByName: '周会计',
      note: '差额为运费',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      periodEnd,
      ourBalanceFen: 100_000,
      theirBalanceFen: 98_000,
      differenceFen: 2_000,
      confirmedByName: '周会计',
      createdByName: '张三',
    });
    const dup = await m1.post('/api/ledger-reconciliations', {
      channelCustomerId: cc.id,
      periodEnd,
      theirBalanceFen: 100_000,
      confirmedByName: '周会计',
    });
    expect(dup.statusCode, dup.body).toBe(409);
    expect(dup.json().error.message).toBe(`${cc.name} 在 ${periodEnd} 的对账已经登记过，不能重复登记`);
    const detail = (await rep01.get(`/api/receivables/${cc.id}`)).json();
    expect(detail).toMatchObject({
      lastReconciledOn: periodEnd,
      reconciliationState: 'ok',
      unreconciled: false,
    });
    const list = (await rep01.get(`/api/ledger-reconciliations?channelCustomerId=${cc.id}`)).json();
    expect(list.total).toBe(1);
  });

  it('refuses a period end in the future', async () => {
    const cc = await newDistributor();
    const res = await rep01.post('/api/ledger-reconciliations', {
      channelCustomerId: cc.id,
      periodEnd: addDays(today, 1),
      theirBalanceFen: 0,
      confirmedByName: '周会计',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.periodEnd');
  });

  it('flags a customer not reconciled for more than a month', async () => {
    const cc = await newDistributor();
    await postShipment(cc.id, 'delivery', addDays(today, -200), 1_000);
    await db()
      .insert(s.ledgerReconciliations)
      .values({
        channelCustomerId: cc.id,
        periodEnd: addDays(today, -50),
        ourBalanceFen: 1_000,
        theirBalanceFen: 1_000,
        confirmedByName: '周会计',
        createdBy: w.users.rep1a.id,
      });
    expect((await rep01.get(`/api/receivables/${cc.id}`)).json()).toMatchObject({
      reconciliationState: 'due',
      unreconciled: true,
    });
  });
});

describe('bills 票据', () => {
  const bill = (channelCustomerId: string, kind: string, extra: Record<string, unknown> = {}) => ({
    channelCustomerId,
    kind,
    billNo: `B${randomUUID().slice(0, 10)}`,
    issuer: '上海医药分销有限公司',
    amountFen: 80_000,
    receivedOn: today,
    dueOn: addDays(today, 180),
    ...extra,
  });
  const entriesOfBill = (billId: string) =>
    db().select().from(s.ledgerEntries).where(eq(s.ledgerEntries.billId, billId));

  it.each(['bankAcceptance', 'cheque'])('%s: accepted at once with its payment entry', async (kind) => {
    const cc = await newDistributor();
    const res = await rep01.post('/api/channel-bills', bill(cc.id, kind));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('accepted');
    const entries = await entriesOfBill(res.json().id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'payment', amountFen: -80_000, channelCustomerId: cc.id });
  });

  it('commercial acceptance waits for the manager of the rep’s team; never self-approved', async () => {
    const cc = await newDistributor();
    const res = await rep01.post('/api/channel-bills', bill(cc.id, 'commercialAcceptance'));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(res.json().status).toBe('pendingApproval');
    expect(await entriesOfBill(id)).toHaveLength(0);

    const self = await rep01.post(`/api/channel-bills/${id}/decision`, { decision: 'approved' });
    expect(self.statusCode, self.body).toBe(403);
    expect(self.json().error.message).toBe('不能审批自己录入的票据');
    expect((await m2.post(`/api/channel-bills/${id}/decision`, { decision: 'approved' })).statusCode).toBe(
      404,
    );
    expect(
      (await compliance.post(`/api/channel-bills/${id}/decision`, { decision: 'approved' })).statusCode,
    ).toBe(403);

    const ok = await m1.post(`/api/channel-bills/${id}/decision`, {
      decision: 'approved',
      note: '出票人资信良好',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'accepted',
      decidedBy: w.users.m1.id,
      decisionNote: '出票人资信良好',
    });
    expect(await entriesOfBill(id)).toHaveLength(1);
    const twice = await admin.post(`/api/channel-bills/${id}/decision`, { decision: 'rejected' });
    expect(twice.statusCode, twice.body).toBe(409);
  });

  it('a manager cannot approve a draft they entered; a rejected one writes no entry', async () => {
    const cc = await newDistributor();
    const id = (await m1.post('/api/channel-bills', bill(cc.id, 'commercialAcceptance'))).json().id;
    expect((await m1.post(`/api/channel-bills/${id}/decision`, { decision: 'approved' })).statusCode).toBe(
      403,
    );
    const rejected = await admin.post(`/api/channel-bills/${id}/decision`, {
      decision: 'rejected',
      note: '出票人资信不明',
    });
    expect(rejected.json().status).toBe('rejected');
    expect(await entriesOfBill(id)).toHaveLength(0);
  });

  it('退票: bounced, the payment reversed and a severity-3 risk event, all at once', async () => {
    const cc = await newDistributor();
    await postShipment(cc.id, 'delivery', addDays(today, -10), 80_000);
    const id = (await rep01.post('/api/channel-bills', bill(cc.id, 'cheque'))).json().id;
    expect(await sumOfEntries(cc.id)).toBe(0);
    const res = await rep01.post(`/api/channel-bills/${id}/bounce`, { note: '账户余额不足' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('bounced');
    const entries = await entriesOfBill(id);
    expect(entries.map((e) => e.amountFen).sort((a, b) => a - b)).toEqual([-80_000, 80_000]);
    expect(await sumOfEntries(cc.id)).toBe(80_000);
    const events = await db()
      .select()
      .from(s.channelRiskEvents)
      .where(eq(s.channelRiskEvents.channelCustomerId, cc.id));
    expect(events).toMatchObject([{ kind: 'billBounced', severity: 3, occurredOn: today }]);
    expect((await rep01.get(`/api/receivables/${cc.id}`)).json().riskLevel).toBe('high');
    expect((await rep01.post(`/api/channel-bills/${id}/bounce`, {})).statusCode).toBe(409);
  });

  it('a pending draft cannot bounce; a duplicate bill number and a due date before receipt are refused', async () => {
    const cc = await newDistributor();
    const pending = (await rep01.post('/api/channel-bills', bill(cc.id, 'commercialAcceptance'))).json();
    expect((await rep01.post(`/api/channel-bills/${pending.id}/bounce`, {})).statusCode).toBe(409);
    const dup = await rep01.post(
      '/api/channel-bills',
      bill(cc.id, 'commercialAcceptance', { billNo: pending.billNo }),
    );
    expect(dup.statusCode, dup.body).toBe(409);
    expect(dup.json().error.message).toBe(`票据号 ${pending.billNo} 已登记过`);
    const early = await rep01.post(
      '/api/channel-bills',
      bill(cc.id, 'cheque', { dueOn: addDays(today, -1) }),
    );
    expect(early.statusCode).toBe(400);
    const future = await rep01.post(
      '/api/channel-bills',
      bill(cc.id, 'cheque', { receivedOn: addDays(today, 2) }),
    );
    expect(future.statusCode).toBe(400);
  });
});

describe('risk events', () => {
  it.each([
    ['severity 4', { severity: 4 }],
    ['severity 0', { severity: 0 }],
    ['an unknown kind', { kind: 'weather' }],
    ['a future date', { occurredOn: addDays(today, 1) }],
  ])('refuses %s', async (_name, extra) => {
    const res = await rep01.post('/api/channel-risk-events', {
      channelCustomerId: w.channelCustomers.cc1a.id,
      kind: 'orderJump',
      occurredOn: today,
      severity: 2,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(400);
  });

  it('lists a customer’s events by kind', async () => {
    const cc = await newDistributor();
    for (const kind of ['orderJump', 'financeStaffChanged'])
      expect(
        (
          await rep01.post('/api/channel-risk-events', {
            channelCustomerId: cc.id,
            kind,
            occurredOn: today,
            severity: 1,
          })
        ).statusCode,
      ).toBe(201);
    const list = (await m1.get(`/api/channel-risk-events?channelCustomerId=${cc.id}&kind=orderJump`)).json();
    expect(list).toMatchObject({ total: 1, items: [{ kind: 'orderJump', createdByName: '张三' }] });
    expect((await rep01.get(`/api/receivables/${cc.id}`)).json().riskLevel).toBe('medium');
  });
});
