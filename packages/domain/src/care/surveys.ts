/**
 * Satisfaction surveys 满意度调查 (seed 002): every survey asks the three fixed dimensions 价格 price, 疗效 efficacy
 * and 服务 service on a 1–5 scale, then the template's own questions. Pure rules: answer checking and the monthly
 * averages of the trend.
 */

export const surveyAudiences = ['doctor', 'pharmacy', 'distributor'] as const;
export type SurveyAudience = (typeof surveyAudiences)[number];

export const surveyDimensions = ['price', 'efficacy', 'service'] as const;
export type SurveyDimension = (typeof surveyDimensions)[number];

export const surveyQuestionTypes = ['score', 'text', 'choice'] as const;
export type SurveyQuestionType = (typeof surveyQuestionTypes)[number];

export type SurveyQuestion = {
  key: string;
  text: string;
  type: SurveyQuestionType;
  required: boolean;
  /** Choices of a 'choice' question */
  options?: string[];
};

/** A survey link is valid this long after it is sent. */
export const surveyValidDays = 30;

export type SurveyAnswerInput = {
  priceScore: number;
  efficacyScore: number;
  serviceScore: number;
  answers: Record<string, string | number>;
};

/** What is wrong with one answer: the field path and the message key. */
export type SurveyAnswerIssue = { path: string; key: string };

const isScore = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5;

/**
 * The answers against the template: the three dimensions 1–5, each required question answered, scores 1–5, a choice
 * one of the options, no answer to a question the template does not have. Empty list: the answers are good.
 */
export function checkSurveyAnswers(
  questions: readonly SurveyQuestion[],
  input: SurveyAnswerInput,
): SurveyAnswerIssue[] {
  const issues: SurveyAnswerIssue[] = [];
  for (const d of surveyDimensions)
    if (!isScore(input[`${d}Score`])) issues.push({ path: `${d}Score`, key: 'survey.answer.scoreRange' });
  const known = new Set(questions.map((q) => q.key));
  for (const key of Object.keys(input.answers))
    if (!known.has(key)) issues.push({ path: `answers.${key}`, key: 'survey.answer.unknownQuestion' });
  for (const q of questions) {
    const value = input.answers[q.key];
    const empty = value === undefined || (typeof value === 'string' && value.trim() === '');
    if (empty) {
      if (q.required) issues.push({ path: `answers.${q.key}`, key: 'survey.answer.required' });
      continue;
    }
    if (q.type === 'score' && !isScore(value))
      issues.push({ path: `answers.${q.key}`, key: 'survey.answer.scoreRange' });
    if (q.type === 'choice' && !(q.options ?? []).includes(String(value)))
      issues.push({ path: `answers.${q.key}`, key: 'survey.answer.notAnOption' });
    if (q.type === 'text' && (typeof value !== 'string' || value.length > 1000))
      issues.push({ path: `answers.${q.key}`, key: 'survey.answer.textTooLong' });
  }
  return issues;
}

/** The template's own questions: keys unique, a choice question has at least two distinct options. */
export function checkSurveyQuestions(questions: readonly SurveyQuestion[]): SurveyAnswerIssue[] {
  const issues: SurveyAnswerIssue[] = [];
  const seen = new Set<string>();
  questions.forEach((q, n) => {
    if (seen.has(q.key)) issues.push({ path: `questions.${n}.key`, key: 'survey.template.duplicateKey' });
    seen.add(q.key);
    if (q.type === 'choice' && new Set(q.options ?? []).size < 2)
      issues.push({ path: `questions.${n}.options`, key: 'survey.template.choiceOptions' });
  });
  return issues;
}

export type ScoredAnswer = {
  /** YYYY-MM-DD (China) of the answer */
  answeredOn: string;
  priceScore: number;
  efficacyScore: number;
  serviceScore: number;
};

export type SurveyMonth = {
  /** YYYY-MM */
  month: string;
  answers: number;
  price: number;
  efficacy: number;
  service: number;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Per calendar month, oldest first: the number of answers and the average of each dimension (one decimal). */
export function surveyTrend(answers: readonly ScoredAnswer[]): SurveyMonth[] {
  const months = new Map<string, { n: number; price: number; efficacy: number; service: number }>();
  for (const a of answers) {
    const key = a.answeredOn.slice(0, 7);
    const m = months.get(key) ?? { n: 0, price: 0, efficacy: 0, service: 0 };
    m.n += 1;
    m.price += a.priceScore;
    m.efficacy += a.efficacyScore;
    m.service += a.serviceScore;
    months.set(key, m);
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, m]) => ({
      month,
      answers: m.n,
      price: round1(m.price / m.n),
      efficacy: round1(m.efficacy / m.n),
      service: round1(m.service / m.n),
    }));
}
