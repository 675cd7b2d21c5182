/**
 * Satisfaction surveys 满意度调查, academic events 学术会议/科室会 and complaints 客户抱怨 for the demo: a survey
 * template per audience; about five doctor surveys per territory over the last six months (most answered, a few
 * expired) and some for the territory's pharmacies and distributors; per team three closed events (科室会, 城市会,
 * 线上 …) with speakers paid, invitees signed in and follow-ups for them, one approved event still to come and one
 * draft; about four complaints per team in every status with the four recovery steps. Pure and seeded like the rest
 * of the generator; every row is one the API could have written.
 *
 * Speaker fees and meal shares count into the doctor's annual care total, and the API refuses any care action once
 * that total is over the tier's yearly cap. So a doctor is given event spend only when the care actions and plans of
 * that year all came earlier, or when the year's care and events together stay within the smallest yearly cap.
 */
import { createHash } from 'node:crypto';
import {
  addDays,
  checkSpeakerFee,
  complaintDueHours,
  complaintDueTimes,
  defaultCareTiers,
  defaultSpeakerCaps,
  surveyValidDays,
  type ComplaintIssueType,
  type ComplaintSeverity,
  type ComplaintStatus,
  type EventFormat,
  type EventLayout,
  type SurveyAudience,
  type SurveyQuestion,
} from '@keqing/domain';
import type {
  academicEvents,
  complaints,
  eventApprovals,
  eventAttendees,
  eventSpeakers,
  followUps,
  surveyInvitations,
  surveyTemplates,
} from '../schema.ts';
import { PHARMACY_DEPARTMENT } from './catalog.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type CareEventsRows = {
  surveyTemplates: (typeof surveyTemplates.$inferInsert)[];
  surveyInvitations: (typeof surveyInvitations.$inferInsert)[];
  academicEvents: (typeof academicEvents.$inferInsert)[];
  eventSpeakers: (typeof eventSpeakers.$inferInsert)[];
  eventAttendees: (typeof eventAttendees.$inferInsert)[];
  eventApprovals: (typeof eventApprovals.$inferInsert)[];
  complaints: (typeof complaints.$inferInsert)[];
};

export const emptyCareEventsRows = (): CareEventsRows => ({
  surveyTemplates: [],
  surveyInvitations: [],
  academicEvents: [],
  eventSpeakers: [],
  eventAttendees: [],
  eventApprovals: [],
  complaints: [],
});

type BaseRows = Omit<DemoRows, keyof CareEventsRows>;
type Doctor = BaseRows['doctors'][number];
type FollowUpRow = typeof followUps.$inferInsert;

/** Surveys and events go back this many days (six months). */
export const CARE_EVENTS_HISTORY_DAYS = 180;
const DOCTOR_SURVEYS_PER_TERRITORY = 5;
const COMPLAINTS_PER_TEAM = 4;
/** The event follow-up is due this many days after closing (events.service.ts eventFollowUpDays). */
const FOLLOW_UP_DAYS = 7;
/** Teams (by index) whose city meeting has a speaker over the per-talk cap, approved by compliance. */
const OVER_CAP_TEAMS = new Set([0, 3]);
/** Any care action in a year whose total is within this cap is allowed whatever the doctor's tier. */
const SMALLEST_YEAR_CAP = Math.min(...defaultCareTiers.map((t) => t.capPerYearFen));

const pad2 = (n: number) => String(n).padStart(2, '0');
const clock = (minutes: number) => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
/** A China-time timestamp on a date, `minutes` after midnight (may run past 24:00 into the next days). */
const stamp = (date: string, minutes: number) => {
  const days = Math.floor(minutes / 1440);
  return `${addDays(date, days)}T${clock(minutes - days * 1440)}:00+08:00`;
};
const plusHours = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
const chinaDateOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
const yearOf = (date: string) => Number(date.slice(0, 4));
/** Saturday and Sunday move back to the Friday before. */
const workday = (date: string) => {
  const w = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return w >= 6 ? addDays(date, 5 - w) : date;
};
/** A one-time token as the API makes one (32 bytes, base64url), from the seeded stream; only its sha256 is kept. */
const tokenHash = (rng: Random) => {
  const bytes = Buffer.alloc(32);
  for (let i = 0; i < 32; i += 4) bytes.writeUInt32BE(rng.uint32(), i);
  return createHash('sha256').update(bytes.toString('base64url')).digest('hex');
};

// ── texts ───────────────────────────────────────────────────────────────────

