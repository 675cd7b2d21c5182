import type { CheckResult, SegmentationProblem } from './messages.ts';
import {
  defaultPotentialScale,
  potentialValues,
  validatePotentialScale,
  type PotentialScale,
} from './prescription-potential.ts';
import {
  isPrescriptionStatus,
  prescriptionStatuses,
  type PrescriptionStatus,
} from './prescription-status.ts';

/** 医生级别 — a doctor's grade for one product; the company names its grades (default A, B, C). */
export type DoctorGrade = string;

/**
 * 医生定级标准 — how status × potential becomes a grade, and how often each grade is visited.
 * Keys of `matrix` are numbers written as strings ("5", "-4") so the config round-trips through JSON.
 */
export type DoctorGradingConfig = {
  /** Grades, best first: the order decides what "upgraded" means and that better grades get more calls. */
  grades: DoctorGrade[];
  /** matrix[potential][status] → grade: one row per 处方潜力 value, one cell per 处方现状 value −4…4. */
  matrix: Record<string, Record<string, DoctorGrade>>;
  /** 拜访频率 — calls per 4-week cycle for each grade. */
  visitFrequency: Record<DoctorGrade, number>;
};

/** A cycle has 20 working days; more than one call a working day on one doctor is never a plan. */
export const maxVisitsPerCycle = 20;

/** Builds a matrix row from a compact string, one letter per status −4…4. */
function row(grades: string): Record<string, DoctorGrade> {
  return Object.fromEntries(prescriptionStatuses.map((status, i) => [String(status), grades.charAt(i)]));
}

/**
 * Default matrix (potential 1–5 × status −4…4). Calls go where they can change most, so potential leads:
 * - potential 5: A from −2 (trying) up, because a top doctor is worth weekly calls on the way to listing;
 *   B when opposed or indifferent (−4, −3): keep the door open without pouring calls into it;
 * - potential 4: A once the doctor prescribes (≥ 1), B from −3 to 0, C when opposed;
 * - potential 3: B from −2 up (worth a fortnightly call), C when opposed or indifferent;
 * - potential 1–2: C whatever the status — a loyal low-volume doctor keeps the habit on a monthly call.
 */
export const defaultDoctorGradingConfig: DoctorGradingConfig = {
  grades: ['A', 'B', 'C'],
  matrix: {
    //            −4 … +4
    '5': row('BBAAAAAAA'),
    '4': row('CBBBBAAAA'),
    '3': row('CCBBBBBBB'),
    '2': row('CCCCCCCCC'),
    '1': row('CCCCCCCCC'),
  },
  visitFrequency: { A: 4, B: 2, C: 1 },
};

export function validateDoctorGradingConfig(
  config: DoctorGradingConfig,
  potentialScale: PotentialScale = defaultPotentialScale,
): SegmentationProblem[] {
  const problems: SegmentationProblem[] = [...validatePotentialScale(potentialScale, 'potentialScale')];
  const grades = config.grades ?? [];
  const gradesValid =
    grades.length > 0 &&
    grades.every((g) => typeof g === 'string' && g.trim() !== '') &&
    new Set(grades).size === grades.length;
  if (!gradesValid) problems.push({ key: 'doctorGrade.gradesInvalid', path: 'grades' });
  const known = new Set(grades);

  if (problems.length === 0) {
    const potentials = potentialValues(potentialScale).map(String);
    const statusKeys = prescriptionStatuses.map(String);
    for (const potential of potentials) {
      for (const status of prescriptionStatuses) {
        const grade = config.matrix?.[potential]?.[String(status)];
        const path = `matrix.${potential}.${status}`;
        const params = { potential, status };
        if (grade === undefined || grade === '')
          problems.push({ key: 'doctorGrade.cellMissing', path, params });
        else if (!known.has(grade)) {
          problems.push({ key: 'doctorGrade.cellUnknownGrade', path, params: { ...params, grade } });
        }
      }
    }
    // Rows or cells outside the scales are leftovers of an old scale: saving them would hide a mistake.
    for (const [potential, cells] of Object.entries(config.matrix ?? {})) {
      if (!potentials.includes(potential)) {
        problems.push({
          key: 'doctorGrade.cellOutsideScale',
          path: `matrix.${potential}`,
          params: { potential },
        });
        continue;
      }
      for (const status of Object.keys(cells)) {
        if (!statusKeys.includes(status)) {
          problems.push({
            key: 'doctorGrade.cellOutsideScale',
            path: `matrix.${potential}.${status}`,
            params: { potential },
          });
        }
      }
    }
  }

  let previous: { grade: DoctorGrade; visits: number } | undefined;
  for (const grade of gradesValid ? grades : []) {
    const visits = config.visitFrequency?.[grade];
    if (typeof visits !== 'number' || !Number.isInteger(visits) || visits < 1 || visits > maxVisitsPerCycle) {
      problems.push({
        key: 'doctorGrade.frequencyInvalid',
        path: `visitFrequency.${grade}`,
        params: { grade, max: maxVisitsPerCycle },
      });
      previous = undefined;
      continue;
    }
    // A better grade never gets fewer calls than a worse one; otherwise the grades mean nothing to the plan.
    if (previous && visits > previous.visits) {
      problems.push({
        key: 'doctorGrade.frequencyOrder',
        path: `visitFrequency.${grade}`,
        params: { better: previous.grade, worse: grade },
      });
    }
    previous = { grade, visits };
  }
  return problems;
}

