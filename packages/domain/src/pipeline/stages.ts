/**
 * 进药 pipeline stages: 目标医院 → 科室提出申请 → 药剂科审核 → 药事委员会 → 进药 | 未通过 → 首次采购 → 稳定使用.
 * `rejected` 未通过 is a side branch after the committee; the rest is one ordered path.
 */
export const pipelineStages = [
  'target',
  'applied',
  'pharmacyReview',
  'committee',
  'listed',
  'rejected',
  'firstPurchase',
  'stableUse',
] as const;
export type PipelineStage = (typeof pipelineStages)[number];

/** The ordered path a product takes into a hospital (without the rejected branch). */
export const mainPath = [
  'target',
  'applied',
  'pharmacyReview',
  'committee',
  'listed',
  'firstPurchase',
  'stableUse',
] as const satisfies readonly PipelineStage[];

/** Chinese stage names, for texts built on the server (notification params). */
export const pipelineStageNames: Record<PipelineStage, string> = {
  target: '目标医院',
  applied: '科室提出申请',
  pharmacyReview: '药剂科审核',
  committee: '药事委员会',
  listed: '进药',
  rejected: '未通过',
  firstPurchase: '首次采购',
  stableUse: '稳定使用',
};

/** Stages at which the product is on the hospital's formulary (segmentation's listed status range). */
export const listedStages: readonly PipelineStage[] = ['listed', 'firstPurchase', 'stableUse'];
export const isListedStage = (stage: PipelineStage) => listedStages.includes(stage);

/** Where a stage sits on the main path; rejected sits with the committee (it is the committee's other outcome). */
export function stageRank(stage: PipelineStage): number {
  if (stage === 'rejected') return mainPath.indexOf('committee');
  return mainPath.indexOf(stage);
}

/** The stages a rejection may come from: the committee or earlier. */
export const rejectableStages: readonly PipelineStage[] = [
  'target',
  'applied',
  'pharmacyReview',
  'committee',
];
