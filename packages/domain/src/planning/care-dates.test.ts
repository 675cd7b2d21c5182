import { describe, expect, it } from 'vitest';
import { nextBirthday } from './care-dates.ts';

describe('nextBirthday within a window (solar, and lunar through the care calendar)', () => {
  it.each<[string, string, boolean, string, number, string | null]>([
    ['solar, later this month', '1970-12-01', false, '2026-11-23', 30, '2026-12-01'],
    ['solar, today', '1980-11-23', false, '2026-11-23', 30, '2026-11-23'],
    ['solar, just past', '1980-11-22', false, '2026-11-23', 30, null],
    ['solar, beyond the window', '1980-12-24', false, '2026-11-23', 30, null],
    ['solar, across the new year', '1975-01-05', false, '2026-12-20', 30, '2027-01-05'],
    ['solar, 29 Feb in a common year', '1984-02-29', false, '2027-02-15', 30, '2027-02-28'],
    ['lunar 八月十五 in 2026', '1970-08-15', true, '2026-09-10', 30, '2026-09-25'],
    ['lunar 腊月三十 in a 29-day month: 除夕 2026-02-16', '1960-12-30', true, '2026-02-01', 30, '2026-02-16'],
    [
      'lunar 六月初一: the leap month (闰六月, 2025-07-25) does not count',
      '1970-06-01',
      true,
      '2025-07-01',
      30,
      null,
    ],
    ['lunar 六月初一 in 2025', '1970-06-01', true, '2025-06-20', 30, '2025-06-25'],
  ])('%s', (_label, birthday, lunar, from, days, expected) => {
    expect(nextBirthday(birthday, lunar, from, days)).toBe(expected);
  });
});
