import { Alert, Select, Table, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '@keqing/shared';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { useList, useRemoteOptions } from '../../lib/resources.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { ListError } from '../../app/ui/ListError.tsx';
import { ListToolbar, toolbarItemStyle } from '../../app/ui/ListToolbar.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import type { CoVisit } from './calls.api.ts';
import '../../lib/locales/calls.ts';

/** 协访: a manager's coaching evaluations of the team's calls; a rep sees theirs and acknowledges them. */
export default function CoVisitsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const list = useListParams({ filters: ['acknowledged', 'repId'] as const });
  const { data, isFetching, error } = useList<CoVisit>('co-visits', list.query);
  const showReps = me.role !== 'rep';
  const reps = useRemoteOptions<User>('users', (u) => u.name, { params: { role: 'rep' }, enabled: showReps });

  const columns: TableColumnsType<CoVisit> = [
    {
      title: t('calls.coVisits.date'),
      key: 'callDate',
      dataIndex: 'callDate',
      render: (v: string, cv) => (
        <Link to={`/co-visits/${cv.id}`} data-testid="co-visit-link">
          {formatDate(v)}
        </Link>
      ),
    },
    {
      title: t('calls.coVisits.doctor'),
      key: 'doctorName',
      render: (_: unknown, cv) => `${cv.doctorName} · ${cv.hospitalName}`,
    },
    { title: t('calls.coVisits.rep'), key: 'repName', dataIndex: 'repName' },
    { title: t('calls.coVisits.manager'), key: 'managerName', dataIndex: 'managerName' },
    {
      title: t('calls.coVisits.average'),
      key: 'averageScore',
      dataIndex: 'averageScore',
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
    },
    {
      title: t('calls.coVisits.acknowledged'),
      key: 'acknowledgedAt',
      dataIndex: 'acknowledgedAt',
      render: (v: string | null) =>
        v ? (
          <Tag color="green">{t('calls.coVisits.acknowledgedAt', { time: formatDateTime(v) })}</Tag>
        ) : (
          <Tag color="orange">{t('calls.coVisits.waiting')}</Tag>
        ),
    },
  ];

  return (
    <div>
      <PageHeader title={t('calls.coVisits.title')} />
      {me.role === 'manager' ? (
        <Alert type="info" showIcon title={t('calls.coVisits.createHint')} style={{ marginBottom: 12 }} />
      ) : null}
      <ListToolbar>
        <Select
          value={list.filters.acknowledged ?? ''}
          onChange={(v: string) => list.setFilter('acknowledged', v || undefined)}
          style={toolbarItemStyle}
          options={[
            { value: '', label: t('calls.coVisits.allStates') },
            { value: 'false', label: t('calls.coVisits.onlyWaiting') },
            { value: 'true', label: t('calls.coVisits.onlyAcknowledged') },
          ]}
        />
        {showReps ? (
          <Select
            allowClear
            placeholder={t('calls.list.allReps')}
            value={list.filters.repId}
            onChange={(v?: string) => list.setFilter('repId', v)}
            style={toolbarItemStyle}
            {...reps.selectProps}
          />
        ) : null}
      </ListToolbar>
      <ListError error={error} />
      <Table<CoVisit>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid="co-visits-table"
      />
    </div>
  );
}
