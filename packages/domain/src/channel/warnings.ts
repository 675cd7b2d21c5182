/**
 * 渠道预警: the early-warning rules of the channel (seed 003, the GN case; seed 000 第三篇 receivables control).
 * Pure: each rule takes the figures the server gathered in SQL and the thresholds in force, and answers the
 * figure and threshold of a warning, or null when the rule does not hold.
 */
import type { RiskLevel } from './ledger.ts';
import {
  defaultTerminalVisitDays,
  type ChannelCustomerKind,
  type LifecycleStage,
  type TerminalTier,
} from './parties.ts';

/** The channel thresholds and intervals (channel_settings; the newest row is in force). */
export type ChannelSettings = {
  /** 断货: days of cover below this */
  stockOutDays: number;
  /** 压货: days of cover above this */
  overStockDays: number;
  /** Average daily sell-through over the last this many days of flow */
  sellThroughWindowDays: number;
  /** 冷落: no visit or call to a distributor for more than this many days */
  neglectDays: number;
  /** 证照: warn this many days before a licence expires */
  licenceWarnDays: number;
  /** Our distributor margin may be at most this many percentage points below the competitor's */
  marginGapPoints: number;
  /** 经销价 over 订货价 by more than this percentage is a scarcity signal */
  scarcityMarkupPct: number;
  /** Month-over-month or year-over-year sell-through drop beyond this percentage */
  volumeDropPct: number;
  /** Sell-in (deliveries) more than this many times the sell-through (flow) over the window */
  sellInOverSellThroughRatio: number;
  /** Returns above this percentage of deliveries (and rising) */
  returnRatePct: number;
  /** 对账: unreconciled for more than this many days */
  reconcileDays: number;
  /** Days a delivery may be past its settlement date before it counts as overdue */
  overdueGraceDays: number;
  /** Terminal visit intervals by terminal tier (重点 3–5 days, 次重点 7–10 days, 非重点 monthly) */
  terminalVisitDays: { key: number; secondary: number; other: number };
};

export const defaultChannelSettings: ChannelSettings = {
  stockOutDays: 15,
  overStockDays: 90,
  sellThroughWindowDays: 30,
  neglectDays: 14,
  licenceWarnDays: 60,
  marginGapPoints: 5,
  scarcityMarkupPct: 30,
  volumeDropPct: 40,
  sellInOverSellThroughRatio: 2,
  returnRatePct: 10,
  reconcileDays: 31,
  overdueGraceDays: 0,
  terminalVisitDays: { ...defaultTerminalVisitDays },
};

/** Every warning kind on the board. */
export const channelWarningKinds = [
  'stockOut', // 断货
  'overStock', // 压货
  'priceDisorder', // 乱价
  'crossTerritory', // 窜货
  'overCreditLimit', // 超资信额度
  'receivableOverdue', // 超期欠款
  'unreconciled', // 未对账
  'riskEvents', // 风险信号
  'neglect', // 冷落
  'marginBelowCompetitor', // 渠道利润低于竞品
  'scarcityMarkup', // 加价惜售
  'volumeDrop', // 销量下滑 (subject mom | yoy)
  'sellInOverSellThrough', // 压库 进货远高于出货
  'returnRate', // 退货率上升
  'portfolioGap', // 产品断档
  'licenceExpiry', // 证照到期
  'promiseOverdue', // 承诺逾期
] as const;
export type ChannelWarningKind = (typeof channelWarningKinds)[number];

export type ChannelWarningUnit = 'days' | 'fen' | 'pct' | 'ratio' | 'points' | 'score' | 'rows' | 'none';

/** What a kind's figure and threshold measure (the board formats them by it). */
export const channelWarningUnits: Record<ChannelWarningKind, ChannelWarningUnit> = {
  stockOut: 'days',
  overStock: 'days',
  priceDisorder: 'fen',
  crossTerritory: 'rows',
  overCreditLimit: 'fen',
  receivableOverdue: 'fen',
  unreconciled: 'days',
  riskEvents: 'score',
  neglect: 'days',
  marginBelowCompetitor: 'points',
  scarcityMarkup: 'pct',
  volumeDrop: 'pct',
  sellInOverSellThrough: 'ratio',
  returnRate: 'pct',
  portfolioGap: 'none',
  licenceExpiry: 'days',
  promiseOverdue: 'days',
};

/** A rule that holds: the figure (null when it cannot be a number, e.g. never visited) and its threshold. */
export type RuleHit = { figure: number | null; threshold: number };

/** Days of cover shown for a product that has stock but no sell-through at all. */
export const maxCoverDays = 999;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Days of cover = stock ÷ average daily sell-through; null without sell-through (no figure to speak of). */
export function daysOfCover(stock: number, soldInWindow: number, windowDays: number): number | null {
  if (soldInWindow <= 0 || windowDays <= 0) return stock > 0 ? maxCoverDays : null;
  return Math.min(maxCoverDays, round1(stock / (soldInWindow / windowDays)));
}

