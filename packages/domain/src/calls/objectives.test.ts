import { describe, expect, it } from 'vitest';
import { duplicateObjectiveIndexes, objectiveKey } from './objectives.ts';

describe('duplicate objectives', () => {
  it.each<[string, string[], number[]]>([
    ['distinct objectives', ['了解用药顾虑', '递送新版说明书', '约定科室会'], []],
    ['the same text twice', ['约定科室会', '约定科室会'], [1]],
    ['differing only in spacing', ['提高 处方量', ' 提高处方量 '], [1]],
    ['differing only in case', ['Share the LDL-C data', 'share the ldl-c DATA'], [1]],
    ['full-width and half-width letters', ['介绍ＬＤＬ数据', '介绍LDL数据'], [1]],
    ['three copies', ['a', 'b', 'A', ' a '], [2, 3]],
    ['no objectives', [], []],
  ])('%s → repeats at %j', (_label, texts, repeats) => {
    expect(duplicateObjectiveIndexes(texts)).toEqual(repeats);
  });

  it('keeps punctuation meaningful', () => {
    expect(objectiveKey('约定下周二?')).not.toBe(objectiveKey('约定下周二'));
  });
});
