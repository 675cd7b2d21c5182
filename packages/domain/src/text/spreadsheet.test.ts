import { describe, expect, it } from 'vitest';
import { looksLikeFormula, neutraliseFormula } from './spreadsheet.ts';

describe('formula injection', () => {
  it.each([
    ["=cmd|' /C calc'!A0", true],
    ['+SUM(A1:A2)', true],
    ['@SUM(A1)', true],
    ['-2+3', true],
    ['\t=1', true],
    ['-12.5', false],
    ['张三', false],
    ['a=b', false],
    ['', false],
  ])('%j looks like a formula: %s', (value, expected) => {
    expect(looksLikeFormula(value)).toBe(expected);
  });

  it('prefixes formulas with an apostrophe and leaves other values alone', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('王医生')).toBe('王医生');
    expect(neutraliseFormula(42)).toBe(42);
    expect(neutraliseFormula(null)).toBe(null);
  });
});
