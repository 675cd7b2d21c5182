import { useState } from 'react';
import { Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import '../../../lib/locales/channel-warnings.ts';
import { ListError } from '../../../app/ui/ListError.tsx';
import { HealthTrend } from './HealthTrend.tsx';
import { useLatestHealth, type ChannelHealthLatest } from './warnings.api.ts';

const trendColor = { declining: 'red', improving: 'green', steady: 'default' } as const;
const scoreColor = (score: number) => (score < 60 ? '#cf1322' : score < 80 ? '#d48806' : '#389e0d');

/** 健康度: the latest score per distributor in scope, the steepest decline first; a row opens its 12-month trend. */
export function HealthTab() {
  const { t } = useTranslation();
  const latest = useLatestHealth();
  const [selected, setSelected] = useState<string | null>(null);
  const current = selected ?? latest.data?.items[0]?.channelCustomerId ?? null;

  const columns: TableColumnsType<ChannelHealthLatest> = [
    {
      title: t('channelWarnings.customer'),
      dataIndex: 'channelCustomerName',
      render: (v: string, r) => (
        <Typography.Link onClick={() => setSelected(r.channelCustomerId)} data-testid="health-open">
          {v}
        </Typography.Link>
      ),
    },
    { title: t('channelWarnings.health.month'), dataIndex: 'month' },
    {
      title: t('channelWarnings.health.score'),
      dataIndex: 'score',
      render: (v: number) => (
        <Typography.Text strong style={{ color: scoreColor(v) }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('channelWarnings.health.change'),
      dataIndex: 'change',
      render: (v: number | null) => (v === null ? '' : v > 0 ? `+${v}` : String(v)),
    },
    {
      title: t('channelWarnings.health.trend'),
      dataIndex: 'trend',
      render: (v: ChannelHealthLatest['trend']) =>
        v ? (
          <Tag color={trendColor[v]} data-testid={`health-trend-${v}`}>
            {t(`channelWarnings.health.trends.${v}`)}
          </Tag>
        ) : null,
    },
  ];

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('channelWarnings.health.weightsHint')}</Typography.Paragraph>
      <ListError error={latest.error} />
      {current ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <HealthTrend channelCustomerId={current} />
        </Card>
      ) : null}
      <Table<ChannelHealthLatest>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={latest.data?.items}
        loading={latest.isFetching}
        pagination={false}
        onRow={(r) => ({ style: r.trend === 'declining' ? { background: '#fff1f0' } : undefined })}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('channelWarnings.health.none') }}
        data-testid="health-table"
      />
    </div>
  );
}
