import type { CheckResult, LocalizedText } from './messages.ts';

/**
 * 处方现状 — the rep's judgement of where a doctor stands with one product, −4…+4 (复式评分, seed slide 73).
 * Negative values describe the road to listing 进药前, 0…4 how much a doctor prescribes once it is listed
 * 进药后. It is always a judgement: per-doctor prescription counts (统方) are prohibited and never stored.
 */
export type PrescriptionStatus = -4 | -3 | -2 | -1 | 0 | 1 | 2 | 3 | 4;

export const prescriptionStatuses: readonly PrescriptionStatus[] = [-4, -3, -2, -1, 0, 1, 2, 3, 4];
export const minPrescriptionStatus = -4;
export const maxPrescriptionStatus = 4;

/** 进药前 / 进药后 — whether the product is on the hospital's formulary yet. */
export type ListingPhase = 'beforeListing' | 'afterListing';

export const prescriptionStatusLabels: Record<PrescriptionStatus, LocalizedText> = {
  [-4]: { 'zh-CN': '反对', en: 'Opposed' },
  [-3]: { 'zh-CN': '淡漠', en: 'Indifferent' },
  [-2]: { 'zh-CN': '试用/咨商', en: 'Trying / consulting' },
  [-1]: { 'zh-CN': '填写进药申请', en: 'Filed a listing application' },
  0: { 'zh-CN': '不处方', en: 'Not prescribing' },
  1: { 'zh-CN': '少量处方', en: 'Prescribes a little' },
  2: { 'zh-CN': '中等量处方', en: 'Moderate prescriber' },
  3: { 'zh-CN': '常用', en: 'Regular prescriber' },
  4: { 'zh-CN': '首选', en: 'First choice' },
};

/**
 * The seed pins the middle of the scale to the therapeutic area, so reps judge a doctor's use of the product
 * against the other products the doctor uses for the same patients; shown as a hint beside the choice.
 */
export const prescriptionStatusHints: Partial<Record<PrescriptionStatus, LocalizedText>> = {
  2: {
    'zh-CN': '同一治疗领域多种产品平均使用',
    en: 'Used on a par with the other products of the therapeutic area',
  },
  3: { 'zh-CN': '同一治疗领域常用产品之一', en: 'One of the usual products of the therapeutic area' },
};

export function isPrescriptionStatus(value: unknown): value is PrescriptionStatus {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= minPrescriptionStatus &&
    value <= maxPrescriptionStatus
  );
}

export function listingPhaseOf(status: PrescriptionStatus): ListingPhase {
  return status < 0 ? 'beforeListing' : 'afterListing';
}

/**
 * Checks a status against whether the product is listed 进药 at the doctor's hospital. A product that is not
 * listed cannot be prescribed there, so 0…4 (which all say "listed, prescribing this much", 0 included)
 * require `listed`; −4…−1 describe the way to listing and so require it not listed. When a product gets
 * listed, the rep re-scores the doctor on the 0…4 half.
 */
export function validatePrescriptionStatus(status: number, listed: boolean): CheckResult {
  if (!isPrescriptionStatus(status)) {
    return {
      ok: false,
      error: {
        key: 'score.statusOutOfRange',
        params: { min: minPrescriptionStatus, max: maxPrescriptionStatus },
      },
    };
  }
  if (listed && status < 0) return { ok: false, error: { key: 'score.statusNegativeWhenListed' } };
  if (!listed && status >= 0) return { ok: false, error: { key: 'score.statusPositiveWhenUnlisted' } };
  return { ok: true };
}
