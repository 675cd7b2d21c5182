import { describe, expect, it } from 'vitest';
import {
  isPersonalityType,
  personalityTypeOrder,
  personalityTypes,
  type PersonalityType,
} from './personality.ts';

describe('personality types', () => {
  it.each<[PersonalityType, string]>([
    ['introverted', '内向型'],
    ['easygoing', '随和型'],
    ['strongWilled', '刚强型'],
    ['highlyStrung', '神经质型'],
    ['showy', '虚荣型'],
    ['combative', '好斗型'],
    ['stubborn', '顽固型'],
    ['skeptical', '怀疑型'],
    ['silent', '沉默型'],
  ])('%s is %s, with traits and a tip in both languages', (type, zh) => {
    const profile = personalityTypes[type];
    expect(profile.label['zh-CN']).toBe(zh);
    for (const text of [profile.label, profile.traits, profile.tip]) {
      expect(text['zh-CN'].trim()).not.toBe('');
      expect(text.en.trim()).not.toBe('');
    }
  });

  it('lists the nine types in the seed order', () => {
    expect(personalityTypeOrder).toHaveLength(9);
    expect(new Set(personalityTypeOrder)).toEqual(new Set(Object.keys(personalityTypes)));
  });

  it.each([
    ['silent', true],
    ['toString', false], // an inherited property is not a type
    ['', false],
    [3, false],
  ])('isPersonalityType(%j) → %s', (value, expected) => {
    expect(isPersonalityType(value)).toBe(expected);
  });
});
