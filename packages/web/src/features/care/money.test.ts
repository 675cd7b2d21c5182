import { describe, expect, it } from 'vitest';
import { fenToYuanText, yuanToFen } from './money.ts';

describe('yuanToFen', () => {
  it.each([
    ['800', 80_000],
    ['500.00', 50_000],
    ['500.01', 50_001],
    ['0.5', 50],
    [' 12.3 ', 1_230],
    ['0', 0],
  ])('reads ¥%s as %i fen', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });

  it.each(['500.001', '-1', '1e3', '', 'abc', '1,000', '.5', '12.'])('refuses %j', (text) => {
    expect(yuanToFen(text)).toBeNull();
  });

  it('turns fen back into the text of a ¥ field', () => {
    expect(fenToYuanText(50_001)).toBe('500.01');
    expect(fenToYuanText(80_000)).toBe('800.00');
  });
});
