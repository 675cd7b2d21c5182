import { describe, expect, it } from 'vitest';
import {
  defaultDoctorGradingConfig,
  gradeDoctor,
  regradeSummary,
  validateDoctorGradingConfig,
  type DoctorGradingConfig,
  type GradedDoctor,
} from './doctor-grade.ts';
import { prescriptionStatuses } from './prescription-status.ts';

const config = defaultDoctorGradingConfig;

describe('default matrix', () => {
  // The whole default, as documented: one row per potential, one letter per status −4…4.
  it.each([
    [5, 'BBAAAAAAA'],
    [4, 'CBBBBAAAA'],
    [3, 'CCBBBBBBB'],
    [2, 'CCCCCCCCC'],
    [1, 'CCCCCCCCC'],
  ])('potential %d grades statuses −4…4 as %s', (potential, row) => {
    const grades = prescriptionStatuses.map((status) => {
      const result = gradeDoctor(status, potential, config);
      return result.ok ? result.grade : '?';
    });
    expect(grades.join('')).toBe(row);
  });

  it('passes its own validation', () => {
    expect(validateDoctorGradingConfig(config)).toEqual([]);
  });
});

describe('gradeDoctor', () => {
  it.each([
    ['top potential while trying (edge of A)', 'A', 4, -2, 5],
    ['top potential but indifferent', 'B', 2, -3, 5],
    ['top potential but opposed', 'B', 2, -4, 5],
    ['potential 4 prescribing a little (edge of A)', 'A', 4, 1, 4],
    ['potential 4 listed, not prescribing', 'B', 2, 0, 4],
    ['potential 4 indifferent (edge of B)', 'B', 2, -3, 4],
    ['potential 4 opposed', 'C', 1, -4, 4],
    ['potential 3 trying (edge of B)', 'B', 2, -2, 3],
    ['potential 3 indifferent', 'C', 1, -3, 3],
    ['potential 3 first choice', 'B', 2, 4, 3],
    ['potential 2 first choice', 'C', 1, 4, 2],
    ['potential 1 opposed', 'C', 1, -4, 1],
  ])('%s → %s, %d calls a cycle', (_label, grade, visitsPerCycle, status, potential) => {
    expect(gradeDoctor(status, potential, config)).toEqual({ ok: true, grade, visitsPerCycle });
  });

  it.each([
    ['status 5', 'score.statusOutOfRange', 5, 3],
    ['status −5', 'score.statusOutOfRange', -5, 3],
    ['status 1.5', 'score.statusOutOfRange', 1.5, 3],
    ['potential 0', 'doctorGrade.cellMissing', 1, 0],
    ['potential 6', 'doctorGrade.cellMissing', 1, 6],
    ['potential 2.5', 'doctorGrade.cellMissing', 1, 2.5],
  ])('%s → %s', (_label, key, status, potential) => {
    expect(gradeDoctor(status, potential, config)).toMatchObject({ ok: false, error: { key } });
  });

  it('uses a custom matrix and grades', () => {
    const fourGrades: DoctorGradingConfig = {
      grades: ['A', 'B', 'C', 'D'],
      matrix: { ...config.matrix, '1': { ...config.matrix['1'], '-4': 'D' } },
      visitFrequency: { A: 6, B: 3, C: 1, D: 1 },
    };
    expect(validateDoctorGradingConfig(fourGrades)).toEqual([]);
    expect(gradeDoctor(-4, 1, fourGrades)).toEqual({ ok: true, grade: 'D', visitsPerCycle: 1 });
    expect(gradeDoctor(4, 5, fourGrades)).toEqual({ ok: true, grade: 'A', visitsPerCycle: 6 });
  });

  it('refuses a grade without a frequency rather than guess one', () => {
    const noFrequency = { ...config, visitFrequency: { A: 4, B: 2 } };
    expect(gradeDoctor(-4, 1, noFrequency)).toMatchObject({
      ok: false,
      error: { key: 'doctorGrade.cellMissing' },
    });
  });
});

