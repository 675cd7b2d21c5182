import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { ChannelWarning } from './warnings.api.ts';

export { figureVsThreshold, formatWarningValue, subjectText } from './warning-format.ts';

const statusColor = { open: 'red', acknowledged: 'gold', resolved: 'default' } as const;

export function WarningStatusTag({ status, t }: { status: ChannelWarning['status']; t: TFunction }) {
  return <Tag color={statusColor[status]}>{t(`channelWarnings.statuses.${status}`)}</Tag>;
}
