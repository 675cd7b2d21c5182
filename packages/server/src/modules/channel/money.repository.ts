import { alias } from 'drizzle-orm/pg-core';
import { and, desc, eq, exists, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  channelBills,
  channelCustomers,
  channelRiskEvents,
  ledgerEntries,
  ledgerReconciliations,
  users,
} from '../../db/schema.ts';
import { countAll, likePattern, offsetOf, toIso } from '../../db/list.ts';

type Page = { page: number; pageSize: number };

// ── Channel customers ──────────────────────────────────────────────────────

export async function findChannelCustomer(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({
      id: channelCustomers.id,
      name: channelCustomers.name,
      kind: channelCustomers.kind,
      creditLimitFen: channelCustomers.creditLimitFen,
      paymentTermDays: channelCustomers.paymentTermDays,
    })
    .from(channelCustomers)
    .where(and(eq(channelCustomers.id, id), scope));
  return row;
}

/** Customers with receivables: every distributor, and any other channel customer that has ledger entries. */
export async function findReceivableCustomers(db: Db, f: { scope?: SQL; q?: string; id?: string }) {
  return db
    .select({
      id: channelCustomers.id,
      name: channelCustomers.name,
      kind: channelCustomers.kind,
      creditLimitFen: channelCustomers.creditLimitFen,
      paymentTermDays: channelCustomers.paymentTermDays,
    })
    .from(channelCustomers)
    .where(
      and(
        f.id ? eq(channelCustomers.id, f.id) : undefined,
        or(
          eq(channelCustomers.kind, 'distributor'),
          exists(
            db
              .select({ one: sql`1` })
              .from(ledgerEntries)
              .where(eq(ledgerEntries.channelCustomerId, channelCustomers.id)),
          ),
        ),
        f.q ? ilike(channelCustomers.name, likePattern(f.q)) : undefined,
        f.scope,
      ),
    )
    .orderBy(channelCustomers.name, channelCustomers.id);
}

// ── Ledger entries ─────────────────────────────────────────────────────────

/** The entries of some customers, for balances, FIFO allocation and ageing. */
export async function findEntriesOf(db: Db, customerIds: string[]) {
  if (customerIds.length === 0) return [];
  return db
    .select({
      id: ledgerEntries.id,
      channelCustomerId: ledgerEntries.channelCustomerId,
      entryDate: ledgerEntries.entryDate,
      kind: ledgerEntries.kind,
      amountFen: ledgerEntries.amountFen,
      dueDate: ledgerEntries.dueDate,
    })
    .from(ledgerEntries)
    .where(inArray(ledgerEntries.channelCustomerId, customerIds));
}

const creator = alias(users, 'creator');

/**
 * A page of entries, newest first, each with its running balance: the sum of all the customer's entries up to it
 * (by date, then time entered) — computed over every entry, so a date filter does not restart the balance.
 */
