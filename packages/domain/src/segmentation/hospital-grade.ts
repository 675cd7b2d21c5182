import type { SegmentationProblem } from './messages.ts';
import {
  isFiniteNumber,
  maxPoints,
  pointsFromBands,
  roundTo,
  validateBands,
  validatePoints,
  validateWeights,
  type ScoreBand,
} from './scoring.ts';

/**
 * 医院等级 — the health authority's grade of a hospital. Same values as `hospitalLevels` in
 * packages/shared/src/accounts.ts (this package may import nothing of ours, so the list is repeated).
 */
export type HospitalLevel =
  '三级甲等' | '三级乙等' | '二级甲等' | '二级乙等' | '一级' | '社区卫生服务中心' | '乡镇卫生院' | '诊所';

const levels: readonly HospitalLevel[] = [
  '三级甲等',
  '三级乙等',
  '二级甲等',
  '二级乙等',
  '一级',
  '社区卫生服务中心',
  '乡镇卫生院',
  '诊所',
];

/** 医院定级 — the company's own A/B/C grade of a hospital, which decides where reps spend their time. */
export type HospitalGrade = 'A' | 'B' | 'C';
const hospitalGrades: readonly HospitalGrade[] = ['A', 'B', 'C'];

/** The five things the seed weighs: 规模 size, 等级 level, 业务量 volume, 用药水平 drug use, 竞争态势 competition. */
export type HospitalFactor = 'size' | 'level' | 'volume' | 'drugUse' | 'competition';
export const hospitalFactors: readonly HospitalFactor[] = [
  'size',
  'level',
  'volume',
  'drugUse',
  'competition',
];

/** 用药水平 — the rep's 1–5 judgement of how much (and how modern) medicine the hospital uses. */
export type DrugUseLevel = 1 | 2 | 3 | 4 | 5;
/** 竞争强度 — the rep's 1–5 judgement of how strong the competitors are in this hospital. */
export type CompetitorStrength = 1 | 2 | 3 | 4 | 5;
const oneToFive = [1, 2, 3, 4, 5] as const;

/** 竞争态势 — the competition the product meets in the hospital. */
export type HospitalCompetition = {
  /** 竞争对手数量 */
  competitorCount: number;
  /** 竞争对手强度 1–5; needed only when there is at least one competitor. */
  strength?: number | null;
  /** 是否有竞争对手占据绝对优势 — a dominant competitor makes the hospital hard to win. */
  oneDominates?: boolean | null;
};

/** What a hospital record offers for grading; every field may still be unknown (null). */
export type HospitalGradingInput = {
  level?: HospitalLevel | null;
  /** 床位 */
  beds?: number | null;
  /** 门诊量 (人次/日) */
  outpatientsPerDay?: number | null;
  /** 用药水平 1–5 */
  drugUseLevel?: number | null;
  competition?: HospitalCompetition | null;
};

/**
 * Competition turns into attractiveness: start from 100 and subtract penalties. The seed (slide 69) calls a
 * hospital attractive when competitors are many but of ordinary strength and none dominates, so the count
 * costs little while strength and a dominant rival cost much.
 */
export type CompetitionScoring = {
  /** Penalty by number of competitors (bands of counts → points to subtract). */
  countPenaltyBands: ScoreBand[];
  /** Penalty by competitor strength 1–5. */
  strengthPenalty: Record<CompetitorStrength, number>;
  /** Penalty when one competitor dominates 占据绝对优势. */
  dominantPenalty: number;
};

/** The admin's grading settings (医院定级标准). Every sub-score is 0–100; the total is their weighted sum. */
export type HospitalGradingConfig = {
  /** Share of each factor in the total; together 1. */
  weights: Record<HospitalFactor, number>;
  /** 规模: beds → points. */
  bedBands: ScoreBand[];
  /** 等级: level → points. */
  levelPoints: Record<HospitalLevel, number>;
  /** 业务量: outpatients per day → points. */
  outpatientBands: ScoreBand[];
  /** 用药水平 1–5 → points. */
  drugUsePoints: Record<DrugUseLevel, number>;
  competition: CompetitionScoring;
  /** Lowest total score for grade A and for grade B; below B is C. */
  thresholds: { A: number; B: number };
};

/**
 * Defaults, chosen so a typical 三级甲等 grades A, a typical 二级甲等 B and a community centre C.
 * Bed bands follow the national minimums (一级 20–99, 二级 100–499, 三级 ≥ 500 beds); business volume and
 * drug use weigh most because they decide what a call can sell.
 */
