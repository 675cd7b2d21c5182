/**
 * Spreadsheet cells that start with = + - @ (or a tab/CR) are run as formulas
 * by Excel and WPS (`=cmd|' /C calc'!A0`). Exports prefix them with an
 * apostrophe so they stay text; imports refuse them.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function looksLikeFormula(value: string): boolean {
  // A negative number such as -12.5 is data, not a formula.
  return formulaStart.test(value) && !/^-\d+(\.\d+)?$/.test(value);
}

export function neutraliseFormula<T>(value: T): T | string {
  return typeof value === 'string' && looksLikeFormula(value) ? `'${value}` : value;
}
