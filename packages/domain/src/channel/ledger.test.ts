import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  ageingBucketOf,
  ageingBuckets,
  allocatePayments,
  isOverCreditLimit,
  ledgerBalance,
  overdueOfBuckets,
  reconciliationState,
  customerRiskLevel,
  settlementDate,
  type LedgerEntryLike,
} from './ledger.ts';

const entry = (
  id: string,
  entryDate: string,
  kind: LedgerEntryLike['kind'],
  amountFen: number,
  dueDate: string | null = null,
): LedgerEntryLike => ({ id, entryDate, kind, amountFen, dueDate });

describe('allocatePayments (FIFO to the oldest deliveries)', () => {
  it('pays off the oldest delivery first, whatever the payment date', () => {
    const { openItems, unallocatedCreditFen } = allocatePayments([
      entry('b', '2026-02-01', 'delivery', 5_000, '2026-03-03'),
      entry('p', '2026-01-15', 'payment', -7_000),
      entry('a', '2026-01-01', 'delivery', 4_000, '2026-01-31'),
    ]);
    expect(openItems).toEqual([
      { entryId: 'b', entryDate: '2026-02-01', dueDate: '2026-03-03', originalFen: 5_000, openFen: 2_000 },
    ]);
    expect(unallocatedCreditFen).toBe(0);
  });

  it.each([
    [
      'exactly paid',
      [entry('a', '2026-01-01', 'delivery', 100), entry('p', '2026-01-02', 'payment', -100)],
      0,
      0,
    ],
    [
      'overpaid',
      [entry('a', '2026-01-01', 'delivery', 100), entry('p', '2026-01-02', 'payment', -150)],
      0,
      50,
    ],
    [
      'a return counts as a credit',
      [entry('a', '2026-01-01', 'delivery', 100), entry('r', '2026-01-02', 'return', -30)],
      70,
      0,
    ],
    ['a positive adjustment is a debit due at once', [entry('x', '2026-01-05', 'adjustment', 40)], 40, 0],
  ] as const)('%s', (_name, entries, open, unallocated) => {
    const result = allocatePayments(entries);
    expect(result.openItems.reduce((s, i) => s + i.openFen, 0)).toBe(open);
    expect(result.unallocatedCreditFen).toBe(unallocated);
  });

  it('a debit without a due date is due on its entry date', () => {
    expect(allocatePayments([entry('x', '2026-01-05', 'adjustment', 40)]).openItems[0]!.dueDate).toBe(
      '2026-01-05',
    );
  });
});

describe('ageingBucketOf (days past the settlement date)', () => {
  it.each([
    [-10, 'notDue'],
    [0, 'notDue'],
    [1, 'd1to30'],
    [30, 'd1to30'],
    [31, 'd31to60'],
    [60, 'd31to60'],
    [61, 'd61to90'],
    [90, 'd61to90'],
    [91, 'd91to180'],
    [180, 'd91to180'],
    [181, 'over180'],
  ] as const)('%i days → %s', (days, bucket) => {
    expect(ageingBucketOf(days)).toBe(bucket);
  });

  it('buckets the open items on a date', () => {
    const { openItems } = allocatePayments([
      entry('a', '2026-01-01', 'delivery', 1_000, '2026-01-31'),
      entry('b', '2026-03-01', 'delivery', 2_000, '2026-03-31'),
      entry('c', '2026-05-01', 'delivery', 3_000, '2026-06-30'),
    ]);
    const buckets = ageingBuckets(openItems, '2026-05-15');
    expect(buckets).toEqual({
      notDue: 3_000,
      d1to30: 0,
      d31to60: 2_000,
      d61to90: 0,
      d91to180: 1_000,
      over180: 0,
    });
    expect(overdueOfBuckets(buckets)).toBe(3_000);
  });
});

describe('settlementDate / credit limit', () => {
  it.each([
    ['2026-01-31', 30, '2026-03-02'],
    ['2026-01-31', null, '2026-01-31'],
    ['2026-12-15', 60, '2027-02-13'],
  ] as const)('%s + %s days → %s', (date, days, due) => {
    expect(settlementDate(date, days)).toBe(due);
  });
  it.each([
    [100, 100, false],
    [101, 100, true],
    [1_000_000, null, false],
    [1, 0, true],
  ] as const)('balance %i, limit %s → over %s', (balance, limit, over) => {
    expect(isOverCreditLimit(balance, limit)).toBe(over);
  });
});

