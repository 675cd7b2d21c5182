import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { CareFeeClaimStatus, CareFeeSpecialStatus } from '@keqing/shared';

const statusColors: Record<CareFeeClaimStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  clerkSigned: 'processing',
  managerSigned: 'processing',
  approved: 'cyan',
  rejected: 'red',
  paid: 'green',
};

export function ClaimStatusTag({
  status,
  t,
}: {
  status: CareFeeClaimStatus | CareFeeSpecialStatus;
  t: TFunction;
}) {
  return (
    <Tag color={statusColors[status]} data-testid="care-fee-status">
      {t(`careFees.statuses.${status}`)}
    </Tag>
  );
}
