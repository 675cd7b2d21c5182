import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import {
  channelCustomers,
  departments,
  flowColumnMappings,
  flowImports,
  flowNameMatches,
  flowRows,
  hospitals,
  products,
  users,
} from '../../db/schema.ts';
import { countAll, offsetOf, toIso } from '../../db/list.ts';

export { flowImports, flowRows, channelCustomers };

/** Rows per multi-row insert (19 columns × 1,000 rows stays far below PostgreSQL's 65,535 parameters). */
export const flowInsertBatch = 1000;

const importColumns = {
  id: flowImports.id,
  channelCustomerId: flowImports.channelCustomerId,
  channelCustomerName: channelCustomers.name,
  fileName: flowImports.fileName,
  fileHash: flowImports.fileHash,
  periodStart: flowImports.periodStart,
  periodEnd: flowImports.periodEnd,
  status: flowImports.status,
  mapping: flowImports.mapping,
  summary: flowImports.summary,
  createdBy: flowImports.createdBy,
  createdByName: users.name,
  createdAt: flowImports.createdAt,
  committedAt: flowImports.committedAt,
};

function importsQuery(db: Db) {
  return db
    .select(importColumns)
    .from(flowImports)
    .innerJoin(channelCustomers, eq(channelCustomers.id, flowImports.channelCustomerId))
    .innerJoin(users, eq(users.id, flowImports.createdBy));
}
const withIso = (r: Awaited<ReturnType<typeof importsQuery>>[number]) => ({
  ...r,
  createdAt: toIso(r.createdAt),
  committedAt: toIso(r.committedAt),
});
export type FlowImportRow = ReturnType<typeof withIso>;

export async function getImport(db: Db, id: string, scope?: SQL): Promise<FlowImportRow | undefined> {
  const [row] = await importsQuery(db).where(and(eq(flowImports.id, id), scope));
  return row && withIso(row);
}

export async function findImports(
  db: Db,
  f: { channelCustomerId?: string; status?: string; scope?: SQL },
  page: { page: number; pageSize: number },
) {
  const where = and(
    f.scope,
    f.channelCustomerId ? eq(flowImports.channelCustomerId, f.channelCustomerId) : undefined,
    f.status ? eq(flowImports.status, f.status as 'preview') : undefined,
  );
  const [rows, [count]] = await Promise.all([
    importsQuery(db)
      .where(where)
      .orderBy(desc(flowImports.createdAt), asc(flowImports.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ total: countAll }).from(flowImports).where(where),
  ]);
  return { rows: rows.map(withIso), total: count?.total ?? 0 };
}

/** A live (not cancelled) import of the same file. */
export async function findLiveImportByHash(db: Db, fileHash: string) {
  const [row] = await db
    .select({ id: flowImports.id, fileName: flowImports.fileName, createdAt: flowImports.createdAt })
    .from(flowImports)
    .where(and(eq(flowImports.fileHash, fileHash), ne(flowImports.status, 'cancelled')))
    .limit(1);
  return row && { ...row, createdAt: toIso(row.createdAt) };
}

export async function insertImport(db: Db, values: typeof flowImports.$inferInsert): Promise<string> {
  const [row] = await db.insert(flowImports).values(values).returning({ id: flowImports.id });
  return row!.id;
}

export async function updateImport(db: Db, id: string, set: Partial<typeof flowImports.$inferInsert>) {
  await db.update(flowImports).set(set).where(eq(flowImports.id, id));
}

/** Committed imports of the distributor whose period overlaps [start, end]. */
export async function findOverlappingCommitted(
  db: Db,
  channelCustomerId: string,
  start: string,
  end: string,
  exceptId: string,
) {
  return db
    .select({
      id: flowImports.id,
      fileName: flowImports.fileName,
      periodStart: flowImports.periodStart,
      periodEnd: flowImports.periodEnd,
    })
    .from(flowImports)
    .where(
      and(
        eq(flowImports.channelCustomerId, channelCustomerId),
        eq(flowImports.status, 'committed'),
        ne(flowImports.id, exceptId),
        lte(flowImports.periodStart, end),
        gte(flowImports.periodEnd, start),
      ),
    );
}

