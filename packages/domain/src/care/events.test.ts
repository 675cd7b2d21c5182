import { describe, expect, it } from 'vitest';
import { careCapSpendFen, checkSpeakerFee, matchInvitee, mealShares, signInOpen } from './events.ts';

describe('checkSpeakerFee (defaults ¥5,000 per talk, ¥20,000 per speaker per year)', () => {
  it.each([
    ['within both', 300_000, 50_000, 0, []],
    ['talk cap exactly', 500_000, 0, 0, []],
    ['one fen over the talk cap', 500_001, 0, 0, ['overTalkCap']],
    ['year cap exactly with other events', 500_000, 0, 1_500_000, []],
    ['travel takes the year over', 500_000, 1, 1_500_000, ['overYearCap']],
    ['both', 600_000, 0, 1_900_000, ['overTalkCap', 'overYearCap']],
  ])('%s', (_label, feeFen, travelFen, otherEventsFen, expected) => {
    expect(checkSpeakerFee({ feeFen, travelFen, otherEventsFen })).toEqual(expected);
  });
  it('uses caps given', () =>
    expect(
      checkSpeakerFee({
        feeFen: 200,
        travelFen: 0,
        otherEventsFen: 0,
        caps: { perTalkFen: 100, perYearFen: 1000 },
      }),
    ).toEqual(['overTalkCap']));
});

describe('mealShares', () => {
  it.each([
    [30_000, 3, [10_000, 10_000, 10_000]],
    [10_000, 3, [3_334, 3_333, 3_333]],
    [2, 3, [1, 1, 0]],
    [0, 2, [0, 0]],
    [5_000, 0, []],
  ])('%i fen among %i', (cost, n, expected) => {
    const shares = mealShares(cost, n);
    expect(shares).toEqual(expected);
    if (n > 0) expect(shares.reduce((a, b) => a + b, 0)).toBe(cost);
  });
});

describe('signInOpen', () => {
  it.each([
    ['2026-12-10', '2026-12-10', true],
    ['2026-12-10', '2026-12-09', true],
    ['2026-12-10', '2026-12-11', true],
    ['2026-12-10', '2026-12-08', false],
    ['2026-12-10', '2026-12-12', false],
    ['2026-12-31', '2027-01-01', true],
    ['2027-03-01', '2027-02-28', true],
  ])('event %s, today %s → %s', (eventDate, today, expected) => {
    expect(signInOpen(eventDate, today)).toBe(expected);
  });
});

describe('matchInvitee', () => {
  const invitees = [
    { id: 'a', name: '张三丰' },
    { id: 'b', name: '李 四海' },
    { id: 'c', name: '王五' },
    { id: 'd', name: '王五' },
  ];
  it.each([
    ['张三丰', 'a'],
    [' 张 三丰 ', 'a'],
    ['李四海', 'b'],
    ['张三', 'unknown'],
    ['', 'unknown'],
    ['王五', 'ambiguous'],
  ])('%s → %s', (typed, expected) => {
    const m = matchInvitee(typed, invitees);
    expect(m.ok ? m.invitee.id : m.reason).toBe(expected);
  });
});

describe('careCapSpendFen', () => {
  it.each([
    ['care actions only', 50_000, { smallGift: 50_000 }, 50_000],
    ['a speaker fee is left out', 350_000, { speakerFee: 300_000, smallGift: 50_000 }, 50_000],
    ['meal shares count', 60_000, { meal: 10_000, smallGift: 50_000 }, 60_000],
    ['only a speaker fee', 300_000, { speakerFee: 300_000 }, 0],
  ])('%s', (_name, total, byKind, expected) => {
    expect(careCapSpendFen(total, byKind)).toBe(expected);
  });
});
