import { describe, expect, it } from 'vitest';
import { pinyinInitials, searchInitials } from './pinyin.ts';

describe('pinyinInitials', () => {
  it.each([
    ['张三', 'zs'],
    ['李四光', 'lsg'],
    ['单雄信', 'sxx'], // surname reading of 单 is shan
    ['曾国藩', 'zgf'],
    ['北京协和医院', 'bjxhyy'],
    ['昆明医科大学第一附属医院', 'kmykdxdyfsyy'],
    ['ICU 科', 'icuk'],
    ['301医院', '301yy'],
    ['', ''],
  ])('%s → %s', (name, expected) => {
    expect(pinyinInitials(name)).toBe(expected);
  });

  it('joins name and alias so either can be found', () => {
    expect(searchInitials('昆明医科大学第一附属医院', '昆医附一院', null)).toBe('kmykdxdyfsyy kyfyy');
  });
});
