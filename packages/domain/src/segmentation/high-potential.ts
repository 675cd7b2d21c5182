import type { SegmentationProblem } from './messages.ts';
import {
  defaultPotentialScale,
  validatePotentialScale,
  type PotentialScale,
} from './prescription-potential.ts';
import {
  isPrescriptionStatus,
  maxPrescriptionStatus,
  minPrescriptionStatus,
  type PrescriptionStatus,
} from './prescription-status.ts';
import { roundTo } from './scoring.ts';

/**
 * 寻找高潜力医生 (seed slide 67) — doctors who could prescribe much but don't yet: the right customer for the
 * next call. Both thresholds are inclusive.
 */
export type HighPotentialCriteria = {
  /** Lowest 处方潜力 that counts as high. */
  minPotential: number;
  /** Highest 处方现状 that counts as low. */
  maxStatus: PrescriptionStatus;
  potentialScale: PotentialScale;
};

/** Default: potential 4–5 of 5, and at most 少量处方 (1) — not listed yet, not prescribing, or barely. */
export const defaultHighPotentialCriteria: HighPotentialCriteria = {
  minPotential: 4,
  maxStatus: 1,
  potentialScale: defaultPotentialScale,
};

export function validateHighPotentialCriteria(criteria: HighPotentialCriteria): SegmentationProblem[] {
  const problems = validatePotentialScale(criteria.potentialScale, 'potentialScale');
  const { min, max } = criteria.potentialScale;
  if (
    problems.length === 0 &&
    !(Number.isInteger(criteria.minPotential) && criteria.minPotential >= min && criteria.minPotential <= max)
  ) {
    problems.push({
      key: 'highPotential.minPotentialOutOfScale',
      path: 'minPotential',
      params: { min, max },
    });
  }
  if (!isPrescriptionStatus(criteria.maxStatus)) {
    problems.push({
      key: 'score.statusOutOfRange',
      path: 'maxStatus',
      params: { min: minPrescriptionStatus, max: maxPrescriptionStatus },
    });
  }
  return problems;
}

export type ScoredDoctor = { id: string; status: number; potential: number };

export type HighPotentialDoctor = ScoredDoctor & {
  /**
   * Potential minus status, each as a share of its own scale (0–100), one decimal: 100 is a top-potential
   * doctor who opposes the product, the most ground a call could gain.
   */
  gap: number;
};

/**
 * The doctors meeting the criteria, largest gap first (then higher potential, lower status, id — so the list
 * is stable). Scores outside their scales are skipped: they are not known to be high-potential.
 */
export function findHighPotentialDoctors(
  doctors: readonly ScoredDoctor[],
  criteria: HighPotentialCriteria = defaultHighPotentialCriteria,
): HighPotentialDoctor[] {
  const { min, max } = criteria.potentialScale;
  const statusSpan = maxPrescriptionStatus - minPrescriptionStatus;
  return doctors
    .filter(
      (d) =>
        isPrescriptionStatus(d.status) &&
        Number.isInteger(d.potential) &&
        d.potential <= max &&
        d.potential >= criteria.minPotential &&
        d.status <= criteria.maxStatus,
    )
    .map((d) => {
      const potentialShare = ((d.potential - min) / (max - min)) * 100;
      const statusShare = ((d.status - minPrescriptionStatus) / statusSpan) * 100;
      return { ...d, gap: roundTo(potentialShare - statusShare, 1) };
    })
    .sort(
      (a, b) =>
        b.gap - a.gap ||
        b.potential - a.potential ||
        a.status - b.status ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}
