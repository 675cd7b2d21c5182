import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultPrescriptionPotentialConfig,
  potentialValues,
  suggestPotential,
  validatePotentialScale,
  validatePrescriptionPotential,
  validatePrescriptionPotentialConfig,
  type DepartmentTier,
  type DoctorTitle,
  type KolInfluence,
  type PotentialSuggestionInput,
  type PrescriptionPotentialConfig,
} from './prescription-potential.ts';

const config = defaultPrescriptionPotentialConfig;

describe('suggestPotential', () => {
  it.each<[string, PotentialSuggestionInput, number, number]>([
    [
      'national KOL, chief physician, primary department, 100+ patients → 100 points, 5',
      { title: '主任医师', departmentTier: 'primary', patientVolumePerWeek: 120, kolInfluence: 'national' },
      100,
      5,
    ],
    [
      'chief physician, primary department, 80 patients, no KOL → 77.5 points, 4',
      { title: '主任医师', departmentTier: 'primary', patientVolumePerWeek: 80, kolInfluence: 'none' },
      77.5,
      4,
    ],
    [
      'associate chief, related department, 30 patients, hospital KOL → 54 points, 3',
      {
        title: '副主任医师',
        departmentTier: 'secondary',
        patientVolumePerWeek: 30,
        kolInfluence: 'hospital',
      },
      54,
      3,
    ],
    [
      'resident, other department, few patients, no KOL → 5 points, 1',
      { title: '住院医师', departmentTier: 'other', patientVolumePerWeek: 5, kolInfluence: 'none' },
      5,
      1,
    ],
    ['attending, nothing else known: the title alone decides → 50 points, 3', { title: '主治医师' }, 50, 3],
    [
      'unknown volume is left out, not counted as 0 → 60 points, 3',
      { title: '主治医师', departmentTier: 'primary', kolInfluence: 'none' },
      60,
      3,
    ],
  ])('%s', (_label, input, score, value) => {
    expect(suggestPotential(input, config)).toMatchObject({ score, value });
  });

  it.each([
    [0, 0],
    [9, 0],
    [10, 25],
    [29, 25],
    [30, 50],
    [59, 50],
    [60, 75],
    [99, 75],
    [100, 100],
  ])('%d patients a week → %d points for volume', (patientVolumePerWeek, points) => {
    const volume = suggestPotential({ title: '主任医师', patientVolumePerWeek }, config).reasons[0];
    expect(volume).toEqual({
      factor: 'patientVolume',
      known: true,
      points,
      weight: 0.5,
      key: 'potential.reasonPatientVolume',
      params: { count: patientVolumePerWeek },
    });
  });

  it.each<[DoctorTitle, number]>([
    ['主任医师', 100],
    ['副主任医师', 75],
    ['主治医师', 50],
    ['住院医师', 25],
  ])('title %s → %d points', (title, points) => {
    expect(suggestPotential({ title }, config).reasons[1]).toMatchObject({
      factor: 'title',
      points,
      key: 'potential.reasonTitle',
      params: { title },
    });
  });

  it.each<[DepartmentTier, number, string]>([
    ['primary', 100, 'potential.reasonDepartmentPrimary'],
    ['secondary', 50, 'potential.reasonDepartmentSecondary'],
    ['other', 0, 'potential.reasonDepartmentOther'],
  ])('department %s → %d points', (departmentTier, points, key) => {
    expect(suggestPotential({ title: '主治医师', departmentTier }, config).reasons[2]).toMatchObject({
      factor: 'department',
      known: true,
      points,
      key,
    });
  });

  it.each<[KolInfluence, number, string]>([
    ['none', 0, 'potential.reasonKolNone'],
    ['hospital', 40, 'potential.reasonKolHospital'],
    ['regional', 70, 'potential.reasonKolRegional'],
    ['national', 100, 'potential.reasonKolNational'],
  ])('KOL influence %s → %d points', (kolInfluence, points, key) => {
    expect(suggestPotential({ title: '主治医师', kolInfluence }, config).reasons[3]).toMatchObject({
      factor: 'kolInfluence',
      known: true,
      points,
      key,
    });
  });

  it.each<[string, PotentialSuggestionInput, string[], string[]]>([
    [
      'everything but the title unknown',
      { title: '主治医师' },
      ['patientVolume', 'department', 'kolInfluence'],
      ['potential.unknownPatientVolume', 'potential.unknownDepartment', 'potential.unknownKolInfluence'],
    ],
    [
      'negative or non-numeric volume counts as unknown',
      { title: '主治医师', patientVolumePerWeek: -3, departmentTier: 'primary', kolInfluence: 'none' },
      ['patientVolume'],
      ['potential.unknownPatientVolume'],
    ],
    [
      'unknown title and tier values',
      {
        title: '实习医生' as DoctorTitle,
        departmentTier: 'icu' as DepartmentTier,
        patientVolumePerWeek: 10,
        kolInfluence: 'none',
      },
      ['title', 'department'],
      ['potential.unknownTitle', 'potential.unknownDepartment'],
    ],
  ])('%s', (_label, input, factors, keys) => {
    const suggestion = suggestPotential(input, config);
    expect(suggestion.unknownFactors).toEqual(factors);
    expect(suggestion.reasons.filter((r) => !r.known).map((r) => r.key)).toEqual(keys);
  });

  it('suggests the scale minimum when nothing usable is known', () => {
    expect(suggestPotential({ title: '实习医生' as DoctorTitle }, config)).toMatchObject({
      score: 0,
      value: 1,
    });
  });

  it('maps onto a custom scale 0–9', () => {
    const wide: PrescriptionPotentialConfig = { ...config, scale: { min: 0, max: 9 } };
    expect(suggestPotential({ title: '主任医师' }, wide).value).toBe(9);
    expect(suggestPotential({ title: '主治医师' }, wide).value).toBe(5); // 50 % of 9 = 4.5, rounds up
    expect(suggestPotential({ title: '住院医师' }, wide).value).toBe(2); // 25 % of 9 = 2.25
  });

  it('always suggests a whole value on the scale', () => {
    const input = fc.record({
      title: fc.constantFrom<DoctorTitle>('主任医师', '副主任医师', '主治医师', '住院医师'),
      patientVolumePerWeek: fc.option(fc.double({ min: -5, max: 500 }), { nil: undefined }),
      departmentTier: fc.option(fc.constantFrom<DepartmentTier>('primary', 'secondary', 'other'), {
        nil: null,
      }),
      kolInfluence: fc.option(fc.constantFrom<KolInfluence>('none', 'hospital', 'regional', 'national'), {
        nil: null,
      }),
    });
    fc.assert(
      fc.property(input, (doctor) => {
        const { value, score } = suggestPotential(doctor, config);
        expect(validatePrescriptionPotential(value, config.scale)).toEqual({ ok: true });
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe('validatePrescriptionPotential', () => {
  const outOfRange = (min: number, max: number) => ({
    ok: false,
    error: { key: 'score.potentialOutOfRange', params: { min, max } },
  });
  it.each([
    [1, undefined, { ok: true }],
    [5, undefined, { ok: true }],
    [0, undefined, outOfRange(1, 5)],
    [6, undefined, outOfRange(1, 5)],
    [2.5, undefined, outOfRange(1, 5)],
    [Number.NaN, undefined, outOfRange(1, 5)],
    [0, { min: 0, max: 9 }, { ok: true }],
    [9, { min: 0, max: 9 }, { ok: true }],
    [10, { min: 0, max: 9 }, outOfRange(0, 9)],
  ])('%d on %j', (value, scale, expected) => {
    expect(validatePrescriptionPotential(value, scale)).toEqual(expected);
  });
});

describe('validatePotentialScale', () => {
  it.each([
    [{ min: 1, max: 5 }, true],
    [{ min: 0, max: 1 }, true],
    [{ min: 0, max: 9 }, true], // 10 steps: the most a grading matrix should have
    [{ min: 0, max: 10 }, false],
    [{ min: 3, max: 3 }, false],
    [{ min: 5, max: 1 }, false],
    [{ min: -1, max: 3 }, false],
    [{ min: 1.5, max: 4 }, false],
  ])('%j valid: %s', (scale, valid) => {
    const problems = validatePotentialScale(scale);
    expect(problems).toEqual(
      valid ? [] : [{ key: 'config.scaleInvalid', path: 'scale', params: { maxSteps: 10 } }],
    );
  });

  it('lists the values of a scale', () => {
    expect(potentialValues({ min: 1, max: 5 })).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('validatePrescriptionPotentialConfig', () => {
  it('accepts the defaults', () => {
    expect(validatePrescriptionPotentialConfig(config)).toEqual([]);
  });

  const edit = (change: (c: PrescriptionPotentialConfig) => void) => {
    const copy = structuredClone(config);
    change(copy);
    return copy;
  };
  it.each<[string, (c: PrescriptionPotentialConfig) => void, string, string]>([
    ['bad scale', (c) => (c.scale = { min: 5, max: 1 }), 'config.scaleInvalid', 'scale'],
    ['weights not summing to 1', (c) => (c.weights.title = 0.5), 'config.weightsNotSummingToOne', 'weights'],
    ['no volume bands', (c) => (c.patientVolumeBands = []), 'config.bandsEmpty', 'patientVolumeBands'],
    [
      'title points above 100',
      (c) => (c.titlePoints.主任医师 = 120),
      'config.pointsOutOfRange',
      'titlePoints.主任医师',
    ],
    [
      'department points missing',
      (c) => delete (c.departmentPoints as Partial<Record<DepartmentTier, number>>).other,
      'config.valueMissing',
      'departmentPoints.other',
    ],
    [
      'negative KOL points',
      (c) => (c.kolInfluencePoints.none = -1),
      'config.pointsOutOfRange',
      'kolInfluencePoints.none',
    ],
  ])('%s', (_label, change, key, path) => {
    expect(validatePrescriptionPotentialConfig(edit(change))).toEqual([
      expect.objectContaining({ key, path }),
    ]);
  });
});
