import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@keqing/domain';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a: cc1a (distributor) — team1, manager m1
let rep03: Client; // rep2a: cc2a (pharmacy) — team2, manager m2
let m1: Client;
let m2: Client;
let admin: Client;
const today = chinaDate();

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  rep01 = await t.signIn('rep01');
  rep03 = await t.signIn('rep03');
  m1 = await t.signIn('manager01');
  m2 = await t.signIn('manager02');
  admin = await t.signIn('admin');
});
afterAll(async () => t?.close());

const db = () => t.database.db;
const promotion = (extra: Record<string, unknown> = {}) => ({
  name: '经销商季度返利',
  kind: 'rebate',
  targetKinds: ['distributor'],
  targetCustomerIds: [w.channelCustomers.cc1a.id],
  productIds: [w.products.p1.id],
  rules: '季度进货满 1000 盒返 2%',
  startsOn: addDays(today, -30),
  endsOn: addDays(today, 30),
  budgetFen: 100_000,
  ...extra,
});

/** Created by rep01, submitted and approved by m1. */
async function approvedPromotion(extra: Record<string, unknown> = {}) {
  const created = await rep01.post('/api/channel-promotions', promotion(extra));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id;
  const submitted = await rep01.post(`/api/channel-promotions/${id}/submit`, { version: 1 });
  expect(submitted.statusCode, submitted.body).toBe(200);
  const approved = await m1.post(`/api/channel-promotions/${id}/decision`, {
    version: 2,
    decision: 'approved',
  });
  expect(approved.statusCode, approved.body).toBe(200);
  return approved.json();
}
const payout = (extra: Record<string, unknown> = {}) => ({
  channelCustomerId: w.channelCustomers.cc1a.id,
  paidOn: today,
  amountFen: 60_000,
  form: 'invoiceDiscount',
  ...extra,
});

describe('no promotion targets or rewards a doctor', () => {
  it.each([
    ['a doctorId', { doctorId: 'd' }, 'body.doctorId'],
    ['doctorIds', { doctorIds: ['x'] }, 'body.doctorIds'],
    ['a doctor target kind', { targetKinds: ['doctor'] }, 'body.targetKinds.0'],
  ])('refuses %s with a clear message', async (_name, extra, path) => {
    const before = (await db().select().from(s.channelPromotions)).length;
    const res = await rep01.post('/api/channel-promotions', promotion(extra));
    expect(res.statusCode, res.body).toBe(400);
    const issue = res.json().error.details.find((d: { path: string }) => d.path === path);
    expect(issue.message).toBe('促销只能面向经销商、药店或诊所，不能针对或奖励任何医生个人');
    expect((await db().select().from(s.channelPromotions)).length).toBe(before);
  });

  it('refuses a doctor as a payout recipient', async () => {
    const p = await approvedPromotion();
    const res = await rep01.post(
      `/api/channel-promotions/${p.id}/payouts`,
      payout({ doctorId: w.doctors.d1a.id }),
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details[0].message).toBe(
      '促销只能面向经销商、药店或诊所，不能针对或奖励任何医生个人',
    );
    const byId = await rep01.post(
      `/api/channel-promotions/${p.id}/payouts`,
      payout({ channelCustomerId: w.doctors.d1a.id }),
    );
    expect(byId.statusCode, byId.body).toBe(400);
    expect(byId.json().error.details[0].path).toBe('body.channelCustomerId');
  });

  it('refuses targets outside the owner’s territories or of another kind, and a period ending before it starts', async () => {
    const out = await rep01.post(
      '/api/channel-promotions',
      promotion({ targetCustomerIds: [w.channelCustomers.cc2a.id] }),
    );
    expect(out.statusCode, out.body).toBe(400);
    expect(out.json().error.details[0].path).toBe('body.targetCustomerIds');
    // cc1a is a distributor, not a pharmacy
    const kind = await rep01.post('/api/channel-promotions', promotion({ targetKinds: ['pharmacy'] }));
    expect(kind.statusCode, kind.body).toBe(400);
    const period = await rep01.post('/api/channel-promotions', promotion({ endsOn: addDays(today, -31) }));
    expect(period.statusCode, period.body).toBe(400);
    expect(period.json().error.details[0].path).toBe('body.endsOn');
  });
});

