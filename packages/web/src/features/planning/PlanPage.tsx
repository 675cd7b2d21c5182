import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Empty,
  Flex,
  Segmented,
  Select,
  Skeleton,
  Tabs,
  Typography,
} from 'antd';
import dayjs from 'dayjs';

import { useTranslation } from 'react-i18next';
import { defaultPlanningSettings, type HalfDay } from '@keqing/shared';
import { errorText, isApiError } from '../../lib/api.ts';
import { chinaToday, dateFormat } from '../../lib/format.ts';
import '../../lib/locales/planning.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { useUserOptions } from '../admin/admin.api.ts';
import type { CallActions } from './CallCard.tsx';
import { CyclePlanPanel } from './CyclePlanPanel.tsx';
import { MoveCallModal } from './MoveCallModal.tsx';
import { PlanCalendar } from './PlanCalendar.tsx';
import { PlannedCallDrawer } from './PlannedCallDrawer.tsx';
import { WeeklyPlanPanel } from './WeeklyPlanPanel.tsx';
import {
  useCalendar,
  usePlanningSettings,
  useReminders,
  useUpdatePlannedCall,
  type PlannedCall,
} from './planning.api.ts';
import { calendarViews, rangeOf, stepAnchor, type CalendarView } from './plan-dates.ts';
import { moveWarnings } from './plan-warnings.ts';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';

const tabs = ['calendar', 'cycle', 'weekly'] as const;
type TabKey = (typeof tabs)[number];
const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar of one rep with drag-to-move, the 移到… menu, lock and the call drawer. */
function CalendarTab({
  ownerId,
  editable,
  view,
  date,
  onNavigate,
}: {
  ownerId: string | undefined;
  editable: boolean;
  view: CalendarView;
  date: string;
  onNavigate: (next: { view?: CalendarView; date?: string }) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const range = rangeOf(view, date);
  const calendar = useCalendar({ ...range, ownerId });
  const settings = usePlanningSettings();
  const update = useUpdatePlannedCall();
  const [openId, setOpenId] = useState<string | null>(null);
  const [snapshot, setSnapshot] = useState<PlannedCall | null>(null);
  const [moving, setMoving] = useState<PlannedCall | null>(null);
  const minObjectives = settings.data?.settings.minObjectives ?? defaultPlanningSettings.minObjectives;
  const calls = calendar.data?.plannedCalls ?? [];
  const openCall = openId ? (calls.find((c) => c.id === openId) ?? snapshot ?? undefined) : undefined;

  const showError = (error: unknown) =>
    void message.error(
      isApiError(error) && error.code === 'VERSION_CONFLICT'
        ? t('planning.conflict', { message: error.message })
        : errorText(error),
    );

  const move = (call: PlannedCall, to: string, halfDay: HalfDay) => {
    if (call.date === to && call.halfDay === halfDay) return;
    update.mutate(
      { id: call.id, body: { version: call.version, date: to, halfDay } },
      {
        onSuccess: (result) => {
          void message.success(
            t('planning.moved', {
              name: call.doctorName,
              date: result.plannedCall.date,
              halfDay: t(`planning.halfDay.${result.plannedCall.halfDay}`),
            }),
          );
          for (const w of moveWarnings(result.warnings, call.id)) void message.warning(w.message);
        },
        onError: showError,
      },
    );
  };

  const actions: CallActions = {
    minObjectives,
    onOpen: (call) => {
      setSnapshot(call);
      setOpenId(call.id);
    },
    ...(editable
      ? {
          onMove: move,
          onMoveMenu: setMoving,
          onToggleLock: (call: PlannedCall) =>
            update.mutate(
              { id: call.id, body: { version: call.version, locked: !call.locked } },
              { onError: showError },
            ),
        }
      : {}),
  };

  const onDropCall = editable
    ? (callId: string, to: string, halfDay: HalfDay) => {
        const call = calls.find((c) => c.id === callId);
        if (call && call.status !== 'done') move(call, to, halfDay);
      }
    : undefined;

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Flex wrap gap={8} align="center">
          <Button
            onClick={() => onNavigate({ date: stepAnchor(view, date, -1) })}
            aria-label={t('planning.calendar.previous')}
            data-testid="calendar-prev"
          >
            ‹
          </Button>
          <Button onClick={() => onNavigate({ date: chinaToday() })} data-testid="calendar-today">
            {t('planning.calendar.today')}
          </Button>
          <Button
            onClick={() => onNavigate({ date: stepAnchor(view, date, 1) })}
            aria-label={t('planning.calendar.next')}
            data-testid="calendar-next"
          >
            ›
          </Button>
          <DatePicker
            value={dayjs(date)}
            format={dateFormat}
            allowClear={false}
            onChange={(d) => d && onNavigate({ date: d.format(dateFormat) })}
            style={{ width: 136 }}
            data-testid="calendar-date"
          />
          <Typography.Text type="secondary" data-testid="calendar-range">
            {range.from === range.to ? range.from : `${range.from} – ${range.to}`}
          </Typography.Text>
        </Flex>
        <Segmented<CalendarView>
          value={view}
          onChange={(v) => onNavigate({ view: v })}
          options={calendarViews.map((v) => ({
            value: v,
            label: <span data-testid={`view-${v}`}>{t(`planning.calendar.views.${v}`)}</span>,
          }))}
        />
      </Flex>
      {editable && view !== 'month' ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('planning.calendar.dragHint')}
        </Typography.Text>
      ) : null}
      {calendar.error ? <Alert type="error" showIcon title={errorText(calendar.error)} /> : null}
      {calendar.isPending ? (
        <Skeleton active />
      ) : calendar.data ? (
        <div
          style={{ opacity: calendar.isFetching && calendar.isPlaceholderData ? 0.6 : 1 }}
          data-testid="plan-calendar"
          data-owner={calendar.data.ownerId}
        >
          <PlanCalendar
            view={view}
            month={date.slice(0, 7)}
            data={calendar.data}
            actions={actions}
            onDropCall={onDropCall}
            onPickDay={(d) => onNavigate({ view: 'day', date: d })}
          />
        </div>
      ) : null}
      {moving ? <MoveCallModal call={moving} onMove={move} onClose={() => setMoving(null)} /> : null}
      <PlannedCallDrawer
        call={openCall}
        editable={editable}
        minObjectives={minObjectives}
        onClose={() => setOpenId(null)}
      />
    </Flex>
  );
}