describe('validateDoctorGradingConfig', () => {
  const edit = (change: (c: DoctorGradingConfig) => void) => {
    const copy = structuredClone(config);
    change(copy);
    return copy;
  };
  it.each<[string, (c: DoctorGradingConfig) => void, string, string, object?]>([
    [
      'an empty cell',
      (c) => delete c.matrix['3']!['0'],
      'doctorGrade.cellMissing',
      'matrix.3.0',
      { potential: '3', status: 0 },
    ],
    ['a blank cell', (c) => (c.matrix['3']!['0'] = ''), 'doctorGrade.cellMissing', 'matrix.3.0'],
    ['a missing row', (c) => delete c.matrix['1'], 'doctorGrade.cellMissing', 'matrix.1.-4'],
    [
      'an unknown grade',
      (c) => (c.matrix['5']!['4'] = 'S'),
      'doctorGrade.cellUnknownGrade',
      'matrix.5.4',
      { potential: '5', status: 4, grade: 'S' },
    ],
    [
      'a row outside the potential scale',
      (c) => (c.matrix['6'] = { ...c.matrix['5'] }),
      'doctorGrade.cellOutsideScale',
      'matrix.6',
    ],
    [
      'a cell outside the status scale',
      (c) => (c.matrix['5']!['5'] = 'A'),
      'doctorGrade.cellOutsideScale',
      'matrix.5.5',
    ],
    [
      'a status key written oddly',
      (c) => (c.matrix['5']!['+4'] = 'A'),
      'doctorGrade.cellOutsideScale',
      'matrix.5.+4',
    ],
    ['no grades', (c) => (c.grades = []), 'doctorGrade.gradesInvalid', 'grades'],
    ['a repeated grade', (c) => (c.grades = ['A', 'B', 'B', 'C']), 'doctorGrade.gradesInvalid', 'grades'],
    ['a blank grade name', (c) => (c.grades = ['A', ' ', 'C']), 'doctorGrade.gradesInvalid', 'grades'],
    [
      'frequency 0',
      (c) => (c.visitFrequency.C = 0),
      'doctorGrade.frequencyInvalid',
      'visitFrequency.C',
      { grade: 'C', max: 20 },
    ],
    ['frequency 21', (c) => (c.visitFrequency.A = 21), 'doctorGrade.frequencyInvalid', 'visitFrequency.A'],
    ['frequency 2.5', (c) => (c.visitFrequency.B = 2.5), 'doctorGrade.frequencyInvalid', 'visitFrequency.B'],
    [
      'a grade without frequency',
      (c) => delete c.visitFrequency.C,
      'doctorGrade.frequencyInvalid',
      'visitFrequency.C',
    ],
    [
      'a worse grade visited more',
      (c) => (c.visitFrequency.B = 5),
      'doctorGrade.frequencyOrder',
      'visitFrequency.B',
      { better: 'A', worse: 'B' },
    ],
  ])('%s', (_label, change, key, path, params) => {
    const problems = validateDoctorGradingConfig(edit(change));
    expect(problems[0]).toEqual(params ? { key, path, params } : expect.objectContaining({ key, path }));
  });

  it.each([
    ['20 calls a cycle is the most', { A: 20, B: 2, C: 1 }, []],
    ['equal frequencies are allowed', { A: 2, B: 2, C: 2 }, []],
  ])('%s', (_label, visitFrequency, keys) => {
    expect(validateDoctorGradingConfig({ ...config, visitFrequency }).map((p) => p.key)).toEqual(keys);
  });

  it('reports the nine missing cells of a missing row', () => {
    const problems = validateDoctorGradingConfig(edit((c) => delete c.matrix['2']));
    expect(problems).toHaveLength(9);
    expect(problems.every((p) => p.key === 'doctorGrade.cellMissing')).toBe(true);
  });

  it('checks the matrix against the potential scale it will be used with', () => {
    const problems = validateDoctorGradingConfig(config, { min: 1, max: 3 });
    expect(problems.map((p) => p.path)).toEqual(['matrix.4', 'matrix.5']);
    expect(validateDoctorGradingConfig(config, { min: 0, max: 5 })).toHaveLength(9); // row 0 is empty
  });

  it('refuses an invalid potential scale before looking at the matrix', () => {
    expect(validateDoctorGradingConfig(config, { min: 5, max: 1 })).toEqual([
      { key: 'config.scaleInvalid', path: 'potentialScale', params: { maxSteps: 10 } },
    ]);
  });
});

