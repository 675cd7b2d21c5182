import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  Popconfirm,
  Select,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ageingBucketKeys, riskLevels, type ChannelBill } from '@keqing/shared';
import { errorText } from '../../../lib/api.ts';
import { formatDate, formatFen } from '../../../lib/format.ts';
import { useListParams } from '../../../lib/list-params.ts';
import '../../../lib/locales/channel-money.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { ListError } from '../../../app/ui/ListError.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { useBills, useDecideBill, useReceivables, type Receivable } from './money.api.ts';
import { Money, ReconciliationCell, RiskLevelTag } from './MoneyLabels.tsx';

/** 应收账款: per channel customer in scope — balance, credit limit, overdue, ageing, risk level and the last 对账. */
export default function ReceivablesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const list = useListParams({ filters: ['riskLevel', 'overLimit'] as const });
  const receivables = useReceivables(list.query);
  const approver = me.role === 'manager' || me.role === 'admin';

  const columns: TableColumnsType<Receivable> = [
    {
      title: t('channelMoney.customer'),
      dataIndex: 'name',
      fixed: 'left',
      render: (_, r) => (
        <Link to={`/channel/customers/${r.id}?tab=ledger`} data-testid="receivable-open">
          {r.name}
        </Link>
      ),
    },
    {
      title: t('channelMoney.balance'),
      dataIndex: 'balanceFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('channelMoney.creditLimit'),
      dataIndex: 'creditLimitFen',
      align: 'right',
      render: (_, r) => (
        <span>
          {formatFen(r.creditLimitFen)}
          {r.overLimit ? (
            <Tag color="red" style={{ marginLeft: 4 }} data-testid="over-limit">
              {t('channelMoney.overLimit')}
            </Tag>
          ) : null}
        </span>
      ),
    },
    {
      title: t('channelMoney.overdue'),
      dataIndex: 'overdueFen',
      align: 'right',
      render: (v: number) => <Money fen={v} danger={v > 0} />,
    },
    {
      title: t('channelMoney.ageing'),
      children: ageingBucketKeys.map((k) => ({
        title: t(`channelMoney.buckets.${k}`),
        key: k,
        align: 'right' as const,
        render: (_: unknown, r: Receivable) => (r.buckets[k] ? formatFen(r.buckets[k]) : ''),
      })),
    },
    {
      title: t('channelMoney.riskLevel'),
      dataIndex: 'riskLevel',
      render: (_, r) => <RiskLevelTag level={r.riskLevel} />,
    },
    {
      title: t('channelMoney.lastReconciled'),
      dataIndex: 'lastReconciledOn',
      render: (_, r) => <ReconciliationCell row={r} />,
    },
  ];

  return (
    <div>
      <PageHeader title={t('nav.channel-receivables')} subTitle={t('channelMoney.receivablesHint')} />
      {approver ? <PendingBills /> : null}
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('channelMoney.search')}
          defaultValue={list.q}
          onSearch={list.setQ}
          style={{ width: 220 }}
          data-testid="receivables-search"
        />
        <Select
          allowClear
          placeholder={t('channelMoney.allRiskLevels')}
          value={list.filters.riskLevel}
          onChange={(v: string | undefined) => list.setFilter('riskLevel', v)}
          options={riskLevels.map((l) => ({ value: l, label: t(`channelMoney.riskLevels.${l}`) }))}
          style={{ width: 150 }}
          data-testid="receivables-filter-risk"
        />
        <Checkbox
          checked={list.filters.overLimit === 'true'}
          onChange={(e) => list.setFilter('overLimit', e.target.checked ? 'true' : undefined)}
          data-testid="receivables-filter-over-limit"
        >
          {t('channelMoney.overLimitOnly')}
        </Checkbox>
      </Flex>
      <ListError error={receivables.error} />
      <Table<Receivable>
        rowKey="id"
        size="middle"
        bordered
        columns={columns}
        dataSource={receivables.data?.items}
        loading={receivables.isFetching}
        pagination={list.pagination(receivables.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid="receivables-table"
      />
    </div>
  );
}

/** Commercial acceptance drafts awaiting a decision (the server refuses the caller's own). */
function PendingBills() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const bills = useBills({ status: 'pendingApproval', pageSize: 50 });
  const decide = useDecideBill();
  const items = (bills.data?.items ?? []).filter((b) => b.createdBy !== me.id);
  if (items.length === 0) return null;
  const act = (bill: ChannelBill, decision: 'approved' | 'rejected') =>
    decide.mutate(
      { id: bill.id, decision },
      {
        onSuccess: () =>
          void message.success(
            t(decision === 'approved' ? 'channelMoney.approved' : 'channelMoney.rejected'),
          ),
        onError: (e) => void message.error(errorText(e)),
      },
    );
  const columns: TableColumnsType<ChannelBill> = [
    {
      title: t('channelMoney.customer'),
      dataIndex: 'channelCustomerName',
      render: (_, b) => (
        <Link to={`/channel/customers/${b.channelCustomerId}?tab=ledger`}>{b.channelCustomerName}</Link>
      ),
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
    { title: t('channelMoney.createdBy'), dataIndex: 'createdByName' },
    {
      key: 'actions',
      render: (_, b) => (
        <Flex gap={4}>
          <Popconfirm title={t('channelMoney.approve')} onConfirm={() => act(b, 'approved')}>
            <Button size="small" type="primary" data-testid="bill-approve">
              {t('channelMoney.approve')}
            </Button>
          </Popconfirm>
          <Popconfirm title={t('channelMoney.reject')} onConfirm={() => act(b, 'rejected')}>
            <Button size="small" danger data-testid="bill-reject">
              {t('channelMoney.reject')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={t('channelMoney.pendingBills')}
      style={{ marginBottom: 16 }}
      data-testid="pending-bills"
    >
      <Table<ChannelBill>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
