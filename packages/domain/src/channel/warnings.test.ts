import { describe, expect, it } from 'vitest';
import {
  daysOfCover,
  defaultChannelSettings as s,
  dropPct,
  isOutsideTerritory,
  licenceExpiryRule,
  marginBelowCompetitorRule,
  maxCoverDays,
  neglectRule,
  overCreditLimitRule,
  overStockRule,
  portfolioGapRule,
  priceDisorderRule,
  promiseOverdueRule,
  receivableOverdueRule,
  returnRateRule,
  riskEventsRule,
  riskLevelNumber,
  scarcityMarkupRule,
  sellInOverSellThroughRule,
  stockOutRule,
  unreconciledRule,
  channelVisitIntervalDays,
  volumeDropRule,
} from './warnings.ts';

// 30 sold in 30 days = 1 a day: stock in units is the days of cover
const daily = 30;

describe('daysOfCover', () => {
  it.each([
    [15, 30, 30, 15],
    [10, 60, 30, 5],
    [7, 30, 30, 7],
    [1, 3, 30, 10],
    [5, 0, 30, maxCoverDays],
    [0, 0, 30, null],
    [100_000, 1, 30, maxCoverDays],
  ])('stock %i, sold %i in %i days → %s', (stock, sold, window, cover) => {
    expect(daysOfCover(stock, sold, window)).toBe(cover);
  });
});

describe('stock-out 断货 (N = 15 days)', () => {
  it.each([
    ['below: 14 days of cover', { stock: 14, soldInWindow: daily, soldLastMonth: 30 }, 14],
    ['at: 15 days is not below', { stock: 15, soldInWindow: daily, soldLastMonth: 30 }, null],
    ['above: 16 days', { stock: 16, soldInWindow: daily, soldLastMonth: 30 }, null],
    ['zero stock of a product that sold last month', { stock: 0, soldInWindow: 0, soldLastMonth: 5 }, 0],
    ['zero stock, nothing sold', { stock: 0, soldInWindow: 0, soldLastMonth: 0 }, null],
    ['never reported', { stock: null, soldInWindow: daily, soldLastMonth: 30 }, null],
    ['stock but no sell-through', { stock: 3, soldInWindow: 0, soldLastMonth: 0 }, null],
  ])('%s', (_label, figures, figure) => {
    const hit = stockOutRule(figures, s);
    if (figure === null) expect(hit).toBeNull();
    else expect(hit).toEqual({ figure, threshold: 15 });
  });
});

describe('over-stock 压货 (M = 90 days)', () => {
  it.each([
    ['above: 91 days', 91, daily, 91],
    ['at: 90 days', 90, daily, null],
    ['below: 89 days', 89, daily, null],
    ['stock with no sell-through at all', 10, 0, maxCoverDays],
    ['no stock', 0, 0, null],
  ])('%s', (_label, stock, sold, figure) => {
    const hit = overStockRule({ stock, soldInWindow: sold, soldLastMonth: 0 }, s);
    if (figure === null) expect(hit).toBeNull();
    else expect(hit).toEqual({ figure, threshold: 90 });
  });
});

describe('price disorder 乱价', () => {
  it.each([
    [1999, 2000, true],
    [2000, 2000, false],
    [2001, 2000, false],
    [100, null, false],
  ])('reported %i fen vs 限价 %s → %s', (reported, min, hit) => {
    const r = priceDisorderRule(reported, min);
    expect(r !== null).toBe(hit);
    if (r) expect(r).toEqual({ figure: reported, threshold: min });
  });
});

describe('cross-territory 窜货', () => {
  const territory = {
    authorisedCities: ['昆明'],
    authorisedHospitalIds: ['hA'],
    authorisedCustomerIds: ['cA'],
  };
  it.each([
    ['authorised hospital in another city', { hospitalId: 'hA', buyerCustomerId: null, city: '大理' }, false],
    [
      'other hospital in an authorised city',
      { hospitalId: 'hX', buyerCustomerId: null, city: '昆明' },
      false,
    ],
    ['hospital outside', { hospitalId: 'hX', buyerCustomerId: null, city: '景洪' }, true],
    ['authorised pharmacy', { hospitalId: null, buyerCustomerId: 'cA', city: '景洪' }, false],
    ['pharmacy outside', { hospitalId: null, buyerCustomerId: 'cX', city: '景洪' }, true],
    ['unmatched buyer is not judged', { hospitalId: null, buyerCustomerId: null, city: null }, false],
  ])('%s', (_label, buyer, outside) => {
    expect(isOutsideTerritory(buyer, territory)).toBe(outside);
  });
  it('a distributor without any authorised territory is not judged', () => {
    const none = { authorisedCities: [], authorisedHospitalIds: [], authorisedCustomerIds: [] };
    expect(isOutsideTerritory({ hospitalId: 'hX', buyerCustomerId: null, city: '景洪' }, none)).toBe(false);
  });
  it('only listed hospitals when no city is authorised', () => {
    const listed = { authorisedCities: [], authorisedHospitalIds: ['hA'], authorisedCustomerIds: [] };
    expect(isOutsideTerritory({ hospitalId: 'hB', buyerCustomerId: null, city: '昆明' }, listed)).toBe(true);
  });
});

