import '../../lib/locales/analytics.ts';
import { lazy, Suspense, useMemo } from 'react';
import {
  Alert,
  Card,
  Col,
  Empty,
  Progress,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { RepKpi, Team } from '@keqing/shared';
import { errorText } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { useList } from '../../lib/resources.ts';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import {
  downloadTeamDashboard,
  useDashboardFilters,
  useTeamDashboard,
  type TeamDashboard,
} from './analytics.api.ts';
import type { ChartOption } from './DashboardChart.tsx';
import { DashboardToolbar } from './DashboardToolbar.tsx';
import { EarlyPeriodHint } from './PeriodPicker.tsx';
import { belowOf, kpiFigureColumns } from './kpi-columns.tsx';
import { drillHref, type DashboardFilters } from './drill-link.ts';
import { CallsPerDay, FigureLink, OutlierTags, pctText } from './figures.tsx';

const DashboardChart = lazy(() => import('./DashboardChart.tsx'));

const gradeColors = ['#cf1322', '#fa8c16', '#1677ff', '#52c41a', '#8c8c8c'];

/** The grades shown as columns: the team's, in the server's order (best first). */
const gradesOf = (d: TeamDashboard) => d.total.byGrade.map((g) => g.grade);

function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card title={title} size="small" className="kq-print-block">
      <Suspense fallback={<Skeleton active />}>{children}</Suspense>
    </Card>
  );
}

/**
 * 团队报表: a first-line manager's view of their reps in a period — calls per working day against the norm,
 * coverage and frequency by doctor grade, objectives, movements, quota — with every figure opening the list it
 * counts. Also the manager's home (embedded) and, with a team chosen, admin's and compliance's.
 */
