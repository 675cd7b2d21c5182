/**
 * Care demo data 客户关怀, a year a compliance officer could defend: important dates 重要日期 for about a fifth of
 * the doctors (at least two in the coming week for every rep, one of them lunar for each team's first rep), a few
 * care tiers chosen by hand, a year of care actions 关怀行动 for the reps' doctors under the default caps (per
 * action and per calendar year, all reps together), a 中秋 campaign per team approved by the manager, customer
 * plans over a cap approved by the manager and compliance, one rejected plan, plans still waiting for a decision,
 * and life events 喜事/不幸 with their follow-up tasks. Pure and seeded like the rest of the generator.
 *
 * Caps come from the default tiers and the tier each doctor has today (the chosen one, else the suggestion from
 * the best grade and the latest key-account lists), as resolveCareTiers answers it. Plans and their budget go
 * first, so the everyday care fills what is left of each doctor's year.
 */
import {
  addDays,
  bestGrade,
  careFestivals,
  careTierPolicy,
  checkCareAction,
  defaultCareTiers,
  festivalDate,
  festivalsBetween,
  lifeEventKinds,
  lunarOf,
  nextOccurrence,
  suggestCareTier,
  type CareFestival,
  type CareKind,
  type CareTierPolicy,
  type LifeEventKind,
} from '@keqing/domain';
import { defaultCareSettings } from '../../modules/care/care-settings.repository.ts';
import type {
  careActions,
  careDates,
  carePlanApprovals,
  carePlanItems,
  carePlans,
  doctorCareTiers,
  followUps,
  lifeEvents,
  doctorProfiles,
} from '../schema.ts';
import { PHARMACY_DEPARTMENT } from './catalog.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type CareRows = {
  /** Birthdays (some lunar) and a few preferences: the personal data care reminders start from */
  doctorProfiles: (typeof doctorProfiles.$inferInsert)[];
  doctorCareTiers: (typeof doctorCareTiers.$inferInsert)[];
  careDates: (typeof careDates.$inferInsert)[];
  lifeEvents: (typeof lifeEvents.$inferInsert)[];
  carePlans: (typeof carePlans.$inferInsert)[];
  carePlanItems: (typeof carePlanItems.$inferInsert)[];
  carePlanApprovals: (typeof carePlanApprovals.$inferInsert)[];
  careActions: (typeof careActions.$inferInsert)[];
};

type BaseRows = Omit<DemoRows, keyof CareRows>;
type Doctor = BaseRows['doctors'][number];
type PlanRow = CareRows['carePlans'][number];
type ItemRow = CareRows['carePlanItems'][number] & { id: string };

/** Care actions go back this many days before today (a year). */
export const CARE_HISTORY_DAYS = 365;
/** Share of doctors with an important date beyond the birthday. */
const CARE_DATE_SHARE = 0.2;
/** The coming week of the home page's care card: today and the six days after. */
const UPCOMING_DAYS = 6;
const GRADE_ORDER = ['A', 'B', 'C'];

const pad2 = (n: number) => String(n).padStart(2, '0');
const clock = (minutes: number) => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
const stamp = (date: string, minutes: number) => `${date}T${clock(minutes)}:00+08:00`;
const yearOf = (date: string) => Number(date.slice(0, 4));
/** ISO weekday, 1 = Monday … 7 = Sunday. */
const weekdayOf = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
/** Saturday and Sunday move back to the Friday before. */
const workday = (date: string) => {
  const w = weekdayOf(date);
  return w >= 6 ? addDays(date, 5 - w) : date;
};

// ── texts ───────────────────────────────────────────────────────────────────

const kindMix: readonly (readonly [CareKind, number])[] = [
  ['greeting', 0.26],
  ['information', 0.24],
  ['service', 0.15],
  ['help', 0.13],
  ['smallGift', 0.1],
  ['meal', 0.08],
  ['eventInvitation', 0.04],
];

const purposes: Record<CareKind, readonly string[]> = {
  greeting: ['病愈返岗问候', '入职纪念日问候', '外出进修归来问候', '换季问候，提醒注意休息', '职称晋升祝贺'],
  information: [
    '提供最新版临床诊疗指南解读资料',
    '发送近期核心期刊相关文献',
    '分享全国学术年会要点摘要',
    '提供药品说明书更新及安全性信息',
    '提供患者教育手册样稿供科室审阅',
  ],
  service: [
    '协助科室组织患者教育讲座',
    '协助整理科室病例讨论资料',
    '为科室学术幻灯片提供排版支持',
    '协助安排科室会场地与投影设备',
    '协助医生报名继续医学教育课程',
  ],
  help: [
    '协助联系上级医院专家会诊',
    '帮助医生查找外文文献全文',
    '协助解答患者用药咨询',
    '协助科室对接患者随访平台',
    '帮助科室联系设备维修',
  ],
  smallGift: [
    '赠送印有公司标识的笔记本和笔',
    '节日小礼品：茶叶一盒',
    '赠送医学主题台历',
    '赠送保温杯一个',
    '科室日常用品：听诊器保护套',
  ],
  meal: ['科室会后的工作餐', '学术交流工作餐', '病例讨论后的工作餐'],
  eventInvitation: ['邀请参加市级学术会议', '邀请参加线上学术直播', '邀请参加区域病例分享会'],
};

const evidence: Record<CareKind, readonly (string | null)[]> = {
  greeting: ['微信问候，医生已回复', '电话问候', '短信问候', null],
  information: [
    '文献 PDF 已通过企业微信发送，医生确认收到',
    '指南解读手册（纸质）一本，签收单已存档',
    '资料发送记录已截图存档',
  ],
  service: ['服务记录已由科室签字确认', '活动照片及签到表已上传', null],
  help: ['协助过程已记录，医生表示感谢', '联系记录已存档', null],
  smallGift: ['礼品签收单已拍照存档', '礼品采购发票及签收单已上传', '礼品出库单及签收记录已存档'],
  meal: ['工作餐发票已上传，参加人：医生本人及科室两名同事', '工作餐发票及参加人员名单已上传'],
  eventInvitation: ['邀请函及会议签到表已存档', '会议注册确认邮件已截图'],
};

