import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOrder, ChannelShipment } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { xlsxOf } from './goods.fixtures.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a: cc1a
let rep03: Client; // rep2a: cc2a, cc2d
let admin: Client;
let compliance: Client;
let cc: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  rep01 = await t.signIn('rep01');
  rep03 = await t.signIn('rep03');
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');
  cc = w.channelCustomers.cc1a.id;
  // 账期 30 days for cc1a
  await t.database.db
    .update(s.channelCustomers)
    .set({ paymentTermDays: 30 })
    .where(eq(s.channelCustomers.id, cc));
});
afterAll(async () => t?.close());

const ledgerOf = async (customerId: string) =>
  t.database.db.select().from(s.ledgerEntries).where(eq(s.ledgerEntries.channelCustomerId, customerId));
const count = async (table: typeof s.channelShipments | typeof s.channelOrders) =>
  Number((await t.database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n);

const order = (orderNo: string, extra: Record<string, unknown> = {}) => ({
  channelCustomerId: cc,
  orderNo,
  orderDate: '2026-04-01',
  lines: [
    { productId: w.products.p1.id, quantity: 100, unitPriceFen: 2_050 },
    { productId: w.products.p2.id, quantity: 10, unitPriceFen: 1_000 },
  ],
  ...extra,
});
const shipment = (extra: Record<string, unknown>) => ({
  channelCustomerId: cc,
  kind: 'delivery',
  shippedOn: '2026-04-03',
  productId: w.products.p2.id,
  quantity: 10,
  unitPriceFen: 1_000,
  ...extra,
});

describe('orders 订单', () => {
  it('creates an order with lines; the same order number again returns it (idempotent)', async () => {
    const res = await rep01.post('/api/channel-orders', order('PO-2026-0401'));
    expect(res.statusCode, res.body).toBe(201);
    const created: ChannelOrder = res.json();
    expect(created).toMatchObject({
      status: 'open',
      totalFen: 100 * 2_050 + 10 * 1_000,
      orderNo: 'PO-2026-0401',
    });
    expect(created.lines).toHaveLength(2);
    const before = await count(s.channelOrders);
    const again = await rep01.post('/api/channel-orders', order('PO-2026-0401'));
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(created.id);
    expect(await count(s.channelOrders)).toBe(before);
  });

  it('an order number of another customer is a conflict; an unknown product a 400; nothing saved', async () => {
    const before = await count(s.channelOrders);
    const taken = await admin.post(
      '/api/channel-orders',
      order('PO-2026-0401', { channelCustomerId: w.goods.cc2d.id }),
    );
    expect(taken.statusCode).toBe(409);
    const unknown = await rep01.post(
      '/api/channel-orders',
      order('PO-X', { lines: [{ productId: randomUUID(), quantity: 1, unitPriceFen: 1 }] }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe('产品不存在');
    const empty = await rep01.post('/api/channel-orders', order('PO-Y', { lines: [] }));
    expect(empty.statusCode).toBe(400);
    expect(await count(s.channelOrders)).toBe(before);
  });

  it('lists with filters; out of scope is 404 and writes by another territory’s rep are 404', async () => {
    const list = (
      await rep01.get(`/api/channel-orders?channelCustomerId=${cc}&from=2026-04-01&to=2026-04-30`)
    ).json();
    expect(list.items.map((o: ChannelOrder) => o.orderNo)).toEqual(['PO-2026-0401']);
    expect((await rep03.get(`/api/channel-orders/${list.items[0].id}`)).statusCode).toBe(404);
    expect((await rep03.post('/api/channel-orders', order('PO-Z'))).statusCode).toBe(404);
    expect((await compliance.post('/api/channel-orders', order('PO-Z'))).statusCode).toBe(403);
  });

  it('cancels an open order (version checked) but not a shipped one', async () => {
    const o: ChannelOrder = (await rep01.post('/api/channel-orders', order('PO-CANCEL'))).json();
    expect((await rep01.post(`/api/channel-orders/${o.id}/cancel`, { version: 9 })).statusCode).toBe(409);
    const res = await rep01.post(`/api/channel-orders/${o.id}/cancel`, {
      version: o.version,
      reason: '客户撤单',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('cancelled');
    const shipAgainst = await rep01.post('/api/channel-shipments', shipment({ orderId: o.id }));
    expect(shipAgainst.statusCode).toBe(400);
  });
});

describe('shipments 送货/退货 and the ledger', () => {
  it('a delivery for an order marks it shipped and writes +amount due after the 账期', async () => {
    const o: ChannelOrder = (await rep01.post('/api/channel-orders', order('PO-SHIP'))).json();
    const res = await rep01.post('/api/channel-shipments', shipment({ orderId: o.id, batchNo: 'B1' }));
    expect(res.statusCode, res.body).toBe(201);
    const d: ChannelShipment = res.json();
    expect(d).toMatchObject({ amountFen: 10_000, dueDate: '2026-05-03', orderNo: 'PO-SHIP' });
    expect((await rep01.get(`/api/channel-orders/${o.id}`)).json().status).toBe('shipped');
    const [entry] = await t.database.db
      .select()
      .from(s.ledgerEntries)
      .where(eq(s.ledgerEntries.shipmentId, d.id));
    expect(entry).toMatchObject({
      kind: 'delivery',
      amountFen: 10_000,
      dueDate: '2026-05-03',
      entryDate: '2026-04-03',
    });
    expect((await rep01.post(`/api/channel-orders/${o.id}/cancel`, { version: 2 })).statusCode).toBe(409);
  });

  it('a customer without 账期 owes on the day of delivery', async () => {
    const res = await admin.post(
      '/api/channel-shipments',
      shipment({ channelCustomerId: w.channelCustomers.cc2a.id }),
    );
    expect(res.json().dueDate).toBe('2026-04-03');
  });

  it('a return needs a reason and may not exceed delivered − returned; nothing saved when refused', async () => {
    const before = await count(s.channelShipments);
    const noReason = await rep01.post('/api/channel-shipments', shipment({ kind: 'return', quantity: 1 }));
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toBe('退货请填写原因');
    const tooMany = await rep01.post(
      '/api/channel-shipments',
      shipment({ kind: 'return', quantity: 11, reason: '近效期' }),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toContain('10');
    expect(await count(s.channelShipments)).toBe(before);

    const ok = await rep01.post(
      '/api/channel-shipments',
      shipment({ kind: 'return', quantity: 4, reason: '近效期' }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'return', amountFen: 4_000, dueDate: null });
    const more = await rep01.post(
      '/api/channel-shipments',
      shipment({ kind: 'return', quantity: 7, reason: '破损' }),
    );
    expect(more.statusCode).toBe(400);
  });

  it('the shipments’ ledger entries sum to deliveries less returns', async () => {
    // other areas' fixtures add payments to this ledger: look at the entries of shipments only
    const entries = (await ledgerOf(cc)).filter((e) => e.shipmentId !== null);
    const shipments = await t.database.db
      .select()
      .from(s.channelShipments)
      .where(eq(s.channelShipments.channelCustomerId, cc));
    const expected = shipments.reduce(
      (sum, x) => sum + (x.kind === 'delivery' ? x.amountFen : -x.amountFen),
      0,
    );
    expect(entries).toHaveLength(shipments.length);
    expect(entries.reduce((sum, e) => sum + e.amountFen, 0)).toBe(expected);
  });

  it('a resend with the same clientId returns the first shipment', async () => {
    const clientId = randomUUID();
    const first = await rep01.post('/api/channel-shipments', shipment({ clientId, quantity: 2 }));
    expect(first.statusCode).toBe(201);
    const before = await count(s.channelShipments);
    const again = await rep01.post('/api/channel-shipments', shipment({ clientId, quantity: 2 }));
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await count(s.channelShipments)).toBe(before);
  });

  it('another territory’s rep cannot post for this customer', async () => {
    expect((await rep03.post('/api/channel-shipments', shipment({}))).statusCode).toBe(404);
  });
});

describe('stock 库存 and prices', () => {
  it('a second report the same day replaces the first, audited as a change', async () => {
    const body = {
      channelCustomerId: cc,
      productId: w.products.p1.id,
      reportedOn: '2026-04-30',
      quantity: 50,
    };
    const first = await rep01.post('/api/channel-stock-reports', body);
    expect(first.statusCode, first.body).toBe(201);
    const second = await rep01.post('/api/channel-stock-reports', { ...body, quantity: 45 });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ id: first.json().id, quantity: 45 });
    const audits = await t.database.db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'channel_stock_report'), eq(s.auditLog.entityId, first.json().id)));
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'update']);
    const list = (
      await rep01.get(`/api/channel-stock-reports?channelCustomerId=${cc}&from=2026-04-30`)
    ).json();
    expect(list.items).toEqual([expect.objectContaining({ quantity: 45, productName: '瑞心' })]);
  });

  it('imports stock from Excel: all rows or none', async () => {
    const bad = await rep01.post('/api/channel-stock-reports/import', {
      channelCustomerId: cc,
      fileName: 's.xlsx',
      contentBase64: (
        await xlsxOf([
          ['盘点日期', '品名', '库存数量'],
          ['2026-05-31', '瑞心', '80'],
          ['2026-05-31', '无此药', '-1'],
        ])
      ).toString('base64'),
    });
    expect(bad.statusCode).toBe(200);
    expect(bad.json().saved).toBe(0);
    expect(bad.json().problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([
      [3, '品名'],
      [3, '库存数量'],
    ]);
    const ok = await rep01.post('/api/channel-stock-reports/import', {
      channelCustomerId: cc,
      fileName: 's.xlsx',
      contentBase64: (
        await xlsxOf([
          ['盘点日期', '品名', '库存数量'],
          ['2026年5月31日', '瑞心', '１,２００'],
          ['2026/5/31', '二甲双胍缓释片', '7'],
        ])
      ).toString('base64'),
    });
    expect(ok.json()).toEqual({ saved: 2, problems: [] });
    const list = (
      await rep01.get(`/api/channel-stock-reports?channelCustomerId=${cc}&from=2026-05-31`)
    ).json();
    expect(
      list.items.map((r: { quantity: number; source: string }) => [r.quantity, r.source]).sort(),
    ).toEqual([
      [1200, 'imported'],
      [7, 'imported'],
    ]);
  });

  it('records a resale price (经销价 / 零售价) in fen', async () => {
    const body = {
      channelCustomerId: cc,
      productId: w.products.p1.id,
      reportedOn: '2026-04-10',
      level: 'retail',
      priceFen: 2_980,
      notes: '某药房促销价',
    };
    const res = await rep01.post('/api/channel-price-reports', body);
    expect(res.statusCode, res.body).toBe(201);
    const list = (
      await rep01.get(`/api/channel-price-reports?channelCustomerId=${cc}&level=retail&from=2026-04-01`)
    ).json();
    expect(list.items).toEqual([expect.objectContaining({ priceFen: 2_980, level: 'retail' })]);
    expect((await rep01.post('/api/channel-price-reports', { ...body, priceFen: 0 })).statusCode).toBe(400);
  });
});
