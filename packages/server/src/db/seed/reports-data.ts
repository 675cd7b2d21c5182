/**
 * 日报 for the demo (seed 002 P: 每日工作小结, the manager's 督导 and suggestions). Every active rep has a daily
 * report for each of the last 10 working days, drafted from the seeded calls, care actions, follow-ups done and
 * planned calls of the day with the same domain rule the API uses: most submitted with a reason for each deviation,
 * a few left as drafts, a few missing; today's is a draft. Managers comment on or ask about some, the reps answer a
 * few questions, and the older reports are mostly marked read. Notifications for the comments are the
 * notifications seed's (from `reportComments`).
 */
import {
  addDays,
  chinaDate,
  deviationReasons,
  draftDailyReport,
  workingDaysBetween,
  type DayInputs,
  type DeviationReason,
} from '@keqing/domain';
import type { dailyReports, dailyReportAmendments, reportComments } from '../schema.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type ReportsRows = {
  dailyReports: (typeof dailyReports.$inferInsert)[];
  dailyReportAmendments: (typeof dailyReportAmendments.$inferInsert)[];
  reportComments: (typeof reportComments.$inferInsert)[];
};

export const emptyReportsRows = (): ReportsRows => ({
  dailyReports: [],
  dailyReportAmendments: [],
  reportComments: [],
});

type BaseRows = Omit<DemoRows, keyof ReportsRows>;

/** Working days of reports before today. */
export const REPORT_DAYS = 10;

const reasonWeights: readonly (readonly [DeviationReason, number])[] = [
  ['doctorAbsent', 35],
  ['surgery', 25],
  ['meeting', 20],
  ['moved', 15],
  ['other', 5],
];
const otherNotes = [
  '医院临时停诊',
  '科室搬迁，未找到医生',
  '医院限制代表进入病区',
  '路上堵车，赶到时医生已下班',
];
const reasonNotes: Partial<Record<DeviationReason, readonly string[]>> = {
  moved: ['已改约下周二上午', '医生要求改到周五', '改为电话沟通'],
  surgery: ['连台手术，下午再去'],
};

// {d}: a doctor of the day
const highlightTexts = [
  '{d}同意在下周科室会上分享用药体会',
  '{d}对新剂型很感兴趣，要了文献',
  '{d}表示下个月会增加处方',
  '{d}答应帮忙引荐药剂科主任',
  '{d}反馈患者耐受性好',
  '拿到{d}科室的用量数据',
];
const problemTexts = [
  '{d}担心医保报销比例，需要资料支持',
  '竞品在{d}科室搞了学术活动',
  '{d}科室本月用量下降，原因待查',
  '医院限制拜访时间，只能中午见到医生',
  '{d}提出竞品价格更低',
];
const helpTexts = [
  '希望经理下周协访{d}',
  '需要市场部提供最新临床文献',
  '请帮忙协调药剂科的进药会议时间',
  '需要科室会的讲者支持',
];
const commentTexts = [
  '做得好，继续跟进{d}的处方意向',
  '偏差有点多，下周计划排得再紧凑些',
  '{d}的问题可以用最新的指南回应',
  '科室会可以申请学术支持，我来协调',
  '注意A级医生的覆盖频率',
];
const questionTexts = [
  '{d}那边的进药流程到哪一步了？',
  '改约的拜访下周能补上吗？',
  '竞品活动的具体内容了解到了吗？',
  '{d}的用量下降，是什么原因？',
];
const answerTexts = [
  '已约好下周二上午补访',
  '药剂科说下次药事会再讨论',
  '了解到是竞品的学术会议，资料已发您微信',
  '主要是病人少了，下月会回升',
  '好的，我来安排',
];

const fill = (text: string, doctor: string) => text.replaceAll('{d}', doctor);
const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const stamp = (date: string, minutes: number) => new Date(`${date}T${clock(minutes)}:00+08:00`).toISOString();

