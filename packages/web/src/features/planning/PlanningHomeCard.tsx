import { Alert, Card, Flex, Progress, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/api.ts';
import { chinaToday } from '../../lib/format.ts';
import '../../lib/locales/planning.ts';
import { gradeColor } from '../accounts/labels.ts';
import { useCalendar, useReminders } from './planning.api.ts';

/** 今日计划 on a rep's home page: today's planned calls (done / total) and the planning reminders. */
export function PlanningHomeCard() {
  const { t } = useTranslation();
  const today = chinaToday();
  const calendar = useCalendar({ from: today, to: today });
  const reminders = useReminders();
  const calls = (calendar.data?.plannedCalls ?? []).filter((c) => c.status !== 'cancelled');
  const done = calls.filter((c) => c.status === 'done').length;
  const shown = calls.filter((c) => c.status === 'planned').slice(0, 5);

  return (
    <Card
      title={t('planning.home.title')}
      extra={<Link to={`/plan?view=day&date=${today}`}>{t('planning.home.open')}</Link>}
      data-testid="home-card-planning"
    >
      {calendar.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : calendar.error ? (
        <Typography.Text type="danger">{errorText(calendar.error)}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          <Flex align="center" gap={12}>
            <Typography.Text strong style={{ fontSize: 20 }} data-testid="home-plan-count">
              {done} / {calls.length}
            </Typography.Text>
            <Typography.Text type="secondary">{t('planning.home.doneOfPlanned')}</Typography.Text>
          </Flex>
          {calls.length > 0 ? (
            <Progress percent={Math.round((done / calls.length) * 100)} size="small" showInfo={false} />
          ) : (
            <Typography.Text type="secondary">{t('planning.home.noCalls')}</Typography.Text>
          )}
          {shown.map((c) => (
            <Flex key={c.id} gap={6} align="center" style={{ minWidth: 0 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
                {c.startTime ?? t(`planning.halfDay.${c.halfDay}`)}
              </Typography.Text>
              <span className="kq-ellipsis">
                {c.doctorName} · {c.hospitalName}
              </span>
              {c.doctorGrade ? (
                <Tag color={gradeColor(c.doctorGrade)} style={{ marginInlineEnd: 0 }}>
                  {c.doctorGrade}
                </Tag>
              ) : null}
            </Flex>
          ))}
        </Flex>
      )}
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
