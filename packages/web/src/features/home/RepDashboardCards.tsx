import { lazy, Suspense, useMemo } from 'react';
import { Alert, Card, Empty, Flex, Progress, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RepDashboard } from '@keqing/shared';
import { formatDate, formatNumber } from '../../lib/format.ts';
import '../../lib/locales/planning.ts';
import { gradeColor } from '../accounts/labels.ts';
import type { ChartOption } from '../analytics/DashboardChart.tsx';
import { CallsPerDay, pctText } from '../analytics/figures.tsx';
import { useReminders } from '../planning/planning.api.ts';

const DashboardChart = lazy(() => import('../analytics/DashboardChart.tsx'));

/** Rows of a list shown on the card (the export has them all). */
const shownMoves = 8;

/** 今日计划: planned vs done with a bar, each call opening the call form (or the recorded call). */
export function RepTodayCard({ today, own }: { today: RepDashboard['today']; own: boolean }) {
  const { t } = useTranslation();
  const reminders = useReminders(own);
  return (
    <Card
      title={t('analytics.rep.today.title')}
      extra={<Link to={`/plan?view=day&date=${today.date}`}>{t('analytics.rep.today.open')}</Link>}
      data-testid="rep-card-today"
      className="kq-print-block"
    >
      <Flex vertical gap={8}>
        <Flex align="center" gap={12}>
          <Typography.Text strong style={{ fontSize: 20 }} data-testid="rep-today-count">
            {today.done} / {today.planned}
          </Typography.Text>
          <Typography.Text type="secondary">{t('analytics.rep.today.doneOfPlanned')}</Typography.Text>
        </Flex>
        {today.planned > 0 ? (
          <Progress percent={Math.round((today.done / today.planned) * 100)} size="small" />
        ) : (
          <Typography.Text type="secondary">{t('analytics.rep.today.none')}</Typography.Text>
        )}
        {today.calls.map((c) => (
          <Flex
            key={c.plannedCallId}
            gap={6}
            align="center"
            style={{ minWidth: 0 }}
            data-testid="rep-today-call"
          >
            <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none', width: 40 }}>
              {c.startTime ?? t(`planning.halfDay.${c.halfDay}`)}
            </Typography.Text>
            <span className="kq-ellipsis" style={{ flex: 1 }}>
              {c.doctorName} · {c.hospitalName}
            </span>
            {c.status === 'done' ? (
              c.callId ? (
                <Link to={`/calls/${c.callId}`} style={{ flex: 'none' }}>
                  <Tag color="green" style={{ marginInlineEnd: 0 }}>
                    {t('analytics.rep.today.done')}
                  </Tag>
                </Link>
              ) : (
                <Tag color="green" style={{ marginInlineEnd: 0, flex: 'none' }}>
                  {t('analytics.rep.today.done')}
                </Tag>
              )
            ) : own ? (
              <Link
                to={`/calls/new?plannedCallId=${c.plannedCallId}&doctorId=${c.doctorId}`}
                style={{ flex: 'none' }}
                data-testid="rep-today-record"
              >
                {t('analytics.rep.today.record')}
              </Link>
            ) : (
              <Link to={`/doctors/${c.doctorId}`} style={{ flex: 'none' }}>
                {t('analytics.rep.today.view')}
              </Link>
            )}
          </Flex>
        ))}
      </Flex>
      {(reminders.data?.items ?? []).map((r) => (
        <Alert
          key={`${r.kind}-${r.date}`}
          type="warning"
          showIcon
          title={
            <Link to={r.kind === 'nextWeekEmpty' ? '/plan?tab=weekly' : `/plan?view=day&date=${r.date}`}>
              {r.message}
            </Link>
          }
          style={{ marginTop: 8 }}
          data-testid={`home-reminder-${r.kind}`}
        />
      ))}
    </Card>
  );
}