function Reminders() {
  const reminders = useReminders();
  const items = reminders.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }}>
      {items.map((r) => (
        <Alert
          key={`${r.kind}-${r.date}`}
          type="warning"
          showIcon
          title={r.message}
          data-testid={`planning-reminder-${r.kind}`}
        />
      ))}
    </Flex>
  );
}

/** 计划: a rep's calendar (day/week/month/list), cycle plan and weekly plan; a manager picks a team rep (read-only). */
export default function PlanPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParam] = useSearchParamsUpdate();
  const isRep = user.role === 'rep';
  const reps = useUserOptions({ role: 'rep' });

  const tabParam = params.get('tab');
  const tab: TabKey = tabs.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'calendar';
  const viewParam = params.get('view');
  const view: CalendarView = calendarViews.includes(viewParam as CalendarView)
    ? (viewParam as CalendarView)
    : 'week';
  const dateParam = params.get('date');
  const date =
    dateParam && isoDatePattern.test(dateParam) && dayjs(dateParam).isValid() ? dateParam : chinaToday();
  const repId = isRep ? undefined : (params.get('rep') ?? undefined);
  const ownerChosen = isRep || !!repId;

  const picker = isRep ? null : (
    <Select
      {...reps.selectProps}
      value={repId}
      onChange={(v: string | undefined) => setParam({ rep: v })}
      allowClear
      placeholder={t('planning.pickRep')}
      style={{ width: 220 }}
      data-testid="plan-rep-picker"
    />
  );

  return (
    <div>
      <PageHeader
        title={t('nav.plan')}
        subTitle={isRep ? t('planning.pageHint') : t('planning.pageHintManager')}
        extra={picker}
      />
      {isRep ? <Reminders /> : null}
      {!ownerChosen ? (
        <Empty description={t('planning.pickRepHint')} data-testid="plan-pick-rep" />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam({ tab: key })}
          destroyOnHidden
          items={[
            {
              key: 'calendar',
              label: <span data-testid="plan-tab-calendar">{t('planning.tabs.calendar')}</span>,
              children: (
                <CalendarTab
                  ownerId={repId}
                  editable={isRep}
                  view={view}
                  date={date}
                  onNavigate={(next) => setParam({ view: next.view ?? view, date: next.date ?? date })}
                />
              ),
            },
            {
              key: 'cycle',
              label: <span data-testid="plan-tab-cycle">{t('planning.tabs.cycle')}</span>,
              children: <CyclePlanPanel date={date} ownerId={repId} editable={isRep} />,
            },
            {
              key: 'weekly',
              label: <span data-testid="plan-tab-weekly">{t('planning.tabs.weekly')}</span>,
              children: <WeeklyPlanPanel ownerId={repId} editable={isRep} />,
            },
          ]}
        />
      )}
    </div>
  );
}
