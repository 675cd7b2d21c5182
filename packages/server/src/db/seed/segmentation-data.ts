/**
 * Segmentation demo data, so the 360° page, the grading pages and the lists are alive on first start:
 * hospital grading inputs and grades (default config), listing status 进药 per hospital × carried product,
 * six months of compound scores 复式评分 per doctor for one or two of the territory's products (statuses
 * consistent with the listing on each date), the current status, ladder steps with history, relationship
 * stages with reasons, KOL profiles for about 5 % of doctors, one config row per kind and last month's
 * key-account lists. Pure and seeded like the rest of the generator.
 */
import {
  defaultDoctorGradingConfig,
  defaultHospitalGradingConfig,
  defaultKeyAccountShare,
  gradeDoctor,
  keyAccountValue,
  rankKeyAccounts,
  regradeSummary,
  scoreHospital,
  suggestPotential,
  type DepartmentTier,
  type DoctorTitle,
  type HospitalLevel,
  type KolInfluence,
} from '@keqing/domain';
import { defaultDoctorGradingSettings } from '@keqing/shared';
import type {
  doctorLadderHistory,
  doctorProductStatus,
  doctorScores,
  doctorStageHistory,
  hospitalProductListings,
  keyAccountSnapshots,
  kolProfiles,
  segmentationConfigs,
} from '../schema.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type SegmentationRows = {
  hospitalProductListings: (typeof hospitalProductListings.$inferInsert)[];
  segmentationConfigs: (typeof segmentationConfigs.$inferInsert)[];
  doctorScores: (typeof doctorScores.$inferInsert)[];
  doctorProductStatus: (typeof doctorProductStatus.$inferInsert)[];
  doctorLadderHistory: (typeof doctorLadderHistory.$inferInsert)[];
  doctorStageHistory: (typeof doctorStageHistory.$inferInsert)[];
  kolProfiles: (typeof kolProfiles.$inferInsert)[];
  keyAccountSnapshots: (typeof keyAccountSnapshots.$inferInsert)[];
};

type BaseRows = Omit<DemoRows, keyof SegmentationRows>;
type LevelGroup = 'tertiary' | 'secondary' | 'primary';

/** 目标科室 by therapeutic area, most central first (the first two are the primary target departments). */
const targetDepartmentsByArea: Record<string, readonly string[]> = {
  心血管: ['心内科', '心血管科', '老年医学科', '全科医学科', '内科', '中医科'],
  糖尿病: ['内分泌科', '肾内科', '肾病科', '老年医学科', '全科医学科', '内科', '心内科'],
  肿瘤: ['肿瘤科', '肿瘤内科', '胸外科', '呼吸内科', '血液肿瘤科', '放疗科', '肺病科'],
  呼吸: ['呼吸内科', '肺病科', '小儿呼吸科', '儿科', '全科医学科', '内科', '急诊科'],
  抗感染: ['感染科', '呼吸内科', '急诊科', '重症医学科', '普外科', '肺病科', '内科', '全科医学科'],
  消化: ['消化内科', '脾胃病科', '小儿消化科', '胃肠外科', '内科', '全科医学科'],
  神经: ['神经内科', '脑病科', '小儿神经科', '老年医学科', '内科'],
};
export const targetDepartmentsOf = (therapeuticArea: string): readonly string[] =>
  targetDepartmentsByArea[therapeuticArea] ?? ['内科', '全科医学科'];

const groupOf = (level: string): LevelGroup =>
  level.startsWith('三级') ? 'tertiary' : level.startsWith('二级') ? 'secondary' : 'primary';

// ── dates ────────────────────────────────────────────────────────────────────

