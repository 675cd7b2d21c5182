import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate, defaultChannelSettings } from '@keqing/domain';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { computeChannelHealth, evaluateChannelWarnings } from './warnings-evaluation.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a: t1a holds cc1a (distributor)
let rep02: Client; // rep1b: team1, t1b holds no channel customer
let rep03: Client; // rep2a: team2, t2a holds cc2a
let m1: Client;
let m2: Client;
let admin: Client;
let compliance: Client;
let suzhou: { id: string };
/** A distributor of this file only (in t1a, rep1a's territory), so other areas' fixtures never add to its figures. */
let ccW: string;

const today = chinaDate();
const daysAgo = (n: number) => addDays(today, -n);

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  rep01 = await t.signIn('rep01');
  rep02 = await t.signIn('rep02');
  rep03 = await t.signIn('rep03');
  m1 = await t.signIn('manager01');
  m2 = await t.signIn('manager02');
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');
  const [h] = await t.database.db
    .insert(s.hospitals)
    .values({
      code: 'HSZ',
      name: '苏州大学附属第一医院',
      level: '三级甲等',
      type: '综合',
      province: '江苏',
      city: '苏州',
    })
    .returning({ id: s.hospitals.id });
  suzhou = h!;
  const [c] = await t.database.db
    .insert(s.channelCustomers)
    .values({
      kind: 'distributor',
      name: '上海预警医药有限公司',
      province: '上海',
      city: '上海',
      distributorTier: 'primary',
    })
    .returning({ id: s.channelCustomers.id });
  ccW = c!.id;
  await t.database.db
    .insert(s.territoryChannelCustomers)
    .values({ territoryId: w.territories.t1a.id, channelCustomerId: ccW });
});
afterAll(async () => t?.close());

const db = () => t.database.db;
const cc1a = () => ccW;

let fileNo = 0;
/** A committed flow file of cc1a with the given rows. */
async function insertFlow(
  rows: { saleDate: string; quantity: number; hospitalId?: string; productId?: string }[],
) {
  const [imp] = await db()
    .insert(s.flowImports)
    .values({
      channelCustomerId: cc1a(),
      fileName: `流向${++fileNo}.xlsx`,
      fileHash: `hash-${fileNo}-${Date.now()}`,
      status: 'committed',
      createdBy: w.users.rep1a.id,
    })
    .returning({ id: s.flowImports.id });
  const inserted = await db()
    .insert(s.flowRows)
    .values(
      rows.map((r, i) => ({
        importId: imp!.id,
        channelCustomerId: cc1a(),
        rowNo: i + 2,
        saleDate: r.saleDate,
        productId: r.productId ?? w.products.p1.id,
        productName: '瑞心',
        buyerName: r.hospitalId === suzhou.id ? '苏大附一院' : '市一医院',
        hospitalId: r.hospitalId ?? w.hospitals.h1a.id,
        matchStatus: 'matched' as const,
        quantity: r.quantity,
        raw: {},
      })),
    )
    .returning({ id: s.flowRows.id });
  return inserted.map((r) => r.id);
}