describe('promotion approval', () => {
  it('draft → submitted → approved by the owner’s manager; never by the owner, not by another team’s manager', async () => {
    const created = (await rep01.post('/api/channel-promotions', promotion())).json();
    expect(created).toMatchObject({ status: 'draft', ownerName: '张三', paidFen: 0, productNames: ['瑞心'] });
    expect(created.targetCustomers).toEqual([
      { id: w.channelCustomers.cc1a.id, name: '上海医药分销有限公司' },
    ]);
    const stale = await rep01.patch(`/api/channel-promotions/${created.id}`, { version: 9, budgetFen: 1 });
    expect(stale.statusCode).toBe(409);
    const patched = await rep01.patch(`/api/channel-promotions/${created.id}`, {
      version: 1,
      budgetFen: 120_000,
    });
    expect(patched.json()).toMatchObject({ budgetFen: 120_000, version: 2 });
    expect(
      (await rep01.post(`/api/channel-promotions/${created.id}/submit`, { version: 2 })).statusCode,
    ).toBe(200);

    const self = await rep01.post(`/api/channel-promotions/${created.id}/decision`, {
      version: 3,
      decision: 'approved',
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toBe('不能审批自己负责的促销');
    expect(
      (await m2.post(`/api/channel-promotions/${created.id}/decision`, { version: 3, decision: 'approved' }))
        .statusCode,
    ).toBe(404);
    const toDecide = (await m1.get('/api/channel-promotions?toDecide=true')).json();
    expect(toDecide.items.map((p: { id: string }) => p.id)).toContain(created.id);
    const ok = await m1.post(`/api/channel-promotions/${created.id}/decision`, {
      version: 3,
      decision: 'approved',
    });
    expect(ok.json()).toMatchObject({
      status: 'approved',
      approvedBy: w.users.m1.id,
      approvedByName: '王经理',
    });
    const locked = await rep01.patch(`/api/channel-promotions/${created.id}`, { version: 4, budgetFen: 1 });
    expect(locked.statusCode).toBe(409);
    expect((await rep03.get(`/api/channel-promotions/${created.id}`)).statusCode).toBe(404);
  });

  it('a manager’s own promotion is approved by an admin, not by the manager', async () => {
    const created = (await m1.post('/api/channel-promotions', promotion())).json();
    await m1.post(`/api/channel-promotions/${created.id}/submit`, { version: 1 });
    expect(
      (await m1.post(`/api/channel-promotions/${created.id}/decision`, { version: 2, decision: 'approved' }))
        .statusCode,
    ).toBe(403);
    const ok = await admin.post(`/api/channel-promotions/${created.id}/decision`, {
      version: 2,
      decision: 'rejected',
    });
    expect(ok.json().status).toBe('rejected');
  });
});

describe('payouts 兑付', () => {
  it('only while approved', async () => {
    const draft = (await rep01.post('/api/channel-promotions', promotion())).json();
    const res = await rep01.post(`/api/channel-promotions/${draft.id}/payouts`, payout());
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.message).toBe('只有已批准的促销才能兑付');
  });

  it.each([
    ['before the period', -31],
    ['after the 30-day grace', null],
  ] as [string, number | null][])('refuses a payout %s', async (_name, offset) => {
    const p = await approvedPromotion(
      offset === null ? { startsOn: addDays(today, -90), endsOn: addDays(today, -31) } : {},
    );
    const paidOn = offset === null ? today : addDays(today, offset);
    const res = await rep01.post(`/api/channel-promotions/${p.id}/payouts`, payout({ paidOn }));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.paidOn');
  });

  it('a payout within the 30-day grace after the period is allowed', async () => {
    const p = await approvedPromotion({ startsOn: addDays(today, -60), endsOn: addDays(today, -30) });
    expect((await rep01.post(`/api/channel-promotions/${p.id}/payouts`, payout())).statusCode).toBe(201);
  });

  it('only to a targeted channel customer', async () => {
    const p = await approvedPromotion();
    const res = await rep01.post(
      `/api/channel-promotions/${p.id}/payouts`,
      payout({ channelCustomerId: w.channelCustomers.cc2a.id }),
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details[0].message).toBe('兑付对象必须是该促销面向的渠道客户');
  });

  it('over budget: a rep is refused, the manager approves explicitly and is recorded', async () => {
    const p = await approvedPromotion();
    expect((await rep01.post(`/api/channel-promotions/${p.id}/payouts`, payout())).statusCode).toBe(201);
    const byRep = await rep01.post(`/api/channel-promotions/${p.id}/payouts`, payout({ amountFen: 40_001 }));
    expect(byRep.statusCode, byRep.body).toBe(400);
    expect(byRep.json().error.message).toMatch(/^超出预算，需经理审批/);
    // exactly up to the budget is fine
    const upTo = await rep01.post(`/api/channel-promotions/${p.id}/payouts`, payout({ amountFen: 40_000 }));
    expect(upTo.statusCode, upTo.body).toBe(201);
    const unconfirmed = await m1.post(
      `/api/channel-promotions/${p.id}/payouts`,
      payout({ amountFen: 5_000 }),
    );
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.details[0].path).toBe('body.approveOverBudget');
    const ok = await m1.post(
      `/api/channel-promotions/${p.id}/payouts`,
      payout({ amountFen: 5_000, approveOverBudget: true }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      overBudgetApprovedBy: w.users.m1.id,
      overBudgetApprovedByName: '王经理',
    });
    const detail = (await rep01.get(`/api/channel-promotions/${p.id}`)).json();
    expect(detail.paidFen).toBe(105_000);
    expect(detail.payouts).toHaveLength(3);
    expect(
      detail.payouts.filter((x: { overBudgetApprovedBy: string | null }) => x.overBudgetApprovedBy),
    ).toHaveLength(1);
  });
});