/** Locks the import for the rest of the transaction and returns it as it is now (two clicks never both act). */
export async function lockImport(db: Db, id: string): Promise<FlowImportRow> {
  await db.execute(sql`select id from flow_imports where id = ${id} for update`);
  return (await getImport(db, id))!;
}

/** Serialises commits of one distributor (the overlap check and the commit in one go). */
export async function lockCustomer(db: Db, channelCustomerId: string) {
  await db.execute(sql`select id from channel_customers where id = ${channelCustomerId} for update`);
}

export async function findCustomer(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({
      id: channelCustomers.id,
      kind: channelCustomers.kind,
      name: channelCustomers.name,
      paymentTermDays: channelCustomers.paymentTermDays,
    })
    .from(channelCustomers)
    .where(and(eq(channelCustomers.id, id), scope));
  return row;
}

export async function getSavedMapping(db: Db, channelCustomerId: string) {
  const [row] = await db
    .select({ mapping: flowColumnMappings.mapping })
    .from(flowColumnMappings)
    .where(eq(flowColumnMappings.channelCustomerId, channelCustomerId));
  return row?.mapping as Record<string, string> | undefined;
}

export async function saveMapping(db: Db, channelCustomerId: string, mapping: object, userId: string) {
  await db
    .insert(flowColumnMappings)
    .values({ channelCustomerId, mapping, updatedBy: userId })
    .onConflictDoUpdate({
      target: flowColumnMappings.channelCustomerId,
      set: { mapping, updatedBy: userId, updatedAt: sql`now()` },
    });
}

// ── what rows are matched against ─────────────────────────────────────────────

export async function loadProducts(db: Db) {
  return db
    .select({
      id: products.id,
      name: products.name,
      genericName: products.genericName,
      specification: products.specification,
    })
    .from(products);
}

export async function loadHospitals(db: Db) {
  return db
    .select({ id: hospitals.id, name: hospitals.name })
    .from(hospitals)
    .where(isNull(hospitals.mergedInto));
}

export async function loadBuyerCustomers(db: Db, exceptId: string) {
  return db
    .select({ id: channelCustomers.id, name: channelCustomers.name })
    .from(channelCustomers)
    .where(ne(channelCustomers.id, exceptId));
}

export async function loadDepartments(db: Db, hospitalIds: string[]) {
  if (hospitalIds.length === 0) return [];
  return db
    .select({ id: departments.id, hospitalId: departments.hospitalId, name: departments.name })
    .from(departments)
    .where(inArray(departments.hospitalId, hospitalIds));
}

export async function loadNameMatches(db: Db, names: string[]) {
  if (names.length === 0) return [];
  return db
    .select({
      normalizedName: flowNameMatches.normalizedName,
      hospitalId: flowNameMatches.hospitalId,
      buyerCustomerId: flowNameMatches.buyerCustomerId,
    })
    .from(flowNameMatches)
    .where(inArray(flowNameMatches.normalizedName, names));
}

export async function rememberNameMatch(
  db: Db,
  v: { normalizedName: string; hospitalId: string | null; buyerCustomerId: string | null; userId: string },
) {
  const set = { hospitalId: v.hospitalId, buyerCustomerId: v.buyerCustomerId, confirmedBy: v.userId };
  await db
    .insert(flowNameMatches)
    .values({ normalizedName: v.normalizedName, ...set })
    .onConflictDoUpdate({ target: flowNameMatches.normalizedName, set: { ...set, confirmedAt: sql`now()` } });
}

export async function hospitalExists(db: Db, id: string) {
  return (await db.select({ id: hospitals.id }).from(hospitals).where(eq(hospitals.id, id))).length > 0;
}
export async function customerExists(db: Db, id: string) {
  return (
    (await db.select({ id: channelCustomers.id }).from(channelCustomers).where(eq(channelCustomers.id, id)))
      .length > 0
  );
}
export async function departmentOf(db: Db, id: string) {
  const [row] = await db
    .select({ hospitalId: departments.hospitalId })
    .from(departments)
    .where(eq(departments.id, id));
  return row;
}

// ── flow rows ─────────────────────────────────────────────────────────────────

export type NewFlowRow = typeof flowRows.$inferInsert;