const warningsOf = async (kind: string, client: Client = admin) => {
  const res = await client.get(`/api/channel-warnings?kind=${kind}&channelCustomerId=${cc1a()}&pageSize=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    id: string;
    status: string;
    figure: number | null;
    threshold: number | null;
    detail: Record<string, unknown>;
    assigneeId: string | null;
    subjectKey: string;
    productId: string | null;
  }[];
};
const setAuthorised = (values: Partial<typeof s.channelCustomers.$inferInsert>) =>
  db().update(s.channelCustomers).set(values).where(eq(s.channelCustomers.id, cc1a()));

describe('窜货: raise, trace, update, resolve', () => {
  let rowIds: string[];
  let warningId: string;

  it('a flow row sold to a hospital outside the authorised territory raises one, with the flow row id', async () => {
    await setAuthorised({ authorisedCities: ['上海'] });
    await insertFlow([{ saleDate: daysAgo(40), quantity: 100 }]);
    rowIds = await insertFlow([{ saleDate: daysAgo(5), quantity: 20, hospitalId: suzhou.id }]);
    const res = await m1.post('/api/channel-warnings/evaluate', { channelCustomerId: cc1a() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().raised).toBeGreaterThan(0);
    const [warning, ...more] = await warningsOf('crossTerritory');
    expect(more).toEqual([]);
    expect(warning).toMatchObject({
      status: 'open',
      figure: 1,
      subjectKey: `hospital:${suzhou.id}`,
      productId: w.products.p1.id,
      assigneeId: w.users.rep1a.id,
    });
    expect(warning!.detail.flowRowIds).toEqual(rowIds);
    warningId = warning!.id;
  });

  it('the detail resolves the traced rows to names (buyer, hospital, date, quantity)', async () => {
    const res = await rep01.get(`/api/channel-warnings/${warningId}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.trace.hospital).toMatchObject({ id: suzhou.id, name: '苏州大学附属第一医院', city: '苏州' });
    expect(body.trace.flowRows).toEqual([
      expect.objectContaining({
        id: rowIds[0],
        hospitalName: '苏州大学附属第一医院',
        buyerName: '苏大附一院',
        saleDate: daysAgo(5),
        quantity: 20,
      }),
    ]);
  });

  it('re-evaluation updates the figure of the same warning instead of raising another', async () => {
    const more = await insertFlow([{ saleDate: daysAgo(3), quantity: 5, hospitalId: suzhou.id }]);
    await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()] });
    const [warning, ...others] = await warningsOf('crossTerritory');
    expect(others).toEqual([]);
    expect(warning).toMatchObject({ id: warningId, figure: 2, status: 'open' });
    expect(warning!.detail.flowRowIds).toEqual([...more, ...rowIds]);
  });

  it('fixing the authorised territory resolves it', async () => {
    await setAuthorised({ authorisedCities: ['上海'], authorisedHospitalIds: [suzhou.id] });
    const result = await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()] });
    expect(result.resolved).toBeGreaterThanOrEqual(1);
    const [warning] = await warningsOf('crossTerritory');
    expect(warning).toMatchObject({ id: warningId, status: 'resolved' });
    const stored = await db().select().from(s.channelWarnings).where(eq(s.channelWarnings.id, warningId));
    expect(stored[0]!.resolvedOn).toBe(today);
  });

  it('rows out of territory again reopen the same warning', async () => {
    await setAuthorised({ authorisedCities: ['上海'], authorisedHospitalIds: [] });
    await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()] });
    const [warning] = await warningsOf('crossTerritory');
    expect(warning).toMatchObject({ id: warningId, status: 'open' });
  });

  it('a distributor without an authorised territory is not judged', async () => {
    await setAuthorised({ authorisedCities: [], authorisedHospitalIds: [] });
    await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()] });
    expect((await warningsOf('crossTerritory'))[0]!.status).toBe('resolved');
    await setAuthorised({ authorisedCities: ['上海'] });
  });
});

