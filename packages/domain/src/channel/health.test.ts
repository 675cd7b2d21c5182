import { describe, expect, it } from 'vitest';
import {
  distributorHealth,
  healthParts,
  healthTrend,
  healthWeights,
  type HealthComponents,
} from './health.ts';

const healthy: HealthComponents = {
  productsCarried: 2,
  stockOutProducts: 0,
  overStockProducts: 0,
  sellThroughTrendPct: 5,
  balanceFen: 100_000,
  overdueFen: 0,
  overCreditLimit: false,
  riskLevel: 0,
  priceDisorders: 0,
  crossTerritoryRows: 0,
  daysSinceVisit: 3,
  visitIntervalDays: 14,
  marginGapPoints: 2,
  allowedMarginGapPoints: 5,
  promisesKept: 2,
  promisesBroken: 0,
  promisesOverdue: 0,
};

describe('distributorHealth', () => {
  it('weights add up to 100', () => {
    expect(Object.values(healthWeights).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it.each([
    ['healthy', {}, 100],
    ['one of two products out of stock', { stockOutProducts: 1 }, 93],
    ['one of two over-stocked', { overStockProducts: 1 }, 96],
    ['sell-through −25 %', { sellThroughTrendPct: -25 }, 90],
    ['sell-through −50 % or worse', { sellThroughTrendPct: -80 }, 80],
    ['half the balance overdue', { overdueFen: 50_000 }, 90],
    ['over the credit limit', { overCreditLimit: true }, 94],
    ['high risk', { riskLevel: 3 }, 91],
    ['one price disorder', { priceDisorders: 1 }, 95],
    ['two price disorders', { priceDisorders: 2 }, 90],
    ['5 rows sold across territory', { crossTerritoryRows: 5 }, 95],
    ['not visited for 28 days (interval 14)', { daysSinceVisit: 28 }, 95],
    ['never visited', { daysSinceVisit: null }, 90],
    ['margin 10 points below', { marginGapPoints: -10 }, 95],
    ['one promise broken of two', { promisesKept: 1, promisesBroken: 1 }, 95],
    ['nothing promised', { promisesKept: 0 }, 100],
  ] as [string, Partial<HealthComponents>, number][])('%s → %i', (_label, change, score) => {
    expect(distributorHealth({ ...healthy, ...change })).toBe(score);
  });

  it('a GN-style collapse scores low', () => {
    const collapse: HealthComponents = {
      ...healthy,
      stockOutProducts: 2,
      sellThroughTrendPct: -85,
      overdueFen: 80_000,
      riskLevel: 2,
      priceDisorders: 3,
      crossTerritoryRows: 12,
      daysSinceVisit: 60,
      marginGapPoints: -12,
      promisesKept: 0,
      promisesBroken: 2,
      promisesOverdue: 1,
    };
    expect(distributorHealth(collapse)).toBeLessThan(10);
    for (const v of Object.values(healthParts(collapse))) expect(v).toBeGreaterThanOrEqual(0);
  });

  it.each([
    [60, 80, 'declining'],
    [66, 80, 'steady'],
    [80, 60, 'improving'],
    [80, null, null],
  ])('%i vs %s three months before → %s', (now, earlier, trend) => {
    expect(healthTrend(now, earlier)).toBe(trend);
  });
});
