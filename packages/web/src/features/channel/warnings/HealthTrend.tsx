import { lazy, Suspense } from 'react';
import { Alert, Empty, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/api.ts';
import '../../../lib/locales/channel-warnings.ts';
import { useHealthTrend } from './warnings.api.ts';

const HealthChart = lazy(() => import('./HealthChart.tsx'));

/** The last 12 months of one distributor's health score as a line. */
export function HealthTrend({ channelCustomerId }: { channelCustomerId: string }) {
  const { t } = useTranslation();
  const trend = useHealthTrend(channelCustomerId);
  if (trend.isPending) return <Skeleton active />;
  if (trend.error) return <Alert type="error" showIcon message={errorText(trend.error)} />;
  if (!trend.data.points.length) return <Empty description={t('channelWarnings.health.none')} />;
  return (
    <div>
      <Typography.Text strong>
        {trend.data.channelCustomerName} · {t('channelWarnings.health.chartTitle')}
      </Typography.Text>
      <Suspense fallback={<Skeleton active />}>
        <HealthChart points={trend.data.points} label={t('channelWarnings.health.score')} />
      </Suspense>
    </div>
  );
}
