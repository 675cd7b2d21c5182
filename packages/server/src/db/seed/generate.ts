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
};

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
    doctorWeight: 5,
  },
  三级乙等: {
    group: 'tertiary',
    share: 0.08,
    beds: [600, 1300],
    outpatients: [1800, 5000],
    departments: [8, 9],
    headcount: [25, 60],
    doctorWeight: 3.2,
  },
  二级甲等: {
    group: 'secondary',
    share: 0.22,
    beds: [300, 800],
    outpatients: [800, 3000],
    departments: [6, 8],
    headcount: [12, 40],
    doctorWeight: 2.2,
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
    doctorWeight: 1,
  },
  社区卫生服务中心: {
    group: 'primary',
    share: 0.27,
    beds: [0, 60],
    outpatients: [200, 900],
    departments: [4, 5],
    headcount: [3, 12],
    doctorWeight: 0.9,
  },
  乡镇卫生院: {
    group: 'primary',
    share: 0.07,
    beds: [10, 80],
    outpatients: [80, 350],
    departments: [4, 4],
    headcount: [3, 10],
    doctorWeight: 0.8,
  },
};
type SeededLevel = keyof typeof levelProfiles;
const seededLevels = hospitalLevels.filter((l): l is SeededLevel => l in levelProfiles);
const levelRank = new Map<string, number>(hospitalLevels.map((l, i) => [l, i]));