const smallGiftPrices = [5000, 6800, 8800, 9800, 12800, 16800, 19800, 26800, 29800];

const campaignFeedback = [
  '医生表示感谢，月饼已收到，反馈单已回收',
  '科室同事一起分享，反馈良好',
  '医生回复：感谢节日问候，礼品已收到',
  '医生表示礼品适度，欢迎继续提供学术资料',
];

/** Customer plans over a cap (seed 000: approval by the manager, then compliance): kind, ¥ in fen, purpose. */
const overCapTemplates: readonly { kind: CareKind; valueFen: number; title: string; purpose: string }[] = [
  {
    kind: 'information',
    valueFen: 80_000,
    title: '学术专著赠送',
    purpose: '赠送学术专著《实用内科学（第16版）》一套，用于科室教学与查房',
  },
  {
    kind: 'eventInvitation',
    valueFen: 120_000,
    title: '全国学术年会参会支持',
    purpose: '邀请参加全国心血管病学术年会，承担会议注册费',
  },
  {
    kind: 'information',
    valueFen: 68_000,
    title: '英文原版专著赠送',
    purpose: '赠送英文原版专著《Braunwald 心脏病学》一本，支持科室学术研究',
  },
];

const careDateTemplates = {
  workAnniversary: ['入职纪念日', '从医纪念日', '任科主任纪念日'],
  familySolar: ['结婚纪念日', '孩子生日', '孩子高考', '孩子中考'],
  familyLunar: ['父亲生日', '母亲生日', '母亲七十寿辰', '父亲八十寿辰'],
  other: ['科室成立纪念日', '博士毕业纪念日'],
} as const;

const lifeEventTemplates: readonly { kind: LifeEventKind; note: string; care: string | null }[] = [
  { kind: 'promotion', note: '晋升为科室主任', care: '祝贺晋升科室主任' },
  { kind: 'illness', note: '因腰椎间盘突出住院治疗，预计休养两周', care: '住院期间电话慰问，祝早日康复' },
  { kind: 'birth', note: '家中添了一个孙子', care: '祝贺家中添丁' },
  { kind: 'wedding', note: '女儿下月举行婚礼', care: '祝贺女儿新婚' },
  { kind: 'bereavement', note: '父亲病逝，请假一周', care: '电话慰问，表达哀思' },
  { kind: 'promotion', note: '获评主任医师职称', care: '祝贺获评主任医师' },
];

/** As the life-event tasks name them (messages care.lifeEvent.kind.*). */
const lifeEventLabels: Record<LifeEventKind, string> = {
  wedding: '结婚',
  birth: '添丁',
  promotion: '晋升',
  anniversary: '周年纪念',
  illness: '生病',
  bereavement: '亲人去世',
  disaster: '遭遇灾害',
};

// ── the generator ───────────────────────────────────────────────────────────

