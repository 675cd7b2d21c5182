import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultHospitalGradingConfig,
  hospitalFactors,
  hospitalGradeFor,
  previewGrades,
  scoreHospital,
  validateHospitalGradingConfig,
  validateHospitalInput,
  type HospitalGradingConfig,
  type HospitalGradingInput,
  type HospitalLevel,
} from './hospital-grade.ts';

const config = defaultHospitalGradingConfig;
const pointsOf = (input: HospitalGradingInput, factor: (typeof hospitalFactors)[number]) =>
  scoreHospital(input, config).factors[factor];

const tertiary: HospitalGradingInput = {
  level: '三级甲等',
  beds: 1500,
  outpatientsPerDay: 3000,
  drugUseLevel: 4,
  competition: { competitorCount: 5, strength: 3, oneDominates: false },
};
const secondary: HospitalGradingInput = {
  level: '二级甲等',
  beds: 400,
  outpatientsPerDay: 800,
  drugUseLevel: 3,
  competition: { competitorCount: 4, strength: 3, oneDominates: false },
};
const community: HospitalGradingInput = {
  level: '社区卫生服务中心',
  beds: 30,
  outpatientsPerDay: 150,
  drugUseLevel: 2,
  competition: { competitorCount: 2, strength: 2, oneDominates: false },
};

describe('defaultHospitalGradingConfig', () => {
  it('passes its own validation', () => {
    expect(validateHospitalGradingConfig(config)).toEqual([]);
  });
});

describe('scoreHospital — size (beds)', () => {
  it.each([
    [0, 0],
    [19, 0],
    [20, 20],
    [99, 20],
    [100, 40],
    [299, 40],
    [300, 60],
    [499, 60],
    [500, 75],
    [799, 75],
    [800, 90],
    [1499, 90],
    [1500, 100],
    [4000, 100],
  ])('%d beds → %d points', (beds, points) => {
    expect(pointsOf({ beds }, 'size')).toMatchObject({ points, missing: false });
  });
});

describe('scoreHospital — level', () => {
  it.each<[HospitalLevel, number]>([
    ['三级甲等', 100],
    ['三级乙等', 85],
    ['二级甲等', 65],
    ['二级乙等', 50],
    ['一级', 30],
    ['社区卫生服务中心', 25],
    ['乡镇卫生院', 20],
    ['诊所', 10],
  ])('%s → %d points', (level, points) => {
    expect(pointsOf({ level }, 'level')).toMatchObject({ points, missing: false });
  });
});

describe('scoreHospital — business volume (outpatients per day)', () => {
  it.each([
    [0, 0],
    [49, 0],
    [50, 20],
    [199, 20],
    [200, 40],
    [499, 40],
    [500, 60],
    [999, 60],
    [1000, 75],
    [1999, 75],
    [2000, 90],
    [4999, 90],
    [5000, 100],
    [12000, 100],
  ])('%d a day → %d points', (outpatientsPerDay, points) => {
    expect(pointsOf({ outpatientsPerDay }, 'volume')).toMatchObject({ points, missing: false });
  });
});

describe('scoreHospital — drug-use level', () => {
  it.each([
    [1, 20],
    [2, 40],
    [3, 60],
    [4, 80],
    [5, 100],
  ])('level %d → %d points', (drugUseLevel, points) => {
    expect(pointsOf({ drugUseLevel }, 'drugUse')).toMatchObject({ points, missing: false });
  });
});

