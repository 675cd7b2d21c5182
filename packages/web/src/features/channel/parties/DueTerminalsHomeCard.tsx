import { Card, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format.ts';
import '../../../lib/locales/channel.ts';
import { useDueVisits } from './parties.api.ts';

/** 待拜访终端: the caller's pharmacies and clinics due or overdue by their tier's interval (home / plan). */
export function DueTerminalsHomeCard() {
  const { t } = useTranslation();
  const due = useDueVisits({ page: 1, pageSize: 5 });
  return (
    <Card
      title={t('channel.visit.due')}
      extra={<Typography.Text type="secondary">{due.data?.total ?? ''}</Typography.Text>}
      data-testid="home-card-due-terminals"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('channel.visit.dueHint')}
      </Typography.Paragraph>
      <List
        size="small"
        loading={due.isPending}
        dataSource={due.data?.items ?? []}
        renderItem={(d) => (
          <List.Item
            extra={
              <Tag color={d.state === 'overdue' ? 'red' : 'orange'}>
                {t(`channel.visit.states.${d.state}`)}
              </Tag>
            }
          >
            <List.Item.Meta
              title={<Link to={`/channel/customers/${d.id}?tab=visits`}>{d.name}</Link>}
              description={`${t(`channel.terminalTiers.${d.terminalTier}`)} · ${
                d.lastVisitDate
                  ? `${t('channel.visit.lastVisit')} ${formatDate(d.lastVisitDate)}`
                  : t('channel.visit.never')
              }`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