describe('receivables', () => {
  it.each([
    [100_001, 100_000, true],
    [100_000, 100_000, false],
    [99_999, 100_000, false],
    [5_000_000, null, false],
  ])('balance %i vs credit limit %s → %s', (balance, limit, hit) => {
    expect(overCreditLimitRule(balance, limit) !== null).toBe(hit);
  });
  it.each([
    [1, true],
    [0, false],
  ])('overdue %i fen → %s', (overdue, hit) => {
    expect(receivableOverdueRule(overdue) !== null).toBe(hit);
  });
  it.each([
    [32, true],
    [31, false],
    [30, false],
    [null, false],
  ])('unreconciled %s days (31 allowed) → %s', (days, hit) => {
    expect(unreconciledRule(days, s) !== null).toBe(hit);
  });
  it.each([
    ['low', 1, 0, false],
    ['medium', 2, 1.5, false],
    ['high', 3, 3, true],
  ] as const)('risk level %s (severities %i) → %s, warning %s', (level, sum, n, hit) => {
    expect(riskLevelNumber(level)).toBe(n);
    expect(riskEventsRule(level, sum) !== null).toBe(hit);
  });
});

describe('neglect 冷落', () => {
  it.each([
    ['distributor', null, 14],
    ['pharmacy', 'key', 5],
    ['pharmacy', 'secondary', 10],
    ['clinic', 'other', 30],
    ['clinic', null, 30],
  ] as const)('%s %s → every %i days', (kind, tier, days) => {
    expect(channelVisitIntervalDays(kind, tier, s)).toBe(days);
  });
  it.each([
    [15, { figure: 15, threshold: 14 }],
    [14, null],
    [13, null],
    [null, { figure: null, threshold: 14 }],
  ])('%s days since the last visit', (days, hit) => {
    expect(neglectRule(days, 14)).toEqual(hit);
  });
});

describe('distributor margin vs the competitor (gap 5 points)', () => {
  it.each([
    [14.9, 20, -5.1],
    [15, 20, null],
    [16, 20, null],
    [25, 20, null],
    [null, 20, null],
  ])('ours %s vs theirs %i', (ours, theirs, figure) => {
    const hit = marginBelowCompetitorRule(ours, theirs, s);
    if (figure === null) expect(hit).toBeNull();
    else expect(hit).toEqual({ figure, threshold: -5 });
  });
});

describe('scarcity markup (band 30 %)', () => {
  it.each([
    [1438, 1000, 43.8],
    [1301, 1000, 30.1],
    [1300, 1000, null],
    [1200, 1000, null],
  ])('reported 经销价 %i over 订货价 %i', (reported, order, figure) => {
    const hit = scarcityMarkupRule(reported, order, s);
    if (figure === null) expect(hit).toBeNull();
    else expect(hit).toEqual({ figure, threshold: 30 });
  });
});

describe('volume drop (40 %)', () => {
  it.each([
    [100, 15, 85],
    [100, 60, 40],
    [100, 61, null],
    [100, 120, null],
    [0, 10, null],
  ])('%i → %i', (before, now, figure) => {
    const hit = volumeDropRule(before, now, s);
    if (figure === null) expect(hit).toBeNull();
    else expect(hit).toEqual({ figure, threshold: 40 });
  });
  it('dropPct without a base is null', () => expect(dropPct(0, 5)).toBeNull());
});

describe('sell-in over sell-through (ratio 2)', () => {
  it.each([
    [201, 100, 2],
    [300, 100, 3],
    [200, 100, null],
    [199, 100, null],
    [50, 0, maxCoverDays],
    [0, 0, null],
  ])('in %i, through %i', (sellIn, through, figureOrNull) => {
    const hit = sellInOverSellThroughRule(sellIn, through, s);
    if (figureOrNull === null) expect(hit).toBeNull();
    else expect(hit?.threshold).toBe(2);
  });
});

describe('return rate rising (10 %)', () => {
  it.each([
    ['above and rising', { returned: 11, delivered: 100 }, { returned: 2, delivered: 100 }, 11],
    ['at the threshold', { returned: 10, delivered: 100 }, { returned: 2, delivered: 100 }, null],
    ['below', { returned: 9, delivered: 100 }, { returned: 2, delivered: 100 }, null],
    ['above but not rising', { returned: 12, delivered: 100 }, { returned: 20, delivered: 100 }, null],
    ['no deliveries before', { returned: 30, delivered: 100 }, { returned: 0, delivered: 0 }, 30],
  ])('%s', (_label, current, previous, figure) => {
    const hit = returnRateRule(current, previous, s);
    if (figure === null) expect(hit).toBeNull();
    else expect(hit).toEqual({ figure, threshold: 10 });
  });
});

describe('portfolio gap 产品断档', () => {
  it.each([
    ['maturity delisted, replacement in growth (GN: AD奶 → EC奶)', 'maturity', false, 'growth', true],
    ['growth delisted, no replacement', 'growth', false, null, true],
    ['maturity delisted, replacement already mature', 'maturity', false, 'maturity', false],
    ['decline delisted', 'decline', false, null, false],
    ['still supplied', 'maturity', true, null, false],
  ] as const)('%s', (_label, stage, supplied, replacementStage, hit) => {
    expect(portfolioGapRule({ stage, supplied, replacementStage }) !== null).toBe(hit);
  });
});

describe('licence expiry (60 days)', () => {
  it.each([
    [61, false],
    [60, true],
    [59, true],
    [0, true],
    [-3, true],
  ])('%i days left → %s', (days, hit) => {
    expect(licenceExpiryRule(days, s) !== null).toBe(hit);
  });
});

describe('promise overdue', () => {
  it.each([
    [1, true],
    [0, false],
    [-5, false],
  ])('%i days past due → %s', (days, hit) => {
    expect(promiseOverdueRule(days) !== null).toBe(hit);
  });
});