export type StockFigures = {
  /** The latest reported stock (null: never reported) */
  stock: number | null;
  /** Flow quantity over the sell-through window */
  soldInWindow: number;
  /** Flow quantity in the last complete month */
  soldLastMonth: number;
};

/** 断货: cover below N days, or zero stock of a product that sold last month. */
export function stockOutRule(f: StockFigures, s: ChannelSettings): RuleHit | null {
  if (f.stock === null) return null;
  if (f.stock <= 0)
    return f.soldLastMonth > 0 || f.soldInWindow > 0 ? { figure: 0, threshold: s.stockOutDays } : null;
  const cover = daysOfCover(f.stock, f.soldInWindow, s.sellThroughWindowDays);
  if (cover === null || f.soldInWindow <= 0) return null;
  return cover < s.stockOutDays ? { figure: cover, threshold: s.stockOutDays } : null;
}

/** 压货: cover above M days (stock with no sell-through at all counts as the longest cover). */
export function overStockRule(f: StockFigures, s: ChannelSettings): RuleHit | null {
  if (f.stock === null || f.stock <= 0) return null;
  const cover = daysOfCover(f.stock, f.soldInWindow, s.sellThroughWindowDays);
  return cover !== null && cover > s.overStockDays ? { figure: cover, threshold: s.overStockDays } : null;
}

/** 乱价: a reported resale price below the minimum resale price 限价 (figure and threshold in fen). */
export function priceDisorderRule(reportedFen: number, minResaleFen: number | null): RuleHit | null {
  if (minResaleFen === null || minResaleFen <= 0) return null;
  return reportedFen < minResaleFen ? { figure: reportedFen, threshold: minResaleFen } : null;
}

/** 授权区域 of a distributor. Nothing authorised at all means the territory was never set: no 窜货 rule. */
export type AuthorisedTerritory = {
  authorisedCities: readonly string[];
  authorisedHospitalIds: readonly string[];
  authorisedCustomerIds: readonly string[];
};

/** The buyer of a flow row, as matched: a hospital or a channel customer, with its city. */
export type FlowBuyer = { hospitalId: string | null; buyerCustomerId: string | null; city: string | null };

/**
 * 窜货: the buyer lies outside the authorised territory — neither an authorised hospital/customer nor in an
 * authorised city. Unmatched buyers are not judged (the row is kept, the match is what's missing).
 */
export function isOutsideTerritory(buyer: FlowBuyer, t: AuthorisedTerritory): boolean {
  if (!t.authorisedCities.length && !t.authorisedHospitalIds.length && !t.authorisedCustomerIds.length)
    return false;
  if (!buyer.hospitalId && !buyer.buyerCustomerId) return false;
  if (buyer.hospitalId && t.authorisedHospitalIds.includes(buyer.hospitalId)) return false;
  if (buyer.buyerCustomerId && t.authorisedCustomerIds.includes(buyer.buyerCustomerId)) return false;
  if (buyer.city && t.authorisedCities.includes(buyer.city)) return false;
  return true;
}

/** 超资信额度: the balance owed above the credit limit (fen). */
export function overCreditLimitRule(balanceFen: number, creditLimitFen: number | null): RuleHit | null {
  if (creditLimitFen === null) return null;
  return balanceFen > creditLimitFen ? { figure: balanceFen, threshold: creditLimitFen } : null;
}

/** 超期欠款: anything overdue beyond the terms. */
export function receivableOverdueRule(overdue: number): RuleHit | null {
  return overdue > 0 ? { figure: overdue, threshold: 0 } : null;
}

/** 未对账: days since the last reconciliation (or since the first ledger entry, when never reconciled). */
export function unreconciledRule(daysSince: number | null, s: ChannelSettings): RuleHit | null {
  if (daysSince === null) return null;
  return daysSince > s.reconcileDays ? { figure: daysSince, threshold: s.reconcileDays } : null;
}

/**
 * 风险信号: the distributor's risk level (money's `customerRiskLevel`: recent risk events incl. bounced bills)
 * reached high. Figure: the sum of the recent severities; threshold: the level's number (3 = high).
 */
export function riskEventsRule(level: RiskLevel, severitySum: number): RuleHit | null {
  return level === 'high' ? { figure: severitySum, threshold: 3 } : null;
}

/** Risk level as a number for the health score: low 0, medium 1.5, high 3. */
export const riskLevelNumber = (level: RiskLevel): number =>
  level === 'high' ? 3 : level === 'medium' ? 1.5 : 0;

