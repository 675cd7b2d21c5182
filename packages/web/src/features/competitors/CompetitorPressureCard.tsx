import { lazy, Suspense } from 'react';
import { Alert, Card, Empty, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CompetitorActivity, CompetitorJudgement, PressureTrend, ThreatLevel } from '@keqing/shared';
import '../../lib/locales/competitors.ts';
import { errorText } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { useCompetitorPressure, useDoctorCompetitors } from './competitors.api.ts';
import { ThreatTag, TrendText, useJudgementLabel } from './labels.tsx';

const PressureChart = lazy(() => import('./PressureChart.tsx'));

/** 竞品情报 on the hospital page (pressure over time) or the doctor 360° (what the doctor uses). */
export function CompetitorPressureCard(props: { hospitalId: string } | { doctorId: string }) {
  return 'doctorId' in props ? (
    <DoctorCompetitorsCard doctorId={props.doctorId} />
  ) : (
    <HospitalPressureCard hospitalId={props.hospitalId} />
  );
}

function HospitalPressureCard({ hospitalId }: { hospitalId: string }) {
  const { t } = useTranslation();
  const pressure = useCompetitorPressure({ hospitalId, months: 6 });
  const item = pressure.data?.items[0];
  return (
    <Card
      style={{ marginBottom: 16 }}
      title={t('competitors.card.title')}
      data-testid="competitor-card"
      extra={<Link to="/competitors">{t('competitors.card.more')}</Link>}
    >
      {pressure.isPending ? (
        <Skeleton active />
      ) : pressure.error ? (
        <Alert type="error" showIcon title={errorText(pressure.error)} />
      ) : !item ? null : (
        <Flex gap={24} wrap>
          <div style={{ flex: '1 1 280px', minWidth: 240 }}>
            <Headline score={item.score} trend={item.trend} threat={item.threat} />
            <Suspense fallback={<Skeleton active />}>
              <PressureChart
                months={pressure.data.months}
                scores={item.series.map((p) => p.score)}
                name={t('competitors.pressure.score')}
              />
            </Suspense>
          </div>
          <div style={{ flex: '1 1 280px' }}>
            <Judgements competitors={item.competitors} />
            <Activities activities={pressure.data.latestActivities.slice(0, 5)} />
          </div>
        </Flex>
      )}
    </Card>
  );
}

function DoctorCompetitorsCard({ doctorId }: { doctorId: string }) {
  const { t } = useTranslation();
  const data = useDoctorCompetitors(doctorId);
  return (
    <Card
      style={{ marginBottom: 16 }}
      title={t('competitors.card.title')}
      data-testid="competitor-card"
      size="small"
    >
      {data.isPending ? (
        <Skeleton active />
      ) : data.error ? (
        <Alert type="error" showIcon title={errorText(data.error)} />
      ) : (
        <Flex gap={24} wrap>
          <div style={{ flex: '1 1 280px' }}>
            <Headline score={data.data.score} trend={data.data.trend} threat={data.data.threat} />
            <Judgements competitors={data.data.competitors} />
          </div>
          <div style={{ flex: '1 1 280px' }}>
            <Activities activities={data.data.activities.slice(0, 5)} />
          </div>
        </Flex>
      )}
    </Card>
  );
}

function Headline({ score, trend, threat }: { score: number; trend: PressureTrend; threat: ThreatLevel }) {
  const { t } = useTranslation();
  return (
    <Space size={12} wrap style={{ marginBottom: 8 }}>
      <Typography.Text>
        {t('competitors.pressure.score')}{' '}
        <Typography.Text strong data-testid="competitor-score">
          {score}
        </Typography.Text>
      </Typography.Text>
      <TrendText trend={trend} />
      <ThreatTag threat={threat} />
    </Space>
  );
}

export function Judgements({ competitors }: { competitors: CompetitorJudgement[] }) {
  const { t } = useTranslation();
  const judgementLabel = useJudgementLabel();
  return (
    <div style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary">{t('competitors.card.uses')}</Typography.Text>
      {competitors.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('competitors.card.none')} />
      ) : (
        <div>
          <Space size={[4, 4]} wrap>
            {competitors.map((c) => (
              <Tag
                key={c.competitorProductId}
                color={c.judgement >= 4 ? 'red' : c.judgement >= 3 ? 'orange' : undefined}
              >
                {c.competitorProductName}（{c.company}）· {judgementLabel(c.judgement)}
                {c.doctorCount > 1 ? ` · ${t('competitors.pressure.doctors', { count: c.doctorCount })}` : ''}
              </Tag>
            ))}
          </Space>
        </div>
      )}
    </div>
  );
}

export function Activities({ activities }: { activities: CompetitorActivity[] }) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Text type="secondary">{t('competitors.card.activities')}</Typography.Text>
      {activities.length === 0 ? (
        <div>
          <Typography.Text type="secondary">{t('competitors.card.noActivities')}</Typography.Text>
        </div>
      ) : (
        <ul style={{ margin: '4px 0', paddingInlineStart: 20 }} data-testid="competitor-activities">
          {activities.map((a) => (
            <li key={a.id}>
              {formatDate(a.observedOn)} · <Tag>{t(`competitors.kind.${a.kind}`)}</Tag>
              {a.byWhom ? `${t(`competitors.byWhom.${a.byWhom}`)} · ` : ''}
              {a.description}
              {a.source ? <Typography.Text type="secondary">（{a.source}）</Typography.Text> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
