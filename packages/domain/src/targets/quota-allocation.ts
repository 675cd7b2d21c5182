/**
 * 指标分配 (seed 004): a manager splits the team quota of a product among the reps, weighing each rep's customer
 * potential (考虑客户的潜力), current usage (各区域现有用量) and competitor activity (竞争对手投入及表现). The
 * suggestion is only a starting point the manager edits.
 */

/** The factors of one rep for one product. */
export type AllocationFactors = {
  /** Σ prescription potential of the rep's target doctors with high potential for the product */
  potential: number;
  /** Units actually sold in the recent months */
  usage: number;
  /** Doctors of the rep using a competitor's product (negative prescription status, or judged a regular user by competitor intelligence) */
  competitor: number;
};

export type AllocationWeights = AllocationFactors;

/** Usage counts most (the market today), potential next (where growth comes from), competition least. */
export const defaultAllocationWeights: AllocationWeights = { potential: 0.4, usage: 0.5, competitor: 0.1 };

/**
 * Each rep's share of the team quota (shares sum to 1). Potential and usage give a rep the share they hold of the
 * team's total; competitor activity works the other way (a territory where competitors are strong gets less), as
 * the share of "not competitor" among the reps. A factor that is zero for every rep says nothing and its weight is
 * spread over the others; with no information at all the quota is split evenly.
 */
export function allocationShares(
  factors: readonly AllocationFactors[],
  weights: AllocationWeights = defaultAllocationWeights,
): number[] {
  const n = factors.length;
  if (n === 0) return [];
  const sum = (k: keyof AllocationFactors) => factors.reduce((s, f) => s + Math.max(0, f[k]), 0);
  const totals = { potential: sum('potential'), usage: sum('usage'), competitor: sum('competitor') };
  const parts: { weight: number; share: (f: AllocationFactors) => number }[] = [];
  if (totals.potential > 0)
    parts.push({ weight: weights.potential, share: (f) => Math.max(0, f.potential) / totals.potential });
  if (totals.usage > 0)
    parts.push({ weight: weights.usage, share: (f) => Math.max(0, f.usage) / totals.usage });
  if (totals.competitor > 0 && n > 1)
    parts.push({
      weight: weights.competitor,
      share: (f) => (1 - Math.max(0, f.competitor) / totals.competitor) / (n - 1),
    });
  const weightSum = parts.reduce((s, p) => s + p.weight, 0);
  if (weightSum <= 0) return factors.map(() => 1 / n);
  return factors.map((f) => parts.reduce((s, p) => s + (p.weight / weightSum) * p.share(f), 0));
}

/**
 * Integer units per rep that sum to `total` exactly: each rep gets the floor of their share, and the units left go
 * one by one to the largest remainders (ties to the earlier rep, so the result is stable).
 */
export function largestRemainder(total: number, shares: readonly number[]): number[] {
  if (shares.length === 0) return [];
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`指标须为非负整数：${total}`);
  const shareSum = shares.reduce((s, x) => s + x, 0);
  const normalised = shareSum > 0 ? shares.map((x) => x / shareSum) : shares.map(() => 1 / shares.length);
  const exact = normalised.map((x) => x * total);
  const units = exact.map((x) => Math.floor(x + 1e-9));
  let left = total - units.reduce((s, x) => s + x, 0);
  const order = exact
    .map((x, i) => ({ i, remainder: x - Math.floor(x + 1e-9) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    units[i]! += 1;
    left -= 1;
  }
  return units;
}

/** The suggested quota of each rep: weights from the factors, rounded so the cells sum to the team quota. */
export function suggestAllocation(
  teamQuota: number,
  factors: readonly AllocationFactors[],
  weights: AllocationWeights = defaultAllocationWeights,
): number[] {
  return largestRemainder(teamQuota, allocationShares(factors, weights));
}

export type AllocationWarning = {
  kind: 'overAllocated' | 'underAllocated';
  teamQuota: number;
  allocated: number;
};

/** Over- or under-allocating the team quota is allowed, but said (null when it adds up, or there is no team quota). */
export function allocationWarning(teamQuota: number | null, allocated: number): AllocationWarning | null {
  if (teamQuota === null || allocated === teamQuota) return null;
  return { kind: allocated > teamQuota ? 'overAllocated' : 'underAllocated', teamQuota, allocated };
}
