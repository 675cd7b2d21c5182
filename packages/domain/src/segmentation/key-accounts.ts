import type { CheckResult } from './messages.ts';
import { isPrescriptionStatus } from './prescription-status.ts';
import { isFiniteNumber } from './scoring.ts';

/** 80/20 法则 — the top fifth of customers by value are the key accounts 重点客户. */
export const defaultKeyAccountShare = 0.2;

export type ValuedAccount = { id: string; value: number };

export type RankedAccount = ValuedAccount & {
  /** 1 for the highest value; tied values share a rank (1, 2, 2, 4). */
  rank: number;
  /** 重点客户 — discussed weekly (重点管理: 周讨论). */
  isKey: boolean;
};

export function validateKeyAccountShare(share: number): CheckResult {
  return isFiniteNumber(share) && share > 0 && share <= 1
    ? { ok: true }
    : { ok: false, error: { key: 'keyAccount.shareOutOfRange' } };
}

/**
 * Ranks accounts by value and marks the key ones:
 * - the target count is the share of all accounts, rounded to the nearest whole account, and at least 1
 *   whenever some account has a value above 0 (a rep with four customers still has one to focus on);
 * - accounts tied with the last one in are all key: cutting between equal values would be arbitrary, and
 *   the list is a focus for discussion, not a budget;
 * - an account worth 0 is never key, however few accounts there are.
 * Sorted by value, then id, so the list reads the same each time. Throws a RangeError for a share outside
 * (0, 1] or a negative or non-finite value: both are caught upstream (`validateKeyAccountShare`,
 * `keyAccountValue`), so getting here with one is a bug.
 */
export function rankKeyAccounts(
  items: readonly ValuedAccount[],
  share: number = defaultKeyAccountShare,
): RankedAccount[] {
  if (!validateKeyAccountShare(share).ok) throw new RangeError('keyAccount.shareOutOfRange');
  if (items.some((item) => !isFiniteNumber(item.value) || item.value < 0)) {
    throw new RangeError('keyAccount.valueInvalid');
  }
  const sorted = [...items].sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const anyValue = sorted.some((item) => item.value > 0);
  const target = anyValue ? Math.max(1, Math.round(sorted.length * share)) : 0;
  const cutoff = target > 0 ? (sorted[target - 1]?.value ?? Infinity) : Infinity;

  let rank = 0;
  return sorted.map((item, i) => {
    if (i === 0 || item.value !== sorted[i - 1]?.value) rank = i + 1;
    return { ...item, rank, isKey: item.value > 0 && item.value >= cutoff };
  });
}

/**
 * What makes an account valuable, in one of two ways:
 * - `score`: a doctor's 处方潜力 × (处方现状 + 5). Status runs −4…4, so +5 keeps it 1…9 and a high-potential
 *   doctor who still opposes the product keeps some value rather than none;
 * - `sales`: an external sales figure in fen — for hospitals, pharmacies and distributors (flow-of-goods
 *   data). Never per-doctor prescription counts: those (统方) are prohibited and never stored.
 */
export type KeyAccountValueSource =
  { kind: 'score'; potential: number; status: number } | { kind: 'sales'; amountFen: number };

/** The non-negative value `rankKeyAccounts` ranks by. Throws a RangeError for scores off their scales. */
export function keyAccountValue(source: KeyAccountValueSource): number {
  if (source.kind === 'sales') {
    if (!isFiniteNumber(source.amountFen)) throw new RangeError('keyAccount.valueInvalid');
    // A period of net returns is worth nothing this month, not less than nothing.
    return Math.max(0, source.amountFen);
  }
  const { potential, status } = source;
  if (!isPrescriptionStatus(status)) throw new RangeError('score.statusOutOfRange');
  if (!Number.isInteger(potential) || potential < 0) throw new RangeError('score.potentialOutOfRange');
  return potential * (status + 5);
}

export type KeyAccountChanges = { entered: string[]; left: string[]; stayed: string[] };

/**
 * 动态管理 — how this month's key-account list differs from last month's. Each list keeps the order of the
 * input it comes from (current for entered/stayed, previous for left); repeated ids count once.
 */
export function monthlyChanges(
  previousIds: readonly string[],
  currentIds: readonly string[],
): KeyAccountChanges {
  const previous = new Set(previousIds);
  const current = new Set(currentIds);
  return {
    entered: [...current].filter((id) => !previous.has(id)),
    left: [...previous].filter((id) => !current.has(id)),
    stayed: [...current].filter((id) => previous.has(id)),
  };
}