/** Column → SQL type of a flow row, in the order they are written. */
const flowRowColumns: [keyof NewFlowRow, string, string][] = [
  ['importId', 'import_id', 'uuid'],
  ['channelCustomerId', 'channel_customer_id', 'uuid'],
  ['rowNo', 'row_no', 'integer'],
  ['saleDate', 'sale_date', 'date'],
  ['productId', 'product_id', 'uuid'],
  ['productName', 'product_name', 'text'],
  ['buyerName', 'buyer_name', 'text'],
  ['departmentName', 'department_name', 'text'],
  ['hospitalId', 'hospital_id', 'uuid'],
  ['departmentId', 'department_id', 'uuid'],
  ['buyerCustomerId', 'buyer_customer_id', 'uuid'],
  ['matchStatus', 'match_status', 'text'],
  ['matchScore', 'match_score', 'double precision'],
  ['quantity', 'quantity', 'integer'],
  ['unitPriceFen', 'unit_price_fen', 'bigint'],
  ['amountFen', 'amount_fen', 'bigint'],
  ['batchNo', 'batch_no', 'text'],
  ['raw', 'raw', 'jsonb'],
];
const flowRowNames = flowRowColumns.map(([, c]) => c).join(', ');
const flowRowRecord = flowRowColumns.map(([, c, type]) => `${c} ${type}`).join(', ');

/**
 * Multi-row inserts of 1,000 rows, each batch sent as one jsonb parameter (jsonb_to_recordset): far faster
 * than 18,000 bound parameters per statement, on PGlite as on PostgreSQL.
 */
export async function insertFlowRows(db: Db, rows: NewFlowRow[]) {
  for (let i = 0; i < rows.length; i += flowInsertBatch) {
    const batch = rows.slice(i, i + flowInsertBatch).map((r) => {
      const o: Record<string, unknown> = {};
      for (const [key, column] of flowRowColumns) o[column] = r[key] ?? null;
      return o;
    });
    await db.execute(
      sql`insert into flow_rows (${sql.raw(flowRowNames)}) select ${sql.raw(flowRowNames)} from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as v(${sql.raw(flowRowRecord)})`,
    );
  }
}

export async function countRowsByStatus(db: Db, importId: string) {
  return db
    .select({
      status: flowRows.matchStatus,
      rows: countAll,
      quantity: sql<number>`coalesce(sum(${flowRows.quantity}), 0)::bigint`.mapWith(Number),
      amountFen: sql<number>`coalesce(sum(${flowRows.amountFen}), 0)::bigint`.mapWith(Number),
    })
    .from(flowRows)
    .where(eq(flowRows.importId, importId))
    .groupBy(flowRows.matchStatus);
}

export async function findPreviewRows(
  db: Db,
  importId: string,
  f: { matchStatus?: string; buyerName?: string },
  page: { page: number; pageSize: number },
) {
  const where = and(
    eq(flowRows.importId, importId),
    f.matchStatus ? eq(flowRows.matchStatus, f.matchStatus as 'matched') : undefined,
    f.buyerName ? eq(flowRows.buyerName, f.buyerName) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: flowRows.id,
        rowNo: flowRows.rowNo,
        matchStatus: flowRows.matchStatus,
        saleDate: flowRows.saleDate,
        productId: flowRows.productId,
        productName: flowRows.productName,
        buyerName: flowRows.buyerName,
        departmentName: flowRows.departmentName,
        hospitalId: flowRows.hospitalId,
        hospitalName: hospitals.name,
        buyerCustomerId: flowRows.buyerCustomerId,
        buyerCustomerName: channelCustomers.name,
        matchScore: flowRows.matchScore,
        quantity: flowRows.quantity,
        amountFen: flowRows.amountFen,
        raw: flowRows.raw,
      })
      .from(flowRows)
      .leftJoin(hospitals, eq(hospitals.id, flowRows.hospitalId))
      .leftJoin(channelCustomers, eq(channelCustomers.id, flowRows.buyerCustomerId))
      .where(where)
      .orderBy(asc(flowRows.rowNo))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ total: countAll }).from(flowRows).where(where),
  ]);
  return { rows, total: count?.total ?? 0 };
}

