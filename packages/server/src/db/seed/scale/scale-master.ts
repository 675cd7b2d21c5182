/**
 * The small tables of the scale data, built in memory: organisation, users, products, hospitals with
 * their names and pinyin initials, territories (two product lines over the same hospitals), assignments,
 * distributors, grading configs, and the lookup tables the SQL phases read (name pool, grade matrix,
 * objective and product texts). Ids are derived from numbers (`scaleId`) so the SQL phases compute the
 * id of any hospital, doctor, rep or territory from its index without a join.
 */
import {
  defaultDoctorGradingConfig,
  defaultHospitalGradingConfig,
  defaultKeyAccountShare,
  gradeDoctor,
  pinyinInitials,
  searchInitials,
} from '@keqing/domain';
import { defaultDoctorGradingSettings } from '@keqing/shared';
import type {
  areas,
  channelCustomers,
  hospitals,
  products,
  regions,
  segmentationConfigs,
  teams,
  territories,
  territoryAssignments,
  territoryChannelCustomers,
  territoryHospitals,
  users,
} from '../../schema.ts';
import {
  areaCatalog,
  callObjectiveTemplates,
  coreProducts,
  extraGenerics,
  femaleGivenChars,
  keyMessageTemplates,
  maleGivenChars,
  sharedGivenChars,
  streetNames,
  surnames,
  townNames,
  type ProductSeed,
} from '../catalog.ts';
import { chineseNumber } from '../generate.ts';
import { createRandom, type Random } from '../random.ts';
import type { ScaleSize } from './scale-sizes.ts';

// ── ids ─────────────────────────────────────────────────────────────────────

/** One prefix per kind of record: the id of hospital 17 is 00000006-0000-4000-8000-000000000011. */
export const idKinds = {
  region: 1,
  area: 2,
  team: 3,
  user: 4,
  product: 5,
  hospital: 6,
  department: 7,
  doctor: 8,
  territory: 9,
  assignment: 10,
  distributor: 11,
  flowImport: 12,
  call: 13,
  callClient: 14,
  score: 15,
  flowRow: 16,
  config: 17,
} as const;
export type IdKind = keyof typeof idKinds;

const prefixOf = (kind: IdKind) => idKinds[kind].toString(16).padStart(8, '0');

