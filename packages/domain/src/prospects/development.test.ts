import { describe, expect, it } from 'vitest';
import {
  checklistOf,
  conversionReadiness,
  nextPhasesOf,
  phaseMoveAllowed,
  prospectChecklist,
  prospectPhases,
  qualificationOf,
  type ProspectQualification,
} from './development.ts';

describe('phase moves', () => {
  it.each([
    ['preparation', 'execution', true],
    ['execution', 'revision', true],
    ['revision', 'evaluation', true],
    ['revision', 'execution', true],
    ['preparation', 'revision', false],
    ['preparation', 'evaluation', false],
    ['execution', 'preparation', false],
    ['execution', 'evaluation', false],
    ['evaluation', 'revision', false],
    ['evaluation', 'preparation', false],
    ['preparation', 'preparation', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(phaseMoveAllowed(from, to)).toBe(allowed);
  });

  it('evaluation has no next phase (convert or drop)', () => {
    expect(nextPhasesOf('evaluation')).toEqual([]);
  });
});

describe('checklist', () => {
  it.each([
    ['preparation', ['customerProfile', 'needsAnalysis', 'visitPlan']],
    ['execution', ['visit', 'negotiation']],
    ['revision', ['adjustPlan']],
    ['evaluation', ['resultReview']],
  ] as const)('%s → %j', (phase, keys) => {
    expect(checklistOf(phase).map((i) => i.key)).toEqual(keys);
  });

  it('every item has Chinese and English label and advice', () => {
    for (const i of prospectChecklist) {
      expect(prospectPhases).toContain(i.phase);
      expect(i.label['zh-CN'] && i.label.en && i.advice['zh-CN'] && i.advice.en).toBeTruthy();
    }
  });
});

describe('conversionReadiness', () => {
  const day = '2026-12-07';
  const passed = { result: 'passed' } as const;
  const q = (licences: ProspectQualification['licences'], credit = passed): ProspectQualification => ({
    licences,
    creditCheck: credit,
  });
  const trading = { kind: 'drugTrading', number: '沪AA0210001', validUntil: '2028-01-01' } as const;
  const gsp = { kind: 'gsp', number: 'SH-GSP-1', validUntil: null } as const;

  it.each([
    ['a ready pharmacy', 'pharmacy', 'evaluation', q([trading]), []],
    ['a licence ending today still counts', 'clinic', 'evaluation', q([{ ...trading, validUntil: day }]), []],
    [
      'an expired licence',
      'pharmacy',
      'evaluation',
      q([{ ...trading, validUntil: '2026-12-06' }]),
      ['licence'],
    ],
    ['no licence at all', 'clinic', 'evaluation', q([]), ['licence']],
    ['a licence without a number', 'clinic', 'evaluation', q([{ ...trading, number: ' ' }]), ['licence']],
    ['a distributor without GSP', 'distributor', 'evaluation', q([trading]), ['gspLicence']],
    ['a distributor with GSP only', 'distributor', 'evaluation', q([gsp]), []],
    [
      'a distributor with an expired GSP',
      'distributor',
      'evaluation',
      q([trading, { ...gsp, validUntil: '2026-01-01' }]),
      ['gspLicence'],
    ],
    [
      'credit pending',
      'pharmacy',
      'evaluation',
      q([trading], { result: 'pending' } as never),
      ['creditCheck'],
    ],
    ['credit failed', 'pharmacy', 'evaluation', q([trading], { result: 'failed' } as never), ['creditCheck']],
    ['not in evaluation yet', 'pharmacy', 'revision', q([trading]), ['phase']],
    [
      'everything missing',
      'distributor',
      'preparation',
      q([], { result: 'pending' } as never),
      ['phase', 'licence', 'gspLicence', 'creditCheck'],
    ],
  ] as const)('%s → %j', (_label, kind, phase, qualification, missing) => {
    const r = conversionReadiness({ kind, phase, qualification }, day);
    expect(r.missing).toEqual(missing);
    expect(r.ready).toBe(missing.length === 0);
  });
});

describe('qualificationOf', () => {
  it.each([
    [{}, { licences: [], creditCheck: { result: 'pending' } }],
    [null, { licences: [], creditCheck: { result: 'pending' } }],
    [{ creditCheck: { result: 'bogus' } }, { licences: [], creditCheck: { result: 'pending' } }],
    [
      { licences: [{ kind: 'gsp', number: '1', validUntil: null }], creditCheck: { result: 'passed' } },
      { licences: [{ kind: 'gsp', number: '1', validUntil: null }], creditCheck: { result: 'passed' } },
    ],
  ])('%j', (stored, expected) => {
    expect(qualificationOf(stored)).toEqual(expected);
  });
});
