import { describe, expect, it } from 'vitest';
import {
  pointsFromBands,
  roundTo,
  validateBands,
  validatePoints,
  validateWeights,
  type ScoreBand,
} from './scoring.ts';

const bands: ScoreBand[] = [
  { from: 0, points: 0 },
  { from: 10, points: 40 },
  { from: 50, points: 100 },
];

describe('pointsFromBands', () => {
  it.each([
    [0, 0],
    [9.99, 0],
    [10, 40], // a band's lower edge belongs to it
    [49, 40],
    [50, 100],
    [1_000_000, 100],
  ])('%d → %d points', (value, points) => {
    expect(pointsFromBands(bands, value)).toBe(points);
  });

  it('gives 0 below the first band', () => {
    expect(pointsFromBands([{ from: 5, points: 30 }], 1)).toBe(0);
  });
});

describe('roundTo', () => {
  it.each([
    [69.99999999999, 1, 70],
    [1.005, 2, 1.01], // float noise must not round a half down
    [12.34, 1, 12.3],
    [12.35, 1, 12.4],
  ])('%d to %d places → %d', (value, decimals, expected) => {
    expect(roundTo(value, decimals)).toBe(expected);
  });
});

describe('validatePoints', () => {
  it.each([
    [0, []],
    [100, []],
    [-0.1, ['config.pointsOutOfRange']],
    [100.1, ['config.pointsOutOfRange']],
    [Number.NaN, ['config.valueMissing']],
    [undefined, ['config.valueMissing']],
  ])('%s → %j', (value, keys) => {
    expect(validatePoints(value, 'p').map((p) => p.key)).toEqual(keys);
  });
});

describe('validateBands', () => {
  it.each<[string, ScoreBand[] | undefined, string[], string[]]>([
    ['valid bands', bands, [], []],
    ['a single band from 0', [{ from: 0, points: 50 }], [], []],
    ['no bands', [], ['config.bandsEmpty'], ['b']],
    ['absent bands', undefined, ['config.bandsEmpty'], ['b']],
    ['first band not at 0', [{ from: 1, points: 0 }], ['config.bandsFirstNotZero'], ['b[0].from']],
    [
      'equal starts',
      [
        { from: 0, points: 0 },
        { from: 0, points: 10 },
      ],
      ['config.bandsNotAscending'],
      ['b[1].from'],
    ],
    [
      'descending starts',
      [
        { from: 0, points: 0 },
        { from: 20, points: 10 },
        { from: 10, points: 20 },
      ],
      ['config.bandsNotAscending'],
      ['b[2].from'],
    ],
    [
      'negative start',
      [
        { from: -5, points: 0 },
        { from: 0, points: 10 },
      ],
      ['config.valueNegative', 'config.bandsFirstNotZero'],
      ['b[0].from', 'b[0].from'],
    ],
    ['points above 100', [{ from: 0, points: 101 }], ['config.pointsOutOfRange'], ['b[0].points']],
    ['start not a number', [{ from: Number.NaN, points: 1 }], ['config.valueMissing'], ['b[0].from']],
  ])('%s', (_label, input, keys, paths) => {
    const problems = validateBands(input, 'b');
    expect(problems.map((p) => p.key)).toEqual(keys);
    expect(problems.map((p) => p.path)).toEqual(paths);
  });
});

describe('validateWeights', () => {
  const factors = ['a', 'b', 'c'];
  it.each<[string, Record<string, number>, string[]]>([
    ['sum exactly 1', { a: 0.5, b: 0.3, c: 0.2 }, []],
    ['float sum 0.1 + 0.2 + 0.7', { a: 0.1, b: 0.2, c: 0.7 }, []],
    ['sum 1.001 (inside tolerance)', { a: 0.501, b: 0.3, c: 0.2 }, []],
    ['sum 0.999 (inside tolerance)', { a: 0.499, b: 0.3, c: 0.2 }, []],
    ['sum 1.0011 (outside tolerance)', { a: 0.5011, b: 0.3, c: 0.2 }, ['config.weightsNotSummingToOne']],
    ['sum 0.9', { a: 0.4, b: 0.3, c: 0.2 }, ['config.weightsNotSummingToOne']],
    ['one factor carries everything', { a: 1, b: 0, c: 0 }, []],
    ['negative weight', { a: 1.2, b: -0.2, c: 0 }, ['config.weightNegative']],
    ['missing weight', { a: 0.5, b: 0.5 }, ['config.valueMissing']],
  ])('%s', (_label, weights, keys) => {
    expect(validateWeights(weights, factors, 'w').map((p) => p.key)).toEqual(keys);
  });

  it('reports the sum it found', () => {
    expect(validateWeights({ a: 0.4, b: 0.3, c: 0.2 }, factors, 'w')[0]).toEqual({
      key: 'config.weightsNotSummingToOne',
      path: 'w',
      params: { sum: 0.9 },
    });
  });
});
