import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  careFeeAccounts,
  careFeeClaimLines,
  careFeeClaims,
  careFeeSignatures,
  careFeeSpecialApplications,
  careFeeSpotChecks,
  channelCustomers,
  flowImports,
  flowRows,
  ledgerEntries,
  products,
  users,
} from '../../db/schema.ts';
import { countAll, offsetOf, toIso } from '../../db/list.ts';

export {
  careFeeAccounts,
  careFeeClaimLines,
  careFeeClaims,
  careFeeSignatures,
  careFeeSpecialApplications,
  careFeeSpotChecks,
  channelCustomers,
};

const page = (p: { page: number; pageSize: number }) => ({
  limit: p.pageSize,
  offset: offsetOf(p.page, p.pageSize),
});

// ── accounts ──────────────────────────────────────────────────────────────────

/** Payable of paid claims' lines of a product in a year. */
const spentSql = sql<number>`coalesce((select sum(l.payable_fen) from care_fee_claim_lines l join care_fee_claims c on c.id = l.claim_id where c.status = 'paid' and l.product_id = ${careFeeAccounts.productId} and c.month like (${careFeeAccounts.year}::text || '-%')), 0)::bigint`;

export async function findAccounts(db: Db, year: number, p: { page: number; pageSize: number }) {
  const w = eq(careFeeAccounts.year, year);
  const { limit, offset } = page(p);
  const [rows, [c]] = await Promise.all([
    db
      .select({
        id: careFeeAccounts.id,
        productId: careFeeAccounts.productId,
        productName: products.name,
        year: careFeeAccounts.year,
        budgetFen: careFeeAccounts.budgetFen,
        ratePerUnitFen: careFeeAccounts.ratePerUnitFen,
        spentFen: spentSql,
        version: careFeeAccounts.version,
        updatedAt: careFeeAccounts.updatedAt,
      })
      .from(careFeeAccounts)
      .innerJoin(products, eq(products.id, careFeeAccounts.productId))
      .where(w)
      .orderBy(asc(products.name), careFeeAccounts.id)
      .limit(limit)
      .offset(offset),
    db.select({ n: countAll }).from(careFeeAccounts).where(w),
  ]);
  return {
    rows: rows.map((r) => {
      const spentFen = Number(r.spentFen);
      return {
        ...r,
        budgetFen: Number(r.budgetFen),
        spentFen,
        remainingFen: Number(r.budgetFen) - spentFen,
        updatedAt: toIso(r.updatedAt),
      };
    }),
    total: c?.n ?? 0,
  };
}

export async function findAccount(db: Db, productId: string, year: number) {
  const [row] = await db
    .select()
    .from(careFeeAccounts)
    .where(and(eq(careFeeAccounts.productId, productId), eq(careFeeAccounts.year, year)));
  return row;
}

export async function productExists(db: Db, id: string) {
  const [row] = await db.select({ id: products.id }).from(products).where(eq(products.id, id));
  return !!row;
}

// ── customers, statement ──────────────────────────────────────────────────────

export async function findChannelCustomer(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({ id: channelCustomers.id, kind: channelCustomers.kind, name: channelCustomers.name })
    .from(channelCustomers)
    .where(and(eq(channelCustomers.id, id), scope));
  return row;
}

/** First day of the month and of the next month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

/**
 * 纯销 of a product in a month from committed flow rows: a pharmacy/clinic as the buyer, a distributor as the
 * seller.
 */
export async function netSales(
  db: Db,
  customer: { id: string; kind: string },
  productId: string,
  month: string,
) {
  const { from, to } = monthRange(month);
  const who =
    customer.kind === 'distributor'
      ? eq(flowRows.channelCustomerId, customer.id)
      : eq(flowRows.buyerCustomerId, customer.id);
  const [row] = await db
    .select({
      quantity: sql<number>`coalesce(sum(${flowRows.quantity}), 0)::int`,
      amountFen: sql<number>`coalesce(sum(${flowRows.amountFen}), 0)::bigint`,
    })
    .from(flowRows)
    .innerJoin(flowImports, eq(flowImports.id, flowRows.importId))
    .where(
      and(
        who,
        eq(flowRows.productId, productId),
        eq(flowImports.status, 'committed'),
        gte(flowRows.saleDate, from),
        lt(flowRows.saleDate, to),
      ),
    );
  return { quantity: Number(row?.quantity ?? 0), amountFen: Number(row?.amountFen ?? 0) };
}

