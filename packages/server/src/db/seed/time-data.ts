/**
 * 时间管理 for the demo (seed 004: 时间管理矩阵, 杜拉克 record → analyse → manage). Every rep keeps 8–12 tasks and
 * every manager 5, spread over the four quadrants (A 重要紧急 · B 重要不紧急 · C 紧急不重要 · D 都不): a few done
 * this week, a few overdue, some answered with the five filter questions. Every rep logs time for the last two
 * weeks and this one: on Monday the plan of each working day by activity (one entry a day and activity, within the
 * API's 12 hours), and each evening the actual minutes. The submitted calls hold their own minutes (the weekly
 * review adds them as call time), so the log adds only the waiting around them; with it calls take about half the
 * day, travel a fifth, the rest meetings, admin, training and other.
 */
import {
  addDays,
  filterQuestions,
  flagsOf,
  maxEntryMinutes,
  mondayOf,
  workingDaysBetween,
  type FilterAnswers,
  type Quadrant,
} from '@keqing/domain';
import type { tasks, timeEntries } from '../schema.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type TimeRows = {
  tasks: (typeof tasks.$inferInsert)[];
  timeEntries: (typeof timeEntries.$inferInsert)[];
};

export const emptyTimeRows = (): TimeRows => ({ tasks: [], timeEntries: [] });

type BaseRows = Omit<DemoRows, keyof TimeRows>;
type Activity = (typeof timeEntries.$inferInsert)['activity'];

/** Complete weeks of time records before the current one. */
export const TIME_LOG_WEEKS = 2;

/** {h}: a hospital of the rep's territory. */
const repTitles: Record<Quadrant, readonly string[]> = {
  A: [
    '准备明天科室会幻灯片',
    '回复{h}药剂科的进药资料要求',
    '回访{h}的客户抱怨，给出处理结果',
    '提交本月销售预测',
    '准备{h}新药进院申请材料',
    '确认{h}科主任学术会议的行程',
    '补交上月拜访记录中的缺项',
  ],
  B: [
    '制定下周期拜访计划',
    '整理拜访记录，复盘A级医生覆盖',
    '学习新版产品说明书和竞品资料',
    '规划下季度科室会主题',
    '梳理{h}的关键人关系图',
    '复盘本月指标达成与差距',
    '准备下月促销方案',
    '练习异议处理话术',
  ],
  C: [
    '回复经销商库存邮件',
    '提交月度费用报销',
    '填写市场部调研问卷',
    '参加区域电话会议',
    '领取科室会物料',
    '核对{h}的送货单',
  ],
  D: ['整理过期宣传资料', '更新手机通讯录', '清理邮箱订阅', '浏览行业新闻公众号'],
};
const managerTitles: Record<Quadrant, readonly string[]> = {
  A: ['审批本周期拜访计划', '准备月度业绩分析会'],
  B: ['制定团队下季度指标分配方案', '安排新代表的协访辅导'],
  C: ['回复大区经理的数据问询', '提交团队费用汇总'],
  D: ['整理团队共享文件夹'],
};
const notes = ['上周例会布置', '经理提醒', '客户来电', '与同事协作', null, null, null];

/** Share of a working day (about 8.5 h) by activity: actual, and the plan that hopes for more calls. */
const actualShare: readonly (readonly [Activity, number])[] = [
  ['calls', 0.5],
  ['travel', 0.2],
  ['meetings', 0.1],
  ['admin', 0.12],
  ['training', 0.04],
  ['other', 0.04],
];
const plannedShare: Record<Activity, number> = {
  calls: 0.56,
  travel: 0.16,
  meetings: 0.1,
  admin: 0.1,
  training: 0.05,
  other: 0.03,
};
const DAY_MINUTES = 510;

const pad2 = (n: number) => String(n).padStart(2, '0');
const at = (date: string, minutes: number) =>
  `${date}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}:00+08:00`;