export function TeamDashboard({ embedded = false }: { embedded?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const filters = useDashboardFilters();
  const [, update] = useSearchParamsUpdate();
  // admin and compliance read any team, but one at a time: they choose it here first
  const seesAll = user.role !== 'manager';
  const allTeams = useList<Team>(
    'teams',
    { page: 1, pageSize: 200, active: true, sort: 'name' },
    { enabled: seesAll },
  );
  const needsTeam = seesAll && !filters.teamId;
  const { data, error, isPending } = useTeamDashboard(filters, !needsTeam);

  const drill = (f: Partial<DashboardFilters>) => ({ ...filters, ...f });
  const charts = useMemo(() => (data ? chartOptions(data, chartLabelsOf(t, data)) : undefined), [data, t]);

  const teamOptions = seesAll
    ? (allTeams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name }))
    : (data?.teams ?? []).map((team) => ({ value: team.id, label: team.name }));
  const teamSelect =
    seesAll || teamOptions.length > 1 ? (
      <Select
        allowClear={!seesAll}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 180 }}
        placeholder={seesAll ? t('analytics.filters.chooseTeam') : t('analytics.filters.allTeams')}
        aria-label={t('analytics.filters.team')}
        loading={seesAll && allTeams.isPending}
        options={teamOptions}
        value={filters.teamId}
        onChange={(v?: string) => update({ teamId: v })}
        data-testid="dashboard-team"
      />
    ) : null;
  const teamName = teamOptions.find((o) => o.value === filters.teamId)?.label;

  const header = (
    <>
      {embedded ? null : (
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('analytics.team.title')}
          {teamName ? ` · ${teamName}` : ''}
        </Typography.Title>
      )}
      <DashboardToolbar onExport={() => downloadTeamDashboard(filters)} extra={teamSelect} />
    </>
  );
  if (error)
    return (
      <div>
        {header}
        <Alert type="error" showIcon title={errorText(error)} />
      </div>
    );
  if (needsTeam)
    return (
      <div>
        {header}
        <Empty description={t('analytics.filters.chooseTeam')} />
      </div>
    );
  if (isPending || !data)
    return (
      <div>
        {header}
        <Skeleton active />
      </div>
    );

  const { norms, total, period } = data;
  const grades = gradesOf(data);
  const repFilter = (r: RepKpi) => drill({ repId: r.repId });

  const repColumns: ColumnsType<RepKpi> = [
    {
      title: t('analytics.team.rep'),
      key: 'rep',
      fixed: 'left',
      width: 150,
      render: (_, r) => (
        <Space size={4} wrap>
          <span>{r.repName}</span>
          <OutlierTags outliers={r.outliers} />
        </Space>
      ),
    },
    ...kpiFigureColumns<RepKpi>(t, norms, (r, target) => drillHref(repFilter(r), target)),
  ];

  /** Per rep × grade: a coverage bar (→ uncovered doctors) and the doctors below frequency (→ that list). */
  const gradeColumns: ColumnsType<RepKpi> = [
    { title: t('analytics.team.rep'), dataIndex: 'repName', fixed: 'left', width: 110 },
    ...grades.map((grade) => ({
      title: t('analytics.drill.grade', { grade }),
      key: grade,
      width: 190,
      render: (_: unknown, r: RepKpi) => {
        const g = r.byGrade.find((x) => x.grade === grade);
        if (!g || g.targetDoctors === 0)
          return <Typography.Text type="secondary">{t('analytics.team.noDoctors')}</Typography.Text>;
        return (
          <div>
            <Link
              to={drillHref(repFilter(r), { metric: 'doctors', state: 'uncovered', grade })}
              data-testid={`coverage-bar-${r.repUsername}-${grade}`}
              title={`${t('analytics.figures.coveragePct')} ${g.coveredDoctors}/${g.targetDoctors}`}
            >
              <Progress
                percent={g.coveragePct ?? 0}
                size="small"
                status={
                  g.coveredDoctors >= g.targetDoctors
                    ? 'success'
                    : (g.coveragePct ?? 0) < 50
                      ? 'exception'
                      : 'normal'
                }
                format={() => `${g.coveredDoctors}/${g.targetDoctors}`}
              />
            </Link>
            <Space size={8}>
              <Typography.Text type="secondary">
                {t('analytics.figures.frequencyPct')} {pctText(g.frequencyPct)}
              </Typography.Text>
              {g.belowFrequencyDoctors > 0 ? (
                <Link
                  to={drillHref(repFilter(r), { metric: 'doctors', state: 'belowFrequency', grade })}
                  data-testid={`below-frequency-${r.repUsername}-${grade}`}
                >
                  <Typography.Text type="danger">
                    {t('analytics.team.belowFrequency', { n: g.belowFrequencyDoctors })}
                  </Typography.Text>
                </Link>
              ) : null}
            </Space>
          </div>
        );
      },
    })),
  ];

  const teamFilter = drill({});
  const overview = [
    {
      key: 'callsPerWorkingDay',
      title: t('analytics.figures.callsPerWorkingDay'),
      value: (
        <CallsPerDay value={total.callsPerWorkingDay} min={norms.minCallsPerDay} max={norms.maxCallsPerDay} />
      ),
      hint: t('analytics.norm', { min: norms.minCallsPerDay, max: norms.maxCallsPerDay }),
      to: drillHref(teamFilter, { metric: 'calls', kind: 'all' }),
    },
    {
      key: 'coverage',
      title: t('analytics.figures.coveragePct'),
      value: pctText(total.coveragePct),
      hint: `${formatNumber(total.coveredDoctors)}/${formatNumber(total.targetDoctors)}`,
      to: drillHref(teamFilter, { metric: 'doctors', state: 'uncovered' }),
    },
    {
      key: 'frequency',
      title: t('analytics.figures.frequencyPct'),
      value: pctText(total.frequencyPct),
      hint: `${t('analytics.figures.belowFrequencyDoctors')} ${formatNumber(belowOf(total))}`,
      to: drillHref(teamFilter, { metric: 'doctors', state: 'belowFrequency' }),
    },
    {
      key: 'objectives',
      title: t('analytics.figures.objectiveSharePct', { n: norms.minObjectives }),
      value: pctText(total.objectiveSharePct),
      hint: `${formatNumber(total.callsWithMinObjectives)}/${formatNumber(total.calls)}`,
      to: drillHref(teamFilter, { metric: 'calls', kind: 'fewObjectives' }),
    },
    {
      key: 'attainment',
      title: t('analytics.figures.attainmentPct'),
      value: pctText(total.attainmentPct),
      hint: `${formatNumber(total.actual)}/${formatNumber(total.quota)}`,
    },
  ];

  const openRepChart = (kind: 'calls' | 'coverage') => (c: { seriesIndex: number; dataIndex: number }) => {
    const rep = data.reps[c.dataIndex];
    if (!rep) return;
    const grade = grades[c.seriesIndex];
    void navigate(
      kind === 'calls'
        ? drillHref(repFilter(rep), { metric: 'calls', kind: 'all' })
        : drillHref(repFilter(rep), { metric: 'doctors', state: 'uncovered', grade }),
    );
  };

  return (
    <div data-testid="team-dashboard">
      {header}
      <Typography.Paragraph type="secondary" data-testid="dashboard-period">
        {t('analytics.periodLine', { label: period.label, days: period.workingDays })}
      </Typography.Paragraph>
      <EarlyPeriodHint period={period} />

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} className="kq-print-block">
        {overview.map((o) => (
          <Col key={o.key} xs={12} md={8} xl={4}>
            <Card size="small" data-testid={`overview-${o.key}`}>
              <Statistic title={o.title} valueRender={() => <FigureLink to={o.to}>{o.value}</FigureLink>} />
              <Typography.Text type="secondary">{o.hint}</Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>

      {data.reps.length === 0 ? (
        <Empty description={t('analytics.team.empty')} />
      ) : (
        <>
          <Card
            title={t('analytics.team.byGrade')}
            size="small"
            style={{ marginBottom: 16 }}
            className="kq-print-block"
          >
            <Typography.Paragraph type="secondary" className="kq-no-print">
              {t('analytics.team.byGradeHint')}
            </Typography.Paragraph>
            <Table<RepKpi>
              rowKey="repId"
              size="small"
              pagination={false}
              columns={gradeColumns}
              dataSource={data.reps}
              scroll={{ x: 'max-content' }}
              data-testid="coverage-table"
            />
          </Card>

          <Card title={t('analytics.team.reps')} size="small" style={{ marginBottom: 16 }}>
            <Table<RepKpi>
              rowKey="repId"
              size="small"
              pagination={false}
              columns={repColumns}
              dataSource={data.reps}
              scroll={{ x: 'max-content' }}
              onRow={(r) => (r.outliers.length ? { style: { background: '#fff1f0' } } : {})}
              data-testid="rep-table"
            />
          </Card>

          {charts ? (
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              <Col xs={24} xl={12}>
                <ChartCard title={t('analytics.team.charts.callsPerDay')}>
                  <DashboardChart
                    option={charts.callsPerDay}
                    onClick={openRepChart('calls')}
                    testId="chart-calls-per-day"
                  />
                </ChartCard>
              </Col>
              <Col xs={24} xl={12}>
                <ChartCard title={t('analytics.team.charts.coverage')}>
                  <DashboardChart
                    option={charts.coverage}
                    onClick={openRepChart('coverage')}
                    testId="chart-coverage"
                  />
                </ChartCard>
              </Col>
              <Col xs={24} xl={12}>
                <ChartCard title={t('analytics.team.charts.trend')}>
                  <DashboardChart option={charts.trend} testId="chart-trend" />
                </ChartCard>
              </Col>
              <Col xs={24} xl={12}>
                <ChartCard title={t('analytics.team.charts.products')}>
                  <DashboardChart option={charts.products} testId="chart-products" />
                </ChartCard>
              </Col>
            </Row>
          ) : null}
        </>
      )}

      <Card title={t('analytics.team.products')} size="small" className="kq-print-block">
        <Table
          rowKey="productId"
          size="small"
          pagination={false}
          dataSource={data.products}
          data-testid="product-table"
          columns={[
            { title: t('analytics.team.product'), dataIndex: 'productName' },
            {
              title: t('analytics.figures.quota'),
              dataIndex: 'quota',
              align: 'right',
              render: (v: number) => formatNumber(v),
            },
            {
              title: t('analytics.figures.actual'),
              dataIndex: 'actual',
              align: 'right',
              render: (v: number) => formatNumber(v),
            },
            {
              title: t('analytics.figures.attainmentPct'),
              dataIndex: 'attainmentPct',
              align: 'right',
              render: (v: number | null) =>
                v === null ? (
                  '—'
                ) : (
                  <Typography.Text type={v < 100 ? 'danger' : 'success'}>{pctText(v)}</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}

/** A cycle or custom range as `11-09~12-06` (the year is in the period line); months and quarters as they are. */
const trendLabel = (p: { from: string; to: string; label: string }) =>
  p.label.includes('~') ? `${p.from.slice(5)}~${p.to.slice(5)}` : p.label;

/** The texts of the charts, as plain strings (the typed t() is too deep for ECharts' option types). */
type ChartLabels = {
  callsPerDay: string;
  coverage: string;
  frequency: string;
  objectives: string;
  attainment: string;
  actual: string;
  quota: string;
  norm: string;
  grade: (grade: string) => string;
};

function chartLabelsOf(t: TFunction, d: TeamDashboard): ChartLabels {
  return {
    callsPerDay: t('analytics.figures.callsPerWorkingDay'),
    coverage: t('analytics.figures.coveragePct'),
    frequency: t('analytics.figures.frequencyPct'),
    objectives: t('analytics.figures.objectiveSharePct', { n: d.norms.minObjectives }),
    attainment: t('analytics.figures.attainmentPct'),
    actual: t('analytics.figures.actual'),
    quota: t('analytics.figures.quota'),
    norm: t('analytics.norm', { min: d.norms.minCallsPerDay, max: d.norms.maxCallsPerDay }),
    grade: (grade) => t('analytics.drill.grade', { grade }),
  };
}

/** The four charts of the team dashboard (bars per rep, the trend, attainment by product). */
function chartOptions(d: TeamDashboard, L: ChartLabels) {
  const reps = d.reps.map((r) => r.repName);
  const grades = gradesOf(d);
  const pctAxis = { type: 'value' as const, axisLabel: { formatter: '{value}%' } };
  const callsPerDay: ChartOption = {
    grid: { left: 40, right: 16, top: 24, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: reps, axisLabel: { interval: 0, rotate: reps.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', max: (v: { max: number }) => Math.max(v.max, d.norms.maxCallsPerDay + 2) },
    series: [
      {
        type: 'bar',
        name: L.callsPerDay,
        data: d.reps.map((r) => ({
          value: r.callsPerWorkingDay ?? 0,
          itemStyle: {
            color:
              r.callsPerWorkingDay !== null &&
              (r.callsPerWorkingDay < d.norms.minCallsPerDay || r.callsPerWorkingDay > d.norms.maxCallsPerDay)
                ? '#ff4d4f'
                : '#1677ff',
          },
        })),
        markArea: {
          silent: true,
          itemStyle: { color: 'rgba(82, 196, 26, 0.12)' },
          label: { show: true, position: 'insideTopRight', color: '#389e0d' },
          data: [
            [
              {
                yAxis: d.norms.minCallsPerDay,
                name: L.norm,
              },
              { yAxis: d.norms.maxCallsPerDay },
            ],
          ],
        },
      },
    ],
  };
  const coverage: ChartOption = {
    grid: { left: 44, right: 16, top: 32, bottom: 40 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`),
    },
    legend: { top: 0 },
    xAxis: { type: 'category', data: reps, axisLabel: { interval: 0, rotate: reps.length > 6 ? 30 : 0 } },
    yAxis: { ...pctAxis, max: 100 },
    series: grades.map((grade, i) => ({
      type: 'bar' as const,
      name: L.grade(grade),
      color: gradeColors[i % gradeColors.length],
      data: d.reps.map((r) => r.byGrade.find((g) => g.grade === grade)?.coveragePct ?? null),
    })),
  };
  const trend: ChartOption = {
    grid: { left: 44, right: 40, top: 32, bottom: 40 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: d.trend.map(trendLabel), axisLabel: { interval: 0, fontSize: 10 } },
    yAxis: [pctAxis, { type: 'value', splitLine: { show: false } }],
    series: [
      { type: 'line', name: L.coverage, data: d.trend.map((p) => p.coveragePct) },
      { type: 'line', name: L.frequency, data: d.trend.map((p) => p.frequencyPct) },
      {
        type: 'line',
        name: L.objectives,
        data: d.trend.map((p) => p.objectiveSharePct),
      },
      { type: 'line', name: L.attainment, data: d.trend.map((p) => p.attainmentPct) },
      {
        type: 'bar',
        name: L.callsPerDay,
        yAxisIndex: 1,
        barWidth: 12,
        itemStyle: { opacity: 0.35 },
        data: d.trend.map((p) => p.callsPerWorkingDay),
      },
    ],
  };
  const products: ChartOption = {
    grid: { left: 44, right: 16, top: 24, bottom: 40 },
    tooltip: {
      trigger: 'axis',
      formatter: (raw) => {
        const p = (Array.isArray(raw) ? raw[0] : raw) as { dataIndex: number } | undefined;
        const row = p ? d.products[p.dataIndex] : undefined;
        if (!row) return '';
        return `${row.productName}<br/>${L.actual} ${formatNumber(row.actual)} / ${L.quota} ${formatNumber(row.quota)}<br/>${pctText(row.attainmentPct)}`;
      },
    },
    xAxis: { type: 'category', data: d.products.map((p) => p.productName), axisLabel: { interval: 0 } },
    yAxis: pctAxis,
    series: [
      {
        type: 'bar',
        name: L.attainment,
        data: d.products.map((p) => ({
          value: p.attainmentPct ?? 0,
          itemStyle: { color: (p.attainmentPct ?? 0) < 100 ? '#fa8c16' : '#52c41a' },
        })),
        markLine: {
          silent: true,
          symbol: 'none',
          data: [{ yAxis: 100 }],
          lineStyle: { color: '#8c8c8c', type: 'dashed' },
          label: { show: false },
        },
      },
    ],
  };
  return { callsPerDay, coverage, trend, products };
}

export default function TeamDashboardPage() {
  return <TeamDashboard />;
}