describe('scoreHospital — competition (attractiveness)', () => {
  it.each([
    ['no competitor: open field, strength ignored', 0, undefined, true, 100],
    ['1 weak competitor', 1, 1, false, 100],
    ['2 competitors of strength 2', 2, 2, false, 90],
    ['3 competitors (count band edge) of strength 3', 3, 3, false, 75],
    ['5 competitors of strength 3', 5, 3, false, 75],
    ['6 competitors (count band edge) of strength 3', 6, 3, false, 70],
    ['1 competitor of strength 4', 1, 4, false, 65],
    ['1 competitor of strength 5', 1, 5, false, 50],
    ['1 dominant competitor of strength 3', 1, 3, true, 40],
    ['worst case bottoms out at 0', 6, 5, true, 0],
    ['dominance unknown counts as not dominant', 2, 2, null, 90],
  ])('%s → %d', (_label, competitorCount, strength, oneDominates, points) => {
    const competition = { competitorCount, strength, oneDominates };
    expect(pointsOf({ competition }, 'competition')).toMatchObject({ points, missing: false });
  });

  it('never goes below 0 when penalties exceed 100', () => {
    const harsh: HospitalGradingConfig = {
      ...config,
      competition: { ...config.competition, dominantPenalty: 100 },
    };
    const competition = { competitorCount: 9, strength: 5, oneDominates: true };
    expect(scoreHospital({ competition }, harsh).factors.competition.points).toBe(0);
  });
});

describe('scoreHospital — missing and unusable inputs score 0 and say so', () => {
  it.each<[string, HospitalGradingInput, (typeof hospitalFactors)[number], string]>([
    ['no beds', { ...tertiary, beds: null }, 'size', 'hospitalGrade.factorMissing'],
    ['no level', { ...tertiary, level: undefined }, 'level', 'hospitalGrade.factorMissing'],
    ['no outpatients', { ...tertiary, outpatientsPerDay: null }, 'volume', 'hospitalGrade.factorMissing'],
    ['no drug-use level', { ...tertiary, drugUseLevel: null }, 'drugUse', 'hospitalGrade.factorMissing'],
    ['no competition', { ...tertiary, competition: null }, 'competition', 'hospitalGrade.factorMissing'],
    [
      'competitors but no strength',
      { ...tertiary, competition: { competitorCount: 2 } },
      'competition',
      'hospitalGrade.factorMissing',
    ],
    ['negative beds', { ...tertiary, beds: -1 }, 'size', 'hospitalGrade.factorInvalid'],
    ['beds not a number', { ...tertiary, beds: Number.NaN }, 'size', 'hospitalGrade.factorInvalid'],
    [
      'unknown level',
      { ...tertiary, level: '三级特等' as HospitalLevel },
      'level',
      'hospitalGrade.factorInvalid',
    ],
    ['negative outpatients', { ...tertiary, outpatientsPerDay: -5 }, 'volume', 'hospitalGrade.factorInvalid'],
    [
      'infinite outpatients',
      { ...tertiary, outpatientsPerDay: Infinity },
      'volume',
      'hospitalGrade.factorInvalid',
    ],
    ['drug use 0', { ...tertiary, drugUseLevel: 0 }, 'drugUse', 'hospitalGrade.factorInvalid'],
    ['drug use 6', { ...tertiary, drugUseLevel: 6 }, 'drugUse', 'hospitalGrade.factorInvalid'],
    ['drug use 2.5', { ...tertiary, drugUseLevel: 2.5 }, 'drugUse', 'hospitalGrade.factorInvalid'],
    [
      'negative competitor count',
      { ...tertiary, competition: { competitorCount: -1, strength: 3 } },
      'competition',
      'hospitalGrade.factorInvalid',
    ],
    [
      'fractional competitor count',
      { ...tertiary, competition: { competitorCount: 1.5, strength: 3 } },
      'competition',
      'hospitalGrade.factorInvalid',
    ],
    [
      'strength 0',
      { ...tertiary, competition: { competitorCount: 1, strength: 0 } },
      'competition',
      'hospitalGrade.factorInvalid',
    ],
    [
      'strength 6',
      { ...tertiary, competition: { competitorCount: 1, strength: 6 } },
      'competition',
      'hospitalGrade.factorInvalid',
    ],
  ])('%s', (_label, input, factor, key) => {
    const result = scoreHospital(input, config);
    expect(result.factors[factor]).toMatchObject({ points: 0, weighted: 0, missing: true, problem: { key } });
    expect(result.missingFactors).toEqual([factor]);
    const full = scoreHospital(tertiary, config);
    expect(result.score).toBeCloseTo(full.score - full.factors[factor].weighted, 1);
  });

  it('a hospital with nothing known scores 0, grade C, all factors missing', () => {
    expect(scoreHospital({}, config)).toMatchObject({
      score: 0,
      grade: 'C',
      missingFactors: hospitalFactors,
    });
  });
});

