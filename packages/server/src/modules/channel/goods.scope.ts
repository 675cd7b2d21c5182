import type { Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { byTerritory, uniqueName } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';
import { insertFlowImport, xlsxOf } from './goods.fixtures.ts';

type Records = Record<Role, { in: string; out?: string }>;
const same = (inId: string, out: string): Records => ({
  rep: { in: inId, out },
  manager: { in: inId, out },
  admin: { in: inId, out },
  compliance: { in: inId, out },
});

/** Reps and managers write for the customers of their territories; admin for all; compliance never. */
const writes: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'all',
  compliance: 'forbidden',
};

/** The distributors: cc1a (team1) in scope of rep1a and m1, cc2d (team2) outside. */
const customers = (w: World) => same(w.channelCustomers.cc1a.id, w.goods.cc2d.id);
const pick = (w: World, key: 'order' | 'flowImport') => same(w.goods.in[key].id, w.goods.out[key].id);

let day = 0;
/** A date no earlier call used (stock reports are one per day; flow periods must not overlap). */
const freshDate = () => new Date(Date.UTC(2001, 0, 1) + ++day * 86_400_000).toISOString().slice(0, 10);

const hospitalOf = (w: World, customerId: string) =>
  customerId === w.channelCustomers.cc1a.id ? w.hospitals.h1a : w.hospitals.h2a;

async function freshImport(
  w: World,
  db: Db,
  customerId: string,
  opts: { pending?: boolean; uncertain?: boolean },
) {
  const hospital = hospitalOf(w, customerId);
  return insertFlowImport(db, {
    channelCustomerId: customerId,
    createdBy: w.users.admin.id,
    hospitalId: hospital.id,
    productId: w.products.p1.id,
    buyerName: uniqueName(hospital.name),
    status: 'preview',
    saleDate: freshDate(),
    pending: opts.pending,
    matchStatus: opts.uncertain ? 'uncertain' : 'matched',
  });
}

async function freshOrder(w: World, db: Db, customerId: string) {
  const [order] = await db
    .insert(s.channelOrders)
    .values({
      channelCustomerId: customerId,
      orderNo: uniqueName('SC-'),
      orderDate: '2026-03-01',
      createdBy: w.users.admin.id,
    })
    .returning();
  return order!;
}

