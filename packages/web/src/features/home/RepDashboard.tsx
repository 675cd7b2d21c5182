import '../../lib/locales/analytics.ts';
import { EarlyPeriodHint } from '../analytics/PeriodPicker.tsx';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorText, type QueryParams } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { useDashboardFilters } from '../analytics/analytics.api.ts';
import { DashboardToolbar } from '../analytics/DashboardToolbar.tsx';
import { pctText } from '../analytics/figures.tsx';
import { ChannelWarningsHomeCard } from '../channel/warnings/ChannelWarningsHomeCard.tsx';
import {
  RepAttainmentCard,
  RepDueDoctorsCard,
  RepKpiCard,
  RepMovementsCard,
  RepTodayCard,
} from './RepDashboardCards.tsx';
import { repDashboardQuery } from './rep-dashboard.api.ts';

// The follow-up, care and terminal cards (with their forms and modals) load after the dashboard's own chunks, so
// their code and their requests do not hold up the figures.
const FollowUpsHomeCard = lazy(() =>
  import('../calls/FollowUpsHomeCard.tsx').then((m) => ({ default: m.FollowUpsHomeCard })),
);
const CareHomeCard = lazy(() =>
  import('../care/CareHomeCard.tsx').then((m) => ({ default: m.CareHomeCard })),
);
const DueTerminalsHomeCard = lazy(() =>
  import('../channel/parties/DueTerminalsHomeCard.tsx').then((m) => ({ default: m.DueTerminalsHomeCard })),
);

/** A card whose code is still on its way: a placeholder of a card's size. */
function LaterCard({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Card loading />}>{children}</Suspense>;
}

/** Performance mark set once the rep's own home has its figures on screen. */
export const repHomeMark = 'keqing:rep-home-rendered';

/** The period and product of the URL (the dashboard's filters) as the API's query. */
function useRepDashboardQuery(repId?: string): QueryParams {
  const { teamId: _teamId, ...filters } = useDashboardFilters();
  return { ...filters, repId };
}

export function useRepDashboard(query: QueryParams) {
  return useQuery({ ...repDashboardQuery(query), placeholderData: keepPreviousData });
}

/** One headline figure at the top (two a row on a phone). */
function Headline({ title, value, danger }: { title: string; value: string; danger?: boolean }) {
  return (
    <Col xs={12} md={6}>
      <Card size="small">
        <Statistic
          title={title}
          value={value}
          styles={{ content: { fontSize: 22, color: danger ? '#cf1322' : undefined } }}
        />
      </Card>
    </Col>
  );
}

/**
 * 代表首页: the rep's day and period at a glance — today's plan, follow-ups, due doctors, care dates, quota
 * attainment, ladder/stage moves and their KPIs — with the period and product filters, export and print.
 * The follow-up, care, terminal and channel-warning cards stay as they were (they carry their own actions).
 */
export function RepDashboard({ repId }: { repId?: string }) {
  const { t } = useTranslation();
  const query = useRepDashboardQuery(repId);
  const dashboard = useRepDashboard(query);
  const d = dashboard.data;
  const own = !repId;
  const loaded = !!d;
  useEffect(() => {
    // The web benchmark reads this mark: the rep's home shows its figures (time to a useful first screen).
    if (loaded && own && performance.getEntriesByName(repHomeMark).length === 0)
      performance.mark(repHomeMark);
  }, [loaded, own]);

  const dueDoctors = (d?.dueDoctorsByGrade ?? []).reduce((n, g) => n + g.due + g.overdue, 0);
  const overdueDoctors = (d?.dueDoctorsByGrade ?? []).some((g) => g.overdue > 0);

  return (
    <div data-testid="rep-dashboard">
      <DashboardToolbar
        exportTestId="rep-dashboard-export"
        onExport={() => api.download('/dashboards/rep/export', query, 'rep-dashboard.xlsx')}
      />
      {dashboard.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : dashboard.error || !d ? (
        <Typography.Text type="danger">{errorText(dashboard.error)}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary" data-testid="rep-dashboard-period">
            {own ? null : `${t('analytics.rep.forRep', { name: d.rep.name })} · `}
            {t('analytics.periodLine', { label: d.period.label, days: d.period.workingDays })}
          </Typography.Paragraph>
          <EarlyPeriodHint period={d.period} />
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }} className="kq-print-block">
            <Headline
              title={t('analytics.rep.summary.todayDone')}
              value={`${formatNumber(d.today.done)} / ${formatNumber(d.today.planned)}`}
            />
            <Headline
              title={t('analytics.rep.summary.overdueFollowUps')}
              value={formatNumber(d.overdueFollowUps.count)}
              danger={d.overdueFollowUps.count > 0}
            />
            <Headline
              title={t('analytics.rep.summary.dueDoctors')}
              value={formatNumber(dueDoctors)}
              danger={overdueDoctors}
            />
            <Headline
              title={t('analytics.rep.summary.attainment')}
              value={pctText(d.attainment.attainmentPct)}
            />
          </Row>
        </>
      )}
      <Row gutter={[16, 16]}>
        {[
          d ? <RepTodayCard key="today" today={d.today} own={own} /> : null,
          own ? (
            <LaterCard key="follow-ups">
              <FollowUpsHomeCard />
            </LaterCard>
          ) : null,
          d ? <RepDueDoctorsCard key="due" data={d} /> : null,
          own ? (
            <LaterCard key="care">
              <CareHomeCard />
            </LaterCard>
          ) : null,
          d ? <RepAttainmentCard key="attainment" attainment={d.attainment} /> : null,
          d ? <RepMovementsCard key="movements" movements={d.movements} /> : null,
          d ? <RepKpiCard key="kpis" data={d} /> : null,
          own ? (
            <LaterCard key="terminals">
              <DueTerminalsHomeCard />
            </LaterCard>
          ) : null,
          own ? <ChannelWarningsHomeCard key="channel-warnings" /> : null,
        ]
          .filter((card) => card !== null)
          .map((card) => (
            <Col key={card.key} xs={24} md={12} xl={8}>
              {card}
            </Col>
          ))}
      </Row>
    </div>
  );
}
