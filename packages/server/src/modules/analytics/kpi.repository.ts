/**
 * Each rep's KPI counts in a period, computed in SQL over the rep's own scope (their territories' doctors, their
 * calls): the one source of every dashboard figure — the team dashboard lists them, the region view sums them
 * (`sumKpiCounts` in @keqing/domain), the rep home shows one.
 *
 * The same subqueries (`repDoctorTargets`, `repCountedCalls`) feed the drill-down lists, so a list's total is
 * the figure it was opened from.
 */
import { sql, type SQL } from 'drizzle-orm';
import pLimit from 'p-limit';
import {
  sumKpiCounts,
  burstGapMinutes,
  burstMinCalls,
  monthsOf,
  shortCallSeconds,
  type GradeCounts,
  type KpiCounts,
} from '@keqing/domain';
import type { CallType } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { rowsForReps } from '../../db/prepared.ts';
import { findRepSalesTotals, type SalesFigureRow } from '../targets/sales-figures.repository.ts';
import { findSummaryRules, summariesMatch, summaryRulesOf } from './summaries.ts';

export type RepKpiArgs = {
  repIds: string[];
  /** Inclusive days */
  from: string;
  to: string;
  /** Working days of the period up to today (the same for every rep) */
  workingDays: number;
  /** Today (overdue follow-ups, open warnings are as of today) */
  today: string;
  productId?: string;
  /** planning settings */
  countedTypes: CallType[];
  minObjectives: number;
  cycleWeeks: number;
  /** Grade order, best first (segmentation config) */
  gradeOrder: string[];
  /** Quota months (default: the months the period touches) */
  months?: string[];
};

const uuidArray = (ids: string[]) => sql`${sql.param(ids)}::uuid[]`;
const textArray = (values: string[]) => sql`${sql.param(values)}::text[]`;

/** The day the rep's territories are read on: the period's last day, or today while the period runs. */
const asOfOf = (a: Pick<RepKpiArgs, 'to' | 'today'>) => (a.today < a.to ? a.today : a.to);

/**
 * The (rep, doctor) pairs of the reps' territories on the as-of day: live doctors of live hospitals. A doctor the
 * rep holds through two territories comes twice unless `distinct`.
 */
function repDoctorPairs(repIds: string[], asOf: string, options: { distinct?: boolean } = {}): SQL {
  return sql`select ${options.distinct ? sql`distinct` : sql``} ta.user_id as rep_id, d.id as doctor_id
      from territory_assignments ta
      join territory_hospitals th on th.territory_id = ta.territory_id
      join doctors d on d.hospital_id = th.hospital_id and d.merged_into is null
      join hospitals h on h.id = d.hospital_id and h.merged_into is null
      where ta.user_id = any(${uuidArray(repIds)})
        and ta.start_date <= ${asOf}::date and (ta.end_date is null or ta.end_date >= ${asOf}::date)`;
}

/**
 * One row per (rep, doctor) in the rep's territories on the as-of day: rep_id, doctor_id, grade (best over the
 * doctor's products, or the product's), required (calls the frequency rule asks for in the period) and done
 * (the rep's counted calls on the doctor in the period; a doctor seen twice on one day has done 2, covered once).
 *
 * required = visits per 4 weeks × days / 28, rounded, at least 1 when the doctor has any visits — the SQL form
 * of `requiredCallsInPeriod` in @keqing/domain (for a cycle: requiredCallsInCycle).
 */
