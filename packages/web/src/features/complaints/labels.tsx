import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { Complaint, ComplaintStatus } from './complaints.api.ts';

const statusColor: Record<ComplaintStatus, string> = {
  received: 'orange',
  acknowledged: 'processing',
  actionTaken: 'purple',
  closed: 'green',
};

export function ComplaintStatusTag({ status, t }: { status: ComplaintStatus; t: TFunction }) {
  return (
    <Tag color={statusColor[status]} data-testid="complaint-status" data-status={status}>
      {t(`complaints.statuses.${status}`)}
    </Tag>
  );
}

/** The due time of the step in progress: acknowledging while received, closing until closed. */
export function dueOf(c: Pick<Complaint, 'status' | 'acknowledgeDueAt' | 'closeDueAt'>): string | null {
  if (c.status === 'closed') return null;
  return c.status === 'received' ? c.acknowledgeDueAt : c.closeDueAt;
}

/** The customer a complaint is about: the doctor (with hospital) or the channel customer. */
export function customerOf(c: Complaint): { name: string; sub: string | null } {
  if (c.doctorId) return { name: c.doctorName ?? '', sub: c.hospitalName };
  return { name: c.channelCustomerName ?? '', sub: null };
}
