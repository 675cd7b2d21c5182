import { describe, expect, it } from 'vitest';
import { burstCallCount, outliersOf } from './outliers.ts';

const at = (hhmm: string, day = '2026-11-18') => Date.parse(`${day}T${hhmm}:00+08:00`);
const norms = { minCallsPerDay: 10, maxCallsPerDay: 15, minObjectives: 3 };

describe('burstCallCount', () => {
  it.each([
    ['three calls five minutes apart', ['10:00', '10:05', '10:10'], 3],
    ['three calls four minutes apart, given out of order', ['10:08', '10:00', '10:04'], 3],
    ['two calls a minute apart are not a burst', ['10:00', '10:01'], 0],
    ['a gap of six minutes breaks the chain', ['10:00', '10:04', '10:10', '10:14'], 0],
    ['a chain of four and a lone call', ['09:00', '09:02', '09:04', '09:06', '11:00'], 4],
    ['two bursts', ['09:00', '09:01', '09:02', '14:00', '14:03', '14:06'], 6],
    ['calls spread over the day', ['09:00', '10:00', '11:00', '14:00'], 0],
    ['no calls', [], 0],
  ])('%s → %i', (_name, times, expected) => {
    expect(burstCallCount(times.map((t) => at(t)))).toBe(expected);
  });
});

const figures = (over: Partial<Parameters<typeof outliersOf>[0]> = {}) => ({
  calls: 240,
  callsPerWorkingDay: 12,
  burstCalls: 0,
  shortCalls: 0,
  callsWithMinObjectives: 200,
  workingDays: 20,
  ...over,
});

describe('outliersOf', () => {
  it.each([
    ['a rep within every norm', {}, []],
    ['9.9 calls a day', { callsPerWorkingDay: 9.9 }, ['lowCallRate']],
    ['exactly the minimum', { callsPerWorkingDay: 10 }, []],
    ['exactly the maximum', { callsPerWorkingDay: 15 }, []],
    ['15.1 calls a day', { callsPerWorkingDay: 15.1 }, ['highCallRate']],
    [
      'no working days yet',
      { workingDays: 0, callsPerWorkingDay: null, calls: 0, callsWithMinObjectives: 0 },
      [],
    ],
    ['one burst', { burstCalls: 3 }, ['bursts']],
    ['20 % short calls', { shortCalls: 48 }, []],
    ['20.4 % short calls', { shortCalls: 49 }, ['shortCalls']],
    ['exactly half with the minimum objectives', { callsWithMinObjectives: 120 }, []],
    ['49.6 % with the minimum objectives', { callsWithMinObjectives: 119 }, ['fewObjectives']],
    [
      'all at once',
      { callsPerWorkingDay: 2, burstCalls: 5, shortCalls: 100, callsWithMinObjectives: 0 },
      ['lowCallRate', 'bursts', 'shortCalls', 'fewObjectives'],
    ],
  ])('%s → %o', (_name, over, kinds) => {
    expect(outliersOf(figures(over), norms).map((o) => o.kind)).toEqual(kinds);
  });

  it('names the figures in the message parameters', () => {
    expect(outliersOf(figures({ callsPerWorkingDay: 4.5 }), norms)[0]).toEqual({
      kind: 'lowCallRate',
      messageKey: 'analytics.outlier.lowCallRate',
      params: { rate: 4.5, min: 10 },
    });
  });
});