/** The rows a confirmation names (by id or by buyer name), within the import. */
export async function findRowsToConfirm(
  db: Db,
  importId: string,
  by: { rowIds?: string[]; buyerName?: string },
) {
  return db
    .select({ id: flowRows.id, buyerName: flowRows.buyerName, departmentName: flowRows.departmentName })
    .from(flowRows)
    .where(
      and(
        eq(flowRows.importId, importId),
        by.rowIds ? inArray(flowRows.id, by.rowIds) : undefined,
        by.buyerName ? eq(flowRows.buyerName, by.buyerName) : undefined,
      ),
    );
}

export async function setRowsMatch(
  db: Db,
  rowIds: string[],
  set: {
    hospitalId: string | null;
    departmentId: string | null;
    buyerCustomerId: string | null;
    matchStatus: 'confirmed' | 'unmatched';
  },
) {
  for (let i = 0; i < rowIds.length; i += flowInsertBatch)
    await db
      .update(flowRows)
      .set(set)
      .where(inArray(flowRows.id, rowIds.slice(i, i + flowInsertBatch)));
}

// ── reports ───────────────────────────────────────────────────────────────────

const buyerCustomers = alias(channelCustomers, 'bc');

export async function flowSummary(
  db: Db,
  f: {
    groupBy: 'hospital' | 'department' | 'buyer' | 'month';
    channelCustomerId?: string;
    productId?: string;
    from?: string;
    to?: string;
    scope?: SQL;
  },
) {
  const groups = {
    hospital: { key: sql`${flowRows.hospitalId}::text`, label: sql`max(${hospitals.name})` },
    department: {
      key: sql`${flowRows.hospitalId}::text || ':' || coalesce(${flowRows.departmentId}::text, ${flowRows.departmentName}, '')`,
      label: sql`max(${hospitals.name}) || ' · ' || coalesce(max(${departments.name}), max(${flowRows.departmentName}), '未注明科室')`,
    },
    buyer: {
      key: sql`coalesce(${flowRows.hospitalId}::text, ${flowRows.buyerCustomerId}::text, 'name:' || ${flowRows.buyerName})`,
      label: sql`coalesce(max(${hospitals.name}), max(${buyerCustomers.name}), max(${flowRows.buyerName}))`,
    },
    month: {
      key: sql`to_char(${flowRows.saleDate}::date, 'YYYY-MM')`,
      label: sql`to_char(${flowRows.saleDate}::date, 'YYYY-MM')`,
    },
  }[f.groupBy];
  const where = and(
    eq(flowImports.status, 'committed'),
    f.scope,
    f.channelCustomerId ? eq(flowRows.channelCustomerId, f.channelCustomerId) : undefined,
    f.productId ? eq(flowRows.productId, f.productId) : undefined,
    f.from ? gte(flowRows.saleDate, f.from) : undefined,
    f.to ? lte(flowRows.saleDate, f.to) : undefined,
    f.groupBy === 'hospital' || f.groupBy === 'department' ? isNotNull(flowRows.hospitalId) : undefined,
  );
  const quantity = sql<number>`sum(${flowRows.quantity})::bigint`.mapWith(Number);
  return db
    .select({
      id: sql<string>`${groups.key}`.as('group_key'),
      label: sql<string>`${groups.label}`.as('group_label'),
      quantity: quantity.as('quantity'),
      amountFen: sql<number>`coalesce(sum(${flowRows.amountFen}), 0)::bigint`
        .mapWith(Number)
        .as('amount_fen'),
      rows: sql<number>`count(*)::int`.as('row_count'),
    })
    .from(flowRows)
    .innerJoin(flowImports, eq(flowImports.id, flowRows.importId))
    .leftJoin(hospitals, eq(hospitals.id, flowRows.hospitalId))
    .leftJoin(departments, eq(departments.id, flowRows.departmentId))
    .leftJoin(buyerCustomers, eq(buyerCustomers.id, flowRows.buyerCustomerId))
    .where(where)
    .groupBy(groups.key)
    .orderBy(f.groupBy === 'month' ? sql`1` : sql`3 desc, 1`)
    .limit(500);
}
