import { describe, expect, it } from 'vitest';
import { decideTwoStep } from './two-step-approval.ts';

const base = {
  status: 'submitted',
  needsCompliance: false,
  deciderRole: 'manager',
  deciderIsOwner: false,
  deciderIsOwnersManager: true,
  decision: 'approved' as const,
};

describe('decideTwoStep', () => {
  it.each([
    ['the manager approves a plan within the caps', {}, { step: 'manager', status: 'approved' }],
    [
      'the manager approves a plan over a cap: compliance is next',
      { needsCompliance: true },
      { step: 'manager', status: 'managerApproved' },
    ],
    ['the manager rejects', { decision: 'rejected' }, { step: 'manager', status: 'rejected' }],
    [
      'compliance approves after the manager',
      { status: 'managerApproved', needsCompliance: true, deciderRole: 'compliance' },
      { step: 'compliance', status: 'approved' },
    ],
    [
      'compliance rejects after the manager',
      { status: 'managerApproved', deciderRole: 'compliance', decision: 'rejected' },
      { step: 'compliance', status: 'rejected' },
    ],
    ['a rep may not decide', { deciderRole: 'rep' }, { refused: 'forbidden' }],
    ['an admin may not decide', { deciderRole: 'admin' }, { refused: 'forbidden' }],
    ['nobody approves their own', { deciderIsOwner: true }, { refused: 'selfApproval' }],
    ['compliance waits for the manager', { deciderRole: 'compliance' }, { refused: 'awaitingManager' }],
    ['another team’s manager', { deciderIsOwnersManager: false }, { refused: 'notTeamManager' }],
    ['the manager cannot decide twice', { status: 'managerApproved' }, { refused: 'awaitingCompliance' }],
    ['a draft is not awaiting a decision', { status: 'draft' }, { refused: 'notAwaitingDecision' }],
    ['an approved item is decided', { status: 'approved' }, { refused: 'notAwaitingDecision' }],
  ] as const)('%s', (_name, overrides, expected) => {
    expect(decideTwoStep({ ...base, ...overrides })).toEqual(expected);
  });
});
