import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { EventStatus } from './events.api.ts';

const statusColor: Record<EventStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  managerApproved: 'purple',
  approved: 'green',
  rejected: 'red',
  held: 'cyan',
  closed: 'default',
};

export function EventStatusTag({ status, t }: { status: EventStatus; t: TFunction }) {
  return (
    <Tag color={statusColor[status]} data-testid="event-status" data-status={status}>
      {t(`events.statuses.${status}`)}
    </Tag>
  );
}
