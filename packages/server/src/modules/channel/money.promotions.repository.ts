import { alias } from 'drizzle-orm/pg-core';
import { and, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  channelCustomers,
  channelPromotionPayouts,
  channelPromotions,
  flowImports,
  flowRows,
  products,
  users,
} from '../../db/schema.ts';
import { countAll, likePattern, offsetOf, toIso } from '../../db/list.ts';

const approver = alias(users, 'approver');
const columns = {
  id: channelPromotions.id,
  name: channelPromotions.name,
  kind: channelPromotions.kind,
  targetKinds: channelPromotions.targetKinds,
  targetCustomerIds: channelPromotions.targetCustomerIds,
  productIds: channelPromotions.productIds,
  rules: channelPromotions.rules,
  startsOn: channelPromotions.startsOn,
  endsOn: channelPromotions.endsOn,
  budgetFen: channelPromotions.budgetFen,
  paidFen: sql<string>`(select coalesce(sum(p.amount_fen), 0) from channel_promotion_payouts p where p.promotion_id = ${channelPromotions.id})`,
  status: channelPromotions.status,
  ownerId: channelPromotions.ownerId,
  ownerName: users.name,
  ownerTeamId: users.teamId,
  ownerRole: users.role,
  approvedBy: channelPromotions.approvedBy,
  approvedByName: approver.name,
  approvedAt: channelPromotions.approvedAt,
  version: channelPromotions.version,
  createdAt: channelPromotions.createdAt,
  updatedAt: channelPromotions.updatedAt,
};

function promotionsQuery(db: Db) {
  return db
    .select(columns)
    .from(channelPromotions)
    .innerJoin(users, eq(users.id, channelPromotions.ownerId))
    .leftJoin(approver, eq(approver.id, channelPromotions.approvedBy));
}
type Raw = Awaited<ReturnType<typeof promotionsQuery>>[number];
const toRow = (r: Raw) => ({
  ...r,
  paidFen: Number(r.paidFen),
  approvedAt: toIso(r.approvedAt),
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});
export type PromotionRow = ReturnType<typeof toRow>;

export type PromotionFilter = {
  status?: string;
  kind?: string;
  ownerId?: string;
  q?: string;
  /** Submitted promotions whose owner is in a team this manager leads (admin: all submitted), not their own */
  toDecideBy?: { id: string; role: string };
  scope?: SQL;
};

export async function findPromotions(db: Db, f: PromotionFilter, page: { page: number; pageSize: number }) {
  const decide = f.toDecideBy;
  const w = and(
    f.status ? eq(channelPromotions.status, f.status as 'draft') : undefined,
    f.kind ? eq(channelPromotions.kind, f.kind) : undefined,
    f.ownerId ? eq(channelPromotions.ownerId, f.ownerId) : undefined,
    f.q ? sql`${channelPromotions.name} ilike ${likePattern(f.q)}` : undefined,
    decide
      ? and(
          eq(channelPromotions.status, 'submitted'),
          sql`${channelPromotions.ownerId} <> ${decide.id}`,
          decide.role === 'admin'
            ? undefined
            : sql`${channelPromotions.ownerId} in (select u.id from users u where u.team_id in (select t.id from teams t where t.manager_id = ${decide.id}))`,
        )
      : undefined,
    f.scope,
  );
  const [rows, [c]] = await Promise.all([
    promotionsQuery(db)
      .where(w)
      .orderBy(desc(channelPromotions.startsOn), desc(channelPromotions.createdAt), channelPromotions.id)
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(channelPromotions).where(w),
  ]);
  return { rows: rows.map(toRow), total: c?.n ?? 0 };
}

export async function getPromotion(db: Db, id: string, scope?: SQL) {
  const [row] = await promotionsQuery(db).where(and(eq(channelPromotions.id, id), scope));
  return row && toRow(row);
}

/** Locks the promotion row for the rest of the transaction (payouts checked against the budget one at a time). */
export async function lockPromotion(tx: Db, id: string) {
  await tx.execute(sql`select id from channel_promotions where id = ${id} for update`);
}

export async function insertPromotion(db: Db, values: typeof channelPromotions.$inferInsert) {
  const [row] = await db.insert(channelPromotions).values(values).returning({ id: channelPromotions.id });
  return row!.id;
}

export async function namesOfCustomers(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: channelCustomers.id, name: channelCustomers.name })
    .from(channelCustomers)
    .where(inArray(channelCustomers.id, ids));
}

export async function namesOfProducts(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: products.id, name: products.name }).from(products).where(inArray(products.id, ids));
}

