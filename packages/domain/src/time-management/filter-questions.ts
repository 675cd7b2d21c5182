/**
 * 五个过滤问题 (seed 004, 以终为始): asked before a new task takes time. The texts (zh-CN, en) live in the shared
 * messages under `timeManagement.filter.<key>`.
 *   是必须要做的吗？ · 不完成会怎样？ · 是自己想要的吗？ · 和目标直接相关吗？ · 回报及收益高吗？
 */
export const filterQuestions = ['mustDo', 'consequence', 'wanted', 'goalRelated', 'highReturn'] as const;
export type FilterQuestion = (typeof filterQuestions)[number];
/** The rep's answers; an unanswered question is left out. `consequence`: not doing it has a real cost. */
export type FilterAnswers = Partial<Record<FilterQuestion, boolean>>;

/**
 * keep      — important: plan time and do it yourself
 * delegate  — it must be done but serves no goal of yours and pays little: hand it on or keep it short
 * reconsider— optional: put it in D, later, or only when time is left
 * drop      — every answer is no: do not do it
 * none      — nothing answered
 */
export const filterAdvices = ['keep', 'delegate', 'reconsider', 'drop', 'none'] as const;
export type FilterAdvice = (typeof filterAdvices)[number];

export type FilterVerdict = {
  advice: FilterAdvice;
  /** Whether the answers argue the task is important (for the importance switch). */
  suggestImportant: boolean;
  answered: number;
  yes: number;
};

export function filterVerdict(answers: FilterAnswers): FilterVerdict {
  const given = filterQuestions.filter((q) => answers[q] !== undefined);
  const yes = given.filter((q) => answers[q] === true).length;
  // important when it serves a goal, pays well or has a real cost if left undone
  const suggestImportant =
    answers.goalRelated === true || answers.highReturn === true || answers.consequence === true;
  const base = { suggestImportant, answered: given.length, yes };
  if (given.length === 0) return { ...base, advice: 'none' };
  if (yes === 0 && given.length === filterQuestions.length) return { ...base, advice: 'drop' };
  if (suggestImportant) return { ...base, advice: 'keep' };
  if (answers.mustDo === true) return { ...base, advice: 'delegate' };
  return { ...base, advice: 'reconsider' };
}