/** A valid version-4-shaped uuid made from a kind and a number. */
export function scaleId(kind: IdKind, n: number): string {
  return `${prefixOf(kind)}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** The same id computed in SQL from an integer expression. */
export function scaleIdSql(kind: IdKind, expr: string): string {
  return `(('${prefixOf(kind)}-0000-4000-8000-' || lpad(to_hex((${expr})::bigint), 12, '0'))::uuid)`;
}

/** A cheap deterministic spread of integers into 0…1,000,002, the same in JS tests and in SQL. */
export function mixSql(a: string, b: string | number): string {
  return `((((${a})::bigint * 2654435761 + (${b})::bigint * 40503 + 12345) % 1000003))`;
}

// ── layout: which team, territory and rep a hospital belongs to ────────────

/** Reps with an even index in their team carry line A (products 0–3), odd ones line B (4–7). */
export function lineCounts(size: ScaleSize): { lineA: number; lineB: number } {
  return { lineA: Math.ceil(size.repsPerTeam / 2), lineB: Math.floor(size.repsPerTeam / 2) };
}

/** The first hospital h with floor(h × teams / hospitals) = team, i.e. ceil(team × hospitals / teams). */
export const firstHospitalOfTeam = (size: ScaleSize, team: number) =>
  Math.ceil((team * size.hospitals) / size.teams);

export type HospitalPlace = { team: number; territoryA: number; territoryB: number };

/**
 * Hospitals are dealt to teams in contiguous blocks; inside a team, line A reps split the block into
 * ranges and so do line B reps, so every hospital is covered once for each line. With one rep per team
 * both "lines" are the same territory (which then carries all products).
 */
export function hospitalPlace(size: ScaleSize, h: number): HospitalPlace {
  const team = Math.floor((h * size.teams) / size.hospitals);
  const first = firstHospitalOfTeam(size, team);
  const count = firstHospitalOfTeam(size, team + 1) - first;
  const local = h - first;
  const { lineA, lineB } = lineCounts(size);
  const base = team * size.repsPerTeam;
  const territoryA = base + 2 * Math.floor((local * lineA) / count);
  const territoryB = lineB === 0 ? territoryA : base + 2 * Math.floor((local * lineB) / count) + 1;
  return { team, territoryA, territoryB };
}

export const productIndexesOfLine = (line: 'A' | 'B') => (line === 'A' ? [0, 1, 2, 3] : [4, 5, 6, 7]);

// ── products ────────────────────────────────────────────────────────────────

const extraBrands = ['康维宁', '舒达安', '泰立平'];
/** 出厂价 per box in fen, for the flow rows. */
export const productPricesFen = [4_580, 6_820, 12_800, 3_650, 9_800, 5_260, 7_640, 15_800];

function productSeeds(): ProductSeed[] {
  const extra = extraGenerics
    .filter((g) => !coreProducts.some((c) => c.genericName === g.genericName))
    .slice(0, 8 - coreProducts.length);
  return [...coreProducts, ...extra.map((g, i) => ({ ...g, name: extraBrands[i] ?? `产品${i}` }))];
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

// ── the rows ────────────────────────────────────────────────────────────────

export type MasterRows = {
  regions: (typeof regions.$inferInsert)[];
  areas: (typeof areas.$inferInsert)[];
  teams: (typeof teams.$inferInsert)[];
  users: (typeof users.$inferInsert)[];
  products: (typeof products.$inferInsert)[];
  hospitals: (typeof hospitals.$inferInsert)[];
  territories: (typeof territories.$inferInsert)[];
  territoryHospitals: (typeof territoryHospitals.$inferInsert)[];
  territoryAssignments: (typeof territoryAssignments.$inferInsert)[];
  channelCustomers: (typeof channelCustomers.$inferInsert)[];
  territoryChannelCustomers: (typeof territoryChannelCustomers.$inferInsert)[];
  segmentationConfigs: (typeof segmentationConfigs.$inferInsert)[];
};

/** Rows of the lookup tables in the work schema (dropped after seeding). */
export type LookupRows = {
  /** doctor names: i → name, initials, gender */
  names: { i: number; name: string; initials: string; gender: string }[];
  /** the default grading matrix: potential × status → grade, its rank (0 = best) and visits per cycle */
  grades: { potential: number; status: number; grade: string; rank: number; visits: number }[];
  /** per product, eight objective sets (3–4 SMART objectives with outcomes) and the products jsonb */
  callTexts: {
    product: number;
    variant: number;
    objectives: string;
    objectiveCount: number;
    products: string;
  }[];
  /** per hospital: index → name (flow rows name the buyer) */
  hospitalNames: { h: number; name: string }[];
};

export type UserNumbers = { reps: number; managers: number; admin: number; compliance: number };

/** Reps are users 0…reps−1 (rep r covers territory r), then managers, admin, compliance. */
export function userNumbers(size: ScaleSize): UserNumbers {
  const reps = size.teams * size.repsPerTeam;
  return { reps, managers: size.teams, admin: reps + size.teams, compliance: reps + size.teams + 1 };
}

const pad4 = (n: number) => String(n).padStart(4, '0');
export const repUsername = (r: number) => `rep${pad4(r + 1)}`;
export const managerUsername = (t: number) => `manager${pad4(t + 1)}`;

function personName(rng: Random): { name: string; gender: '男' | '女' } {
  const gender = rng.chance(0.5) ? '男' : '女';
  const own = gender === '男' ? maleGivenChars : femaleGivenChars;
  const surname = rng.pick(surnames.slice(0, 60));
  if (rng.chance(0.3)) return { name: surname + rng.pick(own), gender };
  return {
    name: surname + (rng.chance(0.55) ? rng.pick(sharedGivenChars) : rng.pick(own)) + rng.pick(own),
    gender,
  };
}

type LevelSpec = {
  level: string;
  share: number;
  grade: string;
  score: [number, number];
  beds: [number, number];
};
const levels: LevelSpec[] = [
  { level: '三级甲等', share: 0.08, grade: 'A', score: [80, 100], beds: [1200, 3500] },
  { level: '三级乙等', share: 0.05, grade: 'A', score: [70, 85], beds: [600, 1300] },
  { level: '二级甲等', share: 0.17, grade: 'B', score: [50, 75], beds: [300, 800] },
  { level: '二级乙等', share: 0.1, grade: 'B', score: [40, 60], beds: [150, 400] },
  { level: '一级', share: 0.1, grade: 'C', score: [20, 45], beds: [20, 99] },
  { level: '社区卫生服务中心', share: 0.38, grade: 'C', score: [10, 40], beds: [0, 60] },
  { level: '乡镇卫生院', share: 0.12, grade: 'C', score: [10, 35], beds: [10, 80] },
];

export function buildMasterRows(
  size: ScaleSize,
  options: { passwordHash: string; windowStart: string; today: string; seed: number },
): { rows: MasterRows; lookups: LookupRows } {
  const root = createRandom(options.seed);
  const now = `${options.today}T08:00:00+08:00`;
  const rows: MasterRows = {
    regions: [],
    areas: [],
    teams: [],
    users: [],
    products: [],
    hospitals: [],
    territories: [],
    territoryHospitals: [],
    territoryAssignments: [],
    channelCustomers: [],
    territoryChannelCustomers: [],
    segmentationConfigs: [],
  };
  const numbers = userNumbers(size);
  const adminId = scaleId('user', numbers.admin);

  // 大区 → 地区 (five teams each) → teams
  const regionNames = [...new Set(areaCatalog.map((a) => a.region))];
  regionNames.forEach((name, i) => rows.regions.push({ id: scaleId('region', i), name }));
  const areaCount = Math.ceil(size.teams / 5);
  const areaInfo = Array.from({ length: areaCount }, (_, a) => {
    const info = areaCatalog[a % areaCatalog.length]!;
    const round = Math.floor(a / areaCatalog.length);
    const name = round === 0 ? info.name : `${info.name}${chineseNumber(round + 1)}部`;
    rows.areas.push({
      id: scaleId('area', a),
      regionId: scaleId('region', regionNames.indexOf(info.region)),
      name,
    });
    return { info, name };
  });
  const teamArea = (t: number) => Math.floor((t * areaCount) / size.teams);
  for (let t = 0; t < size.teams; t++) {
    const a = teamArea(t);
    const ordinal = t - Math.ceil((a * size.teams) / areaCount) + 1;
    rows.teams.push({
      id: scaleId('team', t),
      areaId: scaleId('area', a),
      name: `${areaInfo[a]!.info.short}${chineseNumber(ordinal)}组`,
      managerId: scaleId('user', numbers.reps + t),
    });
  }

  // users: reps first (rep r covers territory r), managers, admin, compliance
  const people = root.fork('people');
  const user = (
    n: number,
    username: string,
    role: 'rep' | 'manager' | 'admin' | 'compliance',
    teamId: string | null,
    name: string,
  ) =>
    rows.users.push({
      id: scaleId('user', n),
      username,
      name,
      role,
      teamId,
      phone: `139${String(10_000_000 + n).slice(-8)}`,
      email: `${username}@example.com`,
      passwordHash: options.passwordHash,
      mustChangePassword: false,
      passwordChangedAt: now,
      duties: [],
    });
  for (let r = 0; r < numbers.reps; r++) {
    user(
      r,
      repUsername(r),
      'rep',
      scaleId('team', Math.floor(r / size.repsPerTeam)),
      personName(people).name,
    );
  }
  for (let t = 0; t < size.teams; t++) {
    user(numbers.reps + t, managerUsername(t), 'manager', scaleId('team', t), personName(people).name);
  }
  user(numbers.admin, 'admin', 'admin', null, '系统管理员');
  user(numbers.compliance, 'compliance', 'compliance', null, '合规审计');

  // products: two lines of four
  const seeds = productSeeds();
  seeds.forEach((p, i) =>
    rows.products.push({
      id: scaleId('product', i),
      name: p.name,
      genericName: p.genericName,
      specification: p.specification,
      therapeuticArea: p.therapeuticArea,
      indications: [...p.indications],
      targetDepartments: [],
      keyMessages: [],
    }),
  );

  // hospitals: names unique, initials as the app computes them
  const hospitalRng = root.fork('hospitals');
  const taken = new Set<string>();
  const hospitalNames: LookupRows['hospitalNames'] = [];
  const counters = new Map<string, number>();
  for (let h = 0; h < size.hospitals; h++) {
    const place = hospitalPlace(size, h);
    const { info } = areaInfo[teamArea(place.team)]!;
    const city = info.cities[h % info.cities.length]!;
    const spec = hospitalRng.weighted(levels.map((l) => [l, l.share] as const));
    const district = hospitalRng.pick(city.districts);
    const base =
      spec.level === '三级甲等' || spec.level === '三级乙等'
        ? `${city.short}市${hospitalRng.pick(['第一人民医院', '中心医院', '第二人民医院', '中医医院', '人民医院'])}`
        : spec.level.startsWith('二级')
          ? `${district}${hospitalRng.pick(['人民医院', '中医医院', '第一医院'])}`
          : spec.level === '乡镇卫生院'
            ? `${district}${hospitalRng.pick(townNames)}镇卫生院`
            : spec.level === '一级'
              ? `${district}${hospitalRng.pick(streetNames)}医院`
              : `${district}${hospitalRng.pick(streetNames)}街道社区卫生服务中心`;
    let name = base;
    if (taken.has(name)) {
      // The same name again: a numbered 院区/分中心, counted per base name.
      let n = counters.get(base) ?? 1;
      do {
        n += 1;
        name = `${base}（${chineseNumber(n)}院区）`;
      } while (taken.has(name));
      counters.set(base, n);
    }
    taken.add(name);
    hospitalNames.push({ h, name });
    const [lat, lon] = city.centre;
    rows.hospitals.push({
      id: scaleId('hospital', h),
      code: `SH${String(h + 1).padStart(6, '0')}`,
      name,
      nameInitials: searchInitials(name),
      level: spec.level,
      type: '综合',
      province: info.province,
      city: city.name,
      district,
      beds: hospitalRng.int(spec.beds[0], spec.beds[1]),
      outpatientsPerDay: hospitalRng.int(100, 5000),
      drugUseLevel: hospitalRng.int(1, 5),
      grade: spec.grade,
      gradeScore: hospitalRng.int(spec.score[0], spec.score[1]),
      gradedAt: now,
      latitude: Number((lat + (hospitalRng.next() - 0.5) * 0.2).toFixed(6)),
      longitude: Number((lon + (hospitalRng.next() - 0.5) * 0.2).toFixed(6)),
      createdAt: now,
      updatedAt: now,
    });
  }

  // territories (one per rep), their hospitals and the current assignment since the start of the window
  const { lineB } = lineCounts(size);
  for (let r = 0; r < numbers.reps; r++) {
    const t = Math.floor(r / size.repsPerTeam);
    const j = r % size.repsPerTeam;
    const line = lineB === 0 ? null : j % 2 === 0 ? 'A' : 'B';
    const productIdx = line === null ? [0, 1, 2, 3, 4, 5, 6, 7] : productIndexesOfLine(line);
    rows.territories.push({
      id: scaleId('territory', r),
      code: `ST-${String(t + 1).padStart(4, '0')}-${String(j + 1).padStart(2, '0')}`,
      name: `${rows.teams[t]!.name}-辖区${String(j + 1).padStart(2, '0')}`,
      teamId: scaleId('team', t),
      productIds: productIdx.map((p) => scaleId('product', p)),
    });
    rows.territoryAssignments.push({
      id: scaleId('assignment', r),
      territoryId: scaleId('territory', r),
      userId: scaleId('user', r),
      startDate: options.windowStart,
      endDate: null,
      note: '年度辖区划分',
      assignedBy: adminId,
    });
  }
  for (let h = 0; h < size.hospitals; h++) {
    const place = hospitalPlace(size, h);
    rows.territoryHospitals.push({
      territoryId: scaleId('territory', place.territoryA),
      hospitalId: scaleId('hospital', h),
    });
    if (place.territoryB !== place.territoryA) {
      rows.territoryHospitals.push({
        territoryId: scaleId('territory', place.territoryB),
        hospitalId: scaleId('hospital', h),
      });
    }
  }

  // distributors: dealt to teams; each of the team's territories carries the team's distributors
  const channelRng = root.fork('distributors');
  for (let i = 0; i < size.distributors; i++) {
    const t = distributorTeam(size, i);
    const { info } = areaInfo[teamArea(t)]!;
    const city = info.cities[i % info.cities.length]!;
    const name = `${city.short}${channelRng.pick(['康源', '瑞丰', '华信', '泰和', '鼎盛', '正元'])}医药有限公司（${chineseNumber(i + 1)}号库）`;
    rows.channelCustomers.push({
      id: scaleId('distributor', i),
      kind: 'distributor',
      name,
      nameInitials: searchInitials(name),
      province: info.province,
      city: city.name,
      code: `SD${String(i + 1).padStart(5, '0')}`,
      distributorTier: 'primary',
      authorisedCities: [city.name],
      creditLimitFen: channelRng.int(50, 500) * 1_000_000,
      paymentTerms: 'credit',
      paymentTermDays: channelRng.pick([30, 60, 90]),
      satisfaction: channelRng.int(3, 5),
      status: 'designated',
    });
    for (let j = 0; j < size.repsPerTeam; j++) {
      rows.territoryChannelCustomers.push({
        territoryId: scaleId('territory', t * size.repsPerTeam + j),
        channelCustomerId: scaleId('distributor', i),
      });
    }
  }

  // grading configs: the defaults the scores below were graded with
  rows.segmentationConfigs.push(
    {
      id: scaleId('config', 0),
      kind: 'hospitalGrading',
      config: defaultHospitalGradingConfig,
      createdBy: adminId,
      createdAt: now,
    },
    {
      id: scaleId('config', 1),
      kind: 'doctorGrading',
      config: defaultDoctorGradingSettings,
      createdBy: adminId,
      createdAt: now,
    },
    {
      id: scaleId('config', 2),
      kind: 'keyAccounts',
      config: { share: defaultKeyAccountShare },
      createdBy: adminId,
      createdAt: now,
    },
  );

  // Up to 20,000 distinct names (pinyin of each computed here); small sizes need fewer.
  const namePool = Math.min(20_000, size.doctors);
  return { rows, lookups: buildLookups(seeds, hospitalNames, namePool, root.fork('lookups')) };
}

export const distributorTeam = (size: ScaleSize, i: number) =>
  Math.floor((i * size.teams) / size.distributors);

function buildLookups(
  seeds: ProductSeed[],
  hospitalNames: LookupRows['hospitalNames'],
  namePool: number,
  rng: Random,
): LookupRows {
  // A pool of distinct names; 400,000 doctors reuse them, as real name lists do.
  const names: LookupRows['names'] = [];
  const seen = new Set<string>();
  const nameRng = rng.fork('names');
  for (let attempts = 0; names.length < namePool && attempts < namePool * 10; attempts++) {
    const p = personName(nameRng);
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    names.push({ i: names.length, name: p.name, initials: pinyinInitials(p.name), gender: p.gender });
  }

  const grades: LookupRows['grades'] = [];
  for (let potential = 1; potential <= 5; potential++) {
    for (let status = -4; status <= 4; status++) {
      const graded = gradeDoctor(status, potential, defaultDoctorGradingConfig);
      if (!graded.ok) throw new Error(`default grading matrix has no cell ${potential}/${status}`);
      grades.push({
        potential,
        status,
        grade: graded.grade,
        rank: defaultDoctorGradingConfig.grades.indexOf(graded.grade),
        visits: graded.visitsPerCycle,
      });
    }
  }

  const outcomes = ['achieved', 'achieved', 'partly', 'notAchieved'] as const;
  const callTexts: LookupRows['callTexts'] = [];
  seeds.forEach((p, product) => {
    const values = { product: p.name, generic: p.genericName, indication: p.indications[0] ?? '' };
    const keyMessages = keyMessageTemplates.map((t) => fill(t, values));
    for (let variant = 0; variant < 8; variant++) {
      const count = variant % 3 === 0 ? 4 : 3;
      const texts = rng.shuffle(callObjectiveTemplates).slice(0, count);
      const objectives = texts.map((t) => ({ text: fill(t, values), outcome: rng.pick(outcomes) }));
      callTexts.push({
        product,
        variant,
        objectives: JSON.stringify(objectives),
        objectiveCount: count,
        products: JSON.stringify([
          {
            productId: scaleId('product', product),
            keyMessages: rng.shuffle(keyMessages).slice(0, 1 + (variant % 2)),
          },
        ]),
      });
    }
  });
  return { names, grades, callTexts, hospitalNames };
}
