/**
 * 业务帐: the receivables ledger of a channel customer (seed 000 七.3). Pure rules, no I/O.
 *
 * - The balance is the sum of the signed entries: delivery (+), return (−), payment (−), adjustment (±).
 * - Credits (returns, payments, negative adjustments) are allocated FIFO to the oldest debits (deliveries,
 *   positive adjustments such as a bounced bill's reversal): what stays open are the open items.
 * - Ageing counts days OVERDUE (past the settlement date 结算日期), not days since delivery: a delivery on
 *   60-day terms is "not due" for its first 60 days. Buckets: notDue, 1–30, 31–60, 61–90, 91–180, >180 days.
 */
import { addDays } from '../time/china-date.ts';
import { daysBetween } from '../planning/frequency.ts';

export const ledgerEntryKinds = ['delivery', 'return', 'payment', 'adjustment'] as const;
export type LedgerEntryKind = (typeof ledgerEntryKinds)[number];

export type LedgerEntryLike = {
  id: string;
  entryDate: string;
  kind: LedgerEntryKind;
  /** Signed fen: + the customer owes more, − less */
  amountFen: number;
  /** 结算日期 of a delivery; a debit without one is due on its entry date */
  dueDate: string | null;
};

/** A debit (or what is left of it) not yet covered by credits. */
export type OpenItem = {
  entryId: string;
  entryDate: string;
  dueDate: string;
  originalFen: number;
  openFen: number;
};

export type Allocation = {
  openItems: OpenItem[];
  /** Credits not absorbed by any debit (the customer paid in advance); 0 when the balance is ≥ 0 */
  unallocatedCreditFen: number;
};

export const ageingBucketKeys = ['notDue', 'd1to30', 'd31to60', 'd61to90', 'd91to180', 'over180'] as const;
export type AgeingBucketKey = (typeof ageingBucketKeys)[number];
export type AgeingBuckets = Record<AgeingBucketKey, number>;

export function ledgerBalance(entries: readonly Pick<LedgerEntryLike, 'amountFen'>[]): number {
  return entries.reduce((sum, e) => sum + e.amountFen, 0);
}

/** Oldest first, with a total order so the insertion order of the entries never matters. */
const byAge = (a: LedgerEntryLike, b: LedgerEntryLike) =>
  a.entryDate < b.entryDate ? -1 : a.entryDate > b.entryDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * FIFO: every credit, whatever its date, pays off the oldest debits first (the way a distributor's 会计 and ours
 * agree a statement). sum(openFen) − unallocatedCreditFen = ledgerBalance(entries), always.
 */
export function allocatePayments(entries: readonly LedgerEntryLike[]): Allocation {
  const debits = entries.filter((e) => e.amountFen > 0).sort(byAge);
  let credit = entries.reduce((sum, e) => (e.amountFen < 0 ? sum - e.amountFen : sum), 0);
  const openItems: OpenItem[] = [];
  for (const d of debits) {
    const covered = Math.min(credit, d.amountFen);
    credit -= covered;
    const openFen = d.amountFen - covered;
    if (openFen > 0)
      openItems.push({
        entryId: d.id,
        entryDate: d.entryDate,
        dueDate: d.dueDate ?? d.entryDate,
        originalFen: d.amountFen,
        openFen,
      });
  }
  return { openItems, unallocatedCreditFen: credit };
}

/** Days an open item is past its settlement date on `asOf` (≤ 0: not yet due). */
export function daysOverdue(item: Pick<OpenItem, 'dueDate'>, asOf: string): number {
  return daysBetween(item.dueDate, asOf);
}

export function ageingBucketOf(daysPastDue: number): AgeingBucketKey {
  if (daysPastDue <= 0) return 'notDue';
  if (daysPastDue <= 30) return 'd1to30';
  if (daysPastDue <= 60) return 'd31to60';
  if (daysPastDue <= 90) return 'd61to90';
  if (daysPastDue <= 180) return 'd91to180';
  return 'over180';
}

