import { describe, expect, it } from 'vitest';
import {
  maxStageReasonLength,
  relationshipStageDescriptions,
  relationshipStageLabels,
  relationshipStages,
  validateStageChange,
  type RelationshipStage,
} from './relationship-stage.ts';

describe('relationship stages', () => {
  it.each<[RelationshipStage, string, string]>([
    [1, '不合作', 'Not cooperating'],
    [2, '尝试合作', 'Trying cooperation'],
    [3, '优选供应商', 'Preferred supplier'],
    [4, '战略合作伙伴', 'Strategic partner'],
  ])('stage %d is %s / %s, with a description', (stage, zh, en) => {
    expect(relationshipStageLabels[stage]).toEqual({ 'zh-CN': zh, en });
    expect(relationshipStageDescriptions[stage]['zh-CN']).not.toBe('');
    expect(relationshipStageDescriptions[stage].en).not.toBe('');
  });

  it('has exactly four stages', () => {
    expect(relationshipStages).toEqual([1, 2, 3, 4]);
  });
});

describe('validateStageChange', () => {
  const evidence = '主任请我们协助组织科室会，并主动介绍了药剂科';
  it.each<[string, RelationshipStage | null, number, string | null | undefined, object]>([
    ['one step up', 1, 2, evidence, { ok: true, direction: 'up', steps: 1, isJump: false }],
    ['one step down', 3, 2, evidence, { ok: true, direction: 'down', steps: 1, isJump: false }],
    [
      'a jump up is allowed but flagged',
      1,
      3,
      evidence,
      { ok: true, direction: 'up', steps: 2, isJump: true },
    ],
    ['a jump across all stages', 1, 4, evidence, { ok: true, direction: 'up', steps: 3, isJump: true }],
    ['a jump down is flagged too', 4, 1, evidence, { ok: true, direction: 'down', steps: 3, isJump: true }],
    ['a first assessment', null, 3, evidence, { ok: true, direction: 'initial', steps: 0, isJump: false }],
    ['no reason', 1, 2, '', { ok: false, error: { key: 'relationship.reasonRequired' } }],
    ['a blank reason', 1, 2, '   \n', { ok: false, error: { key: 'relationship.reasonRequired' } }],
    ['a null reason', 2, 3, null, { ok: false, error: { key: 'relationship.reasonRequired' } }],
    [
      'a first assessment without reason',
      null,
      1,
      undefined,
      { ok: false, error: { key: 'relationship.reasonRequired' } },
    ],
    ['a jump without reason', 1, 4, ' ', { ok: false, error: { key: 'relationship.reasonRequired' } }],
    [
      'a reason at the length limit',
      1,
      2,
      'x'.repeat(maxStageReasonLength),
      { ok: true, direction: 'up', steps: 1, isJump: false },
    ],
    [
      'a reason over the length limit',
      1,
      2,
      'x'.repeat(maxStageReasonLength + 1),
      { ok: false, error: { key: 'relationship.reasonTooLong', params: { max: 500 } } },
    ],
    ['the same stage again', 2, 2, evidence, { ok: false, error: { key: 'relationship.unchanged' } }],
    [
      'stage 0',
      1,
      0,
      evidence,
      { ok: false, error: { key: 'relationship.stageOutOfRange', params: { min: 1, max: 4 } } },
    ],
    [
      'stage 5',
      4,
      5,
      evidence,
      { ok: false, error: { key: 'relationship.stageOutOfRange', params: { min: 1, max: 4 } } },
    ],
    [
      'stage 2.5',
      2,
      2.5,
      evidence,
      { ok: false, error: { key: 'relationship.stageOutOfRange', params: { min: 1, max: 4 } } },
    ],
    [
      'a bad current stage',
      7 as RelationshipStage,
      2,
      evidence,
      { ok: false, error: { key: 'relationship.stageOutOfRange', params: { min: 1, max: 4 } } },
    ],
  ])('%s', (_label, from, to, reason, expected) => {
    expect(validateStageChange(from, to, reason)).toEqual(expected);
  });
});
