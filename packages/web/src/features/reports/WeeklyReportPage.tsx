import '../../lib/locales/reports.ts';
import {
  Alert,
  Card,
  Col,
  DatePicker,
  Flex,
  List,
  Progress,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { deviationReasons } from '@keqing/shared';
import { PageHeader } from '../../app/PageHeader.tsx';
import { errorText } from '../../lib/api.ts';
import { chinaToday, dateFormat } from '../../lib/format.ts';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';
import { useUserOptions } from '../admin/admin.api.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { mondayOf } from '../planning/plan-dates.ts';
import { useWeeklyReport, type WeeklyReport } from './reports.api.ts';
import { StatusTag } from './ReportParts.tsx';

type DayRow = WeeklyReport['days'][number];
const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

/** The manager's (admin's, compliance's) rep picker; a rep sees their own week. */
function RepSelect({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const reps = useUserOptions({ role: 'rep' });
  return (
    <Select
      {...reps.selectProps}
      value={value}
      onChange={(v: string | undefined) => onChange(v)}
      allowClear
      placeholder={t('reports.pickRep')}
      style={{ width: 200 }}
      data-testid="weekly-rep"
    />
  );
}

/** /reports/weekly — 周报: the week rolled up from the daily reports and the plan. */
export default function WeeklyReportPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParam] = useSearchParamsUpdate();
  const rawWeek = params.get('week');
  const week = mondayOf(rawWeek && isoDatePattern.test(rawWeek) ? rawWeek : chinaToday());
  const ownerId = user.role === 'rep' ? undefined : (params.get('rep') ?? undefined);
  const report = useWeeklyReport(week, ownerId);
  const data = report.data;

  const columns: ColumnsType<DayRow> = [
    {
      title: t('reports.date'),
      dataIndex: 'date',
      render: (d: string, r) => (r.reportId ? <Link to={`/reports/daily/${r.reportId}`}>{d}</Link> : d),
    },
    { title: '', dataIndex: 'status', render: (s: DayRow['status']) => <StatusTag status={s} /> },
    { title: t('reports.counts.planned'), dataIndex: 'planned', align: 'right' },
    { title: t('reports.counts.plannedDone'), dataIndex: 'plannedDone', align: 'right' },
    {
      title: t('reports.counts.doneRate'),
      dataIndex: 'doneRate',
      width: 160,
      render: (v: number | null) =>
        v === null ? '—' : <Progress percent={v} size="small" status={v < 80 ? 'exception' : 'normal'} />,
    },
    { title: t('reports.counts.calls'), dataIndex: 'calls', align: 'right' },
    { title: t('reports.counts.callMinutes'), dataIndex: 'callMinutes', align: 'right' },
    { title: t('reports.counts.careActions'), dataIndex: 'careActions', align: 'right' },
    { title: t('reports.counts.followUpsDone'), dataIndex: 'followUpsDone', align: 'right' },
    { title: t('reports.counts.deviations'), dataIndex: 'deviations', align: 'right' },
  ];

  return (
    <>
      <PageHeader
        title={data ? `${t('reports.weeklyTitle')} · ${data.ownerName}` : t('reports.weeklyTitle')}
        subTitle={data ? `${data.weekStart} ~ ${data.weekEnd}` : undefined}
        extra={
          <>
            {user.role !== 'rep' ? (
              <RepSelect value={ownerId} onChange={(v) => setParam({ rep: v })} />
            ) : null}
            <DatePicker
              picker="week"
              allowClear={false}
              value={dayjs(week)}
              onChange={(d) => d && setParam({ week: mondayOf(d.format(dateFormat)) })}
              data-testid="weekly-week"
            />
            <Link to="/reports">{t('reports.dailyTitle')}</Link>
          </>
        }
      />
      {report.isError ? <Alert type="error" message={errorText(report.error)} /> : null}
      {!data ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Row gutter={[12, 12]}>
            {(
              [
                ['planned', data.totals.planned],
                ['plannedDone', data.totals.plannedDone],
                ['doneRate', pct(data.totals.doneRate)],
                ['calls', data.totals.calls],
                ['deviations', data.totals.deviations],
              ] as const
            ).map(([k, v]) => (
              <Col key={k} xs={12} md={4}>
                <Card size="small">
                  <Statistic title={t(`reports.counts.${k}`)} value={v} />
                </Card>
              </Col>
            ))}
            <Col xs={24} md={4}>
              <Card size="small">
                <Typography.Text>
                  {t('reports.submittedDays', { n: data.totals.submittedDays })}
                </Typography.Text>
                <br />
                <Typography.Text type={data.totals.missingDays ? 'danger' : 'secondary'}>
                  {t('reports.missingDays', { n: data.totals.missingDays })}
                </Typography.Text>
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('reports.chartTitle')}>
            <Table<DayRow>
              size="small"
              rowKey="date"
              pagination={false}
              dataSource={data.days}
              columns={columns}
              scroll={{ x: true }}
              data-testid="weekly-days"
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={10}>
              <Card size="small" title={t('reports.byReason')} data-testid="weekly-reasons">
                <Flex wrap gap={6}>
                  {[...deviationReasons, 'unexplained' as const].map((r) => (
                    <Tag
                      key={r}
                      color={r === 'unexplained' && data.deviationsByReason[r] ? 'red' : undefined}
                    >
                      {t(`reports.reason.${r}`)} {data.deviationsByReason[r] ?? 0}
                    </Tag>
                  ))}
                </Flex>
              </Card>
            </Col>
            <Col xs={24} md={14}>
              <Card size="small" title={t('reports.highlights')}>
                <List
                  size="small"
                  dataSource={data.highlights}
                  locale={{ emptyText: t('reports.lines.none') }}
                  renderItem={(h) => (
                    <List.Item key={h.date}>
                      <Typography.Text type="secondary">{h.date}</Typography.Text>&nbsp;{h.text}
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
          </Row>
        </Flex>
      )}
    </>
  );
}
