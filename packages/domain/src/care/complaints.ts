/**
 * 客户抱怨 recovery (seed 002): answer fast, within what the rep is empowered to decide, with an apology and, where
 * due, compensation. Types are seed 000's after-sales issues.
 */
export const complaintIssueTypes = [
  'returnExchange', // 退换
  'shortage', // 数量短缺
  'quality', // 质量问题
  'damagedPackaging', // 包装破损
  'productKnowledge', // 产品知识
  'salesDispute', // 销售纠纷
  'other', // 其他
] as const;
export type ComplaintIssueType = (typeof complaintIssueTypes)[number];

export const complaintStatuses = ['received', 'acknowledged', 'actionTaken', 'closed'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

/** Hours to acknowledge and to close, by severity: an urgent complaint is answered the same morning. */
export const complaintDueHours = {
  normal: { acknowledge: 24, close: 7 * 24 },
  urgent: { acknowledge: 4, close: 3 * 24 },
} as const;
export type ComplaintSeverity = keyof typeof complaintDueHours;

/** When the complaint must be acknowledged and closed, from when it was received (ISO timestamps). */
export function complaintDueTimes(receivedAt: string, severity: ComplaintSeverity) {
  const received = Date.parse(receivedAt);
  const hours = complaintDueHours[severity];
  return {
    acknowledgeDueAt: new Date(received + hours.acknowledge * 3_600_000).toISOString(),
    closeDueAt: new Date(received + hours.close * 3_600_000).toISOString(),
  };
}

/** The next status a complaint may move to; a complaint never goes back, and closing needs the earlier steps. */
export const nextComplaintStatus: Record<ComplaintStatus, ComplaintStatus | null> = {
  received: 'acknowledged',
  acknowledged: 'actionTaken',
  actionTaken: 'closed',
  closed: null,
};

/** Overdue: the step in progress is past its due time (acknowledgement while received, closing until closed). */
export function complaintOverdue(
  c: { status: ComplaintStatus; acknowledgeDueAt: string; closeDueAt: string },
  now: Date,
): boolean {
  if (c.status === 'closed') return false;
  const due = c.status === 'received' ? c.acknowledgeDueAt : c.closeDueAt;
  return now.getTime() > Date.parse(due);
}