describe('acknowledging', () => {
  const evaluateNeglect = async () => {
    await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()] });
    const [warning] = await warningsOf('neglect');
    return warning!;
  };

  it('the assignee acknowledges with a note (audited); a note is required', async () => {
    const warning = await evaluateNeglect();
    expect(warning.figure).toBeNull(); // never visited
    const empty = await rep01.post(`/api/channel-warnings/${warning.id}/acknowledge`, { note: ' ' });
    expect(empty.statusCode).toBe(400);
    const res = await rep01.post(`/api/channel-warnings/${warning.id}/acknowledge`, { note: '本周安排拜访' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: w.users.rep1a.id,
      acknowledgedByName: '张三',
      acknowledgeNote: '本周安排拜访',
    });
    const audit = await db()
      .select({ action: s.auditLog.action })
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'channelWarning'), eq(s.auditLog.entityId, warning.id)));
    expect(audit).toEqual([{ action: 'update' }]);
    // still true on re-evaluation: stays acknowledged
    await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()] });
    expect((await warningsOf('neglect'))[0]!.status).toBe('acknowledged');
  });

  it('the manager of the team acknowledges too', async () => {
    const warning = await evaluateNeglect();
    const res = await m1.post(`/api/channel-warnings/${warning.id}/acknowledge`, { note: '已提醒代表' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().acknowledgedBy).toBe(w.users.m1.id);
  });

  it("team2's rep and manager and a rep of another territory get 404; compliance 403", async () => {
    const warning = await evaluateNeglect();
    for (const client of [rep03, m2, rep02]) {
      expect(
        (await client.post(`/api/channel-warnings/${warning.id}/acknowledge`, { note: 'x' })).statusCode,
      ).toBe(404);
      expect((await client.get(`/api/channel-warnings/${warning.id}`)).statusCode).toBe(404);
    }
    expect(
      (await compliance.post(`/api/channel-warnings/${warning.id}/acknowledge`, { note: 'x' })).statusCode,
    ).toBe(403);
  });

  it('a visit resolves the neglect warning; a resolved warning cannot be acknowledged', async () => {
    const warning = await evaluateNeglect();
    await db()
      .insert(s.channelVisits)
      .values({
        channelCustomerId: cc1a(),
        ownerId: w.users.rep1a.id,
        visitDate: daysAgo(1),
        type: 'visit',
        purpose: '对账',
      });
    await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()] });
    expect((await warningsOf('neglect'))[0]).toMatchObject({ id: warning.id, status: 'resolved' });
    const res = await rep01.post(`/api/channel-warnings/${warning.id}/acknowledge`, { note: '已拜访' });
    expect(res.statusCode).toBe(409);
  });
});