describe('scoreHospital — totals and grades', () => {
  it.each([
    ['typical 三级甲等', 90, 'A', tertiary],
    ['typical 二级甲等', 62.8, 'B', secondary],
    ['typical community centre', 33.3, 'C', community],
  ])('%s scores %d → %s', (_label, score, grade, input) => {
    expect(scoreHospital(input, config)).toMatchObject({ score, grade, missingFactors: [] });
  });

  it('reports each factor with its weight and weighted contribution', () => {
    expect(scoreHospital(tertiary, config).factors).toEqual({
      size: { points: 100, weight: 0.15, weighted: 15, missing: false },
      level: { points: 100, weight: 0.25, weighted: 25, missing: false },
      volume: { points: 90, weight: 0.25, weighted: 22.5, missing: false },
      drugUse: { points: 80, weight: 0.25, weighted: 20, missing: false },
      competition: { points: 75, weight: 0.1, weighted: 7.5, missing: false },
    });
  });

  it('stays within 0–100 and grades by the thresholds for any input', () => {
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
    const input = fc.record({
      level: maybe(fc.constantFrom<HospitalLevel>('三级甲等', '二级乙等', '诊所')),
      beds: maybe(fc.double({ min: -10, max: 5000, noNaN: false })),
      outpatientsPerDay: maybe(fc.double({ min: -10, max: 20000 })),
      drugUseLevel: maybe(fc.integer({ min: -1, max: 7 })),
      competition: maybe(
        fc.record({
          competitorCount: fc.integer({ min: -1, max: 20 }),
          strength: maybe(fc.integer({ min: 0, max: 6 })),
          oneDominates: maybe(fc.boolean()),
        }),
      ),
    });
    fc.assert(
      fc.property(input, (hospital) => {
        const { score, grade } = scoreHospital(hospital, config);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        expect(grade).toBe(hospitalGradeFor(score, config.thresholds));
      }),
    );
  });
});

describe('hospitalGradeFor — threshold edges (A ≥ 70, B ≥ 45)', () => {
  it.each([
    [100, 'A'],
    [70, 'A'],
    [69.9, 'B'],
    [45, 'B'],
    [44.9, 'C'],
    [0, 'C'],
  ])('%d → %s', (score, grade) => {
    expect(hospitalGradeFor(score, config.thresholds)).toBe(grade);
  });
});

