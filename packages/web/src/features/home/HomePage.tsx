import { lazy, Suspense, type ReactElement, type ReactNode } from 'react';
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Role } from '@keqing/shared';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useList } from '../../lib/resources.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { ChannelWarningsHomeCard } from '../channel/warnings/ChannelWarningsHomeCard.tsx';
import { OrgHomeCard } from '../analytics/OrgHomeCard.tsx';
import { OrphanCountCard } from '../handover/OrphanCountCard.tsx';

// The manager's home ends with their team dashboard (loaded with the page's charts only when shown).
const TeamDashboard = lazy(() =>
  import('../analytics/TeamDashboardPage.tsx').then((m) => ({ default: m.TeamDashboard })),
);
import { RepDashboard } from './RepDashboard.tsx';

/** Number of active records of a resource, read from a one-row page of its list. */
function CountCard({ resource, title, to }: { resource: string; title: string; to: string }) {
  const { t } = useTranslation();
  const { data, isPending } = useList(resource, { page: 1, pageSize: 1, active: true });
  return (
    <Card title={title} extra={<Link to={to}>{t('home.open')}</Link>} data-testid={`home-card-${resource}`}>
      {isPending ? (
        <Skeleton active paragraph={false} />
      ) : (
        <Statistic value={data?.total ?? 0} formatter={(v) => formatNumber(Number(v))} />
      )}
    </Card>
  );
}

function InfoCard({ title, children, to }: { title: string; children: ReactNode; to: string }) {
  const { t } = useTranslation();
  return (
    <Card title={title} extra={<Link to={to}>{t('home.open')}</Link>}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {children}
      </Typography.Paragraph>
    </Card>
  );
}

function roleCards(role: Role, t: TFunction): ReactElement[] {
  switch (role) {
    case 'rep':
      // 代表首页: the dashboard holds today's plan and keeps the follow-up, care, terminal and warning cards
      return [<RepDashboard key="rep-dashboard" />];
    case 'manager':
      return [
        <CountCard key="users" resource="users" title={t('home.manager.members')} to="/team" />,
        <CountCard
          key="territories"
          resource="territories"
          title={t('home.manager.territories')}
          to="/territories"
        />,
        <InfoCard key="coaching" title={t('home.manager.coaching')} to="/frequency">
          {t('home.manager.coachingHint')}
        </InfoCard>,
        <ChannelWarningsHomeCard key="channel-warnings" />,
      ];
    case 'admin':
      return [
        <OrgHomeCard key="org-dashboard" />,
        <OrphanCountCard key="orphans" />,
        <CountCard key="users" resource="users" title={t('home.admin.users')} to="/admin/users" />,
        <CountCard key="teams" resource="teams" title={t('home.admin.teams')} to="/admin/teams" />,
        <CountCard
          key="territories"
          resource="territories"
          title={t('home.admin.territories')}
          to="/admin/territories"
        />,
        <InfoCard key="audit" title={t('nav.audit')} to="/audit">
          {t('home.admin.auditHint')}
        </InfoCard>,
      ];
    case 'compliance':
      return [
        <OrgHomeCard key="org-dashboard" />,
        <InfoCard key="audit" title={t('nav.audit')} to="/audit">
          {t('home.compliance.auditHint')}
        </InfoCard>,
        <InfoCard key="care" title={t('nav.care-compliance')} to="/care/compliance">
          {t('home.compliance.careHint')}
        </InfoCard>,
      ];
  }
}

export default function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const cards = roleCards(user.role, t);
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="home-greeting">
        {t('home.greeting', { name: user.name })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('home.roleLine', { role: t(`roles.${user.role}`), date: formatDate(new Date().toISOString()) })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {cards.map((card) => (
          <Col key={card.key} {...(card.key === 'rep-dashboard' ? { span: 24 } : { xs: 24, sm: 12, xl: 8 })}>
            {card}
          </Col>
        ))}
      </Row>
      {user.role === 'manager' ? (
        <Card
          title={t('analytics.home.team')}
          extra={<Link to="/dashboards/team">{t('home.open')}</Link>}
          style={{ marginTop: 16 }}
          data-testid="home-team-dashboard"
        >
          <Suspense fallback={<Skeleton active />}>
            <TeamDashboard embedded />
          </Suspense>
        </Card>
      ) : null}
    </div>
  );
}
