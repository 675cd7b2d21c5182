import type { CheckResult, LocalizedText } from './messages.ts';

/**
 * 客户关系阶段 — the four stages of a rep's relationship with a customer (seed 001). Moves are kept as dated
 * history with the evidence behind each, because a stage is a claim a manager must be able to check.
 */
export type RelationshipStage = 1 | 2 | 3 | 4;

export const relationshipStages: readonly RelationshipStage[] = [1, 2, 3, 4];

export const relationshipStageLabels: Record<RelationshipStage, LocalizedText> = {
  1: { 'zh-CN': '不合作', en: 'Not cooperating' },
  2: { 'zh-CN': '尝试合作', en: 'Trying cooperation' },
  3: { 'zh-CN': '优选供应商', en: 'Preferred supplier' },
  4: { 'zh-CN': '战略合作伙伴', en: 'Strategic partner' },
};

/** One line each, in our words, on what the stage means in the seed. */
export const relationshipStageDescriptions: Record<RelationshipStage, LocalizedText> = {
  1: { 'zh-CN': '客户还不与我们合作', en: 'The customer does not work with us yet' },
  2: {
    'zh-CN': '客户开始试着与我们合作，靠主动找机会接触推进',
    en: 'The customer has begun to try working with us, won by seeking reasons to engage',
  },
  3: {
    'zh-CN': '客户有需要时第一个想到我们，靠事无大小都办好积累口碑',
    en: 'We are the first the customer thinks of when something needs doing, earned by always delivering',
  },
  4: {
    'zh-CN': '彼此的事就是自己的事，经过共同经历考验的长期伙伴',
    en: "Each treats the other's concerns as their own; a partnership tested by shared experience",
  },
};

/** A reason longer than this is a report, not a reason: it belongs in a call record the move can cite. */
export const maxStageReasonLength = 500;

export function isRelationshipStage(value: unknown): value is RelationshipStage {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 4;
}

export type StageChange = {
  /** up / down; `initial` when the customer had no stage yet. */
  direction: 'initial' | 'up' | 'down';
  /** How many stages the move spans (0 for an initial assessment). */
  steps: number;
  /**
   * More than one stage at once. Allowed — a rep may record a relationship late, or lose one overnight —
   * but flagged so a manager reviews it in the stage-movement report.
   */
  isJump: boolean;
};

/**
 * Checks a stage change. Every change, the first assessment included, needs a reason: the evidence a manager
 * reads before accepting the move. Recording the same stage again is not a change and is refused.
 */
export function validateStageChange(
  from: RelationshipStage | null,
  to: number,
  reason: string | null | undefined,
): CheckResult<StageChange> {
  const range = { min: 1, max: 4 };
  if (!isRelationshipStage(to) || (from !== null && !isRelationshipStage(from))) {
    return { ok: false, error: { key: 'relationship.stageOutOfRange', params: range } };
  }
  if (from === to) return { ok: false, error: { key: 'relationship.unchanged' } };
  const trimmed = (reason ?? '').trim();
  if (trimmed === '') return { ok: false, error: { key: 'relationship.reasonRequired' } };
  if (trimmed.length > maxStageReasonLength) {
    return { ok: false, error: { key: 'relationship.reasonTooLong', params: { max: maxStageReasonLength } } };
  }
  if (from === null) return { ok: true, direction: 'initial', steps: 0, isJump: false };
  const steps = Math.abs(to - from);
  return { ok: true, direction: to > from ? 'up' : 'down', steps, isJump: steps > 1 };
}
