/**
 * Builds the demo company in memory: plain rows for every table, with uuids
 * from the seeded generator, so the same seed always yields the same data.
 * No I/O here; demo-data.ts writes the rows.
 */
import { pinyinInitials, searchInitials } from '@keqing/domain';
import { hospitalLevels, type hospitalTypes } from '@keqing/shared';
import type {
  areas,
  channelCustomers,
  departments,
  doctors,
  hospitals,
  products,
  regions,
  teams,
  territories,
  territoryAssignments,
  territoryChannelCustomers,
  territoryHospitals,
  users,
} from '../schema.ts';
import {
  areaCatalog,
  brandSyllables,
  clinicWords,
  compoundSurnames,
  coreProducts,
  departmentsByKind,
  distributorGroups,
  distributorWords,
  extraGenerics,
  femaleGivenChars,
  maleGivenChars,
  managerNames,
  PHARMACY_DEPARTMENT,
  pharmacyChains,
  roadSuffixes,
  sharedGivenChars,
  streetNames,
  surnames,
  townNames,
  type AreaInfo,
  type City,
  type DepartmentKind,
  type ProductSeed,
} from './catalog.ts';
import { createRandom, type Random } from './random.ts';
import { generateSegmentationData, type SegmentationRows } from './segmentation-data.ts';
import { generateCallData, type CallRows } from './calls-data.ts';
import { generateCareData, type CareRows } from './care-data.ts';
import { emptyCareEventsRows, generateCareEventsData, type CareEventsRows } from './care-events-data.ts';
import { emptyChannelRows, generateChannelData, type ChannelRows } from './channel-data.ts';
import { emptyCareFeesRows, generateCareFeesData, type CareFeesRows } from './care-fees-data.ts';
import { emptyTargetsRows, generateTargetsData, type TargetsRows } from './targets-data.ts';
import { emptyPipelineRows, generatePipelineData, type PipelineRows } from './pipeline-data.ts';
import { emptyProspectsRows, generateProspectsData, type ProspectsRows } from './prospects-data.ts';
import { emptyCompetitorsRows, generateCompetitorsData, type CompetitorsRows } from './competitors-data.ts';
import { emptyReportsRows, generateReportsData, type ReportsRows } from './reports-data.ts';
import {
  emptyNotificationsRows,
  generateNotificationsData,
  type NotificationsRows,
} from './notifications-data.ts';
import { emptyHandoverRows, generateHandoverData, type HandoverRows } from './handover-data.ts';
import { emptyTimeRows, generateTimeData, type TimeRows } from './time-data.ts';

export const REPS_PER_TEAM = 5;

/** Counts of the demo company at scale 1; everything scales linearly from these. */
export const baseCounts = {
  teams: 6,
  products: 5,
  hospitals: 200,
  doctors: 4000,
  channelCustomers: 60,
} as const;

export type GenerateOptions = {
  scale: number;
  seed: number;
  /** argon2id hash shared by every demo user */
  passwordHash: string;
  /** "today" as YYYY-MM-DD; assignment dates are counted back from it */
  today: string;
  /** Plans, six months of calls, follow-ups and co-visits, tasks and time records (default true; the bulk of the rows) */
  plansAndCalls?: boolean;
  /** Care dates, tiers, a year of care actions, care plans and life events; surveys, academic events and complaints (default true) */
  care?: boolean;
  /** A year of channel data: terms, licences, orders, stock, flow, receivables, promises, promotions; quotas sized from the flow, forecasts (default true) */
  channel?: boolean;
};

export type DemoRows = {
  regions: (typeof regions.$inferInsert)[];
  areas: (typeof areas.$inferInsert)[];
  teams: (typeof teams.$inferInsert)[];
  users: (typeof users.$inferInsert)[];
  products: (typeof products.$inferInsert)[];
  hospitals: (typeof hospitals.$inferInsert)[];
  departments: (typeof departments.$inferInsert)[];
  doctors: (typeof doctors.$inferInsert)[];
  channelCustomers: (typeof channelCustomers.$inferInsert)[];
  territories: (typeof territories.$inferInsert)[];
  territoryHospitals: (typeof territoryHospitals.$inferInsert)[];
  territoryChannelCustomers: (typeof territoryChannelCustomers.$inferInsert)[];
  territoryAssignments: (typeof territoryAssignments.$inferInsert)[];
} & SegmentationRows &
  CallRows &
  CareRows &
  CareEventsRows &
  ChannelRows &
  CareFeesRows &
  TargetsRows &
  TimeRows &
  PipelineRows &
  ProspectsRows &
  CompetitorsRows &
  ReportsRows &
  NotificationsRows &
  HandoverRows;

type HospitalLevel = (typeof hospitalLevels)[number];
type HospitalType = (typeof hospitalTypes)[number];
type LevelGroup = 'tertiary' | 'secondary' | 'primary';
type Gender = '男' | '女';

type LevelProfile = {
  group: LevelGroup;
  /** share of an area's hospitals */
  share: number;
  beds: readonly [number, number];
  outpatients: readonly [number, number];
  departments: readonly [number, number];
  headcount: readonly [number, number];
  /** relative number of doctors per department */
  doctorWeight: number;
};

