/**
 * Quota and actual units per rep × product × month — the one query every dashboard's attainment uses.
 * Actuals come from committed flow 流向 rows attributed to the rep who covered the buyer (hospital or channel
 * customer) on the sale date; where no flow row counts for that rep × product × month, the manual entry.
 */
import { sql, type SQL } from 'drizzle-orm';
import { monthRange, ratioPct } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import { rowsForReps } from '../../db/prepared.ts';

export type SalesFigureRow = {
  repId: string;
  productId: string;
  /** YYYY-MM */
  month: string;
  quota: number;
  actual: number;
  /** flow: from 流向 data; manual: entered by hand; none: no actual yet */
  actualSource: 'flow' | 'manual' | 'none';
};

type SalesFilter = { repIds: string[]; months: string[]; productId?: string };

/** The figure rows as a subquery (repId, productId, month, quota, actual, actualSource), for the two readers below. */
function salesFigureRows(f: SalesFilter): SQL {
  const months = [...f.months].sort();
  const from = monthRange(months[0]!).from;
  const to = monthRange(months[months.length - 1]!).to;
  const repIds = sql`${sql.param(f.repIds)}::uuid[]`;
  const monthList = sql`${sql.param(months)}::text[]`;
  const product = (column: string) => (f.productId ? sql`and ${sql.raw(column)} = ${f.productId}` : sql``);

  return sql`(
    with covering as (
      -- the reps' assignments overlapping the months, with the products their territory carries; starting from
      -- them lets a team's figures read its own buyers' flow rows through the (buyer, sale date) indexes
      select ta.user_id as rep_id, ta.territory_id, ta.start_date, ta.end_date, tr.product_ids
      from territory_assignments ta
      join territories tr on tr.id = ta.territory_id
      where ta.user_id = any(${repIds})
        and ta.start_date <= ${to}::date and (ta.end_date is null or ta.end_date >= ${from}::date)
    ),
    sold as (
      -- committed flow rows of the months whose buyer (hospital or channel customer) lies in such a territory,
      -- sold while the rep covered it, of a product the territory carries
      select cv.rep_id, fr.id, fr.product_id, fr.sale_date, fr.quantity
      from covering cv
      join territory_hospitals th on th.territory_id = cv.territory_id
      join flow_rows fr on fr.hospital_id = th.hospital_id and fr.sale_date between ${from}::date and ${to}::date
      join flow_imports fi on fi.id = fr.import_id and fi.status = 'committed'
      where fr.product_id = any(cv.product_ids)
        and fr.sale_date >= cv.start_date and (cv.end_date is null or fr.sale_date <= cv.end_date)
        ${product('fr.product_id')}
      union all
      select cv.rep_id, fr.id, fr.product_id, fr.sale_date, fr.quantity
      from covering cv
      join territory_channel_customers tc on tc.territory_id = cv.territory_id
      join flow_rows fr on fr.buyer_customer_id = tc.channel_customer_id
        and fr.sale_date between ${from}::date and ${to}::date
      join flow_imports fi on fi.id = fr.import_id and fi.status = 'committed'
      where fr.product_id = any(cv.product_ids)
        and fr.sale_date >= cv.start_date and (cv.end_date is null or fr.sale_date <= cv.end_date)
        ${product('fr.product_id')}
    ),
    hits as (
      -- once per rep and row, even when two of the rep's territories hold the buyer
      select distinct rep_id, id, product_id, sale_date, quantity from sold
    ),
    flow as (
      select rep_id, product_id, to_char(sale_date, 'YYYY-MM') as month, sum(quantity)::bigint as units
      from hits
      where to_char(sale_date, 'YYYY-MM') = any(${monthList})
      group by rep_id, product_id, to_char(sale_date, 'YYYY-MM')
    ),
    quota as (
      select q.rep_id, q.product_id, q.month, q.quantity from rep_quotas q
      where q.rep_id = any(${repIds}) and q.month = any(${monthList}) ${product('q.product_id')}
    ),
    manual as (
      select m.rep_id, m.product_id, m.month, m.quantity from manual_sales m
      where m.rep_id = any(${repIds}) and m.month = any(${monthList}) ${product('m.product_id')}
    ),
    keys as (
      select rep_id, product_id, month from quota
      union select rep_id, product_id, month from flow
      union select rep_id, product_id, month from manual
    )
    select k.rep_id as "repId", k.product_id as "productId", k.month,
      coalesce(q.quantity, 0)::int as quota,
      coalesce(fl.units, m.quantity, 0)::int as actual,
      case when fl.units is not null then 'flow' when m.quantity is not null then 'manual' else 'none' end as "actualSource"
    from keys k
    left join quota q on q.rep_id = k.rep_id and q.product_id = k.product_id and q.month = k.month
    left join flow fl on fl.rep_id = k.rep_id and fl.product_id = k.product_id and fl.month = k.month
    left join manual m on m.rep_id = k.rep_id and m.product_id = k.product_id and m.month = k.month
  )`;
}

