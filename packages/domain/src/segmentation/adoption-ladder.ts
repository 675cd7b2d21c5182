import type { CheckResult, LocalizedText } from './messages.ts';

/**
 * 产品接纳度阶梯 — where a doctor stands on the way from never having heard of the product to recommending it
 * to peers. Call objectives (SMART) aim to move the doctor one step up per call or cycle.
 */
export type AdoptionStep = 0 | 1 | 2 | 3 | 4 | 5;

export const adoptionSteps: readonly AdoptionStep[] = [0, 1, 2, 3, 4, 5];
export const topAdoptionStep: AdoptionStep = 5;

export const adoptionStepLabels: Record<AdoptionStep, LocalizedText> = {
  0: { 'zh-CN': '不了解', en: 'Unaware' },
  1: { 'zh-CN': '了解', en: 'Aware' },
  2: { 'zh-CN': '试用', en: 'Trial' },
  3: { 'zh-CN': '使用', en: 'Regular use' },
  4: { 'zh-CN': '忠诚', en: 'Loyal' },
  5: { 'zh-CN': '提倡', en: 'Advocate' },
};

/** What each step looks like in practice, so two reps judge the same doctor alike (from the seed's ladder). */
export const adoptionStepDescriptions: Record<AdoptionStep, LocalizedText> = {
  0: { 'zh-CN': '没有听说过本产品', en: 'Has never heard of the product' },
  1: {
    'zh-CN': '了解产品及其用法，但还没有使用',
    en: 'Knows the product and how to use it, but has not used it',
  },
  2: {
    'zh-CN': '在新病人或老病人中尝试使用或换用本产品',
    en: 'Tries the product on new patients or switches some existing ones',
  },
  3: { 'zh-CN': '常规性地使用本产品', en: 'Uses the product routinely' },
  4: { 'zh-CN': '在这类病人中首选本产品', en: 'Makes the product first choice for these patients' },
  5: { 'zh-CN': '主动向同行推荐本产品', en: 'Recommends the product to peers' },
};

export function isAdoptionStep(value: unknown): value is AdoptionStep {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= topAdoptionStep;
}

export function validateAdoptionStep(value: number): CheckResult {
  return isAdoptionStep(value)
    ? { ok: true }
    : { ok: false, error: { key: 'ladder.stepOutOfRange', params: { min: 0, max: topAdoptionStep } } };
}

/**
 * The step a call objective aims for: one up. At the top (提倡) there is nowhere higher, so `null` — the
 * objective there is to keep the doctor advocating, which the call planner words itself.
 */
export function nextStep(step: AdoptionStep): AdoptionStep | null {
  return step < topAdoptionStep ? ((step + 1) as AdoptionStep) : null;
}
