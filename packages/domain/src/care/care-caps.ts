import type { CareKind, CareTierPolicy } from './care-catalog.ts';

/** Why a yuan amount typed by a user is refused (message keys namespaced `care.`). */
export type YuanProblem = 'care.value.notNumber' | 'care.value.negative' | 'care.value.tooManyDecimals';

export type ParsedYuan = { ok: true; fen: number } | { ok: false; key: YuanProblem };

/** Money stays integer fen 分; the largest value a form may carry (¥1,000,000). */
const maxFen = 100_000_000;

/**
 * ¥ as typed (`500`, `500.01`, `0.1`, `¥1,234.50`) → integer fen, without floating point: the digits are split at
 * the dot, so 0.1 + 0.2 style errors cannot creep into a cap check. More than two decimals is refused, not rounded.
 */
export function parseYuan(text: string): ParsedYuan {
  const s = text
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/,/g, '')
    .trim();
  if (s.startsWith('-')) {
    return /^-\d+(\.\d*)?$|^-\.\d+$/.test(s)
      ? { ok: false, key: 'care.value.negative' }
      : { ok: false, key: 'care.value.notNumber' };
  }
  const m = /^\+?(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return { ok: false, key: 'care.value.notNumber' };
  const decimals = m[2] ?? '';
  if (decimals.length > 2) return { ok: false, key: 'care.value.tooManyDecimals' };
  const fen = Number(m[1] || '0') * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen) || fen > maxFen) return { ok: false, key: 'care.value.notNumber' };
  return { ok: true, fen };
}

/** Integer fen → `¥1,234.50` (the way amounts appear in messages and exports). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** Why an action (or a planned item) needs an approved plan. */
export type CareCapReason = 'kindNotAllowed' | 'overActionCap' | 'overYearCap';

/**
 * The caps of seed 000 (第四篇): a value equal to the cap is within it (¥500.00 under a ¥500 cap is fine, ¥500.01
 * is over). `yearSpentFen` is the doctor's total for the year across ALL reps, so splitting spend between reps
 * does not get round the annual cap.
 */
export function checkCareAction(input: {
  policy: CareTierPolicy;
  kind: CareKind;
  valueFen: number;
  yearSpentFen: number;
}): { overCap: boolean; reasons: CareCapReason[] } {
  const { policy, kind, valueFen, yearSpentFen } = input;
  const reasons: CareCapReason[] = [];
  if (!policy.allowedKinds.includes(kind)) reasons.push('kindNotAllowed');
  if (valueFen > policy.capPerActionFen) reasons.push('overActionCap');
  if (yearSpentFen + valueFen > policy.capPerYearFen) reasons.push('overYearCap');
  return { overCap: reasons.length > 0, reasons };
}

/** Share of a cap in whole percent (a zero cap: any value is 100% or more). */
export function capSharePct(valueFen: number, capFen: number): number {
  if (capFen <= 0) return valueFen > 0 ? 100 : 0;
  return Math.round((valueFen / capFen) * 1000) / 10;
}

/** Near the cap for the compliance dashboard: at or above `nearCapPct` percent of it. */
export function isNearCap(valueFen: number, capFen: number, nearCapPct: number): boolean {
  return valueFen * 100 >= capFen * nearCapPct;
}

/** The median in fen (the mean of the middle two, rounded, for an even count); 0 for none. */
export function medianFen(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/**
 * Reps whose yearly care spend is unusual: more than `factor` × the median of the reps who spent anything (reps
 * with no spend would drag the median to zero and flag everybody). Highest spend first.
 */
export function unusualSpenders(
  totalsByRep: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
  factor: number,
): { repId: string; totalFen: number; medianFen: number }[] {
  const entries = totalsByRep instanceof Map ? [...totalsByRep.entries()] : Object.entries(totalsByRep);
  const spending = entries.filter(([, total]) => total > 0);
  const median = medianFen(spending.map(([, total]) => total));
  return spending
    .filter(([, total]) => total > factor * median)
    .sort((a, b) => b[1] - a[1])
    .map(([repId, totalFen]) => ({ repId, totalFen, medianFen: median }));
}
