import { chinaDate, kpiFiguresOf, sumKpiCounts, type KpiCounts, type KpiFigures } from '@keqing/domain';
import type { OrgDashboard, OrgDashboardQuery, OrgDashboardRow, OrgLevel } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { exportFile, filterOf } from '../accounts/accounts.service.ts';
import type { ExportColumn } from '../accounts/export-file.ts';
import { findRepKpiCounts } from './kpi.repository.ts';
import { dashboardBasisOf, kpiArgsOf } from './dashboard-basis.ts';
import * as repo from './org-dashboard.repository.ts';

const levelNames: Record<OrgLevel, string> = { region: '大区', area: '地区', team: '组' };

/**
 * 区域报表: the region → area → team roll-up for admin and compliance. Every row is the sum of its active reps'
 * KPI counts (one findRepKpiCounts call for all of them), so a region equals the sum of its teams' dashboards
 * and percentages are recomputed from the sums, never averaged.
 */
export function createOrgDashboardService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

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
    const counts = await findRepKpiCounts(
      db,
      kpiArgsOf(basis, [...new Set(reps.map((r) => r.repId))], q.productId),
    );
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
      total: figuresOf([...new Set(reps.map((r) => r.repId))]),
    };
  }

  /** The current view as .xlsx: the figures per row (with the total) and coverage by grade, one sheet each. */
  async function exportOrgDashboard(ctx: RequestContext, q: OrgDashboardQuery) {
    const view = await getOrgDashboard(ctx, q);
    const where = view.breadcrumb.map((b) => b.name).join(' / ');
    const unit = levelNames[view.level];
    type Line = KpiFigures & { name: string };
    const lines: Line[] = [...view.rows, { ...view.total, name: '合计' }];
    const pct = (v: number | null) => (v === null ? null : v);
    const figureColumns: ExportColumn<Line>[] = [
      { header: unit, width: 18, value: (r) => r.name },
      { header: '代表数', value: (r) => r.reps },
      { header: '工作日', value: (r) => r.workingDays },
      { header: '拜访数', value: (r) => r.calls },
      { header: '日均拜访', value: (r) => r.callsPerWorkingDay },
      { header: '≥最少目标拜访数', value: (r) => r.callsWithMinObjectives },
      { header: '多目标占比%', value: (r) => pct(r.objectiveSharePct) },
      { header: '1分钟内拜访', value: (r) => r.shortCalls },
      { header: '集中录入拜访', value: (r) => r.burstCalls },
      { header: '目标医生', value: (r) => r.targetDoctors },
      { header: '已覆盖医生', value: (r) => r.coveredDoctors },
      { header: '覆盖率%', value: (r) => pct(r.coveragePct) },
      { header: '应拜访次数', value: (r) => r.requiredCalls },
      { header: '达成拜访次数', value: (r) => r.doneCalls },
      { header: '频率达成%', value: (r) => pct(r.frequencyPct) },
      { header: '阶梯上升', value: (r) => r.ladderUp },
      { header: '阶梯下降', value: (r) => r.ladderDown },
      { header: '关系阶段上升', value: (r) => r.stageUp },
      { header: '关系阶段下降', value: (r) => r.stageDown },
      { header: '指标', value: (r) => r.quota },
      { header: '实际', value: (r) => r.actual },
      { header: '指标达成%', value: (r) => pct(r.attainmentPct) },
      { header: '协访', value: (r) => r.coVisits },
      { header: '逾期跟进', value: (r) => r.overdueFollowUps },
      { header: '渠道预警', value: (r) => r.channelWarnings },
    ];
    type GradeLine = KpiFigures['byGrade'][number] & { name: string };
    const gradeLines: GradeLine[] = lines.flatMap((l) => l.byGrade.map((g) => ({ ...g, name: l.name })));
    const gradeColumns: ExportColumn<GradeLine>[] = [
      { header: unit, width: 18, value: (r) => r.name },
      { header: '医生级别', value: (r) => r.grade },
      { header: '目标医生', value: (r) => r.targetDoctors },
      { header: '已覆盖医生', value: (r) => r.coveredDoctors },
      { header: '覆盖率%', value: (r) => pct(r.coveragePct) },
      { header: '应拜访次数', value: (r) => r.requiredCalls },
      { header: '达成拜访次数', value: (r) => r.doneCalls },
      { header: '频率达成%', value: (r) => pct(r.frequencyPct) },
      { header: '未达频率医生', value: (r) => r.belowFrequencyDoctors },
    ];
    const periodLine = { label: view.period.label, where };
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
          ],
          rows: [periodLine],
        },
        { name: `按${unit}`, columns: figureColumns, rows: lines },
        { name: '按医生级别', columns: gradeColumns, rows: gradeLines },
      ],
    });
  }

  return { getOrgDashboard, exportOrgDashboard };
}