const levelProfiles: Record<Exclude<HospitalLevel, '诊所'>, LevelProfile> = {
  三级甲等: {
    group: 'tertiary',
    share: 0.2,
    beds: [1200, 3800],
    outpatients: [4000, 16000],
    departments: [9, 10],
    headcount: [35, 95],
    doctorWeight: 8,
  },
  三级乙等: {
    group: 'tertiary',
    share: 0.08,
    beds: [600, 1300],
    outpatients: [1800, 5000],
    departments: [8, 9],
    headcount: [25, 60],
    doctorWeight: 4.5,
  },
  二级甲等: {
    group: 'secondary',
    share: 0.22,
    beds: [300, 800],
    outpatients: [800, 3000],
    departments: [6, 8],
    headcount: [12, 40],
    doctorWeight: 2.5,
  },
  二级乙等: {
    group: 'secondary',
    share: 0.1,
    beds: [150, 400],
    outpatients: [400, 1200],
    departments: [5, 7],
    headcount: [8, 25],
    doctorWeight: 1.6,
  },
  一级: {
    group: 'primary',
    share: 0.06,
    beds: [20, 99],
    outpatients: [100, 400],
    departments: [4, 5],
    headcount: [4, 12],
    doctorWeight: 0.8,
  },
  社区卫生服务中心: {
    group: 'primary',
    share: 0.27,
    beds: [0, 60],
    outpatients: [200, 900],
    departments: [4, 5],
    headcount: [3, 12],
    doctorWeight: 0.6,
  },
  乡镇卫生院: {
    group: 'primary',
    share: 0.07,
    beds: [10, 80],
    outpatients: [80, 350],
    departments: [4, 4],
    headcount: [3, 10],
    doctorWeight: 0.5,
  },
};
type SeededLevel = keyof typeof levelProfiles;
const seededLevels = hospitalLevels.filter((l): l is SeededLevel => l in levelProfiles);
const levelRank = new Map<string, number>(hospitalLevels.map((l, i) => [l, i]));

const titleMix: Record<LevelGroup, readonly (readonly [string, number])[]> = {
  tertiary: [
    ['主任医师', 0.08],
    ['副主任医师', 0.22],
    ['主治医师', 0.38],
    ['住院医师', 0.32],
  ],
  secondary: [
    ['主任医师', 0.04],
    ['副主任医师', 0.16],
    ['主治医师', 0.42],
    ['住院医师', 0.38],
  ],
  primary: [
    ['主任医师', 0.01],
    ['副主任医师', 0.09],
    ['主治医师', 0.45],
    ['住院医师', 0.45],
  ],
};
const headTitleMix: Record<LevelGroup, readonly (readonly [string, number])[]> = {
  tertiary: [
    ['主任医师', 0.75],
    ['副主任医师', 0.25],
  ],
  secondary: [
    ['主任医师', 0.45],
    ['副主任医师', 0.55],
  ],
  primary: [
    ['副主任医师', 0.4],
    ['主治医师', 0.6],
  ],
};
const deputyTitleMix: Record<LevelGroup, readonly (readonly [string, number])[]> = {
  tertiary: [
    ['主任医师', 0.4],
    ['副主任医师', 0.6],
  ],
  secondary: [
    ['主任医师', 0.2],
    ['副主任医师', 0.8],
  ],
  primary: [
    ['副主任医师', 0.3],
    ['主治医师', 0.7],
  ],
};

