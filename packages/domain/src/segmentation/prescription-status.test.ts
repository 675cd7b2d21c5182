import { describe, expect, it } from 'vitest';
import {
  isPrescriptionStatus,
  listingPhaseOf,
  prescriptionStatuses,
  prescriptionStatusHints,
  prescriptionStatusLabels,
  validatePrescriptionStatus,
  type PrescriptionStatus,
} from './prescription-status.ts';

describe('prescriptionStatusLabels', () => {
  it.each<[PrescriptionStatus, string, string, string]>([
    [-4, '反对', 'Opposed', 'beforeListing'],
    [-3, '淡漠', 'Indifferent', 'beforeListing'],
    [-2, '试用/咨商', 'Trying / consulting', 'beforeListing'],
    [-1, '填写进药申请', 'Filed a listing application', 'beforeListing'],
    [0, '不处方', 'Not prescribing', 'afterListing'],
    [1, '少量处方', 'Prescribes a little', 'afterListing'],
    [2, '中等量处方', 'Moderate prescriber', 'afterListing'],
    [3, '常用', 'Regular prescriber', 'afterListing'],
    [4, '首选', 'First choice', 'afterListing'],
  ])('%d is %s / %s (%s)', (status, zh, en, phase) => {
    expect(prescriptionStatusLabels[status]).toEqual({ 'zh-CN': zh, en });
    expect(listingPhaseOf(status)).toBe(phase);
  });

  it('covers exactly −4…4', () => {
    expect(prescriptionStatuses).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    expect(
      Object.keys(prescriptionStatusLabels)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(prescriptionStatuses);
  });

  it('explains the middle of the scale against the therapeutic area', () => {
    expect(prescriptionStatusHints[2]?.['zh-CN']).toContain('同一治疗领域');
    expect(prescriptionStatusHints[3]?.['zh-CN']).toContain('同一治疗领域');
  });
});

describe('validatePrescriptionStatus', () => {
  const ok = { ok: true };
  const negativeWhenListed = { ok: false, error: { key: 'score.statusNegativeWhenListed' } };
  const positiveWhenUnlisted = { ok: false, error: { key: 'score.statusPositiveWhenUnlisted' } };
  it.each([
    [-4, false, ok],
    [-3, false, ok],
    [-2, false, ok],
    [-1, false, ok],
    [0, false, positiveWhenUnlisted], // not listed: cannot be "not prescribing" a product the hospital does not stock
    [1, false, positiveWhenUnlisted],
    [4, false, positiveWhenUnlisted],
    [-4, true, negativeWhenListed],
    [-1, true, negativeWhenListed],
    [0, true, ok],
    [1, true, ok],
    [2, true, ok],
    [3, true, ok],
    [4, true, ok],
  ])('status %d, listed %s', (status, listed, expected) => {
    expect(validatePrescriptionStatus(status, listed)).toEqual(expected);
  });

  it.each([[-5], [5], [1.5], [-0.5], [Number.NaN], [Infinity]])(
    '%d is out of range whether listed or not',
    (status) => {
      const expected = { ok: false, error: { key: 'score.statusOutOfRange', params: { min: -4, max: 4 } } };
      expect(validatePrescriptionStatus(status, true)).toEqual(expected);
      expect(validatePrescriptionStatus(status, false)).toEqual(expected);
    },
  );
});

describe('isPrescriptionStatus', () => {
  it.each([
    [-4, true],
    [4, true],
    [0, true],
    [-5, false],
    [5, false],
    [2.5, false],
    ['2', false],
    [null, false],
  ])('%j → %s', (value, expected) => {
    expect(isPrescriptionStatus(value)).toBe(expected);
  });
});