/** 回款 of a distributor in a month: payments (as a positive amount) and deliveries. */
export async function ledgerMonth(db: Db, channelCustomerId: string, month: string) {
  const { from, to } = monthRange(month);
  const [row] = await db
    .select({
      collectedFen: sql<number>`coalesce(sum(case when ${ledgerEntries.kind} = 'payment' and ${ledgerEntries.amountFen} < 0 then -${ledgerEntries.amountFen} else 0 end), 0)::bigint`,
      deliveredFen: sql<number>`coalesce(sum(case when ${ledgerEntries.kind} = 'delivery' then ${ledgerEntries.amountFen} else 0 end), 0)::bigint`,
    })
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.channelCustomerId, channelCustomerId),
        gte(ledgerEntries.entryDate, from),
        lt(ledgerEntries.entryDate, to),
      ),
    );
  return { collectedFen: Number(row?.collectedFen ?? 0), deliveredFen: Number(row?.deliveredFen ?? 0) };
}

// ── users ─────────────────────────────────────────────────────────────────────

export async function findUser(db: Db, id: string) {
  const [row] = await db
    .select({ id: users.id, role: users.role, teamId: users.teamId, duties: users.duties })
    .from(users)
    .where(eq(users.id, id));
  return row;
}

// ── claims ────────────────────────────────────────────────────────────────────

const claimColumns = {
  id: careFeeClaims.id,
  ownerId: careFeeClaims.ownerId,
  ownerName: users.name,
  month: careFeeClaims.month,
  status: careFeeClaims.status,
  requestedFen: careFeeClaims.requestedFen,
  payableFen: careFeeClaims.payableFen,
  advanceFen: careFeeClaims.advanceFen,
  paidOn: careFeeClaims.paidOn,
  submittedAt: careFeeClaims.submittedAt,
  lineCount: sql<number>`(select count(*)::int from care_fee_claim_lines l where l.claim_id = ${careFeeClaims.id})`,
  spotChecked: sql<boolean>`exists (select 1 from care_fee_spot_checks s where s.claim_id = ${careFeeClaims.id})`,
  version: careFeeClaims.version,
  createdAt: careFeeClaims.createdAt,
  updatedAt: careFeeClaims.updatedAt,
};

const claimsQuery = (db: Db) =>
  db.select(claimColumns).from(careFeeClaims).innerJoin(users, eq(users.id, careFeeClaims.ownerId));
type RawClaim = Awaited<ReturnType<typeof claimsQuery>>[number];
const claimWithIso = (r: RawClaim) => ({
  ...r,
  requestedFen: Number(r.requestedFen),
  payableFen: Number(r.payableFen),
  advanceFen: r.advanceFen === null ? null : Number(r.advanceFen),
  lineCount: Number(r.lineCount),
  spotChecked: r.spotChecked === true || (r.spotChecked as unknown) === 't',
  submittedAt: toIso(r.submittedAt),
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});
export type ClaimRow = ReturnType<typeof claimWithIso>;

export async function findClaims(
  db: Db,
  f: { month?: string; status?: string; ownerId?: string; scope?: SQL; sort?: string },
  p: { page: number; pageSize: number },
) {
  const w = and(
    f.month ? eq(careFeeClaims.month, f.month) : undefined,
    f.status ? eq(careFeeClaims.status, f.status as 'draft') : undefined,
    f.ownerId ? eq(careFeeClaims.ownerId, f.ownerId) : undefined,
    f.scope,
  );
  const { limit, offset } = page(p);
  const [rows, [c]] = await Promise.all([
    claimsQuery(db)
      .where(w)
      .orderBy(
        f.sort === 'month' ? asc(careFeeClaims.month) : desc(careFeeClaims.month),
        asc(users.name),
        careFeeClaims.id,
      )
      .limit(limit)
      .offset(offset),
    db.select({ n: countAll }).from(careFeeClaims).where(w),
  ]);
  return { rows: rows.map(claimWithIso), total: c?.n ?? 0 };
}

