/**
 * 通知 for the demo: every user has notifications of every kind over the last two weeks, the older ones mostly
 * read. Each daily-report comment notifies the other side of the thread (a manager's comment or question → the
 * report's rep; the rep's answer → the manager). A few users have settings (e-mail kinds, quiet hours). No
 * channels, so a fresh demo sends nothing outside.
 */
import { addDays } from '@keqing/domain';
import type { NotificationKind } from '@keqing/shared';
import type {
  notifications,
  notificationSettings,
  notificationChannels,
  notificationDeliveries,
} from '../schema.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type NotificationsRows = {
  notifications: (typeof notifications.$inferInsert)[];
  notificationSettings: (typeof notificationSettings.$inferInsert)[];
  notificationChannels: (typeof notificationChannels.$inferInsert)[];
  notificationDeliveries: (typeof notificationDeliveries.$inferInsert)[];
};

export const emptyNotificationsRows = (): NotificationsRows => ({
  notifications: [],
  notificationSettings: [],
  notificationChannels: [],
  notificationDeliveries: [],
});

type BaseRows = Omit<DemoRows, keyof NotificationsRows>;
type Params = Record<string, string | number>;

const DAYS = 14;
const stamp = (date: string, minutes: number) =>
  new Date(
    `${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`,
  ).toISOString();

const careLabels = ['生日', '农历生日', '结婚纪念日', '入职纪念日'];
const stages = ['信息收集', '进药申请', '药事会', '临床试用', '正式进药'];
const warningLabels = ['断货预警', '压货预警', '乱价预警', '窜货预警', '回款逾期'];
const followUpTitles = ['送会议资料', '回访用药反馈', '确认科室会时间', '补充产品文献', '安排试用样品'];

