import { chinaDate, kpiFiguresOf, resolvePeriod, sumKpiCounts } from '@keqing/domain';
import type { PlanningSettings, RepDashboard, RepDashboardQuery } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { fieldError } from '../../errors/app-error.ts';
import type { Actor, RequestContext } from '../../http/context.ts';
import { scopeOf } from '../../scope/scope.ts';
import { exportFile, filterOf } from '../accounts/accounts.service.ts';
import type { ExportColumn } from '../accounts/export-file.ts';
import { createCareService } from '../care/care.service.ts';
import { createPlanningInsightsService } from '../planning/insights.service.ts';
import {
  findSalesFigures,
  salesByProduct,
  sumSalesFigures,
  type SalesFigureRow,
} from '../targets/sales-figures.repository.ts';
import { repInScope, type Rep } from '../users/covered-reps.ts';
import { findRepKpiCounts } from './kpi.repository.ts';
import { dashboardBasisOf, kpiArgsOf } from './dashboard-basis.ts';
import * as repo from './rep-dashboard.repository.ts';

/** Overdue follow-ups listed (the count covers them all). */
const followUpLimit = 10;
/** Movements listed (the counts cover them all). */
const movementLimit = 50;

type Attainment = RepDashboard['attainment'];

/**
 * 代表首页: one rep's day, follow-ups, due doctors, care dates, attainment, moves and KPIs. Each part reuses the
 * module that owns its rule — planning's frequency rule, care's upcoming dates, targets' sales figures, the
 * dashboards' KPI counts — and counts its own figures (today's plan, follow-ups, moves) in SQL.
 */