export async function findLedgerEntries(
  db: Db,
  f: { channelCustomerId?: string; from?: string; to?: string; id?: string; scope?: SQL },
  page: Page,
) {
  const inner = db
    .select({
      id: ledgerEntries.id,
      channelCustomerId: ledgerEntries.channelCustomerId,
      channelCustomerName: sql<string>`${channelCustomers.name}`.as('channel_customer_name'),
      entryDate: ledgerEntries.entryDate,
      kind: ledgerEntries.kind,
      amountFen: ledgerEntries.amountFen,
      dueDate: ledgerEntries.dueDate,
      shipmentId: ledgerEntries.shipmentId,
      billId: ledgerEntries.billId,
      clientId: ledgerEntries.clientId,
      note: ledgerEntries.note,
      createdBy: ledgerEntries.createdBy,
      createdByName: sql<string>`${creator.name}`.as('created_by_name'),
      createdAt: ledgerEntries.createdAt,
      balanceFen:
        sql<string>`sum(${ledgerEntries.amountFen}) over (partition by ${ledgerEntries.channelCustomerId} order by ${ledgerEntries.entryDate}, ${ledgerEntries.createdAt}, ${ledgerEntries.id})`.as(
          'balance_fen',
        ),
    })
    .from(ledgerEntries)
    .innerJoin(channelCustomers, eq(channelCustomers.id, ledgerEntries.channelCustomerId))
    .innerJoin(creator, eq(creator.id, ledgerEntries.createdBy))
    .where(
      and(
        f.channelCustomerId ? eq(ledgerEntries.channelCustomerId, f.channelCustomerId) : undefined,
        f.scope,
      ),
    )
    .as('x');
  const w = and(
    f.from ? gte(inner.entryDate, f.from) : undefined,
    f.to ? lte(inner.entryDate, f.to) : undefined,
    f.id ? eq(inner.id, f.id) : undefined,
  );
  // one after the other: this also runs inside transactions (a client runs one query at a time)
  const rows = await db
    .select()
    .from(inner)
    .where(w)
    .orderBy(desc(inner.entryDate), desc(inner.createdAt), desc(inner.id))
    .limit(page.pageSize)
    .offset(offsetOf(page.page, page.pageSize));
  const [c] = await db.select({ n: countAll }).from(inner).where(w);
  return {
    rows: rows.map((r) => ({
      ...r,
      amountFen: Number(r.amountFen),
      balanceFen: Number(r.balanceFen),
      createdAt: toIso(r.createdAt),
    })),
    total: c?.n ?? 0,
  };
}

/** One entry with its running balance (the same window as the list). */
export async function getLedgerEntry(db: Db, id: string) {
  const [row] = await db
    .select({ channelCustomerId: ledgerEntries.channelCustomerId })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.id, id));
  if (!row) return undefined;
  const { rows } = await findLedgerEntries(
    db,
    { channelCustomerId: row.channelCustomerId, id },
    { page: 1, pageSize: 1 },
  );
  return rows[0];
}

export async function findEntryByClientId(db: Db, clientId: string) {
  const [row] = await db
    .select({ id: ledgerEntries.id, createdBy: ledgerEntries.createdBy })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.clientId, clientId));
  return row;
}

export type LedgerEntryValues = typeof ledgerEntries.$inferInsert;

export async function insertLedgerEntry(db: Db, values: LedgerEntryValues): Promise<string> {
  const [row] = await db.insert(ledgerEntries).values(values).returning({ id: ledgerEntries.id });
  return row!.id;
}