describe('regradeSummary', () => {
  const doctors = (grades: string): GradedDoctor[] =>
    [...grades].map((grade, i) => ({ id: `d${i + 1}`, grade }));

  it.each<[string, GradedDoctor[], GradedDoctor[], object]>([
    [
      'nothing graded',
      [],
      [],
      {
        before: { A: 0, B: 0, C: 0 },
        after: { A: 0, B: 0, C: 0 },
        moved: 0,
        upgraded: 0,
        downgraded: 0,
        added: 0,
        removed: 0,
        movements: [],
      },
    ],
    [
      'no change',
      doctors('ABC'),
      doctors('ABC'),
      {
        before: { A: 1, B: 1, C: 1 },
        after: { A: 1, B: 1, C: 1 },
        moved: 0,
        upgraded: 0,
        downgraded: 0,
        movements: [],
      },
    ],
    [
      'two up, one down',
      doctors('BBCA'),
      doctors('AACB'),
      {
        before: { A: 1, B: 2, C: 1 },
        after: { A: 2, B: 1, C: 1 },
        moved: 3,
        upgraded: 2,
        downgraded: 1,
        movements: [
          { from: 'A', to: 'B', count: 1 },
          { from: 'B', to: 'A', count: 2 },
        ],
      },
    ],
    [
      'newly graded and no longer graded doctors',
      [{ id: 'x', grade: 'A' }],
      [{ id: 'y', grade: 'C' }],
      { before: { A: 1, B: 0, C: 0 }, after: { A: 0, B: 0, C: 1 }, moved: 0, added: 1, removed: 1 },
    ],
    [
      'a doctor listed twice counts once, with the last grade',
      [
        { id: 'd1', grade: 'C' },
        { id: 'd1', grade: 'B' },
      ],
      [{ id: 'd1', grade: 'B' }],
      { before: { A: 0, B: 1, C: 0 }, moved: 0 },
    ],
    [
      'a grade left over from an old config ranks below all known grades',
      [{ id: 'd1', grade: 'D' }],
      [{ id: 'd1', grade: 'C' }],
      { before: { A: 0, B: 0, C: 0, D: 1 }, moved: 1, upgraded: 1, downgraded: 0 },
    ],
  ])('%s', (_label, before, after, expected) => {
    expect(regradeSummary(before, after)).toMatchObject(expected);
  });

  it('shows what a changed matrix does to a list of doctors', () => {
    const scored = [
      { id: 'a', status: 0, potential: 4 },
      { id: 'b', status: -3, potential: 5 },
      { id: 'c', status: 4, potential: 2 },
    ];
    const stricter = structuredClone(config);
    stricter.matrix['4']!['0'] = 'C';
    stricter.matrix['2']!['4'] = 'B';
    const gradeAll = (c: DoctorGradingConfig) =>
      scored.map((d) => {
        const r = gradeDoctor(d.status, d.potential, c);
        return { id: d.id, grade: r.ok ? r.grade : '?' };
      });
    expect(regradeSummary(gradeAll(config), gradeAll(stricter))).toEqual({
      before: { A: 0, B: 2, C: 1 },
      after: { A: 0, B: 2, C: 1 },
      moved: 2,
      upgraded: 1,
      downgraded: 1,
      added: 0,
      removed: 0,
      movements: [
        { from: 'B', to: 'C', count: 1 },
        { from: 'C', to: 'B', count: 1 },
      ],
    });
  });
});