describe('evaluation', () => {
  it('sell-through during the period vs the same days before, from committed flow only', async () => {
    const p = await approvedPromotion({ startsOn: addDays(today, -9), endsOn: today, budgetFen: 50_000 });
    await rep01.post(`/api/channel-promotions/${p.id}/payouts`, payout({ amountFen: 30_000 }));
    const flowImport = async (status: 'committed' | 'preview') => {
      const [imp] = await db()
        .insert(s.flowImports)
        .values({
          channelCustomerId: w.channelCustomers.cc1a.id,
          fileName: 'flow.xlsx',
          fileHash: randomUUID(),
          status,
          createdBy: w.users.rep1a.id,
        })
        .returning();
      return imp!.id;
    };
    const committed = await flowImport('committed');
    const preview = await flowImport('preview');
    let rowNo = 0;
    const row = (importId: string, daysAgo: number, quantity: number, productId = w.products.p1.id) => ({
      importId,
      channelCustomerId: w.channelCustomers.cc1a.id,
      rowNo: ++rowNo,
      saleDate: addDays(today, -daysAgo),
      productId,
      productName: '瑞心',
      buyerName: '上海市第一人民医院',
      hospitalId: w.hospitals.h1a.id,
      matchStatus: 'matched' as const,
      quantity,
      raw: {},
    });
    await db()
      .insert(s.flowRows)
      .values([
        row(committed, 2, 100), // during
        row(committed, 9, 50), // during (first day)
        row(committed, 10, 60), // before (last day)
        row(committed, 19, 40), // before (first day)
        row(committed, 20, 999), // earlier than both windows
        row(committed, 3, 500, w.products.p2.id), // another product
        row(preview, 3, 777), // not committed
      ]);
    const res = await rep01.get(`/api/channel-promotions/${p.id}/evaluation`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      days: 10,
      unitsDuring: 150,
      unitsBefore: 100,
      extraUnits: 50,
      upliftPct: 50,
      paidFen: 30_000,
      budgetFen: 50_000,
      budgetUsedPct: 60,
      costPerExtraUnitFen: 600,
      customerCount: 1,
    });
  });

  it('a promotion not started yet has nothing to compare', async () => {
    const p = await approvedPromotion({ startsOn: addDays(today, 5), endsOn: addDays(today, 35) });
    expect((await rep01.get(`/api/channel-promotions/${p.id}/evaluation`)).json()).toMatchObject({
      days: 0,
      unitsDuring: 0,
      unitsBefore: 0,
      upliftPct: null,
      costPerExtraUnitFen: null,
    });
  });
});
