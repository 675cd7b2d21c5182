import { Button, DatePicker, Select, Space, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { callStatuses, type Doctor, type User } from '@keqing/shared';
import { dateFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { useList, useRemoteOptions } from '../../lib/resources.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { ListError } from '../../app/ui/ListError.tsx';
import { ListToolbar, toolbarItemStyle } from '../../app/ui/ListToolbar.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import type { Call } from './calls.api.ts';
import { callColumns } from './call-columns.tsx';
import { callTypeOptions } from './labels.ts';
import '../../lib/locales/calls.ts';

const filterNames = ['from', 'to', 'type', 'status', 'doctorId', 'ownerId'] as const;

/** 拜访记录: a rep's own calls; a manager's team (with the rep column); compliance and admins read all. */
export default function CallsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const list = useListParams({ filters: filterNames });
  const query = { ...list.query, sort: list.sort ?? '-startAt' };
  const { data, isFetching, error } = useList<Call>('calls', query);
  const doctors = useRemoteOptions<Doctor>('doctors', (d) => `${d.name} · ${d.hospitalName}`, {
    pageSize: 30,
  });
  const showReps = me.role !== 'rep';
  const reps = useRemoteOptions<User>('users', (u) => (u.teamName ? `${u.name} · ${u.teamName}` : u.name), {
    params: { role: 'rep' },
    enabled: showReps,
  });
  const { from, to, type, status, doctorId, ownerId } = list.filters;

  const column = callColumns(t);
  const columns: TableColumnsType<Call> = [
    {
      ...column.date,
      sorter: true,
      sortOrder: list.sortOrderOf('startAt') ?? (list.sort ? null : 'descend'),
    },
    { ...column.doctor, sorter: true, sortOrder: list.sortOrderOf('doctorName') },
    column.hospital,
    column.type,
    column.products,
    column.objectives,
    column.status,
  ];
  if (showReps) {
    columns.splice(1, 0, column.rep);
  }
  if (me.role === 'manager') {
    columns.push({
      title: t('calls.list.coVisit'),
      key: 'coVisit',
      render: (_: unknown, c) =>
        c.coVisitId ? (
          <Link to={`/co-visits/${c.coVisitId}`}>{t('calls.list.coVisitDone')}</Link>
        ) : c.status === 'submitted' ? (
          <Link to={`/co-visits/new?callId=${c.id}`} data-testid="list-start-co-visit">
            {t('calls.list.startCoVisit')}
          </Link>
        ) : null,
    });
  }

  const dateValue = (v: string | undefined) => (v ? dayjs(v) : null);

  return (
    <div>
      <PageHeader
        title={t('calls.list.title')}
        extra={
          me.role === 'rep' ? (
            <Button type="primary" onClick={() => void navigate('/calls/new')} data-testid="new-call">
              {t('calls.list.create')}
            </Button>
          ) : null
        }
      />
      <ListToolbar>
        <Space.Compact style={{ ...toolbarItemStyle, maxWidth: 320, flexBasis: 260 }}>
          <DatePicker
            value={dateValue(from)}
            onChange={(d) => list.setFilter('from', d ? d.format(dateFormat) : undefined)}
            placeholder={t('calls.list.from')}
            format={dateFormat}
            inputReadOnly
            style={{ width: '50%' }}
          />
          <DatePicker
            value={dateValue(to)}
            onChange={(d) => list.setFilter('to', d ? d.format(dateFormat) : undefined)}
            placeholder={t('calls.list.to')}
            format={dateFormat}
            inputReadOnly
            style={{ width: '50%' }}
          />
        </Space.Compact>
        <Select
          allowClear
          placeholder={t('calls.list.allTypes')}
          value={type}
          onChange={(v?: string) => list.setFilter('type', v)}
          options={callTypeOptions(t)}
          style={toolbarItemStyle}
        />
        <Select
          allowClear
          placeholder={t('calls.list.allStatuses')}
          value={status}
          onChange={(v?: string) => list.setFilter('status', v)}
          options={callStatuses.map((s) => ({ value: s, label: t(`calls.statuses.${s}`) }))}
          style={toolbarItemStyle}
          data-testid="calls-status-filter"
        />
        <Select
          allowClear
          placeholder={t('calls.list.allDoctors')}
          value={doctorId}
          onChange={(v?: string) => list.setFilter('doctorId', v)}
          style={toolbarItemStyle}
          {...doctors.selectProps}
        />
        {showReps ? (
          <Select
            allowClear
            placeholder={t('calls.list.allReps')}
            value={ownerId}
            onChange={(v?: string) => list.setFilter('ownerId', v)}
            style={toolbarItemStyle}
            data-testid="calls-rep-filter"
            {...reps.selectProps}
          />
        ) : null}
      </ListToolbar>
      <ListError error={error} />
      <Table<Call>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid="calls-table"
      />
    </div>
  );
}
