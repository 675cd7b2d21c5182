/**
 * 经销商健康度: one score 0–100 per distributor and month, so a manager sees a GN-style decline (stock-outs,
 * price chaos, cross-territory dumping, neglect, promises not kept) months before the distributor is lost.
 *
 * Weights (sum 100) and what scores full marks:
 *   stock cover         15  every carried product between the stock-out and over-stock bands
 *   sell-through trend  20  the last 3 months sold at least as much as the 3 before (−50 % or worse: 0)
 *   receivables         20  nothing overdue, within the credit limit, no risk signals
 *   price discipline    10  no reported price below 限价
 *   窜货                 10  no flow rows sold outside the authorised territory
 *   neglect 冷落         10  visited within the interval (3× the interval or never: 0)
 *   margin vs competitor 5  our distributor margin not below the competitor's (2× the allowed gap below: 0)
 *   promises kept       10  share of due promises kept (none due: full marks)
 */

export type HealthComponents = {
  /** Products the distributor carried (stock, deliveries or flow in the window) */
  productsCarried: number;
  stockOutProducts: number;
  overStockProducts: number;
  /** Sell-through change of the last 3 months vs the 3 before, in percent (null: no base) */
  sellThroughTrendPct: number | null;
  balanceFen: number;
  overdueFen: number;
  overCreditLimit: boolean;
  /** 0 none … 3 high */
  riskLevel: number;
  priceDisorders: number;
  crossTerritoryRows: number;
  /** null: never visited */
  daysSinceVisit: number | null;
  visitIntervalDays: number;
  /** Our margin minus the competitor's, worst carried product, percentage points (null: unknown) */
  marginGapPoints: number | null;
  allowedMarginGapPoints: number;
  promisesKept: number;
  promisesBroken: number;
  promisesOverdue: number;
};

export const healthWeights = {
  stockCover: 15,
  sellThroughTrend: 20,
  receivables: 20,
  priceDiscipline: 10,
  crossTerritory: 10,
  neglect: 10,
  margin: 5,
  promises: 10,
} as const;
export type HealthPart = keyof typeof healthWeights;

const clamp01 = (n: number) => Math.max(0, Math.min(1, n));

/** Each part's share of its weight, 0–1. */
export function healthParts(c: HealthComponents): Record<HealthPart, number> {
  const carried = Math.max(c.productsCarried, 1);
  const overdueShare = c.balanceFen > 0 ? c.overdueFen / c.balanceFen : c.overdueFen > 0 ? 1 : 0;
  const due = c.promisesKept + c.promisesBroken + c.promisesOverdue;
  const gap = c.marginGapPoints;
  const allowed = Math.max(c.allowedMarginGapPoints, 0.1);
  return {
    stockCover: clamp01(1 - (c.stockOutProducts + 0.5 * c.overStockProducts) / carried),
    sellThroughTrend:
      c.sellThroughTrendPct === null ? 1 : clamp01(1 + Math.min(0, c.sellThroughTrendPct) / 50),
    receivables: clamp01(1 - overdueShare - (c.overCreditLimit ? 0.3 : 0) - 0.15 * c.riskLevel),
    priceDiscipline: c.priceDisorders <= 0 ? 1 : c.priceDisorders === 1 ? 0.5 : 0,
    crossTerritory: clamp01(1 - c.crossTerritoryRows / 10),
    neglect:
      c.daysSinceVisit === null
        ? 0
        : c.daysSinceVisit <= c.visitIntervalDays
          ? 1
          : clamp01(1 - (c.daysSinceVisit - c.visitIntervalDays) / (2 * Math.max(c.visitIntervalDays, 1))),
    margin: gap === null || gap >= 0 ? 1 : clamp01(1 + gap / (2 * allowed)),
    promises: due === 0 ? 1 : c.promisesKept / due,
  };
}

/** The health score 0–100 (weighted sum of the parts, rounded). */
export function distributorHealth(c: HealthComponents): number {
  const parts = healthParts(c);
  let total = 0;
  for (const part of Object.keys(healthWeights) as HealthPart[]) total += healthWeights[part] * parts[part];
  return Math.round(total);
}

/** A fall of this many points or more against three months before stands out on the board. */
export const healthDeclinePoints = 15;

/** 'declining' when the score fell by healthDeclinePoints or more against the earlier one. */
export function healthTrend(
  now: number,
  earlier: number | null,
): 'declining' | 'improving' | 'steady' | null {
  if (earlier === null) return null;
  if (now - earlier <= -healthDeclinePoints) return 'declining';
  if (now - earlier >= healthDeclinePoints) return 'improving';
  return 'steady';
}
