import { describe, expect, it } from 'vitest';
import { filterVerdict, type FilterAnswers } from './filter-questions.ts';

const no: FilterAnswers = {
  mustDo: false,
  consequence: false,
  wanted: false,
  goalRelated: false,
  highReturn: false,
};

describe('filterVerdict', () => {
  it.each<[string, FilterAnswers, string, boolean]>([
    ['nothing answered', {}, 'none', false],
    ['all five no', no, 'drop', false],
    ['some no, rest unanswered', { mustDo: false, wanted: false }, 'reconsider', false],
    ['goal related', { ...no, goalRelated: true }, 'keep', true],
    ['high return', { highReturn: true }, 'keep', true],
    ['real consequence if left', { ...no, consequence: true }, 'keep', true],
    ['must do, nothing else', { ...no, mustDo: true }, 'delegate', false],
    ['only wanted', { ...no, wanted: true }, 'reconsider', false],
    [
      'all yes',
      { mustDo: true, consequence: true, wanted: true, goalRelated: true, highReturn: true },
      'keep',
      true,
    ],
  ])('%s → %s', (_label, answers, advice, important) => {
    const v = filterVerdict(answers);
    expect(v.advice).toBe(advice);
    expect(v.suggestImportant).toBe(important);
  });

  it('counts answers and yeses', () => {
    expect(filterVerdict({ mustDo: true, wanted: false, highReturn: true })).toMatchObject({
      answered: 3,
      yes: 2,
    });
  });
});
