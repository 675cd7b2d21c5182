import '../../lib/locales/analytics.ts';
import '../../lib/locales/calls.ts';
import { Alert, App, Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { errorText } from '../../lib/api.ts';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { useDetail } from '../../lib/resources.ts';
import { useAllProducts } from '../accounts/accounts.api.ts';
import { PeriodPicker } from './PeriodPicker.tsx';
import {
  downloadDrill,
  useDrill,
  type DrillCall,
  type DrillDoctor,
  type DrillFollowUp,
  type DrillItem,
} from './analytics.api.ts';
import { drillQueryOf, type DrillMetric } from './drill-link.ts';

const callTypes = ['visit', 'phone', 'wechat', 'departmentMeeting', 'conference'] as const;
const isCallType = (v: string): v is (typeof callTypes)[number] =>
  (callTypes as readonly string[]).includes(v);

/**
 * 下钻: the records behind one dashboard figure — the doctors, calls or follow-ups it counts, with the same
 * period, product, team or rep and grade — paged on the server, exportable, each row linking to its record.
 */
export default function DrillPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const { metric, query } = drillQueryOf(search);
  const list = useListParams();
  const { data, error, isFetching } = useDrill(metric, {
    ...query,
    page: list.page,
    pageSize: list.pageSize,
  });
  const team = useDetail<{ name: string }>('teams', query.repId ? undefined : query.teamId);
  const products = useAllProducts();
  const [exporting, setExporting] = useState(false);

  const items = data?.items ?? [];
  const repName = query.repId
    ? (items as { repId: string; repName: string }[]).find((i) => i.repId === query.repId)?.repName
    : undefined;
  const productName = query.productId
    ? products.data?.items.find((p) => p.id === query.productId)?.name
    : undefined;

  const what =
    metric === 'doctors'
      ? t(`analytics.drill.states.${query.state as 'uncovered' | 'covered' | 'belowFrequency' | 'all'}`)
      : metric === 'calls'
        ? t(`analytics.drill.kinds.${query.kind as 'all' | 'short' | 'burst' | 'fewObjectives'}`)
        : null;
  const periodKind =
    (['cycle', 'month', 'quarter', 'custom'] as const).find((k) => k === query.period) ?? 'cycle';
  const period =
    periodKind === 'custom' && query.from && query.to
      ? `${query.from} ~ ${query.to}`
      : `${t(`analytics.period.${periodKind}`)} · ${query.date ?? t('analytics.period.current')}`;
  const tags = [
    what,
    query.grade ? t('analytics.drill.grade', { grade: query.grade }) : null,
    repName ? t('analytics.drill.rep', { name: repName }) : null,
    team.data ? t('analytics.drill.team', { name: team.data.name }) : null,
    productName ? t('analytics.drill.product', { name: productName }) : null,
    period,
  ].filter((x): x is string => !!x);

  const runExport = async () => {
    setExporting(true);
    try {
      await downloadDrill(metric, query);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div data-testid="drill-page">
      <Space className="kq-no-print" style={{ marginBottom: 8 }}>
        <Button
          type="link"
          style={{ paddingInline: 0 }}
          onClick={() => void navigate(-1)}
          data-testid="drill-back"
        >
          ← {t('analytics.actions.back')}
        </Button>
      </Space>
      <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="drill-title">
        {t(`analytics.drill.title.${metric}`)}
        {what ? ` · ${what}` : ''}
        {query.grade ? ` · ${t('analytics.drill.grade', { grade: query.grade })}` : ''}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        {tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
        {data ? (
          <Typography.Text type="secondary">
            {t('analytics.drill.count', { n: formatNumber(data.total) })}
          </Typography.Text>
        ) : null}
      </Space>
      <Space wrap className="kq-no-print" style={{ marginBottom: 16, display: 'flex' }}>
        <PeriodPicker />
        <Button onClick={() => void runExport()} loading={exporting} data-testid="drill-export">
          {t('analytics.actions.export')}
        </Button>
        <Button onClick={() => window.print()}>{t('analytics.actions.print')}</Button>
      </Space>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} /> : null}
      <Table<DrillItem>
        rowKey={(r) => `${r.id}:${r.repId}`}
        size="small"
        loading={isFetching}
        columns={columnsOf(metric, t)}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        data-testid="drill-table"
      />
    </div>
  );
}