export function generateTimeData(rows: BaseRows, rng: Random, options: { today: string }): TimeRows {
  const out = emptyTimeRows();
  const { today } = options;
  const monday = mondayOf(today);
  const hospitalName = new Map(rows.hospitals.map((h) => [h.id as string, h.alias ?? h.name]));
  const territoriesOf = new Map<string, string[]>();
  for (const a of rows.territoryAssignments) {
    if (!a.endDate) territoriesOf.set(a.userId, [...(territoriesOf.get(a.userId) ?? []), a.territoryId]);
  }
  const hospitalsOf = new Map<string, string[]>();
  for (const th of rows.territoryHospitals) {
    const name = hospitalName.get(th.hospitalId);
    if (name) hospitalsOf.set(th.territoryId, [...(hospitalsOf.get(th.territoryId) ?? []), name]);
  }

  // the last TIME_LOG_WEEKS complete weeks and this one: its working days up to yesterday
  const weeks = Array.from({ length: TIME_LOG_WEEKS + 1 }, (_, k) => {
    const weekStart = addDays(monday, -7 * (TIME_LOG_WEEKS - k));
    const weekEnd = k === TIME_LOG_WEEKS ? addDays(today, -1) : addDays(weekStart, 6);
    return {
      weekStart,
      workingDays: weekEnd >= weekStart ? workingDaysBetween(weekStart, weekEnd) : [],
      plannedDays: workingDaysBetween(weekStart, addDays(weekStart, 6)),
    };
  });

  // minutes of each rep's submitted calls per day: the weekly review counts them as call time beside the log
  const firstDay = weeks[0]?.weekStart ?? today;
  const callMinutes = new Map<string, number>();
  for (const c of rows.calls) {
    if (c.status !== 'submitted' || c.callDate < firstDay || c.callDate >= today) continue;
    const key = `${c.ownerId}|${c.callDate}`;
    const minutes = (Date.parse(c.endAt) - Date.parse(c.startAt)) / 60_000;
    callMinutes.set(key, (callMinutes.get(key) ?? 0) + minutes);
  }

  const people = rows.users.filter((u) => u.role === 'rep' || u.role === 'manager');
  for (const user of people) {
    const ownerId = user.id as string;
    const r = rng.fork(user.username);
    const isRep = user.role === 'rep';
    const hospitals = (territoriesOf.get(ownerId) ?? []).flatMap((t) => hospitalsOf.get(t) ?? []);
    const titles = isRep ? repTitles : managerTitles;
    // every quadrant once for a rep (A, B, C and D), then more important work than not
    const quadrants: Quadrant[] = isRep
      ? [
          'A',
          'B',
          'C',
          'D',
          ...Array.from({ length: r.int(4, 8) }, () =>
            r.weighted<Quadrant>([
              ['A', 3],
              ['B', 4],
              ['C', 3],
              ['D', 1],
            ]),
          ),
        ]
      : ['A', 'B', 'B', 'C', 'D'];
    const used = new Set<string>();
    quadrants.forEach((quadrant, i) => {
      let title = r.pick(titles[quadrant]);
      for (let k = 0; used.has(title) && k < 10; k++) title = r.pick(titles[quadrant]);
      if (used.has(title)) title = `${title}（${i + 1}）`;
      used.add(title);
      if (title.includes('{h}'))
        title = title.replace('{h}', hospitals.length > 0 ? r.pick(hospitals) : '重点医院');
      const { important, urgent } = flagsOf(quadrant);
      // the first few: one done this week, one overdue; then a mix
      const fate =
        i === 0
          ? 'overdue'
          : i === 1
            ? 'doneThisWeek'
            : r.weighted([
                ['open', 5],
                ['doneThisWeek', 2],
                ['doneEarlier', 2],
                ['overdue', 1],
                ['dropped', 0.4],
              ] as const);
      let dueDate: string | null;
      let status: 'open' | 'done' | 'dropped' = 'open';
      let completedAt: string | null = null;
      let doneOn = today;
      if (fate === 'overdue') dueDate = addDays(today, -r.int(1, 6));
      else if (fate === 'doneThisWeek') {
        doneOn = addDays(monday, r.int(0, Math.max(0, daysBetween(monday, today))));
        dueDate = addDays(doneOn, r.int(0, 3));
        status = 'done';
        completedAt = at(doneOn, r.int(8 * 60 + 30, 10 * 60));
      } else if (fate === 'doneEarlier') {
        doneOn = addDays(monday, -r.int(1, 10));
        dueDate = addDays(doneOn, r.int(-1, 2));
        status = 'done';
        completedAt = at(doneOn, r.int(9 * 60, 18 * 60));
      } else if (fate === 'dropped') {
        dueDate = addDays(today, -r.int(1, 10));
        status = 'dropped';
      } else {
        // urgent work falls due within days; the rest later or undated
        dueDate = urgent ? addDays(today, r.int(0, 3)) : r.chance(0.8) ? addDays(today, r.int(4, 21)) : null;
      }
      const anchor = [dueDate ?? today, doneOn, today].sort()[0] as string;
      const createdOn = addDays(anchor, -r.int(3, 12));
      let filterAnswers: FilterAnswers | null = null;
      if (r.chance(0.3)) {
        filterAnswers = {};
        for (const q of filterQuestions) {
          const yes =
            q === 'mustDo'
              ? urgent || important
              : q === 'wanted'
                ? r.chance(0.6)
                : important
                  ? r.chance(0.85)
                  : r.chance(0.2);
          filterAnswers[q] = yes;
        }
      }
      out.tasks.push({
        id: r.uuid(),
        ownerId,
        clientId: r.uuid(),
        title,
        notes: r.pick(notes),
        important,
        urgent,
        dueDate,
        estimatedMinutes: r.chance(0.75) ? 15 * r.int(1, 8) : null,
        filterAnswers,
        status,
        completedAt,
        createdAt: at(createdOn, r.int(8 * 60, 19 * 60)),
        updatedAt: completedAt ?? at(createdOn, 19 * 60 + 30),
      });
    });

    if (!isRep) continue;
    // ── 时间记录: on Monday the plan for each working day of the week; each evening the actual minutes ──
    const pace = 0.9 + r.next() * 0.2; // some reps simply work longer days
    for (const { weekStart, plannedDays, workingDays } of weeks) {
      const plannedOn = at(weekStart < today ? weekStart : today, 8 * 60 + 15);
      for (const day of plannedDays) {
        for (const [activity] of actualShare) {
          const minutes = Math.round((DAY_MINUTES * plannedShare[activity]) / 15) * 15;
          if (minutes <= 0) continue;
          out.timeEntries.push({
            id: r.uuid(),
            ownerId,
            clientId: r.uuid(),
            date: day,
            activity,
            kind: 'planned',
            minutes,
            note: null,
            createdAt: plannedOn,
            updatedAt: plannedOn,
          });
        }
      }
      for (const day of workingDays) {
        const dayMinutes = DAY_MINUTES * pace * (0.9 + r.next() * 0.2);
        // the submitted calls hold their own minutes: the log adds the waiting around them
        const recorded = callMinutes.get(`${ownerId}|${day}`) ?? 0;
        const callTime =
          recorded > 0 ? recorded * (1.05 + r.next() * 0.1) : dayMinutes * (0.4 + r.next() * 0.1);
        const rest = Math.max(120, dayMinutes - callTime);
        const meetingDay = r.chance(0.4);
        const trainingDay = r.chance(0.25);
        // the rest of the day: a meeting or a training takes a bigger bite on the days it happens
        const weights = actualShare
          .filter(([activity]) => activity !== 'calls')
          .map(([activity, share]) => {
            if (activity === 'meetings' && !meetingDay) return [activity, 0] as const;
            if (activity === 'training' && !trainingDay) return [activity, 0] as const;
            if (activity === 'other' && r.chance(0.5)) return [activity, 0] as const;
            const boost = activity === 'meetings' ? 2.5 : activity === 'training' ? 3 : 1;
            return [activity, share * boost * (0.8 + r.next() * 0.4)] as const;
          })
          .filter(([, w]) => w > 0);
        const totalWeight = weights.reduce((sum, [, w]) => sum + w, 0);
        const logged: [Activity, number, string | null][] = [
          ['calls', callTime - recorded, recorded > 0 ? '候诊等待与科室间走动' : null],
          ...weights.map(
            ([activity, w]) => [activity, (rest * w) / totalWeight, null] as [Activity, number, null],
          ),
        ];
        for (const [activity, raw, note] of logged) {
          const minutes = Math.min(maxEntryMinutes, Math.round(raw / 5) * 5);
          if (minutes <= 0) continue;
          out.timeEntries.push({
            id: r.uuid(),
            ownerId,
            clientId: r.uuid(),
            date: day,
            activity,
            kind: 'actual',
            minutes,
            note,
            createdAt: at(day, 18 * 60 + r.int(0, 90)),
            updatedAt: at(day, 18 * 60 + 90),
          });
        }
      }
    }
  }
  return out;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
