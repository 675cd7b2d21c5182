import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelBill, ChannelPromotion, Receivable } from '@keqing/shared';
import { formatDate, formatFen } from '../../../lib/format.ts';
import '../../../lib/locales/channel-money.ts';

const riskColors = { low: 'green', medium: 'orange', high: 'red' } as const;
export function RiskLevelTag({ level }: { level: Receivable['riskLevel'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={riskColors[level]} data-testid="risk-level" data-level={level}>
      {t(`channelMoney.riskLevels.${level}`)}
    </Tag>
  );
}

const reconColors = { ok: 'default', due: 'orange', overdue: 'red' } as const;
/** The last 对账 date with the due/overdue tag. */
export function ReconciliationCell({
  row,
}: {
  row: Pick<Receivable, 'lastReconciledOn' | 'reconciliationState'>;
}) {
  const { t } = useTranslation();
  return (
    <span>
      {row.lastReconciledOn ? formatDate(row.lastReconciledOn) : t('channelMoney.neverReconciled')}{' '}
      {row.reconciliationState !== 'ok' ? (
        <Tag color={reconColors[row.reconciliationState]} data-testid="reconciliation-state">
          {t(`channelMoney.reconciliationStates.${row.reconciliationState}`)}
        </Tag>
      ) : null}
    </span>
  );
}

const billColors = {
  pendingApproval: 'gold',
  accepted: 'green',
  rejected: 'default',
  honoured: 'blue',
  bounced: 'red',
} as const;
export function BillStatusTag({ status }: { status: ChannelBill['status'] }) {
  const { t } = useTranslation();
  return <Tag color={billColors[status]}>{t(`channelMoney.billStatuses.${status}`)}</Tag>;
}

const promotionColors = {
  draft: 'default',
  submitted: 'gold',
  approved: 'green',
  rejected: 'red',
  closed: 'default',
} as const;
export function PromotionStatusTag({ status }: { status: ChannelPromotion['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={promotionColors[status]} data-testid="promotion-status" data-status={status}>
      {t(`channelMoney.statuses.${status}`)}
    </Tag>
  );
}

/** A signed fen amount; red when the customer owes more than nothing past due etc. */
export function Money({ fen, danger }: { fen: number | null | undefined; danger?: boolean }) {
  if (fen === null || fen === undefined) return null;
  return danger ? (
    <Typography.Text type="danger">{formatFen(fen)}</Typography.Text>
  ) : (
    <span>{formatFen(fen)}</span>
  );
}
