import type { CheckResult, LocalizedText, SegmentationMessageKey, SegmentationProblem } from './messages.ts';
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
 * 处方潜力 — how much a doctor could prescribe of one product, on a company-wide integer scale (default 1–5).
 * Kept small so it fits the status × potential grading matrix; 10 steps at most.
 */
export type PotentialScale = { min: number; max: number };
export const defaultPotentialScale: PotentialScale = { min: 1, max: 5 };
const maxScaleSteps = 10;

/** 职称 — same values as the doctors' `title` column. */
export type DoctorTitle = '主任医师' | '副主任医师' | '主治医师' | '住院医师';
const doctorTitleValues: readonly DoctorTitle[] = ['主任医师', '副主任医师', '主治医师', '住院医师'];

/**
 * How central the doctor's department is for the product's indications (目标科室, chosen by 适应症):
 * primary 主要目标科室, secondary 相关科室, other 其他科室.
 */
export type DepartmentTier = 'primary' | 'secondary' | 'other';
const departmentTiers: readonly DepartmentTier[] = ['primary', 'secondary', 'other'];
export const departmentTierLabels: Record<DepartmentTier, LocalizedText> = {
  primary: { 'zh-CN': '主要目标科室', en: 'Primary target department' },
  secondary: { 'zh-CN': '相关科室', en: 'Related department' },
  other: { 'zh-CN': '其他科室', en: 'Other department' },
};

/** KOL 影响力 — how far the doctor's opinion carries: none, own hospital 院内, region 地区, country 全国. */
export type KolInfluence = 'none' | 'hospital' | 'regional' | 'national';
const kolInfluences: readonly KolInfluence[] = ['none', 'hospital', 'regional', 'national'];
export const kolInfluenceLabels: Record<KolInfluence, LocalizedText> = {
  none: { 'zh-CN': '无', en: 'None' },
  hospital: { 'zh-CN': '院内', en: 'Own hospital' },
  regional: { 'zh-CN': '地区', en: 'Regional' },
  national: { 'zh-CN': '全国', en: 'National' },
};

export type PotentialFactor = 'patientVolume' | 'title' | 'department' | 'kolInfluence';
export const potentialFactors: readonly PotentialFactor[] = [
  'patientVolume',
  'title',
  'department',
  'kolInfluence',
];

/** How potential is suggested; every sub-score 0–100, weighted like the hospital grade. */
export type PrescriptionPotentialConfig = {
  scale: PotentialScale;
  weights: Record<PotentialFactor, number>;
  /** Patients per week with the product's indications → points. */
  patientVolumeBands: ScoreBand[];
  titlePoints: Record<DoctorTitle, number>;
  departmentPoints: Record<DepartmentTier, number>;
  kolInfluencePoints: Record<KolInfluence, number>;
};

/**
 * Defaults: patients seen decide what a doctor could prescribe, so volume carries half the weight; title and
 * department say how much of that volume the doctor decides on; KOL reach adds influence on others.
 */
export const defaultPrescriptionPotentialConfig: PrescriptionPotentialConfig = {
  scale: defaultPotentialScale,
  weights: { patientVolume: 0.5, title: 0.2, department: 0.2, kolInfluence: 0.1 },
  patientVolumeBands: [
    { from: 0, points: 0 },
    { from: 10, points: 25 },
    { from: 30, points: 50 },
    { from: 60, points: 75 },
    { from: 100, points: 100 },
  ],
  titlePoints: { 主任医师: 100, 副主任医师: 75, 主治医师: 50, 住院医师: 25 },
  departmentPoints: { primary: 100, secondary: 50, other: 0 },
  kolInfluencePoints: { none: 0, hospital: 40, regional: 70, national: 100 },
};

export function potentialValues(scale: PotentialScale): number[] {
  const values: number[] = [];
  for (let v = scale.min; v <= scale.max; v++) values.push(v);
  return values;
}

export function validatePotentialScale(scale: PotentialScale, path = 'scale'): SegmentationProblem[] {
  const { min, max } = scale ?? {};
  const ok =
    Number.isInteger(min) && Number.isInteger(max) && min >= 0 && max > min && max - min + 1 <= maxScaleSteps;
  return ok ? [] : [{ key: 'config.scaleInvalid', path, params: { maxSteps: maxScaleSteps } }];
}

export function validatePrescriptionPotentialConfig(
  config: PrescriptionPotentialConfig,
): SegmentationProblem[] {
  return [
    ...validatePotentialScale(config.scale),
    ...validateWeights(config.weights, potentialFactors, 'weights'),
    ...validateBands(config.patientVolumeBands, 'patientVolumeBands'),
    ...doctorTitleValues.flatMap((t) => validatePoints(config.titlePoints?.[t], `titlePoints.${t}`)),
    ...departmentTiers.flatMap((d) => validatePoints(config.departmentPoints?.[d], `departmentPoints.${d}`)),
    ...kolInfluences.flatMap((k) =>
      validatePoints(config.kolInfluencePoints?.[k], `kolInfluencePoints.${k}`),
    ),
  ];
}

