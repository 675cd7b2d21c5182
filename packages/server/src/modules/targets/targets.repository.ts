/** Queries of targets 指标: team and rep quotas, forecasts, manual sales, the grid's factors. */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  manualSales,
  products,
  repQuotas,
  salesForecasts,
  teamQuotas,
  teams,
  users,
} from '../../db/schema.ts';
import { countAll, offsetOf, toIso } from '../../db/list.ts';

export { manualSales, repQuotas, salesForecasts, teamQuotas, teams, users };

const page = (p: { page: number; pageSize: number }) => ({
  limit: p.pageSize,
  offset: offsetOf(p.page, p.pageSize),
});
type Row = Record<string, unknown>;
async function rowsOf<T extends Row>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

// ── organisation ──────────────────────────────────────────────────────────────

export async function getTeam(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({ id: teams.id, name: teams.name, managerId: teams.managerId })
    .from(teams)
    .where(and(eq(teams.id, id), scope));
  return row;
}

export async function getUser(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({ id: users.id, name: users.name, role: users.role, teamId: users.teamId, active: users.active })
    .from(users)
    .where(and(eq(users.id, id), scope));
  return row;
}

/** The team's active reps, by name. */
export async function teamReps(db: Db, teamId: string) {
  return db
    .select({ id: users.id, username: users.username, name: users.name })
    .from(users)
    .where(and(eq(users.teamId, teamId), eq(users.role, 'rep'), eq(users.active, true)))
    .orderBy(asc(users.username));
}

/** Products carried in the team's active territories. */
export async function teamProducts(db: Db, teamId: string) {
  return db
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(
      sql`${products.id} in (select unnest(tr.product_ids) from territories tr where tr.team_id = ${teamId} and tr.active)`,
    )
    .orderBy(asc(products.name));
}

/** Products a rep carries in the territories assigned to them today. */
export async function repProducts(db: Db, repId: string) {
  return db
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(
      sql`${products.id} in (select unnest(tr.product_ids) from territories tr join territory_assignments ta on ta.territory_id = tr.id
        where ta.user_id = ${repId} and ta.start_date <= (now() at time zone 'Asia/Shanghai')::date
          and (ta.end_date is null or ta.end_date >= (now() at time zone 'Asia/Shanghai')::date))`,
    )
    .orderBy(asc(products.name));
}