export async function getClaim(db: Db, id: string, scope?: SQL) {
  const [row] = await claimsQuery(db).where(and(eq(careFeeClaims.id, id), scope));
  return row && claimWithIso(row);
}

export async function claimExistsForMonth(db: Db, ownerId: string, month: string) {
  const [row] = await db
    .select({ id: careFeeClaims.id })
    .from(careFeeClaims)
    .where(and(eq(careFeeClaims.ownerId, ownerId), eq(careFeeClaims.month, month)));
  return !!row;
}

export async function claimLines(db: Db, claimId: string) {
  const rows = await db
    .select({
      id: careFeeClaimLines.id,
      channelCustomerId: careFeeClaimLines.channelCustomerId,
      channelCustomerName: channelCustomers.name,
      channelCustomerKind: channelCustomers.kind,
      productId: careFeeClaimLines.productId,
      productName: products.name,
      netSalesQuantity: careFeeClaimLines.netSalesQuantity,
      netSalesFen: careFeeClaimLines.netSalesFen,
      collectedFen: careFeeClaimLines.collectedFen,
      collectionRate: careFeeClaimLines.collectionRate,
      requestedFen: careFeeClaimLines.requestedFen,
      payableFen: careFeeClaimLines.payableFen,
      recipientRole: careFeeClaimLines.recipientRole,
      specialApplicationId: careFeeClaimLines.specialApplicationId,
      note: careFeeClaimLines.note,
    })
    .from(careFeeClaimLines)
    .innerJoin(channelCustomers, eq(channelCustomers.id, careFeeClaimLines.channelCustomerId))
    .innerJoin(products, eq(products.id, careFeeClaimLines.productId))
    .where(eq(careFeeClaimLines.claimId, claimId))
    .orderBy(asc(channelCustomers.name), asc(products.name), careFeeClaimLines.id);
  return rows.map((r) => ({
    ...r,
    netSalesFen: Number(r.netSalesFen),
    collectedFen: Number(r.collectedFen),
    requestedFen: Number(r.requestedFen),
    payableFen: Number(r.payableFen),
    collectionRate: Number(r.collectionRate),
  }));
}

export type LineValues = Omit<typeof careFeeClaimLines.$inferInsert, 'claimId' | 'id'>;

export async function replaceLines(db: Db, claimId: string, lines: LineValues[]) {
  await db.delete(careFeeClaimLines).where(eq(careFeeClaimLines.claimId, claimId));
  if (lines.length) await db.insert(careFeeClaimLines).values(lines.map((l) => ({ ...l, claimId })));
}

export async function insertClaim(db: Db, values: typeof careFeeClaims.$inferInsert): Promise<string> {
  const [row] = await db.insert(careFeeClaims).values(values).returning({ id: careFeeClaims.id });
  return row!.id;
}

export async function signatures(db: Db, subject: 'claim' | 'specialApplication', subjectIds: string[]) {
  if (!subjectIds.length) return [];
  const rows = await db
    .select({
      id: careFeeSignatures.id,
      subjectId: careFeeSignatures.subjectId,
      step: careFeeSignatures.step,
      decision: careFeeSignatures.decision,
      signedBy: careFeeSignatures.signedBy,
      signedByName: users.name,
      comment: careFeeSignatures.comment,
      signedAt: careFeeSignatures.signedAt,
    })
    .from(careFeeSignatures)
    .innerJoin(users, eq(users.id, careFeeSignatures.signedBy))
    .where(and(eq(careFeeSignatures.subject, subject), inArray(careFeeSignatures.subjectId, subjectIds)))
    // signatures written in one instant still list in step order
    .orderBy(
      asc(careFeeSignatures.signedAt),
      sql`array_position(array['clerk', 'manager', 'finance'], ${careFeeSignatures.step})`,
      careFeeSignatures.id,
    );
  return rows.map((r) => ({ ...r, signedAt: toIso(r.signedAt) }));
}

export async function insertSignature(db: Db, values: typeof careFeeSignatures.$inferInsert) {
  await db.insert(careFeeSignatures).values(values);
}

