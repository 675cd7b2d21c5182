import { Alert, Card, Col, DatePicker, Empty, Flex, Row, Select, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/api.ts';
import { chinaToday } from '../../lib/format.ts';
import '../../lib/locales/care.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { useTeamOptions, useUserOptions } from '../admin/admin.api.ts';
import { useUpcomingCare, type UpcomingCareItem } from './care.api.ts';
import { LunarTag } from './labels.tsx';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * 关怀日历: a year of care dates (birthdays, festivals, care dates) month by month. A rep sees their own doctors; a
 * manager picks one rep or the whole team; admin and compliance pick a team or a rep.
 */
export function CareCalendar() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, set] = useSearchParamsUpdate();
  const isRep = me.role === 'rep';
  const year = Number(params.get('year')) || Number(chinaToday().slice(0, 4));
  const ownerId = isRep ? undefined : (params.get('rep') ?? undefined);
  const teamParam = params.get('team') ?? undefined;
  const teamId =
    isRep || ownerId
      ? undefined
      : (teamParam ?? (me.role === 'manager' ? (me.teamId ?? undefined) : undefined));
  const reps = useUserOptions({ role: 'rep', teamId: teamId ?? undefined });
  const teams = useTeamOptions({ enabled: !isRep && me.role !== 'manager' });
  // Admin and compliance see the whole company: the calendar waits until they pick a team or a rep.
  const chosen = isRep || me.role === 'manager' || !!ownerId || !!teamId;
  const calendar = useUpcomingCare(
    { from: `${year}-01-01`, days: isLeap(year) ? 366 : 365, ownerId, teamId },
    chosen,
  );

  const byMonth = new Map<number, UpcomingCareItem[]>();
  for (const item of calendar.data?.items ?? []) {
    const month = Number(item.date.slice(5, 7));
    byMonth.set(month, [...(byMonth.get(month) ?? []), item]);
  }

  return (
    <Flex vertical gap={12} data-testid="care-calendar">
      <Flex wrap gap={8} align="center">
        <DatePicker
          picker="year"
          value={dayjs(`${year}-01-01`)}
          allowClear={false}
          onChange={(d) => d && set({ year: String(d.year()) })}
          style={{ width: 120 }}
        />
        {isRep ? null : (
          <>
            {me.role === 'manager' ? null : (
              <Select
                {...teams.selectProps}
                allowClear
                value={teamParam}
                onChange={(v: string | undefined) => set({ team: v, rep: undefined })}
                placeholder={t('care.calendar.pickTeam')}
                style={{ width: 200 }}
              />
            )}
            <Select
              {...reps.selectProps}
              allowClear
              value={ownerId}
              onChange={(v: string | undefined) => set({ rep: v })}
              placeholder={t('care.calendar.wholeTeam')}
              style={{ width: 200 }}
              data-testid="care-calendar-rep"
            />
          </>
        )}
      </Flex>
      {calendar.error ? <Alert type="error" showIcon title={errorText(calendar.error)} /> : null}
      {!chosen ? (
        <Empty description={t('care.calendar.pickFirst')} />
      ) : calendar.isPending ? (
        <Skeleton active />
      ) : (
        <Row gutter={[12, 12]} style={{ opacity: calendar.isFetching ? 0.6 : 1 }}>
          {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
            const items = byMonth.get(month) ?? [];
            return (
              <Col key={month} xs={24} md={12} xl={8}>
                <Card
                  size="small"
                  title={t('care.calendar.month', { year, month })}
                  extra={<Typography.Text type="secondary">{items.length}</Typography.Text>}
                  data-testid={`care-calendar-month-${month}`}
                  styles={{ body: { maxHeight: 280, overflowY: 'auto' } }}
                >
                  {items.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('care.calendar.none')} />
                  ) : (
                    <Flex vertical gap={4}>
                      {items.map((item) => (
                        <Flex
                          key={`${item.date}-${item.kind}-${item.doctorId ?? item.festival ?? item.label}`}
                          gap={6}
                          align="center"
                          wrap
                        >
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {item.date.slice(5)}
                          </Typography.Text>
                          <Tag
                            color={
                              item.kind === 'festival'
                                ? 'volcano'
                                : item.kind === 'birthday'
                                  ? 'magenta'
                                  : 'blue'
                            }
                            style={{ marginInlineEnd: 0 }}
                          >
                            {t(`care.dateKinds.${item.kind}`)}
                          </Tag>
                          {item.isLunar ? <LunarTag t={t} /> : null}
                          <span className="kq-ellipsis" style={{ flex: 1, minWidth: 0 }}>
                            {item.doctorId ? (
                              <Link to={`/doctors/${item.doctorId}?tab=care`}>{item.doctorName}</Link>
                            ) : null}
                            {item.doctorId ? ' · ' : ''}
                            {item.label}
                          </span>
                        </Flex>
                      ))}
                    </Flex>
                  )}
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
    </Flex>
  );
}