/** How often a channel customer must be visited: distributors by neglectDays, terminals by their tier. */
export function channelVisitIntervalDays(
  kind: ChannelCustomerKind,
  terminalTier: TerminalTier | null,
  s: ChannelSettings,
): number {
  return kind === 'distributor' ? s.neglectDays : s.terminalVisitDays[terminalTier ?? 'other'];
}

/** 冷落: no visit/call for more than the interval; never visited is a hit without a figure. */
export function neglectRule(daysSinceVisit: number | null, intervalDays: number): RuleHit | null {
  if (daysSinceVisit === null) return { figure: null, threshold: intervalDays };
  return daysSinceVisit > intervalDays ? { figure: daysSinceVisit, threshold: intervalDays } : null;
}

/**
 * 渠道利润 vs the competitor's (seed 003): our margin minus theirs, in percentage points; a hit when ours
 * is more than marginGapPoints below. Figure = the gap (negative), threshold = −marginGapPoints.
 */
export function marginBelowCompetitorRule(
  ourMarginPct: number | null,
  competitorMarginPct: number | null,
  s: ChannelSettings,
): RuleHit | null {
  if (ourMarginPct === null || competitorMarginPct === null) return null;
  const gap = round1(ourMarginPct - competitorMarginPct);
  return gap < -s.marginGapPoints ? { figure: gap, threshold: -s.marginGapPoints } : null;
}

/** 加价惜售: the reported 经销价 over our 订货价 by more than the band (GN: +43.75 % in 1998). */
export function scarcityMarkupRule(
  reportedDistributorPriceFen: number,
  orderPriceFen: number,
  s: ChannelSettings,
): RuleHit | null {
  if (orderPriceFen <= 0) return null;
  const markup = ((reportedDistributorPriceFen - orderPriceFen) / orderPriceFen) * 100;
  return markup > s.scarcityMarkupPct ? { figure: round1(markup), threshold: s.scarcityMarkupPct } : null;
}

/** Drop in percent from `before` to `now` (positive = fell); null without a base. */
export function dropPct(before: number, now: number): number | null {
  if (before <= 0) return null;
  return round1(((before - now) / before) * 100);
}

/** 销量下滑: sell-through fell by the threshold or more (month over month or year over year). */
export function volumeDropRule(before: number, now: number, s: ChannelSettings): RuleHit | null {
  const drop = dropPct(before, now);
  return drop !== null && drop >= s.volumeDropPct ? { figure: drop, threshold: s.volumeDropPct } : null;
}

/** Sell-in far above sell-through: deliveries ÷ flow over the window (no flow at all = the largest ratio). */
export function sellInOverSellThroughRule(
  sellIn: number,
  sellThrough: number,
  s: ChannelSettings,
): RuleHit | null {
  if (sellIn <= 0) return null;
  const ratio = sellThrough > 0 ? sellIn / sellThrough : maxCoverDays;
  return ratio > s.sellInOverSellThroughRatio
    ? { figure: round1(ratio), threshold: s.sellInOverSellThroughRatio }
    : null;
}

/** Return rate in percent of deliveries; null without deliveries. */
export function returnRatePct(returned: number, delivered: number): number | null {
  if (delivered <= 0) return returned > 0 ? 100 : null;
  return round1((returned / delivered) * 100);
}

/** 退货率上升: the return rate is above the threshold and higher than the window before (the juice case). */
export function returnRateRule(
  current: { returned: number; delivered: number },
  previous: { returned: number; delivered: number },
  s: ChannelSettings,
): RuleHit | null {
  const now = returnRatePct(current.returned, current.delivered);
  if (now === null || now <= s.returnRatePct) return null;
  const before = returnRatePct(previous.returned, previous.delivered) ?? 0;
  return now > before ? { figure: now, threshold: s.returnRatePct } : null;
}

/**
 * 产品断档: a product in growth or maturity delisted without a replacement that is already mature (GN cut
 * AD奶 in maturity for EC奶 in growth and broke its 利润链). Figure: none.
 */
export function portfolioGapRule(p: {
  stage: LifecycleStage;
  supplied: boolean;
  replacementStage: LifecycleStage | null;
}): RuleHit | null {
  if (p.supplied) return null;
  if (p.stage !== 'growth' && p.stage !== 'maturity') return null;
  return p.replacementStage === 'maturity' ? null : { figure: null, threshold: 0 };
}

/** 证照到期: days left until the licence expires at most licenceWarnDays (negative: expired). */
export function licenceExpiryRule(daysLeft: number, s: ChannelSettings): RuleHit | null {
  return daysLeft <= s.licenceWarnDays ? { figure: daysLeft, threshold: s.licenceWarnDays } : null;
}

/** 承诺逾期: an open promise past its due date (figure: days overdue). */
export function promiseOverdueRule(daysPastDue: number): RuleHit | null {
  return daysPastDue > 0 ? { figure: daysPastDue, threshold: 0 } : null;
}
