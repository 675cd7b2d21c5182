import { describe, expect, it } from 'vitest';
import {
  careFeeAdvanceError,
  careFeeCollectionRate,
  careFeeMaxRequestFen,
  careFeePayable,
  careFeeSignaturesComplete,
  careFeeSpecialValid,
  careFeeSpotCheckError,
  isPastMonth,
  nextCareFeeSignStep,
  statusAfterSignature,
  type CareFeePayoutMode,
} from './care-fees.ts';

describe('careFeePayable', () => {
  it.each<[number, number, number, CareFeePayoutMode, number]>([
    // requested, net quantity, collection rate, mode, payable
    [10_000, 0, 1, 'proRata', 0], // no net sales
    [10_000, 5, 0, 'proRata', 0], // nothing collected
    [10_000, 5, 1, 'proRata', 10_000],
    [10_000, 5, 0.5, 'proRata', 5_000],
    [999, 5, 0.5, 'proRata', 499], // 499.5 floors
    [100, 1, 0.29, 'proRata', 29], // not 28 from 28.999…
    [10_001, 5, 1 / 3, 'proRata', 3_333],
    [10_000, 5, 1.5, 'proRata', 10_000], // rate capped at 1
    [10_000, 5, 1, 'full', 10_000],
    [10_000, 5, 0.9999, 'full', 0], // not fully collected
    [10_000, 0, 1, 'full', 0],
    [0, 5, 1, 'proRata', 0],
  ])(
    'requested %i, qty %i, rate %d, %s → %i',
    (requestedFen, netSalesQuantity, collectionRate, mode, payable) => {
      expect(careFeePayable({ requestedFen, netSalesQuantity, collectionRate, mode })).toBe(payable);
    },
  );

  it('defaults to pro rata', () => {
    expect(careFeePayable({ requestedFen: 1000, netSalesQuantity: 1, collectionRate: 0.5 })).toBe(500);
  });
});

describe('careFeeCollectionRate', () => {
  it.each([
    [0, 10_000, 0],
    [5_000, 10_000, 0.5],
    [10_000, 10_000, 1],
    [20_000, 10_000, 1], // capped
    [5_000, 0, 1], // old debt paid, nothing delivered
    [0, 0, 0],
  ])('collected %i of delivered %i → %d', (collected, delivered, rate) => {
    expect(careFeeCollectionRate(collected, delivered)).toBe(rate);
  });
});

describe('careFeeMaxRequestFen and the advance cap', () => {
  it.each([
    [200, 10, 2_000],
    [200, 0, 0],
    [0, 10, 0],
  ])('rate %i × qty %i = %i', (rate, qty, max) => expect(careFeeMaxRequestFen(rate, qty)).toBe(max));

  it.each([
    [300_000, 400_000, null], // exactly the ¥3,000 cap
    [300_001, 400_000, 'overCap'],
    [1_000, 1_000, null],
    [1_001, 1_000, 'overPayable'],
    [0, 0, null],
  ])('advance %i with payable %i → %s', (advance, payable, err) => {
    expect(careFeeAdvanceError(advance, payable)).toBe(err);
  });
});

describe('signature sequence', () => {
  it.each([
    ['draft', null],
    ['submitted', 'clerk'],
    ['clerkSigned', 'manager'],
    ['managerSigned', 'finance'],
    ['approved', null],
    ['rejected', null],
    ['paid', null],
  ])('%s → next %s', (status, next) => expect(nextCareFeeSignStep(status)).toBe(next));

  it.each([
    ['clerk', 'approved', 'clerkSigned'],
    ['manager', 'approved', 'managerSigned'],
    ['finance', 'approved', 'approved'],
    ['manager', 'rejected', 'rejected'],
  ] as const)('%s %s → %s', (step, decision, status) =>
    expect(statusAfterSignature(step, decision)).toBe(status),
  );

  const ok = [
    { step: 'clerk', decision: 'approved', signedBy: 'c' },
    { step: 'manager', decision: 'approved', signedBy: 'm' },
    { step: 'finance', decision: 'approved', signedBy: 'f' },
  ] as const;
  it.each([
    ['all three in order', ok, true],
    ['finance missing', ok.slice(0, 2), false],
    ['clerk missing', ok.slice(1), false],
    ['out of order', [ok[1], ok[0], ok[2]], false],
    ['one person twice', [ok[0], ok[1], { ...ok[2], signedBy: 'c' }], false],
    ['the owner signs', [{ ...ok[0], signedBy: 'owner' }, ok[1], ok[2]], false],
    ['a rejection', [ok[0], { ...ok[1], decision: 'rejected' as const }, ok[2]], false],
  ])('%s → %s', (_label, sigs, complete) => {
    expect(careFeeSignaturesComplete('owner', sigs)).toBe(complete);
  });
});

describe('special fee validity and spot checks', () => {
  it.each([
    ['approved', '2026-05-09', '2026-05-10', true],
    ['approved', '2026-05-10', '2026-05-10', false], // on the contract date: too late
    ['approved', '2026-05-11', '2026-05-10', false],
    ['managerSigned', null, '2026-05-10', false],
    ['approved', null, '2026-05-10', false],
  ])('%s on %s, contract %s → %s', (status, approvedOn, contractDate, valid) => {
    expect(careFeeSpecialValid({ status, approvedOn, contractDate })).toBe(valid);
  });

  it.each([
    [['a', 'b', 'c', 'd'], ['a', 'b', 'c'], null],
    [['a', 'b', 'c', 'd'], ['a', 'b'], 'count'],
    [['a', 'b'], ['a', 'b'], null], // fewer than 3 paid: all of them
    [['a', 'b'], ['a'], 'count'],
    [['a', 'b', 'c'], ['a', 'a', 'b'], 'duplicate'],
    [['a', 'b', 'c'], ['a', 'b', 'x'], 'notPaid'],
  ])('paid %j, checked %j → %s', (paid, checked, err) => {
    expect(careFeeSpotCheckError(paid, checked)).toBe(err);
  });

  it.each([
    ['2026-11', '2026-12-07', true],
    ['2026-12', '2026-12-07', false],
    ['2027-01', '2026-12-07', false],
    ['2025-12', '2026-01-01', true],
  ])('%s before the month of %s → %s', (month, today, past) => expect(isPastMonth(month, today)).toBe(past));
});