export async function productNames(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(inArray(products.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

const repTerritoriesToday = (repId: string) =>
  sql`(select ta.territory_id from territory_assignments ta where ta.user_id = ${repId}
    and ta.start_date <= (now() at time zone 'Asia/Shanghai')::date
    and (ta.end_date is null or ta.end_date >= (now() at time zone 'Asia/Shanghai')::date))`;

/** Of the given ids, those NOT in the rep's territories today (hospitals, channel customers, doctors). */
export async function outsideRepTerritories(
  db: Db,
  repId: string,
  ids: { hospitalIds: string[]; channelCustomerIds: string[]; doctorIds: string[] },
): Promise<string[]> {
  const t = repTerritoriesToday(repId);
  const outside: string[] = [];
  if (ids.hospitalIds.length) {
    const rows = await rowsOf<{ id: string }>(
      db,
      sql`select h.id from unnest(${sql.param(ids.hospitalIds)}::uuid[]) as h(id)
        where h.id not in (select th.hospital_id from territory_hospitals th where th.territory_id in ${t})`,
    );
    outside.push(...rows.map((r) => r.id));
  }
  if (ids.channelCustomerIds.length) {
    const rows = await rowsOf<{ id: string }>(
      db,
      sql`select c.id from unnest(${sql.param(ids.channelCustomerIds)}::uuid[]) as c(id)
        where c.id not in (select tc.channel_customer_id from territory_channel_customers tc where tc.territory_id in ${t})`,
    );
    outside.push(...rows.map((r) => r.id));
  }
  if (ids.doctorIds.length) {
    const rows = await rowsOf<{ id: string }>(
      db,
      sql`select x.id from unnest(${sql.param(ids.doctorIds)}::uuid[]) as x(id)
        where x.id not in (select d.id from doctors d join territory_hospitals th on th.hospital_id = d.hospital_id
          where th.territory_id in ${t})`,
    );
    outside.push(...rows.map((r) => r.id));
  }
  return outside;
}

// ── team quotas ───────────────────────────────────────────────────────────────

const teamQuotaColumns = {
  id: teamQuotas.id,
  teamId: teamQuotas.teamId,
  teamName: teams.name,
  month: teamQuotas.month,
  productId: teamQuotas.productId,
  productName: products.name,
  quantity: teamQuotas.quantity,
  version: teamQuotas.version,
  updatedAt: teamQuotas.updatedAt,
};
const withIso = <T extends { updatedAt: string | Date }>(r: T) => ({ ...r, updatedAt: toIso(r.updatedAt) });

export async function findTeamQuotas(
  db: Db,
  f: { teamId?: string; month?: string; scope?: SQL; page: number; pageSize: number },
) {
  const where = and(
    f.teamId ? eq(teamQuotas.teamId, f.teamId) : undefined,
    f.month ? eq(teamQuotas.month, f.month) : undefined,
    f.scope,
  );
  const { limit, offset } = page(f);
  const [rows, [c]] = await Promise.all([
    db
      .select(teamQuotaColumns)
      .from(teamQuotas)
      .innerJoin(teams, eq(teams.id, teamQuotas.teamId))
      .innerJoin(products, eq(products.id, teamQuotas.productId))
      .where(where)
      .orderBy(asc(teamQuotas.month), asc(teams.name), asc(products.name), asc(teamQuotas.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: countAll }).from(teamQuotas).where(where),
  ]);
  return { items: rows.map(withIso), total: c?.n ?? 0 };
}

export async function getTeamQuota(db: Db, id: string) {
  const [row] = await db
    .select(teamQuotaColumns)
    .from(teamQuotas)
    .innerJoin(teams, eq(teams.id, teamQuotas.teamId))
    .innerJoin(products, eq(products.id, teamQuotas.productId))
    .where(eq(teamQuotas.id, id));
  return row && withIso(row);
}

export async function teamQuotaByKey(db: Db, k: { teamId: string; month: string; productId: string }) {
  const [row] = await db
    .select({ id: teamQuotas.id, quantity: teamQuotas.quantity, version: teamQuotas.version })
    .from(teamQuotas)
    .where(
      and(
        eq(teamQuotas.teamId, k.teamId),
        eq(teamQuotas.month, k.month),
        eq(teamQuotas.productId, k.productId),
      ),
    );
  return row;
}

export async function teamQuotasOf(db: Db, teamId: string, month: string) {
  return db
    .select({
      id: teamQuotas.id,
      productId: teamQuotas.productId,
      quantity: teamQuotas.quantity,
      version: teamQuotas.version,
    })
    .from(teamQuotas)
    .where(and(eq(teamQuotas.teamId, teamId), eq(teamQuotas.month, month)));
}

export async function insertTeamQuota(
  db: Db,
  v: { teamId: string; month: string; productId: string; quantity: number; updatedBy: string },
) {
  const [row] = await db.insert(teamQuotas).values(v).returning({ id: teamQuotas.id });
  return row!.id;
}

// ── rep quotas ────────────────────────────────────────────────────────────────

export type RepQuotaRow = {
  id: string;
  repId: string;
  teamId: string;
  productId: string;
  month: string;
  quantity: number;
  customers: unknown;
  version: number;
};

const repQuotaColumns = {
  id: repQuotas.id,
  repId: repQuotas.repId,
  teamId: repQuotas.teamId,
  productId: repQuotas.productId,
  month: repQuotas.month,
  quantity: repQuotas.quantity,
  customers: repQuotas.customers,
  version: repQuotas.version,
};

/** Quotas of the given reps in a month. */
export async function repQuotasOf(db: Db, repIds: string[], month: string): Promise<RepQuotaRow[]> {
  if (repIds.length === 0) return [];
  return db
    .select(repQuotaColumns)
    .from(repQuotas)
    .where(and(inArray(repQuotas.repId, repIds), eq(repQuotas.month, month)));
}

export async function getRepQuota(db: Db, id: string): Promise<RepQuotaRow | undefined> {
  const [row] = await db.select(repQuotaColumns).from(repQuotas).where(eq(repQuotas.id, id));
  return row;
}

export async function repQuotaByKey(db: Db, k: { repId: string; month: string; productId: string }) {
  const [row] = await db
    .select(repQuotaColumns)
    .from(repQuotas)
    .where(
      and(eq(repQuotas.repId, k.repId), eq(repQuotas.month, k.month), eq(repQuotas.productId, k.productId)),
    );
  return row;
}

export async function insertRepQuota(
  db: Db,
  v: {
    repId: string;
    teamId: string;
    month: string;
    productId: string;
    quantity: number;
    customers: unknown[];
    updatedBy: string;
  },
) {
  const [row] = await db.insert(repQuotas).values(v).returning({ id: repQuotas.id });
  return row!.id;
}

/**
 * The allocation factors per rep × product from the reps' doctors today (doctor_product_status: the rep's
 * judgement of 处方潜力 and 处方现状). Competitor activity (竞争对手投入及表现) is the count of doctors with a
 * negative prescription status, or whom competitor intelligence judged a regular user (≥ 3 of 5, in the last
 * 180 days) of a competitor product that competes with this product.
 */
/** A usage judgement from 3 (经常) up counts a doctor as won by the competitor; older than the window it is stale. */
const regularCompetitorUse = 3;
const competitorUsageWindowDays = 180;

export async function doctorFactors(db: Db, repIds: string[], productIds: string[], minPotential: number) {
  if (repIds.length === 0 || productIds.length === 0) return [];
  const rows = await rowsOf<{
    repId: string;
    productId: string;
    highPotentialDoctors: number;
    potentialSum: number;
    competitorDoctors: number;
  }>(
    db,
    sql`select r.rep_id as "repId", s.product_id as "productId",
        count(distinct s.doctor_id) filter (where s.prescription_potential >= ${minPotential})::int as "highPotentialDoctors",
        coalesce(sum(s.prescription_potential) filter (where s.prescription_potential >= ${minPotential}), 0)::int as "potentialSum",
        count(distinct s.doctor_id) filter (where s.prescription_status < 0 or exists (
          select 1 from competitor_usages cu join competitor_products cp on cp.id = cu.competitor_product_id
          where cu.doctor_id = s.doctor_id and cp.product_id = s.product_id and cu.judgement >= ${regularCompetitorUse}
            and cu.observed_on >= (now() at time zone 'Asia/Shanghai')::date - ${competitorUsageWindowDays}::int))::int as "competitorDoctors"
      from unnest(${sql.param(repIds)}::uuid[]) as r(rep_id)
      join doctor_product_status s on s.product_id = any(${sql.param(productIds)}::uuid[])
        and s.doctor_id in (
          select d.id from doctors d join territory_hospitals th on th.hospital_id = d.hospital_id
          join territory_assignments ta on ta.territory_id = th.territory_id
          where ta.user_id = r.rep_id and ta.start_date <= (now() at time zone 'Asia/Shanghai')::date
            and (ta.end_date is null or ta.end_date >= (now() at time zone 'Asia/Shanghai')::date))
      group by r.rep_id, s.product_id`,
  );
  return rows.map((r) => ({
    ...r,
    highPotentialDoctors: Number(r.highPotentialDoctors),
    potentialSum: Number(r.potentialSum),
    competitorDoctors: Number(r.competitorDoctors),
  }));
}

// ── forecasts ─────────────────────────────────────────────────────────────────

const forecastColumns = {
  id: salesForecasts.id,
  repId: salesForecasts.repId,
  repName: users.name,
  month: salesForecasts.month,
  productId: salesForecasts.productId,
  productName: products.name,
  forecastQuantity: salesForecasts.forecastQuantity,
  goalQuantity: salesForecasts.goalQuantity,
  additions: salesForecasts.additions,
  promotionPlan: salesForecasts.promotionPlan,
  version: salesForecasts.version,
  updatedAt: salesForecasts.updatedAt,
};

export async function findForecasts(
  db: Db,
  f: { repId?: string; month?: string; scope?: SQL; page: number; pageSize: number },
) {
  const where = and(
    f.repId ? eq(salesForecasts.repId, f.repId) : undefined,
    f.month ? eq(salesForecasts.month, f.month) : undefined,
    f.scope,
  );
  const { limit, offset } = page(f);
  const [rows, [c]] = await Promise.all([
    db
      .select(forecastColumns)
      .from(salesForecasts)
      .innerJoin(users, eq(users.id, salesForecasts.repId))
      .innerJoin(products, eq(products.id, salesForecasts.productId))
      .where(where)
      .orderBy(asc(salesForecasts.month), asc(users.name), asc(products.name), asc(salesForecasts.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: countAll }).from(salesForecasts).where(where),
  ]);
  return { items: rows.map(withIso), total: c?.n ?? 0 };
}

export async function forecastsOf(db: Db, repIds: string[], month: string) {
  if (repIds.length === 0) return [];
  const rows = await db
    .select(forecastColumns)
    .from(salesForecasts)
    .innerJoin(users, eq(users.id, salesForecasts.repId))
    .innerJoin(products, eq(products.id, salesForecasts.productId))
    .where(and(inArray(salesForecasts.repId, repIds), eq(salesForecasts.month, month)));
  return rows.map(withIso);
}

export async function insertForecast(
  db: Db,
  v: {
    repId: string;
    month: string;
    productId: string;
    forecastQuantity: number;
    goalQuantity: number | null;
    additions: unknown[];
    promotionPlan: string | null;
  },
) {
  const [row] = await db.insert(salesForecasts).values(v).returning({ id: salesForecasts.id });
  return row!.id;
}

// ── manual sales ──────────────────────────────────────────────────────────────

const manualColumns = {
  id: manualSales.id,
  repId: manualSales.repId,
  repName: users.name,
  month: manualSales.month,
  productId: manualSales.productId,
  productName: products.name,
  quantity: manualSales.quantity,
  note: manualSales.note,
  enteredBy: manualSales.enteredBy,
  version: manualSales.version,
  updatedAt: manualSales.updatedAt,
};

export async function findManualSales(
  db: Db,
  f: { repId?: string; month?: string; productId?: string; scope?: SQL; page: number; pageSize: number },
) {
  const where = and(
    f.repId ? eq(manualSales.repId, f.repId) : undefined,
    f.month ? eq(manualSales.month, f.month) : undefined,
    f.productId ? eq(manualSales.productId, f.productId) : undefined,
    f.scope,
  );
  const { limit, offset } = page(f);
  const [rows, [c]] = await Promise.all([
    db
      .select(manualColumns)
      .from(manualSales)
      .innerJoin(users, eq(users.id, manualSales.repId))
      .innerJoin(products, eq(products.id, manualSales.productId))
      .where(where)
      .orderBy(asc(manualSales.month), asc(users.name), asc(products.name), asc(manualSales.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: countAll }).from(manualSales).where(where),
  ]);
  return { items: rows.map(withIso), total: c?.n ?? 0 };
}

export async function getManualSale(db: Db, id: string) {
  const [row] = await db
    .select(manualColumns)
    .from(manualSales)
    .innerJoin(users, eq(users.id, manualSales.repId))
    .innerJoin(products, eq(products.id, manualSales.productId))
    .where(eq(manualSales.id, id));
  return row && withIso(row);
}

export async function manualSaleByKey(db: Db, k: { repId: string; month: string; productId: string }) {
  const [row] = await db
    .select({
      id: manualSales.id,
      quantity: manualSales.quantity,
      note: manualSales.note,
      version: manualSales.version,
    })
    .from(manualSales)
    .where(
      and(
        eq(manualSales.repId, k.repId),
        eq(manualSales.month, k.month),
        eq(manualSales.productId, k.productId),
      ),
    );
  return row;
}

export async function insertManualSale(
  db: Db,
  v: {
    repId: string;
    month: string;
    productId: string;
    quantity: number;
    note: string | null;
    enteredBy: string;
  },
) {
  const [row] = await db.insert(manualSales).values(v).returning({ id: manualSales.id });
  return row!.id;
}

// ── attainment ────────────────────────────────────────────────────────────────

/** Reps whose figures an attainment query covers: one rep, a team's reps, or every rep the scope shows. */
export async function repsFor(db: Db, f: { repId?: string; teamId?: string; scope?: SQL }) {
  return db
    .select({ id: users.id, name: users.name, teamId: users.teamId })
    .from(users)
    .where(
      and(
        eq(users.role, 'rep'),
        f.repId ? eq(users.id, f.repId) : undefined,
        f.teamId ? eq(users.teamId, f.teamId) : undefined,
        f.scope,
      ),
    )
    .orderBy(asc(users.name));
}