/** 到期/逾期医生 by grade this cycle; each count opens the frequency list filtered to it. */
export function RepDueDoctorsCard({ data }: { data: RepDashboard }) {
  const { t } = useTranslation();
  const owner = data.rep.id;
  const link = (state: 'due' | 'overdue', grade: string) =>
    `/frequency?state=${state}&grade=${encodeURIComponent(grade)}&ownerId=${owner}`;
  const rows = data.dueDoctorsByGrade.filter((g) => g.due + g.overdue > 0);
  return (
    <Card
      title={t('analytics.rep.due.title')}
      extra={<Link to={`/frequency?ownerId=${owner}`}>{t('analytics.rep.due.open')}</Link>}
      data-testid="rep-card-due"
      className="kq-print-block"
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('analytics.rep.due.cycle', { from: data.frequencyCycle.start, to: data.frequencyCycle.end })}
      </Typography.Text>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.rep.due.none')} />
      ) : (
        <table style={{ width: '100%', marginTop: 8, borderCollapse: 'collapse' }}>
          <thead>
            <tr style={{ textAlign: 'left' }}>
              <th style={{ fontWeight: 500, paddingBottom: 4 }}>{t('analytics.rep.due.grade')}</th>
              <th style={{ fontWeight: 500, textAlign: 'right' }}>{t('analytics.rep.due.due')}</th>
              <th style={{ fontWeight: 500, textAlign: 'right' }}>{t('analytics.rep.due.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((g) => (
              <tr key={g.grade} data-testid="rep-due-grade" data-grade={g.grade}>
                <td style={{ padding: '4px 0' }}>
                  <Tag color={gradeColor(g.grade)}>{g.grade}</Tag>
                </td>
                <td style={{ textAlign: 'right' }}>
                  <Link to={link('due', g.grade)}>{formatNumber(g.due)}</Link>
                </td>
                <td style={{ textAlign: 'right' }}>
                  <Link to={link('overdue', g.grade)}>
                    <Typography.Text type={g.overdue > 0 ? 'danger' : undefined} strong={g.overdue > 0}>
                      {formatNumber(g.overdue)}
                    </Typography.Text>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

/** 指标达成: quota vs actual per product (bars) with the %, linking to the targets page. */
export function RepAttainmentCard({ attainment }: { attainment: RepDashboard['attainment'] }) {
  const { t } = useTranslation();
  const quotaLabel = t('analytics.rep.attainment.quota');
  const actualLabel = t('analytics.rep.attainment.actual');
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
      legend: { top: 0, data: [quotaLabel, actualLabel] },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: attainment.products.map((p) => p.productName) },
      yAxis: { type: 'value' },
      series: [
        { name: quotaLabel, type: 'bar', data: attainment.products.map((p) => p.quota), color: '#bfbfbf' },
        {
          name: actualLabel,
          type: 'bar',
          data: attainment.products.map((p) => p.actual),
          color: '#1677ff',
          label: {
            show: true,
            position: 'top',
            formatter: (p: { dataIndex: number }) => pctText(attainment.products[p.dataIndex]?.attainmentPct),
          },
        },
      ],
    }),
    [attainment, quotaLabel, actualLabel],
  );
  return (
    <Card
      title={t('analytics.rep.attainment.title')}
      extra={<Link to="/targets">{t('analytics.rep.attainment.open')}</Link>}
      data-testid="rep-card-attainment"
      className="kq-print-block"
    >
      <Flex align="baseline" gap={12} wrap>
        <Typography.Text strong style={{ fontSize: 20 }} data-testid="rep-attainment-pct">
          {pctText(attainment.attainmentPct)}
        </Typography.Text>
        <Typography.Text type="secondary">
          {formatNumber(attainment.actual)} / {formatNumber(attainment.quota)} ·{' '}
          {t('analytics.rep.attainment.months', { months: attainment.months.join('、') })}
        </Typography.Text>
      </Flex>
      {attainment.products.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.rep.attainment.none')} />
      ) : (
        <>
          <Suspense fallback={<Skeleton active paragraph={{ rows: 3 }} />}>
            <DashboardChart option={option} height={200} testId="rep-attainment-chart" />
          </Suspense>
          <Flex vertical gap={2}>
            {attainment.products.map((p) => (
              <Flex key={p.productId} gap={6} align="center" data-testid="rep-attainment-product">
                <span className="kq-ellipsis" style={{ flex: 1 }}>
                  {p.productName}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatNumber(p.actual)} / {formatNumber(p.quota)}
                </Typography.Text>
                <Typography.Text strong style={{ width: 56, textAlign: 'right' }}>
                  {pctText(p.attainmentPct)}
                </Typography.Text>
                <Tag style={{ marginInlineEnd: 0 }}>{t(`analytics.rep.attainment.sources.${p.source}`)}</Tag>
              </Flex>
            ))}
          </Flex>
        </>
      )}
    </Card>
  );
}

