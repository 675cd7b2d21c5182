/**
 * Pure rules of 客情费 (relationship-maintenance expenses for channel customers; seed 003 客情关系维护费用管理制度):
 * a fee is payable only for a customer whose net sales 纯销 happened and whose payment 回款 was collected; the claim
 * is signed in sequence 销售文员 → 销售部经理 → 财务; the cash advanced to a rep is capped. No I/O.
 */

/**
 * How a partly collected customer is paid: 'full' pays the requested fee only when the month's deliveries were
 * fully collected (rate 1) and nothing otherwise; 'proRata' pays requested × collection rate, floored to the fen.
 * The policy draft allows either; the company setting is this constant (no env switch — change it here).
 */
export type CareFeePayoutMode = 'full' | 'proRata';
export const careFeePayoutMode: CareFeePayoutMode = 'proRata';

/** 借支 cap per rep and claim: ¥3,000 */
export const careFeeAdvanceCapFen = 300_000;

export const careFeeClaimStatuses = [
  'draft',
  'submitted',
  'clerkSigned',
  'managerSigned',
  'approved',
  'rejected',
  'paid',
] as const;
export type CareFeeClaimStatus = (typeof careFeeClaimStatuses)[number];

export const careFeeSpecialStatuses = [
  'submitted',
  'clerkSigned',
  'managerSigned',
  'approved',
  'rejected',
] as const;
export type CareFeeSpecialStatus = (typeof careFeeSpecialStatuses)[number];

/** 销售文员 → 销售部经理 → 财务 */
export const careFeeSignSteps = ['clerk', 'manager', 'finance'] as const;
export type CareFeeSignStep = (typeof careFeeSignSteps)[number];

/** Who at the customer the fee is for: 采购员, 采购部领导, 主管采购的公司领导, or an event 活动 */
export const careFeeRecipientRoles = ['purchaser', 'purchasingHead', 'executive', 'event'] as const;
export type CareFeeRecipientRole = (typeof careFeeRecipientRoles)[number];

/** Back-office duties an admin may carry */
export const userDuties = ['salesClerk', 'finance'] as const;
export type UserDuty = (typeof userDuties)[number];

/**
 * The step to sign next for a claim or special application in `status`, or null when none may be signed
 * (draft, approved, rejected, paid).
 */
export function nextCareFeeSignStep(status: string): CareFeeSignStep | null {
  switch (status) {
    case 'submitted':
      return 'clerk';
    case 'clerkSigned':
      return 'manager';
    case 'managerSigned':
      return 'finance';
    default:
      return null;
  }
}

/** The status after `step` signs with `decision`. */
export function statusAfterSignature(
  step: CareFeeSignStep,
  decision: 'approved' | 'rejected',
): 'clerkSigned' | 'managerSigned' | 'approved' | 'rejected' {
  if (decision === 'rejected') return 'rejected';
  return step === 'clerk' ? 'clerkSigned' : step === 'manager' ? 'managerSigned' : 'approved';
}

/**
 * A claim may be paid only when every step signed 'approved', in order, by three different people none of whom
 * is the owner. A missing signature invalidates it.
 */
export function careFeeSignaturesComplete(
  ownerId: string,
  signatures: readonly { step: CareFeeSignStep; decision: 'approved' | 'rejected'; signedBy: string }[],
): boolean {
  if (signatures.length !== careFeeSignSteps.length) return false;
  const signers = new Set<string>();
  for (let i = 0; i < careFeeSignSteps.length; i++) {
    const s = signatures[i]!;
    if (s.step !== careFeeSignSteps[i] || s.decision !== 'approved') return false;
    if (s.signedBy === ownerId || signers.has(s.signedBy)) return false;
    signers.add(s.signedBy);
  }
  return true;
}

/**
 * 回款 collection rate of a month, 0–1: collected ÷ delivered, capped at 1. With nothing delivered the rate is 1
 * when something was collected (old debt paid) and 0 otherwise.
 */
export function careFeeCollectionRate(collectedFen: number, deliveredFen: number): number {
  if (collectedFen <= 0) return 0;
  if (deliveredFen <= 0) return 1;
  return Math.min(1, collectedFen / deliveredFen);
}

/** 标准: the most that may be requested for a customer and product: rate per unit × net quantity (0 when none). */
export function careFeeMaxRequestFen(ratePerUnitFen: number, netSalesQuantity: number): number {
  return Math.max(0, ratePerUnitFen) * Math.max(0, netSalesQuantity);
}

/**
 * What may be paid out for a line: 0 without net sales or without collection; 'full' → requested when fully
 * collected else 0; 'proRata' → floor(requested × rate).
 */
export function careFeePayable(input: {
  requestedFen: number;
  netSalesQuantity: number;
  collectionRate: number;
  mode?: CareFeePayoutMode;
}): number {
  const mode = input.mode ?? careFeePayoutMode;
  const rate = Math.min(1, Math.max(0, input.collectionRate));
  if (input.requestedFen <= 0 || input.netSalesQuantity <= 0 || rate <= 0) return 0;
  if (mode === 'full') return rate >= 1 ? input.requestedFen : 0;
  // round the product to 6 decimals first so that e.g. 0.29 × 100 does not floor to 28
  return Math.floor(Math.round(input.requestedFen * rate * 1e6) / 1e6);
}

/** 借支 must be within the cap and not more than the payable amount. */
export function careFeeAdvanceError(
  advanceFen: number,
  payableFen: number,
  capFen = careFeeAdvanceCapFen,
): 'overCap' | 'overPayable' | null {
  if (advanceFen > capFen) return 'overCap';
  if (advanceFen > payableFen) return 'overPayable';
  return null;
}

/**
 * A 新客户特殊费用 application covers a claim line only when approved and approved (China date) before the contract
 * date.
 */
export function careFeeSpecialValid(app: {
  status: string;
  approvedOn: string | null;
  contractDate: string;
}): boolean {
  return app.status === 'approved' && app.approvedOn !== null && app.approvedOn < app.contractDate;
}

/** The customers to spot-check: exactly 3 distinct paid ones, or all of them when fewer. */
export function careFeeSpotCheckError(
  paidCustomerIds: readonly string[],
  checkedIds: readonly string[],
): 'duplicate' | 'notPaid' | 'count' | null {
  const paid = new Set(paidCustomerIds);
  const checked = new Set(checkedIds);
  if (checked.size !== checkedIds.length) return 'duplicate';
  for (const id of checked) if (!paid.has(id)) return 'notPaid';
  if (checked.size !== Math.min(3, paid.size)) return 'count';
  return null;
}

/** The month YYYY-MM is before the month of `today` (YYYY-MM-DD). */
export function isPastMonth(month: string, today: string): boolean {
  return month < today.slice(0, 7);
}
