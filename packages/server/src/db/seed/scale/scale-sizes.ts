/**
 * Sizes of the scale data (issue 8): national on PostgreSQL, regional (1/20) for PGlite, and any
 * smaller custom size for tests. Everything else (calls, scores, flow rows) follows from these counts.
 */
export type ScaleSize = {
  /** first-line teams; each has one manager */
  teams: number;
  /** reps per team; each rep covers one territory (odd reps carry product line A, even ones line B) */
  repsPerTeam: number;
  hospitals: number;
  departments: number;
  doctors: number;
  /** 8 at every size: two product lines of four */
  products: number;
  /** distributors (channel customers) with daily flow-of-goods data */
  distributors: number;
  /** months of calls ending with the current month (the current one up to yesterday) */
  callMonths: number;
  /** months of daily flow ending with the last complete month */
  flowMonths: number;
};

export const scaleSizes = {
  /** 5,000 users (500 managers + 4,500 reps), 40,000 hospitals, 150,000 departments, 400,000 doctors */
  national: {
    teams: 500,
    repsPerTeam: 9,
    hospitals: 40_000,
    departments: 150_000,
    doctors: 400_000,
    products: 8,
    distributors: 1_000,
    callMonths: 36,
    flowMonths: 24,
  },
  /** 1/20 of national: 250 users, 2,000 hospitals, 7,500 departments, 20,000 doctors, 50 distributors */
  regional: {
    teams: 25,
    repsPerTeam: 9,
    hospitals: 2_000,
    departments: 7_500,
    doctors: 20_000,
    products: 8,
    distributors: 50,
    callMonths: 36,
    flowMonths: 24,
  },
} as const satisfies Record<string, ScaleSize>;

export type ScaleSizeName = keyof typeof scaleSizes;

/** Department names per hospital are drawn from a list of this length, so no hospital may need more. */
export const MAX_DEPARTMENTS_PER_HOSPITAL = 12;

/** Problems of a size, in plain words (the CLI prints them; the generator refuses such a size). */
export function sizeProblems(size: ScaleSize): string[] {
  const problems: string[] = [];
  const positive: (keyof ScaleSize)[] = [
    'teams',
    'repsPerTeam',
    'hospitals',
    'departments',
    'doctors',
    'callMonths',
  ];
  for (const key of positive) {
    if (!Number.isInteger(size[key]) || size[key] < 1) problems.push(`${key} must be a positive integer`);
  }
  if (size.products !== 8) problems.push('products must be 8 (two lines of four)');
  if (!Number.isInteger(size.distributors) || size.distributors < 0)
    problems.push('distributors must be ≥ 0');
  if (!Number.isInteger(size.flowMonths) || size.flowMonths < 0) problems.push('flowMonths must be ≥ 0');
  if (size.hospitals < size.teams * size.repsPerTeam) {
    problems.push('hospitals must be at least teams × repsPerTeam (every territory needs a hospital)');
  }
  if (size.departments < size.hospitals) problems.push('departments must be at least hospitals');
  if (Math.ceil(size.departments / size.hospitals) > MAX_DEPARTMENTS_PER_HOSPITAL) {
    problems.push(`at most ${MAX_DEPARTMENTS_PER_HOSPITAL} departments per hospital`);
  }
  if (size.doctors < size.departments) problems.push('doctors must be at least departments');
  return problems;
}