/** Channel customers of the given kinds among `ids` (or all of those kinds when ids is undefined) in a scope. */
export async function targetCustomers(db: Db, kinds: string[], ids: string[] | undefined, scope?: SQL) {
  if (kinds.length === 0 || (ids && ids.length === 0)) return [];
  return db
    .select({ id: channelCustomers.id, kind: channelCustomers.kind, name: channelCustomers.name })
    .from(channelCustomers)
    .where(
      and(
        inArray(channelCustomers.kind, kinds as 'distributor'[]),
        ids ? inArray(channelCustomers.id, ids) : undefined,
        scope,
      ),
    );
}

// ── Payouts 兑付 ───────────────────────────────────────────────────────────

const payoutApprover = alias(users, 'payout_approver');
const payoutColumns = {
  id: channelPromotionPayouts.id,
  promotionId: channelPromotionPayouts.promotionId,
  channelCustomerId: channelPromotionPayouts.channelCustomerId,
  channelCustomerName: channelCustomers.name,
  paidOn: channelPromotionPayouts.paidOn,
  amountFen: channelPromotionPayouts.amountFen,
  form: channelPromotionPayouts.form,
  note: channelPromotionPayouts.note,
  overBudgetApprovedBy: channelPromotionPayouts.overBudgetApprovedBy,
  overBudgetApprovedByName: payoutApprover.name,
  createdBy: channelPromotionPayouts.createdBy,
  createdByName: users.name,
  createdAt: channelPromotionPayouts.createdAt,
};
function payoutsQuery(db: Db) {
  return db
    .select(payoutColumns)
    .from(channelPromotionPayouts)
    .innerJoin(channelCustomers, eq(channelCustomers.id, channelPromotionPayouts.channelCustomerId))
    .innerJoin(users, eq(users.id, channelPromotionPayouts.createdBy))
    .leftJoin(payoutApprover, eq(payoutApprover.id, channelPromotionPayouts.overBudgetApprovedBy));
}
type PayoutRaw = Awaited<ReturnType<typeof payoutsQuery>>[number];
const toPayout = (r: PayoutRaw) => ({ ...r, createdAt: toIso(r.createdAt) });
export type PayoutRow = ReturnType<typeof toPayout>;

export async function findPayouts(db: Db, promotionId: string) {
  const rows = await payoutsQuery(db)
    .where(eq(channelPromotionPayouts.promotionId, promotionId))
    .orderBy(desc(channelPromotionPayouts.paidOn), channelPromotionPayouts.id);
  return rows.map(toPayout);
}

export async function getPayout(db: Db, id: string) {
  const [row] = await payoutsQuery(db).where(eq(channelPromotionPayouts.id, id));
  return row && toPayout(row);
}

export async function paidTotal(db: Db, promotionId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${channelPromotionPayouts.amountFen}), 0)` })
    .from(channelPromotionPayouts)
    .where(eq(channelPromotionPayouts.promotionId, promotionId));
  return Number(row?.total ?? 0);
}

export async function insertPayout(db: Db, values: typeof channelPromotionPayouts.$inferInsert) {
  const [row] = await db
    .insert(channelPromotionPayouts)
    .values(values)
    .returning({ id: channelPromotionPayouts.id });
  return row!.id;
}

/**
 * Units sold through (committed flow rows) of the products between two dates: for distributors the rows they
 * reported (channelCustomerId), for pharmacies and clinics the rows where they are the buyer.
 */
export async function sellThroughUnits(
  db: Db,
  f: { productIds: string[]; distributorIds: string[]; terminalIds: string[]; from: string; to: string },
): Promise<number> {
  if (f.productIds.length === 0 || f.distributorIds.length + f.terminalIds.length === 0) return 0;
  const [row] = await db
    .select({ units: sql<string>`coalesce(sum(${flowRows.quantity}), 0)` })
    .from(flowRows)
    .innerJoin(flowImports, eq(flowImports.id, flowRows.importId))
    .where(
      and(
        eq(flowImports.status, 'committed'),
        inArray(flowRows.productId, f.productIds),
        gte(flowRows.saleDate, f.from),
        lte(flowRows.saleDate, f.to),
        or(
          f.distributorIds.length ? inArray(flowRows.channelCustomerId, f.distributorIds) : undefined,
          f.terminalIds.length ? inArray(flowRows.buyerCustomerId, f.terminalIds) : undefined,
        ),
      ),
    );
  return Number(row?.units ?? 0);
}

export async function productsExist(db: Db, ids: string[]) {
  if (ids.length === 0) return true;
  const [row] = await db.select({ n: countAll }).from(products).where(inArray(products.id, ids));
  return (row?.n ?? 0) === new Set(ids).size;
}

export async function getUser(db: Db, id: string) {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      name: users.name,
      role: users.role,
      teamId: users.teamId,
    })
    .from(users)
    .where(eq(users.id, id));
  return row;
}

export { channelCustomers, channelPromotions, channelPromotionPayouts };