export function repDoctorTargets(a: Omit<RepKpiArgs, 'workingDays'>): SQL {
  const asOf = asOfOf(a);
  const days = sql`(${a.to}::date - ${a.from}::date + 1)`;
  const product = a.productId ? sql`and dps.product_id = ${a.productId}::uuid` : sql``;
  const callProduct = a.productId ? sql`and ${a.productId}::uuid = any(c.product_ids)` : sql``;
  return sql`(
    -- no distinct: a doctor the rep holds through two territories appears twice here, and statuses' group by
    -- makes it one row (max and min do not change with a repeat); saves a pass over 800k pairs at national scale
    with rep_doctors as (${repDoctorPairs(a.repIds, asOf)}),
    statuses as (
      select rd.rep_id, rd.doctor_id, max(dps.visits_per_cycle) as visits,
        -- the best grade: lowest rank in the grade order, then by name; min() over "rank+grade" strings needs no
        -- per-group sort as array_agg(… order by …) would (800k groups at national scale)
        substr(min(lpad(coalesce(array_position(${textArray(a.gradeOrder)}, dps.grade), 999999)::text, 6, '0') || dps.grade), 7) as grade
      from rep_doctors rd
      join doctor_product_status dps on dps.doctor_id = rd.doctor_id ${product}
      group by rd.rep_id, rd.doctor_id
    ),
    done as (
      select c.owner_id as rep_id, c.doctor_id, count(*)::int as done
      from calls c
      where c.owner_id = any(${uuidArray(a.repIds)}) and c.status = 'submitted'
        and c.type = any(${textArray(a.countedTypes)})
        and c.call_date between ${a.from}::date and ${a.to}::date ${callProduct}
      group by c.owner_id, c.doctor_id
    )
    select s.rep_id, s.doctor_id, s.grade,
      (case when s.visits > 0 then greatest(1, round(s.visits * ${days} / 28.0)) else 0 end)::int as required,
      coalesce(dn.done, 0)::int as done
    from statuses s
    left join done dn on dn.rep_id = s.rep_id and dn.doctor_id = s.doctor_id
  )`;
}

/**
 * The reps' submitted calls of the counted types in the period (with the product when filtered), one row each:
 * id, owner_id, short (≤ 60 s), min_objectives (≥ the minimum) and burst — in a chain of ≥ 3 calls each
 * starting within 5 minutes of the one before (ordered by start time within the rep's China day, so a chain never
 * depends on where the period starts and the day summaries count the same), which nobody visits face to face.
 */
export function repCountedCalls(
  a: Pick<RepKpiArgs, 'repIds' | 'from' | 'to' | 'productId' | 'countedTypes' | 'minObjectives'>,
): SQL {
  const callProduct = a.productId ? sql`and ${a.productId}::uuid = any(c.product_ids)` : sql``;
  return sql`(
    with counted as (
      select c.id, c.owner_id, c.call_date, c.start_at, c.end_at, c.objective_count,
        case when lag(c.start_at) over w is null
          or c.start_at - lag(c.start_at) over w > make_interval(mins => ${burstGapMinutes}) then 1 else 0 end as new_chain
      from calls c
      where c.owner_id = any(${uuidArray(a.repIds)}) and c.status = 'submitted'
        and c.type = any(${textArray(a.countedTypes)})
        and c.call_date between ${a.from}::date and ${a.to}::date ${callProduct}
      window w as (partition by c.owner_id, c.call_date order by c.start_at, c.id)
    ),
    chained as (
      select *, sum(new_chain) over (partition by owner_id, call_date order by start_at, id rows unbounded preceding) as chain
      from counted
    ),
    sized as (
      select *, count(*) over (partition by owner_id, call_date, chain) as chain_size from chained
    )
    select id, owner_id,
      (end_at - start_at <= make_interval(secs => ${shortCallSeconds})) as short,
      (objective_count >= ${a.minObjectives}) as min_objectives,
      (chain_size >= ${burstMinCalls}) as burst
    from sized
  )`;
}

/** Open follow-ups past their due date (as of today) of the reps. */
export function overdueFollowUpsWhere(a: Pick<RepKpiArgs, 'repIds' | 'today'>, alias = 'f'): SQL {
  const f = sql.raw(alias);
  return sql`${f}.owner_id = any(${uuidArray(a.repIds)}) and ${f}.status = 'open' and ${f}.due_date < ${a.today}::date`;
}

/**
 * At most four KPI statements run at once in this process. A national roll-up is four statements of seconds each;
 * three admins opening it together would otherwise hold 12 connections of a pool of 10, and every other request
 * would wait past the pool's limit (a 503). Beyond four they queue here, and the pool keeps room for the reps.
 */
const kpiLane = pLimit(4);

/** A rep with nothing in the period. */
const emptyCounts = (workingDays: number): KpiCounts => ({ ...sumKpiCounts([], workingDays), reps: 1 });

/**
 * Where the call figures come from: `auto` reads the day summaries when they were counted with the rules of these
 * arguments and no product is asked (else calls); `calls` always reads calls (the equivalence test compares both).
 */
