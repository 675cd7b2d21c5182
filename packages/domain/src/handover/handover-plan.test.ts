import { describe, expect, it } from 'vitest';
import {
  checkHandoverPlan,
  firstWholeMonthFrom,
  successorFor,
  splitBySuccessor,
  type HandoverPlan,
  type SuccessorCandidate,
} from './handover-plan.ts';

const candidates = new Map<string, SuccessorCandidate>(
  (
    [
      { id: 'leaver', role: 'rep', active: true, teamId: 'team1' },
      { id: 'repB', role: 'rep', active: true, teamId: 'team1' },
      { id: 'repC', role: 'rep', active: true, teamId: 'team1' },
      { id: 'gone', role: 'rep', active: false, teamId: 'team1' },
      { id: 'other', role: 'rep', active: true, teamId: 'team2' },
      { id: 'm1', role: 'manager', active: true, teamId: 'team1' },
      { id: 'm2', role: 'manager', active: true, teamId: 'team2' },
      { id: 'admin', role: 'admin', active: true, teamId: null },
    ] as SuccessorCandidate[]
  ).map((c) => [c.id, c]),
);
const territories = [
  { id: 't1', name: '辖区一', teamId: 'team1', managerId: 'm1' },
  { id: 't2', name: '辖区二', teamId: 'team1', managerId: 'm1' },
];
const good: HandoverPlan = {
  territories: [
    { territoryId: 't1', toUserId: 'repB' },
    { territoryId: 't2', toUserId: 'repC' },
  ],
  defaultToUserId: 'repB',
  overrides: [],
};
const check = (plan: Partial<HandoverPlan>, effectiveDate = '2026-12-07') =>
  checkHandoverPlan({
    plan: { ...good, ...plan },
    leaverId: 'leaver',
    territories,
    leaverManagerId: 'm1',
    leaverTeamId: 'team1',
    candidates,
    effectiveDate,
    today: '2026-12-07',
  }).map((p) => p.messageKey);

describe('checkHandoverPlan', () => {
  it.each<[string, Partial<HandoverPlan>, string, string[]]>([
    ['a complete split plan', {}, '2026-12-07', []],
    ['a later effective date', {}, '2027-01-01', []],
    ['an effective date in the past', {}, '2026-12-06', ['handover.effectiveDateInPast']],
    [
      'a territory without successor',
      { territories: [good.territories[0]!] },
      '2026-12-07',
      ['handover.territoryMissing'],
    ],
    [
      'a territory twice',
      { territories: [...good.territories, { territoryId: 't2', toUserId: 'repB' }] },
      '2026-12-07',
      ['handover.territoryTwice'],
    ],
    [
      'a territory the leaver does not hold',
      { territories: [...good.territories, { territoryId: 't9', toUserId: 'repB' }] },
      '2026-12-07',
      ['handover.territoryNotLeavers'],
    ],
    [
      'the manager as caretaker',
      { territories: [{ territoryId: 't1', toUserId: 'm1' }, good.territories[1]!] },
      '2026-12-07',
      [],
    ],
    [
      'another team’s manager',
      { territories: [{ territoryId: 't1', toUserId: 'm2' }, good.territories[1]!] },
      '2026-12-07',
      ['handover.successorNotRep'],
    ],
    [
      'an inactive successor',
      { territories: [{ territoryId: 't1', toUserId: 'gone' }, good.territories[1]!] },
      '2026-12-07',
      ['handover.successorInactive'],
    ],
    [
      'a rep of another team',
      { territories: [{ territoryId: 't1', toUserId: 'other' }, good.territories[1]!] },
      '2026-12-07',
      ['handover.successorOtherTeam'],
    ],
    ['the leaver themself', { defaultToUserId: 'leaver' }, '2026-12-07', ['handover.successorIsLeaver']],
    ['an admin', { defaultToUserId: 'admin' }, '2026-12-07', ['handover.successorNotRep']],
    ['an unknown user', { defaultToUserId: 'nobody' }, '2026-12-07', ['handover.successorUnknown']],
    ['no default successor', { defaultToUserId: null }, '2026-12-07', ['handover.defaultMissing']],
    [
      'an override of a known kind',
      { overrides: [{ entity: 'followUp', id: 'f1', toUserId: 'repC' }] },
      '2026-12-07',
      [],
    ],
    [
      'an override of an unknown kind',
      { overrides: [{ entity: 'banana', id: 'x', toUserId: 'repC' }] },
      '2026-12-07',
      ['handover.unknownKind'],
    ],
  ])('%s', (_label, plan, effectiveDate, expected) => {
    expect(check(plan, effectiveDate)).toEqual(expected);
  });
});

describe('successorFor', () => {
  const plan: HandoverPlan = { ...good, overrides: [{ entity: 'followUp', id: 'f9', toUserId: 'm1' }] };
  it.each<[string, string, string[], string | null]>([
    ['followUp', 'f1', ['t1'], 'repB'],
    ['followUp', 'f2', ['t2'], 'repC'],
    ['followUp', 'f3', ['t2', 't1'], 'repC'],
    ['followUp', 'f4', [], 'repB'],
    ['followUp', 'f5', ['t9'], 'repB'],
    ['followUp', 'f9', ['t2'], 'm1'],
    ['task', 'f9', [], 'repB'],
  ])('%s %s in %j → %s', (entity, id, territoryIds, expected) => {
    expect(successorFor(plan, { entity: entity as 'followUp', id, territoryIds })).toBe(expected);
  });

  it('splits records across the successors by territory', () => {
    const split = splitBySuccessor(good, [
      { entity: 'followUp', id: 'a', territoryIds: ['t1'] },
      { entity: 'followUp', id: 'b', territoryIds: ['t2'] },
      { entity: 'task', id: 'c', territoryIds: [] },
    ]);
    expect([...split.entries()].map(([to, rs]) => [to, rs.map((r) => r.id)])).toEqual([
      ['repB', ['a', 'c']],
      ['repC', ['b']],
    ]);
  });
});

describe('firstWholeMonthFrom', () => {
  it.each([
    ['2026-12-01', '2026-12'],
    ['2026-12-07', '2027-01'],
    ['2026-03-31', '2026-04'],
  ])('%s → %s', (date, month) => expect(firstWholeMonthFrom(date)).toBe(month));
});
