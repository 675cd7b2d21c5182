import '../../lib/locales/analytics.ts';
import { lazy, Suspense, useMemo } from 'react';
import { Alert, Breadcrumb, Button, Card, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { orgLevels, type KpiFigures, type OrgDashboardRow, type OrgLevel } from '@keqing/shared';
import { errorText } from '../../lib/api.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';
import {
  downloadOrgDashboard,
  useDashboardFilters,
  useOrgDashboard,
  type OrgDashboard,
} from './analytics.api.ts';
import type { ChartOption } from './DashboardChart.tsx';
import { EarlyPeriodHint } from './PeriodPicker.tsx';
import { kpiFigureColumns } from './kpi-columns.tsx';
import { DashboardToolbar } from './DashboardToolbar.tsx';
import { drillHref, type DashboardFilters } from './drill-link.ts';

const DashboardChart = lazy(() => import('./DashboardChart.tsx'));

/** The level below one (a team has none: it opens the team dashboard). */
const nextLevel: Record<OrgLevel, OrgLevel | undefined> = { region: 'area', area: 'team', team: undefined };

type Line = KpiFigures & { id: string; name: string; level?: OrgLevel };

/**
 * 区域报表: the team dashboard's figures summed by region → area → team for admin and compliance. A row opens
 * the level below; a team opens its team dashboard, and its figures open the drill-down lists.
 */
export function OrgDashboard({ embedded = false }: { embedded?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const filters = useDashboardFilters();
  const [params, update] = useSearchParamsUpdate();
  const level = (orgLevels as readonly string[]).includes(params.get('level') ?? '')
    ? (params.get('level') as OrgLevel)
    : 'region';
  const parentId = params.get('parentId') ?? undefined;
  const { data, error, isPending, refresh } = useOrgDashboard(filters, level, parentId);

  const teamFilters = (teamId: string): DashboardFilters => ({ ...filters, teamId });
  const teamHref = (teamId: string) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(teamFilters(teamId))) if (v) q.set(k, v);
    return `/dashboards/team?${q.toString()}`;
  };
  const open = (row: { id: string }) => {
    const below = nextLevel[level];
    if (below) update({ level: below, parentId: row.id });
    else void navigate(teamHref(row.id));
  };
  const chart = useMemo(() => (data ? chartOption(data, t) : undefined), [data, t]);

  const drillTo = (r: Line, target: Parameters<typeof drillHref>[1]) =>
    r.level === 'team' ? drillHref(teamFilters(r.id), target) : undefined;

  const columns: ColumnsType<Line> = [
    {
      title: t(`analytics.org.levels.${level}`),
      dataIndex: 'name',
      fixed: 'left',
      width: 140,
      render: (name: string, r) =>
        r.level ? (
          <a
            onClick={(e) => {
              e.preventDefault();
              open(r);
            }}
            href={r.level === 'team' ? teamHref(r.id) : undefined}
            data-testid={`org-row-${r.id}`}
          >
            {name}
          </a>
        ) : (
          <Typography.Text strong>{name}</Typography.Text>
        ),
    },
    {
      title: t('analytics.figures.reps'),
      dataIndex: 'reps',
      align: 'right',
      render: (v: number) => formatNumber(v),
    },
    ...(data ? kpiFigureColumns<Line>(t, data.norms, drillTo) : []),
  ];

  const crumbs = [
    {
      key: 'all',
      title: <a onClick={() => update({ level: 'region', parentId: undefined })}>{t('analytics.org.all')}</a>,
    },
    ...(data?.breadcrumb ?? []).map((b) => ({
      key: b.id,
      title: (
        <a onClick={() => update({ level: nextLevel[b.level], parentId: b.id })}>
          {t(`analytics.org.levels.${b.level}`)} {b.name}
        </a>
      ),
    })),
  ];

  return (
    <div data-testid="org-dashboard">
      {embedded ? null : (
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('analytics.org.title')}
        </Typography.Title>
      )}
      <DashboardToolbar onExport={() => downloadOrgDashboard(filters, level, parentId)} />
      <Breadcrumb style={{ marginBottom: 8 }} items={crumbs} data-testid="org-breadcrumb" />
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      {isPending || !data ? (
        error ? null : (
          <Skeleton active />
        )
      ) : (
        <>
          <Typography.Paragraph type="secondary" data-testid="dashboard-period">
            {t('analytics.periodLine', { label: data.period.label, days: data.period.workingDays })}
            <span className="kq-no-print"> · {t('analytics.org.hint')}</span>
          </Typography.Paragraph>
          <Typography.Paragraph
            type="secondary"
            data-testid="org-freshness"
            data-from-snapshot={String(data.freshness.fromSnapshot)}
          >
            {t('analytics.org.computedAt', { at: formatDateTime(data.freshness.computedAt) })}
            {data.freshness.fromSnapshot ? (
              <>
                {t('analytics.org.snapshot', { minutes: data.freshness.maxAgeMinutes })}{' '}
                <Button
                  size="small"
                  type="link"
                  className="kq-no-print"
                  loading={refresh.isPending}
                  onClick={() => refresh.mutate()}
                  data-testid="org-refresh"
                >
                  {t('analytics.org.refresh')}
                </Button>
              </>
            ) : null}
          </Typography.Paragraph>
          {refresh.isPending ? <Alert type="info" showIcon title={t('analytics.org.refreshing')} /> : null}
          {refresh.error ? <Alert type="error" showIcon title={errorText(refresh.error)} /> : null}
          <EarlyPeriodHint period={data.period} />
          <Card size="small" style={{ marginBottom: 16 }}>
            <Table<Line>
              rowKey="id"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={data.rows}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('analytics.org.empty') }}
              data-testid="org-table"
              summary={() => (
                <Table.Summary fixed="bottom">
                  <Table.Summary.Row>
                    {columns.map((c, i) => {
                      const line: Line = { ...data.total, id: 'total', name: t('analytics.org.total') };
                      const render = c.render as
                        ((v: unknown, r: Line, i: number) => React.ReactNode) | undefined;
                      const key = (c as { dataIndex?: keyof Line }).dataIndex;
                      return (
                        <Table.Summary.Cell key={String(c.key ?? key ?? i)} index={i} align={c.align}>
                          {render
                            ? render(key ? line[key] : undefined, line, -1)
                            : String(key ? line[key] : '')}
                        </Table.Summary.Cell>
                      );
                    })}
                  </Table.Summary.Row>
                </Table.Summary>
              )}
            />
          </Card>
          {chart && data.rows.length ? (
            <Card title={t('analytics.org.chart')} size="small" className="kq-print-block">
              <Suspense fallback={<Skeleton active />}>
                <DashboardChart
                  option={chart}
                  onClick={(c) => {
                    const row = data.rows[c.dataIndex];
                    if (row) open(row);
                  }}
                  testId="chart-org"
                />
              </Suspense>
            </Card>
          ) : null}
        </>
      )}
    </div>
  );
}

function chartOption(d: OrgDashboard, t: TFunction): ChartOption {
  const names = d.rows.map((r: OrgDashboardRow) => r.name);
  const series: [string, (r: OrgDashboardRow) => number | null][] = [
    [t('analytics.figures.coveragePct'), (r) => r.coveragePct],
    [t('analytics.figures.frequencyPct'), (r) => r.frequencyPct],
    [t('analytics.figures.attainmentPct'), (r) => r.attainmentPct],
  ];
  return {
    grid: { left: 44, right: 16, top: 32, bottom: 40 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`),
    },
    legend: { top: 0 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: series.map(([name, value]) => ({ type: 'bar' as const, name, data: d.rows.map(value) })),
  };
}

export default function OrgDashboardPage() {
  return <OrgDashboard />;
}
