import '../../lib/locales/analytics.ts';
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrgDashboard } from './analytics.api.ts';
import { pctText } from './figures.tsx';

/** Admin's and compliance's home: this cycle's totals of all regions, and the way into the region dashboard. */
export function OrgHomeCard() {
  const { t } = useTranslation();
  const { data, isPending, error } = useOrgDashboard({ period: 'cycle' }, 'region', undefined);
  return (
    <Card
      title={t('analytics.home.org')}
      extra={<Link to="/dashboards/org">{t('home.open')}</Link>}
      data-testid="home-card-org-dashboard"
    >
      {isPending ? (
        <Skeleton active paragraph={false} />
      ) : error || !data ? (
        <Typography.Text type="secondary">{t('analytics.home.orgHint')}</Typography.Text>
      ) : (
        <>
          <Row gutter={8}>
            <Col span={8}>
              <Statistic title={t('analytics.home.coverage')} value={pctText(data.total.coveragePct)} />
            </Col>
            <Col span={8}>
              <Statistic title={t('analytics.home.frequency')} value={pctText(data.total.frequencyPct)} />
            </Col>
            <Col span={8}>
              <Statistic title={t('analytics.home.attainment')} value={pctText(data.total.attainmentPct)} />
            </Col>
          </Row>
          <Typography.Text type="secondary">{data.period.label}</Typography.Text>
        </>
      )}
    </Card>
  );
}