export const defaultHospitalGradingConfig: HospitalGradingConfig = {
  weights: { size: 0.15, level: 0.25, volume: 0.25, drugUse: 0.25, competition: 0.1 },
  bedBands: [
    { from: 0, points: 0 },
    { from: 20, points: 20 },
    { from: 100, points: 40 },
    { from: 300, points: 60 },
    { from: 500, points: 75 },
    { from: 800, points: 90 },
    { from: 1500, points: 100 },
  ],
  levelPoints: {
    三级甲等: 100,
    三级乙等: 85,
    二级甲等: 65,
    二级乙等: 50,
    一级: 30,
    社区卫生服务中心: 25,
    乡镇卫生院: 20,
    诊所: 10,
  },
  outpatientBands: [
    { from: 0, points: 0 },
    { from: 50, points: 20 },
    { from: 200, points: 40 },
    { from: 500, points: 60 },
    { from: 1000, points: 75 },
    { from: 2000, points: 90 },
    { from: 5000, points: 100 },
  ],
  drugUsePoints: { 1: 20, 2: 40, 3: 60, 4: 80, 5: 100 },
  competition: {
    countPenaltyBands: [
      { from: 0, points: 0 },
      { from: 3, points: 5 },
      { from: 6, points: 10 },
    ],
    strengthPenalty: { 1: 0, 2: 10, 3: 20, 4: 35, 5: 50 },
    dominantPenalty: 40,
  },
  thresholds: { A: 70, B: 45 },
};

export function validateHospitalGradingConfig(config: HospitalGradingConfig): SegmentationProblem[] {
  const problems: SegmentationProblem[] = [
    ...validateWeights(config.weights, hospitalFactors, 'weights'),
    ...validateBands(config.bedBands, 'bedBands'),
    ...validateBands(config.outpatientBands, 'outpatientBands'),
    ...levels.flatMap((level) => validatePoints(config.levelPoints?.[level], `levelPoints.${level}`)),
    ...oneToFive.flatMap((n) => validatePoints(config.drugUsePoints?.[n], `drugUsePoints.${n}`)),
    ...validateBands(config.competition?.countPenaltyBands, 'competition.countPenaltyBands'),
    ...oneToFive.flatMap((n) =>
      validatePoints(config.competition?.strengthPenalty?.[n], `competition.strengthPenalty.${n}`),
    ),
    ...validatePoints(config.competition?.dominantPenalty, 'competition.dominantPenalty'),
  ];
  const { A, B } = config.thresholds ?? {};
  const thresholdProblems = [...validatePoints(A, 'thresholds.A'), ...validatePoints(B, 'thresholds.B')];
  problems.push(...thresholdProblems);
  // Equal thresholds would make grade B unreachable, which is never what an admin means.
  if (thresholdProblems.length === 0 && isFiniteNumber(A) && isFiniteNumber(B) && A <= B) {
    problems.push({ key: 'config.thresholdsNotDescending', path: 'thresholds' });
  }
  return problems;
}

/** One factor's part of the score; `missing` factors score 0 and carry the reason in `problem`. */
export type HospitalFactorScore = {
  /** Sub-score 0–100. */
  points: number;
  weight: number;
  /** points × weight, the factor's contribution to the total. */
  weighted: number;
  missing: boolean;
  problem?: SegmentationProblem;
};

export type HospitalScore = {
  /** 0–100, one decimal. */
  score: number;
  factors: Record<HospitalFactor, HospitalFactorScore>;
  /** Factors that scored 0 because the input was absent or unusable; the UI asks the rep to fill them in. */
  missingFactors: HospitalFactor[];
  grade: HospitalGrade;
};

type FactorPoints = { points: number } | { problem: SegmentationProblem };

function isOneToFive(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 5;
}

const missing = (factor: HospitalFactor): FactorPoints => ({
  problem: { key: 'hospitalGrade.factorMissing', path: factor, params: { factor } },
});
const invalid = (factor: HospitalFactor): FactorPoints => ({
  problem: { key: 'hospitalGrade.factorInvalid', path: factor, params: { factor } },
});

function competitionPoints(competition: HospitalCompetition, config: CompetitionScoring): FactorPoints {
  const { competitorCount, strength, oneDominates } = competition;
  if (!isFiniteNumber(competitorCount) || competitorCount < 0 || !Number.isInteger(competitorCount)) {
    return invalid('competition');
  }
  // With no competitor, strength and dominance mean nothing: the field is open.
  if (competitorCount === 0) return { points: maxPoints };
  if (strength == null) return missing('competition');
  if (!isOneToFive(strength)) return invalid('competition');
  const penalty =
    pointsFromBands(config.countPenaltyBands, competitorCount) +
    config.strengthPenalty[strength as CompetitorStrength] +
    (oneDominates ? config.dominantPenalty : 0);
  return { points: Math.max(0, maxPoints - penalty) };
}

