import { useState } from 'react';
import { App, Button, Flex, Select, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { channelWarningKinds, channelWarningStatuses } from '@keqing/shared';
import { errorText } from '../../../lib/api.ts';
import { formatDate } from '../../../lib/format.ts';
import { useListParams } from '../../../lib/list-params.ts';
import '../../../lib/locales/channel-warnings.ts';
import { useSearchParamsUpdate } from '../../../lib/search-params.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { ListError } from '../../../app/ui/ListError.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { ChannelSettingsDrawer } from './ChannelSettingsDrawer.tsx';
import { HealthTab } from './HealthTab.tsx';
import { IncidentsTab } from './IncidentsTab.tsx';
import { PromisesTab } from './PromisesTab.tsx';
import { WarningDrawer } from './WarningDrawer.tsx';
import { figureVsThreshold, subjectText, WarningStatusTag } from './warning-labels.tsx';
import {
  useChannelCustomerOptions,
  useEvaluateWarnings,
  useWarnings,
  useWarningSummary,
  type ChannelWarning,
} from './warnings.api.ts';

const tabKeys = ['board', 'incidents', 'promises', 'health'] as const;
type TabKey = (typeof tabKeys)[number];

/** 渠道预警 board: counts per kind, filters, the warnings of the distributors in scope and their traced rows. */
function BoardTab() {
  const { t } = useTranslation();
  const list = useListParams({
    filters: ['status', 'kind', 'channelCustomerId', 'productId', 'assigneeId'] as const,
  });
  const warnings = useWarnings(list.query);
  const summary = useWarningSummary();
  const customers = useChannelCustomerOptions();
  const [params, updateParams] = useSearchParamsUpdate();
  const openId = params.get('warning');
  const open = (id: string | undefined) => updateParams({ warning: id });

  const columns: TableColumnsType<ChannelWarning> = [
    {
      title: t('channelWarnings.subject'),
      key: 'kind',
      render: (_, w) => (
        <span>
          <Typography.Link onClick={() => open(w.id)} data-testid="warning-open">
            {t(`channelWarnings.kinds.${w.kind}`)}
          </Typography.Link>
          {subjectText(t, w) ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {subjectText(t, w)}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    { title: t('channelWarnings.customer'), dataIndex: 'channelCustomerName' },
    { title: t('channelWarnings.product'), dataIndex: 'productName', render: (v: string | null) => v ?? '' },
    {
      title: t('channelWarnings.figureVsThreshold'),
      key: 'figure',
      render: (_, w) => figureVsThreshold(t, w),
    },
    { title: t('channelWarnings.raisedOn'), dataIndex: 'raisedOn', render: (v: string) => formatDate(v) },
    {
      title: t('channelWarnings.assignee'),
      dataIndex: 'assigneeName',
      render: (v: string | null) => v ?? '',
    },
    {
      title: t('channelWarnings.status'),
      dataIndex: 'status',
      render: (_, w) => <WarningStatusTag status={w.status} t={t} />,
    },
  ];

  const counts = summary.data?.byKind.filter((k) => k.open + k.acknowledged > 0) ?? [];
  return (
    <div>
      <Flex wrap gap={6} style={{ marginBottom: 12 }} data-testid="warning-counts">
        {counts.map((k) => (
          <Tag.CheckableTag
            key={k.kind}
            checked={list.filters.kind === k.kind}
            onChange={(checked) => list.setFilter('kind', checked ? k.kind : undefined)}
            data-testid={`warning-count-${k.kind}`}
          >
            {t(`channelWarnings.kinds.${k.kind}`)}{' '}
            <b style={{ color: k.open ? '#cf1322' : undefined }}>{k.open}</b>
            {k.acknowledged ? ` / ${k.acknowledged}` : ''}
          </Tag.CheckableTag>
        ))}
      </Flex>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('channelWarnings.allStatuses')}
          value={list.filters.status}
          onChange={(v: string | undefined) => list.setFilter('status', v)}
          options={channelWarningStatuses.map((s) => ({
            value: s,
            label: t(`channelWarnings.statuses.${s}`),
          }))}
          style={{ width: 140 }}
          data-testid="warnings-filter-status"
        />
        <Select
          allowClear
          placeholder={t('channelWarnings.allKinds')}
          value={list.filters.kind}
          onChange={(v: string | undefined) => list.setFilter('kind', v)}
          options={channelWarningKinds.map((k) => ({ value: k, label: t(`channelWarnings.kinds.${k}`) }))}
          style={{ width: 180 }}
          data-testid="warnings-filter-kind"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('channelWarnings.customerPlaceholder')}
          value={list.filters.channelCustomerId}
          onChange={(v: string | undefined) => list.setFilter('channelCustomerId', v)}
          options={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          style={{ width: 220, maxWidth: '100%' }}
          data-testid="warnings-filter-customer"
        />
      </Flex>
      <ListError error={warnings.error} />
      <Table<ChannelWarning>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={warnings.data?.items}
        loading={warnings.isFetching}
        pagination={list.pagination(warnings.data?.total)}
        onChange={list.onTableChange}
        onRow={(w) => ({
          'data-testid': `warning-row-${w.kind}`,
          // the whole row opens the drawer (a phone has no room to aim at the link)
          onClick: () => open(w.id),
          style: { cursor: 'pointer', background: w.status === 'open' ? '#fff7f6' : undefined },
        })}
        scroll={{ x: 'max-content' }}
        data-testid="warnings-table"
      />
      <WarningDrawer warningId={openId} onClose={() => open(undefined)} />
    </div>
  );
}

export default function WarningsBoardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [params, updateParams] = useSearchParamsUpdate();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const evaluate = useEvaluateWarnings();
  const tab = (tabKeys as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as TabKey)
    : 'board';
  const readOnly = me.role === 'compliance';

  const runEvaluation = () =>
    evaluate.mutate(
      {},
      {
        onSuccess: (r) => void message.success(t('channelWarnings.evaluated', r)),
        onError: (e) => void message.error(errorText(e)),
      },
    );

  return (
    <div>
      <PageHeader
        title={t('nav.channel-warnings')}
        subTitle={t('channelWarnings.pageHint')}
        extra={
          <>
            {me.role === 'manager' || me.role === 'admin' ? (
              <Button onClick={runEvaluation} loading={evaluate.isPending} data-testid="warnings-evaluate">
                {t('channelWarnings.evaluate')}
              </Button>
            ) : null}
            {me.role === 'admin' ? (
              <Button onClick={() => setSettingsOpen(true)} data-testid="warnings-settings">
                {t('channelWarnings.settings')}
              </Button>
            ) : null}
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => updateParams({ tab: key === 'board' ? undefined : key })}
        destroyOnHidden
        items={[
          { key: 'board', label: t('channelWarnings.tabs.board'), children: <BoardTab /> },
          {
            key: 'incidents',
            label: t('channelWarnings.tabs.incidents'),
            children: <IncidentsTab readOnly={readOnly} />,
          },
          {
            key: 'promises',
            label: t('channelWarnings.tabs.promises'),
            children: <PromisesTab readOnly={readOnly} />,
          },
          { key: 'health', label: t('channelWarnings.tabs.health'), children: <HealthTab /> },
        ]}
      />
      <ChannelSettingsDrawer open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </div>
  );
}
