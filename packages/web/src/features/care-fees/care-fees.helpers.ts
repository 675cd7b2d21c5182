/** Pure helpers of the 客情费 page (no React): the signature timeline, rates, months, cash-advance and spot checks. */
import {
  careFeeAdvanceCapFen,
  careFeeSignSteps,
  type CareFeeClaimStatus,
  type CareFeeSignStep,
  type CareFeeSignature,
} from '@keqing/shared';

export type TimelineState = 'approved' | 'rejected' | 'waiting' | 'pending';
export type TimelineRow = { step: CareFeeSignStep; state: TimelineState; signature: CareFeeSignature | null };

/**
 * 销售文员 → 销售部经理 → 财务, one row per step: its signature when signed; the step `nextStep` is waiting; the
 * rest pending (after a rejection nothing waits).
 */
export function signatureTimeline(
  signatures: readonly CareFeeSignature[],
  nextStep: CareFeeSignStep | null,
): TimelineRow[] {
  return careFeeSignSteps.map((step) => {
    const signature = signatures.find((s) => s.step === step) ?? null;
    if (signature) return { step, state: signature.decision, signature };
    return { step, state: step === nextStep ? 'waiting' : 'pending', signature: null };
  });
}

/**
 * The steps of a listed claim from its status alone (the list carries no signatures): signed steps approved, the
 * next one waiting. A rejected claim shows every step pending — the drawer tells which step rejected it.
 */
export function stepStatesOfStatus(
  status: CareFeeClaimStatus,
): { step: CareFeeSignStep; state: TimelineState }[] {
  const signed = {
    draft: 0,
    submitted: 0,
    clerkSigned: 1,
    managerSigned: 2,
    approved: 3,
    paid: 3,
    rejected: 0,
  }[status];
  const waiting = status === 'draft' || status === 'rejected' ? -1 : signed;
  return careFeeSignSteps.map((step, i) => ({
    step,
    state: i < signed ? 'approved' : i === waiting ? 'waiting' : 'pending',
  }));
}

/**
 * Whether to offer the sign buttons for the step to sign next: 销售文员 and 财务 are admins (with that duty),
 * 销售部经理 the owner's team manager. The server checks the duty, the team and "never twice, never the owner".
 */
export function maySignStep(role: string, step: CareFeeSignStep | null): boolean {
  if (!step) return false;
  return step === 'manager' ? role === 'manager' : role === 'admin';
}

/** 0.8532 → '85.3%'; 1 → '100%'. */
export function formatRate(rate: number): string {
  const pct = Math.round(Math.min(1, Math.max(0, rate)) * 1000) / 10;
  return `${pct}%`;
}

/** The `count` finished months before the month of `today` (YYYY-MM-DD), latest first — the months one may claim. */
export function claimableMonths(today: string, count = 12): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return Array.from({ length: count }, (_, k) => {
    const index = year * 12 + (month - 1) - (k + 1);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** Why a cash advance 借支 is refused, as the server checks it: over the ¥3,000 cap, or over the payable amount. */
export function advanceProblem(
  advanceFen: number,
  payableFen: number,
  capFen: number = careFeeAdvanceCapFen,
): 'overCap' | 'overPayable' | null {
  if (advanceFen > capFen) return 'overCap';
  if (advanceFen > payableFen) return 'overPayable';
  return null;
}

/** The suggested advance: the payable amount, up to the cap. */
export function defaultAdvanceFen(payableFen: number, capFen: number = careFeeAdvanceCapFen): number {
  return Math.max(0, Math.min(payableFen, capFen));
}

/** The customers a spot check may pick: distinct customers of lines with something payable, in line order. */
export function paidCustomers<L extends { channelCustomerId: string; payableFen: number }>(
  lines: readonly L[],
): L[] {
  const seen = new Set<string>();
  const out: L[] = [];
  for (const l of lines) {
    if (l.payableFen > 0 && !seen.has(l.channelCustomerId)) {
      seen.add(l.channelCustomerId);
      out.push(l);
    }
  }
  return out;
}

/** How many customers a spot check needs: 3, or all paid ones when fewer. */
export const spotCheckCount = (paidCount: number) => Math.min(3, paidCount);
