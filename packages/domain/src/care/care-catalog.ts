/**
 * The care catalog 客户关怀: kinds of care a rep may give, the festivals the company can observe, life events,
 * and the default tier policy from seed 000 (第四篇 关怀计划). Cash and cash equivalents (现金、购物卡、礼品卡)
 * are not a kind: the list below is the whole set, so they cannot be recorded at all.
 */

/** 服务, 帮助, 学术信息, 问候, 小礼品, 工作餐, 活动邀请 */
export const careKinds = [
  'service',
  'help',
  'information',
  'greeting',
  'smallGift',
  'meal',
  'eventInvitation',
] as const;
export type CareKind = (typeof careKinds)[number];

export const careKindLabels: Record<CareKind, { 'zh-CN': string; en: string }> = {
  service: { 'zh-CN': '服务', en: 'Service' },
  help: { 'zh-CN': '帮助', en: 'Help' },
  information: { 'zh-CN': '学术信息', en: 'Academic information' },
  greeting: { 'zh-CN': '问候', en: 'Greeting' },
  smallGift: { 'zh-CN': '小礼品', en: 'Small gift' },
  meal: { 'zh-CN': '工作餐', en: 'Working meal' },
  eventInvitation: { 'zh-CN': '活动邀请', en: 'Event invitation' },
};

/**
 * Festivals 节日: solar ones by month/day, lunar ones by lunar month/day (computed per year with tyme4ts),
 * 母亲节 as the 2nd Sunday of May. 除夕 is the last day of the 12th lunar month.
 */
export type FestivalRule =
  | { calendar: 'solar'; month: number; day: number }
  | { calendar: 'lunar'; month: number; day: number }
  | { calendar: 'lunarNewYearsEve' }
  | { calendar: 'nthWeekday'; month: number; weekday: number; nth: number };

export const careFestivals = {
  newYear: { rule: { calendar: 'solar', month: 1, day: 1 }, 'zh-CN': '元旦', en: "New Year's Day" },
  newYearsEve: { rule: { calendar: 'lunarNewYearsEve' }, 'zh-CN': '除夕', en: "Chinese New Year's Eve" },
  springFestival: { rule: { calendar: 'lunar', month: 1, day: 1 }, 'zh-CN': '春节', en: 'Spring Festival' },
  lanternFestival: {
    rule: { calendar: 'lunar', month: 1, day: 15 },
    'zh-CN': '元宵节',
    en: 'Lantern Festival',
  },
  womensDay: { rule: { calendar: 'solar', month: 3, day: 8 }, 'zh-CN': '三八妇女节', en: "Women's Day" },
  mothersDay: {
    rule: { calendar: 'nthWeekday', month: 5, weekday: 7, nth: 2 },
    'zh-CN': '母亲节',
    en: "Mother's Day",
  },
  dragonBoat: {
    rule: { calendar: 'lunar', month: 5, day: 5 },
    'zh-CN': '端午节',
    en: 'Dragon Boat Festival',
  },
  doctorsDay: {
    rule: { calendar: 'solar', month: 8, day: 19 },
    'zh-CN': '中国医师节',
    en: "Chinese Doctors' Day",
  },
  teachersDay: { rule: { calendar: 'solar', month: 9, day: 10 }, 'zh-CN': '教师节', en: "Teachers' Day" },
  midAutumn: { rule: { calendar: 'lunar', month: 8, day: 15 }, 'zh-CN': '中秋节', en: 'Mid-Autumn Festival' },
  nationalDay: { rule: { calendar: 'solar', month: 10, day: 1 }, 'zh-CN': '国庆节', en: 'National Day' },
  nursesDay: { rule: { calendar: 'solar', month: 5, day: 12 }, 'zh-CN': '护士节', en: "Nurses' Day" },
} as const satisfies Record<string, { rule: FestivalRule; 'zh-CN': string; en: string }>;
export type CareFestival = keyof typeof careFestivals;
export const careFestivalKeys = Object.keys(careFestivals) as CareFestival[];

/** 喜事 and 不幸 (seed 003): a misfortune asks for a brief call today, business can wait. */
export const lifeEventKinds = {
  wedding: 'happy',
  birth: 'happy',
  promotion: 'happy',
  anniversary: 'happy',
  illness: 'misfortune',
  bereavement: 'misfortune',
  disaster: 'misfortune',
} as const;
export type LifeEventKind = keyof typeof lifeEventKinds;
export const lifeEventKindKeys = Object.keys(lifeEventKinds) as LifeEventKind[];

/** A tier's policy: what may be given, how often, and the caps (fen). */
export type CareTierPolicy = {
  key: string;
  label: string;
  allowedKinds: CareKind[];
  actionsPerYear: number;
  /** 每次上限 */
  capPerActionFen: number;
  /** 每年上限 */
  capPerYearFen: number;
};

/** Defaults from seed 000: key customers' everyday gifts ≤ ¥500, ordinary customers and event participants ≤ ¥100. */
export const defaultCareTiers: CareTierPolicy[] = [
  {
    key: 'A',
    label: 'A 类（重点客户）',
    allowedKinds: [...careKinds],
    actionsPerYear: 24,
    capPerActionFen: 50_000,
    capPerYearFen: 300_000,
  },
  {
    key: 'B',
    label: 'B 类',
    allowedKinds: ['service', 'help', 'information', 'greeting', 'smallGift', 'meal', 'eventInvitation'],
    actionsPerYear: 12,
    capPerActionFen: 30_000,
    capPerYearFen: 150_000,
  },
  {
    key: 'normal',
    label: '普通客户',
    allowedKinds: ['service', 'help', 'information', 'greeting', 'smallGift', 'eventInvitation'],
    actionsPerYear: 6,
    capPerActionFen: 10_000,
    capPerYearFen: 50_000,
  },
];
