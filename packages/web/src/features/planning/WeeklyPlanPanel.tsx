import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Row,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../lib/api.ts';
import { chinaToday, dateFormat, formatDateTime } from '../../lib/format.ts';
import { emptyToNull, useFormErrorHandler } from '../../lib/form-errors.ts';
import { DayHeader } from './PlanCalendar.tsx';
import { useCalendar, useSaveWeeklyPlan, useWeeklyPlan, type WeeklyPlan } from './planning.api.ts';
import { addDays, datesBetween, defaultPlanningWeek, mondayOf } from './plan-dates.ts';

type Values = { goals?: string | null; notes?: string | null };

function WeeklyPlanForm({
  weekStart,
  plan,
  editable,
}: {
  weekStart: string;
  plan: WeeklyPlan | null;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveWeeklyPlan();
  const onFormError = useFormErrorHandler();

  const send = (submit: boolean) => {
    const v = form.getFieldsValue();
    save.mutate(
      {
        weekStart,
        body: {
          version: plan?.version,
          goals: emptyToNull(v.goals),
          notes: emptyToNull(v.notes),
          submit: submit || undefined,
        },
      },
      {
        onSuccess: () =>
          void message.success(submit ? t('planning.weekly.submittedDone') : t('common.saved')),
        onError: (error) => {
          if (isApiError(error) && error.code === 'VERSION_CONFLICT')
            void message.error(t('planning.conflict', { message: error.message }));
          else onFormError(form, error);
        },
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      disabled={!editable}
      initialValues={{ goals: plan?.goals ?? null, notes: plan?.notes ?? null }}
      data-testid="weekly-plan-form"
    >
      <Form.Item
        label={t('planning.weekly.goals')}
        name="goals"
        extra={editable ? t('planning.weekly.goalsHint') : undefined}
      >
        <Input.TextArea rows={4} maxLength={2000} data-testid="weekly-goals" />
      </Form.Item>
      <Form.Item label={t('planning.weekly.notes')} name="notes">
        <Input.TextArea rows={3} maxLength={4000} data-testid="weekly-notes" />
      </Form.Item>
      {editable ? (
        <Flex gap={8} wrap>
          <Button onClick={() => send(false)} loading={save.isPending} data-testid="weekly-save">
            {t('common.save')}
          </Button>
          <Button
            type="primary"
            onClick={() => send(true)}
            loading={save.isPending}
            data-testid="weekly-submit"
          >
            {plan?.submittedAt ? t('planning.weekly.resubmit') : t('planning.weekly.submit')}
          </Button>
        </Flex>
      ) : null}
    </Form>
  );
}

/** 周计划: goals and notes for a week, submitted at the end of the week before, with the week's day counts. */
export function WeeklyPlanPanel({ ownerId, editable }: { ownerId: string | undefined; editable: boolean }) {
  const { t } = useTranslation();
  const [weekStart, setWeekStart] = useState(() => defaultPlanningWeek(chinaToday()));
  const weekEnd = addDays(weekStart, 6);
  const plan = useWeeklyPlan(weekStart, ownerId);
  const calendar = useCalendar({ from: weekStart, to: weekEnd, ownerId });
  const days = new Map((calendar.data?.days ?? []).map((d) => [d.date, d]));

  return (
    <Flex vertical gap={16} data-testid="weekly-plan">
      <Flex wrap gap={8} align="center">
        <DatePicker
          picker="week"
          allowClear={false}
          value={dayjs(weekStart)}
          format={(d) => `${mondayOf(d.format(dateFormat))} – ${addDays(mondayOf(d.format(dateFormat)), 6)}`}
          onChange={(d) => d && setWeekStart(mondayOf(d.format(dateFormat)))}
          style={{ width: 240 }}
          data-testid="weekly-week"
        />
        {plan.data?.submittedAt ? (
          <Tag color="success" data-testid="weekly-submitted">
            {t('planning.weekly.submittedAt', { at: formatDateTime(plan.data.submittedAt) })}
          </Tag>
        ) : plan.data ? (
          <Tag>{t('planning.weekly.draft')}</Tag>
        ) : null}
        {plan.data ? (
          <Typography.Text type="secondary">
            {t('planning.weekly.summary', {
              calls: plan.data.plannedCallCount,
              days: plan.data.workingDayCount,
            })}
          </Typography.Text>
        ) : null}
      </Flex>
      {plan.data?.warnings
        .filter((w) => !w.date && !w.plannedCallId)
        .map((w, i) => (
          <Alert key={i} type="warning" showIcon title={w.message} />
        ))}
      <Row gutter={[8, 8]} data-testid="weekly-days">
        {datesBetween(weekStart, weekEnd).map((d) => (
          <Col key={d} xs={12} sm={8} md={6} xl={3} style={{ flex: '1 0 auto' }}>
            <Card size="small" styles={{ body: { padding: 8 } }}>
              {calendar.isPending ? (
                <Skeleton active paragraph={false} />
              ) : (
                <DayHeader date={d} day={days.get(d)} compact />
              )}
            </Card>
          </Col>
        ))}
      </Row>
      {calendar.error ? <Alert type="error" showIcon title={errorText(calendar.error)} /> : null}
      {plan.isPending ? (
        <Skeleton active />
      ) : plan.error ? (
        <Alert type="error" showIcon title={errorText(plan.error)} />
      ) : (
        <WeeklyPlanForm
          key={`${weekStart}-${plan.data?.version ?? 0}`}
          weekStart={weekStart}
          plan={plan.data}
          editable={editable}
        />
      )}
    </Flex>
  );
}
