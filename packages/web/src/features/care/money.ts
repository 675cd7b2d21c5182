/** ¥ typed by a person: digits with at most 2 decimals (a third decimal is refused, never rounded). */
const yuanPattern = /^\d{1,7}(\.\d{1,2})?$/;

/** `'800'` → 80000, `'500.01'` → 50001; null for anything that is not a ¥ amount with at most 2 decimals. */
export function yuanToFen(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const value = String(text).trim();
  if (!yuanPattern.test(value)) return null;
  const [whole = '0', decimals = ''] = value.split('.');
  return Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
}

/** 80000 → `'800.00'`, for putting a stored amount back into a ¥ field. */
export function fenToYuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
