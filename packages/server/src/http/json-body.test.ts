import { describe, expect, it } from 'vitest';
import { containsNul, maxJsonDepth, nestsDeeperThan } from './json-body.ts';

describe('JSON body guards', () => {
  it.each([
    ['{"a":{"b":[1,2]}}', 3, false],
    ['{"a":{"b":[1,2]}}', 2, true],
    // brackets inside strings (and escaped quotes) do not nest
    ['{"a":"[[[[{{{{\\"[[[["}', 1, false],
    ['[[[[]]]]', 4, false],
    ['[[[[[]]]]]', 4, true],
  ])('%s nests deeper than %i: %s', (text, max, deeper) => {
    expect(nestsDeeperThan(text, max)).toBe(deeper);
  });

  it('refuses 100,000 levels without recursing', () => {
    expect(nestsDeeperThan('['.repeat(100_000) + ']'.repeat(100_000), maxJsonDepth)).toBe(true);
  });

  it.each([
    [{ name: 'a\u0000b' }, true],
    [{ ['k\u0000']: 1 }, true],
    [[1, ['x', { y: '\u0000' }]], true],
    [{ name: '张三', tags: ['a'], n: 0, ok: null }, false],
  ])('finds a NUL in %j: %s', (value, found) => {
    expect(containsNul(value)).toBe(found);
  });
});