const templates: readonly { audience: SurveyAudience; name: string; questions: SurveyQuestion[] }[] = [
  {
    audience: 'doctor',
    name: '医生满意度调查',
    questions: [
      {
        key: 'recommend',
        text: '您是否愿意向同事推荐我们的产品？',
        type: 'choice',
        required: true,
        options: ['愿意', '视情况而定', '不愿意'],
      },
      { key: 'repVisit', text: '对代表拜访的专业程度打分（1–5 分）', type: 'score', required: true },
      { key: 'suggestion', text: '您对我们的学术支持有什么建议？', type: 'text', required: false },
    ],
  },
  {
    audience: 'pharmacy',
    name: '药店满意度调查',
    questions: [
      { key: 'delivery', text: '配送及时性（1–5 分）', type: 'score', required: true },
      {
        key: 'support',
        text: '您最需要哪类支持？',
        type: 'choice',
        required: false,
        options: ['店员产品培训', '陈列支持', '患者教育资料', '促销活动'],
      },
    ],
  },
  {
    audience: 'distributor',
    name: '经销商满意度调查',
    questions: [
      { key: 'orderProcess', text: '订单处理与对账效率（1–5 分）', type: 'score', required: true },
      {
        key: 'cooperation',
        text: '明年的合作意向',
        type: 'choice',
        required: true,
        options: ['扩大合作', '维持现状', '缩减合作'],
      },
      { key: 'policy', text: '对信用账期和返利政策的意见', type: 'text', required: false },
    ],
  },
];

const surveyTexts = {
  suggestion: [
    '希望多提供最新文献',
    '希望组织更多病例讨论',
    '线上会议时间安排在晚上更方便',
    '资料可以更简洁',
  ],
  policy: ['账期希望延长到 60 天', '返利兑付希望按季度及时结算', '对账单希望每月 5 日前提供'],
  comment: [
    '代表很专业，资料及时',
    '价格偏高，患者负担较重',
    '疗效满意，希望医保报销范围扩大',
    '拜访时间安排合理',
    '希望学术会议多一些',
    '服务很好，继续保持',
    '价格能否再优惠一些',
  ],
};

const eventTopics: Record<EventFormat, readonly { topic: string; purpose: string; talk: string }[]> = {
  departmentMeeting: [
    {
      topic: '高血压合并糖尿病患者的综合管理',
      purpose: '科室学术交流：最新指南要点与病例讨论',
      talk: '2024 版高血压指南解读',
    },
    {
      topic: '慢性心衰规范化治疗病例讨论',
      purpose: '提高科室对心衰规范化治疗的认识',
      talk: '心衰患者的长期管理',
    },
    {
      topic: '抗菌药物合理使用专题',
      purpose: '配合医院抗菌药物管理，交流合理用药经验',
      talk: '围手术期抗菌药物的合理使用',
    },
    {
      topic: '老年患者多重用药安全',
      purpose: '分享老年患者用药安全与不良反应监测经验',
      talk: '老年多重用药的风险评估',
    },
  ],
  cityMeeting: [
    {
      topic: '城市心血管疾病诊疗进展研讨会',
      purpose: '全市心内科医生交流诊疗新进展',
      talk: '冠心病二级预防新进展',
    },
    {
      topic: '区域慢病管理学术年会',
      purpose: '推动区域慢病规范管理，分享基层经验',
      talk: '社区慢病管理模式探讨',
    },
  ],
  symposium: [
    { topic: '临床用药安全研讨会', purpose: '围绕真实病例讨论用药安全', talk: '药物相互作用案例分析' },
  ],
  online: [
    {
      topic: '线上病例分享会：难治性高血压',
      purpose: '利用晚间时间开展线上学术交流',
      talk: '难治性高血压的诊治思路',
    },
    { topic: '线上学术直播：血脂管理新共识', purpose: '解读血脂管理新共识', talk: '血脂管理专家共识解读' },
  ],
};

const hotels = [
  '锦江国际酒店三楼多功能厅',
  '希尔顿酒店二楼会议厅',
  '国际会议中心 B 厅',
  '万达嘉华酒店宴会厅',
];
const materialsByFormat: Record<EventFormat, readonly string[]> = {
  departmentMeeting: ['产品说明书', '指南解读手册', '病例讨论资料'],
  cityMeeting: ['会议手册', '讲者幻灯片（经授权）', '产品说明书', '指南解读手册'],
  symposium: ['会议手册', '病例汇编'],
  online: ['直播回放链接', '讲者幻灯片（经授权）'],
};
const layoutByFormat: Record<EventFormat, readonly EventLayout[]> = {
  departmentMeeting: ['roundTable', 'uShape', 'classroom'],
  cityMeeting: ['theatre', 'classroom'],
  symposium: ['roundTable', 'uShape'],
  online: ['online'],
};
const paidByOptions = ['公司财务部（银行转账）', '会务公司代付（已开发票）'];

const complaintTexts: Record<
  ComplaintIssueType,
  { description: string; scope: string; action: string; compensation: string | null; resolution: string }