const dayCache = new Map<string, string>();
/** Memoised: the same few hundred dates recur hundreds of thousands of times at large scales. */
function addDays(isoDate: string, days: number): string {
  const key = `${isoDate}${days}`;
  let result = dayCache.get(key);
  if (result === undefined) {
    const d = new Date(`${isoDate}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    result = d.toISOString().slice(0, 10);
    dayCache.set(key, result);
  }
  return result;
}
/** The last day of the month before isoDate's month. */
const endOfPreviousMonth = (isoDate: string) => addDays(`${isoDate.slice(0, 7)}-01`, -1);
const at = (isoDate: string, hour = 10) => `${isoDate}T${String(hour).padStart(2, '0')}:00:00+08:00`;

// ── texts ────────────────────────────────────────────────────────────────────

const scoreNotes = [
  '科室拜访后评估',
  '门诊后简短交流',
  '科室会后评估',
  '学术会议交流后评估',
  '电话回访后评估',
];
const ladderReasons: Record<number, readonly string[]> = {
  0: ['尚未接触过本产品'],
  1: ['参加产品推广会后了解了产品', '拜访时介绍了产品特点和用法'],
  2: ['在新患者中开始试用', '在部分老患者中换用本产品'],
  3: ['已常规使用本产品', '科室常规处方中使用本产品'],
  4: ['在此类患者中首选本产品'],
  5: ['在科室会上主动向同事推荐本产品', '在区域学术会议上分享使用经验'],
};
const ladderDownReasons = ['竞品进入后使用减少', '患者反馈后暂时减少使用'];
const stageInitialReasons: Record<number, string> = {
  1: '首次评估：尚未与我们合作',
  2: '首次评估：已开始少量合作',
  3: '首次评估：有需要时首先联系我们',
  4: '首次评估：长期稳定合作',
};
const stageUpReasons: Record<number, readonly string[]> = {
  2: ['同意在新患者中试用本产品', '接受邀请参加科室会'],
  3: ['主动邀请参加科室学术活动', '遇到用药问题首先咨询我们'],
  4: ['担任区域学术会议讲者，长期合作', '共同开展患者教育项目'],
};
const stageDownReasons = ['竞品进入后合作意愿下降', '科室人员调整，关系需重新建立'];
const kolNotes = [
  (dept: string) => `市医学会${dept.replace(/科$/, '')}专业委员会委员`,
  () => '院内药事管理与药物治疗学委员会成员',
  () => '多次担任区域学术会议讲者',
  () => '牵头开展多中心临床研究',
  (dept: string) => `${dept}学科带头人`,
];

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

/** The ladder steps a status usually goes with (the ladder is the rep's separate judgement). */
const stepRange: Record<number, readonly [number, number]> = {
  [-4]: [0, 0],
  [-3]: [0, 1],
  [-2]: [1, 2],
  [-1]: [1, 2],
  0: [1, 1],
  1: [2, 2],
  2: [2, 3],
  3: [3, 4],
  4: [4, 5],
};
/** A step that fits the status, kept from last time when it still fits (judgements are sticky). */
function stepFor(rng: Random, status: number, previous: number | null): number {
  const [low, high] = stepRange[status] ?? [0, 0];
  if (previous === null) return rng.int(low, high);
  return clamp(previous, low, high);
}

export function generateSegmentationData(
  rows: BaseRows,
  root: Random,
  options: { adminId: string; today: string },
): SegmentationRows {
  const { adminId, today } = options;
  const out: SegmentationRows = {
    hospitalProductListings: [],
    segmentationConfigs: [],
    doctorScores: [],
    doctorProductStatus: [],
    doctorLadderHistory: [],
    doctorStageHistory: [],
    kolProfiles: [],
    keyAccountSnapshots: [],
  };

  // ── who covers what ──
  const products = new Map(rows.products.map((p) => [p.id as string, p]));
  for (const p of rows.products) p.targetDepartments = [...targetDepartmentsOf(p.therapeuticArea)];
  const territoriesById = new Map(rows.territories.map((t) => [t.id as string, t]));
  const territoriesOfHospital = new Map<string, string[]>();
  for (const th of rows.territoryHospitals) {
    const list = territoriesOfHospital.get(th.hospitalId) ?? [];
    list.push(th.territoryId);
    territoriesOfHospital.set(th.hospitalId, list);
  }
  const assignmentsOf = new Map<string, (typeof rows.territoryAssignments)[number][]>();
  for (const a of rows.territoryAssignments) {
    const list = assignmentsOf.get(a.territoryId) ?? [];
    list.push(a);
    assignmentsOf.set(a.territoryId, list);
  }
  /** The rep covering a territory on a date (the current rep when the date precedes every assignment). */
  const repOn = (territoryId: string, date: string): string | null => {
    const list = assignmentsOf.get(territoryId) ?? [];
    const covering = list.find((a) => a.startDate <= date && (a.endDate == null || a.endDate >= date));
    return (covering ?? list.find((a) => a.endDate == null))?.userId ?? null;
  };
  /** The territory covering the hospital for the product (each hospital × product has at most one). */
  const territoryFor = (hospitalId: string, productId: string) =>
    (territoriesOfHospital.get(hospitalId) ?? []).find((id) =>
      territoriesById.get(id)?.productIds?.includes(productId),
    );
  const carriedCache = new Map<string, string[]>();
  /** Products carried by the territories covering the hospital, sorted. */
  const carriedAt = (hospitalId: string): string[] => {
    let carried = carriedCache.get(hospitalId);
    if (!carried) {
      carried = [
        ...new Set(
          (territoriesOfHospital.get(hospitalId) ?? []).flatMap(
            (id) => territoriesById.get(id)?.productIds ?? [],
          ),
        ),
      ].sort();
      carriedCache.set(hospitalId, carried);
    }
    return carried;
  };

  // ── hospitals: grading inputs, grade with the default config ──
  const hospitalRng = root.fork('hospital-grading');
  const levelOf = new Map<string, string>();
  for (const h of rows.hospitals) {
    const group = groupOf(h.level);
    levelOf.set(h.id as string, h.level);
    // about one hospital in twelve still lacks the rep's judgements: it grades incomplete
    if (!hospitalRng.chance(0.08)) {
      const [low, high] = group === 'tertiary' ? [3, 5] : group === 'secondary' ? [2, 4] : [1, 3];
      h.drugUseLevel = hospitalRng.int(low, high);
      const competitors = hospitalRng.int(0, group === 'primary' ? 3 : group === 'secondary' ? 5 : 8);
      h.competitorCount = competitors;
      h.competitionStrength = competitors > 0 ? hospitalRng.int(1, 5) : null;
      h.hasDominantCompetitor = competitors > 0 ? hospitalRng.chance(0.15) : false;
    }
    const scored = scoreHospital(
      {
        level: h.level as HospitalLevel,
        beds: h.beds,
        outpatientsPerDay: h.outpatientsPerDay,
        drugUseLevel: h.drugUseLevel,
        competition:
          h.competitorCount == null
            ? null
            : {
                competitorCount: h.competitorCount,
                strength: h.competitionStrength,
                oneDominates: h.hasDominantCompetitor,
              },
      },
      defaultHospitalGradingConfig,
    );
    h.grade = scored.grade;
    h.gradeScore = Math.round(scored.score);
    h.gradedAt = at(today, 8);
  }

  // ── 进药: every carried product at every hospital, listed or not ──
  const listingRng = root.fork('listings');
  const listedOn = new Map<string, string | null>(); // `${hospital}:${product}` → listedAt (null: not listed)
  for (const h of rows.hospitals) {
    const hospitalId = h.id as string;
    const share = { tertiary: 0.8, secondary: 0.6, primary: 0.4 }[groupOf(h.level)];
    for (const productId of carriedAt(hospitalId)) {
      const listed = listingRng.chance(share);
      // a fifth of the listings are recent, so some score histories cross from −1 to 0…4
      const listedAt = listed
        ? addDays(today, listingRng.chance(0.2) ? -listingRng.int(20, 150) : -listingRng.int(200, 1100))
        : null;
      listedOn.set(`${hospitalId}:${productId}`, listedAt);
      const territoryId = territoryFor(hospitalId, productId);
      const by = territoryId ? repOn(territoryId, listedAt ?? today) : null;
      out.hospitalProductListings.push({
        hospitalId,
        productId,
        listed,
        listedAt,
        updatedAt: at(listedAt ?? addDays(today, -listingRng.int(10, 300))),
        updatedBy: by ?? adminId,
      });
    }
  }
  const isListedOn = (hospitalId: string, productId: string, date: string) => {
    const listedAt = listedOn.get(`${hospitalId}:${productId}`);
    return listedAt != null && listedAt <= date;
  };

  // ── KOL profiles: senior doctors of bigger hospitals, about 5 % of all ──
  const kolRng = root.fork('kols');
  const departmentName = new Map(rows.departments.map((d) => [d.id as string, d.name]));
  const kolInfluence = new Map<string, KolInfluence>();
  for (const d of rows.doctors) {
    const group = groupOf(levelOf.get(d.hospitalId) ?? '');
    const senior = d.title === '主任医师' ? 2 : d.title === '副主任医师' ? 1 : 0;
    const dept = departmentName.get(d.departmentId ?? '') ?? '';
    if (senior === 0 || dept === '药剂科') continue;
    const p =
      { tertiary: [0, 0.08, 0.24], secondary: [0, 0.02, 0.08], primary: [0, 0, 0.02] }[group][senior] ?? 0;
    if (!kolRng.chance(p)) continue;
    const doctorId = d.id as string;
    kolInfluence.set(doctorId, group === 'tertiary' ? (senior === 2 ? 'regional' : 'hospital') : 'hospital');
    const types = kolRng
      .shuffle(['academicLeader', 'productSpeaker', 'prescribingAuthority'])
      .slice(0, kolRng.chance(0.35) ? 2 : 1);
    const step = kolRng.weighted([
      ['locate', 0.15],
      ['understand', 0.2],
      ['contact', 0.25],
      ['regularContact', 0.25],
      ['lockIn', 0.15],
    ] as const);
    const regular = step === 'regularContact' || step === 'lockIn';
    const cadence = regular
      ? kolRng.weighted([
          ['weekly', 0.2],
          ['monthly', 0.6],
          ['quarterly', 0.2],
        ] as const)
      : null;
    out.kolProfiles.push({
      doctorId,
      types,
      policyRoles: [
        ...(kolRng.chance(0.35) ? ['drugListing'] : []),
        ...(kolRng.chance(0.15) ? ['insuranceFormulary'] : []),
      ],
      developmentStep: step,
      contactCadence: cadence,
      lockInRoles:
        step === 'lockIn'
          ? kolRng.shuffle(['speaker', 'prescriber', 'supporter']).slice(0, kolRng.int(1, 2))
          : [],
      lastContactOn:
        step === 'locate' ? null : addDays(today, -kolRng.int(0, cadence === 'quarterly' ? 120 : 45)),
      notes: kolRng.chance(0.7) ? kolRng.pick(kolNotes)(dept) : null,
    });
  }

  // ── 复式评分: six months of assessments for one or two products per doctor ──
  const scoreRng = root.fork('scores');
  const windowStart = addDays(today, -182);
  const history: { doctorId: string; productId: string; status: number; potential: number; on: string }[] =
    [];
  const bestStatus = new Map<string, number>();
  for (const d of rows.doctors) {
    const doctorId = d.id as string;
    const dept = departmentName.get(d.departmentId ?? '') ?? '';
    if (dept === '药剂科') continue;
    const carried = carriedAt(d.hospitalId);
    if (carried.length === 0) continue;
    const relevant = carried.filter((p) =>
      targetDepartmentsOf(products.get(p)!.therapeuticArea).includes(dept),
    );
    // doctors outside the target departments are scored now and then, for the product nearest their work
    const pool = relevant.length > 0 ? relevant : scoreRng.chance(0.25) ? carried : [];
    if (pool.length === 0) continue;
    const chosen = scoreRng.shuffle(pool).slice(0, pool.length > 1 && scoreRng.chance(0.4) ? 2 : 1);
    const group = groupOf(levelOf.get(d.hospitalId) ?? '');

    for (const productId of chosen) {
      const targets = targetDepartmentsOf(products.get(productId)!.therapeuticArea);
      const index = targets.indexOf(dept);
      const tier: DepartmentTier = index === -1 ? 'other' : index < 2 ? 'primary' : 'secondary';
      const volume = { tertiary: [20, 120], secondary: [8, 60], primary: [2, 25] }[group];
      const suggestion = suggestPotential({
        patientVolumePerWeek: scoreRng.int(volume[0]!, volume[1]!),
        title: (d.title ?? '住院医师') as DoctorTitle,
        departmentTier: tier,
        kolInfluence: kolInfluence.get(doctorId) ?? 'none',
      });
      let potential = clamp(suggestion.value + (scoreRng.chance(0.25) ? scoreRng.pick([-1, 1]) : 0), 1, 5);

      const territoryId = territoryFor(d.hospitalId, productId);
      const count = scoreRng.int(2, 5);
      let on = addDays(windowStart, scoreRng.int(0, 40));
      let status: number | null = null;
      let step: number | null = null;
      for (let k = 0; k < count && on < today; k++) {
        const listed = isListedOn(d.hospitalId, productId, on);
        if (status === null) {
          status = listed
            ? scoreRng.weighted([
                [0, 0.25],
                [1, 0.3],
                [2, 0.25],
                [3, 0.15],
                [4, 0.05],
              ] as const)
            : scoreRng.weighted([
                [-4, 0.1],
                [-3, 0.35],
                [-2, 0.35],
                [-1, 0.2],
              ] as const);
        } else {
          const move = scoreRng.weighted([
            [1, 0.45],
            [0, 0.45],
            [-1, 0.1],
          ] as const);
          status += move;
        }
        // the listing decides the half of the scale: once listed, a doctor starts at 0 or 1
        status = listed ? clamp(status < 0 ? scoreRng.int(0, 1) : status, 0, 4) : clamp(status, -4, -1);
        if (k > 0 && scoreRng.chance(0.1)) potential = clamp(potential + scoreRng.pick([-1, 1]), 1, 5);
        const graded = gradeDoctor(status, potential, defaultDoctorGradingConfig);
        if (!graded.ok) throw new Error(`demo score off the matrix: ${status} × ${potential}`);
        const newStep = stepFor(scoreRng, status, step);
        const by = territoryId ? repOn(territoryId, on) : null;
        out.doctorScores.push({
          id: scoreRng.uuid(),
          doctorId,
          productId,
          prescriptionStatus: status,
          prescriptionPotential: potential,
          grade: graded.grade,
          adoptionStep: newStep,
          assessedOn: on,
          assessedBy: by,
          note: scoreRng.chance(0.6) ? scoreRng.pick(scoreNotes) : null,
          createdAt: at(on, 17),
        });
        if (newStep !== step) {
          out.doctorLadderHistory.push({
            id: scoreRng.uuid(),
            doctorId,
            productId,
            fromStep: step,
            toStep: newStep,
            changedOn: on,
            changedBy: by,
            reason: scoreRng.pick(
              step !== null && newStep < step ? ladderDownReasons : ladderReasons[newStep]!,
            ),
            createdAt: at(on, 17),
          });
          step = newStep;
        }
        history.push({ doctorId, productId, status, potential, on });
        on = addDays(on, scoreRng.int(20, 60));
      }
      if (status === null) continue;
      const graded = gradeDoctor(status, potential, defaultDoctorGradingConfig);
      if (!graded.ok) throw new Error('unreachable');
      const latest = out.doctorScores[out.doctorScores.length - 1]!;
      out.doctorProductStatus.push({
        doctorId,
        productId,
        prescriptionStatus: status,
        prescriptionPotential: potential,
        grade: graded.grade,
        visitsPerCycle: graded.visitsPerCycle,
        adoptionStep: step,
        assessedOn: latest.assessedOn,
        updatedAt: latest.createdAt,
      });
      bestStatus.set(doctorId, Math.max(bestStatus.get(doctorId) ?? -4, status));
    }
  }

  // ── 客户关系阶段: most scored doctors, a few moves over the past year ──
  const stageRng = root.fork('stages');
  const doctorsById = new Map(rows.doctors.map((d) => [d.id as string, d]));
  for (const [doctorId, best] of bestStatus) {
    if (!stageRng.chance(0.75)) continue;
    const d = doctorsById.get(doctorId)!;
    const target =
      best <= -2 ? 1 : best <= 0 ? stageRng.int(1, 2) : best <= 2 ? stageRng.int(2, 3) : stageRng.int(3, 4);
    const moves = stageRng.int(0, Math.min(2, target - 1));
    let stage = target - moves;
    let on = addDays(today, -stageRng.int(200, 365));
    const territoryId = (territoriesOfHospital.get(d.hospitalId) ?? [])[0];
    const by = (date: string) => (territoryId ? repOn(territoryId, date) : null);
    out.doctorStageHistory.push({
      id: stageRng.uuid(),
      doctorId,
      fromStage: null,
      toStage: stage,
      changedOn: on,
      changedBy: by(on),
      reason: stageInitialReasons[stage]!,
      createdAt: at(on, 18),
    });
    // now and then a relationship cools before it recovers
    if (stage >= 2 && stageRng.chance(0.1)) {
      on = addDays(on, stageRng.int(20, 60));
      out.doctorStageHistory.push({
        id: stageRng.uuid(),
        doctorId,
        fromStage: stage,
        toStage: stage - 1,
        changedOn: on,
        changedBy: by(on),
        reason: stageRng.pick(stageDownReasons),
        createdAt: at(on, 18),
      });
      stage -= 1;
    }
    while (stage < target) {
      on = addDays(on, stageRng.int(30, 90));
      if (on > today) on = today;
      out.doctorStageHistory.push({
        id: stageRng.uuid(),
        doctorId,
        fromStage: stage,
        toStage: stage + 1,
        changedOn: on,
        changedBy: by(on),
        reason: stageRng.pick(stageUpReasons[stage + 1]!),
        createdAt: at(on, 18),
      });
      stage += 1;
    }
    d.relationshipStage = stage;
  }

  // ── one config row per kind: the defaults, as the grading above used them ──
  out.segmentationConfigs.push(
    {
      id: root.fork('configs').uuid(),
      kind: 'hospitalGrading',
      config: defaultHospitalGradingConfig,
      regradeSummary: regradeSummary(
        [],
        rows.hospitals.map((h) => ({ id: h.id as string, grade: h.grade as string })),
        ['A', 'B', 'C'],
      ),
      createdBy: adminId,
      createdAt: at(today, 8),
    },
    {
      id: root.fork('configs').fork('doctor').uuid(),
      kind: 'doctorGrading',
      config: defaultDoctorGradingSettings,
      regradeSummary: regradeSummary(
        [],
        out.doctorProductStatus.map((s) => ({ id: `${s.doctorId}:${s.productId}`, grade: s.grade })),
        defaultDoctorGradingConfig.grades,
      ),
      createdBy: adminId,
      createdAt: at(today, 8),
    },
    {
      id: root.fork('configs').fork('keyAccounts').uuid(),
      kind: 'keyAccounts',
      config: { share: defaultKeyAccountShare },
      regradeSummary: null,
      createdBy: adminId,
      createdAt: at(today, 8),
    },
  );

  // ── last month's key-account lists per rep and manager (动态管理: 月变更 has something to compare) ──
  const monthEnd = endOfPreviousMonth(today);
  const valueAtMonthEnd = new Map<string, number>(); // doctor → summed value over products
  const latestByPair = new Map<string, { status: number; potential: number }>();
  for (const h of history) {
    if (h.on <= monthEnd) latestByPair.set(`${h.doctorId}:${h.productId}`, h);
  }
  for (const [key, s] of latestByPair) {
    const doctorId = key.slice(0, key.indexOf(':'));
    valueAtMonthEnd.set(
      doctorId,
      (valueAtMonthEnd.get(doctorId) ?? 0) + keyAccountValue({ kind: 'score', ...s }),
    );
  }
  const doctorsOfHospital = new Map<string, string[]>();
  for (const doctorId of [...valueAtMonthEnd.keys()].sort()) {
    const hospitalId = doctorsById.get(doctorId)!.hospitalId;
    const list = doctorsOfHospital.get(hospitalId);
    if (list) list.push(doctorId);
    else doctorsOfHospital.set(hospitalId, [doctorId]);
  }
  const month = monthEnd.slice(0, 7);
  const snapshot = (ownerId: string, hospitalIds: Set<string>) => {
    const doctorValues = [...hospitalIds].flatMap((h) =>
      (doctorsOfHospital.get(h) ?? []).map((id) => ({ id, value: valueAtMonthEnd.get(id)! })),
    );
    const hospitalValues = [...hospitalIds]
      .map((h) => ({
        id: h,
        value: (doctorsOfHospital.get(h) ?? []).reduce((s, id) => s + valueAtMonthEnd.get(id)!, 0),
      }))
      .filter((h) => h.value > 0);
    for (const [entityType, items] of [
      ['doctor', doctorValues],
      ['hospital', hospitalValues],
    ] as const) {
      for (const r of rankKeyAccounts(items, defaultKeyAccountShare)) {
        if (r.isKey)
          out.keyAccountSnapshots.push({ month, ownerId, entityType, entityId: r.id, value: r.value });
      }
    }
  };
  const hospitalsOfTerritory = new Map<string, Set<string>>();
  for (const th of rows.territoryHospitals) {
    const set = hospitalsOfTerritory.get(th.territoryId) ?? new Set<string>();
    set.add(th.hospitalId);
    hospitalsOfTerritory.set(th.territoryId, set);
  }
  // each rep's territories, each manager's team: one list per owner
  const ownerHospitals = new Map<string, Set<string>>();
  const addTo = (ownerId: string, hospitals: Set<string>) => {
    const set = ownerHospitals.get(ownerId) ?? new Set<string>();
    for (const h of hospitals) set.add(h);
    ownerHospitals.set(ownerId, set);
  };
  for (const t of rows.territories) {
    const territoryId = t.id as string;
    const hospitals = hospitalsOfTerritory.get(territoryId) ?? new Set<string>();
    const repId = repOn(territoryId, today);
    if (repId) addTo(repId, hospitals);
    const managerId = rows.teams.find((team) => team.id === t.teamId)?.managerId;
    if (managerId) addTo(managerId, hospitals);
  }
  for (const [ownerId, hospitals] of ownerHospitals) snapshot(ownerId, hospitals);

  return out;
}
