import { describe, expect, it } from 'vitest';
import {
  channelAttrition,
  channelMargin,
  compareChannelMargins,
  defaultTerminalVisitDays,
  licenceDaysLeft,
  licenceExpiryState,
  maskIdNumber,
  terminalVisitState,
  terminalVisitStatus,
  type ChannelPriceLevels,
  type StatusEvent,
  type TerminalTier,
} from './parties.ts';

describe('licenceExpiryState', () => {
  it.each([
    ['2026-12-01', '2026-12-02', 60, 'expired'],
    ['2026-12-01', '2026-12-01', 60, 'expiring'],
    ['2027-01-30', '2026-12-01', 60, 'expiring'],
    ['2027-01-31', '2026-12-01', 60, 'valid'],
    ['2026-12-31', '2026-12-01', 30, 'expiring'],
    ['2027-01-01', '2026-12-01', 30, 'valid'],
    [null, '2026-12-01', 60, 'valid'],
  ] as const)('valid until %s on %s warning %i days ahead → %s', (until, today, warn, expected) => {
    expect(licenceExpiryState(until, today, warn)).toBe(expected);
  });

  it('warns 60 days ahead by default', () => {
    expect(licenceExpiryState('2027-01-30', '2026-12-01')).toBe('expiring');
    expect(licenceExpiryState('2027-01-31', '2026-12-01')).toBe('valid');
  });

  it.each([
    ['2026-12-11', '2026-12-01', 10],
    ['2026-11-30', '2026-12-01', -1],
    [null, '2026-12-01', null],
  ] as const)('days left until %s on %s → %s', (until, today, expected) => {
    expect(licenceDaysLeft(until, today)).toBe(expected);
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['110101199003071234', '**************1234'],
    ['12345', '*2345'],
    ['1234', '****'],
    ['', ''],
  ])('%s → %s', (value, expected) => {
    expect(maskIdNumber(value)).toBe(expected);
  });
});

describe('channelMargin', () => {
  const prices = (
    order: number,
    distributor: number,
    purchase: number,
    retail: number,
  ): ChannelPriceLevels => ({
    factory: 0,
    order,
    distributor,
    purchase,
    retail,
  });
  it.each([
    // 订货价 80, 经销价 100 → 20 %; 进价 100, 零售价 125 → 20 %
    [prices(8000, 10000, 10000, 12500), 20, 20],
    [prices(3200, 4600, 4600, 5980), 30.43, 23.08],
    [prices(10000, 10000, 12000, 12000), 0, 0],
    [prices(12000, 10000, 13000, 12000), -20, -8.33],
    [prices(0, 0, 0, 0), null, null],
  ])('%o → distributor %s %, terminal %s %', (p, distributorPct, terminalPct) => {
    expect(channelMargin(p)).toEqual({ distributorPct, terminalPct });
  });

  it.each([
    // ours 20 % / 20 %, competitor 25 % / 10 % → −5 and +10 points
    [prices(8000, 10000, 10000, 12500), prices(7500, 10000, 9000, 10000), -5, 10],
    [prices(8000, 10000, 10000, 12500), prices(8000, 10000, 10000, 12500), 0, 0],
    [prices(8000, 10000, 10000, 12500), null, null, null],
    [prices(8000, 10000, 10000, 12500), prices(0, 0, 0, 0), null, null],
  ])('ours %o vs competitor %o → gap %s / %s points', (ours, theirs, distributorGap, terminalGap) => {
    const c = compareChannelMargins(ours, theirs);
    expect(c.distributorGapPoints).toBe(distributorGap);
    expect(c.terminalGapPoints).toBe(terminalGap);
    expect(c.ours).toEqual(channelMargin(ours));
  });
});

describe('terminalVisitState', () => {
  it('uses the seed defaults 5 / 10 / 30 days', () => {
    expect(defaultTerminalVisitDays).toEqual({ key: 5, secondary: 10, other: 30 });
  });

  it.each([
    // 重点: due from day 3, overdue after day 5
    ['2026-12-01', 'key', '2026-12-03', 'ok'],
    ['2026-12-01', 'key', '2026-12-04', 'due'],
    ['2026-12-01', 'key', '2026-12-06', 'due'],
    ['2026-12-01', 'key', '2026-12-07', 'overdue'],
    // 次重点: due from day 7, overdue after day 10
    ['2026-12-01', 'secondary', '2026-12-07', 'ok'],
    ['2026-12-01', 'secondary', '2026-12-08', 'due'],
    ['2026-12-01', 'secondary', '2026-12-11', 'due'],
    ['2026-12-01', 'secondary', '2026-12-12', 'overdue'],
    // 非重点: monthly
    ['2026-11-01', 'other', '2026-11-21', 'ok'],
    ['2026-11-01', 'other', '2026-11-22', 'due'],
    ['2026-11-01', 'other', '2026-12-01', 'due'],
    ['2026-11-01', 'other', '2026-12-02', 'overdue'],
    [null, 'other', '2026-12-02', 'overdue'],
  ] as const)('last visit %s, tier %s, today %s → %s', (last, tier, today, expected) => {
    expect(terminalVisitState(last, tier, today)).toBe(expected);
  });

  it('reads the intervals it is given', () => {
    const days = { key: 2, secondary: 10, other: 30 } satisfies Record<TerminalTier, number>;
    expect(terminalVisitState('2026-12-01', 'key', '2026-12-04', days)).toBe('overdue');
    expect(terminalVisitState('2026-12-01', 'key', '2026-12-04')).toBe('due');
    expect(terminalVisitStatus('2026-12-01', 'key', '2026-12-04', days)).toEqual({
      state: 'overdue',
      daysSince: 3,
      dueDate: '2026-12-03',
      intervalDays: 2,
    });
  });
});

describe('channelAttrition', () => {
  const e = (customerId: string, status: StatusEvent['status'], changedOn: string): StatusEvent => ({
    customerId,
    status,
    changedOn,
  });

  it('counts the designated customers on 1 January and those lost during the year', () => {
    const events = [
      e('a', 'designated', '2024-03-01'),
      e('b', 'designated', '2024-05-01'),
      e('c', 'designated', '2024-06-01'),
      e('d', 'designated', '2024-07-01'),
      e('a', 'lost', '2025-02-01'),
      e('b', 'suspended', '2025-03-01'),
      e('b', 'lost', '2025-12-31'),
      e('e', 'designated', '2025-04-01'),
      e('e', 'lost', '2025-09-01'),
      e('c', 'lost', '2026-01-01'),
    ];
    expect(channelAttrition(events, [2024, 2025, 2026])).toEqual([
      { year: 2024, designatedAtStart: 0, lostDuring: 0, ratePct: null },
      { year: 2025, designatedAtStart: 4, lostDuring: 3, ratePct: 75 },
      { year: 2026, designatedAtStart: 2, lostDuring: 1, ratePct: 50 },
    ]);
  });

  it('does not count a customer lost twice nor one already lost on 1 January', () => {
    const events = [
      e('a', 'designated', '2024-01-01'),
      e('a', 'lost', '2024-06-01'),
      e('a', 'designated', '2025-03-01'),
      e('a', 'lost', '2025-04-01'),
      e('b', 'designated', '2024-02-01'),
      e('b', 'lost', '2025-02-01'),
      e('b', 'designated', '2025-03-01'),
      e('b', 'lost', '2025-04-01'),
      e('c', 'designated', '2024-01-01'),
    ];
    expect(channelAttrition(events, [2025])).toEqual([
      { year: 2025, designatedAtStart: 2, lostDuring: 1, ratePct: 50 },
    ]);
  });
});
