import { describe, expect, it } from 'vitest';
import { forecastFigures, mayEnterActual, mayForecast, monthRange, shiftMonth } from './forecast.ts';

describe('forecastFigures', () => {
  it.each([
    ['forecast below quota', { quota: 100, forecast: 80, goal: 120 }, -20, -20, ['forecastBelowQuota']],
    ['forecast meets quota', { quota: 100, forecast: 100, goal: 100 }, 0, 0, []],
    ['goal below quota', { quota: 100, forecast: 110, goal: 90 }, 10, 10, ['goalBelowQuota']],
    [
      'both short',
      { quota: 200, forecast: 150, goal: 180 },
      -50,
      -25,
      ['forecastBelowQuota', 'goalBelowQuota'],
    ],
    ['no forecast yet', { quota: 100, forecast: null, goal: null }, null, null, []],
    ['quota 0: no percentage', { quota: 0, forecast: 30, goal: null }, 30, null, []],
  ] as const)('%s', (_name, line, gap, gapPct, warnings) => {
    expect(forecastFigures({ ...line, additionsTotal: 0 })).toEqual({ gap, gapPct, warnings });
  });
});

describe('months', () => {
  it.each([
    ['2026-12', '2026-12-07', true],
    ['2027-01', '2026-12-07', true],
    ['2026-11', '2026-12-07', false],
  ])('forecast %s on %s: %s', (month, today, ok) => expect(mayForecast(month, today)).toBe(ok));

  it.each([
    ['2026-12', '2026-12-07', true],
    ['2026-11', '2026-12-07', true],
    ['2027-01', '2026-12-31', false],
  ])('actual of %s on %s: %s', (month, today, ok) => expect(mayEnterActual(month, today)).toBe(ok));

  it.each([
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2026-12', '2026-12-01', '2026-12-31'],
  ])('range of %s', (month, from, to) => expect(monthRange(month)).toEqual({ from, to }));

  it.each([
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-03', -3, '2025-12'],
    ['2026-05', 0, '2026-05'],
  ])('%s shifted by %i', (month, offset, expected) => expect(shiftMonth(month, offset)).toBe(expected));
});
