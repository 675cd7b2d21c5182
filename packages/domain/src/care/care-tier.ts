import type { CareTierPolicy } from './care-catalog.ts';

/**
 * The tier suggested for a doctor (seed 000: care follows the customer's importance): the first (best) tier for
 * an A-grade doctor or a key account (重点客户), the second for a B-grade doctor, the last for everyone else.
 */
export function suggestCareTier(
  tiers: readonly CareTierPolicy[],
  grade: string | null,
  isKeyAccount: boolean,
): string {
  const first = tiers[0]!;
  const last = tiers[tiers.length - 1]!;
  if (grade === 'A' || isKeyAccount) return first.key;
  if (grade === 'B' && tiers.length > 2) return tiers[1]!.key;
  return last.key;
}

/** The policy of a tier key; an unknown key (a tier since removed from the settings) falls back to the last tier. */
export function careTierPolicy(tiers: readonly CareTierPolicy[], key: string): CareTierPolicy {
  return tiers.find((t) => t.key === key) ?? tiers[tiers.length - 1]!;
}