/** The care rows, and the life events' tasks (`followUps`, to join the calls' follow-ups). */
export function generateCareData(
  rows: BaseRows,
  root: Random,
  options: { today: string },
): CareRows & { followUps: (typeof followUps.$inferInsert)[] } {
  const { today } = options;
  const out: CareRows & { followUps: (typeof followUps.$inferInsert)[] } = {
    doctorProfiles: [],
    doctorCareTiers: [],
    careDates: [],
    lifeEvents: [],
    carePlans: [],
    carePlanItems: [],
    carePlanApprovals: [],
    careActions: [],
    followUps: [],
  };
  const tiers: readonly CareTierPolicy[] = defaultCareTiers;
  const historyStart = addDays(today, -CARE_HISTORY_DAYS);
  const yesterday = addDays(today, -1);

  // ── lookups ──
  const doctorById = new Map(rows.doctors.map((d) => [d.id as string, d]));
  const hospitalOf = (doctorId: string) => doctorById.get(doctorId)!.hospitalId;
  const departmentName = new Map(rows.departments.map((d) => [d.id as string, d.name]));
  const isPharmacy = (d: Doctor) => departmentName.get(d.departmentId ?? '') === PHARMACY_DEPARTMENT;
  const doctorsOfHospital = new Map<string, Doctor[]>();
  for (const d of rows.doctors) {
    const list = doctorsOfHospital.get(d.hospitalId);
    if (list) list.push(d);
    else doctorsOfHospital.set(d.hospitalId, [d]);
  }
  const gradesOf = new Map<string, string[]>();
  const productsOf = new Map<string, string[]>();
  for (const s of rows.doctorProductStatus) {
    gradesOf.set(s.doctorId, [...(gradesOf.get(s.doctorId) ?? []), s.grade]);
    productsOf.set(s.doctorId, [...(productsOf.get(s.doctorId) ?? []), s.productId]);
  }
  const latestMonth = rows.keyAccountSnapshots.reduce((m, k) => (k.month > m ? k.month : m), '');
  const keyAccounts = new Set(
    rows.keyAccountSnapshots
      .filter((k) => k.month === latestMonth && k.entityType === 'doctor')
      .map((k) => k.entityId),
  );
  const suggestedTier = (doctorId: string) =>
    suggestCareTier(tiers, bestGrade(gradesOf.get(doctorId) ?? [], GRADE_ORDER), keyAccounts.has(doctorId));

  const users = rows.users;
  const complianceId = users.find((u) => u.role === 'compliance')?.id ?? null;
  const repsOfTeam = new Map<string, string[]>();
  for (const u of users) {
    if (u.role !== 'rep' || !u.teamId) continue;
    repsOfTeam.set(u.teamId, [...(repsOfTeam.get(u.teamId) ?? []), u.id as string]);
  }
  const territoryById = new Map(rows.territories.map((t) => [t.id as string, t]));
  const hospitalsOfTerritory = new Map<string, string[]>();
  for (const th of rows.territoryHospitals) {
    hospitalsOfTerritory.set(th.territoryId, [
      ...(hospitalsOfTerritory.get(th.territoryId) ?? []),
      th.hospitalId,
    ]);
  }
  const assignmentsOf = new Map<string, BaseRows['territoryAssignments']>();
  for (const a of rows.territoryAssignments) {
    assignmentsOf.set(a.territoryId, [...(assignmentsOf.get(a.territoryId) ?? []), a]);
  }
  /** The rep covering a territory on a date (the current rep when the date precedes every assignment). */
  const repOn = (territoryId: string, date: string): string | null => {
    const list = assignmentsOf.get(territoryId) ?? [];
    const covering = list.find((a) => a.startDate <= date && (a.endDate == null || a.endDate >= date));
    return (covering ?? list.find((a) => a.endDate == null))?.userId ?? null;
  };
  /** Each rep's doctors today: the hospitals of the territories assigned to them now. */
  const currentTerritoriesOf = new Map<string, string[]>();
  for (const a of rows.territoryAssignments) {
    if (a.endDate != null) continue;
    currentTerritoriesOf.set(a.userId, [...(currentTerritoriesOf.get(a.userId) ?? []), a.territoryId]);
  }
  const doctorsOfRep = new Map<string, Doctor[]>();
  for (const [repId, territoryIds] of currentTerritoriesOf) {
    const seen = new Set<string>();
    const list: Doctor[] = [];
    for (const t of territoryIds.slice().sort()) {
      for (const h of hospitalsOfTerritory.get(t) ?? []) {
        for (const d of doctorsOfHospital.get(h) ?? []) {
          if (seen.has(d.id as string)) continue;
          seen.add(d.id as string);
          list.push(d);
        }
      }
    }
    doctorsOfRep.set(repId, list);
  }
  const callsOf = new Map<string, { id: string; date: string; ownerId: string }[]>();
  for (const c of rows.calls) {
    if (c.callDate < historyStart || c.callDate >= today) continue;
    const list = callsOf.get(c.doctorId);
    const entry = { id: c.id as string, date: c.callDate, ownerId: c.ownerId };
    if (list) list.push(entry);
    else callsOf.set(c.doctorId, [entry]);
  }
  const honorific = (d: Doctor) => `${d.name}${d.title?.includes('主任') ? '主任' : '医生'}`;

  // ── care tiers chosen by hand: a few per team, the rest follow the suggestion ──
  const tierRng = root.fork('tiers');
  const chosenTier = new Map<string, string>();
  rows.teams.forEach((team, teamIndex) => {
    const managerId = team.managerId ?? null;
    const candidates = (repsOfTeam.get(team.id as string) ?? []).flatMap((r) => doctorsOfRep.get(r) ?? []);
    const choose = (from: string, to: string, count: number) => {
      const pool = tierRng
        .shuffle(candidates.filter((d) => suggestedTier(d.id as string) === from && !isPharmacy(d)))
        .filter((d) => !chosenTier.has(d.id as string));
      for (const d of pool.slice(0, count)) {
        chosenTier.set(d.id as string, to);
        const at = stamp(addDays(today, -tierRng.int(20, 300)), tierRng.int(9 * 60, 18 * 60));
        out.doctorCareTiers.push({
          doctorId: d.id as string,
          tier: to,
          setBy: managerId,
          createdAt: at,
          updatedAt: at,
        });
      }
    };
    // a 学科带头人 without an A grade yet; a new head of department; one who asked for less contact
    choose(tiers[1]!.key, tiers[0]!.key, 1);
    choose(tiers[tiers.length - 1]!.key, tiers[1]!.key, 1);
    if (teamIndex % 2 === 0) choose(tiers[0]!.key, tiers[1]!.key, 1);
  });
  const policyOf = (doctorId: string): CareTierPolicy =>
    careTierPolicy(tiers, chosenTier.get(doctorId) ?? suggestedTier(doctorId));

  // ── every doctor's year, all reps together: spend and count per calendar year ──
  const spent = new Map<string, { fen: number; actions: number }>();
  const spendOf = (doctorId: string, date: string) => {
    const key = `${doctorId}|${yearOf(date)}`;
    let s = spent.get(key);
    if (!s) {
      s = { fen: 0, actions: 0 };
      spent.set(key, s);
    }
    return s;
  };
  /** Whether an action fits the doctor's tier (kind, per-action and yearly cap, actions a year). */
  const fits = (doctorId: string, kind: CareKind, valueFen: number, date: string) => {
    const policy = policyOf(doctorId);
    const s = spendOf(doctorId, date);
    if (s.actions >= policy.actionsPerYear) return false;
    return !checkCareAction({ policy, kind, valueFen, yearSpentFen: s.fen }).overCap;
  };
  const book = (doctorId: string, valueFen: number, date: string) => {
    const s = spendOf(doctorId, date);
    s.fen += valueFen;
    s.actions += 1;
  };

  /** Writes an action whose value is already booked (a plan item reserves its value first). */
  const recordAction = (a: {
    ownerId: string;
    doctorId: string;
    kind: CareKind;
    date: string;
    valueFen: number;
    purpose: string;
    evidenceNote: string | null;
    festival?: CareFestival | null;
    callId?: string | null;
    carePlanItemId?: string | null;
    at: string;
  }) => {
    out.careActions.push({
      id: root.uuid(),
      ownerId: a.ownerId,
      doctorId: a.doctorId,
      hospitalId: hospitalOf(a.doctorId),
      kind: a.kind,
      actionDate: a.date,
      valueFen: a.valueFen,
      purpose: a.purpose,
      evidenceNote: a.evidenceNote,
      festival: a.festival ?? null,
      callId: a.callId ?? null,
      carePlanItemId: a.carePlanItemId ?? null,
      createdAt: a.at,
      updatedAt: a.at,
    });
  };

  const addAction = (a: Parameters<typeof recordAction>[0]) => {
    book(a.doctorId, a.valueFen, a.date);
    recordAction(a);
  };

  const addPlan = (
    rng: Random,
    plan: Omit<PlanRow, 'id' | 'createdAt' | 'updatedAt'> & { createdAt: string },
    items: { doctorId: string; kind: CareKind; valueFen: number; purpose: string }[],
  ) => {
    const id = rng.uuid();
    out.carePlans.push({ ...plan, id, updatedAt: plan.submittedAt ?? plan.createdAt });
    return {
      id,
      row: out.carePlans[out.carePlans.length - 1]!,
      items: items.map((item) => {
        const row: ItemRow = {
          id: rng.uuid(),
          carePlanId: id,
          doctorId: item.doctorId,
          hospitalId: hospitalOf(item.doctorId),
          kind: item.kind,
          valueFen: item.valueFen,
          purpose: item.purpose,
        };
        out.carePlanItems.push(row);
        return row;
      }),
    };
  };
  const decide = (
    carePlanId: string,
    step: 'manager' | 'compliance',
    decision: 'approved' | 'rejected',
    decidedBy: string,
    decidedAt: string,
    comment: string | null,
  ) =>
    out.carePlanApprovals.push({
      id: root.uuid(),
      carePlanId,
      step,
      decision,
      decidedBy,
      comment,
      decidedAt,
    });

  /** Whether a planned item is over a cap today (it then needs compliance after the manager). */
  const overCap = (doctorId: string, kind: CareKind, valueFen: number, date: string) =>
    checkCareAction({ policy: policyOf(doctorId), kind, valueFen, yearSpentFen: spendOf(doctorId, date).fen })
      .overCap;

  /** A rep's doctors (not 药剂科) who were theirs on `date` too (no hand-over since). */
  const coveredBy = (repId: string, date: string) =>
    (doctorsOfRep.get(repId) ?? []).filter(
      (d) =>
        !isPharmacy(d) &&
        (currentTerritoriesOf.get(repId) ?? []).some(
          (t) => (hospitalsOfTerritory.get(t) ?? []).includes(d.hospitalId) && repOn(t, date) === repId,
        ),
    );
  const tierRank = (doctorId: string) => tiers.findIndex((t) => t.key === policyOf(doctorId).key);

  // ── 中秋 campaign per team: small gifts within each doctor's caps, approved by the manager, executed ──
  const planRng = root.fork('plans');
  let midAutumn = festivalDate('midAutumn', yearOf(today));
  if (midAutumn >= today) midAutumn = festivalDate('midAutumn', yearOf(today) - 1);
  /** 月饼礼盒 by tier (best first); the last tiers get the ¥98 box */
  const mooncakes = [26_800, 19_800];
  for (const team of rows.teams) {
    const managerId = team.managerId as string;
    const ownerId = (repsOfTeam.get(team.id as string) ?? [])[0];
    if (!ownerId) continue;
    const giveOn = addDays(midAutumn, -planRng.int(2, 5));
    const candidates = planRng
      .shuffle(coveredBy(ownerId, giveOn).filter((d) => gradesOf.has(d.id as string)))
      .sort((a, b) => tierRank(a.id as string) - tierRank(b.id as string));
    const items: { doctorId: string; kind: CareKind; valueFen: number; purpose: string }[] = [];
    const wanted = planRng.int(10, 20);
    for (const d of candidates) {
      if (items.length >= wanted) break;
      const doctorId = d.id as string;
      const valueFen = Math.min(mooncakes[tierRank(doctorId)] ?? 9_800, policyOf(doctorId).capPerActionFen);
      if (!fits(doctorId, 'smallGift', valueFen, giveOn)) continue;
      book(doctorId, valueFen, giveOn); // reserved before the everyday care; the action below is recorded only
      items.push({ doctorId, kind: 'smallGift', valueFen, purpose: '中秋节问候：月饼礼盒一盒（附反馈单）' });
    }
    if (items.length === 0) continue;
    const submittedOn = addDays(midAutumn, -planRng.int(18, 25));
    const submittedAt = stamp(submittedOn, planRng.int(9 * 60, 17 * 60));
    const plan = addPlan(
      planRng,
      {
        ownerId,
        title: `中秋节客户关怀（${team.name}）`,
        kind: 'campaign',
        festival: 'midAutumn',
        plannedDate: giveOn,
        purpose: '中秋节向重点客户赠送月饼礼盒并附反馈单，表达节日问候；单价不超过客户等级的每次上限',
        status: 'executed',
        needsCompliance: false,
        submittedAt,
        createdAt: stamp(addDays(submittedOn, -1), planRng.int(9 * 60, 17 * 60)),
      },
      items,
    );
    decide(
      plan.id,
      'manager',
      'approved',
      managerId,
      stamp(addDays(submittedOn, 1), planRng.int(9 * 60, 18 * 60)),
      '同意。礼品单价控制在等级上限内，随礼附反馈单并及时回收。',
    );
    let last = submittedAt;
    for (const item of plan.items) {
      const at = stamp(giveOn, planRng.int(9 * 60, 18 * 60));
      recordAction({
        ownerId,
        doctorId: item.doctorId,
        kind: 'smallGift',
        date: giveOn,
        valueFen: item.valueFen,
        purpose: item.purpose as string,
        evidenceNote: planRng.pick(['礼品签收单及反馈单已回收', '快递签收记录已截图，反馈单随礼发放']),
        festival: 'midAutumn',
        carePlanItemId: item.id,
        at,
      });
      if (planRng.chance(0.8)) {
        const on = addDays(giveOn, planRng.int(1, 6));
        item.feedback = planRng.pick(campaignFeedback);
        item.feedbackAt = stamp(on < today ? on : yesterday, planRng.int(9 * 60, 20 * 60));
        if (item.feedbackAt > last) last = item.feedbackAt;
      }
      if (at > last) last = at;
    }
    plan.row.updatedAt = last;
  }

  // ── customer plans over a cap: the manager, then compliance approve; executed with feedback ──
  const overCapItem = (doctorId: string) => {
    const policy = policyOf(doctorId);
    const options = overCapTemplates.filter(
      (t) => t.valueFen > policy.capPerActionFen && t.valueFen <= policy.capPerYearFen,
    );
    return options.length > 0 ? planRng.pick(options) : null;
  };
  rows.teams.forEach((team, teamIndex) => {
    const managerId = team.managerId as string;
    const reps = repsOfTeam.get(team.id as string) ?? [];
    const ownerId = reps[1 + (teamIndex % Math.max(1, reps.length - 1))] ?? reps[0];
    if (!ownerId || !complianceId) return;
    const actionOn = workday(addDays(today, -planRng.int(30, 300)));
    const doctor = planRng
      .shuffle(coveredBy(ownerId, actionOn).filter((d) => gradesOf.has(d.id as string)))
      .sort((a, b) => tierRank(a.id as string) - tierRank(b.id as string))
      .find((d) => overCapItem(d.id as string) !== null);
    if (!doctor) return;
    const doctorId = doctor.id as string;
    const template = overCapItem(doctorId)!;
    const submittedOn = addDays(actionOn, -planRng.int(10, 20));
    const submittedAt = stamp(submittedOn, planRng.int(9 * 60, 17 * 60));
    const plan = addPlan(
      planRng,
      {
        ownerId,
        title: `${honorific(doctor)}${template.title}`,
        kind: 'customer',
        festival: null,
        plannedDate: actionOn,
        purpose: `${template.purpose}。超出客户等级每次上限，按流程报经理及合规审批`,
        status: 'executed',
        needsCompliance: overCap(doctorId, template.kind, template.valueFen, actionOn),
        submittedAt,
        createdAt: stamp(addDays(submittedOn, -1), planRng.int(9 * 60, 17 * 60)),
      },
      [{ doctorId, kind: template.kind, valueFen: template.valueFen, purpose: template.purpose }],
    );
    const managerOn = addDays(submittedOn, planRng.int(1, 2));
    decide(
      plan.id,
      'manager',
      'approved',
      managerId,
      stamp(managerOn, planRng.int(9 * 60, 18 * 60)),
      '学术用途明确，同意，提交合规审批。',
    );
    decide(
      plan.id,
      'compliance',
      'approved',
      complianceId,
      stamp(addDays(managerOn, planRng.int(1, 3)), planRng.int(9 * 60, 18 * 60)),
      '用途为学术交流，价值合理，同意；请保留发票和签收单。',
    );
    const at = stamp(actionOn, planRng.int(9 * 60, 18 * 60));
    addAction({
      ownerId,
      doctorId,
      kind: template.kind,
      date: actionOn,
      valueFen: template.valueFen,
      purpose: template.purpose,
      evidenceNote: '发票、签收单及审批单已上传',
      carePlanItemId: plan.items[0]!.id,
      at,
    });
    const item = plan.items[0]!;
    item.feedback = '医生确认收到，表示对科室教学和学术交流很有帮助';
    item.feedbackAt = stamp(addDays(actionOn, planRng.int(1, 5)), planRng.int(9 * 60, 20 * 60));
    plan.row.updatedAt = item.feedbackAt;
  });

  // ── a rejected plan, and plans waiting for a decision (rep01 for the manager, another for compliance) ──
  const firstTeam = rows.teams[0];
  const firstReps = firstTeam ? (repsOfTeam.get(firstTeam.id as string) ?? []) : [];
  const bestDoctorOf = (repId: string, date: string) =>
    planRng
      .shuffle(coveredBy(repId, date).filter((d) => gradesOf.has(d.id as string)))
      .sort((a, b) => tierRank(a.id as string) - tierRank(b.id as string))[0] ?? coveredBy(repId, date)[0];
  if (firstTeam) {
    const managerId = firstTeam.managerId as string;
    const rejectedOwner = firstReps[2] ?? firstReps[firstReps.length - 1];
    const submittedOn = addDays(today, -planRng.int(30, 60));
    const doctor = rejectedOwner ? bestDoctorOf(rejectedOwner, submittedOn) : undefined;
    if (rejectedOwner && doctor) {
      const doctorId = doctor.id as string;
      const submittedAt = stamp(submittedOn, planRng.int(9 * 60, 17 * 60));
      const purpose = '春节前赠送高档白酒两瓶，维护客户关系';
      const plan = addPlan(
        planRng,
        {
          ownerId: rejectedOwner,
          title: `${honorific(doctor)}节日礼品`,
          kind: 'customer',
          festival: null,
          plannedDate: addDays(submittedOn, 14),
          purpose,
          status: 'rejected',
          needsCompliance: overCap(doctorId, 'smallGift', 160_000, addDays(submittedOn, 14)),
          submittedAt,
          createdAt: submittedAt,
        },
        [{ doctorId, kind: 'smallGift', valueFen: 160_000, purpose }],
      );
      const decidedAt = stamp(addDays(submittedOn, 1), planRng.int(9 * 60, 18 * 60));
      decide(
        plan.id,
        'manager',
        'rejected',
        managerId,
        decidedAt,
        '礼品价值远超客户等级上限，且非学术用途，不符合公司合规政策。请改为学术资料或节日问候。',
      );
      plan.row.updatedAt = decidedAt;
    }

    const waiting = (ownerId: string | undefined, status: 'submitted' | 'managerApproved') => {
      if (!ownerId) return;
      const plannedDate = addDays(today, planRng.int(10, 20));
      const doctor = bestDoctorOf(ownerId, today);
      if (!doctor) return;
      const doctorId = doctor.id as string;
      const template = overCapItem(doctorId) ?? overCapTemplates[0]!;
      const submittedOn = status === 'submitted' ? yesterday : addDays(today, -3);
      const submittedAt = stamp(submittedOn, planRng.int(15 * 60, 18 * 60));
      const plan = addPlan(
        planRng,
        {
          ownerId,
          title: `${honorific(doctor)}${template.title}`,
          kind: 'customer',
          festival: null,
          plannedDate,
          purpose: `${template.purpose}。超出客户等级每次上限，需经理及合规审批`,
          status,
          needsCompliance: overCap(doctorId, template.kind, template.valueFen, plannedDate),
          submittedAt,
          createdAt: stamp(submittedOn, planRng.int(9 * 60, 15 * 60 - 1)),
        },
        [{ doctorId, kind: template.kind, valueFen: template.valueFen, purpose: template.purpose }],
      );
      if (status === 'managerApproved') {
        const decidedAt = stamp(addDays(submittedOn, 1), planRng.int(9 * 60, 18 * 60));
        decide(plan.id, 'manager', 'approved', managerId, decidedAt, '同意，请合规审核。');
        plan.row.updatedAt = decidedAt;
      }
    };
    waiting(firstReps[0], 'submitted');
    waiting(firstReps[1], 'managerApproved');
  }

  // ── life events with their tasks: a misfortune is due the day it is recorded, a happy event in three days ──
  const eventRng = root.fork('lifeEvents');
  rows.teams.forEach((team, teamIndex) => {
    const reps = repsOfTeam.get(team.id as string) ?? [];
    const count = teamIndex === 0 ? 3 : 2;
    for (let k = 0; k < count; k++) {
      const repId = reps[k % Math.max(1, reps.length)];
      if (!repId) continue;
      // rep01: a misfortune today (its call is still to make); otherwise within the last half year
      const template =
        lifeEventTemplates[
          teamIndex === 0 ? [1, 0, 2][k]! : (teamIndex * 2 + k) % lifeEventTemplates.length
        ]!;
      const recordedOn = teamIndex === 0 && k === 0 ? today : addDays(today, -eventRng.int(5, 180));
      const doctors = coveredBy(repId, recordedOn);
      const doctor = eventRng.pick(doctors.length > 0 ? doctors : (doctorsOfRep.get(repId) ?? []));
      if (!doctor) continue;
      const doctorId = doctor.id as string;
      const nature = lifeEventKinds[template.kind];
      const dueDate = nature === 'misfortune' ? recordedOn : addDays(recordedOn, 3);
      const createdAt = stamp(recordedOn, eventRng.int(9 * 60, 12 * 60));
      const done = dueDate < today;
      const resolvedOn = done
        ? nature === 'misfortune'
          ? recordedOn
          : addDays(recordedOn, eventRng.int(0, 3))
        : null;
      const resolvedAt = resolvedOn ? stamp(resolvedOn, eventRng.int(14 * 60, 20 * 60)) : null;
      const followUpId = eventRng.uuid();
      const label = lifeEventLabels[template.kind];
      out.followUps.push({
        id: followUpId,
        callId: null,
        ownerId: repId,
        doctorId,
        title: nature === 'misfortune' ? `致电慰问（简短，不谈业务）：${label}` : `祝贺：${label}`,
        dueDate,
        status: done ? 'done' : 'open',
        resolvedAt,
        resolutionNote: done ? (nature === 'misfortune' ? '已电话慰问，未谈业务' : '已当面祝贺') : null,
        createdAt,
        updatedAt: resolvedAt ?? createdAt,
      });
      out.lifeEvents.push({
        id: eventRng.uuid(),
        doctorId,
        kind: template.kind,
        nature,
        occurredOn: nature === 'misfortune' ? addDays(recordedOn, -eventRng.int(0, 2)) : recordedOn,
        note: template.note,
        followUpId,
        createdBy: repId,
        createdAt,
      });
      if (resolvedOn && template.care) {
        const kind: CareKind = nature === 'misfortune' && template.kind === 'illness' ? 'help' : 'greeting';
        if (fits(doctorId, kind, 0, resolvedOn)) {
          addAction({
            ownerId: repId,
            doctorId,
            kind,
            date: resolvedOn,
            valueFen: 0,
            purpose: template.care,
            evidenceNote: nature === 'misfortune' ? '电话慰问记录' : '微信祝贺，医生已回复',
            at: resolvedAt!,
          });
        }
      }
    }
  });

  // ── everyday care: per territory, the scored doctors by tier, a few others now and then ──
  const festivals = festivalsBetween(defaultCareSettings.festivals, historyStart, yesterday).filter(
    (f) => f.festival !== 'midAutumn',
  );
  const pairsPerYear = (tier: number, scored: boolean, rng: Random) => {
    if (!scored) return rng.chance(0.05) ? 1 : 0;
    if (tier === 0) return rng.int(2, 7);
    if (tier === 1) return rng.int(1, 3);
    return rng.weighted([
      [0, 0.55],
      [1, 0.3],
      [2, 0.15],
    ] as const);
  };
  for (const territory of rows.territories.slice().sort((a, b) => (a.code < b.code ? -1 : 1))) {
    const territoryId = territory.id as string;
    const rng = root.fork(`care:${territory.code}`);
    const products = territoryById.get(territoryId)?.productIds ?? [];
    for (const hospitalId of hospitalsOfTerritory.get(territoryId) ?? []) {
      for (const d of doctorsOfHospital.get(hospitalId) ?? []) {
        const doctorId = d.id as string;
        const scored = (productsOf.get(doctorId) ?? []).some((p) => products.includes(p));
        const pharmacy = isPharmacy(d);
        const n = pharmacy
          ? rng.chance(0.3)
            ? rng.int(1, 2)
            : 0
          : pairsPerYear(tierRank(doctorId), scored, rng);
        const policy = policyOf(doctorId);
        const kinds = kindMix.filter(([k]) => policy.allowedKinds.includes(k));
        const calls = (callsOf.get(doctorId) ?? []).filter((c) => repOn(territoryId, c.date) === c.ownerId);
        for (let i = 0; i < n; i++) {
          const kind: CareKind = pharmacy
            ? rng.pick(['service', 'information'] as const)
            : rng.weighted(kinds);
          let date = workday(addDays(today, -rng.int(1, CARE_HISTORY_DAYS)));
          if (date < historyStart) date = addDays(date, 7);
          let festival: CareFestival | null = null;
          let callId: string | null = null;
          let purpose = rng.pick(purposes[kind]);
          let note = rng.pick(evidence[kind]);
          if (kind === 'greeting' && festivals.length > 0 && rng.chance(0.7)) {
            const f = rng.pick(
              festivals.filter(
                (x) => d.gender === '女' || (x.festival !== 'womensDay' && x.festival !== 'mothersDay'),
              ),
            );
            festival = f.festival;
            date = rng.chance(0.7) ? f.date : addDays(f.date, -1);
            purpose = `${careFestivals[f.festival]['zh-CN']}问候`;
          } else if (kind !== 'greeting' && calls.length > 0 && rng.chance(0.4)) {
            const c = rng.pick(calls);
            date = c.date;
            callId = c.id;
            note = rng.chance(0.5) ? '拜访时当面递送，医生确认' : note;
          }
          const ownerId = callId ? calls.find((c) => c.id === callId)!.ownerId : repOn(territoryId, date);
          if (!ownerId || date < historyStart || date >= today) continue;
          const valueFen = valueOf(rng, kind, policy);
          if (!fits(doctorId, kind, valueFen, date)) continue;
          addAction({
            ownerId,
            doctorId,
            kind,
            date,
            valueFen,
            purpose,
            evidenceNote: note,
            festival,
            callId,
            at: stamp(date, rng.int(12 * 60, 21 * 60)),
          });
        }
      }
    }
  }

  // ── a key doctor per team cared for a lot this year: near the yearly cap, never over it (the dashboard) ──
  const heavyRng = root.fork('nearCap');
  const yearStart = `${yearOf(yesterday)}-01-01`;
  for (const team of rows.teams) {
    const repId = (repsOfTeam.get(team.id as string) ?? [])[3];
    if (!repId) continue;
    const doctor = heavyRng
      .shuffle(coveredBy(repId, yearStart).filter((d) => tierRank(d.id as string) === 0))
      .find((d) => spendOf(d.id as string, yesterday).fen < policyOf(d.id as string).capPerYearFen / 2);
    if (!doctor) continue;
    const doctorId = doctor.id as string;
    const policy = policyOf(doctorId);
    for (let tries = 0; tries < 40; tries++) {
      if (spendOf(doctorId, yesterday).fen >= policy.capPerYearFen * 0.85) break;
      const kind = heavyRng.pick(['meal', 'smallGift', 'eventInvitation'] as const);
      const valueFen = valueOf(heavyRng, kind, policy);
      const days = Math.max(1, Math.round((Date.parse(yesterday) - Date.parse(yearStart)) / 86_400_000));
      const date = workday(addDays(yearStart, heavyRng.int(0, days)));
      if (date < yearStart || date >= today || valueFen === 0 || !fits(doctorId, kind, valueFen, date))
        continue;
      addAction({
        ownerId: repId,
        doctorId,
        kind,
        date,
        valueFen,
        purpose: heavyRng.pick(purposes[kind]),
        evidenceNote: heavyRng.pick(evidence[kind]),
        at: stamp(date, heavyRng.int(12 * 60, 21 * 60)),
      });
    }
  }

  // ── important dates: about a fifth of the doctors, then at least two in the coming week per rep ──
  const dateRng = root.fork('careDates');
  const creatorOf = new Map<string, string>();
  for (const [repId, list] of doctorsOfRep)
    for (const d of list) if (!creatorOf.has(d.id as string)) creatorOf.set(d.id as string, repId);
  const addCareDate = (
    d: Doctor,
    kind: 'workAnniversary' | 'familyEvent' | 'other',
    label: string,
    month: number,
    day: number,
    isLunar: boolean,
    sinceYear: number | null,
    notes: string | null,
  ) => {
    const at = stamp(addDays(today, -dateRng.int(7, 300)), dateRng.int(9 * 60, 20 * 60));
    out.careDates.push({
      id: dateRng.uuid(),
      doctorId: d.id as string,
      kind,
      label,
      month,
      day,
      isLunar,
      sinceYear,
      notes,
      createdBy: creatorOf.get(d.id as string) ?? null,
      createdAt: at,
      updatedAt: at,
    });
  };
  const thisYear = yearOf(today);
  const randomDate = (d: Doctor, month: number, day: number) => {
    const roll = dateRng.next();
    if (roll < 0.45) {
      const label = dateRng.pick(careDateTemplates.workAnniversary);
      addCareDate(d, 'workAnniversary', label, month, day, false, thisYear - dateRng.int(3, 30), null);
    } else if (roll < 0.75) {
      const label = dateRng.pick(careDateTemplates.familySolar);
      if (label === '孩子高考') {
        const year = thisYear + dateRng.int(1, 2);
        addCareDate(d, 'familyEvent', label, 6, 7, false, year, `孩子${year}年参加高考，考前送上祝福`);
      } else if (label === '孩子中考') {
        addCareDate(d, 'familyEvent', label, 6, dateRng.int(14, 20), false, thisYear + 1, null);
      } else {
        addCareDate(d, 'familyEvent', label, month, day, false, thisYear - dateRng.int(2, 25), null);
      }
    } else if (roll < 0.9) {
      const label = dateRng.pick(careDateTemplates.familyLunar);
      addCareDate(d, 'familyEvent', label, month, Math.min(day, 29), true, null, '农历，按当年换算公历');
    } else {
      const label = dateRng.pick(careDateTemplates.other);
      addCareDate(d, 'other', label, month, day, false, thisYear - dateRng.int(5, 40), null);
    }
  };
  for (const d of rows.doctors) {
    if (!dateRng.chance(CARE_DATE_SHARE)) continue;
    randomDate(d, dateRng.int(1, 12), dateRng.int(1, 28));
    if (dateRng.chance(0.15)) randomDate(d, dateRng.int(1, 12), dateRng.int(1, 28));
  }
  /** Care dates in the coming week per doctor (the ones added below always are). */
  const upcomingPerDoctor = new Map<string, number>();
  for (const c of out.careDates) {
    const next = nextOccurrence(
      { month: c.month, day: c.day, isLunar: c.isLunar ?? false },
      today,
      UPCOMING_DAYS,
    );
    if (next) upcomingPerDoctor.set(c.doctorId, (upcomingPerDoctor.get(c.doctorId) ?? 0) + 1);
  }
  const addUpcoming: typeof addCareDate = (d, ...rest) => {
    addCareDate(d, ...rest);
    upcomingPerDoctor.set(d.id as string, (upcomingPerDoctor.get(d.id as string) ?? 0) + 1);
  };
  const repsInOrder = users.filter((u) => u.role === 'rep').map((u) => u.id as string);
  const firstRepOfTeam = new Set(rows.teams.map((t) => (repsOfTeam.get(t.id as string) ?? [])[0]));
  for (const repId of repsInOrder) {
    const mine = (doctorsOfRep.get(repId) ?? []).filter((d) => !isPharmacy(d));
    if (mine.length === 0) continue;
    const ranked = dateRng.shuffle(mine).sort((a, b) => tierRank(a.id as string) - tierRank(b.id as string));
    let k = 0;
    // a lunar date in the coming week for each team's first rep (农历 on the home page)
    if (firstRepOfTeam.has(repId)) {
      const lunar = lunarOf(addDays(today, dateRng.int(1, UPCOMING_DAYS - 1)));
      if (!lunar.isLeap) {
        addUpcoming(
          ranked[k++ % ranked.length]!,
          'familyEvent',
          '母亲生日',
          lunar.month,
          lunar.day,
          true,
          null,
          '农历生日，提前准备问候',
        );
      }
    }
    let upcoming = mine.reduce((n, d) => n + (upcomingPerDoctor.get(d.id as string) ?? 0), 0);
    const wanted = dateRng.int(2, 4);
    for (; upcoming < wanted; upcoming++) {
      const on = addDays(today, dateRng.int(1, UPCOMING_DAYS - 1));
      const d = ranked[k++ % ranked.length]!;
      const month = Number(on.slice(5, 7));
      const day = Number(on.slice(8, 10));
      if (dateRng.chance(0.6)) {
        addUpcoming(
          d,
          'workAnniversary',
          '入职纪念日',
          month,
          day,
          false,
          thisYear - dateRng.int(5, 30),
          null,
        );
      } else {
        addUpcoming(
          d,
          'familyEvent',
          dateRng.pick(['结婚纪念日', '孩子生日']),
          month,
          day,
          false,
          thisYear - dateRng.int(2, 25),
          null,
        );
      }
    }
  }

  // ── birthdays 生日 in doctor_profiles: about a third of the doctors, a fifth of those kept by the lunar
  // calendar (stored month/day are lunar; days up to 28 so the stored date is a real date), and a lunar birthday
  // in the coming week for each team's first rep, so the home card shows 农历生日 ──
  const birthdayRng = root.fork('birthdays');
  const hobbies = ['太极拳', '摄影', '钓鱼', '书法', '羽毛球', '旅行', '收藏茶具', '马拉松'];
  const preferences = ['喜欢喝普洱茶', '不喝酒', '偏好学术资料', '周末不接工作电话', '喜欢简短沟通'];
  const profileOf = new Map<string, (typeof out.doctorProfiles)[number]>();
  const addBirthday = (doctorId: string, year: number, month: number, day: number, isLunar: boolean) => {
    const birthday = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const row = {
      doctorId,
      birthday,
      birthdayIsLunar: isLunar,
      hobbies: birthdayRng.chance(0.5) ? birthdayRng.pick(hobbies) : null,
      preferences: birthdayRng.chance(0.4) ? birthdayRng.pick(preferences) : null,
    };
    profileOf.set(doctorId, row);
  };
  for (const d of rows.doctors) {
    if (!birthdayRng.chance(0.33)) continue;
    const lunar = birthdayRng.chance(0.2);
    addBirthday(
      d.id as string,
      birthdayRng.int(1958, 1992),
      birthdayRng.int(1, 12),
      birthdayRng.int(1, 28),
      lunar,
    );
  }
  for (const repId of repsInOrder) {
    if (!firstRepOfTeam.has(repId)) continue;
    const mine = (doctorsOfRep.get(repId) ?? []).filter((d) => !isPharmacy(d));
    if (mine.length === 0) continue;
    for (let tries = 0; tries < 10; tries++) {
      const lunar = lunarOf(addDays(today, birthdayRng.int(1, UPCOMING_DAYS - 1)));
      if (lunar.isLeap || lunar.day > 28) continue;
      addBirthday(
        birthdayRng.pick(mine).id as string,
        birthdayRng.int(1960, 1988),
        lunar.month,
        lunar.day,
        true,
      );
      break;
    }
  }
  out.doctorProfiles = [...profileOf.values()];

  return out;
}

/** A realistic value in fen for a kind, within the tier's per-action cap. */
function valueOf(rng: Random, kind: CareKind, policy: CareTierPolicy): number {
  const cap = policy.capPerActionFen;
  switch (kind) {
    case 'greeting':
    case 'help':
      return 0;
    case 'information':
      return rng.chance(0.6) ? 0 : Math.min(cap, rng.int(1, 10) * 500);
    case 'service':
      return rng.chance(0.8) ? 0 : Math.min(cap, rng.int(2, 6) * 500);
    case 'smallGift': {
      const prices = smallGiftPrices.filter((p) => p <= cap);
      return prices.length > 0 ? rng.pick(prices) : 0;
    }
    case 'meal':
      return cap >= 10_000 ? rng.int(100, Math.min(400, Math.floor(cap / 100))) * 100 : 0;
    case 'eventInvitation': {
      const fees = [5000, 8000, 10000, 15000, 20000].filter((f) => f <= cap);
      return rng.chance(0.5) || fees.length === 0 ? 0 : rng.pick(fees);
    }
  }
}
