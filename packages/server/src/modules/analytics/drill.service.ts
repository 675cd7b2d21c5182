import { chinaDate } from '@keqing/domain';
import type {
  DrillCall,
  DrillCallsQuery,
  DrillDoctor,
  DrillDoctorsQuery,
  DrillFollowUp,
  DrillFollowUpsQuery,
  ListResponse,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { listOf, offsetOf } from '../../db/list.ts';
import { fieldError } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { exportFile, filterOf } from '../accounts/accounts.service.ts';
import type { ExportColumn } from '../accounts/export-file.ts';
import { coveredReps } from '../users/covered-reps.ts';
import * as repo from './drill.repository.ts';
import { dashboardBasisOf, kpiArgsOf } from './dashboard-basis.ts';

const callTypeNames: Record<DrillCall['type'], string> = {
  visit: '面访',
  phone: '电话',
  wechat: '微信',
  departmentMeeting: '科室会',
  conference: '学术会议',
};

/**
 * 钻取: the doctors, calls and follow-ups behind a dashboard figure, for one rep or a team, over the same
 * subqueries as the figures. Scope: a rep drills their own figures; a manager a rep or a team they lead
 * (else 404); admin/compliance must name a rep or a team (400).
 */
export function createDrillService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  async function repIdsOf(ctx: RequestContext, q: { repId?: string; teamId?: string }) {
    const reps = await coveredReps(
      db,
      ctx.actor,
      { ownerId: q.repId, teamId: q.teamId },
      'analytics.drill.repOrTeamRequired',
    );
    if (q.repId && q.teamId && reps[0]?.teamId !== q.teamId)
      throw fieldError('query.repId', 'analytics.drill.repOutOfTeam');
    return reps.map((r) => r.id);
  }

  async function argsOf(ctx: RequestContext, q: DrillCallsQuery | DrillDoctorsQuery) {
    const repIds = await repIdsOf(ctx, q);
    const basis = await dashboardBasisOf(db, q, chinaDate(now()));
    return kpiArgsOf(basis, repIds, q.productId);
  }
  const pageOf = (q: { page: number; pageSize: number }) => ({
    limit: q.pageSize,
    offset: offsetOf(q.page, q.pageSize),
  });

  async function findDoctors(ctx: RequestContext, q: DrillDoctorsQuery): Promise<ListResponse<DrillDoctor>> {
    const a = await argsOf(ctx, q);
    const { items, total } = await repo.findDrillDoctors(db, a, q, pageOf(q));
    return listOf(items, total, q);
  }

  async function findCalls(ctx: RequestContext, q: DrillCallsQuery): Promise<ListResponse<DrillCall>> {
    const a = await argsOf(ctx, q);
    const { items, total } = await repo.findDrillCalls(db, a, q.kind, pageOf(q));
    return listOf(items, total, q);
  }

  async function findFollowUps(
    ctx: RequestContext,
    q: DrillFollowUpsQuery,
  ): Promise<ListResponse<DrillFollowUp>> {
    const repIds = await repIdsOf(ctx, q);
    const { items, total } = await repo.findDrillFollowUps(
      db,
      { repIds, today: chinaDate(now()) },
      pageOf(q),
    );
    return listOf(items, total, q);
  }

  async function exportDoctors(ctx: RequestContext, q: DrillDoctorsQuery) {
    const a = await argsOf(ctx, q);
    const { items } = await repo.findDrillDoctors(db, a, q, undefined);
    const columns: ExportColumn<DrillDoctor>[] = [
      { header: '医生', value: (r) => r.doctorName },
      { header: '医院', width: 28, value: (r) => r.hospitalName },
      { header: '科室', value: (r) => r.departmentName },
      { header: '级别', value: (r) => r.grade },
      { header: '代表', value: (r) => r.repName },
      { header: '应拜访次数', value: (r) => r.requiredCalls },
      { header: '已拜访次数', value: (r) => r.doneCalls },
      { header: '最近拜访', value: (r) => r.lastCallDate },
    ];
    return exportFile(db, ctx, {
      kind: 'drill-doctors',
      label: `目标医生 ${a.from}~${a.to}`,
      format: 'xlsx',
      filter: filterOf(q),
      sheets: [{ name: '目标医生', columns, rows: items }],
    });
  }

  async function exportCalls(ctx: RequestContext, q: DrillCallsQuery) {
    const a = await argsOf(ctx, q);
    const { items } = await repo.findDrillCalls(db, a, q.kind, undefined);
    const columns: ExportColumn<DrillCall>[] = [
      { header: '拜访日期', value: (r) => r.callDate },
      { header: '开始时间', width: 20, value: (r) => r.startAt },
      { header: '时长（分钟）', value: (r) => r.minutes },
      { header: '医生', value: (r) => r.doctorName },
      { header: '医院', width: 28, value: (r) => r.hospitalName },
      { header: '代表', value: (r) => r.repName },
      { header: '类型', value: (r) => callTypeNames[r.type] },
      { header: '目标数', value: (r) => r.objectiveCount },
    ];
    return exportFile(db, ctx, {
      kind: 'drill-calls',
      label: `拜访记录 ${a.from}~${a.to}`,
      format: 'xlsx',
      filter: filterOf(q),
      sheets: [{ name: '拜访记录', columns, rows: items }],
    });
  }

  async function exportFollowUps(ctx: RequestContext, q: DrillFollowUpsQuery) {
    const repIds = await repIdsOf(ctx, q);
    const { items } = await repo.findDrillFollowUps(db, { repIds, today: chinaDate(now()) }, undefined);
    const columns: ExportColumn<DrillFollowUp>[] = [
      { header: '跟进事项', width: 28, value: (r) => r.title },
      { header: '到期日', value: (r) => r.dueDate },
      { header: '逾期天数', value: (r) => r.overdueDays },
      { header: '医生', value: (r) => r.doctorName },
      { header: '医院', width: 28, value: (r) => r.hospitalName },
      { header: '代表', value: (r) => r.repName },
    ];
    return exportFile(db, ctx, {
      kind: 'drill-follow-ups',
      label: '逾期跟进',
      format: 'xlsx',
      filter: filterOf(q),
      sheets: [{ name: '逾期跟进', columns, rows: items }],
    });
  }

  return { findDoctors, findCalls, findFollowUps, exportDoctors, exportCalls, exportFollowUps };
}