export const goodsScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/channel-orders',
    kind: 'list',
    access: byTerritory,
    records: (w) => pick(w, 'order'),
    request: () => ({ method: 'GET', url: '/api/channel-orders?pageSize=200' }),
  },
  {
    route: 'GET /api/channel-orders/:id',
    kind: 'item',
    access: byTerritory,
    records: (w) => pick(w, 'order'),
    request: (_w, id) => ({ method: 'GET', url: `/api/channel-orders/${id}` }),
  },
  {
    route: 'POST /api/channel-orders',
    kind: 'write',
    access: writes,
    okStatus: 201,
    records: customers,
    request: (w, id) => ({
      method: 'POST',
      url: '/api/channel-orders',
      payload: {
        channelCustomerId: id,
        orderNo: uniqueName('PO-'),
        orderDate: '2026-03-05',
        lines: [{ productId: w.products.p1.id, quantity: 10, unitPriceFen: 2_000 }],
      },
    }),
  },
  {
    route: 'POST /api/channel-orders/:id/cancel',
    kind: 'write',
    access: writes,
    records: customers,
    request: async (w, id, db) => ({
      method: 'POST',
      url: `/api/channel-orders/${(await freshOrder(w, db, id)).id}/cancel`,
      payload: { version: 1, reason: '客户撤单' },
    }),
  },
  {
    route: 'GET /api/channel-shipments',
    kind: 'list',
    access: byTerritory,
    records: (w) => same(w.goods.in.shipment.id, w.goods.out.shipment.id),
    request: () => ({ method: 'GET', url: '/api/channel-shipments?pageSize=200' }),
  },
  {
    route: 'POST /api/channel-shipments',
    kind: 'write',
    access: writes,
    okStatus: 201,
    records: customers,
    request: (w, id) => ({
      method: 'POST',
      url: '/api/channel-shipments',
      payload: {
        channelCustomerId: id,
        kind: 'delivery',
        shippedOn: '2026-03-10',
        productId: w.products.p1.id,
        quantity: 5,
        unitPriceFen: 2_000,
      },
    }),
  },
  {
    route: 'GET /api/channel-stock-reports',
    kind: 'list',
    access: byTerritory,
    records: (w) => same(w.goods.in.stock.id, w.goods.out.stock.id),
    request: () => ({ method: 'GET', url: '/api/channel-stock-reports?pageSize=200' }),
  },
  {
    route: 'POST /api/channel-stock-reports',
    kind: 'write',
    access: writes,
    okStatus: 201,
    records: customers,
    request: (w, id) => ({
      method: 'POST',
      url: '/api/channel-stock-reports',
      payload: { channelCustomerId: id, productId: w.products.p1.id, reportedOn: freshDate(), quantity: 30 },
    }),
  },
  {
    route: 'POST /api/channel-stock-reports/import',
    kind: 'write',
    access: writes,
    records: customers,
    request: async (_w, id) => ({
      method: 'POST',
      url: '/api/channel-stock-reports/import',
      payload: {
        channelCustomerId: id,
        fileName: 'stock.xlsx',
        contentBase64: (
          await xlsxOf([
            ['盘点日期', '品名', '库存数量'],
            [freshDate(), '瑞心', 12],
          ])
        ).toString('base64'),
      },
    }),
  },
  {
    route: 'GET /api/channel-price-reports',
    kind: 'list',
    access: byTerritory,
    records: (w) => same(w.goods.in.price.id, w.goods.out.price.id),
    request: () => ({ method: 'GET', url: '/api/channel-price-reports?pageSize=200' }),
  },
  {
    route: 'POST /api/channel-price-reports',
    kind: 'write',
    access: writes,
    okStatus: 201,
    records: customers,
    request: (w, id) => ({
      method: 'POST',
      url: '/api/channel-price-reports',
      payload: {
        channelCustomerId: id,
        productId: w.products.p1.id,
        reportedOn: '2026-03-20',
        level: 'distributor',
        priceFen: 2_300,
      },
    }),
  },
  {
    route: 'GET /api/flow-imports',
    kind: 'list',
    access: byTerritory,
    records: (w) => pick(w, 'flowImport'),
    request: () => ({ method: 'GET', url: '/api/flow-imports?pageSize=200' }),
  },
  {
    route: 'GET /api/flow-imports/:id',
    kind: 'item',
    access: byTerritory,
    records: (w) => pick(w, 'flowImport'),
    request: (_w, id) => ({ method: 'GET', url: `/api/flow-imports/${id}` }),
  },
  {
    route: 'GET /api/flow-imports/:id/rows',
    kind: 'item',
    access: byTerritory,
    records: (w) => pick(w, 'flowImport'),
    request: (_w, id) => ({ method: 'GET', url: `/api/flow-imports/${id}/rows` }),
  },
  {
    route: 'POST /api/flow-imports',
    kind: 'write',
    access: writes,
    okStatus: 201,
    records: customers,
    request: async (_w, id) => ({
      method: 'POST',
      url: '/api/flow-imports',
      payload: {
        channelCustomerId: id,
        fileName: 'flow.xlsx',
        contentBase64: (
          await xlsxOf([
            ['销售日期', '客户名称', '品名', '数量'],
            [freshDate(), uniqueName('上海市第一人民医院'), '瑞心', 10],
          ])
        ).toString('base64'),
      },
    }),
  },
  {
    route: 'POST /api/flow-imports/:id/mapping',
    kind: 'write',
    access: writes,
    records: customers,
    request: async (w, id, db) => ({
      method: 'POST',
      url: `/api/flow-imports/${(await freshImport(w, db, id, { pending: true })).id}/mapping`,
      payload: { mapping: { saleDate: '销售日期', buyer: '客户名称', product: '品名', quantity: '数量' } },
    }),
  },
  {
    route: 'POST /api/flow-imports/:id/matches',
    kind: 'write',
    access: writes,
    records: customers,
    request: async (w, id, db) => {
      const imp = await freshImport(w, db, id, { uncertain: true });
      return {
        method: 'POST',
        url: `/api/flow-imports/${imp.id}/matches`,
        payload: {
          matches: [{ buyerName: imp.fileName.replace(/\.xlsx$/, ''), hospitalId: hospitalOf(w, id).id }],
        },
      };
    },
  },
  {
    route: 'POST /api/flow-imports/:id/commit',
    kind: 'write',
    access: writes,
    records: customers,
    request: async (w, id, db) => ({
      method: 'POST',
      url: `/api/flow-imports/${(await freshImport(w, db, id, {})).id}/commit`,
      payload: {},
    }),
  },
  {
    route: 'POST /api/flow-imports/:id/cancel',
    kind: 'write',
    access: writes,
    records: customers,
    request: async (w, id, db) => ({
      method: 'POST',
      url: `/api/flow-imports/${(await freshImport(w, db, id, {})).id}/cancel`,
    }),
  },
  {
    // grouped by hospital: rep1a's distributor sold to h1a, the team2 distributor to h2a
    route: 'GET /api/flow/summary',
    kind: 'list',
    access: byTerritory,
    records: (w) => same(w.hospitals.h1a.id, w.hospitals.h2a.id),
    request: () => ({ method: 'GET', url: '/api/flow/summary?groupBy=hospital' }),
  },
];
