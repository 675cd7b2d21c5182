import { z } from 'zod';

/**
 * 通知 kinds. followUpDue 跟进到期 · belowFrequency 拜访频率不足 (before the cycle/month ends) · careDate 关怀日期 ·
 * approvalWaiting 待审批 · reportComment 日报批注 · channelWarning 渠道预警 · pipelineStalled 进药停滞 · handover 交接.
 */
export const notificationKinds = [
  'followUpDue',
  'belowFrequency',
  'careDate',
  'approvalWaiting',
  'reportComment',
  'channelWarning',
  'pipelineStalled',
  'handover',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const notificationKindSchema = z.enum(notificationKinds);