/** The grade of a doctor for one product and the calls per 4-week cycle it asks for. */
export function gradeDoctor(
  status: number,
  potential: number,
  config: DoctorGradingConfig = defaultDoctorGradingConfig,
): CheckResult<{ grade: DoctorGrade; visitsPerCycle: number }> {
  if (!isPrescriptionStatus(status)) {
    return { ok: false, error: { key: 'score.statusOutOfRange', params: { min: -4, max: 4 } } };
  }
  const grade = config.matrix[String(potential)]?.[String(status as PrescriptionStatus)];
  const visitsPerCycle = grade === undefined ? undefined : config.visitFrequency[grade];
  if (grade === undefined || visitsPerCycle === undefined) {
    return { ok: false, error: { key: 'doctorGrade.cellMissing', params: { potential, status } } };
  }
  return { ok: true, grade, visitsPerCycle };
}

export type GradedDoctor = { id: string; grade: DoctorGrade };

export type GradeMovement = { from: DoctorGrade; to: DoctorGrade; count: number };

export type RegradeSummary = {
  before: Record<DoctorGrade, number>;
  after: Record<DoctorGrade, number>;
  /** Doctors in both lists whose grade changed. */
  moved: number;
  upgraded: number;
  downgraded: number;
  /** Graded only after (newly scored) or only before (no longer graded). */
  added: number;
  removed: number;
  /** Each from → to pair with its count, best `from` first: the admin's "12 doctors B → A". */
  movements: GradeMovement[];
};

/**
 * Before/after counts when the matrix changes, shown to the admin before the new matrix is saved.
 * Doctors are matched by id; a doctor listed twice counts once, with the last grade given.
 */
export function regradeSummary(
  before: readonly GradedDoctor[],
  after: readonly GradedDoctor[],
  grades: readonly DoctorGrade[] = defaultDoctorGradingConfig.grades,
): RegradeSummary {
  const beforeById = new Map(before.map((d) => [d.id, d.grade]));
  const afterById = new Map(after.map((d) => [d.id, d.grade]));
  // Grades outside the list (from an older config) still count, ranked below every known grade.
  const rank = (grade: DoctorGrade) => {
    const i = grades.indexOf(grade);
    return i === -1 ? grades.length : i;
  };
  const count = (byId: Map<string, DoctorGrade>) => {
    const counts: Record<DoctorGrade, number> = Object.fromEntries(grades.map((g) => [g, 0]));
    for (const grade of byId.values()) counts[grade] = (counts[grade] ?? 0) + 1;
    return counts;
  };

  let moved = 0;
  let upgraded = 0;
  let downgraded = 0;
  let removed = 0;
  const movementCounts = new Map<string, GradeMovement>();
  for (const [id, from] of beforeById) {
    const to = afterById.get(id);
    if (to === undefined) {
      removed += 1;
      continue;
    }
    if (to === from) continue;
    moved += 1;
    if (rank(to) < rank(from)) upgraded += 1;
    else if (rank(to) > rank(from)) downgraded += 1;
    const key = JSON.stringify([from, to]);
    const movement = movementCounts.get(key) ?? { from, to, count: 0 };
    movement.count += 1;
    movementCounts.set(key, movement);
  }
  const added = [...afterById.keys()].filter((id) => !beforeById.has(id)).length;
  const movements = [...movementCounts.values()].sort(
    (a, b) =>
      rank(a.from) - rank(b.from) ||
      rank(a.to) - rank(b.to) ||
      a.from.localeCompare(b.from) ||
      a.to.localeCompare(b.to),
  );
  return {
    before: count(beforeById),
    after: count(afterById),
    moved,
    upgraded,
    downgraded,
    added,
    removed,
    movements,
  };
}