function columnsOf(metric: DrillMetric, t: TFunction): ColumnsType<DrillItem> {
  const c = (key: Parameters<typeof columnTitle>[1]) => columnTitle(t, key);
  if (metric === 'doctors') {
    const cols: ColumnsType<DrillDoctor> = [
      {
        title: c('doctor'),
        dataIndex: 'doctorName',
        render: (name: string, r) => <Link to={`/doctors/${r.id}`}>{name}</Link>,
      },
      { title: c('hospital'), dataIndex: 'hospitalName' },
      { title: c('department'), dataIndex: 'departmentName' },
      { title: c('grade'), dataIndex: 'grade', render: (g: string | null) => (g ? <Tag>{g}</Tag> : '') },
      { title: c('rep'), dataIndex: 'repName' },
      {
        title: c('required'),
        dataIndex: 'requiredCalls',
        align: 'right',
        render: (v: number) => formatNumber(v),
      },
      {
        title: c('done'),
        dataIndex: 'doneCalls',
        align: 'right',
        render: (v: number, r) => (
          <Typography.Text type={v < r.requiredCalls ? 'danger' : undefined}>
            {formatNumber(v)}
          </Typography.Text>
        ),
      },
      { title: c('lastCall'), dataIndex: 'lastCallDate', render: (v: string | null) => formatDate(v) },
    ];
    return cols as ColumnsType<DrillItem>;
  }
  if (metric === 'calls') {
    const cols: ColumnsType<DrillCall> = [
      {
        title: c('callDate'),
        dataIndex: 'callDate',
        render: (v: string, r) => <Link to={`/calls/${r.id}`}>{formatDate(v)}</Link>,
      },
      {
        title: c('startAt'),
        dataIndex: 'startAt',
        render: (v: string | null) => formatDateTime(v).slice(11),
      },
      {
        title: c('minutes'),
        dataIndex: 'minutes',
        align: 'right',
        render: (v: number | null) => formatNumber(v),
      },
      { title: c('doctor'), dataIndex: 'doctorName' },
      { title: c('hospital'), dataIndex: 'hospitalName' },
      { title: c('rep'), dataIndex: 'repName' },
      {
        title: c('type'),
        dataIndex: 'type',
        render: (v: string) => (isCallType(v) ? String(t(`calls.types.${v}`)) : v),
      },
      {
        title: c('objectives'),
        dataIndex: 'objectiveCount',
        align: 'right',
        render: (v: number) => formatNumber(v),
      },
    ];
    return cols as ColumnsType<DrillItem>;
  }
  const cols: ColumnsType<DrillFollowUp> = [
    {
      title: c('title'),
      dataIndex: 'title',
      render: (v: string, r) => <Link to={`/doctors/${r.doctorId}`}>{v}</Link>,
    },
    {
      title: c('doctor'),
      dataIndex: 'doctorName',
      render: (v: string, r) => <Link to={`/doctors/${r.doctorId}`}>{v}</Link>,
    },
    { title: c('hospital'), dataIndex: 'hospitalName' },
    { title: c('rep'), dataIndex: 'repName' },
    {
      title: c('dueDate'),
      dataIndex: 'dueDate',
      render: (v: string) => <Typography.Text type="danger">{formatDate(v)}</Typography.Text>,
    },
    {
      title: c('overdueDays'),
      dataIndex: 'overdueDays',
      align: 'right',
      render: (v: number) => formatNumber(v),
    },
  ];
  return cols as ColumnsType<DrillItem>;
}

type ColumnKey =
  | 'doctor'
  | 'hospital'
  | 'department'
  | 'grade'
  | 'rep'
  | 'required'
  | 'done'
  | 'lastCall'
  | 'callDate'
  | 'startAt'
  | 'minutes'
  | 'type'
  | 'objectives'
  | 'title'
  | 'dueDate'
  | 'overdueDays';

function columnTitle(t: TFunction, key: ColumnKey): string {
  return String(t(`analytics.drill.columns.${key}`));
}
