import { describe, expect, it } from 'vitest';
import { segmentationMessageKeys, segmentationMessages } from './messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('segmentation messages', () => {
  it('has the same keys in zh-CN and en', () => {
    expect(Object.keys(segmentationMessages.en).sort()).toEqual([...segmentationMessageKeys].sort());
  });

  it.each(segmentationMessageKeys.map((key) => [key]))('%s has texts with the same placeholders', (key) => {
    const zh = segmentationMessages['zh-CN'][key];
    const en = segmentationMessages.en[key];
    expect(zh.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
    expect(placeholders(zh)).toEqual(placeholders(en));
  });
});
