import { aliasedTable, and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  channelCustomers,
  channelHealthSnapshots,
  channelLicences,
  channelPriceReports,
  channelPromises,
  channelStockReports,
  channelWarnings,
  flowRows,
  hospitals,
  products,
  users,
} from '../../db/schema.ts';
import { countAll, offsetOf, toIso } from '../../db/list.ts';

export { channelWarnings, channelCustomers, channelHealthSnapshots };

const assignee = aliasedTable(users, 'assignee');
const acknowledger = aliasedTable(users, 'acknowledger');

const columns = {
  id: channelWarnings.id,
  kind: channelWarnings.kind,
  channelCustomerId: channelWarnings.channelCustomerId,
  channelCustomerName: channelCustomers.name,
  productId: channelWarnings.productId,
  productName: products.name,
  subjectKey: channelWarnings.subjectKey,
  assigneeId: channelWarnings.assigneeId,
  assigneeName: assignee.name,
  figure: channelWarnings.figure,
  threshold: channelWarnings.threshold,
  detail: channelWarnings.detail,
  status: channelWarnings.status,
  raisedOn: channelWarnings.raisedOn,
  lastSeenOn: channelWarnings.lastSeenOn,
  acknowledgedBy: channelWarnings.acknowledgedBy,
  acknowledgedByName: acknowledger.name,
  acknowledgedAt: channelWarnings.acknowledgedAt,
  acknowledgeNote: channelWarnings.acknowledgeNote,
  resolvedOn: channelWarnings.resolvedOn,
  version: channelWarnings.version,
};

function warningsQuery(db: Db) {
  return db
    .select(columns)
    .from(channelWarnings)
    .innerJoin(channelCustomers, eq(channelCustomers.id, channelWarnings.channelCustomerId))
    .leftJoin(products, eq(products.id, channelWarnings.productId))
    .leftJoin(assignee, eq(assignee.id, channelWarnings.assigneeId))
    .leftJoin(acknowledger, eq(acknowledger.id, channelWarnings.acknowledgedBy));
}
type RawRow = Awaited<ReturnType<typeof warningsQuery>>[number];
const withIso = (r: RawRow) => ({
  ...r,
  detail: (r.detail ?? {}) as Record<string, unknown>,
  acknowledgedAt: toIso(r.acknowledgedAt),
});
export type WarningRow = ReturnType<typeof withIso>;

export type WarningFilter = {
  status?: 'open' | 'acknowledged' | 'resolved';
  kind?: string;
  channelCustomerId?: string;
  productId?: string;
  assigneeId?: string;
  scope?: SQL;
};

const whereOf = (f: WarningFilter) =>
  and(
    f.status ? eq(channelWarnings.status, f.status) : undefined,
    f.kind ? eq(channelWarnings.kind, f.kind) : undefined,
    f.channelCustomerId ? eq(channelWarnings.channelCustomerId, f.channelCustomerId) : undefined,
    f.productId ? eq(channelWarnings.productId, f.productId) : undefined,
    f.assigneeId ? eq(channelWarnings.assigneeId, f.assigneeId) : undefined,
    f.scope,
  );

/** Open first, then acknowledged, then resolved; the newest raised first. */
const statusOrder = sql`case ${channelWarnings.status} when 'open' then 0 when 'acknowledged' then 1 else 2 end`;

