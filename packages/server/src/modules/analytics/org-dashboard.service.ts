import {
  chinaDate,
  chinaDateTime,
  kpiFiguresOf,
  sumKpiCounts,
  type KpiCounts,
  type KpiFigures,
} from '@keqing/domain';
import type { OrgDashboard, OrgDashboardQuery, OrgDashboardRow, OrgLevel } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { exportFile, filterOf } from '../accounts/accounts.service.ts';
import { createKpiSnapshots, type KpiSnapshots } from './kpi-snapshots.ts';
import { gradeSheet, kpiColumns, type KpiLine } from './kpi-export.ts';
import { dashboardBasisOf } from './dashboard-basis.ts';
import * as repo from './org-dashboard.repository.ts';

const levelNames: Record<OrgLevel, string> = { region: '大区', area: '地区', team: '组' };

/**
 * 区域报表: the region → area → team roll-up for admin and compliance. Every row is the sum of its active reps'
 * KPI counts (one findRepKpiCounts call for all of them), so a region equals the sum of its teams' dashboards
 * and percentages are recomputed from the sums, never averaged.
 */
export function createOrgDashboardService(deps: {
  db: Db;
  now?: () => Date;
  /** Kept national roll-ups (kpi-snapshots.ts); without it every request computes live */
  snapshots?: Pick<KpiSnapshots, 'countsOf' | 'maxAgeMinutes'>;
}) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const snapshots = deps.snapshots ?? createKpiSnapshots({ db, maxAgeMinutes: 0, now });

  /** A manager reads the team dashboard of their teams instead; reps their own home. */
  function assertOrgReader(ctx: RequestContext) {
    if (ctx.actor.role !== 'admin' && ctx.actor.role !== 'compliance') throw forbidden();
  }

  /** The units above the rows (404 for an unknown parent). */
  async function breadcrumbOf(level: OrgLevel, parentId: string | undefined) {
    if (!parentId || level === 'region') return [];
    if (level === 'area') {
      const region = await repo.getRegion(db, parentId);
      if (!region) throw notFound();
      return [{ level: 'region' as const, ...region }];
    }
    const area = await repo.getArea(db, parentId);
    if (!area) throw notFound();
    return [
      { level: 'region' as const, ...area.region },
      { level: 'area' as const, id: area.id, name: area.name },
    ];
  }

  async function getOrgDashboard(ctx: RequestContext, q: OrgDashboardQuery): Promise<OrgDashboard> {
    assertOrgReader(ctx);
    // the team dashboard's period, settings and grade order, so a team row equals that team's dashboard
    const basis = await dashboardBasisOf(db, q, chinaDate(now()));
    const { settings, gradeOrder, period } = basis;
    const workingDays = period.workingDays;

    const breadcrumb = await breadcrumbOf(q.level, q.parentId);
    const units = await repo.findOrgUnits(db, q.level, q.parentId);
    const reps = await repo.findRepsUnder(
      db,
      q.level,
      units.map((u) => u.id),
    );
    const repIds = [...new Set(reps.map((r) => r.repId))];
    const { counts, computedAt, snapshot } = await snapshots.countsOf(q, basis, repIds, {
      refresh: q.refresh,
    });
    const countsOf = (repIds: string[]): KpiCounts[] =>
      repIds.flatMap((id) => {
        const c = counts.get(id);
        return c ? [c] : [];
      });
    const figuresOf = (repIds: string[]): KpiFigures =>
      kpiFiguresOf(sumKpiCounts(countsOf(repIds), workingDays, gradeOrder));

    const rows: OrgDashboardRow[] = units.map((u) => ({
      id: u.id,
      name: u.name,
      level: q.level,
      ...figuresOf(reps.filter((r) => r.unitId === u.id).map((r) => r.repId)),
    }));
    return {
      period,
      level: q.level,
      norms: {
        minCallsPerDay: settings.minCallsPerDay,
        maxCallsPerDay: settings.maxCallsPerDay,
        minObjectives: settings.minObjectives,
      },
      breadcrumb,
      rows,
      total: figuresOf(repIds),
      freshness: { computedAt, fromSnapshot: snapshot, maxAgeMinutes: snapshots.maxAgeMinutes },
    };
  }

  /** The current view as .xlsx: the figures per row (with the total) and coverage by grade, one sheet each. */
  async function exportOrgDashboard(ctx: RequestContext, q: OrgDashboardQuery) {
    const view = await getOrgDashboard(ctx, q);
    const where = view.breadcrumb.map((b) => b.name).join(' / ');
    const unit = levelNames[view.level];
    const lines: KpiLine[] = [...view.rows, { ...view.total, name: '合计' }];
    const periodLine = {
      label: view.period.label,
      where,
      computedAt: chinaDateTime(view.freshness.computedAt),
    };
    return exportFile(db, ctx, {
      kind: 'org-dashboard',
      label: '区域报表',
      format: 'xlsx',
      filter: filterOf(q),
      sheets: [
        {
          name: '统计区间',
          columns: [
            { header: '统计区间', width: 28, value: (r: typeof periodLine) => r.label },
            { header: '范围', width: 28, value: (r: typeof periodLine) => r.where || '全部' },
            { header: '数据时间', width: 20, value: (r: typeof periodLine) => r.computedAt },
          ],
          rows: [periodLine],
        },
        { name: `按${unit}`, columns: kpiColumns<KpiLine>(unit), rows: lines },
        gradeSheet('按医生级别', unit, lines),
      ],
    });
  }

  return { getOrgDashboard, exportOrgDashboard };
}