describe('reconciliationState (monthly, at the latest quarterly)', () => {
  it.each([
    ['2026-03-31', '2026-04-30', 'ok'],
    ['2026-03-31', '2026-05-01', 'due'],
    ['2026-03-31', '2026-06-30', 'due'],
    ['2026-03-31', '2026-07-01', 'overdue'],
    ['2026-01-31', '2026-02-28', 'ok'],
    ['2026-01-31', '2026-03-01', 'due'],
  ] as const)('last %s, today %s → %s', (last, today, state) => {
    expect(reconciliationState(last, today)).toBe(state);
  });
  it.each([
    [null, '2026-05-01', null, 'ok'],
    [null, '2026-05-01', '2026-04-15', 'ok'],
    [null, '2026-05-16', '2026-04-15', 'due'],
    [null, '2026-07-16', '2026-04-15', 'overdue'],
  ] as const)('never reconciled (last %s, today %s, first entry %s) → %s', (last, today, since, state) => {
    expect(reconciliationState(last, today, since)).toBe(state);
  });
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-05-15', -6, '2025-11-15'],
  ] as const)('addMonths(%s, %i) = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('customerRiskLevel (events of the last 180 days)', () => {
  const asOf = '2026-07-01';
  const ev = (occurredOn: string, severity: number) => ({ occurredOn, severity });
  it.each([
    ['no events', [], 'low'],
    ['one severity-1', [ev('2026-06-01', 1)], 'low'],
    ['two severity-1', [ev('2026-06-01', 1), ev('2026-05-01', 1)], 'medium'],
    ['one severity-2', [ev('2026-06-01', 2)], 'medium'],
    ['two severity-2', [ev('2026-06-01', 2), ev('2026-06-02', 2)], 'medium'],
    ['2 + 2 + 1 = 5', [ev('2026-06-01', 2), ev('2026-06-02', 2), ev('2026-06-03', 1)], 'high'],
    ['one severity-3', [ev('2026-06-01', 3)], 'high'],
    ['severity-3 exactly 180 days ago no longer counts', [ev('2026-01-02', 3)], 'low'],
    ['severity-3 179 days ago counts', [ev('2026-01-03', 3)], 'high'],
    ['a future event does not count', [ev('2026-07-02', 3)], 'low'],
  ] as const)('%s → %s', (_name, events, level) => {
    expect(customerRiskLevel(events, asOf)).toBe(level);
  });
});

// ── property tests: the ledger invariants ──────────────────────────────────

const dateArb = fc.integer({ min: 0, max: 400 }).map((d) => {
  const x = new Date(Date.UTC(2026, 0, 1) + d * 86_400_000);
  return x.toISOString().slice(0, 10);
});
const entryArb = fc
  .record({
    kind: fc.constantFrom('delivery', 'return', 'payment', 'adjustment' as const),
    entryDate: dateArb,
    amount: fc.integer({ min: 1, max: 10_000_000 }),
    sign: fc.boolean(),
    termDays: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
  })
  .map(({ kind, entryDate, amount, sign, termDays }) => ({
    kind,
    entryDate,
    amountFen: kind === 'delivery' ? amount : kind === 'adjustment' ? (sign ? amount : -amount) : -amount,
    dueDate: kind === 'delivery' && termDays !== null ? settlementDate(entryDate, termDays) : null,
  }));
const entriesArb = fc
  .array(entryArb, { maxLength: 40 })
  .map((list) => list.map((e, i) => ({ ...e, id: `e${String(i).padStart(3, '0')}` }) as LedgerEntryLike));

describe('ledger invariants (property-based)', () => {
  it('the balance is the sum of the entries; open items − unallocated credit = balance', () => {
    fc.assert(
      fc.property(entriesArb, (entries) => {
        const balance = ledgerBalance(entries);
        expect(balance).toBe(entries.reduce((s, e) => s + e.amountFen, 0));
        const { openItems, unallocatedCreditFen } = allocatePayments(entries);
        const open = openItems.reduce((s, i) => s + i.openFen, 0);
        expect(open - unallocatedCreditFen).toBe(balance);
        if (balance >= 0) {
          expect(open).toBe(balance);
          expect(unallocatedCreditFen).toBe(0);
        } else expect(open).toBe(0);
        for (const item of openItems) {
          expect(item.openFen).toBeGreaterThan(0);
          expect(item.openFen).toBeLessThanOrEqual(item.originalFen);
        }
      }),
    );
  });

  it('the buckets sum to overdue + not due (= the open total)', () => {
    fc.assert(
      fc.property(entriesArb, dateArb, (entries, asOf) => {
        const { openItems } = allocatePayments(entries);
        const buckets = ageingBuckets(openItems, asOf);
        const sum = Object.values(buckets).reduce((s, v) => s + v, 0);
        expect(sum).toBe(overdueOfBuckets(buckets) + buckets.notDue);
        expect(sum).toBe(openItems.reduce((s, i) => s + i.openFen, 0));
      }),
    );
  });

  it('the order the entries were inserted in does not change the result', () => {
    fc.assert(
      fc.property(
        entriesArb.chain((entries) =>
          fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length })),
        ),
        dateArb,
        ([entries, shuffled], asOf) => {
          const a = allocatePayments(entries);
          const b = allocatePayments(shuffled);
          expect(b).toEqual(a);
          expect(ageingBuckets(b.openItems, asOf)).toEqual(ageingBuckets(a.openItems, asOf));
          expect(ledgerBalance(shuffled)).toBe(ledgerBalance(entries));
        },
      ),
    );
  });

  it('only the oldest open debit can be partly paid (FIFO)', () => {
    fc.assert(
      fc.property(entriesArb, (entries) => {
        const { openItems } = allocatePayments(entries);
        openItems.slice(1).forEach((item) => expect(item.openFen).toBe(item.originalFen));
      }),
    );
  });
});