/** Our balance at a date: the sum of the customer's entries up to and including it (in SQL). */
export async function balanceAt(db: Db, channelCustomerId: string, date: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${ledgerEntries.amountFen}), 0)` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.channelCustomerId, channelCustomerId), lte(ledgerEntries.entryDate, date)));
  return Number(row?.total ?? 0);
}

// ── Reconciliations 对账 ───────────────────────────────────────────────────

const reconciliationColumns = {
  id: ledgerReconciliations.id,
  channelCustomerId: ledgerReconciliations.channelCustomerId,
  channelCustomerName: channelCustomers.name,
  periodEnd: ledgerReconciliations.periodEnd,
  ourBalanceFen: ledgerReconciliations.ourBalanceFen,
  theirBalanceFen: ledgerReconciliations.theirBalanceFen,
  confirmedByName: ledgerReconciliations.confirmedByName,
  note: ledgerReconciliations.note,
  createdBy: ledgerReconciliations.createdBy,
  createdByName: users.name,
  createdAt: ledgerReconciliations.createdAt,
};

function reconciliationsQuery(db: Db) {
  return db
    .select(reconciliationColumns)
    .from(ledgerReconciliations)
    .innerJoin(channelCustomers, eq(channelCustomers.id, ledgerReconciliations.channelCustomerId))
    .innerJoin(users, eq(users.id, ledgerReconciliations.createdBy));
}
type ReconciliationRaw = Awaited<ReturnType<typeof reconciliationsQuery>>[number];
const toReconciliation = (r: ReconciliationRaw) => ({
  ...r,
  differenceFen: r.ourBalanceFen - r.theirBalanceFen,
  createdAt: toIso(r.createdAt),
});
export type ReconciliationRow = ReturnType<typeof toReconciliation>;

export async function findReconciliations(
  db: Db,
  f: { channelCustomerId?: string; scope?: SQL },
  page: Page,
) {
  const w = and(
    f.channelCustomerId ? eq(ledgerReconciliations.channelCustomerId, f.channelCustomerId) : undefined,
    f.scope,
  );
  const [rows, [c]] = await Promise.all([
    reconciliationsQuery(db)
      .where(w)
      .orderBy(desc(ledgerReconciliations.periodEnd), ledgerReconciliations.id)
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(ledgerReconciliations).where(w),
  ]);
  return { rows: rows.map(toReconciliation), total: c?.n ?? 0 };
}

export async function getReconciliation(db: Db, id: string) {
  const [row] = await reconciliationsQuery(db).where(eq(ledgerReconciliations.id, id));
  return row && toReconciliation(row);
}

export async function findReconciliationOf(db: Db, channelCustomerId: string, periodEnd: string) {
  const [row] = await db
    .select({ id: ledgerReconciliations.id })
    .from(ledgerReconciliations)
    .where(
      and(
        eq(ledgerReconciliations.channelCustomerId, channelCustomerId),
        eq(ledgerReconciliations.periodEnd, periodEnd),
      ),
    );
  return row;
}

export async function insertReconciliation(db: Db, values: typeof ledgerReconciliations.$inferInsert) {
  const [row] = await db
    .insert(ledgerReconciliations)
    .values(values)
    .returning({ id: ledgerReconciliations.id });
  return row!.id;
}

/** The last reconciled period end per customer. */
export async function lastReconciliations(db: Db, customerIds: string[]) {
  if (customerIds.length === 0) return new Map<string, string>();
  const rows = await db
    .select({
      channelCustomerId: ledgerReconciliations.channelCustomerId,
      last: sql<string>`max(${ledgerReconciliations.periodEnd})::text`,
    })
    .from(ledgerReconciliations)
    .where(inArray(ledgerReconciliations.channelCustomerId, customerIds))
    .groupBy(ledgerReconciliations.channelCustomerId);
  return new Map(rows.map((r) => [r.channelCustomerId, r.last]));
}

// ── Bills 票据 ─────────────────────────────────────────────────────────────

const decider = alias(users, 'decider');
const billColumns = {
  id: channelBills.id,
  channelCustomerId: channelBills.channelCustomerId,
  channelCustomerName: channelCustomers.name,
  kind: channelBills.kind,
  billNo: channelBills.billNo,
  issuer: channelBills.issuer,
  amountFen: channelBills.amountFen,
  receivedOn: channelBills.receivedOn,
  dueOn: channelBills.dueOn,
  status: channelBills.status,
  decidedBy: channelBills.decidedBy,
  decidedByName: decider.name,
  decidedAt: channelBills.decidedAt,
  decisionNote: channelBills.decisionNote,
  createdBy: channelBills.createdBy,
  createdByName: users.name,
  version: channelBills.version,
  createdAt: channelBills.createdAt,
  updatedAt: channelBills.updatedAt,
};
function billsQuery(db: Db) {
  return db
    .select(billColumns)
    .from(channelBills)
    .innerJoin(channelCustomers, eq(channelCustomers.id, channelBills.channelCustomerId))
    .innerJoin(users, eq(users.id, channelBills.createdBy))
    .leftJoin(decider, eq(decider.id, channelBills.decidedBy));
}
type BillRaw = Awaited<ReturnType<typeof billsQuery>>[number];
const toBill = (r: BillRaw) => ({
  ...r,
  decidedAt: toIso(r.decidedAt),
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});
export type BillRow = ReturnType<typeof toBill>;

export async function findBills(
  db: Db,
  f: { channelCustomerId?: string; status?: string; scope?: SQL },
  page: Page,
) {
  const w = and(
    f.channelCustomerId ? eq(channelBills.channelCustomerId, f.channelCustomerId) : undefined,
    f.status ? eq(channelBills.status, f.status as 'accepted') : undefined,
    f.scope,
  );
  const [rows, [c]] = await Promise.all([
    billsQuery(db)
      .where(w)
      .orderBy(desc(channelBills.receivedOn), desc(channelBills.createdAt), channelBills.id)
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(channelBills).where(w),
  ]);
  return { rows: rows.map(toBill), total: c?.n ?? 0 };
}

export async function getBill(db: Db, id: string, scope?: SQL) {
  const [row] = await billsQuery(db).where(and(eq(channelBills.id, id), scope));
  return row && toBill(row);
}

export async function findBillByNo(db: Db, kind: string, billNo: string) {
  const [row] = await db
    .select({ id: channelBills.id })
    .from(channelBills)
    .where(and(eq(channelBills.kind, kind as 'cheque'), eq(channelBills.billNo, billNo)));
  return row;
}

export async function insertBill(db: Db, values: typeof channelBills.$inferInsert) {
  const [row] = await db.insert(channelBills).values(values).returning({ id: channelBills.id });
  return row!.id;
}

// ── Risk events 风险信号 ───────────────────────────────────────────────────

const riskColumns = {
  id: channelRiskEvents.id,
  channelCustomerId: channelRiskEvents.channelCustomerId,
  channelCustomerName: channelCustomers.name,
  kind: channelRiskEvents.kind,
  occurredOn: channelRiskEvents.occurredOn,
  severity: channelRiskEvents.severity,
  note: channelRiskEvents.note,
  createdBy: channelRiskEvents.createdBy,
  createdByName: users.name,
  createdAt: channelRiskEvents.createdAt,
};
function riskQuery(db: Db) {
  return db
    .select(riskColumns)
    .from(channelRiskEvents)
    .innerJoin(channelCustomers, eq(channelCustomers.id, channelRiskEvents.channelCustomerId))
    .innerJoin(users, eq(users.id, channelRiskEvents.createdBy));
}
type RiskRaw = Awaited<ReturnType<typeof riskQuery>>[number];
const toRisk = (r: RiskRaw) => ({ ...r, createdAt: toIso(r.createdAt) });
export type RiskEventRow = ReturnType<typeof toRisk>;

export async function findRiskEvents(
  db: Db,
  f: { channelCustomerId?: string; kind?: string; scope?: SQL },
  page: Page,
) {
  const w = and(
    f.channelCustomerId ? eq(channelRiskEvents.channelCustomerId, f.channelCustomerId) : undefined,
    f.kind ? eq(channelRiskEvents.kind, f.kind) : undefined,
    f.scope,
  );
  const [rows, [c]] = await Promise.all([
    riskQuery(db)
      .where(w)
      .orderBy(desc(channelRiskEvents.occurredOn), desc(channelRiskEvents.createdAt), channelRiskEvents.id)
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(channelRiskEvents).where(w),
  ]);
  return { rows: rows.map(toRisk), total: c?.n ?? 0 };
}

export async function getRiskEvent(db: Db, id: string) {
  const [row] = await riskQuery(db).where(eq(channelRiskEvents.id, id));
  return row && toRisk(row);
}

export async function insertRiskEvent(db: Db, values: typeof channelRiskEvents.$inferInsert) {
  const [row] = await db.insert(channelRiskEvents).values(values).returning({ id: channelRiskEvents.id });
  return row!.id;
}

/** Events on or after a date, per customer (the risk level looks back 180 days). */
export async function riskEventsSince(db: Db, customerIds: string[], since: string) {
  if (customerIds.length === 0) return [];
  return db
    .select({
      channelCustomerId: channelRiskEvents.channelCustomerId,
      occurredOn: channelRiskEvents.occurredOn,
      severity: channelRiskEvents.severity,
    })
    .from(channelRiskEvents)
    .where(
      and(
        inArray(channelRiskEvents.channelCustomerId, customerIds),
        gte(channelRiskEvents.occurredOn, since),
      ),
    );
}

export { channelBills, channelCustomers, channelRiskEvents, ledgerEntries, ledgerReconciliations };
