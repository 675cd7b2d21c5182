import { describe, expect, it } from 'vitest';
import {
  contactCadenceLabels,
  isContactOverdue,
  kolDevelopmentStepLabels,
  kolDevelopmentSteps,
  kolLockInRoleLabels,
  kolPolicyRoleLabels,
  kolTypeLabels,
  nextContactDue,
  nextDevelopmentStep,
  validateKolProfile,
  type ContactCadence,
  type KolDevelopmentStep,
  type KolProfile,
} from './kol.ts';

describe('KOL labels', () => {
  it.each([
    ['academicLeader', '学术领袖', '影响力'],
    ['productSpeaker', '产品讲者', '说服力'],
    ['prescribingAuthority', '处方权威', '决策权力'],
  ] as const)('type %s is %s, bringing %s', (type, label, strength) => {
    expect(kolTypeLabels[type].label['zh-CN']).toBe(label);
    expect(kolTypeLabels[type].strength['zh-CN']).toBe(strength);
  });

  it.each([
    [kolPolicyRoleLabels.drugListing, '进药'],
    [kolPolicyRoleLabels.insuranceFormulary, '医保目录'],
    [kolLockInRoleLabels.speaker, '讲者'],
    [kolLockInRoleLabels.prescriber, '处方'],
    [kolLockInRoleLabels.supporter, '支持者'],
    [contactCadenceLabels.weekly, '每周'],
    [contactCadenceLabels.monthly, '每月'],
    [contactCadenceLabels.quarterly, '每季'],
  ])('%j reads %s', (label, zh) => {
    expect(label['zh-CN']).toBe(zh);
    expect(label.en).not.toBe('');
  });
});

describe('nextDevelopmentStep', () => {
  it.each<[KolDevelopmentStep, string, KolDevelopmentStep | null]>([
    ['locate', '定位', 'understand'],
    ['understand', '了解', 'contact'],
    ['contact', '接触', 'regularContact'],
    ['regularContact', '定期联系', 'lockIn'],
    ['lockIn', '锁定', null],
  ])('after %s (%s) comes %s', (step, zh, next) => {
    expect(kolDevelopmentStepLabels[step].label['zh-CN']).toBe(zh);
    expect(nextDevelopmentStep(step)).toBe(next);
  });

  it('knows five steps', () => {
    expect(kolDevelopmentSteps).toHaveLength(5);
  });
});

describe('nextContactDue', () => {
  it.each<[string, ContactCadence, string]>([
    ['2026-11-02', 'weekly', '2026-11-09'],
    ['2026-12-28', 'weekly', '2027-01-04'],
    ['2026-11-15', 'monthly', '2026-12-15'],
    ['2026-12-15', 'monthly', '2027-01-15'],
    ['2026-01-31', 'monthly', '2026-02-28'], // no 31 February: the month's last day
    ['2028-01-31', 'monthly', '2028-02-29'], // leap year
    ['2026-03-31', 'monthly', '2026-04-30'],
    ['2026-11-30', 'quarterly', '2027-02-28'],
    ['2026-01-15', 'quarterly', '2026-04-15'],
  ])('%s %s → %s', (last, cadence, due) => {
    expect(nextContactDue(last, cadence)).toBe(due);
  });
});

describe('isContactOverdue', () => {
  it.each<[string | null, ContactCadence, string, boolean]>([
    ['2026-11-02', 'weekly', '2026-11-08', false],
    ['2026-11-02', 'weekly', '2026-11-09', false], // the due day itself is still on time
    ['2026-11-02', 'weekly', '2026-11-10', true],
    ['2026-10-15', 'monthly', '2026-11-15', false],
    ['2026-10-15', 'monthly', '2026-11-16', true],
    ['2026-01-31', 'monthly', '2026-02-28', false],
    ['2026-01-31', 'monthly', '2026-03-01', true],
    ['2026-08-20', 'quarterly', '2026-11-20', false],
    ['2026-08-20', 'quarterly', '2026-11-21', true],
    ['2026-11-20', 'weekly', '2026-11-01', false], // contact recorded ahead of today: not overdue
    [null, 'quarterly', '2026-11-21', true], // never contacted
  ])('last %s, %s, on %s → %s', (last, cadence, today, overdue) => {
    expect(isContactOverdue(last, cadence, today)).toBe(overdue);
  });

  it.each([
    ['2026-02-30', '2026-03-10'],
    ['2026-13-01', '2026-03-10'],
    ['2026/11/01', '2026-11-10'],
    ['2026-11-01T00:00:00Z', '2026-11-10'],
    ['', '2026-11-10'],
    ['2026-11-01', '20261110'],
  ])('malformed dates throw (%s, %s)', (last, today) => {
    expect(() => isContactOverdue(last, 'weekly', today)).toThrow(new RangeError('kol.dateInvalid'));
  });

  it('rejects a malformed today even when never contacted', () => {
    expect(() => isContactOverdue(null, 'weekly', 'tomorrow')).toThrow(RangeError);
  });

  it('rejects an unknown cadence', () => {
    expect(() => nextContactDue('2026-11-01', 'daily' as ContactCadence)).toThrow(RangeError);
  });
});

describe('validateKolProfile', () => {
  const profile: KolProfile = {
    types: ['academicLeader'],
    policyRoles: ['drugListing'],
    developmentStep: 'understand',
    contactCadence: null,
    lockInRoles: [],
  };
  it.each<[string, Partial<KolProfile>, string[]]>([
    ['an early-stage profile', {}, []],
    [
      'several types and roles',
      { types: ['academicLeader', 'productSpeaker'], policyRoles: ['drugListing', 'insuranceFormulary'] },
      [],
    ],
    [
      'locked in as speaker and prescriber',
      { developmentStep: 'lockIn', contactCadence: 'monthly', lockInRoles: ['speaker', 'prescriber'] },
      [],
    ],
    ['regular contact with a cadence', { developmentStep: 'regularContact', contactCadence: 'weekly' }, []],
    ['no type', { types: [] }, ['kol.typeRequired']],
    ['an unknown type', { types: ['celebrity' as never] }, ['kol.valueUnknown']],
    ['an unknown policy role', { policyRoles: ['pricing' as never] }, ['kol.valueUnknown']],
    [
      'an unknown lock-in role',
      { developmentStep: 'lockIn', contactCadence: 'weekly', lockInRoles: ['friend' as never] },
      ['kol.valueUnknown'],
    ],
    ['an unknown step', { developmentStep: 'married' as never }, ['kol.valueUnknown']],
    ['an unknown cadence', { contactCadence: 'daily' as never }, ['kol.valueUnknown']],
    ['regular contact without a cadence', { developmentStep: 'regularContact' }, ['kol.cadenceRequired']],
    ['locked in without a cadence', { developmentStep: 'lockIn' }, ['kol.cadenceRequired']],
    [
      'a lock-in role before lock-in',
      { developmentStep: 'contact', lockInRoles: ['supporter'] },
      ['kol.lockInBeforeStep'],
    ],
  ])('%s', (_label, change, keys) => {
    expect(validateKolProfile({ ...profile, ...change }).map((p) => p.key)).toEqual(keys);
  });
});