describe('stock, receivables, licences', () => {
  it('stock-out: 10 units against 30 a month sold (10 days of cover) raises with the stock report', async () => {
    const [report] = await db()
      .insert(s.channelStockReports)
      .values({
        channelCustomerId: cc1a(),
        productId: w.products.p2.id,
        reportedOn: daysAgo(1),
        quantity: 10,
        createdBy: w.users.rep1a.id,
      })
      .returning({ id: s.channelStockReports.id });
    await insertFlow([{ saleDate: daysAgo(10), quantity: 30, productId: w.products.p2.id }]);
    await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()] });
    const [warning] = (await warningsOf('stockOut')).filter((x) => x.productId === w.products.p2.id);
    expect(warning).toMatchObject({ status: 'open', figure: 10, threshold: 15 });
    expect(warning!.detail.stockReportId).toBe(report!.id);
    const detail = (await admin.get(`/api/channel-warnings/${warning!.id}`)).json();
    expect(detail.trace.stockReport).toMatchObject({ id: report!.id, quantity: 10 });
  });

  it('overdue and over the credit limit from the ledger', async () => {
    await db()
      .update(s.channelCustomers)
      .set({ creditLimitFen: 50_000 })
      .where(eq(s.channelCustomers.id, cc1a()));
    await db()
      .insert(s.ledgerEntries)
      .values([
        {
          channelCustomerId: cc1a(),
          entryDate: daysAgo(60),
          kind: 'delivery',
          amountFen: 80_000,
          dueDate: daysAgo(30),
          createdBy: w.users.rep1a.id,
        },
        {
          channelCustomerId: cc1a(),
          entryDate: daysAgo(20),
          kind: 'payment',
          amountFen: -30_000,
          createdBy: w.users.rep1a.id,
        },
        {
          channelCustomerId: cc1a(),
          entryDate: daysAgo(5),
          kind: 'delivery',
          amountFen: 10_000,
          dueDate: addDays(today, 25),
          createdBy: w.users.rep1a.id,
        },
      ]);
    await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()] });
    expect((await warningsOf('receivableOverdue'))[0]).toMatchObject({ status: 'open', figure: 50_000 });
    expect((await warningsOf('overCreditLimit'))[0]).toMatchObject({ figure: 60_000, threshold: 50_000 });
    expect((await warningsOf('unreconciled'))[0]).toMatchObject({ figure: 60, threshold: 31 });
  });

  it('licence expiry within 60 days; a renewed licence of the same kind resolves it', async () => {
    const [licence] = await db()
      .insert(s.channelLicences)
      .values({ channelCustomerId: cc1a(), kind: 'gsp', number: 'GSP-001', validUntil: addDays(today, 30) })
      .returning({ id: s.channelLicences.id });
    await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()] });
    const [warning] = await warningsOf('licenceExpiry');
    expect(warning).toMatchObject({ status: 'open', figure: 30, threshold: 60, subjectKey: 'gsp' });
    expect(warning!.detail.licenceId).toBe(licence!.id);
    await db()
      .insert(s.channelLicences)
      .values({
        channelCustomerId: cc1a(),
        kind: 'gsp',
        number: 'GSP-002',
        validUntil: addDays(today, 1000),
      });
    await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()] });
    expect((await warningsOf('licenceExpiry'))[0]!.status).toBe('resolved');
  });

  it('replays history: as of an earlier date only the data up to then counts', async () => {
    const [licence] = await db()
      .insert(s.channelLicences)
      .values({ channelCustomerId: cc1a(), kind: 'drugTrading', number: 'YP-1', validUntil: daysAgo(100) })
      .returning({ id: s.channelLicences.id });
    await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()], asOf: daysAgo(120) });
    const [warning] = (await warningsOf('licenceExpiry')).filter((x) => x.subjectKey === 'drugTrading');
    expect(warning).toMatchObject({ figure: 20, status: 'open' });
    expect(warning!.detail.licenceId).toBe(licence!.id);
    const stored = await db().select().from(s.channelWarnings).where(eq(s.channelWarnings.id, warning!.id));
    expect(stored[0]!.raisedOn).toBe(daysAgo(120));
    // back to today: the expired licence still warns (figure −100), the stock-out is there again
    await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()] });
    const [now] = (await warningsOf('licenceExpiry')).filter((x) => x.subjectKey === 'drugTrading');
    expect(now).toMatchObject({ id: warning!.id, figure: -100, status: 'open' });
  });
});

