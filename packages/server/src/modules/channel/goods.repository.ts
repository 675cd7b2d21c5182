import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  channelCustomers,
  channelOrderLines,
  channelOrders,
  channelPriceReports,
  channelShipments,
  channelStockReports,
  ledgerEntries,
  products,
  supplyContracts,
} from '../../db/schema.ts';
import { countAll, offsetOf, toIso } from '../../db/list.ts';

export { channelCustomers, channelOrders, channelShipments, channelStockReports, channelPriceReports };

type Page = { page: number; pageSize: number };
type DateFilter = { channelCustomerId?: string; from?: string; to?: string; scope?: SQL };

export async function productExists(db: Db, id: string) {
  return (await db.select({ id: products.id }).from(products).where(eq(products.id, id))).length > 0;
}
export async function productsExist(db: Db, ids: string[]) {
  const found = await db.select({ id: products.id }).from(products).where(inArray(products.id, ids));
  return found.length === new Set(ids).size;
}
export async function contractOf(db: Db, id: string) {
  const [row] = await db
    .select({ channelCustomerId: supplyContracts.channelCustomerId })
    .from(supplyContracts)
    .where(eq(supplyContracts.id, id));
  return row;
}

// ── orders ────────────────────────────────────────────────────────────────────

const orderColumns = {
  id: channelOrders.id,
  channelCustomerId: channelOrders.channelCustomerId,
  channelCustomerName: channelCustomers.name,
  orderNo: channelOrders.orderNo,
  orderDate: channelOrders.orderDate,
  contractId: channelOrders.contractId,
  status: channelOrders.status,
  notes: channelOrders.notes,
  totalFen:
    sql<number>`coalesce((select sum(l.quantity * l.unit_price_fen) from channel_order_lines l where l.order_id = ${channelOrders.id}), 0)::bigint`.mapWith(
      Number,
    ),
  version: channelOrders.version,
  createdAt: channelOrders.createdAt,
};

function ordersQuery(db: Db) {
  return db
    .select(orderColumns)
    .from(channelOrders)
    .innerJoin(channelCustomers, eq(channelCustomers.id, channelOrders.channelCustomerId));
}

async function withLines(db: Db, rows: Awaited<ReturnType<typeof ordersQuery>>) {
  const ids = rows.map((r) => r.id);
  const lines = ids.length
    ? await db
        .select({
          id: channelOrderLines.id,
          orderId: channelOrderLines.orderId,
          productId: channelOrderLines.productId,
          productName: products.name,
          quantity: channelOrderLines.quantity,
          unitPriceFen: channelOrderLines.unitPriceFen,
        })
        .from(channelOrderLines)
        .innerJoin(products, eq(products.id, channelOrderLines.productId))
        .where(inArray(channelOrderLines.orderId, ids))
        .orderBy(asc(products.name), asc(channelOrderLines.id))
    : [];
  return rows.map((r) => ({
    ...r,
    createdAt: toIso(r.createdAt),
    lines: lines
      .filter((l) => l.orderId === r.id)
      .map(({ orderId: _orderId, ...l }) => ({ ...l, amountFen: l.quantity * l.unitPriceFen })),
  }));
}
export type OrderRow = Awaited<ReturnType<typeof withLines>>[number];

export async function getOrder(db: Db, id: string, scope?: SQL) {
  const rows = await ordersQuery(db).where(and(eq(channelOrders.id, id), scope));
  return (await withLines(db, rows))[0];
}
export async function findOrderByNo(db: Db, orderNo: string) {
  const rows = await ordersQuery(db).where(eq(channelOrders.orderNo, orderNo));
  return (await withLines(db, rows))[0];
}

export async function findOrders(db: Db, f: DateFilter & { status?: string }, page: Page) {
  const where = and(
    f.scope,
    f.channelCustomerId ? eq(channelOrders.channelCustomerId, f.channelCustomerId) : undefined,
    f.status ? eq(channelOrders.status, f.status as 'open') : undefined,
    f.from ? gte(channelOrders.orderDate, f.from) : undefined,
    f.to ? lte(channelOrders.orderDate, f.to) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    ordersQuery(db)
      .where(where)
      .orderBy(desc(channelOrders.orderDate), asc(channelOrders.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ total: countAll }).from(channelOrders).where(where),
  ]);
  return { rows: await withLines(db, rows), total: count?.total ?? 0 };
}

export async function insertOrder(
  db: Db,
  order: typeof channelOrders.$inferInsert,
  lines: { productId: string; quantity: number; unitPriceFen: number }[],
) {
  const [row] = await db.insert(channelOrders).values(order).returning({ id: channelOrders.id });
  await db.insert(channelOrderLines).values(lines.map((l) => ({ ...l, orderId: row!.id })));
  return row!.id;
}

