/**
 * Actual sales from committed flow 流向 rows, attributed to the rep who covered the buyer on the sale date, with
 * manual entries only where no flow row counts; attainment through the API equals a direct count of the fixtures.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { findSalesFigures } from './sales-figures.repository.ts';

let t: TestApp;
let w: World;
let m1: Client;
let m2: Client;
let rep01: Client;
const db = () => t.database.db;

type Line = {
  date: string;
  productId: string;
  quantity: number;
  hospitalId?: string;
  buyerCustomerId?: string;
};

async function flowImport(status: 'preview' | 'committed' | 'cancelled', hash: string, lines: Line[]) {
  const [imp] = await db()
    .insert(s.flowImports)
    .values({
      channelCustomerId: w.channelCustomers.cc1a.id,
      fileName: `${hash}.xlsx`,
      fileHash: hash,
      status,
      createdBy: w.users.admin.id,
    })
    .returning();
  await db()
    .insert(s.flowRows)
    .values(
      lines.map((l, i) => ({
        importId: imp!.id,
        channelCustomerId: w.channelCustomers.cc1a.id,
        rowNo: i + 1,
        saleDate: l.date,
        productId: l.productId,
        productName: '产品',
        buyerName: '买方',
        hospitalId: l.hospitalId ?? null,
        buyerCustomerId: l.buyerCustomerId ?? null,
        matchStatus: 'matched' as const,
        quantity: l.quantity,
        raw: {},
      })),
    );
}

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(db());
  m1 = await t.signIn('manager01');
  m2 = await t.signIn('manager02');
  rep01 = await t.signIn('rep01');
  const { p1, p2 } = w.products;
  const { h1a, h2a, hShared } = w.hospitals;

  // tEnd (team1, p1): rep1b covered hEnd from 2026-01-01 to 2026-03-31 inclusive, then nobody
  const [hEnd] = await db()
    .insert(s.hospitals)
    .values({
      code: 'HEND',
      name: '上海市徐汇区中心医院',
      level: '二级甲等',
      type: '综合',
      province: '上海',
      city: '上海',
    })
    .returning();
  const [tEnd] = await db()
    .insert(s.territories)
    .values({ code: 'TEND', name: '辖区TEND', teamId: w.teams.team1.id, productIds: [p1.id] })
    .returning();
  await db().insert(s.territoryHospitals).values({ territoryId: tEnd!.id, hospitalId: hEnd!.id });
  await db().insert(s.territoryAssignments).values({
    territoryId: tEnd!.id,
    userId: w.users.rep1b.id,
    startDate: '2026-01-01',
    endDate: '2026-03-31',
  });

  await flowImport('committed', 'sf-committed', [
    { date: '2026-03-10', productId: p1.id, quantity: 40, hospitalId: h1a.id }, // rep1a
    { date: '2026-03-12', productId: p1.id, quantity: 5, buyerCustomerId: w.channelCustomers.cc1a.id }, // rep1a
    { date: '2026-03-14', productId: p1.id, quantity: 7, hospitalId: hShared.id }, // rep1a (t2a carries p2 only)
    { date: '2026-03-15', productId: p2.id, quantity: 3, hospitalId: h1a.id }, // nobody: t1a does not carry p2
    { date: '2026-03-16', productId: p2.id, quantity: 17, hospitalId: h2a.id }, // rep2a
    { date: '2025-12-20', productId: p1.id, quantity: 8, hospitalId: h1a.id }, // before rep1a's assignment
    { date: '2026-03-31', productId: p1.id, quantity: 11, hospitalId: hEnd!.id }, // rep1b's last day
    { date: '2026-04-01', productId: p1.id, quantity: 13, hospitalId: hEnd!.id }, // after rep1b's assignment ended
  ]);
  await flowImport('preview', 'sf-preview', [
    { date: '2026-03-20', productId: p1.id, quantity: 1000, hospitalId: h1a.id },
  ]);
  await flowImport('cancelled', 'sf-cancelled', [
    { date: '2026-04-20', productId: p1.id, quantity: 2000, hospitalId: h1a.id },
  ]);

  await db()
    .insert(s.repQuotas)
    .values([
      { repId: w.users.rep1a.id, teamId: w.teams.team1.id, month: '2026-03', productId: p1.id, quantity: 50 },
      { repId: w.users.rep1a.id, teamId: w.teams.team1.id, month: '2026-04', productId: p1.id, quantity: 20 },
      { repId: w.users.rep1b.id, teamId: w.teams.team1.id, month: '2026-04', productId: p1.id, quantity: 0 },
      { repId: w.users.rep2a.id, teamId: w.teams.team2.id, month: '2026-03', productId: p2.id, quantity: 34 },
    ]);
  await db()
    .insert(s.manualSales)
    .values([
      // flow counts for rep1a × p1 × 2026-03, so this manual entry is ignored
      {
        repId: w.users.rep1a.id,
        month: '2026-03',
        productId: p1.id,
        quantity: 999,
        enteredBy: w.users.rep1a.id,
      },
      // no flow for rep1a × p1 × 2026-04 (the cancelled import does not count): the manual entry is the actual
      { repId: w.users.rep1a.id, month: '2026-04', productId: p1.id, quantity: 25, enteredBy: w.users.m1.id },
    ]);
});
afterAll(async () => {
  await t?.close();
});

const figure = (
  rows: Awaited<ReturnType<typeof findSalesFigures>>,
  repId: string,
  productId: string,
  month: string,
) => rows.find((r) => r.repId === repId && r.productId === productId && r.month === month);

describe('findSalesFigures', () => {
  it('counts committed flow rows in the rep’s territories on the sale date, and manual only where no flow counts', async () => {
    const { rep1a, rep1b, rep2a } = w.users;
    const { p1, p2 } = w.products;
    const rows = await findSalesFigures(db(), {
      repIds: [rep1a.id, rep1b.id, rep2a.id],
      months: ['2025-12', '2026-03', '2026-04'],
    });
    // 40 (h1a) + 5 (cc1a) + 7 (hShared); not the preview's 1000 nor the manual 999
    expect(figure(rows, rep1a.id, p1.id, '2026-03')).toEqual({
      repId: rep1a.id,
      productId: p1.id,
      month: '2026-03',
      quota: 50,
      actual: 52,
      actualSource: 'flow',
    });
    // the cancelled import's 2000 does not count; the manual entry does
    expect(figure(rows, rep1a.id, p1.id, '2026-04')).toMatchObject({
      quota: 20,
      actual: 25,
      actualSource: 'manual',
    });
    // before rep1a's assignment started: nobody's
    expect(figure(rows, rep1a.id, p1.id, '2025-12')).toBeUndefined();
    // p2 at h1a: t1a does not carry p2
    expect(figure(rows, rep1a.id, p2.id, '2026-03')).toBeUndefined();
    // the end date is inclusive; the day after does not count
    expect(figure(rows, rep1b.id, p1.id, '2026-03')).toMatchObject({
      quota: 0,
      actual: 11,
      actualSource: 'flow',
    });
    expect(figure(rows, rep1b.id, p1.id, '2026-04')).toMatchObject({
      quota: 0,
      actual: 0,
      actualSource: 'none',
    });
    expect(figure(rows, rep2a.id, p2.id, '2026-03')).toMatchObject({
      quota: 34,
      actual: 17,
      actualSource: 'flow',
    });
    expect(rows.filter((r) => r.repId === rep2a.id)).toHaveLength(1);
  });

  it('filters by product and answers nothing for no reps or no months', async () => {
    const rows = await findSalesFigures(db(), {
      repIds: [w.users.rep1a.id, w.users.rep2a.id],
      months: ['2026-03'],
      productId: w.products.p2.id,
    });
    expect(rows.map((r) => [r.repId, r.actual])).toEqual([[w.users.rep2a.id, 17]]);
    expect(await findSalesFigures(db(), { repIds: [], months: ['2026-03'] })).toEqual([]);
    expect(await findSalesFigures(db(), { repIds: [w.users.rep1a.id], months: [] })).toEqual([]);
  });

  it('a row counts once for a rep whose two territories both hold the buyer', async () => {
    const [tDup] = await db()
      .insert(s.territories)
      .values({ code: 'TDUP', name: '辖区TDUP', teamId: w.teams.team1.id, productIds: [w.products.p1.id] })
      .returning();
    await db().insert(s.territoryHospitals).values({ territoryId: tDup!.id, hospitalId: w.hospitals.h1a.id });
    const [a] = await db()
      .insert(s.territoryAssignments)
      .values({
        territoryId: tDup!.id,
        userId: w.users.rep1a.id,
        startDate: '2026-01-01',
        endDate: '2026-06-30',
      })
      .returning();
    try {
      const rows = await findSalesFigures(db(), {
        repIds: [w.users.rep1a.id],
        months: ['2026-03'],
        productId: w.products.p1.id,
      });
      expect(rows.map((r) => r.actual)).toEqual([52]);
    } finally {
      await db().delete(s.territoryAssignments).where(eq(s.territoryAssignments.id, a!.id));
    }
  });

  it('a rep whose assignment moved keeps the earlier sales and the new rep gets the later ones', async () => {
    // hand tEnd over to rep1a from 2026-04-01: the 13 units of 04-01 are now rep1a's, the 11 of 03-31 stay rep1b's
    const [tEnd] = await db().select().from(s.territories).where(eq(s.territories.code, 'TEND'));
    const [a] = await db()
      .insert(s.territoryAssignments)
      .values({
        territoryId: tEnd!.id,
        userId: w.users.rep1a.id,
        startDate: '2026-04-01',
        endDate: '2026-04-30',
      })
      .returning();
    try {
      const rows = await findSalesFigures(db(), {
        repIds: [w.users.rep1a.id, w.users.rep1b.id],
        months: ['2026-03', '2026-04'],
        productId: w.products.p1.id,
      });
      expect(figure(rows, w.users.rep1a.id, w.products.p1.id, '2026-04')).toMatchObject({
        actual: 13,
        actualSource: 'flow',
      });
      expect(figure(rows, w.users.rep1b.id, w.products.p1.id, '2026-03')).toMatchObject({ actual: 11 });
    } finally {
      await db().delete(s.territoryAssignments).where(eq(s.territoryAssignments.id, a!.id));
    }
  });
});

describe('GET /api/sales-attainment', () => {
  it('by rep: quota, actual and attainment of the manager’s team only', async () => {
    const res = await m1.get('/api/sales-attainment?fromMonth=2026-03&toMonth=2026-04&groupBy=rep');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const byKey = Object.fromEntries(body.rows.map((r: { key: string }) => [r.key, r]));
    expect(Object.keys(byKey).sort()).toEqual([w.users.rep1a.id, w.users.rep1b.id].sort());
    // rep1a: quota 50 + 20, actual 52 (flow) + 25 (manual)
    expect(byKey[w.users.rep1a.id]).toMatchObject({
      quota: 70,
      actual: 77,
      attainmentPct: 110,
      source: 'mixed',
    });
    // rep1b: quota 0 → no percentage
    expect(byKey[w.users.rep1b.id]).toMatchObject({
      quota: 0,
      actual: 11,
      attainmentPct: null,
      source: 'flow',
    });
    expect(body.total).toMatchObject({ quota: 70, actual: 88, attainmentPct: 125.7 });
  });

  it('by month and by product for one rep', async () => {
    const byMonth = (
      await rep01.get('/api/sales-attainment?fromMonth=2026-03&toMonth=2026-04&groupBy=month')
    ).json();
    expect(byMonth.rows).toEqual([
      { key: '2026-03', label: '2026-03', quota: 50, actual: 52, attainmentPct: 104, source: 'flow' },
      { key: '2026-04', label: '2026-04', quota: 20, actual: 25, attainmentPct: 125, source: 'manual' },
    ]);
    const byProduct = (
      await m2.get(
        `/api/sales-attainment?fromMonth=2026-03&toMonth=2026-03&groupBy=product&repId=${w.users.rep2a.id}`,
      )
    ).json();
    expect(byProduct.rows).toEqual([
      { key: w.products.p2.id, label: '糖安', quota: 34, actual: 17, attainmentPct: 50, source: 'flow' },
    ]);
  });

  it('another team or its rep is not found for a manager; a rep sees only themself', async () => {
    expect(
      (await m2.get(`/api/sales-attainment?fromMonth=2026-03&toMonth=2026-03&teamId=${w.teams.team1.id}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await m2.get(`/api/sales-attainment?fromMonth=2026-03&toMonth=2026-03&repId=${w.users.rep1a.id}`))
        .statusCode,
    ).toBe(404);
    const mine = (
      await rep01.get('/api/sales-attainment?fromMonth=2026-03&toMonth=2026-04&groupBy=rep')
    ).json();
    expect(mine.rows.map((r: { key: string }) => r.key)).toEqual([w.users.rep1a.id]);
  });

  it('refuses a range that ends before it starts', async () => {
    const res = await m1.get('/api/sales-attainment?fromMonth=2026-04&toMonth=2026-03');
    expect(res.statusCode).toBe(400);
  });
});