export function generateReportsData(rows: BaseRows, rng: Random, options: { today: string }): ReportsRows {
  const { today } = options;
  const out = emptyReportsRows();
  const days = workingDaysBetween(addDays(today, -30), addDays(today, -1)).slice(-REPORT_DAYS);
  if (days.length === 0) return out;
  const from = days[0]!;
  const inRange = (d: string | null | undefined) => !!d && d >= from && d <= today;

  const doctorById = new Map(rows.doctors.map((d) => [d.id as string, d]));
  const hospitalName = new Map(rows.hospitals.map((h) => [h.id as string, h.name]));
  const managerOfTeam = new Map(
    rows.teams.map((t) => [t.id as string, (t.managerId ?? null) as string | null]),
  );
  const doctorName = (id: string) => doctorById.get(id)?.name ?? '医生';

  // the days' records per rep and date
  const inputs = new Map<string, DayInputs>();
  const dayOf = (ownerId: string, date: string) => {
    const key = `${ownerId}|${date}`;
    let d = inputs.get(key);
    if (!d) inputs.set(key, (d = { date, plannedCalls: [], calls: [], careActions: [], followUpsDone: [] }));
    return d;
  };
  for (const p of rows.plannedCalls) {
    if (!inRange(p.date)) continue;
    dayOf(p.ownerId, p.date).plannedCalls.push({
      id: p.id as string,
      doctorId: p.doctorId,
      doctorName: doctorName(p.doctorId),
      hospitalName: hospitalName.get(p.hospitalId) ?? '',
      halfDay: p.halfDay,
      status: p.status ?? 'planned',
    });
  }
  for (const c of rows.calls) {
    if (c.status !== 'submitted' || !inRange(c.callDate)) continue;
    dayOf(c.ownerId, c.callDate).calls.push({
      id: c.id as string,
      doctorId: c.doctorId,
      doctorName: doctorName(c.doctorId),
      hospitalName: hospitalName.get(c.hospitalId) ?? '',
      plannedCallId: c.plannedCallId ?? null,
      type: c.type,
      startAt: new Date(c.startAt).toISOString(),
      endAt: new Date(c.endAt).toISOString(),
      objectives: ((c.objectives ?? []) as { text?: string }[]).map((o) => o.text ?? '').filter(Boolean),
    });
  }
  for (const a of rows.careActions) {
    if (!inRange(a.actionDate)) continue;
    dayOf(a.ownerId, a.actionDate).careActions.push({
      id: a.id as string,
      doctorId: a.doctorId,
      doctorName: doctorName(a.doctorId),
      kind: a.kind,
      valueFen: a.valueFen,
      purpose: a.purpose,
    });
  }
  for (const f of rows.followUps) {
    if (f.status !== 'done' || !f.resolvedAt) continue;
    const date = chinaDate(new Date(f.resolvedAt));
    if (!inRange(date)) continue;
    dayOf(f.ownerId, date).followUpsDone.push({
      id: f.id as string,
      doctorId: f.doctorId,
      doctorName: doctorName(f.doctorId),
      title: f.title,
    });
  }

  /** The rep corrects a deviation's reason the next morning: the amendment row and the report's new version. */
  const amend = (index: number) => {
    const report = out.dailyReports[index]!;
    const before = report.deviations as ReturnType<typeof draftDailyReport>['deviations'];
    const target = before.find((d) => d.reason && d.reason !== 'other');
    if (!target || report.status !== 'submitted') return false;
    const reason = rng.pick(deviationReasons.filter((r) => r !== target.reason && r !== 'other'));
    const after = before.map((d) => (d === target ? { ...d, reason } : d));
    report.deviations = after;
    report.version = 2;
    out.dailyReportAmendments.push({
      id: rng.uuid(),
      reportId: report.id as string,
      changes: { deviations: { before, after } },
      reason: '偏差原因选错，更正',
      actorId: report.ownerId,
      createdAt: stamp(addDays(report.date, 1), rng.int(8 * 60, 9 * 60)),
    });
    return true;
  };

  const reps = rows.users.filter((u) => u.role === 'rep' && u.active !== false && u.teamId);
  for (const rep of reps) {
    const repId = rep.id as string;
    const managerId = managerOfTeam.get(rep.teamId as string) ?? null;
    for (const date of [...days, today]) {
      const isToday = date === today;
      const status = isToday
        ? 'draft'
        : rng.weighted([
            ['submitted', 86],
            ['draft', 5],
            ['missing', 9],
          ] as const);
      if (status === 'missing') continue;
      const day = inputs.get(`${repId}|${date}`) ?? {
        date,
        plannedCalls: [],
        calls: [],
        careActions: [],
        followUpsDone: [],
      };
      const drafted = draftDailyReport(day);
      // a submitted report explains every deviation; a draft only some
      const deviations = drafted.deviations.map((d) => {
        if (status === 'draft' && rng.chance(0.5)) return d;
        const reason = rng.weighted(reasonWeights);
        const notes = reason === 'other' ? otherNotes : reasonNotes[reason];
        const note = notes && (reason === 'other' || rng.chance(0.4)) ? rng.pick(notes) : null;
        return { ...d, reason, note };
      });
      const someDoctor =
        drafted.summary.calls.length > 0
          ? rng.pick(drafted.summary.calls).doctorName
          : (deviations[0]?.doctorName ?? '主任');
      const id = rng.uuid();
      const submittedAt = status === 'submitted' ? stamp(date, rng.int(18 * 60, 21 * 60 + 30)) : null;
      const createdAt = stamp(date, rng.int(17 * 60, 18 * 60));
      // older reports mostly read by the manager the next morning
      const read = status === 'submitted' && managerId && date < addDays(today, -1) && rng.chance(0.75);
      out.dailyReports.push({
        id,
        ownerId: repId,
        date,
        status,
        summary: drafted.summary,
        deviations,
        highlights: isToday && rng.chance(0.5) ? null : fill(rng.pick(highlightTexts), someDoctor),
        problems: rng.chance(0.6) ? fill(rng.pick(problemTexts), someDoctor) : null,
        helpRequests: rng.chance(0.25) ? fill(rng.pick(helpTexts), someDoctor) : null,
        submittedAt,
        readAt: read ? stamp(addDays(date, 1), rng.int(8 * 60, 10 * 60)) : null,
        readBy: read ? managerId : null,
        version: 1,
        createdAt,
        updatedAt: submittedAt ?? createdAt,
      });
      if (!submittedAt || !managerId) continue;

      // a corrected reason now and then (an amendment with its reason)
      if (rng.chance(0.06)) amend(out.dailyReports.length - 1);

      if (!rng.chance(0.35)) continue;
      const kind = rng.chance(0.45) ? 'question' : 'comment';
      const commentAt = stamp(addDays(date, 1), rng.int(10 * 60, 12 * 60));
      out.reportComments.push({
        id: rng.uuid(),
        reportId: id,
        authorId: managerId,
        kind,
        body: fill(rng.pick(kind === 'question' ? questionTexts : commentTexts), someDoctor),
        clientId: rng.uuid(),
        createdAt: commentAt,
      });
      // the rep answers most questions by the afternoon (not yet when asked this morning)
      if (kind === 'question' && addDays(date, 1) < today && rng.chance(0.6))
        out.reportComments.push({
          id: rng.uuid(),
          reportId: id,
          authorId: repId,
          kind: 'answer',
          body: rng.pick(answerTexts),
          clientId: rng.uuid(),
          createdAt: stamp(addDays(date, 1), rng.int(13 * 60, 17 * 60)),
        });
    }
  }
  // even the smallest demo shows one amendment and one comment
  if (out.dailyReportAmendments.length === 0) out.dailyReports.some((_, i) => amend(i));
  if (out.reportComments.length === 0) {
    const report = out.dailyReports.find((r) => r.status === 'submitted' && r.readBy);
    if (report)
      out.reportComments.push({
        id: rng.uuid(),
        reportId: report.id as string,
        authorId: report.readBy!,
        kind: 'comment',
        body: fill(rng.pick(commentTexts), '主任'),
        clientId: rng.uuid(),
        createdAt: stamp(addDays(report.date, 1), 11 * 60),
      });
  }
  return out;
}