export const emptyBuckets = (): AgeingBuckets => ({
  notDue: 0,
  d1to30: 0,
  d31to60: 0,
  d61to90: 0,
  d91to180: 0,
  over180: 0,
});

/** Open amounts per bucket of days overdue on `asOf`; the buckets sum to the open total. */
export function ageingBuckets(openItems: readonly OpenItem[], asOf: string): AgeingBuckets {
  const buckets = emptyBuckets();
  for (const item of openItems) buckets[ageingBucketOf(daysOverdue(item, asOf))] += item.openFen;
  return buckets;
}

/** What is past its settlement date on `asOf`. */
export function overdueOfBuckets(buckets: AgeingBuckets): number {
  return buckets.d1to30 + buckets.d31to60 + buckets.d61to90 + buckets.d91to180 + buckets.over180;
}

/** Balance, open items, buckets, overdue — everything a receivables row shows. */
export function receivableSummary(entries: readonly LedgerEntryLike[], asOf: string) {
  const balanceFen = ledgerBalance(entries);
  const { openItems, unallocatedCreditFen } = allocatePayments(entries);
  const buckets = ageingBuckets(openItems, asOf);
  return { balanceFen, openItems, unallocatedCreditFen, buckets, overdueFen: overdueOfBuckets(buckets) };
}

/** Over the credit limit 资信额度 (no limit set: never over). A balance equal to the limit is within it. */
export function isOverCreditLimit(balanceFen: number, creditLimitFen: number | null): boolean {
  return creditLimitFen !== null && balanceFen > creditLimitFen;
}

/** The settlement date of a delivery: its date + the customer's 账期 days (none: due at once). */
export function settlementDate(deliveryDate: string, paymentTermDays: number | null): string {
  return addDays(deliveryDate, paymentTermDays ?? 0);
}

// ── 对账 reconciliation ─────────────────────────────────────────────────────

/** The same day `months` later, clamped to the month's end (01-31 + 1 month → 02-28/29). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export type ReconciliationState = 'ok' | 'due' | 'overdue';

/**
 * 对账 is due monthly, at the latest quarterly: more than one month since the last reconciled period end → due,
 * more than three months → overdue. Never reconciled: counted from `sinceDate` (the first ledger entry); no
 * entries either → ok (nothing to reconcile).
 */
export function reconciliationState(
  lastPeriodEnd: string | null,
  today: string,
  sinceDate: string | null = null,
): ReconciliationState {
  const from = lastPeriodEnd ?? sinceDate;
  if (from === null) return 'ok';
  if (today > addMonths(from, 3)) return 'overdue';
  if (today > addMonths(from, 1)) return 'due';
  return 'ok';
}

// ── Risk signals 风险信号 (seed 000) ─────────────────────────────────────────

export const riskEventKinds = [
  'orderJump',
  'billBounced',
  'financeStaffChanged',
  'latePayment',
  'ownershipChange',
  'lawsuit',
  'businessDecline',
  'other',
] as const;
export type RiskEventKind = (typeof riskEventKinds)[number];
export type RiskLevel = 'low' | 'medium' | 'high';
export const riskLevels: readonly RiskLevel[] = ['low', 'medium', 'high'];

/** Events older than this no longer count. */
export const riskWindowDays = 180;

/**
 * The customer's risk level from the signals of the last 180 days (occurredOn in (asOf − 180, asOf]):
 * high  — any severity-3 event, or severities adding up to 5 or more;
 * medium — severities adding up to 2 or more (one severity-2 event, or two severity-1 events);
 * low   — otherwise (none, or a single severity-1 event).
 */
export function customerRiskLevel(
  events: readonly { occurredOn: string; severity: number }[],
  asOf: string,
): RiskLevel {
  const from = addDays(asOf, -riskWindowDays);
  const recent = events.filter((e) => e.occurredOn > from && e.occurredOn <= asOf);
  const total = recent.reduce((sum, e) => sum + e.severity, 0);
  if (recent.some((e) => e.severity >= 3) || total >= 5) return 'high';
  if (total >= 2) return 'medium';
  return 'low';
}

export * from './promotions.ts';