export async function spotCheckOf(db: Db, claimId: string) {
  const [row] = await db
    .select({
      id: careFeeSpotChecks.id,
      checkedBy: careFeeSpotChecks.checkedBy,
      checkedByName: users.name,
      checkedOn: careFeeSpotChecks.checkedOn,
      results: careFeeSpotChecks.results,
      createdAt: careFeeSpotChecks.createdAt,
    })
    .from(careFeeSpotChecks)
    .innerJoin(users, eq(users.id, careFeeSpotChecks.checkedBy))
    .where(eq(careFeeSpotChecks.claimId, claimId));
  return (
    row && {
      ...row,
      results: row.results as { channelCustomerId: string; confirmed: boolean; note: string | null }[],
      createdAt: toIso(row.createdAt),
    }
  );
}

export async function insertSpotCheck(db: Db, values: typeof careFeeSpotChecks.$inferInsert) {
  await db.insert(careFeeSpotChecks).values(values);
}

// ── special applications ──────────────────────────────────────────────────────

const specialColumns = {
  id: careFeeSpecialApplications.id,
  ownerId: careFeeSpecialApplications.ownerId,
  ownerName: users.name,
  channelCustomerId: careFeeSpecialApplications.channelCustomerId,
  channelCustomerName: channelCustomers.name,
  productId: careFeeSpecialApplications.productId,
  productName: products.name,
  amountFen: careFeeSpecialApplications.amountFen,
  reason: careFeeSpecialApplications.reason,
  contractDate: careFeeSpecialApplications.contractDate,
  status: careFeeSpecialApplications.status,
  approvedAt: careFeeSpecialApplications.approvedAt,
  version: careFeeSpecialApplications.version,
  createdAt: careFeeSpecialApplications.createdAt,
};
const specialQuery = (db: Db) =>
  db
    .select(specialColumns)
    .from(careFeeSpecialApplications)
    .innerJoin(users, eq(users.id, careFeeSpecialApplications.ownerId))
    .innerJoin(channelCustomers, eq(channelCustomers.id, careFeeSpecialApplications.channelCustomerId))
    .leftJoin(products, eq(products.id, careFeeSpecialApplications.productId));
type RawSpecial = Awaited<ReturnType<typeof specialQuery>>[number];
const specialWithIso = (r: RawSpecial) => ({
  ...r,
  amountFen: Number(r.amountFen),
  approvedAt: toIso(r.approvedAt),
  createdAt: toIso(r.createdAt),
});
export type SpecialRow = ReturnType<typeof specialWithIso>;

export async function findSpecials(
  db: Db,
  f: { status?: string; channelCustomerId?: string; ownerId?: string; scope?: SQL },
  p: { page: number; pageSize: number },
) {
  const w = and(
    f.status ? eq(careFeeSpecialApplications.status, f.status as 'submitted') : undefined,
    f.channelCustomerId ? eq(careFeeSpecialApplications.channelCustomerId, f.channelCustomerId) : undefined,
    f.ownerId ? eq(careFeeSpecialApplications.ownerId, f.ownerId) : undefined,
    f.scope,
  );
  const { limit, offset } = page(p);
  const [rows, [c]] = await Promise.all([
    specialQuery(db)
      .where(w)
      .orderBy(desc(careFeeSpecialApplications.createdAt), careFeeSpecialApplications.id)
      .limit(limit)
      .offset(offset),
    db.select({ n: countAll }).from(careFeeSpecialApplications).where(w),
  ]);
  return { rows: rows.map(specialWithIso), total: c?.n ?? 0 };
}

export async function getSpecial(db: Db, id: string, scope?: SQL) {
  const [row] = await specialQuery(db).where(and(eq(careFeeSpecialApplications.id, id), scope));
  return row && specialWithIso(row);
}

export async function insertSpecial(
  db: Db,
  values: typeof careFeeSpecialApplications.$inferInsert,
): Promise<string> {
  const [row] = await db
    .insert(careFeeSpecialApplications)
    .values(values)
    .returning({ id: careFeeSpecialApplications.id });
  return row!.id;
}