> = {
  returnExchange: {
    description: '近效期产品要求退换，药店库存 20 盒有效期不足 6 个月',
    scope: '代表可在 30 盒以内直接办理换货',
    action: '当日上门致歉，登记批号并安排换货',
    compensation: '换发远效期产品',
    resolution: '已换发远效期产品，客户确认',
  },
  shortage: {
    description: '到货数量与随货单不符，短少 2 件',
    scope: '代表可协调物流补发，无需审批',
    action: '电话致歉，联系物流核对并当天安排补发',
    compensation: '补发短少的 2 件',
    resolution: '短少货物已补发到位，客户签收',
  },
  quality: {
    description: '患者反映片剂表面有斑点，要求说明',
    scope: '代表可收回样品送检，补偿需经理批准',
    action: '当日上门致歉，封存同批号产品并送质量部检测',
    compensation: '同批号产品全部更换',
    resolution: '检测结果合格（辅料色点），已向客户书面说明并更换产品',
  },
  damagedPackaging: {
    description: '运输中外包装破损 3 盒，内包装完好',
    scope: '代表可直接办理破损换货',
    action: '致歉并拍照留存，安排换货',
    compensation: '更换破损包装产品 3 盒',
    resolution: '已换货，提醒物流加强防护',
  },
  productKnowledge: {
    description: '医生反映代表对药物相互作用的解答不准确',
    scope: '代表可安排医学部提供书面答复',
    action: '当面致歉，邀请医学部专员电话解答',
    compensation: null,
    resolution: '医学部已提供书面答复，医生表示认可',
  },
  salesDispute: {
    description: '对上月促销兑付金额有异议',
    scope: '代表可核对单据，调整需经理确认',
    action: '致歉并调出兑付单据逐项核对',
    compensation: '补足少算的兑付金额（冲抵货款）',
    resolution: '核对后补足差额，客户满意',
  },
  other: {
    description: '科室反映代表拜访时间影响门诊',
    scope: '代表可自行调整拜访时间',
    action: '当面致歉，改为门诊结束后拜访',
    compensation: null,
    resolution: '已调整拜访时间，科室认可',
  },
};
const doctorIssues: readonly ComplaintIssueType[] = ['productKnowledge', 'quality', 'other', 'salesDispute'];
const channelIssues: readonly ComplaintIssueType[] = [
  'returnExchange',
  'shortage',
  'quality',
  'damagedPackaging',
  'salesDispute',
];
/** Statuses in order over the complaints: most closed, a few open at each step. */
const complaintStatusCycle: readonly ComplaintStatus[] = [
  'closed',
  'received',
  'closed',
  'actionTaken',
  'closed',
  'acknowledged',
  'closed',
  'closed',
  'received',
  'closed',
  'closed',
  'actionTaken',
];

// ── the generator ───────────────────────────────────────────────────────────

