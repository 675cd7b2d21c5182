import type { SegmentationProblem } from './messages.ts';

/**
 * One row of a scoring table: a measured value at or above `from` earns `points` (0–100).
 * Admins edit these as table rows ("≥ 500 beds → 75 points"), so a band stores only its lower edge;
 * the next row's `from` is its upper edge. The first row starts at 0 so every count is covered.
 */
export type ScoreBand = { from: number; points: number };

/** Sub-scores and penalties live on one 0–100 scale so weights read as "share of the total". */
export const maxPoints = 100;

/** Weights typed in by hand (0.15 + 0.25 …) rarely add up to exactly 1 in floating point. */
export const weightSumTolerance = 0.001;

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The points of the highest band whose `from` the value reaches; bands must be ascending (validated). */
export function pointsFromBands(bands: readonly ScoreBand[], value: number): number {
  let points = 0;
  for (const band of bands) {
    if (value < band.from) break;
    points = band.points;
  }
  return points;
}

/** Rounds to `decimals` places; also hides float noise such as 69.99999999 before a threshold compare. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * factor) / factor;
}

export function validatePoints(value: unknown, path: string): SegmentationProblem[] {
  if (!isFiniteNumber(value)) return [{ key: 'config.valueMissing', path }];
  if (value < 0 || value > maxPoints) {
    return [{ key: 'config.pointsOutOfRange', path, params: { min: 0, max: maxPoints } }];
  }
  return [];
}

export function validateBands(bands: readonly ScoreBand[] | undefined, path: string): SegmentationProblem[] {
  if (!Array.isArray(bands) || bands.length === 0) return [{ key: 'config.bandsEmpty', path }];
  const problems: SegmentationProblem[] = [];
  bands.forEach((band, i) => {
    const at = `${path}[${i}]`;
    if (!isFiniteNumber(band.from)) problems.push({ key: 'config.valueMissing', path: `${at}.from` });
    else if (band.from < 0) problems.push({ key: 'config.valueNegative', path: `${at}.from` });
    problems.push(...validatePoints(band.points, `${at}.points`));
  });
  const first = bands[0];
  if (first && isFiniteNumber(first.from) && first.from !== 0) {
    problems.push({ key: 'config.bandsFirstNotZero', path: `${path}[0].from` });
  }
  for (let i = 1; i < bands.length; i++) {
    const previous = bands[i - 1]?.from;
    const current = bands[i]?.from;
    if (isFiniteNumber(previous) && isFiniteNumber(current) && current <= previous) {
      problems.push({ key: 'config.bandsNotAscending', path: `${path}[${i}].from` });
    }
  }
  return problems;
}

/** Weights are shares of the total: none negative, together 1 (± {@link weightSumTolerance}). */
export function validateWeights(
  weights: Readonly<Record<string, number>> | undefined,
  factors: readonly string[],
  path: string,
): SegmentationProblem[] {
  const problems: SegmentationProblem[] = [];
  let sum = 0;
  for (const factor of factors) {
    const weight = weights?.[factor];
    if (!isFiniteNumber(weight)) {
      problems.push({ key: 'config.valueMissing', path: `${path}.${factor}` });
      continue;
    }
    if (weight < 0)
      problems.push({ key: 'config.weightNegative', path: `${path}.${factor}`, params: { factor } });
    sum += weight;
  }
  // The tolerance's own edge counts as inside: 0.499 + 0.3 + 0.2 is 0.99899999… in floating point.
  if (problems.length === 0 && Math.abs(sum - 1) > weightSumTolerance + 1e-9) {
    problems.push({ key: 'config.weightsNotSummingToOne', path, params: { sum: roundTo(sum, 3) } });
  }
  return problems;
}
