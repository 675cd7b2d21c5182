import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Popconfirm,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/api.ts';
import { formatDate, formatDateTime, formatFen } from '../../../lib/format.ts';
import '../../../lib/locales/channel-money.ts';
import { ListError } from '../../../app/ui/ListError.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import {
  useBills,
  useBounceBill,
  useDecideBill,
  useLedgerEntries,
  useReceivable,
  useReconciliations,
  useRiskEvents,
  type ChannelBill,
  type ChannelRiskEvent,
  type LedgerEntry,
  type LedgerReconciliation,
} from './money.api.ts';
import {
  AdjustmentModal,
  BillModal,
  PaymentModal,
  ReconciliationModal,
  RiskEventModal,
} from './MoneyForms.tsx';
import { BillStatusTag, Money, ReconciliationCell, RiskLevelTag } from './MoneyLabels.tsx';

type Dialog = 'payment' | 'adjustment' | 'bill' | 'reconciliation' | 'risk' | null;

/** 业务帐 — a tab of the channel customer page: summary, entries with the running balance, bills, 对账, risk signals. */
export function LedgerTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [page, setPage] = useState(1);
  const receivable = useReceivable(customerId);
  const entries = useLedgerEntries({ channelCustomerId: customerId, page, pageSize: 20 });
  const mayWrite = me.role !== 'compliance';
  const mayAdjust = me.role === 'manager' || me.role === 'admin';
  const r = receivable.data;
  const close = () => setDialog(null);

  const entryColumns: TableColumnsType<LedgerEntry> = [
    { title: t('channelMoney.entryDate'), dataIndex: 'entryDate', render: (v: string) => formatDate(v) },
    {
      title: t('channelMoney.entryKind'),
      dataIndex: 'kind',
      render: (_, e) => t(`channelMoney.entryKinds.${e.kind}`),
    },
    {
      title: t('channelMoney.amount'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('channelMoney.runningBalance'),
      dataIndex: 'balanceFen',
      align: 'right',
      render: (v: number) => <Typography.Text strong>{formatFen(v)}</Typography.Text>,
    },
    { title: t('channelMoney.dueDate'), dataIndex: 'dueDate', render: (v: string | null) => formatDate(v) },
    { title: t('channelMoney.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
    { title: t('channelMoney.createdBy'), dataIndex: 'createdByName' },
  ];

  return (
    <div data-testid="ledger-tab">
      <ListError error={receivable.error} />
      {r ? (
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('channelMoney.balance')}>
            <span data-testid="ledger-balance">{formatFen(r.balanceFen)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('channelMoney.creditLimit')}>
            {formatFen(r.creditLimitFen)}
            {r.overLimit ? (
              <Tag color="red" style={{ marginLeft: 4 }}>
                {t('channelMoney.overLimit')}
              </Tag>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('channelMoney.overdue')}>
            <Money fen={r.overdueFen} danger={r.overdueFen > 0} />
          </Descriptions.Item>
          <Descriptions.Item label={t('channelMoney.notDue')}>{formatFen(r.notDueFen)}</Descriptions.Item>
          <Descriptions.Item label={t('channelMoney.riskLevel')}>
            <RiskLevelTag level={r.riskLevel} />
          </Descriptions.Item>
          <Descriptions.Item label={t('channelMoney.lastReconciled')}>
            <ReconciliationCell row={r} />
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {mayWrite ? (
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => setDialog('payment')} data-testid="ledger-record-payment">
            {t('channelMoney.recordPayment')}
          </Button>
          <Button onClick={() => setDialog('bill')} data-testid="ledger-record-bill">
            {t('channelMoney.recordBill')}
          </Button>
          <Button onClick={() => setDialog('reconciliation')} data-testid="ledger-new-reconciliation">
            {t('channelMoney.newReconciliation')}
          </Button>
          <Button onClick={() => setDialog('risk')} data-testid="ledger-record-risk">
            {t('channelMoney.recordRiskEvent')}
          </Button>
          {mayAdjust ? (
            <Button onClick={() => setDialog('adjustment')} data-testid="ledger-adjust">
              {t('channelMoney.recordAdjustment')}
            </Button>
          ) : null}
        </Flex>
      ) : null}

      <Card size="small" title={t('channelMoney.entries')} style={{ marginBottom: 12 }}>
        <ListError error={entries.error} />
        <Table<LedgerEntry>
          rowKey="id"
          size="small"
          columns={entryColumns}
          dataSource={entries.data?.items}
          loading={entries.isFetching}
          pagination={{
            current: page,
            pageSize: 20,
            total: entries.data?.total,
            onChange: setPage,
            showSizeChanger: false,
          }}
          scroll={{ x: 'max-content' }}
          data-testid="ledger-entries"
        />
      </Card>
      <BillsCard customerId={customerId} />
      <ReconciliationsCard customerId={customerId} />
      <RiskEventsCard customerId={customerId} />

      <PaymentModal customerId={customerId} open={dialog === 'payment'} onClose={close} />
      <AdjustmentModal customerId={customerId} open={dialog === 'adjustment'} onClose={close} />
      <BillModal customerId={customerId} open={dialog === 'bill'} onClose={close} />
      <ReconciliationModal customerId={customerId} open={dialog === 'reconciliation'} onClose={close} />
      <RiskEventModal customerId={customerId} open={dialog === 'risk'} onClose={close} />
    </div>
  );
}

function BillsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const bills = useBills({ channelCustomerId: customerId, pageSize: 50 });
  const decide = useDecideBill();
  const bounce = useBounceBill();
  const mayWrite = me.role !== 'compliance';
  const mayDecide = (b: ChannelBill) =>
    b.status === 'pendingApproval' && b.createdBy !== me.id && (me.role === 'manager' || me.role === 'admin');
  const done = (text: string) => ({
    onSuccess: () => void message.success(text),
    onError: (e: unknown) => void message.error(errorText(e)),
  });
  const columns: TableColumnsType<ChannelBill> = [
    { title: t('channelMoney.receivedOn'), dataIndex: 'receivedOn', render: (v: string) => formatDate(v) },
    {
      title: t('channelMoney.billKind'),
      dataIndex: 'kind',
      render: (_, b) => t(`channelMoney.billKinds.${b.kind}`),
    },
    { title: t('channelMoney.billNo'), dataIndex: 'billNo' },
    { title: t('channelMoney.issuer'), dataIndex: 'issuer' },
    {
      title: t('channelMoney.amount'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    { title: t('channelMoney.dueOn'), dataIndex: 'dueOn', render: (v: string | null) => formatDate(v) },
    {
      title: t('channelMoney.billStatus'),
      dataIndex: 'status',
      render: (_, b) => <BillStatusTag status={b.status} />,
    },
    {
      key: 'actions',
      render: (_, b) => (
        <Flex gap={4}>
          {mayDecide(b) ? (
            <>
              <Button
                size="small"
                type="primary"
                onClick={() =>
                  decide.mutate({ id: b.id, decision: 'approved' }, done(t('channelMoney.approved')))
                }
              >
                {t('channelMoney.approve')}
              </Button>
              <Button
                size="small"
                danger
                onClick={() =>
                  decide.mutate({ id: b.id, decision: 'rejected' }, done(t('channelMoney.rejected')))
                }
              >
                {t('channelMoney.reject')}
              </Button>
            </>
          ) : null}
          {mayWrite && b.status === 'accepted' ? (
            <Popconfirm
              title={t('channelMoney.bounceConfirm')}
              onConfirm={() => bounce.mutate({ id: b.id }, done(t('channelMoney.bounced')))}
            >
              <Button size="small" danger data-testid="bill-bounce">
                {t('channelMoney.bounce')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ),
    },
  ];
  return (
    <Card size="small" title={t('channelMoney.bills')} style={{ marginBottom: 12 }}>
      <ListError error={bills.error} />
      <Table<ChannelBill>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={bills.data?.items}
        loading={bills.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="ledger-bills"
      />
    </Card>
  );
}

function ReconciliationsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const list = useReconciliations({ channelCustomerId: customerId, pageSize: 50 });
  const columns: TableColumnsType<LedgerReconciliation> = [
    { title: t('channelMoney.periodEnd'), dataIndex: 'periodEnd', render: (v: string) => formatDate(v) },
    {
      title: t('channelMoney.ourBalance'),
      dataIndex: 'ourBalanceFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('channelMoney.theirBalanceShort'),
      dataIndex: 'theirBalanceFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('channelMoney.difference'),
      dataIndex: 'differenceFen',
      align: 'right',
      render: (v: number) => <Money fen={v} danger={v !== 0} />,
    },
    { title: t('channelMoney.confirmedByName'), dataIndex: 'confirmedByName' },
    { title: t('channelMoney.recordedBy'), dataIndex: 'createdByName' },
    { title: t('channelMoney.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
  ];
  return (
    <Card size="small" title={t('channelMoney.reconciliations')} style={{ marginBottom: 12 }}>
      <ListError error={list.error} />
      <Table<LedgerReconciliation>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="ledger-reconciliations"
      />
    </Card>
  );
}

function RiskEventsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const list = useRiskEvents({ channelCustomerId: customerId, pageSize: 50 });
  const columns: TableColumnsType<ChannelRiskEvent> = [
    { title: t('channelMoney.occurredOn'), dataIndex: 'occurredOn', render: (v: string) => formatDate(v) },
    {
      title: t('channelMoney.riskKind'),
      dataIndex: 'kind',
      render: (_, e) => t(`channelMoney.riskKinds.${e.kind}`),
    },
    {
      title: t('channelMoney.severity'),
      dataIndex: 'severity',
      render: (v: number) => <Tag color={v >= 3 ? 'red' : v === 2 ? 'orange' : 'default'}>{v}</Tag>,
    },
    { title: t('channelMoney.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
    { title: t('channelMoney.createdBy'), dataIndex: 'createdByName' },
    { title: t('channelMoney.entryDate'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
  ];
  return (
    <Card
      size="small"
      title={t('channelMoney.riskEvents')}
      extra={<Typography.Text type="secondary">{t('channelMoney.riskRule')}</Typography.Text>}
    >
      <ListError error={list.error} />
      <Table<ChannelRiskEvent>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="ledger-risk-events"
      />
    </Card>
  );
}