export async function findWarnings(db: Db, f: WarningFilter, page: { page: number; pageSize: number }) {
  const w = whereOf(f);
  const [rows, [c]] = await Promise.all([
    warningsQuery(db)
      .where(w)
      .orderBy(
        statusOrder,
        desc(channelWarnings.raisedOn),
        asc(channelWarnings.kind),
        asc(channelWarnings.id),
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(channelWarnings).where(w),
  ]);
  return { rows: rows.map(withIso), total: c?.n ?? 0 };
}

export async function getWarning(db: Db, id: string, scope?: SQL) {
  const [row] = await warningsQuery(db).where(and(eq(channelWarnings.id, id), scope));
  return row && withIso(row);
}

export async function acknowledgeWarning(db: Db, id: string, by: string, note: string) {
  await db
    .update(channelWarnings)
    .set({
      status: 'acknowledged',
      acknowledgedBy: by,
      acknowledgedAt: sql`now()`,
      acknowledgeNote: note,
      version: sql`${channelWarnings.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(channelWarnings.id, id));
}

export async function summarize(db: Db, scope?: SQL) {
  const live = and(inArray(channelWarnings.status, ['open', 'acknowledged']), scope);
  const open = sql<number>`(count(*) filter (where ${channelWarnings.status} = 'open'))::int`;
  const acknowledged = sql<number>`(count(*) filter (where ${channelWarnings.status} = 'acknowledged'))::int`;
  const [byKind, byCustomer] = await Promise.all([
    db
      .select({ kind: channelWarnings.kind, open, acknowledged })
      .from(channelWarnings)
      .where(live)
      .groupBy(channelWarnings.kind)
      .orderBy(channelWarnings.kind),
    db
      .select({
        channelCustomerId: channelWarnings.channelCustomerId,
        channelCustomerName: channelCustomers.name,
        open,
        acknowledged,
      })
      .from(channelWarnings)
      .innerJoin(channelCustomers, eq(channelCustomers.id, channelWarnings.channelCustomerId))
      .where(live)
      .groupBy(channelWarnings.channelCustomerId, channelCustomers.name)
      .orderBy(desc(open), channelCustomers.name),
  ]);
  return { byKind, byCustomer };
}

export async function findCustomerIds(db: Db, scope?: SQL, id?: string) {
  const rows = await db
    .select({ id: channelCustomers.id })
    .from(channelCustomers)
    .where(and(id ? eq(channelCustomers.id, id) : undefined, scope));
  return rows.map((r) => r.id);
}

// ── trace: the rows behind a warning, resolved to names ─────────────────────

const buyerCustomer = aliasedTable(channelCustomers, 'buyer_customer');

export async function tracedFlowRows(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: flowRows.id,
      importId: flowRows.importId,
      rowNo: flowRows.rowNo,
      saleDate: flowRows.saleDate,
      productName: flowRows.productName,
      buyerName: flowRows.buyerName,
      hospitalId: flowRows.hospitalId,
      hospitalName: hospitals.name,
      hospitalCity: hospitals.city,
      buyerCustomerId: flowRows.buyerCustomerId,
      buyerCustomerName: buyerCustomer.name,
      quantity: flowRows.quantity,
    })
    .from(flowRows)
    .leftJoin(hospitals, eq(hospitals.id, flowRows.hospitalId))
    .leftJoin(buyerCustomer, eq(buyerCustomer.id, flowRows.buyerCustomerId))
    .where(inArray(flowRows.id, ids))
    .orderBy(desc(flowRows.saleDate), flowRows.rowNo);
}

export async function tracedHospital(db: Db, id: string) {
  const [row] = await db
    .select({ id: hospitals.id, name: hospitals.name, city: hospitals.city })
    .from(hospitals)
    .where(eq(hospitals.id, id));
  return row ?? null;
}

export async function tracedCustomer(db: Db, id: string) {
  const [row] = await db
    .select({ id: channelCustomers.id, name: channelCustomers.name, city: channelCustomers.city })
    .from(channelCustomers)
    .where(eq(channelCustomers.id, id));
  return row ?? null;
}

export async function tracedStockReport(db: Db, id: string) {
  const [row] = await db
    .select({
      id: channelStockReports.id,
      reportedOn: channelStockReports.reportedOn,
      quantity: channelStockReports.quantity,
    })
    .from(channelStockReports)
    .where(eq(channelStockReports.id, id));
  return row ?? null;
}

export async function tracedPriceReport(db: Db, id: string) {
  const [row] = await db
    .select({
      id: channelPriceReports.id,
      reportedOn: channelPriceReports.reportedOn,
      level: channelPriceReports.level,
      priceFen: channelPriceReports.priceFen,
    })
    .from(channelPriceReports)
    .where(eq(channelPriceReports.id, id));
  return row ?? null;
}

export async function tracedLicence(db: Db, id: string) {
  const [row] = await db
    .select({
      id: channelLicences.id,
      kind: channelLicences.kind,
      number: channelLicences.number,
      validUntil: channelLicences.validUntil,
    })
    .from(channelLicences)
    .where(eq(channelLicences.id, id));
  return row ?? null;
}

export async function tracedPromise(db: Db, id: string) {
  const [row] = await db
    .select({
      id: channelPromises.id,
      promise: channelPromises.promise,
      dueOn: channelPromises.dueOn,
      ownerName: users.name,
    })
    .from(channelPromises)
    .innerJoin(users, eq(users.id, channelPromises.ownerId))
    .where(eq(channelPromises.id, id));
  return row ?? null;
}

// ── health ──────────────────────────────────────────────────────────────────

export async function healthTrend(db: Db, channelCustomerId: string, fromMonth: string) {
  return db
    .select({
      month: channelHealthSnapshots.month,
      score: channelHealthSnapshots.score,
      components: channelHealthSnapshots.components,
    })
    .from(channelHealthSnapshots)
    .where(
      and(
        eq(channelHealthSnapshots.channelCustomerId, channelCustomerId),
        sql`${channelHealthSnapshots.month} >= ${fromMonth}`,
      ),
    )
    .orderBy(channelHealthSnapshots.month);
}

export async function findCustomerName(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({ id: channelCustomers.id, name: channelCustomers.name })
    .from(channelCustomers)
    .where(and(eq(channelCustomers.id, id), scope));
  return row;
}

/** The latest snapshot per distributor in scope, with the one three months before it. */
export async function latestHealth(db: Db, scope?: SQL) {
  const result = (await db.execute(sql`
    select distinct on (s.channel_customer_id) s.channel_customer_id, cc.name, s.month, s.score,
      (select e.score from channel_health_snapshots e
        where e.channel_customer_id = s.channel_customer_id
          and e.month = to_char((to_date(s.month || '-01', 'YYYY-MM-DD') - interval '3 months'), 'YYYY-MM')) as earlier
    from channel_health_snapshots s join channel_customers cc on cc.id = s.channel_customer_id
    where ${scope ?? sql`true`}
    order by s.channel_customer_id, s.month desc`)) as unknown as {
    rows: {
      channel_customer_id: string;
      name: string;
      month: string;
      score: number;
      earlier: number | null;
    }[];
  };
  return result.rows;
}
