import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@keqing/domain';
import * as s from '../../db/schema.ts';
import { hashPassword } from '../auth/password.ts';
import { createTestApp, testPassword, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a: cc1a (distributor), team1 (m1)
let rep03: Client; // rep2a: cc2a (pharmacy), team2 (m2)
let m1: Client;
let clerk: Client;
let finance: Client;
let both: Client; // an admin with both duties
let admin: Client;
let compliance: Client;

const year = 2020;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(db());
  await db()
    .insert(s.users)
    .values({
      username: 'clerkfin',
      name: '吴兼职',
      role: 'admin',
      passwordHash: await hashPassword(testPassword),
      duties: ['salesClerk', 'finance'],
    });
  rep01 = await t.signIn('rep01');
  rep03 = await t.signIn('rep03');
  m1 = await t.signIn('manager01');
  clerk = await t.signIn('clerk01');
  finance = await t.signIn('finance01');
  both = await t.signIn('clerkfin');
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');
  // 2020: p1 ¥2.00 per unit of 纯销
  await db()
    .insert(s.careFeeAccounts)
    .values({ productId: w.products.p1.id, year, budgetFen: 1_000_000, ratePerUnitFen: 200 });
  // cc1a sold 50 units of p1 in each month of 2020 (committed flow); delivered ¥4,000 and collected ¥3,000 in March
  const [imp] = await db()
    .insert(s.flowImports)
    .values({
      channelCustomerId: w.channelCustomers.cc1a.id,
      fileName: '流向2020.xlsx',
      fileHash: 'care-fees-test',
      status: 'committed',
      createdBy: w.users.admin.id,
    })
    .returning();
  await db()
    .insert(s.flowRows)
    .values(
      Array.from({ length: 12 }, (_, i) => ({
        importId: imp!.id,
        channelCustomerId: w.channelCustomers.cc1a.id,
        rowNo: i + 1,
        saleDate: `${year}-${String(i + 1).padStart(2, '0')}-15`,
        productId: w.products.p1.id,
        productName: '瑞心',
        buyerName: '上海市第一人民医院',
        matchStatus: 'matched' as const,
        quantity: 50,
        amountFen: 500_000,
        raw: {},
      })),
    );
  await db()
    .insert(s.ledgerEntries)
    .values([
      {
        channelCustomerId: w.channelCustomers.cc1a.id,
        entryDate: `${year}-03-05`,
        kind: 'delivery',
        amountFen: 400_000,
        createdBy: w.users.admin.id,
      },
      {
        channelCustomerId: w.channelCustomers.cc1a.id,
        entryDate: `${year}-03-20`,
        kind: 'payment',
        amountFen: -300_000,
        createdBy: w.users.admin.id,
      },
      // other months: fully collected
      ...Array.from({ length: 9 }, (_, i) => ({
        channelCustomerId: w.channelCustomers.cc1a.id,
        entryDate: `${year}-${String(i + 4).padStart(2, '0')}-20`,
        kind: 'payment' as const,
        amountFen: -500_000,
        createdBy: w.users.admin.id,
      })),
    ]);
}, 120_000);
afterAll(async () => t?.close());

const line = (extra: Record<string, unknown> = {}) => ({
  channelCustomerId: w.channelCustomers.cc1a.id,
  productId: w.products.p1.id,
  requestedFen: 8_000,
  recipientRole: 'purchaser',
  note: '采购员月度维护',
  ...extra,
});
const claimCount = async () =>
  Number(
    (
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(s.careFeeClaims)
    )[0]!.n,
  );

