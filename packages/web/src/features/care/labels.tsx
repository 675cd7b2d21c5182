import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { lifeEventKinds, type CareFestival, type LifeEventKind } from '@keqing/shared';
import type { CareKindKey, CarePlan } from './care.api.ts';

export const kindLabel = (t: TFunction, kind: CareKindKey) => t(`care.kinds.${kind}`);
export const festivalLabel = (t: TFunction, festival: CareFestival) => t(`care.festivals.${festival}`);
export const lifeEventLabel = (t: TFunction, kind: LifeEventKind) => t(`care.lifeEvents.${kind}`);
export const natureOf = (kind: LifeEventKind) => lifeEventKinds[kind];

const statusColor: Record<CarePlan['status'], string> = {
  draft: 'default',
  submitted: 'processing',
  managerApproved: 'purple',
  approved: 'green',
  rejected: 'red',
  executed: 'cyan',
};

export function PlanStatusTag({ status, t }: { status: CarePlan['status']; t: TFunction }) {
  return (
    <Tag color={statusColor[status]} data-testid="care-plan-status" data-status={status}>
      {t(`care.planStatuses.${status}`)}
    </Tag>
  );
}

export function LunarTag({ t }: { t: TFunction }) {
  return (
    <Tag color="gold" style={{ marginInlineEnd: 0 }}>
      {t('care.lunar')}
    </Tag>
  );
}