export type CallFigureSource = 'auto' | 'calls';

type RepCallFigures = { rep_id: string; calls: number; min_objectives: number; short: number; burst: number };

/** Counted calls, ≥ minimum objectives, short and burst calls per rep with any call in the period. */
export async function findRepCallFigures(
  db: Db,
  args: RepKpiArgs,
  source: CallFigureSource = 'auto',
): Promise<RepCallFigures[]> {
  const wanted = summaryRulesOf({ countedCallTypes: args.countedTypes, minObjectives: args.minObjectives });
  if (source === 'auto' && !args.productId && summariesMatch(await findSummaryRules(db), wanted))
    return rowsForReps<RepCallFigures>(
      db,
      sql`select s.owner_id as rep_id, sum(s.calls)::int as calls,
        sum(s.min_objective_calls)::int as min_objectives,
        sum(s.short_calls)::int as short, sum(s.burst_calls)::int as burst
      from call_day_summaries s
      where s.owner_id = any(${uuidArray(args.repIds)})
        and s.call_date between ${args.from}::date and ${args.to}::date
      group by s.owner_id`,
      args.repIds,
      'kpi',
    );
  return rowsForReps<RepCallFigures>(
    db,
    sql`select k.owner_id as rep_id, count(*)::int as calls,
      (count(*) filter (where k.min_objectives))::int as min_objectives,
      (count(*) filter (where k.short))::int as short,
      (count(*) filter (where k.burst))::int as burst
    from ${repCountedCalls(args)} k
    group by k.owner_id`,
    args.repIds,
    'kpi',
  );
}