export function generateNotificationsData(
  rows: BaseRows,
  rng: Random,
  options: { today: string },
): NotificationsRows {
  const { today } = options;
  const out = emptyNotificationsRows();
  const users = rows.users.filter((u) => u.active !== false && u.id);
  if (users.length === 0) return out;
  const names = new Map(users.map((u) => [u.id!, u.name]));
  const doctorNames = rows.doctors.map((d) => d.name);
  const hospitalNames = rows.hospitals.map((h) => h.name);
  const productNames = rows.products.map((p) => p.name);
  const customerNames = rows.channelCustomers.map((c) => c.name);
  const someone = (list: string[], fallback: string) => (list.length ? rng.pick(list) : fallback);
  const seen = new Set<string>();

  const add = (
    userId: string,
    kind: NotificationKind,
    sourceKey: string,
    params: Params,
    link: string,
    createdAt: string,
  ) => {
    if (seen.has(`${userId}|${sourceKey}`)) return;
    seen.add(`${userId}|${sourceKey}`);
    // older than three days: mostly read by now
    const old = createdAt < stamp(addDays(today, -3), 0);
    out.notifications.push({
      id: rng.uuid(),
      userId,
      kind,
      sourceKey,
      params,
      link,
      readAt:
        old && rng.chance(0.8)
          ? new Date(Date.parse(createdAt) + rng.int(10, 600) * 60_000).toISOString()
          : null,
      createdAt,
    });
  };
  const when = () => stamp(addDays(today, -rng.int(0, DAYS - 1)), rng.int(8 * 60, 18 * 60));

  // 日报批注: the other side of each comment thread
  const reports = new Map(rows.dailyReports.map((r) => [r.id!, r]));
  const managerOfTeam = new Map(rows.teams.map((t) => [t.id!, t.managerId ?? null]));
  for (const c of rows.reportComments) {
    const report = reports.get(c.reportId);
    if (!report || !c.id) continue;
    const owner = users.find((u) => u.id === report.ownerId);
    const recipient =
      c.authorId === report.ownerId
        ? owner?.teamId
          ? managerOfTeam.get(owner.teamId)
          : null
        : report.ownerId;
    if (!recipient || !names.has(recipient)) continue;
    add(
      recipient,
      'reportComment',
      `reportComment:${c.id}`,
      { author: names.get(c.authorId) ?? '', date: report.date, kind: c.kind },
      `/reports/daily/${report.id}`,
      typeof c.createdAt === 'string' ? c.createdAt : when(),
    );
  }

  for (const u of users) {
    const userId = u.id!;
    const n = () => rng.int(1, 2);
    for (let i = n(); i > 0; i--) {
      const due = addDays(today, -rng.int(0, 5));
      add(
        userId,
        'followUpDue',
        `followUpDue:demo-${rng.uuid()}`,
        {
          title: rng.pick(followUpTitles),
          doctor: someone(doctorNames, '张三丰'),
          due,
        },
        '/time',
        stamp(due, 8 * 60 + rng.int(0, 60)),
      );
    }
    const periodEnd = `${today.slice(0, 7)}-28`;
    add(
      userId,
      'belowFrequency',
      `belowFrequency:${userId}:${periodEnd}`,
      { count: rng.int(2, 12), periodEnd },
      '/frequency',
      when(),
    );
    for (let i = n(); i > 0; i--) {
      const date = addDays(today, rng.int(1, 7));
      add(
        userId,
        'careDate',
        `careDate:demo-${rng.uuid()}:birthday:${date}`,
        {
          doctor: someone(doctorNames, '张三丰'),
          label: rng.pick(careLabels),
          date,
        },
        '/care',
        when(),
      );
    }
    add(
      userId,
      'approvalWaiting',
      `approvalWaiting:demo:${rng.uuid()}:manager`,
      {
        what: rng.pick(['关怀计划“春节关怀”', '学术活动“心内科科室会”', `客情费报销 ${today.slice(0, 7)}`]),
        who: names.get(rng.pick(users).id!) ?? '',
      },
      '/care',
      when(),
    );
    add(
      userId,
      'channelWarning',
      `channelWarning:demo-${rng.uuid()}`,
      {
        customer: someone(customerNames, '国药控股上海有限公司'),
        warning: rng.pick(warningLabels),
      },
      '/channel/warnings',
      when(),
    );
    add(
      userId,
      'pipelineStalled',
      `pipelineStalled:demo-${rng.uuid()}:${rng.pick(stages)}`,
      {
        hospital: someone(hospitalNames, '瑞金医院'),
        product: someone(productNames, '心安'),
        stage: rng.pick(stages),
        days: rng.int(30, 90),
      },
      '/pipeline',
      when(),
    );
    add(
      userId,
      'handover',
      `handover:demo-${rng.uuid()}`,
      {
        from: names.get(rng.pick(users).id!) ?? '',
        count: rng.int(3, 40),
      },
      '/',
      when(),
    );
    // reportComment for users without a thread of their own
    if (!out.notifications.some((x) => x.userId === userId && x.kind === 'reportComment'))
      add(
        userId,
        'reportComment',
        `reportComment:demo-${rng.uuid()}`,
        {
          author: names.get(rng.pick(users).id!) ?? '',
          date: addDays(today, -rng.int(1, DAYS - 1)),
          kind: rng.pick(['comment', 'question', 'answer']),
        },
        '/reports',
        when(),
      );
  }

  // a few users keep settings: e-mail for approvals, quiet hours at night, an earlier month-end reminder
  for (const u of users.filter((x) => x.role === 'manager').slice(0, 3))
    out.notificationSettings.push({
      userId: u.id!,
      disabledKinds: [],
      emailKinds: ['approvalWaiting', 'reportComment'],
      quietStart: '22:00',
      quietEnd: '07:30',
      frequencyReminderDays: 3,
    });
  for (const u of users.filter((x) => x.role === 'rep').slice(0, 3))
    out.notificationSettings.push({
      userId: u.id!,
      disabledKinds: ['handover'],
      emailKinds: [],
      quietStart: null,
      quietEnd: null,
      frequencyReminderDays: 5,
    });
  return out;
}
