/**
 * 渠道促销 (seed 000 第三篇): promotions for channel customers only — never for individual doctors. Pure rules.
 */
import { addDays } from '../time/china-date.ts';
import { daysBetween } from '../planning/frequency.ts';

/** buyGift 买赠 | rebate 返利 | discount 折扣 | display 陈列奖励 | salesContest 销售竞赛 */
export const promotionKinds = ['buyGift', 'rebate', 'discount', 'display', 'salesContest'] as const;
export type PromotionKind = (typeof promotionKinds)[number];
/** Who a promotion may target: channel customers, never doctors. */
export const promotionTargetKinds = ['distributor', 'pharmacy', 'clinic'] as const;
export type PromotionTargetKind = (typeof promotionTargetKinds)[number];
export const promotionStatuses = ['draft', 'submitted', 'approved', 'rejected', 'closed'] as const;
export type PromotionStatus = (typeof promotionStatuses)[number];
/** 兑付 form: goods 货 | invoiceDiscount 票折 | transfer 转账 */
export const payoutForms = ['goods', 'invoiceDiscount', 'transfer'] as const;
export type PayoutForm = (typeof payoutForms)[number];

/** Payouts may still be made this many days after the period ends (settling the last month). */
export const payoutGraceDays = 30;

/** A payout date within [startsOn, endsOn + 30 days]. */
export function payoutDateAllowed(p: { startsOn: string; endsOn: string }, paidOn: string): boolean {
  return paidOn >= p.startsOn && paidOn <= addDays(p.endsOn, payoutGraceDays);
}

/** The payout takes the promotion's paid total over its budget (equal to the budget is within it). */
export function payoutOverBudget(budgetFen: number, paidSoFarFen: number, amountFen: number): boolean {
  return paidSoFarFen + amountFen > budgetFen;
}

/** The same number of days right before the period (for "sales during vs before"). */
export function periodBefore(startsOn: string, endsOn: string): { from: string; to: string; days: number } {
  const days = daysBetween(startsOn, endsOn) + 1;
  return { from: addDays(startsOn, -days), to: addDays(startsOn, -1), days };
}

/**
 * The window a promotion is evaluated over: from its start to its end, or to today while it is running (a running
 * promotion is compared over the days elapsed, not against a full before-period). Null before it starts.
 */
export function evaluationWindow(
  startsOn: string,
  endsOn: string,
  today: string,
): { from: string; to: string; days: number; beforeFrom: string; beforeTo: string } | null {
  const to = endsOn < today ? endsOn : today;
  if (to < startsOn) return null;
  const before = periodBefore(startsOn, to);
  return { from: startsOn, to, days: before.days, beforeFrom: before.from, beforeTo: before.to };
}

export type PromotionEvaluation = {
  unitsDuring: number;
  unitsBefore: number;
  extraUnits: number;
  /** (during − before) / before in percent, one decimal; null when nothing sold before */
  upliftPct: number | null;
  paidFen: number;
  budgetFen: number;
  /** paid / budget in percent, one decimal; null for a zero budget */
  budgetUsedPct: number | null;
  /** Payouts per extra unit sold, in whole fen; null when there was no extra unit */
  costPerExtraUnitFen: number | null;
};

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

export function evaluatePromotion(input: {
  unitsDuring: number;
  unitsBefore: number;
  paidFen: number;
  budgetFen: number;
}): PromotionEvaluation {
  const { unitsDuring, unitsBefore, paidFen, budgetFen } = input;
  const extraUnits = unitsDuring - unitsBefore;
  return {
    unitsDuring,
    unitsBefore,
    extraUnits,
    upliftPct: unitsBefore > 0 ? oneDecimal((extraUnits / unitsBefore) * 100) : null,
    paidFen,
    budgetFen,
    budgetUsedPct: budgetFen > 0 ? oneDecimal((paidFen / budgetFen) * 100) : null,
    costPerExtraUnitFen: extraUnits > 0 ? Math.round(paidFen / extraUnits) : null,
  };
}