// ── small helpers ───────────────────────────────────────────────────────────

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1 → 一, 10 → 十, 12 → 十二, 40 → 四十, 105 → 一百零五 (for names like 第二人民医院, 上海三组). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a natural number: ${n}`);
  if (n < 10) return digits[n] as string;
  if (n < 20) return '十' + (n % 10 ? digits[n % 10] : '');
  const units: readonly [number, string][] = [
    [10000, '万'],
    [1000, '千'],
    [100, '百'],
    [10, '十'],
  ];
  let out = '';
  let rest = n;
  let pendingZero = false;
  for (const [value, unit] of units) {
    const d = Math.floor(rest / value);
    rest %= value;
    if (d > 0) {
      if (pendingZero) out += '零';
      out += (value === 10000 && d >= 10 ? chineseNumber(d) : digits[d]) + unit;
      pendingZero = false;
    } else if (out) {
      pendingZero = true;
    }
  }
  if (rest > 0) out += (pendingZero ? '零' : '') + digits[rest];
  return out;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Splits total into integer parts proportional to the weights (largest remainder). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] as number) + 1;
    left--;
  }
  return parts;
}

/** Splits total into `parts` near-equal integers, the larger ones first. */
function splitEvenly(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** First day of the month `months` before the month of isoDate. */
function monthStartBefore(isoDate: string, months: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

/** Memoised: names repeat a lot, and pinyin conversion dominates generation time at large scales. */
function createInitials() {
  const cache = new Map<string, string>();
  return (name: string) => {
    let v = cache.get(name);
    if (v === undefined) {
      v = pinyinInitials(name);
      cache.set(name, v);
    }
    return v;
  };
}

/** Tries candidates until one is new; falls back to a numbered 院区/分店 suffix, so names stay unique. */
function uniqueName(
  taken: Set<string>,
  candidate: () => string,
  fallbackSuffix: (n: number) => string,
): string {
  let name = '';
  for (let attempt = 0; attempt < 25; attempt++) {
    name = candidate();
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  for (let n = 1; ; n++) {
    const withSuffix = name + fallbackSuffix(n);
    if (!taken.has(withSuffix)) {
      taken.add(withSuffix);
      return withSuffix;
    }
  }
}

// ── people ──────────────────────────────────────────────────────────────────

const surnameWeights = [
  ...surnames.map((s, i) => [s, 1 / (i + 8)] as const),
  ...compoundSurnames.map((s) => [s, 0.004] as const),
];

function personName(rng: Random, gender: Gender): string {
  const surname = rng.weighted(surnameWeights);
  const own = gender === '男' ? maleGivenChars : femaleGivenChars;
  if (rng.chance(0.3)) return surname + rng.pick(own);
  const first = rng.chance(0.55) ? rng.pick(sharedGivenChars) : rng.pick(own);
  let second = rng.pick(own);
  if (second === first) second = rng.pick(own);
  return surname + first + second;
}

function phoneNumber(rng: Random, taken: Set<string>): string {
  for (;;) {
    const phone =
      '1' +
      rng.pick(['38', '39', '37', '36', '35', '58', '59', '86', '88', '89']) +
      String(rng.int(0, 99_999_999)).padStart(8, '0');
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

// ── hospitals ───────────────────────────────────────────────────────────────

type HospitalCandidate = {
  name: string;
  alias: string | null;
  type: HospitalType;
  kind: DepartmentKind;
  district: string;
};

type Place = { area: AreaInfo; city: City; cityIndex: number };

/** 杭州市西湖区 for city districts, 余姚市 / 桐庐县 for county-level ones. */
function districtName(city: City, district: string): string {
  return district.endsWith('区') ? city.name + district : district;
}

function hospitalCandidate(rng: Random, level: SeededLevel, place: Place): HospitalCandidate {
  const { area, city, cityIndex } = place;
  const cs = city.short + '市';
  const central = city.districts.slice(0, 5);
  const anyDistrict = () => rng.pick(city.districts);
  const option = (
    name: string,
    type: HospitalType,
    kind: DepartmentKind,
    district: string,
    alias: string | null = null,
  ): HospitalCandidate => ({ name, alias, type, kind, district });

  switch (level) {
    case '三级甲等': {
      const choices: (readonly [() => HospitalCandidate, number])[] = [];
      if (city.universities.length > 0) {
        choices.push([
          () => {
            const u = rng.pick(city.universities);
            const n = rng.int(1, u.count);
            const tcm = u.prefix.includes('中医');
            const name =
              u.style === 'fu'
                ? `${u.prefix}附属第${chineseNumber(n)}医院`
                : `${u.prefix}第${chineseNumber(n)}附属医院`;
            const alias =
              u.aliasStyle === 'n'
                ? `${u.short}${chineseNumber(n)}医院`
                : `${u.short}附${chineseNumber(n)}院`;
            return option(
              name,
              tcm ? '中医' : '综合',
              tcm ? 'tcm' : 'general',
              rng.pick(central),
              rng.chance(0.8) ? alias : null,
            );
          },
          4,
        ]);
      }
      if (!area.municipality && cityIndex === 0) {
        const p = area.provinceShort;
        choices.push([
          () =>
            rng.pick([
              () =>
                option(
                  `${p}省人民医院`,
                  '综合',
                  'general',
                  rng.pick(central),
                  rng.chance(0.7) ? `${p}省人医` : null,
                ),
              () =>
                option(
                  `${p}省中医院`,
                  '中医',
                  'tcm',
                  rng.pick(central),
                  rng.chance(0.7) ? `${p}省中医` : null,
                ),
              () => option(`${p}省肿瘤医院`, '专科', 'oncology', rng.pick(central)),
              () => option(`${p}省妇幼保健院`, '妇幼', 'maternal', rng.pick(central)),
              () => option(`${p}省儿童医院`, '专科', 'children', rng.pick(central)),
            ])(),
          3,
        ]);
      }
      choices.push([
        () =>
          rng.pick([
            () =>
              option(
                `${cs}第一人民医院`,
                '综合',
                'general',
                rng.pick(central),
                rng.chance(0.6) ? `${city.short}市一医院` : null,
              ),
            () =>
              option(
                `${cs}第二人民医院`,
                '综合',
                'general',
                rng.pick(central),
                rng.chance(0.4) ? `${city.short}市二医院` : null,
              ),
            () => option(`${cs}人民医院`, '综合', 'general', rng.pick(central)),
            () => option(`${cs}中心医院`, '综合', 'general', rng.pick(central)),
            () =>
              option(
                `${cs}中医医院`,
                '中医',
                'tcm',
                rng.pick(central),
                rng.chance(0.5) ? `${city.short}中医院` : null,
              ),
            () => option(`${cs}肿瘤医院`, '专科', 'oncology', rng.pick(central)),
            () => option(`${cs}儿童医院`, '专科', 'children', rng.pick(central)),
            () => option(`${cs}妇幼保健院`, '妇幼', 'maternal', rng.pick(central)),
            () => option(`${cs}公共卫生临床中心`, '专科', 'infectious', anyDistrict()),
          ])(),
        3,
      ]);
      return rng.weighted(choices)();
    }
    case '三级乙等': {
      const d = anyDistrict();
      return rng.pick([
        () => option(`${cs}第${chineseNumber(rng.int(3, 8))}人民医院`, '综合', 'general', anyDistrict()),
        () => option(`${cs}中西医结合医院`, '中西医结合', 'integrated', anyDistrict()),
        () => option(`${cs}传染病医院`, '专科', 'infectious', anyDistrict()),
        () => option(`${districtName(city, d)}人民医院`, '综合', 'general', d),
        () => option(`${districtName(city, d)}中心医院`, '综合', 'general', d),
      ])();
    }
    case '二级甲等': {
      const d = anyDistrict();
      const dn = districtName(city, d);
      return rng.pick([
        () => option(`${dn}人民医院`, '综合', 'general', d),
        () => option(`${dn}中医医院`, '中医', 'tcm', d),
        () => option(`${dn}中心医院`, '综合', 'general', d),
        () => option(`${dn}妇幼保健院`, '妇幼', 'maternal', d),
        () => option(`${dn}第二人民医院`, '综合', 'general', d),
        () => option(`${dn}中西医结合医院`, '中西医结合', 'integrated', d),
        () => option(`${cs}第${chineseNumber(rng.int(5, 10))}人民医院`, '综合', 'general', d),
      ])();
    }
    case '二级乙等': {
      const d = anyDistrict();
      const dn = districtName(city, d);
      return rng.pick([
        () => option(`${dn}第${chineseNumber(rng.int(2, 4))}人民医院`, '综合', 'general', d),
        () =>
          area.urban
            ? option(`${dn}${rng.pick(streetNames)}医院`, '综合', 'general', d)
            : option(`${dn}${rng.pick(townNames)}中心医院`, '综合', 'general', d),
        () => option(`${dn}中西医结合医院`, '中西医结合', 'integrated', d),
        () => option(`${dn}老年病医院`, '专科', 'general', d),
      ])();
    }
    case '一级': {
      const d = anyDistrict();
      const dn = districtName(city, d);
      return rng.chance(0.75)
        ? option(`${dn}${rng.pick(streetNames)}医院`, '综合', 'general', d)
        : option(`${dn}${rng.pick(streetNames)}中医医院`, '中医', 'tcm', d);
    }
    case '社区卫生服务中心': {
      const d = anyDistrict();
      return option(
        `${districtName(city, d)}${rng.pick(streetNames)}街道社区卫生服务中心`,
        '综合',
        'primary',
        d,
      );
    }
    case '乡镇卫生院': {
      // townships lie outside the central districts
      const d = rng.pick(city.districts.length > 5 ? city.districts.slice(5) : city.districts);
      return option(
        `${districtName(city, d)}${rng.pick(townNames)}${rng.chance(0.8) ? '镇' : '乡'}卫生院`,
        '综合',
        'primary',
        d,
      );
    }
  }
}

function address(rng: Random, area: AreaInfo, city: City, district: string): string {
  const province = area.municipality ? '' : area.province;
  return `${province}${city.name}${district}${rng.pick(streetNames)}${rng.pick(roadSuffixes)}${rng.int(1, 999)}号`;
}

// ── the generator ───────────────────────────────────────────────────────────

type TeamPlan = {
  id: string;
  index: number;
  area: AreaInfo;
  areaIndex: number;
  /** 1 for 上海一组, 2 for 上海二组 … */
  ordinal: number;
  name: string;
  managerId: string;
  repIds: string[];
  /** indexes into rows.hospitals / rows.channelCustomers */
  hospitalIdx: number[];
  channelIdx: number[];
};

type ChannelKind = 'distributor' | 'pharmacy' | 'clinic';

/** What the steps share: the rows being built, the seeded generator and the scale. */
type Context = {
  rows: DemoRows;
  root: Random;
  /** base count at scale 1 → count at this scale (at least 1) */
  count: (base: number) => number;
  initials: (name: string) => string;
  /** level and department catalogue of each hospital, by index into rows.hospitals */
  hospitalLevel: SeededLevel[];
  hospitalKind: DepartmentKind[];
  channelKind: ChannelKind[];
};

export function generateDemoData(options: GenerateOptions): DemoRows {
  const { scale, seed, passwordHash, today } = options;
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new Error(`scale must be a positive number, got ${scale}`);
  }
  const ctx: Context = {
    rows: {
      regions: [],
      areas: [],
      teams: [],
      users: [],
      products: [],
      hospitals: [],
      departments: [],
      doctors: [],
      channelCustomers: [],
      territories: [],
      territoryHospitals: [],
      territoryChannelCustomers: [],
      territoryAssignments: [],
      hospitalProductListings: [],
      segmentationConfigs: [],
      doctorScores: [],
      doctorProductStatus: [],
      doctorLadderHistory: [],
      doctorStageHistory: [],
      kolProfiles: [],
      keyAccountSnapshots: [],
      cyclePlans: [],
      plannedCalls: [],
      calls: [],
      followUps: [],
      coVisits: [],
      doctorProfiles: [],
      doctorCareTiers: [],
      careDates: [],
      lifeEvents: [],
      carePlans: [],
      carePlanItems: [],
      carePlanApprovals: [],
      careActions: [],
      ...emptyCareEventsRows(),
      ...emptyChannelRows(),
      ...emptyCareFeesRows(),
      ...emptyTargetsRows(),
      ...emptyTimeRows(),
      ...emptyPipelineRows(),
      ...emptyProspectsRows(),
      ...emptyCompetitorsRows(),
      ...emptyReportsRows(),
      ...emptyNotificationsRows(),
      ...emptyHandoverRows(),
    },
    root: createRandom(seed),
    count: (base) => Math.max(1, Math.round(base * scale)),
    initials: createInitials(),
    hospitalLevel: [],
    hospitalKind: [],
    channelKind: [],
  };
  const teamPlans = addOrganisation(ctx);
  const adminId = addUsers(ctx, teamPlans, passwordHash);
  addProducts(ctx);
  const hospitalRng = ctx.root.fork('hospitals');
  addHospitals(ctx, teamPlans, hospitalRng);
  addHospitalPositions(ctx);
  addDepartmentsAndDoctors(ctx, hospitalRng);
  addChannelCustomers(ctx, teamPlans);
  addTerritories(ctx, teamPlans, adminId, today);
  Object.assign(
    ctx.rows,
    generateSegmentationData(ctx.rows, ctx.root.fork('segmentation'), { adminId, today }),
  );
  if (options.plansAndCalls ?? true) {
    Object.assign(ctx.rows, generateCallData(ctx.rows, ctx.root.fork('calls'), { today }));
  }
  if (options.care ?? true) {
    // life events raise follow-ups: they join the calls' ones
    const { followUps, ...care } = generateCareData(ctx.rows, ctx.root.fork('care'), { today });
    Object.assign(ctx.rows, care);
    ctx.rows.followUps.push(...followUps);
  }
  if (options.channel ?? true) {
    // fills in the channel customers' terms and territory too (code, tiers, authorised hospitals, credit)
    Object.assign(ctx.rows, generateChannelData(ctx.rows, ctx.root.fork('channel-data'), { today, adminId }));
    // 客情费: the clerk and finance signers, budget accounts and claims read from the flow and ledger above
    const { users: signers, ...careFees } = generateCareFeesData(ctx.rows, ctx.root.fork('care-fees'), {
      today,
      passwordHash,
    });
    Object.assign(ctx.rows, careFees);
    ctx.rows.users.push(...signers);
  }
  if (options.care ?? true) {
    // surveys, academic events and complaints; the events' attendees get follow-ups like the calls' ones
    const { followUps, ...rest } = generateCareEventsData(ctx.rows, ctx.root.fork('care-events'), { today });
    Object.assign(ctx.rows, rest);
    ctx.rows.followUps.push(...followUps);
  }
  if (options.channel ?? true) {
    // 指标 sized from the flow above (hand-entered actuals where it has none), and forecasts
    Object.assign(ctx.rows, generateTargetsData(ctx.rows, ctx.root.fork('targets'), { today }));
  }
  if (options.plansAndCalls ?? true) {
    // tasks in the time-management matrix and two weeks of time records
    Object.assign(ctx.rows, generateTimeData(ctx.rows, ctx.root.fork('time'), { today }));
  }
  if ((options.plansAndCalls ?? true) && (options.channel ?? true)) {
    // 协作: 进药 pipelines, prospects, competitor intelligence, daily reports, then the notifications they raise
    Object.assign(ctx.rows, generatePipelineData(ctx.rows, ctx.root.fork('pipeline'), { today }));
    Object.assign(ctx.rows, generateProspectsData(ctx.rows, ctx.root.fork('prospects'), { today }));
    Object.assign(ctx.rows, generateCompetitorsData(ctx.rows, ctx.root.fork('competitors'), { today }));
    Object.assign(ctx.rows, generateReportsData(ctx.rows, ctx.root.fork('reports'), { today }));
    Object.assign(ctx.rows, generateNotificationsData(ctx.rows, ctx.root.fork('notifications'), { today }));
    Object.assign(ctx.rows, generateHandoverData(ctx.rows, ctx.root.fork('handover'), { today }));
  }
  return ctx.rows;
}

/** 大区 → 地区 → teams: one team per area first, then second teams (上海二组) as the scale grows. */
function addOrganisation(ctx: Context): TeamPlan[] {
  const { rows } = ctx;
  const rng = ctx.root.fork('org');
  const teamCount = ctx.count(baseCounts.teams);
  const usedAreas = areaCatalog.slice(0, Math.min(teamCount, areaCatalog.length));
  const regionIds = new Map<string, string>();
  for (const area of usedAreas) {
    if (!regionIds.has(area.region)) {
      const id = rng.uuid();
      regionIds.set(area.region, id);
      rows.regions.push({ id, name: area.region });
    }
  }
  const areaIds = usedAreas.map((area) => {
    const id = rng.uuid();
    rows.areas.push({ id, regionId: regionIds.get(area.region) as string, name: area.name });
    return id;
  });

  const plans: TeamPlan[] = [];
  for (let i = 0; i < teamCount; i++) {
    const areaIndex = i % usedAreas.length;
    const area = usedAreas[areaIndex] as AreaInfo;
    const ordinal = Math.floor(i / usedAreas.length) + 1;
    plans.push({
      id: rng.uuid(),
      index: i,
      area,
      areaIndex,
      ordinal,
      name: `${area.short}${chineseNumber(ordinal)}组`,
      managerId: rng.uuid(),
      repIds: Array.from({ length: REPS_PER_TEAM }, () => rng.uuid()),
      hospitalIdx: [],
      channelIdx: [],
    });
  }
  for (const t of plans) {
    rows.teams.push({
      id: t.id,
      areaId: areaIds[t.areaIndex] as string,
      name: t.name,
      managerId: t.managerId,
    });
  }
  return plans;
}

/** admin, compliance, one manager per team (leading it), five reps per team. Returns the admin's id. */
function addUsers(ctx: Context, teamPlans: readonly TeamPlan[], passwordHash: string): string {
  const rng = ctx.root.fork('users');
  const takenPhones = new Set<string>();
  const takenNames = new Set<string>(managerNames.map((m) => m.name));
  const user = (
    id: string,
    username: string,
    name: string,
    role: 'rep' | 'manager' | 'admin' | 'compliance',
    teamId: string | null,
  ): typeof users.$inferInsert => ({
    id,
    username,
    name,
    role,
    teamId,
    phone: phoneNumber(rng, takenPhones),
    email: `${username}@example.com`,
    passwordHash,
    mustChangePassword: false,
    duties: [],
  });
  const freshName = () => {
    for (;;) {
      const name = personName(rng, rng.chance(0.5) ? '男' : '女');
      if (!takenNames.has(name)) {
        takenNames.add(name);
        return name;
      }
    }
  };
  const adminId = rng.uuid();
  ctx.rows.users.push(user(adminId, 'admin', '系统管理员', 'admin', null));
  ctx.rows.users.push(user(rng.uuid(), 'compliance', '合规审计', 'compliance', null));
  // manager01 … manager99, manager100 …: the demo sign-ins stay the same at every scale.
  for (const t of teamPlans) {
    const name = managerNames[t.index]?.name ?? freshName();
    ctx.rows.users.push(user(t.managerId, `manager${pad2(t.index + 1)}`, name, 'manager', t.id));
  }
  for (const t of teamPlans) {
    t.repIds.forEach((id, i) => {
      const n = t.index * REPS_PER_TEAM + i + 1;
      ctx.rows.users.push(user(id, `rep${pad2(n)}`, freshName(), 'rep', t.id));
    });
  }
  return adminId;
}

/** The five core products, then invented brands of further generics at larger scales. */
function addProducts(ctx: Context): void {
  const rng = ctx.root.fork('products');
  const productCount = ctx.count(baseCounts.products);
  const takenBrands = new Set<string>(coreProducts.map((p) => p.name));
  for (let i = 0; i < productCount; i++) {
    let product: ProductSeed;
    if (i < coreProducts.length) {
      product = coreProducts[i] as ProductSeed;
    } else {
      const generic = extraGenerics[(i - coreProducts.length) % extraGenerics.length] as Omit<
        ProductSeed,
        'name'
      >;
      const brand = uniqueName(
        takenBrands,
        () => rng.pick(brandSyllables) + rng.pick(brandSyllables) + rng.pick(brandSyllables),
        (n) => String(n),
      );
      product = { ...generic, name: brand };
    }
    ctx.rows.products.push({
      id: rng.uuid(),
      name: product.name,
      genericName: product.genericName,
      specification: product.specification,
      therapeuticArea: product.therapeuticArea,
      indications: [...product.indications],
    });
  }
}

const byLevel = (levels: readonly SeededLevel[]) => (a: number, b: number) =>
  (levelRank.get(levels[a] as string) ?? 0) - (levelRank.get(levels[b] as string) ?? 0);

/** Hospitals per area (as many as its teams need), per city by weight, per level by share. */
function addHospitals(ctx: Context, teamPlans: readonly TeamPlan[], rng: Random): void {
  const { rows } = ctx;
  const perTeam = splitEvenly(ctx.count(baseCounts.hospitals), teamPlans.length);
  const takenNames = new Set<string>();
  const areaIndexes = [...new Set(teamPlans.map((t) => t.areaIndex))];

  for (const areaIndex of areaIndexes) {
    const areaTeams = teamPlans.filter((t) => t.areaIndex === areaIndex);
    const area = (areaTeams[0] as TeamPlan).area;
    const areaTotal = areaTeams.reduce((sum, t) => sum + (perTeam[t.index] as number), 0);
    const perCity = apportion(
      areaTotal,
      area.cities.map((c) => c.weight),
    );
    const areaHospitals: number[] = [];
    area.cities.forEach((city, cityIndex) => {
      const shares = seededLevels.map((level) => {
        const p = levelProfiles[level];
        if (area.urban && level === '乡镇卫生院') return 0;
        if (area.urban && level === '社区卫生服务中心') return p.share + levelProfiles['乡镇卫生院'].share;
        return p.share;
      });
      const perLevel = apportion(perCity[cityIndex] as number, shares);
      seededLevels.forEach((level, li) => {
        for (let k = 0; k < (perLevel[li] as number); k++) {
          let picked: HospitalCandidate | undefined;
          const name = uniqueName(
            takenNames,
            () => {
              picked = hospitalCandidate(rng, level, { area, city, cityIndex });
              return picked.name;
            },
            (n) =>
              n <= streetNames.length ? `（${streetNames[n - 1]}院区）` : `（第${chineseNumber(n)}院区）`,
          );
          const c = picked as HospitalCandidate;
          const profile = levelProfiles[level];
          const specialty = c.type === '专科' || c.type === '妇幼';
          let beds = rng.int(profile.beds[0], profile.beds[1]);
          if (specialty) beds = Math.round(beds * 0.6);
          if (beds >= 100) beds = roundTo(beds, 10);
          if (level === '社区卫生服务中心' && rng.chance(0.4)) beds = 0;
          let outpatients = rng.int(profile.outpatients[0], profile.outpatients[1]);
          if (specialty) outpatients = Math.round(outpatients * 0.7);
          outpatients = roundTo(outpatients, outpatients >= 1000 ? 50 : 10);
          // A 院区 suffix makes it another campus; the alias belonged to the main one.
          const alias = name === c.name ? c.alias : null;
          rows.hospitals.push({
            id: rng.uuid(),
            code: `H${String(rows.hospitals.length + 1).padStart(6, '0')}`,
            name,
            alias,
            nameInitials: searchInitials(name, alias),
            level,
            type: c.type,
            province: area.province,
            city: city.name,
            district: c.district,
            address: address(rng, area, city, c.district),
            beds,
            outpatientsPerDay: outpatients,
          });
          ctx.hospitalKind.push(c.kind);
          ctx.hospitalLevel.push(level);
          areaHospitals.push(rows.hospitals.length - 1);
        }
      });
    });
    // Deal the area's hospitals to its teams so each team gets a mix of levels.
    rng
      .shuffle(areaHospitals)
      .sort(byLevel(ctx.hospitalLevel))
      .forEach((h, i) => (areaTeams[i % areaTeams.length] as TeamPlan).hospitalIdx.push(h));
  }
}

/** Hospitals lie within this many km of their city's centre (a seeded jitter around the catalog's centre). */
export const HOSPITAL_SPREAD_KM = 12;

/**
 * 医院坐标: a point within HOSPITAL_SPREAD_KM of the city centre, uniform over the disc, so a call's
 * location stamp has something to be near or far from. Its own stream: the other draws stay put.
 */
function addHospitalPositions(ctx: Context): void {
  const rng = ctx.root.fork('geo');
  const centres = new Map(areaCatalog.flatMap((a) => a.cities.map((c) => [c.name, c.centre] as const)));
  const kmPerDegree = 111.32;
  for (const h of ctx.rows.hospitals) {
    const centre = centres.get(h.city);
    if (!centre) continue;
    const [lat, lng] = centre;
    const km = HOSPITAL_SPREAD_KM * Math.sqrt(rng.next());
    const angle = 2 * Math.PI * rng.next();
    h.latitude = Number((lat + (km * Math.cos(angle)) / kmPerDegree).toFixed(6));
    h.longitude = Number(
      (lng + (km * Math.sin(angle)) / (kmPerDegree * Math.cos((lat * Math.PI) / 180))).toFixed(6),
    );
  }
}

/**
 * Departments: the product-relevant ones of the hospital's kind first, plus 药剂科.
 * Doctors: every department has its head (科主任); the rest of the total is
 * shared out by department weight (bigger hospitals, more doctors), so the
 * count is exact.
 */
function addDepartmentsAndDoctors(ctx: Context, hospitalRng: Random): void {
  const { rows } = ctx;
  type DepartmentPlan = { row: typeof departments.$inferInsert; hospitalIdx: number; weight: number };
  const plans: DepartmentPlan[] = [];
  rows.hospitals.forEach((h, hi) => {
    const profile = levelProfiles[ctx.hospitalLevel[hi] as SeededLevel];
    const catalogue = departmentsByKind[ctx.hospitalKind[hi] as DepartmentKind];
    const total = hospitalRng.int(profile.departments[0], profile.departments[1]);
    const clinical = [...catalogue.slice(0, 4), ...hospitalRng.shuffle(catalogue.slice(4))].slice(
      0,
      Math.min(total - 1, catalogue.length),
    );
    const hospitalBeds = h.beds ?? 0;
    for (const name of [...clinical, PHARMACY_DEPARTMENT]) {
      const pharmacy = name === PHARMACY_DEPARTMENT;
      let beds: number | null = null;
      if (!pharmacy && hospitalBeds > 0) {
        const share = (hospitalBeds / (clinical.length * 1.7)) * (0.6 + hospitalRng.next() * 0.8);
        beds = name === '急诊科' ? Math.min(40, Math.round(share / 3)) : Math.round(share);
      }
      plans.push({
        hospitalIdx: hi,
        weight: profile.doctorWeight * (pharmacy ? 0.45 : 1) * (0.7 + hospitalRng.next() * 0.6),
        row: {
          id: hospitalRng.uuid(),
          hospitalId: h.id as string,
          name,
          headcount: hospitalRng.int(profile.headcount[0], profile.headcount[1]),
          beds,
        },
      });
    }
  });

  const rng = ctx.root.fork('doctors');
  const target = ctx.count(baseCounts.doctors);
  const perDepartment = apportion(
    Math.max(0, target - plans.length),
    plans.map((d) => d.weight),
  ).map((extra) => extra + 1);
  plans.forEach((plan, planIndex) => {
    const group = levelProfiles[ctx.hospitalLevel[plan.hospitalIdx] as SeededLevel].group;
    const n = perDepartment[planIndex] as number;
    const pharmacy = plan.row.name === PHARMACY_DEPARTMENT;
    const namesHere = new Set<string>();
    for (let i = 0; i < n; i++) {
      const head = i === 0;
      const deputy = !head && i === 1 && n >= 4 && rng.chance(0.6);
      const gender: Gender = rng.chance(head ? 0.65 : 0.5) ? '男' : '女';
      let name = personName(rng, gender);
      for (let attempt = 0; namesHere.has(name) && attempt < 20; attempt++) name = personName(rng, gender);
      if (namesHere.has(name)) continue; // vanishingly rare: one doctor fewer rather than a namesake
      namesHere.add(name);
      const title = rng.weighted(
        head ? headTitleMix[group] : deputy ? deputyTitleMix[group] : titleMix[group],
      );
      let position: string | null = null;
      if (head) position = pharmacy ? '药剂科主任' : '科主任';
      else if (deputy) position = pharmacy ? '药剂科副主任' : '副主任';
      rows.doctors.push({
        id: rng.uuid(),
        name,
        nameInitials: ctx.initials(name),
        gender,
        hospitalId: plan.row.hospitalId,
        departmentId: plan.row.id as string,
        title,
        position,
      });
    }
    plan.row.headcount = Math.max(plan.row.headcount ?? 0, n + rng.int(2, 8));
    rows.departments.push(plan.row);
  });

  // A few presidents and vice presidents: clinical department heads of 三级/二级 hospitals.
  const headsByHospital = new Map<string, (typeof doctors.$inferInsert)[]>();
  for (const d of rows.doctors) {
    if (d.position !== '科主任') continue;
    const list = headsByHospital.get(d.hospitalId) ?? [];
    list.push(d);
    headsByHospital.set(d.hospitalId, list);
  }
  rows.hospitals.forEach((h, hi) => {
    if (levelProfiles[ctx.hospitalLevel[hi] as SeededLevel].group === 'primary') return;
    const heads = headsByHospital.get(h.id as string) ?? [];
    const first = heads[0];
    if (first && rng.chance(0.15)) {
      first.position = '院长';
      first.title = '主任医师';
    }
    const second = heads[1];
    if (second && rng.chance(0.12)) second.position = '副院长';
  });
}

/** Per team (so per area): about 20 % distributors, 20 % clinics, the rest pharmacies. */
function addChannelCustomers(ctx: Context, teamPlans: readonly TeamPlan[]): void {
  const { rows } = ctx;
  const rng = ctx.root.fork('channel');
  const perTeam = splitEvenly(ctx.count(baseCounts.channelCustomers), teamPlans.length);
  const takenNames = new Set<string>();
  for (const t of teamPlans) {
    const n = perTeam[t.index] as number;
    const distributorCount = n >= 3 ? Math.max(1, Math.round(n * 0.2)) : Math.min(n, 1);
    const clinicCount = n >= 3 ? Math.round(n * 0.2) : 0;
    const kinds: ChannelKind[] = [
      ...Array<ChannelKind>(distributorCount).fill('distributor'),
      ...Array<ChannelKind>(n - distributorCount - clinicCount).fill('pharmacy'),
      ...Array<ChannelKind>(clinicCount).fill('clinic'),
    ];
    const area = t.area;
    for (const kind of kinds) {
      const city = rng.weighted(area.cities.map((c) => [c, c.weight] as const));
      const district = rng.pick(city.districts);
      const name = uniqueName(
        takenNames,
        () => channelName(rng, kind, area, city, district),
        (n) => `（${chineseNumber(n + 1)}部）`, // only at very large scales
      );
      rows.channelCustomers.push({
        id: rng.uuid(),
        kind,
        name,
        nameInitials: searchInitials(name),
        province: area.province,
        city: city.name,
        address: address(rng, area, city, district),
      });
      ctx.channelKind.push(kind);
      t.channelIdx.push(rows.channelCustomers.length - 1);
    }
  }
}

function channelName(rng: Random, kind: ChannelKind, area: AreaInfo, city: City, district: string): string {
  switch (kind) {
    case 'distributor': {
      const stem = rng.pick(distributorGroups);
      const word = rng.pick(distributorWords);
      return rng.pick([
        `${stem}控股${area.provinceShort}医药股份有限公司`,
        `${area.provinceShort}${stem}医药有限公司`,
        `${city.short}${word}医药有限公司`,
        `${city.short}${word}药业有限公司`,
      ]);
    }
    case 'pharmacy': {
      const chain = rng.pick(pharmacyChains);
      const street = rng.pick(streetNames);
      return rng.chance(0.7)
        ? `${chain}大药房（${district}${street}店）`
        : `${chain}大药房${city.short}${street}店`;
    }
    case 'clinic': {
      const dn = districtName(city, district);
      return rng.pick([
        `${dn}${rng.pick(clinicWords)}中医诊所`,
        `${dn}${rng.pick(clinicWords)}综合门诊部`,
        `${dn}${rng.pick(streetNames)}社区诊所`,
        `${city.short}${rng.pick(surnames)}氏中医诊所`,
      ]);
    }
  }
}

/**
 * One territory per rep. The team's products split into two lines (产品线) and
 * reps alternate lines; the team's hospitals are dealt out (each rep a mix of
 * levels), then each territory tops up to 8–12 hospitals with hospitals of the
 * other line, so a shared hospital is always covered for different products.
 */
function addTerritories(ctx: Context, teamPlans: readonly TeamPlan[], adminId: string, today: string): void {
  const { rows } = ctx;
  const rng = ctx.root.fork('territories');
  const productIds = rows.products.map((p) => p.id as string);
  for (const t of teamPlans) {
    const teamProducts =
      productIds.length <= 5
        ? productIds.slice()
        : Array.from({ length: 5 }, (_, k) => productIds[(t.index * 5 + k) % productIds.length] as string);
    const shuffled = rng.shuffle(teamProducts);
    const sizeA = shuffled.length >= 5 ? (rng.chance(0.5) ? 2 : 3) : Math.ceil(shuffled.length / 2);
    const lineA = shuffled.slice(0, sizeA);
    const lineB = shuffled.slice(sizeA);
    const repProducts = t.repIds.map((_, i) => (i % 2 === 1 && lineB.length > 0 ? lineB : lineA));

    const pool = rng.shuffle(t.hospitalIdx).sort(byLevel(ctx.hospitalLevel));
    const coverage = new Map<number, Set<string>>(); // hospital → products already covered there
    const assigned: number[][] = t.repIds.map(() => []);
    const cover = (rep: number, h: number) => {
      (assigned[rep] as number[]).push(h);
      const set = coverage.get(h) ?? new Set<string>();
      for (const p of repProducts[rep] as string[]) set.add(p);
      coverage.set(h, set);
    };
    pool.forEach((h, i) => cover(i % t.repIds.length, h));
    t.repIds.forEach((_, rep) => {
      const mine = assigned[rep] as number[];
      const target = rng.int(8, 12);
      const products = repProducts[rep] as string[];
      for (const h of pool) {
        if (mine.length >= target) break;
        if (mine.includes(h)) continue;
        const covered = coverage.get(h);
        if (covered && products.some((p) => covered.has(p))) continue;
        cover(rep, h);
      }
      // Tiny scales: fewer hospitals than reps; share rather than leave a territory empty.
      if (mine.length === 0 && pool.length > 0) cover(rep, pool[rep % pool.length] as number);
    });

    // Each territory: one of the area's distributors, and its share of pharmacies and clinics.
    const distributors = t.channelIdx.filter((c) => ctx.channelKind[c] === 'distributor');
    const retail = t.channelIdx.filter((c) => ctx.channelKind[c] !== 'distributor');

    t.repIds.forEach((repId, rep) => {
      const territoryId = rng.uuid();
      rows.territories.push({
        id: territoryId,
        code: `T-${t.area.code}${t.ordinal}-${pad2(rep + 1)}`,
        name: `${t.name}-辖区${pad2(rep + 1)}`,
        teamId: t.id,
        productIds: repProducts[rep] as string[],
      });
      for (const h of (assigned[rep] as number[]).slice().sort((a, b) => a - b)) {
        rows.territoryHospitals.push({ territoryId, hospitalId: rows.hospitals[h]?.id as string });
      }
      const channel = new Set<number>();
      if (distributors.length > 0) channel.add(distributors[rep % distributors.length] as number);
      retail.forEach((c, i) => {
        if (i % t.repIds.length === rep) channel.add(c);
      });
      for (const c of [...channel].sort((a, b) => a - b)) {
        rows.territoryChannelCustomers.push({
          territoryId,
          channelCustomerId: rows.channelCustomers[c]?.id as string,
        });
      }

      // 辖区分配: the current rep since some months ago; a few took over from a teammate.
      const start = monthStartBefore(today, rng.int(2, 14));
      const handover = t.repIds.length > 1 && rng.chance(0.2);
      if (handover) {
        rows.territoryAssignments.push({
          id: rng.uuid(),
          territoryId,
          userId: rng.pick(t.repIds.filter((id) => id !== repId)),
          startDate: monthStartBefore(start, rng.int(6, 24)),
          endDate: addDays(start, -1),
          note: '辖区调整前的负责代表',
          assignedBy: adminId,
        });
      }
      rows.territoryAssignments.push({
        id: rng.uuid(),
        territoryId,
        userId: repId,
        startDate: start,
        endDate: null,
        note: handover ? '辖区调整，接手同组代表的客户' : '年度辖区划分',
        assignedBy: adminId,
      });
    });
  }
}
