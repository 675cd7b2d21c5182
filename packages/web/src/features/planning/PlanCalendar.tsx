import { Empty, Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { halfDays, type HalfDay } from '@keqing/shared';
import { chinaToday } from '../../lib/format.ts';
import { CallCard, DropSlot, LoggedCallLine, type CallActions } from './CallCard.tsx';
import type { Calendar, CalendarCall, CalendarDay, PlannedCall } from './planning.api.ts';
import { chinaSlot, datesBetween, isoWeekday, isoWeekdays, type CalendarView } from './plan-dates.ts';

type Indexed = {
  days: Map<string, CalendarDay>;
  calls: (date: string, halfDay?: HalfDay) => PlannedCall[];
  logged: (date: string, halfDay?: HalfDay) => CalendarCall[];
};

const byTime = (a: PlannedCall, b: PlannedCall) =>
  a.halfDay.localeCompare(b.halfDay) ||
  (a.startTime ?? '99').localeCompare(b.startTime ?? '99') ||
  a.hospitalName.localeCompare(b.hospitalName, 'zh-CN') ||
  a.doctorName.localeCompare(b.doctorName, 'zh-CN');

function indexCalendar(data: Calendar): Indexed {
  const days = new Map(data.days.map((d) => [d.date, d]));
  const active = data.plannedCalls.filter((c) => c.status !== 'cancelled').sort(byTime);
  // A call logged for a planned one shows as that card's done state, not twice.
  const unplanned = data.calls
    .filter((c) => !c.plannedCallId)
    .map((c) => ({ call: c, slot: chinaSlot(c.startAt) }));
  return {
    days,
    calls: (date, halfDay) => active.filter((c) => c.date === date && (!halfDay || c.halfDay === halfDay)),
    logged: (date, halfDay) =>
      unplanned
        .filter((u) => u.slot.date === date && (!halfDay || u.slot.halfDay === halfDay))
        .map((u) => u.call),
  };
}

/** 日期标题: weekday, date, holiday / 调休 name, counts and the server's warnings for the day. */
export function DayHeader({ date, day, compact }: { date: string; day?: CalendarDay; compact?: boolean }) {
  const { t } = useTranslation();
  const weekday = isoWeekday(date);
  const weekend = weekday >= 6;
  const today = date === chinaToday();
  const warnings = day?.warnings.filter((w) => !w.plannedCallId) ?? [];
  return (
    <div data-testid={`day-${date}`} style={{ minWidth: 0 }}>
      <Flex align="center" gap={4} wrap>
        <Typography.Text strong style={{ color: today ? '#1677ff' : undefined }}>
          {t(`planning.weekday.w${weekday}`)} {compact ? date.slice(5) : date}
        </Typography.Text>
        {day?.holidayName ? (
          <Tag
            color={day.workingDay ? 'orange' : 'green'}
            style={{ marginInlineEnd: 0 }}
            data-testid="day-holiday"
          >
            {day.holidayName}
          </Tag>
        ) : null}
        {day && day.workingDay && weekend ? (
          <Tooltip title={t('planning.day.makeUpHint')}>
            <Tag color="orange" style={{ marginInlineEnd: 0 }}>
              {t('planning.day.makeUp')}
            </Tag>
          </Tooltip>
        ) : null}
        {day && !day.workingDay && !weekend ? (
          <Tag color="green" style={{ marginInlineEnd: 0 }}>
            {t('planning.day.off')}
          </Tag>
        ) : null}
      </Flex>
      {day ? (
        <Flex align="center" gap={4} wrap style={{ fontSize: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="day-counts">
            {t('planning.day.counts', { planned: day.plannedCount, logged: day.loggedCount })}
          </Typography.Text>
          {warnings.map((w, i) => (
            <Tooltip key={`${w.code}-${i}`} title={w.message}>
              <Tag
                color={w.code === 'aboveMaxCalls' ? 'red' : 'orange'}
                style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}
                data-testid={`day-warning-${w.code}`}
              >
                {t(`planning.warning.${w.code}`)}
              </Tag>
            </Tooltip>
          ))}
        </Flex>
      ) : null}
    </div>
  );
}

type ViewProps = {
  data: Calendar;
  actions: CallActions;
  onDropCall?: (callId: string, date: string, halfDay: HalfDay) => void;
  onPickDay: (date: string) => void;
};

function Slot({
  index,
  date,
  halfDay,
  actions,
  onDropCall,
}: {
  index: Indexed;
  date: string;
  halfDay: HalfDay;
  actions: CallActions;
  onDropCall?: ViewProps['onDropCall'];
}) {
  return (
    <DropSlot date={date} halfDay={halfDay} onDropCall={onDropCall}>
      {index.calls(date, halfDay).map((c) => (
        <CallCard key={c.id} call={c} actions={actions} />
      ))}
      {index.logged(date, halfDay).map((c) => (
        <LoggedCallLine key={c.id} call={c} />
      ))}
    </DropSlot>
  );
}

const border = '1px solid #f0f0f0';

/** 周视图: Monday–Sunday columns × 上午 / 下午 rows; scrolls sideways on a phone. */
function WeekView({ data, actions, onDropCall, onPickDay }: ViewProps) {
  const { t } = useTranslation();
  const index = indexCalendar(data);
  const dates = datesBetween(data.from, data.to);
  return (
    <div style={{ overflowX: 'auto' }} data-testid="calendar-week">
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: `48px repeat(${dates.length}, minmax(132px, 1fr))`,
          minWidth: 48 + dates.length * 132,
          border,
          borderRadius: 8,
        }}
      >
        <div style={{ borderBottom: border }} />
        {dates.map((d) => (
          <div
            key={d}
            style={{
              padding: 6,
              borderBottom: border,
              borderInlineStart: border,
              background: index.days.get(d)?.workingDay === false ? '#fafafa' : undefined,
              cursor: 'pointer',
            }}
            onClick={() => onPickDay(d)}
          >
            <DayHeader date={d} day={index.days.get(d)} compact />
          </div>
        ))}
        {halfDays.map((h) => (
          <div key={h} style={{ display: 'contents' }}>
            <div
              style={{
                padding: 6,
                fontSize: 12,
                color: '#888',
                borderBottom: h === 'am' ? border : undefined,
                writingMode: 'horizontal-tb',
              }}
            >
              {t(`planning.halfDay.${h}`)}
            </div>
            {dates.map((d) => (
              <div
                key={d}
                style={{
                  borderInlineStart: border,
                  borderBottom: h === 'am' ? border : undefined,
                  background: index.days.get(d)?.workingDay === false ? '#fafafa' : undefined,
                  minWidth: 0,
                }}
              >
                <Slot index={index} date={d} halfDay={h} actions={actions} onDropCall={onDropCall} />
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

/** 日视图 (日计划): the day's calls under 上午 and 下午, one column (fits a phone). */
function DayView({ data, actions, onDropCall }: ViewProps) {
  const { t } = useTranslation();
  const index = indexCalendar(data);
  const date = data.from;
  return (
    <div data-testid="calendar-day">
      <div style={{ padding: 8, border, borderRadius: 8, marginBottom: 8 }}>
        <DayHeader date={date} day={index.days.get(date)} />
      </div>
      {halfDays.map((h) => (
        <div key={h} style={{ border, borderRadius: 8, marginBottom: 8 }}>
          <Typography.Text type="secondary" style={{ display: 'block', padding: '6px 8px 0' }}>
            {t(`planning.halfDay.${h}`)}
          </Typography.Text>
          <Slot index={index} date={date} halfDay={h} actions={actions} onDropCall={onDropCall} />
        </div>
      ))}
    </div>
  );
}

/** 月视图: whole weeks of the month, a cell per day with its counts; a click opens the day. */
function MonthView({ data, onPickDay, month }: ViewProps & { month: string }) {
  const { t } = useTranslation();
  const index = indexCalendar(data);
  const dates = datesBetween(data.from, data.to);
  return (
    <div style={{ overflowX: 'auto' }} data-testid="calendar-month">
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(7, minmax(44px, 1fr))',
          border,
          borderRadius: 8,
        }}
      >
        {isoWeekdays.map((w) => (
          <div
            key={w}
            style={{ padding: 4, textAlign: 'center', fontSize: 12, color: '#888', borderBottom: border }}
          >
            {t(`planning.weekday.w${w}`)}
          </div>
        ))}
        {dates.map((d) => {
          const day = index.days.get(d);
          const planned = index.calls(d).length;
          const warnings = day?.warnings.filter((w) => !w.plannedCallId) ?? [];
          const inMonth = d.startsWith(month);
          return (
            <div
              key={d}
              role="button"
              tabIndex={0}
              data-testid={`month-day-${d}`}
              onClick={() => onPickDay(d)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') onPickDay(d);
              }}
              style={{
                minHeight: 72,
                padding: 4,
                borderTop: border,
                borderInlineStart: isoWeekday(d) === 1 ? undefined : border,
                background: day?.workingDay === false ? '#fafafa' : undefined,
                opacity: inMonth ? 1 : 0.5,
                cursor: 'pointer',
                fontSize: 12,
                minWidth: 0,
                overflow: 'hidden',
              }}
            >
              <Typography.Text
                strong={d === chinaToday()}
                style={{ color: d === chinaToday() ? '#1677ff' : undefined }}
              >
                {Number(d.slice(8))}
              </Typography.Text>
              {day?.holidayName ? (
                <div className="kq-ellipsis" style={{ color: day.workingDay ? '#d46b08' : '#389e0d' }}>
                  {day.holidayName}
                </div>
              ) : null}
              {planned > 0 || (day?.loggedCount ?? 0) > 0 ? (
                <div className="kq-ellipsis">
                  {t('planning.month.counts', { planned, logged: day?.loggedCount ?? 0 })}
                </div>
              ) : null}
              {warnings.length > 0 ? (
                <Tooltip title={warnings.map((w) => w.message).join('；')}>
                  <span style={{ color: '#d46b08' }}>⚠ {warnings.length}</span>
                </Tooltip>
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** 列表视图: the range's days that have calls, one below the other (fits a phone). */
function ListView({ data, actions }: ViewProps) {
  const { t } = useTranslation();
  const index = indexCalendar(data);
  const dates = datesBetween(data.from, data.to).filter(
    (d) => index.calls(d).length > 0 || index.logged(d).length > 0,
  );
  if (dates.length === 0)
    return <Empty description={t('planning.calendar.empty')} data-testid="calendar-list" />;
  return (
    <div data-testid="calendar-list">
      {dates.map((d) => (
        <div key={d} style={{ border, borderRadius: 8, padding: 8, marginBottom: 8 }}>
          <DayHeader date={d} day={index.days.get(d)} />
          {halfDays.map((h) => {
            const calls = index.calls(d, h);
            const logged = index.logged(d, h);
            if (calls.length === 0 && logged.length === 0) return null;
            return (
              <div key={h} style={{ marginTop: 6 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`planning.halfDay.${h}`)}
                </Typography.Text>
                <Flex vertical gap={4}>
                  {calls.map((c) => (
                    <CallCard key={c.id} call={c} actions={actions} />
                  ))}
                  {logged.map((c) => (
                    <LoggedCallLine key={c.id} call={c} />
                  ))}
                </Flex>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

export function PlanCalendar({ view, month, ...props }: ViewProps & { view: CalendarView; month: string }) {
  switch (view) {
    case 'day':
      return <DayView {...props} />;
    case 'week':
      return <WeekView {...props} />;
    case 'month':
      return <MonthView {...props} month={month} />;
    case 'list':
      return <ListView {...props} />;
  }
}