describe('list, summary, evaluate permissions', () => {
  it('lists only the distributors in scope; filters by status; open first', async () => {
    const mine = (await rep01.get('/api/channel-warnings?pageSize=200')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(
      mine.items.some(
        (x: { channelCustomerId: string }) => x.channelCustomerId === w.channelCustomers.cc2a.id,
      ),
    ).toBe(false);
    const statuses = mine.items.map((x: { status: string }) => x.status);
    expect(statuses.indexOf('resolved')).toBeGreaterThan(statuses.lastIndexOf('open'));
    const theirs = (await rep03.get('/api/channel-warnings?pageSize=200')).json();
    expect(theirs.items.some((x: { channelCustomerId: string }) => x.channelCustomerId === cc1a())).toBe(
      false,
    );
    const open = (await rep01.get('/api/channel-warnings?status=open&pageSize=200')).json();
    expect(open.items.every((x: { status: string }) => x.status === 'open')).toBe(true);
  });

  it('summary counts per kind and per distributor', async () => {
    const res = await m1.get('/api/channel-warnings/summary');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const ids = body.byCustomer.map((c: { channelCustomerId: string }) => c.channelCustomerId);
    expect(ids).toContain(cc1a());
    expect(ids).not.toContain(w.channelCustomers.cc2a.id);
    expect(body.open).toBe(body.byKind.reduce((a: number, k: { open: number }) => a + k.open, 0));
    expect(body.byKind.find((k: { kind: string }) => k.kind === 'stockOut').open).toBeGreaterThanOrEqual(1);
    expect((await rep03.get(`/api/channel-warnings/summary?channelCustomerId=${cc1a()}`)).statusCode).toBe(
      404,
    );
  });

  it('reps cannot evaluate; managers only their scope', async () => {
    expect((await rep01.post('/api/channel-warnings/evaluate', {})).statusCode).toBe(403);
    expect((await m2.post('/api/channel-warnings/evaluate', { channelCustomerId: cc1a() })).statusCode).toBe(
      404,
    );
    const all = await admin.post('/api/channel-warnings/evaluate', {});
    expect(all.statusCode).toBe(200);
    expect(all.json().evaluated).toBeGreaterThanOrEqual(2);
  });
});

describe('channel settings', () => {
  it('everyone reads the defaults; only an admin saves a new version (audited), bad input saves nothing', async () => {
    const read = await rep01.get('/api/channel-settings');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(defaultChannelSettings);
    const body = { ...defaultChannelSettings, neglectDays: 30 };
    expect(
      (await rep01.request({ method: 'PUT', url: '/api/channel-settings', payload: body })).statusCode,
    ).toBe(403);
    expect(
      (await m1.request({ method: 'PUT', url: '/api/channel-settings', payload: body })).statusCode,
    ).toBe(403);
    const count = async () =>
      Number(
        (
          await db()
            .select({ n: sql<number>`count(*)::int` })
            .from(s.channelSettings)
        )[0]!.n,
      );
    const before = await count();
    const bad = await admin.request({
      method: 'PUT',
      url: '/api/channel-settings',
      payload: { ...body, stockOutDays: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(await count()).toBe(before);
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/channel-settings',
      payload: { ...body, neglectDays: 300 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().neglectDays).toBe(300);
    expect(await count()).toBe(before + 1);
    expect((await rep01.get('/api/channel-settings')).json().neglectDays).toBe(300);
    const audit = await db().select().from(s.auditLog).where(eq(s.auditLog.entity, 'channelSettings'));
    expect(audit.length).toBeGreaterThanOrEqual(1);
    await admin.request({ method: 'PUT', url: '/api/channel-settings', payload: defaultChannelSettings });
  });

  it('the thresholds in force drive the rules (stock-out at 5 days no longer holds for 10 days of cover)', async () => {
    await admin.request({
      method: 'PUT',
      url: '/api/channel-settings',
      payload: { ...defaultChannelSettings, stockOutDays: 5 },
    });
    await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()] });
    const [warning] = (await warningsOf('stockOut')).filter((x) => x.productId === w.products.p2.id);
    expect(warning!.status).toBe('resolved');
    await admin.request({ method: 'PUT', url: '/api/channel-settings', payload: defaultChannelSettings });
  });
});

describe('promises', () => {
  it('an overdue promise is a warning; kept with a note resolves it; a closed promise cannot change', async () => {
    const created = await rep01.post('/api/channel-promises', {
      channelCustomerId: cc1a(),
      promise: '季度末兑现返利',
      madeOn: daysAgo(40),
      dueOn: daysAgo(10),
    });
    expect(created.statusCode, created.body).toBe(201);
    const promise = created.json();
    expect(promise).toMatchObject({ status: 'open', overdue: true, ownerId: w.users.rep1a.id });
    const [warning] = (await warningsOf('promiseOverdue')).filter((x) => x.subjectKey === promise.id);
    expect(warning).toMatchObject({ status: 'open', figure: 10 });
    const noNote = await rep01.patch(`/api/channel-promises/${promise.id}`, { version: 1, status: 'kept' });
    expect(noNote.statusCode).toBe(400);
    expect(
      (await rep03.patch(`/api/channel-promises/${promise.id}`, { version: 1, status: 'kept', note: 'x' }))
        .statusCode,
    ).toBe(404);
    const kept = await rep01.patch(`/api/channel-promises/${promise.id}`, {
      version: 1,
      status: 'kept',
      note: '返利已到账',
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ status: 'kept', closedOn: today, overdue: false });
    expect((await warningsOf('promiseOverdue')).find((x) => x.subjectKey === promise.id)!.status).toBe(
      'resolved',
    );
    const again = await rep01.patch(`/api/channel-promises/${promise.id}`, {
      version: 2,
      status: 'broken',
      note: 'x',
    });
    expect(again.statusCode).toBe(409);
    const stale = await m1.patch(`/api/channel-promises/${promise.id}`, { version: 1, note: 'x' });
    expect(stale.statusCode).toBe(409);
  });

  it('a promise to a customer outside the scope is a field error, nothing saved', async () => {
    const res = await rep03.post('/api/channel-promises', {
      channelCustomerId: cc1a(),
      promise: '补货',
      madeOn: today,
      dueOn: today,
    });
    expect(res.statusCode).toBe(400);
    const due = await rep01.post('/api/channel-promises', {
      channelCustomerId: cc1a(),
      promise: '补货',
      madeOn: today,
      dueOn: daysAgo(1),
    });
    expect(due.statusCode).toBe(400);
  });
});

describe('incidents', () => {
  it('records one touching the scope; team2 cannot see it; compensation within the claim', async () => {
    const outside = await rep03.post('/api/channel-incidents', {
      sourceRegion: '江苏',
      productId: w.products.p1.id,
      affectedCustomerId: cc1a(),
      description: '低价冲货',
      openedOn: today,
    });
    expect(outside.statusCode).toBe(400);
    const created = await rep01.post('/api/channel-incidents', {
      sourceRegion: '江苏',
      sourceCustomerId: w.channelCustomers.cc2a.id,
      productId: w.products.p1.id,
      priceFen: 2_800,
      affectedCustomerId: cc1a(),
      description: '江苏货源低价冲入上海',
      openedOn: daysAgo(3),
      lossClaimedFen: 100_000,
    });
    expect(created.statusCode, created.body).toBe(201);
    const incident = created.json();
    expect(incident).toMatchObject({
      sourceCustomerName: '华氏大药房',
      affectedCustomerName: '上海预警医药有限公司',
    });
    // the source distributor's team sees it too (it touches cc2a)
    expect((await rep03.get(`/api/channel-incidents/${incident.id}`)).statusCode).toBe(200);
    expect((await rep02.get(`/api/channel-incidents/${incident.id}`)).statusCode).toBe(404);
    const over = await rep01.patch(`/api/channel-incidents/${incident.id}`, {
      version: 1,
      compensatedFen: 100_001,
    });
    expect(over.statusCode).toBe(400);
    const early = await rep01.patch(`/api/channel-incidents/${incident.id}`, {
      version: 1,
      resolvedOn: daysAgo(4),
    });
    expect(early.statusCode).toBe(400);
    const done = await m1.patch(`/api/channel-incidents/${incident.id}`, {
      version: 1,
      resolvedOn: today,
      compensatedFen: 60_000,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ resolvedOn: today, compensatedFen: 60_000, version: 2 });
    const open = (await rep01.get('/api/channel-incidents?open=true&pageSize=200')).json();
    expect(open.items.some((x: { id: string }) => x.id === incident.id)).toBe(false);
  });
});

describe('health', () => {
  it('computes a snapshot per distributor with its components; the trend and the latest with the change', async () => {
    const month = today.slice(0, 7);
    const result = await computeChannelHealth(db(), { month });
    expect(result.computed).toBeGreaterThanOrEqual(1);
    const [snap] = await db()
      .select()
      .from(s.channelHealthSnapshots)
      .where(
        and(
          eq(s.channelHealthSnapshots.channelCustomerId, cc1a()),
          eq(s.channelHealthSnapshots.month, month),
        ),
      );
    expect(snap!.score).toBeGreaterThanOrEqual(0);
    expect(snap!.score).toBeLessThan(100); // overdue, over the limit, stock-out, 窜货 …
    expect(snap!.components).toMatchObject({ overCreditLimit: true, overdueFen: 50_000 });
    // pharmacies get no health score
    const pharmacy = await db()
      .select()
      .from(s.channelHealthSnapshots)
      .where(
        and(
          eq(s.channelHealthSnapshots.channelCustomerId, w.channelCustomers.cc2a.id),
          eq(s.channelHealthSnapshots.month, month),
        ),
      );
    expect(pharmacy[0]!.score).toBe(80); // the fixture's, untouched

    const trend = await rep01.get(`/api/channel-health?channelCustomerId=${cc1a()}`);
    expect(trend.statusCode).toBe(200);
    expect(
      trend
        .json()
        .points.map((p: { month: string }) => p.month)
        .at(-1),
    ).toBe(month);
    expect((await rep03.get(`/api/channel-health?channelCustomerId=${cc1a()}`)).statusCode).toBe(404);

    const latest = (await m1.get('/api/channel-health/latest')).json();
    const fixture = w.channelCustomers.cc1a.id;
    const ids = latest.items.map((x: { channelCustomerId: string }) => x.channelCustomerId);
    expect(ids).toContain(cc1a());
    expect(ids).not.toContain(w.channelCustomers.cc2a.id);
    // the fixture distributor fell from 90 three months ago to its score now
    const [fixtureSnap] = await db()
      .select()
      .from(s.channelHealthSnapshots)
      .where(
        and(
          eq(s.channelHealthSnapshots.channelCustomerId, fixture),
          eq(s.channelHealthSnapshots.month, month),
        ),
      );
    const item = latest.items.find((x: { channelCustomerId: string }) => x.channelCustomerId === fixture);
    expect(item).toMatchObject({
      earlierScore: 90,
      score: fixtureSnap!.score,
      change: fixtureSnap!.score - 90,
    });
    if (fixtureSnap!.score <= 75) expect(item.trend).toBe('declining');
    expect(
      latest.items.find((x: { channelCustomerId: string }) => x.channelCustomerId === cc1a()),
    ).toMatchObject({
      score: snap!.score,
      earlierScore: null,
    });
  });
});

describe('prices, margin, portfolio, volume, sell-in and returns', () => {
  it('raise from directly inserted channel data', async () => {
    const [p3] = await db()
      .insert(s.products)
      .values({ name: '预警测试片', genericName: '测试片', therapeuticArea: '心血管' })
      .returning({ id: s.products.id });
    const productId = p3!.id;
    await db()
      .insert(s.channelProducts)
      .values({
        productId,
        tierRole: 'profit',
        lifecycleStage: 'maturity',
        factoryPriceFen: 800,
        orderPriceFen: 1_000,
        distributorPriceFen: 1_100,
        purchasePriceFen: 1_150,
        retailPriceFen: 1_500,
        minResalePriceFen: 1_050,
        competitorName: '竞品片',
        competitorPrices: { factory: 600, order: 800, distributor: 1_000, purchase: 1_050, retail: 1_400 },
        supplied: false,
        delistedOn: daysAgo(10),
      });
    const m0 = `${today.slice(0, 7)}-01`;
    const { addMonths } = await import('@keqing/domain');
    await insertFlow([
      { saleDate: addDays(addMonths(m0, -2), 4), quantity: 100, productId },
      { saleDate: addDays(addMonths(m0, -1), 4), quantity: 10, productId },
    ]);
    const shipment = (kind: 'delivery' | 'return', quantity: number, shippedOn: string) => ({
      channelCustomerId: cc1a(),
      kind,
      shippedOn,
      productId,
      quantity,
      unitPriceFen: 1_000,
      amountFen: quantity * 1_000,
      createdBy: w.users.rep1a.id,
    });
    await db()
      .insert(s.channelShipments)
      .values([shipment('delivery', 300, daysAgo(30)), shipment('return', 40, daysAgo(7))]);
    const report = (level: 'distributor' | 'retail', priceFen: number) => ({
      channelCustomerId: cc1a(),
      productId,
      reportedOn: daysAgo(2),
      level,
      priceFen,
      createdBy: w.users.rep1a.id,
    });
    const [, retail] = await db()
      .insert(s.channelPriceReports)
      .values([report('distributor', 1_500), report('retail', 900)])
      .returning({ id: s.channelPriceReports.id });

    await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()] });
    const of = async (kind: string) => (await warningsOf(kind)).filter((x) => x.productId === productId);

    const [disorder, ...moreDisorder] = await of('priceDisorder');
    expect(moreDisorder).toEqual([]);
    expect(disorder).toMatchObject({ subjectKey: 'retail', figure: 900, threshold: 1_050 });
    expect(disorder!.detail.priceReportId).toBe(retail!.id);
    expect((await of('scarcityMarkup'))[0]).toMatchObject({ figure: 50, threshold: 30 });
    expect((await of('marginBelowCompetitor'))[0]).toMatchObject({ figure: -10.9, threshold: -5 });
    expect((await of('portfolioGap'))[0]).toMatchObject({ status: 'open' });
    expect((await of('volumeDrop')).find((x) => x.subjectKey === 'mom')).toMatchObject({
      figure: 90,
      threshold: 40,
    });
    expect((await of('sellInOverSellThrough'))[0]).toMatchObject({ figure: 2.7, threshold: 2 });
    expect((await of('returnRate'))[0]).toMatchObject({ figure: 13.3, threshold: 10 });

    // a mature replacement closes the portfolio gap
    const [p4] = await db()
      .insert(s.products)
      .values({ name: '预警替代片', genericName: '替代片', therapeuticArea: '心血管' })
      .returning({ id: s.products.id });
    await db().insert(s.channelProducts).values({
      productId: p4!.id,
      tierRole: 'lead',
      lifecycleStage: 'maturity',
      factoryPriceFen: 1,
      orderPriceFen: 1,
      distributorPriceFen: 1,
      purchasePriceFen: 1,
      retailPriceFen: 1,
      minResalePriceFen: 0,
    });
    await db()
      .update(s.channelProducts)
      .set({ replacementProductId: p4!.id })
      .where(eq(s.channelProducts.productId, productId));
    await evaluateChannelWarnings(db(), { channelCustomerIds: [cc1a()] });
    expect((await of('portfolioGap'))[0]!.status).toBe('resolved');
  });
});

describe('a lost customer', () => {
  it('is no longer judged: its open warnings are resolved', async () => {
    const [c] = await db()
      .insert(s.channelCustomers)
      .values({ kind: 'distributor', name: '流失医药有限公司', province: '上海', city: '上海' })
      .returning({ id: s.channelCustomers.id });
    await evaluateChannelWarnings(db(), { channelCustomerIds: [c!.id] });
    const open = await db()
      .select()
      .from(s.channelWarnings)
      .where(eq(s.channelWarnings.channelCustomerId, c!.id));
    expect(open.map((x) => [x.kind, x.status, x.assigneeId])).toEqual([['neglect', 'open', null]]);
    await db().update(s.channelCustomers).set({ status: 'lost' }).where(eq(s.channelCustomers.id, c!.id));
    const result = await evaluateChannelWarnings(db(), { channelCustomerIds: [c!.id] });
    expect(result).toMatchObject({ evaluated: 0, resolved: 1 });
    const after = await db()
      .select()
      .from(s.channelWarnings)
      .where(eq(s.channelWarnings.channelCustomerId, c!.id));
    expect(after.map((x) => x.status)).toEqual(['resolved']);
  });
});