/** A value the rep (or a system suggestion) gives: an integer on the scale. */
export function validatePrescriptionPotential(
  value: number,
  scale: PotentialScale = defaultPotentialScale,
): CheckResult {
  if (Number.isInteger(value) && value >= scale.min && value <= scale.max) return { ok: true };
  return {
    ok: false,
    error: { key: 'score.potentialOutOfRange', params: { min: scale.min, max: scale.max } },
  };
}

export type PotentialSuggestionInput = {
  /** Patients per week with the product's indications, as the rep estimates it. */
  patientVolumePerWeek?: number | null;
  title: DoctorTitle;
  departmentTier?: DepartmentTier | null;
  kolInfluence?: KolInfluence | null;
};

/** Why the suggestion came out as it did, one line per factor, for the rep to weigh against what the rep knows. */
export type PotentialReason = {
  factor: PotentialFactor;
  known: boolean;
  /** Sub-score 0–100 (0 when unknown). */
  points: number;
  weight: number;
  key: SegmentationMessageKey;
  params?: Record<string, string | number>;
};

export type PotentialSuggestion = {
  /** Suggested potential on the scale; guidance only, the rep decides. */
  value: number;
  /** 0–100 over the known factors. */
  score: number;
  reasons: PotentialReason[];
  unknownFactors: PotentialFactor[];
};

const departmentReasonKeys: Record<DepartmentTier, SegmentationMessageKey> = {
  primary: 'potential.reasonDepartmentPrimary',
  secondary: 'potential.reasonDepartmentSecondary',
  other: 'potential.reasonDepartmentOther',
};
const kolReasonKeys: Record<KolInfluence, SegmentationMessageKey> = {
  none: 'potential.reasonKolNone',
  hospital: 'potential.reasonKolHospital',
  regional: 'potential.reasonKolRegional',
  national: 'potential.reasonKolNational',
};

type FactorReading = Omit<PotentialReason, 'factor' | 'weight'>;

function readFactor(
  factor: PotentialFactor,
  input: PotentialSuggestionInput,
  config: PrescriptionPotentialConfig,
): FactorReading {
  switch (factor) {
    case 'patientVolume': {
      const count = input.patientVolumePerWeek;
      if (!isFiniteNumber(count) || count < 0) {
        return { known: false, points: 0, key: 'potential.unknownPatientVolume' };
      }
      const points = pointsFromBands(config.patientVolumeBands, count);
      return { known: true, points, key: 'potential.reasonPatientVolume', params: { count } };
    }
    case 'title':
      if (!doctorTitleValues.includes(input.title)) {
        return { known: false, points: 0, key: 'potential.unknownTitle' };
      }
      return {
        known: true,
        points: config.titlePoints[input.title],
        key: 'potential.reasonTitle',
        params: { title: input.title },
      };
    case 'department': {
      const tier = input.departmentTier;
      if (tier == null || !departmentTiers.includes(tier)) {
        return { known: false, points: 0, key: 'potential.unknownDepartment' };
      }
      return { known: true, points: config.departmentPoints[tier], key: departmentReasonKeys[tier] };
    }
    case 'kolInfluence': {
      const reach = input.kolInfluence;
      if (reach == null || !kolInfluences.includes(reach)) {
        return { known: false, points: 0, key: 'potential.unknownKolInfluence' };
      }
      return { known: true, points: config.kolInfluencePoints[reach], key: kolReasonKeys[reach] };
    }
  }
}

/**
 * Suggests a potential from what the rep knows. Unknown factors are left out and the weights of the known
 * ones renormalised, unlike the hospital grade: reps often don't know a new doctor's patient volume yet, and
 * counting it as zero would talk them into under-rating exactly the doctors they are still developing.
 */
export function suggestPotential(
  input: PotentialSuggestionInput,
  config: PrescriptionPotentialConfig = defaultPrescriptionPotentialConfig,
): PotentialSuggestion {
  const reasons: PotentialReason[] = [];
  const unknownFactors: PotentialFactor[] = [];
  let weightedSum = 0;
  let knownWeight = 0;
  for (const factor of potentialFactors) {
    const weight = config.weights[factor];
    const reading = readFactor(factor, input, config);
    reasons.push({ factor, weight, ...reading });
    if (reading.known) {
      weightedSum += reading.points * weight;
      knownWeight += weight;
    } else {
      unknownFactors.push(factor);
    }
  }
  const score = knownWeight > 0 ? roundTo(weightedSum / knownWeight, 1) : 0;
  const { min, max } = config.scale;
  const value = Math.min(max, min + Math.round(roundTo((score / maxPoints) * (max - min), 6)));
  return { value, score, reasons, unknownFactors };
}