describe('validateHospitalGradingConfig', () => {
  const edit = (change: (c: HospitalGradingConfig) => void): HospitalGradingConfig => {
    const copy = structuredClone(config);
    change(copy);
    return copy;
  };
  it.each<[string, (c: HospitalGradingConfig) => void, string, string]>([
    ['weights sum to 0.9', (c) => (c.weights.competition = 0), 'config.weightsNotSummingToOne', 'weights'],
    ['weights sum to 1.1', (c) => (c.weights.competition = 0.2), 'config.weightsNotSummingToOne', 'weights'],
    [
      'a negative weight',
      (c) => Object.assign(c.weights, { size: -0.1, level: 0.5 }),
      'config.weightNegative',
      'weights.size',
    ],
    [
      'A threshold equal to B',
      (c) => (c.thresholds = { A: 50, B: 50 }),
      'config.thresholdsNotDescending',
      'thresholds',
    ],
    [
      'A threshold below B',
      (c) => (c.thresholds = { A: 40, B: 60 }),
      'config.thresholdsNotDescending',
      'thresholds',
    ],
    ['A threshold above 100', (c) => (c.thresholds.A = 120), 'config.pointsOutOfRange', 'thresholds.A'],
    ['negative B threshold', (c) => (c.thresholds.B = -1), 'config.pointsOutOfRange', 'thresholds.B'],
    ['no bed bands', (c) => (c.bedBands = []), 'config.bandsEmpty', 'bedBands'],
    [
      'outpatient bands not from 0',
      (c) => (c.outpatientBands[0]!.from = 10),
      'config.bandsFirstNotZero',
      'outpatientBands[0].from',
    ],
    [
      'bed bands out of order',
      (c) => (c.bedBands[2]!.from = 10),
      'config.bandsNotAscending',
      'bedBands[2].from',
    ],
    [
      'negative band points',
      (c) => (c.bedBands[1]!.points = -5),
      'config.pointsOutOfRange',
      'bedBands[1].points',
    ],
    [
      'a level without points',
      (c) => delete (c.levelPoints as Partial<HospitalGradingConfig['levelPoints']>).诊所,
      'config.valueMissing',
      'levelPoints.诊所',
    ],
    [
      'drug use points above 100',
      (c) => (c.drugUsePoints[5] = 150),
      'config.pointsOutOfRange',
      'drugUsePoints.5',
    ],
    [
      'negative strength penalty',
      (c) => (c.competition.strengthPenalty[2] = -10),
      'config.pointsOutOfRange',
      'competition.strengthPenalty.2',
    ],
    [
      'dominance penalty not a number',
      (c) => (c.competition.dominantPenalty = Number.NaN),
      'config.valueMissing',
      'competition.dominantPenalty',
    ],
    [
      'no competitor-count bands',
      (c) => (c.competition.countPenaltyBands = []),
      'config.bandsEmpty',
      'competition.countPenaltyBands',
    ],
  ])('%s', (_label, change, key, path) => {
    expect(validateHospitalGradingConfig(edit(change))).toEqual([expect.objectContaining({ key, path })]);
  });

  it('accepts weights within 0.001 of 1', () => {
    expect(validateHospitalGradingConfig(edit((c) => (c.weights.competition = 0.1009)))).toEqual([]);
  });

  it('reports every problem, not only the first', () => {
    const broken = edit((c) => {
      c.weights.size = 0.5;
      c.thresholds = { A: 10, B: 20 };
      c.bedBands = [];
    });
    expect(validateHospitalGradingConfig(broken).map((p) => p.key)).toEqual([
      'config.weightsNotSummingToOne',
      'config.bandsEmpty',
      'config.thresholdsNotDescending',
    ]);
  });
});

describe('validateHospitalInput', () => {
  it.each<[string, HospitalGradingInput, string[]]>([
    ['complete and sensible', tertiary, []],
    ['unknown values are fine', {}, []],
    ['negative beds', { beds: -3 }, ['size']],
    [
      'drug use 9 and strength 0',
      { drugUseLevel: 9, competition: { competitorCount: 1, strength: 0 } },
      ['drugUse', 'competition'],
    ],
  ])('%s', (_label, input, paths) => {
    const problems = validateHospitalInput(input);
    expect(problems.map((p) => p.path)).toEqual(paths);
    expect(problems.every((p) => p.key === 'hospitalGrade.factorInvalid')).toBe(true);
  });
});

describe('previewGrades', () => {
  it.each<[string, HospitalGradingInput[], HospitalGradingConfig, object]>([
    ['no hospitals', [], config, { total: 0, counts: { A: 0, B: 0, C: 0 }, incomplete: 0 }],
    [
      'one of each grade',
      [tertiary, secondary, community],
      config,
      { total: 3, counts: { A: 1, B: 1, C: 1 }, incomplete: 0 },
    ],
    [
      'incomplete hospitals are counted in their grade and flagged',
      [tertiary, { ...tertiary, competition: null }, {}],
      config,
      { total: 3, counts: { A: 2, B: 0, C: 1 }, incomplete: 2 },
    ],
    [
      'a stricter draft moves hospitals down',
      [tertiary, secondary, community],
      { ...config, thresholds: { A: 95, B: 60 } },
      { total: 3, counts: { A: 0, B: 2, C: 1 }, incomplete: 0 },
    ],
  ])('%s', (_label, hospitals, draft, expected) => {
    expect(previewGrades(hospitals, draft)).toEqual(expected);
  });
});