/**
 * One row per rep × product × month that has a quota, a flow actual or a manual actual (a combination with none
 * of them is absent: quota 0, actual 0).
 *
 * A flow row counts for a rep when its buyer hospital (`flow_rows.hospital_id`) or buyer channel customer
 * (`buyer_customer_id`) lies in a territory the rep covered on the sale date (assignment start..end inclusive, end
 * null = still covering) and the territory carries the product. A row counts once per rep even when two of the
 * rep's territories hold the buyer; a buyer shared by two reps' territories (with the product in both) counts for
 * both — each is responsible for it. Only committed imports count (previews and cancelled imports never do).
 */
export async function findSalesFigures(db: Db, f: SalesFilter): Promise<SalesFigureRow[]> {
  if (f.repIds.length === 0 || f.months.length === 0) return [];
  const rows = await rowsForReps<SalesFigureRow>(
    db,
    sql`select * from ${salesFigureRows(f)} r order by r.month, r."repId", r."productId"`,
    f.repIds,
    'sales',
  );
  return rows.map((r) => ({ ...r, quota: Number(r.quota), actual: Number(r.actual) }));
}

/**
 * Quota and actual units per rep, summed over the months and products in SQL: a national roll-up needs 4,500
 * sums, not the 400,000 rep × product × month rows behind them.
 */
export async function findRepSalesTotals(
  db: Db,
  f: SalesFilter,
): Promise<{ repId: string; quota: number; actual: number }[]> {
  if (f.repIds.length === 0 || f.months.length === 0) return [];
  const rows = await rowsForReps<{ repId: string; quota: string | number; actual: string | number }>(
    db,
    sql`select r."repId", sum(r.quota)::bigint as quota, sum(r.actual)::bigint as actual
      from ${salesFigureRows(f)} r group by r."repId"`,
    f.repIds,
    'sales',
  );
  return rows.map((r) => ({ repId: r.repId, quota: Number(r.quota), actual: Number(r.actual) }));
}

/** Figure rows (months, reps, products) summed: units, attainment, and where the actuals came from. */
export function sumSalesFigures(rows: SalesFigureRow[]) {
  const quota = rows.reduce((n, r) => n + r.quota, 0);
  const actual = rows.reduce((n, r) => n + r.actual, 0);
  const sources = new Set(rows.map((r) => r.actualSource).filter((s) => s !== 'none'));
  const source: 'flow' | 'manual' | 'mixed' | 'none' =
    sources.size === 0 ? 'none' : sources.size > 1 ? 'mixed' : [...sources][0]!;
  return { quota, actual, attainmentPct: ratioPct(actual, quota), source };
}

/** The rows of each product, summed (sumSalesFigures). */
export function salesByProduct(rows: SalesFigureRow[]): Map<string, ReturnType<typeof sumSalesFigures>> {
  const groups = new Map<string, SalesFigureRow[]>();
  for (const r of rows) groups.set(r.productId, [...(groups.get(r.productId) ?? []), r]);
  return new Map([...groups].map(([productId, rs]) => [productId, sumSalesFigures(rs)]));
}
