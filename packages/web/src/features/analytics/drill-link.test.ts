import { describe, expect, it } from 'vitest';
import {
  drillHref,
  drillParams,
  drillQueryOf,
  type DashboardFilters,
  type DrillTarget,
} from './drill-link.ts';

const cycle: DashboardFilters = { period: 'cycle', date: '2026-12-07', teamId: 't1', repId: 'r1' };

describe('drillParams', () => {
  it.each<[string, DashboardFilters, DrillTarget, Record<string, string>]>([
    [
      'uncovered A doctors of a rep (the team is implied)',
      cycle,
      { metric: 'doctors', state: 'uncovered', grade: 'A' },
      { metric: 'doctors', state: 'uncovered', grade: 'A', period: 'cycle', date: '2026-12-07', repId: 'r1' },
    ],
    [
      'short calls of a team in a custom range with a product',
      { period: 'custom', from: '2026-11-01', to: '2026-11-30', teamId: 't1', productId: 'p1' },
      { metric: 'calls', kind: 'short' },
      {
        metric: 'calls',
        kind: 'short',
        period: 'custom',
        from: '2026-11-01',
        to: '2026-11-30',
        productId: 'p1',
        teamId: 't1',
      },
    ],
    [
      'follow-ups with empty values left out',
      { period: 'month', date: '' },
      { metric: 'follow-ups' },
      { metric: 'follow-ups', period: 'month' },
    ],
  ])('%s', (_what, filters, target, expected) => {
    expect(drillParams(filters, target)).toEqual(expected);
  });
});

describe('drillQueryOf', () => {
  it.each<[string, string, ReturnType<typeof drillQueryOf>]>([
    [
      'a doctors link read back',
      drillHref(cycle, { metric: 'doctors', state: 'belowFrequency', grade: 'A' }).split('?')[1]!,
      {
        metric: 'doctors',
        query: { state: 'belowFrequency', grade: 'A', period: 'cycle', date: '2026-12-07', repId: 'r1' },
      },
    ],
    ['an unknown metric and state', 'metric=x&state=y', { metric: 'doctors', query: { state: 'all' } }],
    [
      'calls without a kind',
      'metric=calls&teamId=t2&page=3',
      { metric: 'calls', query: { kind: 'all', teamId: 't2' } },
    ],
  ])('%s', (_what, search, expected) => {
    expect(drillQueryOf(new URLSearchParams(search))).toEqual(expected);
  });
});