/** The rows, and the follow-ups of the events' attendees (to join the calls' follow-ups). */
export function generateCareEventsData(
  rows: BaseRows,
  root: Random,
  options: { today: string },
): CareEventsRows & { followUps: FollowUpRow[] } {
  const { today } = options;
  const out: CareEventsRows & { followUps: FollowUpRow[] } = { ...emptyCareEventsRows(), followUps: [] };
  const yesterday = addDays(today, -1);
  const historyStart = addDays(today, -CARE_EVENTS_HISTORY_DAYS);

  // ── lookups ──
  const departmentName = new Map(rows.departments.map((d) => [d.id as string, d.name]));
  const usable = (d: Doctor) =>
    !d.mergedInto && departmentName.get(d.departmentId ?? '') !== PHARMACY_DEPARTMENT;
  const doctorsOfHospital = new Map<string, Doctor[]>();
  for (const d of rows.doctors) {
    if (!usable(d)) continue;
    doctorsOfHospital.set(d.hospitalId, [...(doctorsOfHospital.get(d.hospitalId) ?? []), d]);
  }
  const hospitalById = new Map(rows.hospitals.map((h) => [h.id as string, h]));
  const hospitalsOf = new Map<string, string[]>();
  for (const th of rows.territoryHospitals)
    hospitalsOf.set(th.territoryId, [...(hospitalsOf.get(th.territoryId) ?? []), th.hospitalId]);
  const doctorsOfTerritory = (territoryId: string) =>
    (hospitalsOf.get(territoryId) ?? []).flatMap((h) => doctorsOfHospital.get(h) ?? []);
  const customerById = new Map(rows.channelCustomers.map((c) => [c.id as string, c]));
  const customersOf = new Map<string, string[]>();
  for (const tc of rows.territoryChannelCustomers)
    customersOf.set(tc.territoryId, [...(customersOf.get(tc.territoryId) ?? []), tc.channelCustomerId]);
  const assignmentsOf = new Map<string, BaseRows['territoryAssignments']>();
  for (const a of rows.territoryAssignments)
    assignmentsOf.set(a.territoryId, [...(assignmentsOf.get(a.territoryId) ?? []), a]);
  /** The rep covering a territory on a date (the current rep when the date precedes every assignment). */
  const repOn = (territoryId: string, date: string): string | null => {
    const list = assignmentsOf.get(territoryId) ?? [];
    const covering = list.find((a) => a.startDate <= date && (a.endDate == null || a.endDate >= date));
    return (covering ?? list.find((a) => a.endDate == null))?.userId ?? null;
  };
  const territoriesInOrder = rows.territories.slice().sort((a, b) => (a.code < b.code ? -1 : 1));
  const territoriesOfTeam = (teamId: string) => territoriesInOrder.filter((t) => t.teamId === teamId);
  const users = rows.users;
  const adminId = users.find((u) => u.role === 'admin')?.id as string;
  const complianceId = users.find((u) => u.role === 'compliance')?.id as string;
  const managerOf = new Map(
    users.filter((u) => u.role === 'manager' && u.teamId).map((u) => [u.teamId!, u.id as string]),
  );
  const kols = new Set(rows.kolProfiles.map((k) => k.doctorId));

  // ── each doctor's care per year: its total and the date of its latest action or plan ──
  const careFen = new Map<string, number>();
  const careLast = new Map<string, string>();
  const noteCare = (doctorId: string, date: string, fen: number) => {
    const key = `${doctorId}|${yearOf(date)}`;
    careFen.set(key, (careFen.get(key) ?? 0) + fen);
    if ((careLast.get(key) ?? '') < date) careLast.set(key, date);
  };
  for (const a of rows.careActions) noteCare(a.doctorId, a.actionDate, a.valueFen);
  const planById = new Map(rows.carePlans.map((p) => [p.id as string, p]));
  for (const i of rows.carePlanItems) {
    const p = planById.get(i.carePlanId);
    if (p) noteCare(i.doctorId, p.plannedDate, 0);
  }
  const eventFen = new Map<string, number>();
  /** Event spend counted from `from` in `year` leaves every care action of that year one the API accepted. */
  const spendFits = (doctorId: string, from: string, year: number, fen: number) => {
    const key = `${doctorId}|${year}`;
    const total = (careFen.get(key) ?? 0) + (eventFen.get(key) ?? 0) + fen;
    return total <= SMALLEST_YEAR_CAP || (careLast.get(key) ?? '') < from;
  };
  const addSpend = (doctorId: string, year: number, fen: number) => {
    const key = `${doctorId}|${year}`;
    eventFen.set(key, (eventFen.get(key) ?? 0) + fen);
  };
  /** Fee + travel per speaker and year, all events (the speaker caps). */
  const speakerYearFen = new Map<string, number>();

  // ── survey templates, one per audience ──
  const templateRng = root.fork('surveyTemplates');
  const templateOf = new Map<SurveyAudience, { id: string; questions: SurveyQuestion[] }>();
  for (const t of templates) {
    const id = templateRng.uuid();
    const at = stamp(addDays(historyStart, -templateRng.int(10, 30)), templateRng.int(9 * 60, 18 * 60));
    out.surveyTemplates.push({
      id,
      name: t.name,
      audience: t.audience,
      questions: t.questions,
      active: true,
      createdBy: adminId,
      createdAt: at,
      updatedAt: at,
    });
    templateOf.set(t.audience, { id, questions: t.questions });
  }

  // ── survey invitations: each territory's rep to its doctors, and to its pharmacies and distributors ──
  const surveyRng = root.fork('surveys');
  const score = (weights: readonly (readonly [number, number])[]) => surveyRng.weighted(weights);
  const priceMix = [
    [5, 0.25],
    [4, 0.4],
    [3, 0.25],
    [2, 0.1],
  ] as const;
  const goodMix = [
    [5, 0.5],
    [4, 0.38],
    [3, 0.1],
    [2, 0.02],
  ] as const;
  const answerOf = (questions: readonly SurveyQuestion[]) => {
    const answers: Record<string, string | number> = {};
    for (const q of questions) {
      if (!q.required && !surveyRng.chance(0.5)) continue;
      if (q.type === 'score') answers[q.key] = score(goodMix);
      else if (q.type === 'choice')
        answers[q.key] = surveyRng.weighted((q.options ?? []).map((o, n) => [o, n === 0 ? 3 : 1] as const));
      else answers[q.key] = surveyRng.pick(q.key === 'policy' ? surveyTexts.policy : surveyTexts.suggestion);
    }
    return answers;
  };
  const addInvitation = (
    territoryId: string,
    audience: SurveyAudience,
    recipient: { doctorId: string; hospitalId: string } | { channelCustomerId: string },
  ) => {
    const sentOn = workday(addDays(today, -surveyRng.int(1, CARE_EVENTS_HISTORY_DAYS)));
    const sentBy = repOn(territoryId, sentOn);
    if (!sentBy || sentOn < historyStart) return;
    const template = templateOf.get(audience)!;
    const sentAt = stamp(sentOn, surveyRng.int(9 * 60, 18 * 60));
    const expiresAt = plusHours(sentAt, surveyValidDays * 24);
    const expired = chinaDateOf(expiresAt) < today;
    const answered = surveyRng.chance(expired ? 0.8 : 0.5);
    let answer: Partial<(typeof out.surveyInvitations)[number]> = {};
    if (answered) {
      const lastDay = expired ? chinaDateOf(expiresAt) : yesterday;
      const days = Math.round((Date.parse(lastDay) - Date.parse(sentOn)) / 86_400_000);
      const on = addDays(
        sentOn,
        Math.min(
          days,
          surveyRng.weighted([
            [0, 3],
            [1, 3],
            [2, 2],
            [surveyRng.int(3, 20), 2],
          ] as const),
        ),
      );
      const answeredAt =
        on === sentOn ? plusHours(sentAt, surveyRng.int(1, 5)) : stamp(on, surveyRng.int(8 * 60, 22 * 60));
      answer = {
        answeredAt: Date.parse(answeredAt) < Date.parse(expiresAt) ? answeredAt : plusHours(sentAt, 2),
        priceScore: score(priceMix),
        efficacyScore: score(goodMix),
        serviceScore: score(goodMix),
        answers: answerOf(template.questions),
        comment: surveyRng.chance(0.35) ? surveyRng.pick(surveyTexts.comment) : null,
      };
    }
    out.surveyInvitations.push({
      id: surveyRng.uuid(),
      templateId: template.id,
      doctorId: 'doctorId' in recipient ? recipient.doctorId : null,
      hospitalId: 'doctorId' in recipient ? recipient.hospitalId : null,
      channelCustomerId: 'channelCustomerId' in recipient ? recipient.channelCustomerId : null,
      sentBy,
      tokenHash: tokenHash(surveyRng),
      sentAt,
      expiresAt,
      ...answer,
    });
  };
  for (const territory of territoriesInOrder) {
    const territoryId = territory.id as string;
    const doctors = surveyRng.shuffle(doctorsOfTerritory(territoryId));
    for (const d of doctors.slice(0, DOCTOR_SURVEYS_PER_TERRITORY))
      addInvitation(territoryId, 'doctor', { doctorId: d.id as string, hospitalId: d.hospitalId });
    const channel = (customersOf.get(territoryId) ?? []).filter((c) => {
      const kind = customerById.get(c)?.kind;
      return kind === 'pharmacy' || kind === 'distributor';
    });
    if (channel.length > 0 && surveyRng.chance(0.67)) {
      const c = surveyRng.pick(channel);
      addInvitation(territoryId, customerById.get(c)!.kind as SurveyAudience, { channelCustomerId: c });
    }
  }

  // ── academic events: per team three closed, one approved still to come, one draft ──
  const eventRng = root.fork('academicEvents');
  type Plan = { format: EventFormat; daysFromToday: number; status: 'closed' | 'approved' | 'draft' };
  const plans: readonly Plan[] = [
    { format: 'departmentMeeting', daysFromToday: -eventRng.int(140, 170), status: 'closed' },
    { format: 'cityMeeting', daysFromToday: -eventRng.int(85, 110), status: 'closed' },
    { format: 'departmentMeeting', daysFromToday: -eventRng.int(45, 70), status: 'closed' },
    { format: 'online', daysFromToday: -eventRng.int(12, 30), status: 'closed' },
    { format: 'departmentMeeting', daysFromToday: eventRng.int(7, 20), status: 'approved' },
    { format: 'symposium', daysFromToday: eventRng.int(25, 45), status: 'draft' },
  ];
  rows.teams.forEach((team, teamIndex) => {
    const teamId = team.id as string;
    const territories = territoriesOfTeam(teamId);
    const managerId = managerOf.get(teamId);
    if (territories.length === 0 || !managerId) return;
    plans.forEach((plan, k) => {
      const territory = territories[k % territories.length]!;
      const territoryId = territory.id as string;
      const eventDate = workday(addDays(today, plan.daysFromToday + eventRng.int(-3, 3)));
      const year = yearOf(eventDate);
      // planned three to four weeks ahead; the one still to come was approved a few days ago, the draft is new
      let createdOn = workday(addDays(eventDate, -eventRng.int(18, 28)));
      if (plan.status === 'approved' && createdOn > addDays(today, -6)) createdOn = addDays(today, -6);
      if (plan.status === 'draft' && createdOn >= today) createdOn = addDays(today, -eventRng.int(1, 5));
      const ownerId = repOn(territoryId, createdOn);
      if (!ownerId) return;
      const topics = eventTopics[plan.format];
      const theme = topics[(teamIndex + k) % topics.length]!;
      const doctors = doctorsOfTerritory(territoryId);
      // the host: the territory hospital with the most doctors (科室会, 研讨会)
      const hosted = plan.format === 'departmentMeeting' || plan.format === 'symposium';
      const hostId = hosted
        ? ((hospitalsOf.get(territoryId) ?? [])
            .slice()
            .sort(
              (a, b) => (doctorsOfHospital.get(b)?.length ?? 0) - (doctorsOfHospital.get(a)?.length ?? 0),
            )[k % 2] ?? null)
        : null;
      const host = hostId ? hospitalById.get(hostId) : undefined;
      const place =
        plan.format === 'online'
          ? '线上（腾讯会议）'
          : host
            ? `${host.name}${eventRng.pick(['门诊楼三楼会议室', '住院部示教室', '学术报告厅'])}`
            : `${hospitalById.get((hospitalsOf.get(territoryId) ?? [])[0] ?? '')?.city ?? ''}${eventRng.pick(hotels)}`;
      const startMinutes =
        plan.format === 'online' ? 19 * 60 : plan.format === 'cityMeeting' ? 13 * 60 + 30 : 12 * 60;
      const approvedOn = addDays(createdOn, eventRng.int(1, 3));
      const decided = plan.status !== 'draft';
      const spendFrom = decided ? approvedOn : eventDate;

      // speakers: senior doctors of the territory, KOLs first; their fees within the caps unless planned over
      const overCap = plan.format === 'cityMeeting' && OVER_CAP_TEAMS.has(teamIndex);
      const speakerCount = plan.format === 'cityMeeting' ? 2 : 1;
      const senior = eventRng
        .shuffle(doctors.filter((d) => d.title === '主任医师' || d.title === '副主任医师'))
        .sort((a, b) => Number(kols.has(b.id as string)) - Number(kols.has(a.id as string)));
      const speakers: {
        id: string;
        eventId: string;
        doctorId: string;
        role: 'speaker';
        talkTitle: string;
        feeFen: number;
        travelFen: number;
        paidOn: string | null;
        paidBy: string | null;
      }[] = [];
      for (const d of senior) {
        if (speakers.length >= speakerCount) break;
        const doctorId = d.id as string;
        const feeFen = overCap && speakers.length === 0 ? 600_000 : eventRng.int(10, 30) * 10_000;
        const travelFen =
          plan.format === 'online'
            ? 0
            : plan.format === 'cityMeeting'
              ? eventRng.int(2, 8) * 10_000
              : eventRng.int(0, 2) * 5_000;
        const key = `${doctorId}|${year}`;
        const reasons = checkSpeakerFee({
          feeFen,
          travelFen,
          otherEventsFen: speakerYearFen.get(key) ?? 0,
          caps: defaultSpeakerCaps,
        });
        if (reasons.includes('overYearCap')) continue;
        if (decided && !spendFits(doctorId, spendFrom, year, feeFen + travelFen)) continue;
        speakers.push({
          id: eventRng.uuid(),
          eventId: '',
          doctorId,
          role: 'speaker',
          talkTitle: speakers.length === 0 ? theme.talk : `${theme.talk}：病例分享`,
          feeFen,
          travelFen,
          paidOn: null,
          paidBy: null,
        });
      }
      if (speakers.length === 0) return;
      const needsCompliance = speakers.some((sp) => sp.feeFen > defaultSpeakerCaps.perTalkFen);

      // invitees: the host hospital's doctors first, then the territory's
      const speakerIds = new Set(speakers.map((sp) => sp.doctorId));
      const pool = eventRng
        .shuffle(doctors.filter((d) => !speakerIds.has(d.id as string)))
        .sort((a, b) => Number(b.hospitalId === hostId) - Number(a.hospitalId === hostId));
      const invited = pool.slice(0, eventRng.int(8, 20));
      if (invited.length === 0) return;
      const closed = plan.status === 'closed';
      const perHeadFen = plan.format === 'online' ? 0 : eventRng.int(6, 10) * 1_000;
      let signed = closed ? invited.filter(() => eventRng.chance(0.7)) : [];
      const mealCostFen = perHeadFen * Math.max(1, Math.round(invited.length * 0.7));
      // a meal share that would leave a later care action over its cap: that doctor did not come
      for (let round = 0; round < 5 && mealCostFen > 0; round++) {
        const share = Math.ceil(mealCostFen / Math.max(1, signed.length));
        const fitting = signed.filter((d) => spendFits(d.id as string, eventDate, year, share));
        if (fitting.length === signed.length) break;
        signed = fitting;
      }

      const eventId = eventRng.uuid();
      const createdAt = stamp(createdOn, eventRng.int(9 * 60, 18 * 60));
      const approvedAt = stamp(approvedOn, eventRng.int(9 * 60, 19 * 60));
      const complianceAt = stamp(addDays(approvedOn, eventRng.int(1, 2)), eventRng.int(9 * 60, 18 * 60));
      // closed on the day or within two days after (the events to close are all past)
      const closedOn = closed ? addDays(eventDate, eventRng.int(0, 2)) : null;
      const closedAt = closedOn ? stamp(closedOn, eventRng.int(17 * 60, 21 * 60)) : null;
      const budgetFen =
        Math.ceil(
          (speakers.reduce((s, sp) => s + sp.feeFen + sp.travelFen, 0) +
            perHeadFen * invited.length +
            (plan.format === 'cityMeeting' ? 800_000 : plan.format === 'online' ? 200_000 : 50_000)) /
            100_000,
        ) * 100_000;

      out.academicEvents.push({
        id: eventId,
        ownerId,
        topic: theme.topic,
        purpose: theme.purpose,
        format: plan.format,
        eventDate,
        startTime: clock(startMinutes),
        place,
        hospitalId: hostId,
        layout: eventRng.pick(layoutByFormat[plan.format]),
        budgetFen,
        mealCostFen: closed && signed.length === 0 ? 0 : mealCostFen,
        agenda: [
          { time: clock(startMinutes - 15), title: '签到' },
          ...speakers.map((sp, n) => ({
            time: clock(startMinutes + n * 40),
            title: sp.talkTitle,
            speakerDoctorId: sp.doctorId,
          })),
          { time: clock(startMinutes + speakers.length * 40), title: '讨论与答疑' },
        ],
        materials: materialsByFormat[plan.format].filter((_, n) => n < 2 || eventRng.chance(0.5)),
        status: plan.status,
        needsCompliance,
        signInTokenHash: closed ? tokenHash(eventRng) : null,
        createdAt,
        updatedAt: closedAt ?? (decided ? (needsCompliance ? complianceAt : approvedAt) : createdAt),
      });
      for (const sp of speakers) {
        sp.eventId = eventId;
        if (closed) {
          const paidOn = addDays(eventDate, eventRng.int(3, 15));
          sp.paidOn = paidOn < today ? paidOn : yesterday;
          sp.paidBy = eventRng.pick(paidByOptions);
        }
        out.eventSpeakers.push(sp);
        if (decided) {
          const key = `${sp.doctorId}|${year}`;
          speakerYearFen.set(key, (speakerYearFen.get(key) ?? 0) + sp.feeFen + sp.travelFen);
          addSpend(sp.doctorId, year, sp.feeFen + sp.travelFen);
        }
      }
      if (decided) {
        out.eventApprovals.push({
          id: eventRng.uuid(),
          eventId,
          step: 'manager',
          decision: 'approved',
          decidedBy: managerId,
          comment: eventRng.pick([null, '同意，注意控制餐费', '同意，会后及时上传签到表']),
          decidedAt: approvedAt,
        });
        if (needsCompliance)
          out.eventApprovals.push({
            id: eventRng.uuid(),
            eventId,
            step: 'compliance',
            decision: 'approved',
            decidedBy: complianceId,
            comment: '讲者为省级学术带头人，讲课费符合公允市场价，已核对劳务合同',
            decidedAt: complianceAt,
          });
      }
      const signedIds = new Set(signed.map((d) => d.id as string));
      const share = signed.length > 0 ? Math.ceil(mealCostFen / signed.length) : 0;
      for (const d of invited) {
        const doctorId = d.id as string;
        let invitedOn = addDays(createdOn, eventRng.int(0, 3));
        if (invitedOn >= eventDate) invitedOn = addDays(eventDate, -1);
        if (invitedOn >= today) invitedOn = yesterday;
        const invitedAt = stamp(invitedOn, eventRng.int(9 * 60, 18 * 60));
        const came = signedIds.has(doctorId);
        let followUpId: string | null = null;
        if (came && closedAt) {
          addSpend(doctorId, year, share);
          followUpId = eventRng.uuid();
          const dueDate = addDays(closedOn!, FOLLOW_UP_DAYS);
          const settled = dueDate < today;
          const done = settled && eventRng.chance(0.85);
          const resolvedAt = settled
            ? stamp(addDays(dueDate, -eventRng.int(0, FOLLOW_UP_DAYS - 1)), eventRng.int(10 * 60, 19 * 60))
            : null;
          out.followUps.push({
            id: followUpId,
            callId: null,
            ownerId,
            doctorId,
            title: `会后跟进：${theme.topic}`,
            dueDate,
            status: settled ? (done ? 'done' : 'notDone') : 'open',
            resolvedAt,
            resolutionNote: settled
              ? done
                ? eventRng.pick(['已回访，医生对会议内容反馈良好', '已送达会议资料并回访'])
                : '医生外出进修，未能回访'
              : null,
            createdAt: closedAt,
            updatedAt: resolvedAt ?? closedAt,
          });
        }
        out.eventAttendees.push({
          id: eventRng.uuid(),
          eventId,
          doctorId,
          invitedAt,
          signedInAt: came ? stamp(eventDate, startMinutes + eventRng.int(-30, 10)) : null,
          followUpId,
        });
      }
    });
  });

  // ── complaints: about four per team, every status, doctors and channel customers ──
  const complaintRng = root.fork('complaints');
  let n = 0;
  rows.teams.forEach((team, teamIndex) => {
    const territories = territoriesOfTeam(team.id as string);
    if (territories.length === 0) return;
    // one more for the first team (rep01's and manager01's)
    const count = COMPLAINTS_PER_TEAM + (teamIndex === 0 ? 1 : 0);
    for (let k = 0; k < count; k++) {
      const status = complaintStatusCycle[n % complaintStatusCycle.length]!;
      n += 1;
      const territory = territories[k % territories.length]!;
      const territoryId = territory.id as string;
      const customers = customersOf.get(territoryId) ?? [];
      const toChannel = customers.length > 0 && complaintRng.chance(0.4);
      const issueType = complaintRng.pick(toChannel ? channelIssues : doctorIssues);
      const severity: ComplaintSeverity =
        issueType === 'quality' || complaintRng.chance(0.15) ? 'urgent' : 'normal';
      const hours = complaintDueHours[severity];
      // closed ones within the last half year; open ones recent, some of them past their due time
      const receivedOn =
        status === 'closed'
          ? workday(addDays(today, -complaintRng.int(12, CARE_EVENTS_HISTORY_DAYS)))
          : addDays(today, -complaintRng.int(status === 'received' ? 1 : 2, 9));
      const ownerId = repOn(territoryId, receivedOn);
      if (!ownerId) continue;
      let doctorId: string | null = null;
      let hospitalId: string | null = null;
      let channelCustomerId: string | null = null;
      if (toChannel) channelCustomerId = complaintRng.pick(customers);
      else {
        const d = complaintRng.pick(doctorsOfTerritory(territoryId));
        doctorId = d.id as string;
        hospitalId = d.hospitalId;
      }
      const receivedAt = stamp(receivedOn, complaintRng.int(9 * 60, 17 * 60));
      const due = complaintDueTimes(receivedAt, severity);
      const text = complaintTexts[issueType];
      const at = (fromIso: string, maxHours: number) =>
        plusHours(fromIso, complaintRng.int(5, Math.max(6, Math.floor(maxHours * 10))) / 10);
      const latest = `${yesterday}T23:00:00+08:00`;
      const clampNow = (iso: string) =>
        Date.parse(iso) < Date.parse(latest) ? iso : new Date(latest).toISOString();
      const reached = complaintStatusOrder(status);
      const acknowledgedAt = reached >= 1 ? clampNow(at(receivedAt, hours.acknowledge * 0.8)) : null;
      const actionTakenAt =
        reached >= 2
          ? clampNow(at(acknowledgedAt!, Math.max(2, (hours.close - hours.acknowledge) * 0.4)))
          : null;
      const late = complaintRng.chance(0.1);
      const closedAt =
        reached >= 3
          ? clampNow(
              late
                ? plusHours(due.closeDueAt, complaintRng.int(2, 30))
                : at(actionTakenAt!, hours.close * 0.4),
            )
          : null;
      // compensation is goods for a channel customer, never anything of value to a doctor
      const compensated = text.compensation !== null && toChannel;
      out.complaints.push({
        id: complaintRng.uuid(),
        ownerId,
        doctorId,
        hospitalId,
        channelCustomerId,
        productId:
          territory.productIds && territory.productIds.length > 0 && complaintRng.chance(0.85)
            ? complaintRng.pick(territory.productIds)
            : null,
        issueType,
        severity,
        description: text.description,
        receivedAt,
        channel: complaintRng.pick(
          toChannel ? ['phone', 'wechat', 'visit'] : ['visit', 'wechat', 'phone', 'letter'],
        ),
        status,
        acknowledgeDueAt: due.acknowledgeDueAt,
        closeDueAt: due.closeDueAt,
        acknowledgedAt,
        empoweredScope: reached >= 1 ? text.scope : null,
        urgentAction: reached >= 2 || (reached === 1 && complaintRng.chance(0.5)) ? text.action : null,
        apologized: reached >= 2,
        compensation: reached >= 2 && compensated ? text.compensation : null,
        compensationFen: reached >= 2 && compensated ? complaintRng.int(5, 60) * 10_000 : null,
        actionTakenAt,
        resolution: reached >= 3 ? text.resolution : null,
        customerSatisfied: reached >= 3 ? complaintRng.chance(0.85) : null,
        closedAt,
        createdAt: plusHours(receivedAt, complaintRng.int(1, 20) / 10),
        updatedAt: closedAt ?? actionTakenAt ?? acknowledgedAt ?? plusHours(receivedAt, 2),
      });
    }
  });

  return out;
}

function complaintStatusOrder(status: ComplaintStatus): number {
  return ['received', 'acknowledged', 'actionTaken', 'closed'].indexOf(status);
}
