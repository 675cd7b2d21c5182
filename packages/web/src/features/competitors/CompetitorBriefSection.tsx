import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import '../../lib/locales/competitors.ts';
import { useDoctorCompetitors } from './competitors.api.ts';
import { Activities, Judgements } from './CompetitorPressureCard.tsx';
import { ThreatTag } from './labels.tsx';

/** 访前准备, compact: which competitor products the doctor uses and what the competition did around them. */
export function CompetitorBriefSection({ doctorId }: { doctorId: string }) {
  const { t } = useTranslation();
  const { data } = useDoctorCompetitors(doctorId);
  // A help in the brief: nothing shows while it loads or when it cannot be read.
  if (!data) return null;
  return (
    <div data-testid="brief-competitors">
      <Space size={8} wrap>
        <Typography.Text strong>{t('competitors.brief.title')}</Typography.Text>
        <Typography.Text type="secondary">
          {t('competitors.brief.pressure', {
            score: data.score,
            trend: t(`competitors.trend.${data.trend}`),
          })}
        </Typography.Text>
        <ThreatTag threat={data.threat} />
      </Space>
      <Judgements competitors={data.competitors} />
      <Activities activities={data.activities.slice(0, 3)} />
    </div>
  );
}