/** KPI counts per rep id (every asked rep is present, with zeros when they did nothing). */
export async function findRepKpiCounts(
  db: Db,
  args: RepKpiArgs,
  options: {
    source?: CallFigureSource;
    /** The reps' sales figures of `args.months` when the caller already read them (findSalesFigures) */
    sales?: SalesFigureRow[];
    /**
     * false: leave out the movements, co-visits, follow-ups and warnings (zeros), for a trend that shows only
     * calls, coverage, frequency and attainment
     */
    activity?: boolean;
  } = {},
): Promise<Map<string, KpiCounts>> {
  const out = new Map<string, KpiCounts>(args.repIds.map((id) => [id, emptyCounts(args.workingDays)]));
  if (!args.repIds.length) return out;
  const asOf = asOfOf(args);

  // The four statements read different tables and none needs another's answer: on PostgreSQL they run at once
  // on separate pooled connections, so a national roll-up takes as long as the slowest, not the sum.
  // 1. coverage and frequency by rep × grade, over target doctors (required > 0)
  const gradesQuery = kpiLane(() =>
    rowsForReps<GradeCounts & { rep_id: string }>(
      db,
      sql`select t.rep_id, t.grade,
      count(*)::int as "targetDoctors",
      (count(*) filter (where t.done > 0))::int as "coveredDoctors",
      sum(t.required)::int as "requiredCalls",
      sum(least(t.done, t.required))::int as "doneCalls",
      (count(*) filter (where t.done < t.required))::int as "belowFrequencyDoctors"
    from ${repDoctorTargets(args)} t
    where t.required > 0
    group by t.rep_id, t.grade`,
      args.repIds,
      'kpi',
    ),
  );
  // 2. call figures per rep
  const callsQuery = kpiLane(() => findRepCallFigures(db, args, options.source));

  // 3. movements, co-visits, follow-ups and warnings: one row per rep
  const ladderProduct = args.productId ? sql`and lh.product_id = ${args.productId}::uuid` : sql``;
  const warningProduct = args.productId ? sql`and w.product_id = ${args.productId}::uuid` : sql``;
  const coVisitProduct = args.productId ? sql`and ${args.productId}::uuid = any(c.product_ids)` : sql``;
  type ActivityRow = {
    rep_id: string;
    ladder_up: number;
    ladder_down: number;
    stage_up: number;
    stage_down: number;
    co_visits: number;
    overdue: number;
    warnings: number;
  };
  const restQuery: Promise<ActivityRow[]> =
    options.activity === false
      ? Promise.resolve([])
      : kpiLane(() =>
          rowsForReps<ActivityRow>(
            db,
            sql`with reps as (select unnest(${uuidArray(args.repIds)}) as rep_id),
    rep_doctors as (${repDoctorPairs(args.repIds, asOf, { distinct: true })}),
    ladder as (
      select rd.rep_id,
        (count(*) filter (where lh.to_step > lh.from_step))::int as up,
        (count(*) filter (where lh.to_step < lh.from_step))::int as down
      from rep_doctors rd
      join doctor_ladder_history lh on lh.doctor_id = rd.doctor_id ${ladderProduct}
      where lh.changed_on between ${args.from}::date and ${args.to}::date
      group by rd.rep_id
    ),
    stage as (
      select rd.rep_id,
        (count(*) filter (where sh.to_stage > sh.from_stage))::int as up,
        (count(*) filter (where sh.to_stage < sh.from_stage))::int as down
      from rep_doctors rd
      join doctor_stage_history sh on sh.doctor_id = rd.doctor_id
      where sh.changed_on between ${args.from}::date and ${args.to}::date
      group by rd.rep_id
    ),
    co as (
      select cv.rep_id, count(*)::int as n
      from co_visits cv
      join calls c on c.id = cv.call_id
      where cv.rep_id = any(${uuidArray(args.repIds)}) and c.owner_id = cv.rep_id
        and c.call_date between ${args.from}::date and ${args.to}::date ${coVisitProduct}
      group by cv.rep_id
    ),
    overdue as (
      select f.owner_id as rep_id, count(*)::int as n
      from follow_ups f
      where ${overdueFollowUpsWhere(args)}
      group by f.owner_id
    ),
    warnings as (
      select w.assignee_id as rep_id, count(*)::int as n
      from channel_warnings w
      where w.assignee_id = any(${uuidArray(args.repIds)}) and w.status = 'open' ${warningProduct}
      group by w.assignee_id
    )
    select r.rep_id,
      coalesce(l.up, 0)::int as ladder_up, coalesce(l.down, 0)::int as ladder_down,
      coalesce(s.up, 0)::int as stage_up, coalesce(s.down, 0)::int as stage_down,
      coalesce(co.n, 0)::int as co_visits, coalesce(o.n, 0)::int as overdue, coalesce(w.n, 0)::int as warnings
    from reps r
    left join ladder l on l.rep_id = r.rep_id
    left join stage s on s.rep_id = r.rep_id
    left join co on co.rep_id = r.rep_id
    left join overdue o on o.rep_id = r.rep_id
    left join warnings w on w.rep_id = r.rep_id`,
            args.repIds,
            'kpi',
          ),
        );
  // 4. quota and actual units in the months of the period (the targets module's figures)
  const salesQuery = options.sales
    ? Promise.resolve(options.sales)
    : kpiLane(() =>
        findRepSalesTotals(db, {
          repIds: args.repIds,
          months: args.months ?? monthsOf(args),
          productId: args.productId,
        }),
      );
  const [grades, callRows, rest, sales] = await Promise.all([gradesQuery, callsQuery, restQuery, salesQuery]);

  const rank = (g: string) => {
    const r = args.gradeOrder.indexOf(g);
    return r < 0 ? args.gradeOrder.length : r;
  };
  for (const { rep_id, ...g } of grades) out.get(rep_id)?.byGrade.push(g);
  for (const c of out.values())
    c.byGrade.sort((x, y) => rank(x.grade) - rank(y.grade) || (x.grade < y.grade ? -1 : 1));

  for (const r of callRows) {
    const c = out.get(r.rep_id);
    if (!c) continue;
    c.calls = r.calls;
    c.callsWithMinObjectives = r.min_objectives;
    c.shortCalls = r.short;
    c.burstCalls = r.burst;
  }

  for (const r of rest) {
    const c = out.get(r.rep_id);
    if (!c) continue;
    c.ladderUp = r.ladder_up;
    c.ladderDown = r.ladder_down;
    c.stageUp = r.stage_up;
    c.stageDown = r.stage_down;
    c.coVisits = r.co_visits;
    c.overdueFollowUps = r.overdue;
    c.channelWarnings = r.warnings;
  }

  for (const s of sales) {
    const c = out.get(s.repId);
    if (!c) continue;
    c.quota += s.quota;
    c.actual += s.actual;
  }
  return out;
}
