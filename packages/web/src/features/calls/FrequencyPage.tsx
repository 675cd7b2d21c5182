import {
  Button,
  Card,
  Col,
  Row,
  Segmented,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { frequencyStates, type User } from '@keqing/shared';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { useRemoteOptions } from '../../lib/resources.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { ListError } from '../../app/ui/ListError.tsx';
import { ListToolbar, toolbarItemStyle } from '../../app/ui/ListToolbar.tsx';
import { gradeColor } from '../accounts/labels.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import {
  useFrequencyDoctors,
  useFrequencySummary,
  type FrequencyDoctor,
  type FrequencySummary,
} from './calls.api.ts';
import { frequencyStateColor, type FrequencyState } from './labels.ts';
import '../../lib/locales/calls.ts';

type SummaryRow = FrequencySummary['total'] & { key: string; label: string };

/**
 * 拜访频率: the rep's doctors due or overdue for a call in the current cycle; a manager picks a rep and sees
 * the team's attainment by grade and by rep.
 */
export default function FrequencyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const isRep = me.role === 'rep';
  const list = useListParams({ filters: ['state', 'grade', 'ownerId'] as const });
  const ownerId = isRep ? undefined : list.filters.ownerId;
  const reps = useRemoteOptions<User>('users', (u) => (u.teamName ? `${u.name} · ${u.teamName}` : u.name), {
    params: { role: 'rep' },
    enabled: !isRep,
  });
  const showDoctors = isRep || !!ownerId;
  const doctors = useFrequencyDoctors({ ...list.query, ownerId }, showDoctors);
  const summary = useFrequencySummary({ ownerId }, true);

  const columns: TableColumnsType<FrequencyDoctor> = [
    {
      title: t('calls.frequency.doctor'),
      key: 'doctorName',
      render: (_: unknown, d) => (
        <>
          <Link to={`/doctors/${d.id}`} data-testid="frequency-doctor">
            {d.doctorName}
          </Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {[d.hospitalName, d.departmentName].filter(Boolean).join(' · ')}
          </Typography.Text>
          {isRep ? (
            // Beside the name, so a phone shows it without scrolling the table sideways.
            <Button
              size="small"
              type="link"
              style={{ paddingInline: 0 }}
              onClick={() => void navigate(`/calls/new?doctorId=${d.id}`)}
              data-testid="frequency-log-call"
            >
              {t('calls.frequency.logCall')}
            </Button>
          ) : null}
        </>
      ),
    },
    {
      title: t('calls.frequency.state'),
      key: 'state',
      dataIndex: 'state',
      render: (v: FrequencyState) => (
        <Tag color={frequencyStateColor[v]} data-testid="frequency-state">
          {t(`calls.frequency.states.${v}`)}
        </Tag>
      ),
    },
    {
      title: t('calls.frequency.overdueDays'),
      key: 'overdueDays',
      dataIndex: 'overdueDays',
      align: 'right',
      render: (v: number) =>
        v > 0 ? (
          <Typography.Text type="danger">
            {t('calls.frequency.overdueDaysValue', { count: v })}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('calls.frequency.grade'),
      key: 'grade',
      dataIndex: 'grade',
      render: (v: string | null) => (v ? <Tag color={gradeColor(v)}>{v}</Tag> : t('calls.frequency.noGrade')),
    },
    { title: t('calls.frequency.required'), key: 'required', dataIndex: 'required', align: 'right' },
    { title: t('calls.frequency.planned'), key: 'planned', dataIndex: 'planned', align: 'right' },
    { title: t('calls.frequency.done'), key: 'done', dataIndex: 'done', align: 'right' },
    {
      title: t('calls.frequency.lastCall'),
      key: 'lastCallDate',
      dataIndex: 'lastCallDate',
      render: (v: string | null) => (v ? formatDate(v) : '—'),
    },
    {
      title: t('calls.frequency.dueDate'),
      key: 'dueDate',
      dataIndex: 'dueDate',
      render: (v: string | null) => (v ? formatDate(v) : '—'),
    },
  ];
  const data = summary.data;
  const rowColumns = (first: string): TableColumnsType<SummaryRow> => [
    { title: first, key: 'label', dataIndex: 'label' },
    { title: t('calls.frequency.doctors'), key: 'doctors', dataIndex: 'doctors', align: 'right' },
    { title: t('calls.frequency.required'), key: 'required', dataIndex: 'required', align: 'right' },
    { title: t('calls.frequency.planned'), key: 'planned', dataIndex: 'planned', align: 'right' },
    { title: t('calls.frequency.done'), key: 'done', dataIndex: 'done', align: 'right' },
    {
      title: t('calls.frequency.attainment'),
      key: 'attainmentPct',
      dataIndex: 'attainmentPct',
      align: 'right',
      render: (v: number) => `${formatNumber(v)}%`,
    },
    {
      title: t('calls.frequency.overdueDoctors'),
      key: 'overdueDoctors',
      dataIndex: 'overdueDoctors',
      align: 'right',
      render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
    },
  ];
  const byGrade: SummaryRow[] = (data?.byGrade ?? []).map((r) => ({ ...r, key: r.grade, label: r.grade }));
  const byRep: SummaryRow[] = (data?.byRep ?? []).map((r) => ({ ...r, key: r.repId, label: r.repName }));

  return (
    <div>
      <PageHeader
        title={t('calls.frequency.title')}
        subTitle={
          data
            ? t('calls.frequency.cycle', { from: formatDate(data.cycleStart), to: formatDate(data.cycleEnd) })
            : undefined
        }
      />
      <ListError error={summary.error} />
      {data ? (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="frequency-summary">
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('calls.frequency.attainment')}
                value={data.total.attainmentPct}
                suffix="%"
                precision={1}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={`${t('calls.frequency.done')} / ${t('calls.frequency.required')}`}
                value={`${formatNumber(data.total.done)} / ${formatNumber(data.total.required)}`}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('calls.frequency.planned')}
                value={data.total.planned}
                formatter={(v) => formatNumber(Number(v))}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('calls.frequency.overdueDoctors')}
                value={data.total.overdueDoctors}
                styles={{ content: data.total.overdueDoctors > 0 ? { color: '#cf1322' } : undefined }}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
      {data && byGrade.length > 0 ? (
        <Card size="small" title={t('calls.frequency.byGrade')} style={{ marginBottom: 12 }}>
          <Table<SummaryRow>
            size="small"
            pagination={false}
            columns={rowColumns(t('calls.frequency.grade'))}
            dataSource={byGrade}
            scroll={{ x: 'max-content' }}
            data-testid="frequency-by-grade"
          />
        </Card>
      ) : null}
      {!isRep && data && byRep.length > 0 ? (
        <Card size="small" title={t('calls.frequency.byRep')} style={{ marginBottom: 12 }}>
          <Table<SummaryRow>
            size="small"
            pagination={false}
            columns={rowColumns(t('calls.frequency.rep'))}
            dataSource={byRep}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ onClick: () => list.setFilter('ownerId', r.key), style: { cursor: 'pointer' } })}
            data-testid="frequency-by-rep"
          />
        </Card>
      ) : null}
      <ListToolbar>
        {isRep ? null : (
          <Select
            allowClear
            placeholder={t('calls.frequency.pickRep')}
            value={ownerId}
            onChange={(v?: string) => list.setFilter('ownerId', v)}
            style={toolbarItemStyle}
            data-testid="frequency-rep"
            {...reps.selectProps}
          />
        )}
        {showDoctors ? (
          <>
            <Segmented
              value={list.filters.state ?? ''}
              onChange={(v) => list.setFilter('state', String(v) || undefined)}
              options={[
                { value: '', label: t('calls.frequency.allStates') },
                ...frequencyStates.map((s) => ({ value: s, label: t(`calls.frequency.states.${s}`) })),
              ]}
              style={{ maxWidth: '100%', overflowX: 'auto' }}
              data-testid="frequency-state-filter"
            />
            <Select
              allowClear
              placeholder={t('calls.frequency.grade')}
              value={list.filters.grade}
              onChange={(v?: string) => list.setFilter('grade', v)}
              options={['A', 'B', 'C'].map((g) => ({ value: g, label: g }))}
              style={{ width: 100 }}
            />
          </>
        ) : null}
      </ListToolbar>
      {showDoctors ? (
        <>
          <ListError error={doctors.error} />
          <Table<FrequencyDoctor>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={doctors.data?.items}
            loading={doctors.isFetching}
            pagination={list.pagination(doctors.data?.total)}
            onChange={list.onTableChange}
            scroll={{ x: 'max-content' }}
            data-testid="frequency-doctors"
          />
        </>
      ) : null}
    </div>
  );
}
