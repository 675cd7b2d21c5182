/**
 * Messages of the segmentation module's services (keys namespaced `segmentation.`). The pure rules' own
 * messages come from @keqing/domain `segmentationMessages`; both are merged in ../i18n.ts.
 */
export const segmentationServiceMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {
    'segmentation.listing.doctorsPrescribing':
      '本院仍有 {count} 位医生对该产品的处方现状为 0 或以上（已进药后的评分），确认该院已停用此产品时，请选择“强制改为未进药”，并随后重新评估这些医生',
    'segmentation.ladder.unchanged': '新阶梯与当前阶梯相同',
    'segmentation.review.ownerNotRep': '周讨论只能针对医药代表的重点客户名单',
    'segmentation.review.weekInFuture': '不能记录未来一周的讨论',
    'segmentation.date.inFuture': '日期不能晚于今天',
    'segmentation.date.beforeLatest': '日期不能早于最近一次记录的日期 {date}',
    'segmentation.grading.potentialsOutsideScale':
      '有 {count} 条医生评分的处方潜力不在新刻度 {min}–{max} 内，请先调整刻度或重新评估这些医生',
    'segmentation.product.inactive': '该产品已停用',
  },
  en: {
    'segmentation.listing.doctorsPrescribing':
      '{count} doctors at this hospital have a status of 0 or more for the product (scored as listed); if the hospital has dropped the product, force the change and re-assess those doctors afterwards',
    'segmentation.ladder.unchanged': 'The new step is the same as the current one',
    'segmentation.review.ownerNotRep': "Weekly reviews are of a rep's key-account list",
    'segmentation.review.weekInFuture': 'A review cannot be recorded for a future week',
    'segmentation.date.inFuture': 'The date cannot be in the future',
    'segmentation.date.beforeLatest': 'The date cannot be before the latest entry on {date}',
    'segmentation.grading.potentialsOutsideScale':
      '{count} doctor scores have a potential outside the new scale {min}–{max}; change the scale or re-assess them first',
    'segmentation.product.inactive': 'This product is no longer active',
  },
};