/** 阶梯与关系阶段变化 in the period: ups and downs, and the latest moves. */
export function RepMovementsCard({ movements }: { movements: RepDashboard['movements'] }) {
  const { t } = useTranslation();
  const total = movements.ladderUp + movements.ladderDown + movements.stageUp + movements.stageDown;
  const pair = (label: string, up: number, down: number, testId: string) => (
    <Flex vertical style={{ flex: 1 }} data-testid={testId}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      <span>
        <Typography.Text type="success" strong title={t('analytics.rep.movements.up')}>
          ↑ {formatNumber(up)}
        </Typography.Text>{' '}
        <Typography.Text type="danger" strong title={t('analytics.rep.movements.down')}>
          ↓ {formatNumber(down)}
        </Typography.Text>
      </span>
    </Flex>
  );
  return (
    <Card
      title={t('analytics.rep.movements.title')}
      data-testid="rep-card-movements"
      className="kq-print-block"
    >
      <Flex gap={12} style={{ marginBottom: 8 }}>
        {pair(
          t('analytics.rep.movements.ladder'),
          movements.ladderUp,
          movements.ladderDown,
          'rep-moves-ladder',
        )}
        {pair(t('analytics.rep.movements.stage'), movements.stageUp, movements.stageDown, 'rep-moves-stage')}
      </Flex>
      {movements.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.rep.movements.none')} />
      ) : (
        <Flex vertical gap={4}>
          {movements.items.slice(0, shownMoves).map((m, i) => (
            <Flex key={`${m.doctorId}-${m.kind}-${m.date}-${i}`} gap={6} align="center" wrap={false}>
              <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
                {formatDate(m.date).slice(5)}
              </Typography.Text>
              <span className="kq-ellipsis" style={{ flex: 1 }}>
                <Link to={`/doctors/${m.doctorId}`}>{m.doctorName}</Link>
                {m.productName ? ` · ${m.productName}` : ''}
              </span>
              <Tag color={m.kind === 'ladder' ? 'blue' : 'purple'} style={{ marginInlineEnd: 0 }}>
                {t(`analytics.rep.movements.${m.kind}`)}
              </Tag>
              <Typography.Text type={m.to > m.from ? 'success' : 'danger'} style={{ flex: 'none' }}>
                {m.from} → {m.to}
              </Typography.Text>
            </Flex>
          ))}
          {total > shownMoves ? (
            <Typography.Text type="secondary">
              {t('analytics.rep.movements.more', {
                count: total - Math.min(shownMoves, movements.items.length),
              })}
            </Typography.Text>
          ) : null}
        </Flex>
      )}
    </Card>
  );
}

/** 我的指标: calls per working day against the norm, coverage, frequency and the ≥3-objective share. */
export function RepKpiCard({ data }: { data: RepDashboard }) {
  const { t } = useTranslation();
  const k = data.kpis;
  const { minCallsPerDay: min, maxCallsPerDay: max, minObjectives } = data.norms;
  const bar = (label: string, value: number | null, detail: string, testId: string) => (
    <div data-testid={testId}>
      <Flex justify="space-between" gap={8}>
        <Typography.Text>{label}</Typography.Text>
        <Typography.Text strong>{pctText(value)}</Typography.Text>
      </Flex>
      <Progress percent={Math.min(value ?? 0, 100)} size="small" showInfo={false} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {detail}
      </Typography.Text>
    </div>
  );
  return (
    <Card title={t('analytics.rep.kpis.title')} data-testid="rep-card-kpis" className="kq-print-block">
      <Flex vertical gap={10}>
        <div data-testid="rep-kpi-calls-per-day">
          <Flex justify="space-between" gap={8}>
            <Typography.Text>{t('analytics.rep.kpis.callsPerDay')}</Typography.Text>
            <Typography.Text strong>
              <CallsPerDay value={k.callsPerWorkingDay} min={min} max={max} />
            </Typography.Text>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('analytics.rep.kpis.norm', { min, max })} ·{' '}
            {t('analytics.rep.kpis.calls', { n: k.calls, days: k.workingDays })}
          </Typography.Text>
        </div>
        {bar(
          t('analytics.rep.kpis.coverage'),
          k.coveragePct,
          `${formatNumber(k.coveredDoctors)} / ${formatNumber(k.targetDoctors)}`,
          'rep-kpi-coverage',
        )}
        {bar(
          t('analytics.rep.kpis.frequency'),
          k.frequencyPct,
          `${formatNumber(k.doneCalls)} / ${formatNumber(k.requiredCalls)}`,
          'rep-kpi-frequency',
        )}
        {bar(
          t('analytics.rep.kpis.objectives', { n: minObjectives }),
          k.objectiveSharePct,
          `${formatNumber(k.callsWithMinObjectives)} / ${formatNumber(k.calls)}`,
          'rep-kpi-objectives',
        )}
        {k.byGrade.length > 0 ? (
          <Flex gap={6} wrap>
            {k.byGrade.map((g) => (
              <Tag key={g.grade} color={gradeColor(g.grade)}>
                {t('analytics.rep.kpis.byGrade', {
                  grade: g.grade,
                  coverage: pctText(g.coveragePct),
                  frequency: pctText(g.frequencyPct),
                })}
              </Tag>
            ))}
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}