export async function setOrderStatus(db: Db, id: string, status: 'open' | 'shipped' | 'cancelled') {
  await db
    .update(channelOrders)
    .set({ status, version: sql`${channelOrders.version} + 1`, updatedAt: sql`now()` })
    .where(eq(channelOrders.id, id));
}

// ── shipments ─────────────────────────────────────────────────────────────────

function shipmentsQuery(db: Db) {
  return db
    .select({
      id: channelShipments.id,
      channelCustomerId: channelShipments.channelCustomerId,
      channelCustomerName: channelCustomers.name,
      orderId: channelShipments.orderId,
      orderNo: channelOrders.orderNo,
      kind: channelShipments.kind,
      shippedOn: channelShipments.shippedOn,
      productId: channelShipments.productId,
      productName: products.name,
      batchNo: channelShipments.batchNo,
      quantity: channelShipments.quantity,
      unitPriceFen: channelShipments.unitPriceFen,
      amountFen: channelShipments.amountFen,
      reason: channelShipments.reason,
      dueDate: sql<
        string | null
      >`(select le.due_date from ledger_entries le where le.shipment_id = ${channelShipments.id} limit 1)`,
      createdAt: channelShipments.createdAt,
    })
    .from(channelShipments)
    .innerJoin(channelCustomers, eq(channelCustomers.id, channelShipments.channelCustomerId))
    .innerJoin(products, eq(products.id, channelShipments.productId))
    .leftJoin(channelOrders, eq(channelOrders.id, channelShipments.orderId));
}
const shipmentIso = (r: Awaited<ReturnType<typeof shipmentsQuery>>[number]) => ({
  ...r,
  dueDate: r.dueDate ? String(r.dueDate).slice(0, 10) : null,
  createdAt: toIso(r.createdAt),
});
export type ShipmentRow = ReturnType<typeof shipmentIso>;

export async function getShipment(db: Db, id: string) {
  const [row] = await shipmentsQuery(db).where(eq(channelShipments.id, id));
  return row && shipmentIso(row);
}

export async function findShipments(
  db: Db,
  f: DateFilter & { productId?: string; kind?: string },
  page: Page,
) {
  const where = and(
    f.scope,
    f.channelCustomerId ? eq(channelShipments.channelCustomerId, f.channelCustomerId) : undefined,
    f.productId ? eq(channelShipments.productId, f.productId) : undefined,
    f.kind ? eq(channelShipments.kind, f.kind as 'delivery') : undefined,
    f.from ? gte(channelShipments.shippedOn, f.from) : undefined,
    f.to ? lte(channelShipments.shippedOn, f.to) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    shipmentsQuery(db)
      .where(where)
      .orderBy(desc(channelShipments.shippedOn), desc(channelShipments.createdAt), asc(channelShipments.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ total: countAll }).from(channelShipments).where(where),
  ]);
  return { rows: rows.map(shipmentIso), total: count?.total ?? 0 };
}

/** Delivered less returned of a product to a customer (what may still come back). */
export async function returnableQuantity(db: Db, channelCustomerId: string, productId: string) {
  const [row] = await db
    .select({
      q: sql<number>`coalesce(sum(case when ${channelShipments.kind} = 'delivery' then ${channelShipments.quantity} else -${channelShipments.quantity} end), 0)::bigint`.mapWith(
        Number,
      ),
    })
    .from(channelShipments)
    .where(
      and(
        eq(channelShipments.channelCustomerId, channelCustomerId),
        eq(channelShipments.productId, productId),
      ),
    );
  return row?.q ?? 0;
}

export async function insertShipment(db: Db, values: typeof channelShipments.$inferInsert) {
  const [row] = await db.insert(channelShipments).values(values).returning({ id: channelShipments.id });
  return row!.id;
}

export async function insertLedgerEntry(db: Db, values: typeof ledgerEntries.$inferInsert) {
  await db.insert(ledgerEntries).values(values);
}

export async function findLedgerEntryByClientId(db: Db, clientId: string) {
  const [row] = await db
    .select({ shipmentId: ledgerEntries.shipmentId })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.clientId, clientId));
  return row;
}

// ── stock and prices ──────────────────────────────────────────────────────────

