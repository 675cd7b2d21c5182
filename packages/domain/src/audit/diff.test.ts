import { describe, expect, it } from 'vitest';
import { diffChanges } from './diff.ts';

describe('diffChanges', () => {
  it.each([
    ['unchanged record → no changes', { name: '张三' }, { name: '张三' }, {}],
    [
      'changed field → before/after',
      { name: '张三' },
      { name: '李四' },
      { name: { before: '张三', after: '李四' } },
    ],
    ['create → before is null', undefined, { name: '张三' }, { name: { before: null, after: '张三' } }],
    ['delete → after is null', { name: '张三' }, undefined, { name: { before: '张三', after: null } }],
    ['arrays compared by value', { ids: ['a', 'b'] }, { ids: ['a', 'b'] }, {}],
    ['array change', { ids: ['a'] }, { ids: ['a', 'b'] }, { ids: { before: ['a'], after: ['a', 'b'] } }],
    ['null and undefined are the same', { phone: null }, { phone: undefined }, {}],
    ['version and updatedAt are noise', { version: 1, updatedAt: 'x' }, { version: 2, updatedAt: 'y' }, {}],
    [
      'secrets are masked',
      { passwordHash: 'old' },
      { passwordHash: 'new' },
      { passwordHash: { before: '***', after: '***' } },
    ],
    [
      'a notification channel secret is masked',
      { secretEncrypted: null },
      { secretEncrypted: 'v1:abc' },
      { secretEncrypted: { before: null, after: '***' } },
    ],
  ])('%s', (_label, before, after, expected) => {
    expect(diffChanges(before as never, after as never)).toEqual(expected);
  });
});