const titleMix: Record<LevelGroup, readonly (readonly [string, number])[]> = {
  tertiary: [
    ['主任医师', 0.14],
    ['副主任医师', 0.26],
    ['主治医师', 0.34],
    ['住院医师', 0.26],
  ],
  secondary: [
    ['主任医师', 0.07],
    ['副主任医师', 0.2],
    ['主治医师', 0.4],
    ['住院医师', 0.33],
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
    ['主任医师', 0.85],
    ['副主任医师', 0.15],
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
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
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
function uniqueName(taken: Set<string>, candidate: () => string, fallbackSuffix: (n: number) => string): string {
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
    const phone = '1' + rng.pick(['38', '39', '37', '36', '35', '58', '59', '86', '88', '89']) + String(rng.int(0, 99_999_999)).padStart(8, '0');
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
              u.style === 'fu' ? `${u.short}${chineseNumber(n)}医院` : `${u.short}附${chineseNumber(n)}院`;
            return option(name, tcm ? '中医' : '综合', tcm ? 'tcm' : 'general', rng.pick(central), rng.chance(0.8) ? alias : null);
          },
          4,
        ]);
      }
      if (!area.municipality && cityIndex === 0) {
        const p = area.provinceShort;
        choices.push([
          () =>
            rng.pick([
              () => option(`${p}省人民医院`, '综合', 'general', rng.pick(central), rng.chance(0.7) ? `${p}省人医` : null),
              () => option(`${p}省中医院`, '中医', 'tcm', rng.pick(central), rng.chance(0.7) ? `${p}省中医` : null),
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
            () => option(`${cs}第一人民医院`, '综合', 'general', rng.pick(central), rng.chance(0.6) ? `${city.short}市一医院` : null),
            () => option(`${cs}第二人民医院`, '综合', 'general', rng.pick(central), rng.chance(0.4) ? `${city.short}市二医院` : null),
            () => option(`${cs}人民医院`, '综合', 'general', rng.pick(central)),
            () => option(`${cs}中心医院`, '综合', 'general', rng.pick(central)),
            () => option(`${cs}中医医院`, '中医', 'tcm', rng.pick(central), rng.chance(0.5) ? `${city.short}中医院` : null),
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
      return option(`${districtName(city, d)}${rng.pick(streetNames)}街道社区卫生服务中心`, '综合', 'primary', d);
    }
    case '乡镇卫生院': {
      const d = anyDistrict();
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
  ordinal: number;
  name: string;
  managerId: string;
  repIds: string[];
  hospitalIdx: number[];
  channelIdx: number[];
};

export function generateDemoData(options: GenerateOptions): DemoRows {
  const { scale, seed, passwordHash, today } = options;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale must be a positive number, got ${scale}`);
  const count = (base: number) => Math.max(1, Math.round(base * scale));
  const root = createRandom(seed);
  const initials = createInitials();

  const rows: DemoRows = {
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
  };

  // ── organisation: 大区 → 地区 → team ──
  const orgRng = root.fork('org');
  const teamCount = count(baseCounts.teams);
  const usedAreas = areaCatalog.slice(0, Math.min(teamCount, areaCatalog.length));
  const regionIds = new Map<string, string>();
  for (const area of usedAreas) {
    if (!regionIds.has(area.region)) {
      const id = orgRng.uuid();
      regionIds.set(area.region, id);
      rows.regions.push({ id, name: area.region });
    }
  }
  const areaIds = usedAreas.map((area) => {
    const id = orgRng.uuid();
    rows.areas.push({ id, regionId: regionIds.get(area.region) as string, name: area.name });
    return id;
  });

  const teamsPlan: TeamPlan[] = [];
  for (let i = 0; i < teamCount; i++) {
    const areaIndex = i % usedAreas.length;
    const area = usedAreas[areaIndex] as AreaInfo;
    const ordinal = Math.floor(i / usedAreas.length) + 1;
    teamsPlan.push({
      id: orgRng.uuid(),
      index: i,
      area,
      areaIndex,
      ordinal,
      name: `${area.short}${chineseNumber(ordinal)}组`,
      managerId: orgRng.uuid(),
      repIds: Array.from({ length: REPS_PER_TEAM }, () => orgRng.uuid()),
      hospitalIdx: [],
      channelIdx: [],
    });
  }
  for (const t of teamsPlan) {
    rows.teams.push({ id: t.id, areaId: areaIds[t.areaIndex] as string, name: t.name, managerId: t.managerId });
  }

  // ── users ──
  const userRng = root.fork('users');
  const takenPhones = new Set<string>();
  const takenUserNames = new Set<string>();
  const adminId = userRng.uuid();
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
    phone: phoneNumber(userRng, takenPhones),
    email: `${username}@example.com`,
    passwordHash,
    mustChangePassword: false,
  });
  rows.users.push(user(adminId, 'admin', '系统管理员', 'admin', null));
  rows.users.push(user(userRng.uuid(), 'compliance', '合规审计', 'compliance', null));
  const freshPersonName = () => {
    for (;;) {
      const name = personName(userRng, userRng.chance(0.5) ? '男' : '女');
      if (!takenUserNames.has(name)) {
        takenUserNames.add(name);
        return name;
      }
    }
  };
  for (const m of managerNames) takenUserNames.add(m.name);
  // manager01 … manager99, manager100 …: the demo sign-ins stay the same at every scale.
  for (const t of teamsPlan) {
    const name = managerNames[t.index]?.name ?? freshPersonName();
    rows.users.push(user(t.managerId, `manager${pad2(t.index + 1)}`, name, 'manager', t.id));
  }
  for (const t of teamsPlan) {
    t.repIds.forEach((id, i) => {
      const n = t.index * REPS_PER_TEAM + i + 1;
      rows.users.push(user(id, `rep${pad2(n)}`, freshPersonName(), 'rep', t.id));
    });
  }

  // ── products ──
  const productRng = root.fork('products');
  const productCount = count(baseCounts.products);
  const takenBrands = new Set<string>(coreProducts.map((p) => p.name));
  for (let i = 0; i < productCount; i++) {
    let seedRow: ProductSeed;
    if (i < coreProducts.length) {
      seedRow = coreProducts[i] as ProductSeed;
    } else {
      const generic = extraGenerics[(i - coreProducts.length) % extraGenerics.length] as Omit<ProductSeed, 'name'>;
      const brand = uniqueName(
        takenBrands,
        () => productRng.pick(brandSyllables) + productRng.pick(brandSyllables) + productRng.pick(brandSyllables),
        (n) => String(n),
      );
      seedRow = { ...generic, name: brand };
    }
    rows.products.push({
      id: productRng.uuid(),
      name: seedRow.name,
      genericName: seedRow.genericName,
      specification: seedRow.specification,
      therapeuticArea: seedRow.therapeuticArea,
      indications: [...seedRow.indications],
    });
  }
  const productIds = rows.products.map((p) => p.id as string);

  // ── hospitals, departments ──
  const hospitalRng = root.fork('hospitals');
  const hospitalCount = count(baseCounts.hospitals);
  const perTeamHospitals = splitEvenly(hospitalCount, teamCount);
  const takenHospitalNames = new Set<string>();
  const hospitalKinds: DepartmentKind[] = [];
  const hospitalLevelsByIdx: SeededLevel[] = [];
  let hospitalSerial = 0;

  usedAreas.forEach((area, areaIndex) => {
    const areaTeams = teamsPlan.filter((t) => t.areaIndex === areaIndex);
    const areaTotal = areaTeams.reduce((sum, t) => sum + (perTeamHospitals[t.index] as number), 0);
    const perCity = apportion(
      areaTotal,
      area.cities.map((c) => c.weight),
    );
    const areaHospitalIdx: number[] = [];
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
            takenHospitalNames,
            () => {
              picked = hospitalCandidate(hospitalRng, level, { area, city, cityIndex });
              return picked.name;
            },
            (n) => (n <= streetNames.length ? `（${streetNames[n - 1]}院区）` : `（第${chineseNumber(n)}院区）`),
          );
          const c = picked as HospitalCandidate;
          const profile = levelProfiles[level];
          const specialty = c.type === '专科' || c.type === '妇幼';
          let beds = hospitalRng.int(profile.beds[0], profile.beds[1]);
          if (specialty) beds = Math.round(beds * 0.6);
          if (beds >= 100) beds = roundTo(beds, 10);
          if (level === '社区卫生服务中心' && hospitalRng.chance(0.4)) beds = 0;
          let outpatients = hospitalRng.int(profile.outpatients[0], profile.outpatients[1]);
          if (specialty) outpatients = Math.round(outpatients * 0.7);
          outpatients = roundTo(outpatients, outpatients >= 1000 ? 50 : 10);
          hospitalSerial++;
          const alias = name === c.name ? c.alias : null;
          rows.hospitals.push({
            id: hospitalRng.uuid(),
            code: `H${String(hospitalSerial).padStart(6, '0')}`,
            name,
            alias,
            nameInitials: searchInitials(name, alias),
            level,
            type: c.type,
            province: area.province,
            city: city.name,
            district: c.district,
            address: address(hospitalRng, area, city, c.district),
            beds,
            outpatientsPerDay: outpatients,
          });
          hospitalKinds.push(c.kind);
          hospitalLevelsByIdx.push(level);
          areaHospitalIdx.push(rows.hospitals.length - 1);
        }
      });
    });
    // Deal the area's hospitals to its teams so each team gets a mix of levels.
    const byLevel = hospitalRng
      .shuffle(areaHospitalIdx)
      .sort((a, b) => (levelRank.get(hospitalLevelsByIdx[a] as string) ?? 0) - (levelRank.get(hospitalLevelsByIdx[b] as string) ?? 0));
    byLevel.forEach((h, i) => (areaTeams[i % areaTeams.length] as TeamPlan).hospitalIdx.push(h));
  });

  // Departments: a hospital lists its product-relevant departments first, plus 药剂科.
  type DeptPlan = { row: typeof departments.$inferInsert; hospitalIdx: number; weight: number };
  const deptPlans: DeptPlan[] = [];
  rows.hospitals.forEach((h, hi) => {
    const level = hospitalLevelsByIdx[hi] as SeededLevel;
    const profile = levelProfiles[level];
    const catalogue = departmentsByKind[hospitalKinds[hi] as DepartmentKind];
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
      deptPlans.push({
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

  // ── doctors ──
  const doctorRng = root.fork('doctors');
  const doctorTarget = count(baseCounts.doctors);
  const totalWeight = deptPlans.reduce((sum, d) => sum + d.weight, 0);
  for (const plan of deptPlans) {
    const hi = plan.hospitalIdx;
    const group = levelProfiles[hospitalLevelsByIdx[hi] as SeededLevel].group;
    const n = Math.max(1, Math.round((plan.weight * doctorTarget) / totalWeight));
    const pharmacy = plan.row.name === PHARMACY_DEPARTMENT;
    const namesHere = new Set<string>();
    for (let i = 0; i < n; i++) {
      const head = i === 0;
      const deputy = !head && i === 1 && n >= 4 && doctorRng.chance(0.6);
      const gender: Gender = doctorRng.chance(head ? 0.65 : 0.5) ? '男' : '女';
      let name = personName(doctorRng, gender);
      for (let attempt = 0; namesHere.has(name) && attempt < 20; attempt++) name = personName(doctorRng, gender);
      if (namesHere.has(name)) continue; // vanishingly rare; skip rather than duplicate
      namesHere.add(name);
      const title = doctorRng.weighted(head ? headTitleMix[group] : deputy ? deputyTitleMix[group] : titleMix[group]);
      let position: string | null = null;
      if (head) position = pharmacy ? '药剂科主任' : '科主任';
      else if (deputy) position = pharmacy ? '药剂科副主任' : '副主任';
      rows.doctors.push({
        id: doctorRng.uuid(),
        name,
        nameInitials: initials(name),
        gender,
        hospitalId: plan.row.hospitalId,
        departmentId: plan.row.id as string,
        title,
        position,
      });
    }
    plan.row.headcount = Math.max(plan.row.headcount ?? 0, n + doctorRng.int(2, 8));
    rows.departments.push(plan.row);
  }
  // A few hospital presidents and vice presidents: clinical department heads in 三级/二级 hospitals.
  const headsByHospital = new Map<string, (typeof doctors.$inferInsert)[]>();
  for (const d of rows.doctors) {
    if (d.position !== '科主任') continue;
    const list = headsByHospital.get(d.hospitalId) ?? [];
    list.push(d);
    headsByHospital.set(d.hospitalId, list);
  }
  rows.hospitals.forEach((h, hi) => {
    if (levelProfiles[hospitalLevelsByIdx[hi] as SeededLevel].group === 'primary') return;
    const heads = headsByHospital.get(h.id as string) ?? [];
    const first = heads[0];
    if (first && doctorRng.chance(0.15)) {
      first.position = '院长';
      first.title = '主任医师';
    }
    const second = heads[1];
    if (second && doctorRng.chance(0.12)) second.position = '副院长';
  });

  // ── channel customers ──
  const channelRng = root.fork('channel');
  const channelCount = count(baseCounts.channelCustomers);
  const perTeamChannel = splitEvenly(channelCount, teamCount);
  const takenChannelNames = new Set<string>();
  const channelKinds: ('distributor' | 'pharmacy' | 'clinic')[] = [];
  for (const t of teamsPlan) {
    const n = perTeamChannel[t.index] as number;
    const distributorsN = n >= 3 ? Math.max(1, Math.round(n * 0.2)) : Math.min(n, 1);
    const clinicsN = n >= 3 ? Math.round(n * 0.2) : 0;
    const kinds = [
      ...Array<'distributor'>(distributorsN).fill('distributor'),
      ...Array<'pharmacy'>(n - distributorsN - clinicsN).fill('pharmacy'),
      ...Array<'clinic'>(clinicsN).fill('clinic'),
    ];
    const area = t.area;
    for (const kind of kinds) {
      const cityIndex = apportionPick(channelRng, area.cities.map((c) => c.weight));
      const city = area.cities[cityIndex] as City;
      const district = channelRng.pick(city.districts);
      const dn = districtName(city, district);
      const name = uniqueName(
        takenChannelNames,
        () => {
          switch (kind) {
            case 'distributor': {
              const stem = channelRng.pick(distributorGroups);
              const word = channelRng.pick(distributorWords);
              return channelRng.pick([
                `${stem}控股${area.provinceShort}医药股份有限公司`,
                `${area.provinceShort}${stem}医药有限公司`,
                `${city.short}${word}医药有限公司`,
                `${city.short}${word}药业有限公司`,
              ]);
            }
            case 'pharmacy': {
              const chain = channelRng.pick(pharmacyChains);
              const street = channelRng.pick(streetNames);
              return channelRng.chance(0.7)
                ? `${chain}大药房（${district}${street}店）`
                : `${chain}大药房${city.short}${street}店`;
            }
            case 'clinic':
              return channelRng.pick([
                `${dn}${channelRng.pick(clinicWords)}中医诊所`,
                `${dn}${channelRng.pick(clinicWords)}综合门诊部`,
                `${dn}${channelRng.pick(streetNames)}社区诊所`,
                `${city.short}${channelRng.pick(surnames)}氏中医诊所`,
              ]);
          }
        },
        (n) => `（${chineseNumber(n + 1)}部）`, // rare: only at very large scales
      );
      rows.channelCustomers.push({
        id: channelRng.uuid(),
        kind,
        name,
        nameInitials: searchInitials(name),
        province: area.province,
        city: city.name,
        address: address(channelRng, area, city, district),
      });
      channelKinds.push(kind);
      t.channelIdx.push(rows.channelCustomers.length - 1);
    }
  }

  // ── territories 辖区 ──
  const territoryRng = root.fork('territories');
  for (const t of teamsPlan) {
    // The team's products split into two lines (产品线); reps alternate lines, so a
    // hospital covered by two reps is covered for different products.
    const teamProducts =
      productIds.length <= 5
        ? productIds.slice()
        : Array.from({ length: 5 }, (_, k) => productIds[(t.index * 5 + k) % productIds.length] as string);
    const shuffled = territoryRng.shuffle(teamProducts);
    const sizeA = shuffled.length >= 5 ? (territoryRng.chance(0.5) ? 2 : 3) : Math.ceil(shuffled.length / 2);
    const lineA = shuffled.slice(0, sizeA);
    const lineB = shuffled.slice(sizeA);
    const repProducts = t.repIds.map((_, i) => (i % 2 === 1 && lineB.length > 0 ? lineB : lineA));

    const pool = territoryRng
      .shuffle(t.hospitalIdx)
      .sort((a, b) => (levelRank.get(hospitalLevelsByIdx[a] as string) ?? 0) - (levelRank.get(hospitalLevelsByIdx[b] as string) ?? 0));
    const coverage = new Map<number, Set<string>>(); // hospital → products already covered
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
      const target = territoryRng.int(8, 12);
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

    const distributors = t.channelIdx.filter((c) => channelKinds[c] === 'distributor');
    const others = t.channelIdx.filter((c) => channelKinds[c] !== 'distributor');

    t.repIds.forEach((repId, rep) => {
      const territoryId = territoryRng.uuid();
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
      others.forEach((c, i) => {
        if (i % t.repIds.length === rep) channel.add(c);
      });
      for (const c of [...channel].sort((a, b) => a - b)) {
        rows.territoryChannelCustomers.push({ territoryId, channelCustomerId: rows.channelCustomers[c]?.id as string });
      }

      // 辖区分配: the current rep since some months ago; a few took over from a teammate.
      const start = monthStartBefore(today, territoryRng.int(2, 14));
      const handover = t.repIds.length > 1 && territoryRng.chance(0.2);
      if (handover) {
        const others = t.repIds.filter((id) => id !== repId);
        rows.territoryAssignments.push({
          id: territoryRng.uuid(),
          territoryId,
          userId: territoryRng.pick(others),
          startDate: monthStartBefore(start, territoryRng.int(6, 24)),
          endDate: addDays(start, -1),
          note: '辖区调整前的负责代表',
          assignedBy: adminId,
        });
      }
      rows.territoryAssignments.push({
        id: territoryRng.uuid(),
        territoryId,
        userId: repId,
        startDate: start,
        endDate: null,
        note: handover ? '辖区调整，接手同组代表的客户' : '年度辖区划分',
        assignedBy: adminId,
      });
    });
  }

  return rows;
}

/** Picks an index with probability proportional to its weight. */
function apportionPick(rng: Random, weights: readonly number[]): number {
  return rng.weighted(weights.map((w, i) => [i, w] as const));
}
