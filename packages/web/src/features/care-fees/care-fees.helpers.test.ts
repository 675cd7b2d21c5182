import { describe, expect, it } from 'vitest';
import type { CareFeeSignature } from '@keqing/shared';
import {
  advanceProblem,
  claimableMonths,
  defaultAdvanceFen,
  formatRate,
  maySignStep,
  paidCustomers,
  signatureTimeline,
  spotCheckCount,
  stepStatesOfStatus,
} from './care-fees.helpers.ts';

const sig = (step: CareFeeSignature['step'], decision: CareFeeSignature['decision']): CareFeeSignature => ({
  id: `00000000-0000-4000-8000-00000000000${step.length}`,
  step,
  decision,
  signedBy: '00000000-0000-4000-8000-000000000009',
  signedByName: '张三',
  comment: null,
  signedAt: '2026-11-03T10:00:00+08:00',
});

describe('signatureTimeline', () => {
  it.each([
    { name: 'submitted', signatures: [], next: 'clerk', states: ['waiting', 'pending', 'pending'] },
    {
      name: 'clerk signed',
      signatures: [sig('clerk', 'approved')],
      next: 'manager',
      states: ['approved', 'waiting', 'pending'],
    },
    {
      name: 'approved',
      signatures: [sig('clerk', 'approved'), sig('manager', 'approved'), sig('finance', 'approved')],
      next: null,
      states: ['approved', 'approved', 'approved'],
    },
    {
      name: 'rejected by the manager',
      signatures: [sig('clerk', 'approved'), sig('manager', 'rejected')],
      next: null,
      states: ['approved', 'rejected', 'pending'],
    },
    { name: 'draft', signatures: [], next: null, states: ['pending', 'pending', 'pending'] },
  ] as const)('$name', ({ signatures, next, states }) => {
    const rows = signatureTimeline(signatures, next);
    expect(rows.map((r) => r.step)).toEqual(['clerk', 'manager', 'finance']);
    expect(rows.map((r) => r.state)).toEqual(states);
  });
});

describe('formatRate', () => {
  it.each([
    [0, '0%'],
    [1, '100%'],
    [0.8532, '85.3%'],
    [1.2, '100%'],
    [0.0004, '0%'],
  ])('%s → %s', (rate, text) => expect(formatRate(rate)).toBe(text));
});

describe('claimableMonths', () => {
  it.each([
    ['2026-11-23', 3, ['2026-10', '2026-09', '2026-08']],
    ['2026-01-01', 2, ['2025-12', '2025-11']],
    ['2026-03-31', 3, ['2026-02', '2026-01', '2025-12']],
  ] as const)('before %s', (today, n, months) => expect(claimableMonths(today, n)).toEqual(months));
});

describe('cash advance 借支', () => {
  it.each([
    [300_000, 500_000, null],
    [300_001, 500_000, 'overCap'],
    [120_000, 100_000, 'overPayable'],
    [100_000, 100_000, null],
    [0, 0, null],
  ] as const)('advance %i with payable %i → %s', (advance, payable, problem) =>
    expect(advanceProblem(advance, payable)).toBe(problem),
  );
  it.each([
    [500_000, 300_000],
    [123_456, 123_456],
    [0, 0],
  ])('suggests %i → %i', (payable, advance) => expect(defaultAdvanceFen(payable)).toBe(advance));
});

describe('spot check', () => {
  it('offers distinct customers with something payable, in order', () => {
    const lines = [
      { channelCustomerId: 'a', payableFen: 100 },
      { channelCustomerId: 'b', payableFen: 0 },
      { channelCustomerId: 'a', payableFen: 50 },
      { channelCustomerId: 'c', payableFen: 1 },
    ];
    expect(paidCustomers(lines).map((l) => l.channelCustomerId)).toEqual(['a', 'c']);
  });
  it.each([
    [5, 3],
    [3, 3],
    [2, 2],
    [0, 0],
  ])('%i paid customers → check %i', (paid, n) => expect(spotCheckCount(paid)).toBe(n));
});

describe('stepStatesOfStatus', () => {
  it.each([
    ['draft', ['pending', 'pending', 'pending']],
    ['submitted', ['waiting', 'pending', 'pending']],
    ['clerkSigned', ['approved', 'waiting', 'pending']],
    ['managerSigned', ['approved', 'approved', 'waiting']],
    ['approved', ['approved', 'approved', 'approved']],
    ['paid', ['approved', 'approved', 'approved']],
    ['rejected', ['pending', 'pending', 'pending']],
  ] as const)('%s', (status, states) => {
    expect(stepStatesOfStatus(status).map((r) => r.state)).toEqual(states);
  });
});

describe('maySignStep', () => {
  it.each([
    ['admin', 'clerk', true],
    ['admin', 'finance', true],
    ['admin', 'manager', false],
    ['manager', 'manager', true],
    ['manager', 'clerk', false],
    ['rep', 'clerk', false],
    ['compliance', 'finance', false],
    ['admin', null, false],
  ] as const)('%s at step %s → %s', (role, step, may) => expect(maySignStep(role, step)).toBe(may));
});