function stockQuery(db: Db) {
  return db
    .select({
      id: channelStockReports.id,
      channelCustomerId: channelStockReports.channelCustomerId,
      channelCustomerName: channelCustomers.name,
      productId: channelStockReports.productId,
      productName: products.name,
      reportedOn: channelStockReports.reportedOn,
      quantity: channelStockReports.quantity,
      source: channelStockReports.source,
      createdAt: channelStockReports.createdAt,
    })
    .from(channelStockReports)
    .innerJoin(channelCustomers, eq(channelCustomers.id, channelStockReports.channelCustomerId))
    .innerJoin(products, eq(products.id, channelStockReports.productId));
}
const stockIso = (r: Awaited<ReturnType<typeof stockQuery>>[number]) => ({
  ...r,
  createdAt: toIso(r.createdAt),
});

export async function getStockReport(db: Db, id: string) {
  const [row] = await stockQuery(db).where(eq(channelStockReports.id, id));
  return row && stockIso(row);
}
export async function findStockReportOn(
  db: Db,
  channelCustomerId: string,
  productId: string,
  reportedOn: string,
) {
  const [row] = await db
    .select({ id: channelStockReports.id })
    .from(channelStockReports)
    .where(
      and(
        eq(channelStockReports.channelCustomerId, channelCustomerId),
        eq(channelStockReports.productId, productId),
        eq(channelStockReports.reportedOn, reportedOn),
      ),
    );
  return row;
}

export async function findStockReports(db: Db, f: DateFilter & { productId?: string }, page: Page) {
  const where = and(
    f.scope,
    f.channelCustomerId ? eq(channelStockReports.channelCustomerId, f.channelCustomerId) : undefined,
    f.productId ? eq(channelStockReports.productId, f.productId) : undefined,
    f.from ? gte(channelStockReports.reportedOn, f.from) : undefined,
    f.to ? lte(channelStockReports.reportedOn, f.to) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    stockQuery(db)
      .where(where)
      .orderBy(desc(channelStockReports.reportedOn), asc(products.name), asc(channelStockReports.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ total: countAll }).from(channelStockReports).where(where),
  ]);
  return { rows: rows.map(stockIso), total: count?.total ?? 0 };
}

export async function insertStockReport(db: Db, values: typeof channelStockReports.$inferInsert) {
  const [row] = await db.insert(channelStockReports).values(values).returning({ id: channelStockReports.id });
  return row!.id;
}
export async function updateStockReport(
  db: Db,
  id: string,
  set: { quantity: number; source: string; createdBy: string },
) {
  await db
    .update(channelStockReports)
    .set({ ...set, createdAt: sql`now()` })
    .where(eq(channelStockReports.id, id));
}

function priceQuery(db: Db) {
  return db
    .select({
      id: channelPriceReports.id,
      channelCustomerId: channelPriceReports.channelCustomerId,
      channelCustomerName: channelCustomers.name,
      productId: channelPriceReports.productId,
      productName: products.name,
      reportedOn: channelPriceReports.reportedOn,
      level: channelPriceReports.level,
      priceFen: channelPriceReports.priceFen,
      notes: channelPriceReports.notes,
      createdAt: channelPriceReports.createdAt,
    })
    .from(channelPriceReports)
    .innerJoin(channelCustomers, eq(channelCustomers.id, channelPriceReports.channelCustomerId))
    .innerJoin(products, eq(products.id, channelPriceReports.productId));
}
const priceIso = (r: Awaited<ReturnType<typeof priceQuery>>[number]) => ({
  ...r,
  createdAt: toIso(r.createdAt),
});

export async function getPriceReport(db: Db, id: string) {
  const [row] = await priceQuery(db).where(eq(channelPriceReports.id, id));
  return row && priceIso(row);
}

export async function findPriceReports(
  db: Db,
  f: DateFilter & { productId?: string; level?: string },
  page: Page,
) {
  const where = and(
    f.scope,
    f.channelCustomerId ? eq(channelPriceReports.channelCustomerId, f.channelCustomerId) : undefined,
    f.productId ? eq(channelPriceReports.productId, f.productId) : undefined,
    f.level ? eq(channelPriceReports.level, f.level as 'retail') : undefined,
    f.from ? gte(channelPriceReports.reportedOn, f.from) : undefined,
    f.to ? lte(channelPriceReports.reportedOn, f.to) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    priceQuery(db)
      .where(where)
      .orderBy(desc(channelPriceReports.reportedOn), asc(channelPriceReports.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ total: countAll }).from(channelPriceReports).where(where),
  ]);
  return { rows: rows.map(priceIso), total: count?.total ?? 0 };
}

export async function insertPriceReport(db: Db, values: typeof channelPriceReports.$inferInsert) {
  const [row] = await db.insert(channelPriceReports).values(values).returning({ id: channelPriceReports.id });
  return row!.id;
}

export async function findProductsByName(db: Db) {
  return db
    .select({ id: products.id, name: products.name, genericName: products.genericName })
    .from(products);
}
