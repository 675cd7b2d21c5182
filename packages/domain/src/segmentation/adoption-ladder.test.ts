import { describe, expect, it } from 'vitest';
import {
  adoptionStepDescriptions,
  adoptionStepLabels,
  adoptionSteps,
  isAdoptionStep,
  nextStep,
  validateAdoptionStep,
  type AdoptionStep,
} from './adoption-ladder.ts';

describe('adoption ladder', () => {
  it.each<[AdoptionStep, string, string, AdoptionStep | null]>([
    [0, '不了解', 'Unaware', 1],
    [1, '了解', 'Aware', 2],
    [2, '试用', 'Trial', 3],
    [3, '使用', 'Regular use', 4],
    [4, '忠诚', 'Loyal', 5],
    [5, '提倡', 'Advocate', null], // the top: keep the doctor there, nothing higher to aim for
  ])('step %d is %s / %s; a call aims for %s', (step, zh, en, next) => {
    expect(adoptionStepLabels[step]).toEqual({ 'zh-CN': zh, en });
    expect(adoptionStepDescriptions[step]['zh-CN']).not.toBe('');
    expect(adoptionStepDescriptions[step].en).not.toBe('');
    expect(nextStep(step)).toBe(next);
  });

  it('has exactly six steps', () => {
    expect(adoptionSteps).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('validateAdoptionStep', () => {
  const outOfRange = { ok: false, error: { key: 'ladder.stepOutOfRange', params: { min: 0, max: 5 } } };
  it.each([
    [0, { ok: true }],
    [5, { ok: true }],
    [-1, outOfRange],
    [6, outOfRange],
    [2.5, outOfRange],
    [Number.NaN, outOfRange],
  ])('%d → %j', (value, expected) => {
    expect(validateAdoptionStep(value)).toEqual(expected);
    expect(isAdoptionStep(value)).toBe(expected.ok);
  });
});
