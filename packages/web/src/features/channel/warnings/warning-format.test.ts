import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { figureVsThreshold, formatWarningValue, subjectText } from './warning-format.ts';

// A stand-in for i18next's t: the key and the interpolated value, so the unit is visible.
const t = ((key: string, options?: { value?: string }) =>
  options?.value === undefined ? key : `${key}(${options.value})`) as unknown as TFunction;

describe('warning figures on the board', () => {
  it.each([
    ['stockOut', 10, 'channelWarnings.units.days(10)'],
    ['priceDisorder', 1_999, '¥19.99'],
    ['receivableOverdue', 5_000_000, '¥50,000.00'],
    ['volumeDrop', 85, 'channelWarnings.units.pct(85)'],
    ['sellInOverSellThrough', 2.7, 'channelWarnings.units.ratio(2.7)'],
    ['crossTerritory', 1_234, 'channelWarnings.units.rows(1,234)'],
    ['neglect', null, 'channelWarnings.neverVisited'],
    ['licenceExpiry', null, 'channelWarnings.noFigure'],
  ] as const)('%s %s → %s', (kind, value, text) => {
    expect(formatWarningValue(t, kind, value)).toBe(text);
  });

  it.each([
    [
      { kind: 'stockOut', figure: 10, threshold: 15 },
      'channelWarnings.units.days(10) / channelWarnings.units.days(15)',
    ],
    [{ kind: 'receivableOverdue', figure: 100, threshold: 0 }, '¥1.00'],
    [{ kind: 'overCreditLimit', figure: 120_000, threshold: 100_000 }, '¥1,200.00 / ¥1,000.00'],
    [{ kind: 'portfolioGap', figure: null, threshold: 0 }, 'channelWarnings.units.none'],
  ] as const)('%o → %s', (w, text) => {
    expect(figureVsThreshold(t, w)).toBe(text);
  });

  it.each([
    [{ kind: 'volumeDrop', subjectKey: 'yoy', detail: {} }, 'channelWarnings.volumeSubjects.yoy'],
    [{ kind: 'priceDisorder', subjectKey: 'retail', detail: {} }, 'channelWarnings.priceLevels.retail'],
    [{ kind: 'crossTerritory', subjectKey: 'hospital:x', detail: { city: '景洪' } }, '景洪'],
    [{ kind: 'licenceExpiry', subjectKey: 'gsp', detail: { number: 'GSP-1' } }, 'GSP-1'],
    [{ kind: 'neglect', subjectKey: '', detail: {} }, ''],
  ] as const)('subject of %o → %s', (w, text) => {
    expect(subjectText(t, w)).toBe(text);
  });
});
