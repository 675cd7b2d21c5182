import { describe, expect, it } from 'vitest';
import { checkSurveyAnswers, checkSurveyQuestions, surveyTrend, type SurveyQuestion } from './surveys.ts';

const questions: SurveyQuestion[] = [
  { key: 'q1', text: '推荐意愿', type: 'score', required: true },
  { key: 'q2', text: '建议', type: 'text', required: false },
  { key: 'q3', text: '送货频次', type: 'choice', required: true, options: ['每周', '每月'] },
];
const good = { priceScore: 4, efficacyScore: 5, serviceScore: 3, answers: { q1: 5, q3: '每周' } };

describe('checkSurveyAnswers', () => {
  it.each([
    ['all good', good, []],
    ['a dimension 0', { ...good, priceScore: 0 }, ['priceScore:survey.answer.scoreRange']],
    ['a dimension 6', { ...good, serviceScore: 6 }, ['serviceScore:survey.answer.scoreRange']],
    ['a dimension 2.5', { ...good, efficacyScore: 2.5 }, ['efficacyScore:survey.answer.scoreRange']],
    ['boundary 1 and 5', { ...good, priceScore: 1, serviceScore: 5 }, []],
    ['required missing', { ...good, answers: { q3: '每周' } }, ['answers.q1:survey.answer.required']],
    ['required blank', { ...good, answers: { q1: 5, q3: '  ' } }, ['answers.q3:survey.answer.required']],
    ['optional text', { ...good, answers: { ...good.answers, q2: '很好' } }, []],
    [
      'score out of range',
      { ...good, answers: { q1: 9, q3: '每周' } },
      ['answers.q1:survey.answer.scoreRange'],
    ],
    ['not an option', { ...good, answers: { q1: 5, q3: '每天' } }, ['answers.q3:survey.answer.notAnOption']],
    [
      'unknown question',
      { ...good, answers: { ...good.answers, q9: 'x' } },
      ['answers.q9:survey.answer.unknownQuestion'],
    ],
  ])('%s', (_label, input, expected) => {
    expect(checkSurveyAnswers(questions, input).map((i) => `${i.path}:${i.key}`)).toEqual(expected);
  });
});

describe('checkSurveyQuestions', () => {
  it.each<[string, SurveyQuestion[], string[]]>([
    ['good', questions, []],
    [
      'duplicate key',
      [questions[0]!, { ...questions[1]!, key: 'q1' }],
      ['questions.1.key:survey.template.duplicateKey'],
    ],
    [
      'choice with one option',
      [{ ...questions[2]!, options: ['每周', '每周'] }],
      ['questions.0.options:survey.template.choiceOptions'],
    ],
  ])('%s', (_label, qs, expected) => {
    expect(checkSurveyQuestions(qs).map((i) => `${i.path}:${i.key}`)).toEqual(expected);
  });
});

describe('surveyTrend', () => {
  it('averages each dimension per month, oldest first, one decimal', () => {
    expect(
      surveyTrend([
        { answeredOn: '2026-11-03', priceScore: 3, efficacyScore: 5, serviceScore: 4 },
        { answeredOn: '2026-10-20', priceScore: 2, efficacyScore: 4, serviceScore: 4 },
        { answeredOn: '2026-11-28', priceScore: 4, efficacyScore: 4, serviceScore: 5 },
        { answeredOn: '2026-11-30', priceScore: 4, efficacyScore: 4, serviceScore: 5 },
      ]),
    ).toEqual([
      { month: '2026-10', answers: 1, price: 2, efficacy: 4, service: 4 },
      { month: '2026-11', answers: 3, price: 3.7, efficacy: 4.3, service: 4.7 },
    ]);
  });
  it('is empty without answers', () => expect(surveyTrend([])).toEqual([]));
});
