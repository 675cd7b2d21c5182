/** Team quotas, the allocation grid, forecasts and manual sales through the API. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate, shiftMonth } from '@keqing/domain';
import type { QuotaGrid } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let admin: Client;
let compliance: Client;
let m1: Client;
let m2: Client;
let rep01: Client; // rep1a, team1, t1a: h1a, hShared, cc1a; p1
let rep02: Client; // rep1b, team1
const db = () => t.database.db;
const thisMonth = chinaDate().slice(0, 7);
const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as Record<string, unknown> });

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(db());
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');
  m1 = await t.signIn('manager01');
  m2 = await t.signIn('manager02');
  rep01 = await t.signIn('rep01');
  rep02 = await t.signIn('rep02');
  // rep1a's doctors: d1a (h1a) high potential and prescribing, but judged a regular user (4) of a competitor product
  // against p1 (world.competitors); dShared (hShared) high potential but negative status. rep1b's d1b uses the
  // competitor only rarely (2), which does not count.
  // Other fixtures' p1 statuses are replaced so the factors below are this file's alone.
  await db().delete(s.doctorProductStatus).where(eq(s.doctorProductStatus.productId, w.products.p1.id));
  await db()
    .insert(s.doctorProductStatus)
    .values([
      {
        doctorId: w.doctors.d1a.id,
        productId: w.products.p1.id,
        prescriptionStatus: 2,
        prescriptionPotential: 5,
        grade: 'A',
        visitsPerCycle: 4,
        assessedOn: '2026-10-01',
      },
      {
        doctorId: w.doctors.dShared.id,
        productId: w.products.p1.id,
        prescriptionStatus: -2,
        prescriptionPotential: 4,
        grade: 'A',
        visitsPerCycle: 4,
        assessedOn: '2026-10-01',
      },
      {
        doctorId: w.doctors.d1b.id,
        productId: w.products.p1.id,
        prescriptionStatus: 1,
        prescriptionPotential: 2,
        grade: 'C',
        visitsPerCycle: 1,
        assessedOn: '2026-10-01',
      },
    ]);
});
afterAll(async () => {
  await t?.close();
});

const auditCount = async (entity: string, entityId: string) =>
  (
    await db()
      .select({ id: s.auditLog.id })
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, entity), eq(s.auditLog.entityId, entityId)))
  ).length;

describe('team quotas', () => {
  const month = '2031-01';
  it('the admin sets and changes a team quota with its version; a stale or missing version is a conflict', async () => {
    const body = { teamId: w.teams.team1.id, month, productId: w.products.p1.id, quantity: 400 };
    const created = await put(admin, '/api/team-quotas', body);
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({
      quantity: 400,
      version: 1,
      teamName: '上海一组',
      productName: '瑞心',
    });
    // a retry of the same request changes nothing
    const retry = await put(admin, '/api/team-quotas', body);
    expect(retry.json()).toMatchObject({ id: created.json().id, version: 1 });
    expect((await put(admin, '/api/team-quotas', { ...body, quantity: 450 })).statusCode).toBe(409);
    const changed = await put(admin, '/api/team-quotas', { ...body, quantity: 450, version: 1 });
    expect(changed.json()).toMatchObject({ quantity: 450, version: 2 });
    expect((await put(admin, '/api/team-quotas', { ...body, quantity: 500, version: 1 })).statusCode).toBe(
      409,
    );
    expect(await auditCount('teamQuota', created.json().id)).toBe(2);
  });

  it('refuses a product the team does not carry, and anyone but the admin', async () => {
    const res = await put(admin, '/api/team-quotas', {
      teamId: w.teams.team1.id,
      month,
      productId: w.products.p2.id,
      quantity: 10,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('糖安');
    const body = { teamId: w.teams.team1.id, month, productId: w.products.p1.id, quantity: 1 };
    expect((await put(m1, '/api/team-quotas', body)).statusCode).toBe(403);
    expect((await put(rep01, '/api/team-quotas', body)).statusCode).toBe(403);
  });

  it('reps and the manager of the team read it; another team does not', async () => {
    const mine = (await rep02.get(`/api/team-quotas?month=${month}`)).json();
    expect(mine.items.map((i: { teamId: string }) => i.teamId)).toEqual([w.teams.team1.id]);
    expect((await m2.get(`/api/team-quotas?month=${month}`)).json().items).toEqual([]);
  });
});

describe('allocation grid', () => {
  const month = '2031-02';
  let p1: string;
  beforeAll(async () => {
    p1 = w.products.p1.id;
    await db().insert(s.teamQuotas).values({ teamId: w.teams.team1.id, month, productId: p1, quantity: 100 });
    // current usage: 30 units of p1 bought by h1a (rep1a) in the month before
    const [imp] = await db()
      .insert(s.flowImports)
      .values({
        channelCustomerId: w.channelCustomers.cc1a.id,
        fileName: 'grid.xlsx',
        fileHash: 'grid-usage',
        status: 'committed',
        createdBy: w.users.admin.id,
      })
      .returning();
    await db()
      .insert(s.flowRows)
      .values({
        importId: imp!.id,
        channelCustomerId: w.channelCustomers.cc1a.id,
        rowNo: 1,
        saleDate: `${shiftMonth(month, -1)}-10`,
        productId: p1,
        productName: '瑞心',
        buyerName: '上海市第一人民医院',
        hospitalId: w.hospitals.h1a.id,
        matchStatus: 'matched',
        quantity: 30,
        raw: {},
      });
  });

  const cell = (grid: QuotaGrid, repId: string) => {
    const found = grid.cells.find((c) => c.repId === repId && c.productId === p1);
    if (!found) throw new Error(`no cell for ${repId}`);
    return found;
  };

  it('shows the team’s reps × products with the factors, the team quota and a suggestion summing to it', async () => {
    const res = await m1.get(`/api/quota-grid?teamId=${w.teams.team1.id}&month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const grid = res.json();
    expect(grid.reps.map((r: { username: string }) => r.username)).toEqual(['rep01', 'rep02']);
    expect(grid.products).toEqual([
      {
        id: p1,
        name: '瑞心',
        teamQuota: expect.objectContaining({ quantity: 100 }),
        allocated: 0,
        unallocated: 100,
      },
    ]);
    const a = cell(grid, w.users.rep1a.id);
    const b = cell(grid, w.users.rep1b.id);
    expect(a.factors).toEqual({
      highPotentialDoctors: 2,
      potentialSum: 9,
      recentUnits: 30,
      competitorDoctors: 2,
    });
    expect(b.factors).toEqual({
      highPotentialDoctors: 0,
      potentialSum: 0,
      recentUnits: 0,
      competitorDoctors: 0,
    });
    expect(a.suggested! + b.suggested!).toBe(100);
    expect(a.suggested!).toBeGreaterThan(b.suggested!);
    expect(grid.warnings.map((x: { kind: string }) => x.kind)).toEqual(['underAllocated']);
  });

  it('saves cells in one transaction, warns on over-allocation, and answers 409 to a stale version saving nothing', async () => {
    const url = '/api/quota-grid';
    const first = await put(m1, url, {
      teamId: w.teams.team1.id,
      month,
      cells: [
        {
          repId: w.users.rep1a.id,
          productId: p1,
          quantity: 70,
          customers: [{ hospitalId: w.hospitals.h1a.id, quantity: 40 }],
        },
        { repId: w.users.rep1b.id, productId: p1, quantity: 50 },
      ],
    });
    expect(first.statusCode, first.body).toBe(200);
    const grid = first.json();
    expect(grid.products[0]).toMatchObject({ allocated: 120, unallocated: -20 });
    expect(grid.warnings).toEqual([
      expect.objectContaining({
        kind: 'overAllocated',
        teamQuota: 100,
        allocated: 120,
        message: expect.stringContaining('瑞心'),
      }),
    ]);
    const a = cell(grid, w.users.rep1a.id).quota!;
    const b = cell(grid, w.users.rep1b.id).quota!;
    expect(await auditCount('repQuota', a.id)).toBe(1);

    const changed = await put(m1, url, {
      teamId: w.teams.team1.id,
      month,
      cells: [{ repId: w.users.rep1a.id, productId: p1, quantity: 60, version: a.version }],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(cell(changed.json(), w.users.rep1a.id).quota).toMatchObject({ quantity: 60, version: 2 });

    // rep1b's change comes first in the body but rep1a's version is stale: nothing is saved
    const stale = await put(m1, url, {
      teamId: w.teams.team1.id,
      month,
      cells: [
        { repId: w.users.rep1b.id, productId: p1, quantity: 40, version: b.version },
        { repId: w.users.rep1a.id, productId: p1, quantity: 55, version: a.version },
      ],
    });
    expect(stale.statusCode).toBe(409);
    const after = (await m1.get(`/api/quota-grid?teamId=${w.teams.team1.id}&month=${month}`)).json();
    expect(cell(after, w.users.rep1b.id).quota).toMatchObject({ quantity: 50, version: 1 });
    expect(cell(after, w.users.rep1a.id).quota).toMatchObject({ quantity: 60, version: 2 });
  });

  it('refuses customers over the quota or outside the rep’s territories, reps of another team, and wrong roles', async () => {
    const save = (c: Client, cells: unknown[], teamId = w.teams.team1.id) =>
      put(c, '/api/quota-grid', { teamId, month: '2031-03', cells });
    const over = await save(m1, [
      {
        repId: w.users.rep1b.id,
        productId: p1,
        quantity: 10,
        customers: [{ hospitalId: w.hospitals.h1b.id, quantity: 11 }],
      },
    ]);
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toContain('超过');
    const outside = await save(m1, [
      {
        repId: w.users.rep1a.id,
        productId: p1,
        quantity: 10,
        customers: [{ hospitalId: w.hospitals.h2a.id, quantity: 5 }],
      },
    ]);
    expect(outside.statusCode).toBe(400);
    expect((await save(m1, [{ repId: w.users.rep2a.id, productId: p1, quantity: 10 }])).statusCode).toBe(400);
    expect((await save(m2, [{ repId: w.users.rep1a.id, productId: p1, quantity: 10 }])).statusCode).toBe(404);
    expect((await save(rep01, [{ repId: w.users.rep1a.id, productId: p1, quantity: 10 }])).statusCode).toBe(
      403,
    );
    expect(
      (await save(compliance, [{ repId: w.users.rep1a.id, productId: p1, quantity: 10 }])).statusCode,
    ).toBe(403);
    expect(await db().select().from(s.repQuotas).where(eq(s.repQuotas.month, '2031-03'))).toEqual([]);
  });

  it('warns when a rep’s goal is below the quota', async () => {
    await db()
      .insert(s.salesForecasts)
      .values({ repId: w.users.rep1b.id, month, productId: p1, forecastQuantity: 50, goalQuantity: 45 });
    const grid = (await m1.get(`/api/quota-grid?teamId=${w.teams.team1.id}&month=${month}`)).json();
    expect(grid.warnings).toContainEqual(
      expect.objectContaining({
        kind: 'goalBelowQuota',
        repId: w.users.rep1b.id,
        message: expect.stringContaining('目标'),
      }),
    );
  });
});

describe('forecasts', () => {
  const next = shiftMonth(thisMonth, 1);
  it('refuses a past month and anyone but the rep', async () => {
    const body = {
      month: shiftMonth(thisMonth, -1),
      items: [{ productId: w.products.p1.id, forecastQuantity: 10 }],
    };
    const past = await put(rep01, '/api/sales-forecasts', body);
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toContain('已经过去');
    expect((await put(m1, '/api/sales-forecasts', { ...body, month: next })).statusCode).toBe(403);
    expect(await db().select().from(s.salesForecasts).where(eq(s.salesForecasts.month, body.month))).toEqual(
      [],
    );
  });

  it('a forecast below the quota is saved with a gap warning naming the product', async () => {
    await db().insert(s.repQuotas).values({
      repId: w.users.rep1a.id,
      teamId: w.teams.team1.id,
      month: next,
      productId: w.products.p1.id,
      quantity: 200,
    });
    const res = await put(rep01, '/api/sales-forecasts', {
      month: next,
      items: [
        {
          productId: w.products.p1.id,
          forecastQuantity: 150,
          goalQuantity: 180,
          additions: [
            { hospitalId: w.hospitals.hShared.id, quantity: 30 },
            { doctorId: w.doctors.d1a.id, quantity: 10 },
          ],
          promotionPlan: '瑞金医院科室会',
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json();
    expect(summary.rows).toEqual([
      expect.objectContaining({
        productName: '瑞心',
        quota: 200,
        forecast: 150,
        goal: 180,
        gap: -50,
        gapPct: -25,
        additionsTotal: 40,
        version: 1,
        warnings: ['forecastBelowQuota', 'goalBelowQuota'],
      }),
    ]);
    expect(summary.warnings.map((x: { kind: string; gap: number }) => [x.kind, x.gap])).toEqual([
      ['forecastBelowQuota', -50],
      ['goalBelowQuota', -20],
    ]);
    expect(summary.warnings[0].message).toContain('瑞心');
    // the manager reads the same summary
    const asManager = (await m1.get(`/api/forecast-summary?month=${next}&repId=${w.users.rep1a.id}`)).json();
    expect(asManager.totals).toMatchObject({ quota: 200, forecast: 150, gap: -50 });
  });

  it('upserts with the version: a retry changes nothing, a stale version is a conflict', async () => {
    const item = (extra: object) => ({ month: next, items: [{ productId: w.products.p1.id, ...extra }] });
    const base = {
      forecastQuantity: 150,
      goalQuantity: 180,
      additions: [
        { hospitalId: w.hospitals.hShared.id, quantity: 30 },
        { doctorId: w.doctors.d1a.id, quantity: 10 },
      ],
      promotionPlan: '瑞金医院科室会',
    };
    expect((await put(rep01, '/api/sales-forecasts', item(base))).statusCode).toBe(200);
    const raised = await put(
      rep01,
      '/api/sales-forecasts',
      item({ ...base, forecastQuantity: 210, version: 1 }),
    );
    expect(raised.json().rows[0]).toMatchObject({
      forecast: 210,
      gap: 10,
      version: 2,
      warnings: ['goalBelowQuota'],
    });
    expect(
      (await put(rep01, '/api/sales-forecasts', item({ ...base, forecastQuantity: 220, version: 1 })))
        .statusCode,
    ).toBe(409);
    expect(
      (await put(rep01, '/api/sales-forecasts', item({ ...base, forecastQuantity: 220 }))).statusCode,
    ).toBe(409);
  });

  it('refuses where-to-add outside the rep’s territories and products the rep does not carry', async () => {
    const outside = await put(rep01, '/api/sales-forecasts', {
      month: shiftMonth(thisMonth, 2),
      items: [
        {
          productId: w.products.p1.id,
          forecastQuantity: 1,
          additions: [{ doctorId: w.doctors.d2a.id, quantity: 1 }],
        },
      ],
    });
    expect(outside.statusCode).toBe(400);
    const product = await put(rep01, '/api/sales-forecasts', {
      month: shiftMonth(thisMonth, 2),
      items: [{ productId: w.products.p2.id, forecastQuantity: 1 }],
    });
    expect(product.statusCode).toBe(400);
  });
});

describe('manual sales', () => {
  it('the rep enters their own past month; the manager a rep of the team; audited', async () => {
    const own = await put(rep01, '/api/manual-sales', {
      month: '2020-01',
      productId: w.products.p1.id,
      quantity: 12,
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ repId: w.users.rep1a.id, quantity: 12, version: 1 });
    expect(await auditCount('manualSale', own.json().id)).toBe(1);
    const byManager = await put(m1, '/api/manual-sales', {
      repId: w.users.rep1a.id,
      month: '2020-01',
      productId: w.products.p1.id,
      quantity: 14,
      version: 1,
    });
    expect(byManager.json()).toMatchObject({ quantity: 14, version: 2, enteredBy: w.users.m1.id });
  });

  it('refuses a future month, another team’s rep and the admin', async () => {
    const future = await put(rep01, '/api/manual-sales', {
      month: shiftMonth(thisMonth, 1),
      productId: w.products.p1.id,
      quantity: 1,
    });
    expect(future.statusCode).toBe(400);
    expect(
      (
        await put(m2, '/api/manual-sales', {
          repId: w.users.rep1a.id,
          month: '2020-02',
          productId: w.products.p1.id,
          quantity: 1,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await put(admin, '/api/manual-sales', {
          repId: w.users.rep1a.id,
          month: '2020-02',
          productId: w.products.p1.id,
          quantity: 1,
        })
      ).statusCode,
    ).toBe(403);
  });
});
