import { Card, Empty, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format.ts';
import '../../../lib/locales/channel-warnings.ts';
import { ListError } from '../../../app/ui/ListError.tsx';
import { HealthTrend } from './HealthTrend.tsx';
import { WarningDrawer } from './WarningDrawer.tsx';
import { figureVsThreshold, subjectText, WarningStatusTag } from './warning-labels.tsx';
import { useWarnings, type ChannelWarning } from './warnings.api.ts';

/** 预警 — a tab of the channel customer page: that customer's warnings (open first) and its health trend. */
export function CustomerWarningsTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const warnings = useWarnings({ channelCustomerId: customerId, pageSize: 200 });
  const [params, setParams] = useSearchParams();
  const openId = params.get('warning');
  const open = (id: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('warning', id);
        else next.delete('warning');
        return next;
      },
      { replace: true },
    );

  const columns: TableColumnsType<ChannelWarning> = [
    {
      title: t('channelWarnings.subject'),
      key: 'kind',
      render: (_, w) => (
        <Typography.Link onClick={() => open(w.id)} data-testid="warning-open">
          {t(`channelWarnings.kinds.${w.kind}`)}
          {subjectText(t, w) ? ` · ${subjectText(t, w)}` : ''}
        </Typography.Link>
      ),
    },
    { title: t('channelWarnings.product'), dataIndex: 'productName', render: (v: string | null) => v ?? '' },
    {
      title: t('channelWarnings.figureVsThreshold'),
      key: 'figure',
      render: (_, w) => figureVsThreshold(t, w),
    },
    { title: t('channelWarnings.raisedOn'), dataIndex: 'raisedOn', render: (v: string) => formatDate(v) },
    {
      title: t('channelWarnings.status'),
      dataIndex: 'status',
      render: (_, w) => <WarningStatusTag status={w.status} t={t} />,
    },
  ];

  return (
    <Flex vertical gap={12} data-testid="customer-warnings-tab">
      <Card size="small" title={t('channelWarnings.tab.health')}>
        <HealthTrend channelCustomerId={customerId} />
      </Card>
      <ListError error={warnings.error} />
      <Table<ChannelWarning>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={warnings.data?.items}
        loading={warnings.isFetching}
        pagination={false}
        onRow={(w) => ({
          'data-testid': `warning-row-${w.kind}`,
          onClick: () => open(w.id),
          style: { cursor: 'pointer' },
        })}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('channelWarnings.tab.none')} /> }}
      />
      <WarningDrawer warningId={openId} onClose={() => open(undefined)} />
    </Flex>
  );
}
