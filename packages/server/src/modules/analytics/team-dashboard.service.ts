import {
  chinaDate,
  kpiFiguresOf,
  outliersOf,
  previousPeriods,
  sumKpiCounts,
  workingDaysUpTo,
  type KpiCounts,
} from '@keqing/domain';
import { ruleMessage, type RepKpi, type TeamDashboard, type TeamDashboardQuery } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { fieldError, forbidden, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { exportFile, filterOf } from '../accounts/accounts.service.ts';
import type { ExportColumn } from '../accounts/export-file.ts';
import { findSalesFigures, salesByProduct, sumSalesFigures } from '../targets/sales-figures.repository.ts';
import { findRepKpiCounts } from './kpi.repository.ts';
import { gradeSheet, kpiColumns, type KpiLine } from './kpi-export.ts';
import { dashboardBasisOf, kpiArgsOf } from './dashboard-basis.ts';
import * as repo from './team-dashboard.repository.ts';

/** Periods in the team trend (oldest first, ending with the asked one). */
export const trendPeriods = 6;

/**
 * 经理看板: per rep of a manager's teams — calls per working day against the norm, coverage and frequency by
 * grade, objectives, ladder/stage moves, attainment, co-visits, overdue follow-ups, channel warnings —, the
 * team's total (counts summed, percentages recomputed), a 6-period trend and attainment per product.
 *
 * The trend runs findRepKpiCounts once per period (4 grouped statements for the asked one, 3 for each earlier
 * one, issued together so PostgreSQL spreads them over its connections); call counts come from the day
 * summaries (summaries.ts).
 */
export function createTeamDashboardService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  /** The teams read: a manager's own (one named, or all they lead); admin/compliance must name one. */
  async function teamsOf(ctx: RequestContext, teamId: string | undefined) {
    const { actor } = ctx;
    if (actor.role === 'rep') throw forbidden();
    if (actor.role === 'manager') {
      const led = await repo.findLedTeams(db, actor.id);
      if (!teamId) return { teams: led, read: led };
      const team = led.find((t) => t.id === teamId);
      if (!team) throw notFound();
      return { teams: led, read: [team] };
    }
    if (!teamId) throw fieldError('query.teamId', 'analytics.team.teamRequired');
    const team = await repo.getTeam(db, teamId);
    if (!team) throw notFound();
    return { teams: [team], read: [team] };
  }

  async function getTeamDashboard(ctx: RequestContext, q: TeamDashboardQuery): Promise<TeamDashboard> {
    const { teams, read } = await teamsOf(ctx, q.teamId);
    const basis = await dashboardBasisOf(db, q, chinaDate(now()));
    const { settings, gradeOrder, period } = basis;
    const teamIds = read.map((t) => t.id);
    const reps = await repo.findActiveReps(db, teamIds);
    const repIds = reps.map((r) => r.id);
    const norms = {
      minCallsPerDay: settings.minCallsPerDay,
      maxCallsPerDay: settings.maxCallsPerDay,
      minObjectives: settings.minObjectives,
    };

    // the attainment per product below and the reps' attainment read the same sales rows: one statement
    const sales = repIds.length
      ? await findSalesFigures(db, { repIds, months: basis.quotaMonths, productId: q.productId })
      : [];
    const cycle = { cycleStart: settings.cycleAnchor, weeks: settings.cycleWeeks };
    const trendPeriodList = previousPeriods(period, trendPeriods, cycle);
    // the asked period and the earlier ones of the trend are independent reads: at once, not one by one
    const [counts, ...trendCounts] = await Promise.all([
      findRepKpiCounts(db, kpiArgsOf(basis, repIds, q.productId), { sales }),
      ...trendPeriodList.map((p) =>
        p.from === period.from
          ? undefined
          : // the trend shows calls, coverage, frequency, objectives and attainment: no movements or follow-ups
            findRepKpiCounts(db, kpiArgsOf(basis, repIds, q.productId, p), { activity: false }),
      ),
    ]);
    const all = (m: Map<string, KpiCounts>) => repIds.map((id) => m.get(id)!).filter(Boolean);
    const repRows: RepKpi[] = reps.map((r) => {
      const figures = kpiFiguresOf(counts.get(r.id)!);
      return {
        ...figures,
        repId: r.id,
        repName: r.name,
        repUsername: r.username,
        teamId: r.teamId,
        outliers: outliersOf(figures, norms).map((o) => ({
          kind: o.kind,
          message: ruleMessage(ctx.locale, o.messageKey, o.params) ?? o.messageKey,
        })),
      };
    });
    const total = kpiFiguresOf(sumKpiCounts(all(counts), period.workingDays, gradeOrder));

    const trend = [];
    for (const [i, p] of trendPeriodList.entries()) {
      const periodCounts = trendCounts[i];
      const f = periodCounts
        ? kpiFiguresOf(sumKpiCounts(all(periodCounts), workingDaysUpTo(p, basis.today), gradeOrder))
        : total;
      trend.push({
        from: p.from,
        to: p.to,
        label: p.label,
        callsPerWorkingDay: f.callsPerWorkingDay,
        coveragePct: f.coveragePct,
        frequencyPct: f.frequencyPct,
        objectiveSharePct: f.objectiveSharePct,
        attainmentPct: f.attainmentPct,
      });
    }

    const byProduct = salesByProduct(sales);
    const productList = q.productId
      ? await repo.findTeamProducts(db, [], [q.productId])
      : await repo.findTeamProducts(db, teamIds, [...byProduct.keys()]);
    const products = productList.map((p) => {
      const { quota, actual, attainmentPct } = byProduct.get(p.id) ?? sumSalesFigures([]);
      return { productId: p.id, productName: p.name, quota, actual, attainmentPct };
    });

    return { period, norms, teams, total, reps: repRows, trend, products };
  }

  /** The current view as .xlsx: one sheet per table, Chinese headers. */
  async function exportTeamDashboard(ctx: RequestContext, q: TeamDashboardQuery) {
    const view = await getTeamDashboard(ctx, q);
    type Line = KpiLine & { outlierText: string };
    const lines: Line[] = [
      ...view.reps.map((r) => ({
        ...r,
        name: r.repName,
        outlierText: r.outliers.map((o) => o.message).join('；'),
      })),
      { ...view.total, name: '合计', outlierText: '' },
    ];
    const repColumns: ExportColumn<Line>[] = [
      ...kpiColumns<Line>('代表').filter((c) => c.header !== '代表数'),
      { header: '异常提示', width: 40, value: (r) => r.outlierText },
    ];
    type TrendLine = TeamDashboard['trend'][number];
    const trendColumns: ExportColumn<TrendLine>[] = [
      { header: '统计区间', width: 26, value: (r) => r.label },
      { header: '日均拜访', value: (r) => r.callsPerWorkingDay },
      { header: '覆盖率%', value: (r) => r.coveragePct },
      { header: '频率达成%', value: (r) => r.frequencyPct },
      { header: '多目标占比%', value: (r) => r.objectiveSharePct },
      { header: '指标达成%', value: (r) => r.attainmentPct },
    ];
    type ProductLine = TeamDashboard['products'][number];
    const productColumns: ExportColumn<ProductLine>[] = [
      { header: '产品', width: 16, value: (r) => r.productName },
      { header: '指标', value: (r) => r.quota },
      { header: '实际', value: (r) => r.actual },
      { header: '达成率%', value: (r) => r.attainmentPct },
    ];
    return exportFile(db, ctx, {
      kind: 'team-dashboard',
      label: `团队看板 ${view.period.label}`,
      format: 'xlsx',
      filter: filterOf(q),
      sheets: [
        { name: '代表指标', columns: repColumns, rows: lines },
        gradeSheet('按级别覆盖', '代表', lines),
        { name: '趋势', columns: trendColumns, rows: view.trend },
        { name: '产品达成', columns: productColumns, rows: view.products },
      ],
    });
  }

  return { getTeamDashboard, exportTeamDashboard };
}
