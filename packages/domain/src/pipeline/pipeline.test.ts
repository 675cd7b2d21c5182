import { describe, expect, it } from 'vitest';
import { checkStageMove, listingChange, nextStageOf } from './moves.ts';
import { median, stageConversion, stalledDays, timeInStage } from './figures.ts';
import type { PipelineStage } from './stages.ts';

describe('checkStageMove', () => {
  it.each<[PipelineStage, PipelineStage, string | undefined, string, boolean | null]>([
    ['target', 'applied', undefined, 'next', null],
    ['applied', 'pharmacyReview', undefined, 'next', null],
    ['pharmacyReview', 'committee', undefined, 'next', null],
    ['committee', 'listed', undefined, 'next', true],
    ['committee', 'rejected', undefined, 'next', null],
    ['listed', 'firstPurchase', undefined, 'next', null],
    ['firstPurchase', 'stableUse', undefined, 'next', null],
    ['target', 'pharmacyReview', '科主任直接递交药剂科', 'skip', null],
    ['committee', 'firstPurchase', '临采后补录', 'skip', true],
    ['pharmacyReview', 'rejected', '药剂科直接否决', 'skip', null],
    ['committee', 'applied', '材料退回重报', 'back', null],
    ['listed', 'rejected', '录入错误，实际未通过', 'back', false],
    ['firstPurchase', 'committee', '采购撤销', 'back', false],
    ['rejected', 'applied', '新版适应症重新申请', 'restart', null],
  ])('%s → %s (reason %s) is a %s move, listing %s', (from, to, reason, kind, listing) => {
    const v = checkStageMove(from, to, reason);
    expect(v).toMatchObject({ ok: true, kind, listing });
  });

  it.each<[PipelineStage, PipelineStage, string | undefined, string]>([
    ['applied', 'applied', undefined, 'pipeline.move.same'],
    ['target', 'pharmacyReview', undefined, 'pipeline.move.skipNeedsReason'],
    ['target', 'pharmacyReview', '   ', 'pipeline.move.skipNeedsReason'],
    ['committee', 'applied', undefined, 'pipeline.move.backNeedsReason'],
    ['listed', 'rejected', undefined, 'pipeline.move.backNeedsReason'],
    ['rejected', 'applied', undefined, 'pipeline.move.restartNeedsReason'],
    ['rejected', 'listed', '重新上会', 'pipeline.move.fromRejected'],
    ['firstPurchase', 'rejected', '停用', 'pipeline.move.rejectAfterPurchase'],
    ['stableUse', 'rejected', '停用', 'pipeline.move.rejectAfterPurchase'],
  ])('%s → %s (reason %j) is refused with %s', (from, to, reason, messageKey) => {
    expect(checkStageMove(from, to, reason)).toMatchObject({ ok: false, messageKey });
  });

  it('names the skipped stages in Chinese', () => {
    const v = checkStageMove('applied', 'listed');
    expect(v).toMatchObject({
      ok: false,
      params: { from: '科室提出申请', to: '进药', skipped: '药剂科审核、药事委员会' },
    });
  });
});

describe('listingChange and nextStageOf', () => {
  it.each<[PipelineStage, PipelineStage, boolean | null]>([
    ['committee', 'listed', true],
    ['listed', 'firstPurchase', null],
    ['stableUse', 'applied', false],
    ['target', 'applied', null],
  ])('%s → %s changes the listing to %s', (from, to, change) => {
    expect(listingChange(from, to)).toBe(change);
  });
  it.each<[PipelineStage, PipelineStage | null]>([
    ['target', 'applied'],
    ['committee', 'listed'],
    ['listed', 'firstPurchase'],
    ['stableUse', null],
    ['rejected', null],
  ])('after %s comes %s', (stage, next) => {
    expect(nextStageOf(stage)).toBe(next);
  });
});

describe('stalledDays', () => {
  it.each<[PipelineStage, boolean, string, number | null]>([
    ['applied', false, '2026-11-01', 36],
    ['applied', false, '2026-11-07', 30],
    ['applied', false, '2026-11-08', null],
    ['committee', true, '2026-01-01', null],
    ['stableUse', false, '2026-01-01', null],
    ['rejected', false, '2026-01-01', null],
  ])('%s closed=%s last active %s → %s', (stage, closed, lastActivityDate, days) => {
    expect(stalledDays({ stage, closed, lastActivityDate }, '2026-12-07')).toBe(days);
  });
  it('takes another threshold', () => {
    expect(
      stalledDays({ stage: 'target', closed: false, lastActivityDate: '2026-12-01' }, '2026-12-07', 5),
    ).toBe(6);
  });
});

describe('figures', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[9, 1, 4], 4],
    [[1, 2, 3, 10], 2.5],
  ])('median(%j) = %s', (values, m) => expect(median(values)).toBe(m));

  const history = [
    {
      stage: 'listed' as const,
      events: [
        { toStage: 'target' as const, date: '2026-01-01' },
        { toStage: 'applied' as const, date: '2026-01-11' },
        { toStage: 'pharmacyReview' as const, date: '2026-02-10' },
        { toStage: 'committee' as const, date: '2026-03-01' },
        { toStage: 'listed' as const, date: '2026-04-01' },
      ],
    },
    {
      stage: 'rejected' as const,
      events: [
        { toStage: 'target' as const, date: '2026-01-01' },
        { toStage: 'applied' as const, date: '2026-01-21' },
        // skipped 药剂科审核
        { toStage: 'committee' as const, date: '2026-02-01' },
        { toStage: 'rejected' as const, date: '2026-02-15' },
      ],
    },
    { stage: 'target' as const, events: [{ toStage: 'target' as const, date: '2026-06-01' }] },
  ];

  it('counts conversion per stage, a skip counting as passing', () => {
    const c = stageConversion(history);
    expect(c.map((s) => [s.stage, s.reached, s.advanced])).toEqual([
      ['target', 3, 2],
      ['applied', 2, 2],
      ['pharmacyReview', 2, 2],
      ['committee', 2, 1],
      ['listed', 1, 0],
      ['firstPurchase', 0, 0],
    ]);
    expect(c[3]!.rate).toBe(0.5);
    expect(c[5]!.rate).toBeNull();
  });

  it('measures completed stays only', () => {
    const t = Object.fromEntries(timeInStage(history).map((s) => [s.stage, s]));
    expect(t.target).toMatchObject({ count: 2, averageDays: 15, medianDays: 15 });
    expect(t.applied).toMatchObject({ count: 2, medianDays: 20.5 });
    expect(t.committee).toMatchObject({ count: 2, averageDays: 22.5 });
    expect(t.listed).toMatchObject({ count: 0, averageDays: null, medianDays: null });
  });
});