async function createClaim(client: Client, month: string, lines = [line()]) {
  const res = await client.request({
    method: 'POST',
    url: '/api/care-fee-claims',
    payload: { month, lines },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: string;
    version: number;
    status: string;
    payableFen: number;
    lines: { payableFen: number }[];
  };
}
async function submitted(client: Client, month: string) {
  const c = await createClaim(client, month);
  const res = await client.request({
    method: 'POST',
    url: `/api/care-fee-claims/${c.id}/submit`,
    payload: { version: c.version },
  });
  expect(res.statusCode, res.body).toBe(200);
  return c.id;
}
const sign = (client: Client, id: string, decision = 'approved', what = 'care-fee-claims') =>
  client.request({
    method: 'POST',
    url: `/api/${what}/${id}/sign`,
    payload: { decision, comment: '核对无误' },
  });

describe('客情费 claims', () => {
  it('runs rep → clerk → manager → finance → pay → spot check, with the statement filled by the server', async () => {
    const c = await createClaim(rep01, `${year}-03`);
    expect(c.status).toBe('draft');
    const got = (await rep01.request({ method: 'GET', url: `/api/care-fee-claims/${c.id}` })).json();
    expect(got.lines[0]).toMatchObject({
      netSalesQuantity: 50,
      netSalesFen: 500_000,
      collectedFen: 300_000,
      collectionRate: 0.75,
      requestedFen: 8_000,
      payableFen: 6_000, // pro rata: 8,000 × 0.75
    });
    expect(got.payableFen).toBe(6_000);

    const sub = await rep01.request({
      method: 'POST',
      url: `/api/care-fee-claims/${c.id}/submit`,
      payload: { version: c.version },
    });
    expect(sub.json().status).toBe('submitted');
    expect((await sign(clerk, c.id)).json().status).toBe('clerkSigned');
    expect((await sign(m1, c.id)).json().status).toBe('managerSigned');
    const approved = (await sign(finance, c.id)).json();
    expect(approved.status).toBe('approved');
    expect(approved.signatures.map((x: { step: string }) => x.step)).toEqual(['clerk', 'manager', 'finance']);

    // advance above the payable, and a manager paying, are refused
    const over = await rep01.request({
      method: 'POST',
      url: `/api/care-fee-claims/${c.id}/pay`,
      payload: { paidOn: chinaDate(), advanceFen: 6_001 },
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toContain('60.00');
    const byManager = await m1.request({
      method: 'POST',
      url: `/api/care-fee-claims/${c.id}/pay`,
      payload: { paidOn: chinaDate(), advanceFen: 0 },
    });
    expect(byManager.statusCode).toBe(403);
    const paid = await rep01.request({
      method: 'POST',
      url: `/api/care-fee-claims/${c.id}/pay`,
      payload: { paidOn: chinaDate(), advanceFen: 6_000 },
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', advanceFen: 6_000 });

    const accounts = (
      await rep01.request({ method: 'GET', url: `/api/care-fee-accounts?year=${year}` })
    ).json();
    expect(accounts.items[0]).toMatchObject({ spentFen: 6_000, remainingFen: 994_000, ratePerUnitFen: 200 });

    const check = (client: Client, results: unknown[]) =>
      client.request({
        method: 'POST',
        url: `/api/care-fee-claims/${c.id}/spot-check`,
        payload: { checkedOn: chinaDate(), results },
      });
    const cc1a = { channelCustomerId: w.channelCustomers.cc1a.id, confirmed: true, note: '电话确认' };
    expect((await check(rep01, [cc1a])).statusCode).toBe(403);
    const notPaidCustomer = await check(m1, [{ ...cc1a, channelCustomerId: w.channelCustomers.cc2a.id }]);
    expect(notPaidCustomer.statusCode).toBe(400);
    const ok = await check(m1, [cc1a]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().spotCheck.results).toHaveLength(1);
    expect((await check(m1, [cc1a])).statusCode).toBe(409);

    const audits = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'careFeeClaim'), eq(s.auditLog.entityId, c.id)));
    expect(Number(audits[0]!.n)).toBe(7); // create, submit, 3 signatures, pay, spot check
  });

  it('cannot pay a claim missing a signature', async () => {
    const id = await submitted(rep01, `${year}-04`);
    await sign(clerk, id);
    await sign(m1, id);
    const pay = () =>
      rep01.request({
        method: 'POST',
        url: `/api/care-fee-claims/${id}/pay`,
        payload: { paidOn: chinaDate(), advanceFen: 0 },
      });
    const res = await pay();
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('财务');
    // even when the status says approved, the missing finance signature invalidates it
    await db().update(s.careFeeClaims).set({ status: 'approved' }).where(eq(s.careFeeClaims.id, id));
    expect((await pay()).statusCode).toBe(409);
    const [row] = await db().select().from(s.careFeeClaims).where(eq(s.careFeeClaims.id, id));
    expect(row!.paidOn).toBeNull();
  });

  it('refuses signatures out of order (409), by the owner or one person twice (403); a rejection ends it', async () => {
    const id = await submitted(rep01, `${year}-05`);
    expect((await sign(m1, id)).statusCode).toBe(409);
    expect((await sign(finance, id)).statusCode).toBe(409);
    expect((await sign(rep01, id)).statusCode).toBe(403);
    expect((await sign(admin, id)).statusCode).toBe(403); // no duty
    expect((await sign(compliance, id)).statusCode).toBe(403);
    expect((await sign(both, id)).json().status).toBe('clerkSigned');
    expect((await sign(m1, id)).json().status).toBe('managerSigned');
    const twice = await sign(both, id);
    expect(twice.statusCode).toBe(403);
    expect(twice.json().error.message).toContain('同一人');
    const rejected = await sign(finance, id, 'rejected');
    expect(rejected.json().status).toBe('rejected');
    expect((await sign(finance, id)).statusCode).toBe(409);

    // a manager's own claim: the manager step is theirs, so nobody may sign it as manager
    const own = await submitted(m1, `${year}-06`);
    await sign(clerk, own);
    const self = await sign(m1, own);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toContain('不能为自己');
  });

  it('refuses a doctor anywhere in the body, a requested fee over the rate, a current month and a second claim', async () => {
    const before = await claimCount();
    const post = (payload: Record<string, unknown>) =>
      rep01.request({ method: 'POST', url: '/api/care-fee-claims', payload });
    const doctor = await post({ month: `${year}-07`, lines: [line({ doctorId: w.doctors.d1a.id })] });
    expect(doctor.statusCode).toBe(400);
    expect(doctor.json().error.message).toBe('客情费只用于渠道客户，医生关怀请走关怀计划');
    expect(
      (await post({ month: `${year}-07`, doctorId: w.doctors.d1a.id, lines: [line()] })).statusCode,
    ).toBe(400);
    const overRate = await post({ month: `${year}-07`, lines: [line({ requestedFen: 10_001 })] });
    expect(overRate.statusCode).toBe(400);
    expect(overRate.json().error.message).toContain('100.00'); // ¥2.00 × 50 = ¥100.00
    const current = await post({ month: chinaDate().slice(0, 7), lines: [line({ requestedFen: 0 })] });
    expect(current.statusCode).toBe(400);
    const outOfScope = await post({
      month: `${year}-07`,
      lines: [line({ channelCustomerId: w.channelCustomers.cc2a.id })],
    });
    expect(outOfScope.statusCode).toBe(404);
    expect(await claimCount()).toBe(before);

    await createClaim(rep01, `${year}-07`, [line({ requestedFen: 10_000 })]); // exactly the rate: allowed
    expect((await post({ month: `${year}-07`, lines: [line()] })).statusCode).toBe(409);
  });

  it('answers 404 for another team’s claim and lets compliance only read', async () => {
    const other = await createClaim(rep03, `${year}-01`, [
      line({ channelCustomerId: w.channelCustomers.cc2a.id, productId: w.products.p1.id, requestedFen: 0 }),
    ]);
    expect((await rep01.request({ method: 'GET', url: `/api/care-fee-claims/${other.id}` })).statusCode).toBe(
      404,
    );
    expect(
      (
        await rep01.request({
          method: 'PATCH',
          url: `/api/care-fee-claims/${other.id}`,
          payload: { version: other.version },
        })
      ).statusCode,
    ).toBe(404);
    const list = (await rep01.request({ method: 'GET', url: '/api/care-fee-claims?pageSize=200' })).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(other.id);
    expect(
      (await compliance.request({ method: 'GET', url: `/api/care-fee-claims/${other.id}` })).statusCode,
    ).toBe(200);
  });

  it('PATCH replaces the lines of a draft, with the version', async () => {
    const c = await createClaim(rep01, `${year}-08`);
    const stale = await rep01.request({
      method: 'PATCH',
      url: `/api/care-fee-claims/${c.id}`,
      payload: { version: c.version + 1, lines: [line({ requestedFen: 1_000 })] },
    });
    expect(stale.statusCode).toBe(409);
    const res = await rep01.request({
      method: 'PATCH',
      url: `/api/care-fee-claims/${c.id}`,
      payload: { version: c.version, lines: [line({ requestedFen: 1_000 })] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ requestedFen: 1_000, payableFen: 1_000, version: c.version + 1 });
  });
});

describe('新客户特殊费用', () => {
  it('is valid on a claim line only when approved before the contract date', async () => {
    const apply = (contractDate: string) =>
      rep01.request({
        method: 'POST',
        url: '/api/care-fee-special-applications',
        payload: {
          channelCustomerId: w.channelCustomers.cc1a.id,
          productId: w.products.p1.id,
          amountFen: 20_000,
          reason: '新客户首单开户',
          contractDate,
        },
      });
    expect((await apply(chinaDate())).statusCode).toBe(400); // contract today: too late
    const app = await apply(addDays(chinaDate(), 10));
    expect(app.statusCode, app.body).toBe(201);
    const id = app.json().id as string;
    const what = 'care-fee-special-applications';
    expect((await sign(m1, id, 'approved', what)).statusCode).toBe(409);
    await sign(clerk, id, 'approved', what);
    await sign(m1, id, 'approved', what);
    const approved = (await sign(finance, id, 'approved', what)).json();
    expect(approved).toMatchObject({ status: 'approved', valid: true });

    // valid: the line may ask up to the approved amount (above the rate)
    await createClaim(rep01, `${year}-09`, [line({ requestedFen: 20_000, specialApplicationId: id })]);

    // approved after the contract date: invalid
    await db()
      .update(s.careFeeSpecialApplications)
      .set({ approvedAt: `${addDays(chinaDate(), 11)}T04:00:00.000Z` })
      .where(eq(s.careFeeSpecialApplications.id, id));
    const list = (await rep01.request({ method: 'GET', url: `/api/${what}?pageSize=200` })).json();
    expect(list.items.find((i: { id: string }) => i.id === id).valid).toBe(false);
    const res = await rep01.request({
      method: 'POST',
      url: '/api/care-fee-claims',
      payload: { month: `${year}-10`, lines: [line({ requestedFen: 1_000, specialApplicationId: id })] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('特殊费用');
  });
});

describe('budget accounts and duties', () => {
  it('lets only the admin set an account', async () => {
    const payload = { productId: w.products.p2.id, year: 2031, budgetFen: 500_000, ratePerUnitFen: 80 };
    expect((await rep01.request({ method: 'PUT', url: '/api/care-fee-accounts', payload })).statusCode).toBe(
      403,
    );
    const res = await admin.request({ method: 'PUT', url: '/api/care-fee-accounts', payload });
    expect(res.statusCode, res.body).toBe(200);
    const again = await admin.request({
      method: 'PUT',
      url: '/api/care-fee-accounts',
      payload: { ...payload, ratePerUnitFen: 90 },
    });
    expect(again.json()).toMatchObject({
      ratePerUnitFen: 90,
      version: 2,
      spentFen: 0,
      remainingFen: 500_000,
    });
  });

  it('sets duties on admin accounts only and lists them', async () => {
    const userOf = async (username: string) =>
      (await db().select().from(s.users).where(eq(s.users.username, username)))[0]!;
    const rep = await userOf('rep01');
    const refused = await admin.request({
      method: 'PATCH',
      url: `/api/users/${rep.id}`,
      payload: { duties: ['finance'], version: rep.version },
    });
    expect(refused.statusCode).toBe(400);
    const a = await userOf('admin');
    const ok = await admin.request({
      method: 'PATCH',
      url: `/api/users/${a.id}`,
      payload: { duties: ['finance'], version: a.version },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const list = (await admin.request({ method: 'GET', url: '/api/users?pageSize=200' })).json();
    expect(list.items.find((u: { username: string }) => u.username === 'clerk01').duties).toEqual([
      'salesClerk',
    ]);
    expect(list.items.find((u: { username: string }) => u.username === 'admin').duties).toEqual(['finance']);
  });
});