export function createRepDashboardService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => chinaDate(now());
  const insights = createPlanningInsightsService({ db, now });
  const care = createCareService({ db, now });

  /** Whose dashboard: a rep sees themself (naming anyone else is a 404); others must name a rep in scope. */
  async function repOf(ctx: RequestContext, repId: string | undefined): Promise<Rep> {
    if (repId) return repInScope(db, ctx.actor, repId, 'query.repId');
    if (ctx.actor.role === 'rep') return ctx.actor;
    throw fieldError('query.repId', 'analytics.rep.repRequired');
  }

  /**
   * Due and overdue doctors by best grade: planning's frequency rule over the rep's target doctors only
   * (targetStatesOf), which counts the same as the frequency list without building it.
   */
  async function dueByGrade(rep: Rep, settings: PlanningSettings, gradeOrder: string[], day: string) {
    const counts = new Map<string, { due: number; overdue: number }>(
      gradeOrder.map((g) => [g, { due: 0, overdue: 0 }]),
    );
    for (const d of await insights.targetStatesOf(rep, settings, gradeOrder, day)) {
      if (d.state !== 'due' && d.state !== 'overdue') continue;
      const grade = d.grade ?? '-';
      const c = counts.get(grade) ?? { due: 0, overdue: 0 };
      c[d.state] += 1;
      counts.set(grade, c);
    }
    return [...counts].map(([grade, c]) => ({ grade, ...c }));
  }

  /** Quota vs actual per product over the months (targets' sales figures), sums across months. */
  async function attainmentOf(rows: SalesFigureRow[], months: string[]): Promise<Attainment> {
    const byProduct = salesByProduct(rows);
    const names = await repo.findProductNames(db, [...byProduct.keys()]);
    const products = [...byProduct]
      .map(([id, p]) => ({ productId: id, productName: names.get(id) ?? '', ...p }))
      .sort((a, b) => a.productName.localeCompare(b.productName, 'zh-CN'));
    const { quota, actual, attainmentPct } = sumSalesFigures(rows);
    return { months, quota, actual, attainmentPct, products };
  }

  async function dashboard(ctx: RequestContext, q: RepDashboardQuery): Promise<RepDashboard> {
    const rep = await repOf(ctx, q.repId);
    const day = today();
    const basis = await dashboardBasisOf(db, q, day);
    const { settings, gradeOrder, period } = basis;
    const cycle = { cycleStart: settings.cycleAnchor, weeks: settings.cycleWeeks };
    // the rep's doctors: the hospitals of the territories assigned to them today
    const asRep: Actor = { ...rep, role: 'rep' };
    const hospitalScope = scopeOf(asRep).hospitals(repo.doctors.hospitalId);
    const movementFilter = { hospitalScope, from: period.from, to: period.to, productId: q.productId };

    // The quota months' sales figures are read once: the attainment card lists them, the KPIs sum them. The
    // other parts read nothing of each other: asked together, PostgreSQL answers them on several pooled
    // connections at once (PGlite, one connection, queues them).
    const sales = findSalesFigures(db, {
      repIds: [rep.id],
      months: basis.quotaMonths,
      productId: q.productId,
    });
    const [kpiCounts, plannedToday, overdueFollowUps, dueDoctorsByGrade, careDates, attainment, movements] =
      await Promise.all([
        sales.then((rows) => findRepKpiCounts(db, kpiArgsOf(basis, [rep.id], q.productId), { sales: rows })),
        repo.findPlannedCallsOn(db, rep.id, day),
        repo.findOverdueFollowUps(db, rep.id, day, followUpLimit),
        dueByGrade(rep, settings, gradeOrder, day),
        care.findUpcoming(ctx, { ownerId: rep.id, from: day }),
        sales.then((rows) => attainmentOf(rows, basis.quotaMonths)),
        repo.findMovements(db, movementFilter, movementLimit),
      ]);
    const counts = kpiCounts.get(rep.id) ?? {
      ...sumKpiCounts([], period.workingDays, gradeOrder),
      reps: 1,
    };
    const frequencyCycle = resolvePeriod({ kind: 'cycle', date: day }, cycle);

    return {
      period,
      rep: { id: rep.id, name: rep.name },
      norms: {
        minCallsPerDay: settings.minCallsPerDay,
        maxCallsPerDay: settings.maxCallsPerDay,
        minObjectives: settings.minObjectives,
      },
      today: {
        date: day,
        planned: plannedToday.length,
        done: plannedToday.filter((c) => c.status === 'done').length,
        calls: plannedToday,
      },
      overdueFollowUps,
      dueDoctorsByGrade,
      frequencyCycle: { start: frequencyCycle.from, end: frequencyCycle.to },
      careDatesThisWeek: careDates,
      attainment,
      movements,
      kpis: kpiFiguresOf(counts),
    };
  }

  return {
    dashboard,

    /** The current view as .xlsx, one sheet per table (Chinese headers), audited as an export. */
    async exportDashboard(ctx: RequestContext, q: RepDashboardQuery) {
      const d = await dashboard(ctx, q);
      const pctText = (v: number | null) => (v === null ? '' : `${v}%`);
      const sheet = <T>(name: string, columns: ExportColumn<T>[], rows: T[]) => ({ name, columns, rows });
      const k = d.kpis;
      const kpiRows: [string, string | number | null][] = [
        ['统计区间', d.period.label],
        ['工作日', k.workingDays],
        ['拜访数', k.calls],
        ['日均拜访', k.callsPerWorkingDay],
        ['目标医生', k.targetDoctors],
        ['已覆盖医生', k.coveredDoctors],
        ['覆盖率', pctText(k.coveragePct)],
        ['应访次数', k.requiredCalls],
        ['已访次数', k.doneCalls],
        ['频率达成', pctText(k.frequencyPct)],
        [`≥${d.norms.minObjectives}个目标的拜访占比`, pctText(k.objectiveSharePct)],
        ['协访', k.coVisits],
      ];
      return exportFile(db, ctx, {
        kind: 'rep-dashboard',
        label: `代表首页-${d.rep.name}`,
        format: 'xlsx',
        filter: filterOf({ ...q }),
        sheets: [
          sheet(
            '今日计划',
            [
              { header: '日期', value: () => d.today.date },
              { header: '时段', value: (c) => c.startTime ?? (c.halfDay === 'am' ? '上午' : '下午') },
              { header: '医生', value: (c) => c.doctorName },
              { header: '医院', width: 28, value: (c) => c.hospitalName },
              { header: '状态', value: (c) => (c.status === 'done' ? '已完成' : '计划') },
            ],
            d.today.calls,
          ),
          sheet(
            '逾期跟进',
            [
              { header: '跟进事项', width: 30, value: (f) => f.title },
              { header: '医生', value: (f) => f.doctorName },
              { header: '截止日期', value: (f) => f.dueDate },
              { header: '逾期天数', value: (f) => f.overdueDays },
            ],
            d.overdueFollowUps.items,
          ),
          sheet(
            '到期医生',
            [
              { header: '医生等级', value: (g) => g.grade },
              { header: '即将到期', value: (g) => g.due },
              { header: '已逾期', value: (g) => g.overdue },
            ],
            d.dueDoctorsByGrade,
          ),
          sheet(
            '关怀日期',
            [
              { header: '日期', value: (c) => c.date },
              { header: '事项', width: 20, value: (c) => c.label },
              { header: '农历', value: (c) => c.isLunar },
              { header: '医生', value: (c) => c.doctorName },
              { header: '医院', width: 28, value: (c) => c.hospitalName },
            ],
            d.careDatesThisWeek.items,
          ),
          sheet(
            '指标达成',
            [
              { header: '月份', value: () => d.attainment.months.join('、') },
              { header: '产品', value: (p) => p.productName },
              { header: '指标', value: (p) => p.quota },
              { header: '实际', value: (p) => p.actual },
              { header: '达成率', value: (p) => pctText(p.attainmentPct) },
              {
                header: '数据来源',
                value: (p) => ({ flow: '流向', manual: '手工', mixed: '流向+手工', none: '无' })[p.source],
              },
            ],
            d.attainment.products,
          ),
          sheet(
            '关系变化',
            [
              { header: '日期', value: (m) => m.date },
              { header: '医生', value: (m) => m.doctorName },
              { header: '类型', value: (m) => (m.kind === 'ladder' ? '接纳阶梯' : '关系阶段') },
              { header: '产品', value: (m) => m.productName },
              { header: '从', value: (m) => m.from },
              { header: '到', value: (m) => m.to },
            ],
            d.movements.items,
          ),
          sheet(
            '我的指标',
            [
              { header: '指标', width: 24, value: (r) => r[0] },
              { header: '数值', value: (r) => r[1] },
            ],
            kpiRows,
          ),
        ],
      });
    },
  };
}
export type RepDashboardService = ReturnType<typeof createRepDashboardService>;
