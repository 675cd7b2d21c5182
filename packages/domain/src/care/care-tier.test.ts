import { describe, expect, it } from 'vitest';
import { defaultCareTiers } from './care-catalog.ts';
import { careTierPolicy, suggestCareTier } from './care-tier.ts';

describe('suggestCareTier', () => {
  it.each([
    ['A', false, 'A'],
    ['B', false, 'B'],
    ['C', false, 'normal'],
    [null, false, 'normal'],
    ['C', true, 'A'],
    [null, true, 'A'],
  ])('grade %s, key account %s → %s', (grade, keyAccount, tier) => {
    expect(suggestCareTier(defaultCareTiers, grade, keyAccount)).toBe(tier);
  });

  it('uses the last tier for B when only two tiers exist', () => {
    expect(suggestCareTier(defaultCareTiers.slice(0, 1).concat(defaultCareTiers[2]!), 'B', false)).toBe(
      'normal',
    );
  });
});

describe('careTierPolicy', () => {
  it('finds a tier by key and falls back to the last one', () => {
    expect(careTierPolicy(defaultCareTiers, 'B').capPerActionFen).toBe(30_000);
    expect(careTierPolicy(defaultCareTiers, 'gone').key).toBe('normal');
  });
});