function factorPoints(
  factor: HospitalFactor,
  input: HospitalGradingInput,
  config: HospitalGradingConfig,
): FactorPoints {
  switch (factor) {
    case 'size': {
      const { beds } = input;
      if (beds == null) return missing(factor);
      if (!isFiniteNumber(beds) || beds < 0) return invalid(factor);
      return { points: pointsFromBands(config.bedBands, beds) };
    }
    case 'level': {
      const { level } = input;
      if (level == null) return missing(factor);
      if (!levels.includes(level)) return invalid(factor);
      return { points: config.levelPoints[level] };
    }
    case 'volume': {
      const { outpatientsPerDay } = input;
      if (outpatientsPerDay == null) return missing(factor);
      if (!isFiniteNumber(outpatientsPerDay) || outpatientsPerDay < 0) return invalid(factor);
      return { points: pointsFromBands(config.outpatientBands, outpatientsPerDay) };
    }
    case 'drugUse': {
      const { drugUseLevel } = input;
      if (drugUseLevel == null) return missing(factor);
      if (!isOneToFive(drugUseLevel)) return invalid(factor);
      return { points: config.drugUsePoints[drugUseLevel as DrugUseLevel] };
    }
    case 'competition':
      return input.competition == null
        ? missing(factor)
        : competitionPoints(input.competition, config.competition);
  }
}

/** The grade a (rounded) total earns; exported so a UI can show the grade while an admin drags a threshold. */
export function hospitalGradeFor(
  score: number,
  thresholds: HospitalGradingConfig['thresholds'],
): HospitalGrade {
  if (score >= thresholds.A) return 'A';
  if (score >= thresholds.B) return 'B';
  return 'C';
}

/**
 * Scores a hospital with a config that passed {@link validateHospitalGradingConfig}. Never throws: an absent
 * or unusable input scores its factor 0 and is named in `missingFactors`, so one bad record cannot stop a
 * whole preview; services that save input should reject unusable values first ({@link validateHospitalInput}).
 */
export function scoreHospital(input: HospitalGradingInput, config: HospitalGradingConfig): HospitalScore {
  const factors = {} as Record<HospitalFactor, HospitalFactorScore>;
  const missingFactors: HospitalFactor[] = [];
  let total = 0;
  for (const factor of hospitalFactors) {
    const weight = config.weights[factor];
    const result = factorPoints(factor, input, config);
    if ('problem' in result) {
      factors[factor] = { points: 0, weight, weighted: 0, missing: true, problem: result.problem };
      missingFactors.push(factor);
    } else {
      const weighted = result.points * weight;
      factors[factor] = { points: result.points, weight, weighted: roundTo(weighted, 2), missing: false };
      total += weighted;
    }
  }
  // Grade the rounded score, so a hospital shown as 70.0 is never a B because of 69.9999 underneath.
  const score = Math.min(maxPoints, roundTo(total, 1));
  return { score, factors, missingFactors, grade: hospitalGradeFor(score, config.thresholds) };
}

/** Problems with the values a rep typed for a hospital (unknown is fine; nonsense is not). */
export function validateHospitalInput(input: HospitalGradingInput): SegmentationProblem[] {
  return hospitalFactors.flatMap((factor) => {
    const result = factorPoints(factor, input, defaultHospitalGradingConfig);
    return 'problem' in result && result.problem.key === 'hospitalGrade.factorInvalid'
      ? [result.problem]
      : [];
  });
}

export type HospitalGradePreview = {
  total: number;
  counts: Record<HospitalGrade, number>;
  /** Hospitals graded with at least one factor missing: their grade may rise once the data is filled in. */
  incomplete: number;
};

/** Counts per grade under a draft config, shown to the admin before saving it. */
export function previewGrades(
  hospitals: readonly HospitalGradingInput[],
  config: HospitalGradingConfig,
): HospitalGradePreview {
  const counts = Object.fromEntries(hospitalGrades.map((g) => [g, 0])) as Record<HospitalGrade, number>;
  let incomplete = 0;
  for (const hospital of hospitals) {
    const { grade, missingFactors } = scoreHospital(hospital, config);
    counts[grade] += 1;
    if (missingFactors.length > 0) incomplete += 1;
  }
  return { total: hospitals.length, counts, incomplete };
}
