import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { callTypes, planningSettingsSchema, type PlanningSettings } from '@keqing/shared';
import { isApiError, errorText } from '../../lib/api.ts';
import { dateFormat, formatDateTime } from '../../lib/format.ts';
import '../../lib/locales/planning.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { usePlanningSettings, useSavePlanningSettings } from './planning.api.ts';
import { isoWeekday, isoWeekdays } from './plan-dates.ts';

type Values = Omit<PlanningSettings, 'cycleAnchor'> & { cycleAnchor: Dayjs };

/** Form fields by their path in the settings (server paths are `body.<path>`). */
const fieldPaths = [
  'cycleWeeks',
  'cycleAnchor',
  'minCallsPerDay',
  'maxCallsPerDay',
  'minObjectives',
  'callEntryMaxDays',
  'countedCallTypes',
  'weeklyPlanReminder.weekday',
  'weeklyPlanReminder.hour',
  'nearHospitalMeters',
];

/** `body.weeklyPlanReminder.hour` → ['weeklyPlanReminder', 'hour'] when that is a field of the form. */
function fieldOf(path: string): string[] | undefined {
  const segments = path
    .replace(/^body\.?/, '')
    .split('.')
    .filter((s) => s && !/^\d+$/.test(s));
  for (let n = segments.length; n > 0; n -= 1) {
    const candidate = segments.slice(0, n).join('.');
    if (fieldPaths.includes(candidate)) return segments.slice(0, n);
  }
  return undefined;
}

/** 计划设置 (admin; compliance reads): cycle, daily call range, objectives, entry window, reminder. */
export default function PlanningSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const readOnly = me.role !== 'admin';
  const current = usePlanningSettings();
  const save = useSavePlanningSettings();
  const [form] = Form.useForm<Values>();

  const markFields = (issues: { path: string; message: string }[], fallback: string) => {
    const byField = new Map<string, { name: string[]; errors: string[] }>();
    const rest: string[] = [];
    for (const issue of issues) {
      const name = fieldOf(issue.path);
      if (!name) {
        rest.push(issue.message);
        continue;
      }
      const key = name.join('.');
      const entry = byField.get(key) ?? { name, errors: [] };
      entry.errors.push(issue.message);
      byField.set(key, entry);
    }
    form.setFields([...byField.values()] as Parameters<typeof form.setFields>[0]);
    if (byField.size === 0 || rest.length > 0)
      void message.error(rest.length ? `${fallback}：${rest.join('；')}` : fallback);
  };

  const submit = (v: Values) => {
    const settings = { ...v, cycleAnchor: v.cycleAnchor.format(dateFormat) };
    const parsed = planningSettingsSchema.safeParse(settings);
    if (!parsed.success) {
      markFields(
        parsed.error.issues.map((i) => ({
          path: i.path.join('.'),
          message: i.code === 'custom' ? t('planning.settings.minAboveMax') : i.message,
        })),
        t('planning.settings.invalid'),
      );
      return;
    }
    save.mutate(parsed.data, {
      onSuccess: () => void message.success(t('common.saved')),
      onError: (error) => {
        if (isApiError(error) && error.code === 'VALIDATION_FAILED')
          markFields(error.fieldIssues, error.message);
        else void message.error(errorText(error));
      },
    });
  };

  if (current.isPending) return <Skeleton active />;
  if (current.error) return <Alert type="error" showIcon title={errorText(current.error)} />;
  const s = current.data.settings;
  const int = { precision: 0, style: { width: '100%' } } as const;

  return (
    <div>
      <PageHeader title={t('nav.planning-settings')} subTitle={t('planning.settings.hint')} />
      {current.data.savedAt ? (
        <Typography.Paragraph type="secondary">
          {t('planning.settings.savedAt', { at: formatDateTime(current.data.savedAt) })}
        </Typography.Paragraph>
      ) : null}
      <Card style={{ maxWidth: 880 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          disabled={readOnly}
          initialValues={{ ...s, cycleAnchor: dayjs(s.cycleAnchor) }}
          onFinish={submit}
          data-testid="planning-settings-form"
        >
          <Row gutter={[16, 0]}>
            <Col xs={12} md={6}>
              <Form.Item
                label={t('planning.settings.cycleWeeks')}
                name="cycleWeeks"
                rules={[{ required: true }]}
              >
                <InputNumber min={1} max={8} {...int} data-testid="ps-cycleWeeks" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                label={t('planning.settings.cycleAnchor')}
                name="cycleAnchor"
                rules={[{ required: true }]}
                extra={t('planning.settings.cycleAnchorHint')}
              >
                <DatePicker
                  format={dateFormat}
                  allowClear={false}
                  disabledDate={(d) => isoWeekday(d.format(dateFormat)) !== 1}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                label={t('planning.settings.minCallsPerDay')}
                name="minCallsPerDay"
                rules={[{ required: true }]}
              >
                <InputNumber min={1} max={40} {...int} data-testid="ps-minCallsPerDay" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                label={t('planning.settings.maxCallsPerDay')}
                name="maxCallsPerDay"
                rules={[{ required: true }]}
              >
                <InputNumber min={1} max={40} {...int} data-testid="ps-maxCallsPerDay" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                label={t('planning.settings.minObjectives')}
                name="minObjectives"
                rules={[{ required: true }]}
              >
                <InputNumber min={1} max={10} {...int} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                label={t('planning.settings.callEntryMaxDays')}
                name="callEntryMaxDays"
                rules={[{ required: true }]}
              >
                <InputNumber min={0} max={30} {...int} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                label={t('planning.settings.nearHospitalMeters')}
                name="nearHospitalMeters"
                rules={[{ required: true }]}
              >
                <InputNumber min={50} max={20000} step={100} {...int} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label={t('planning.settings.countedCallTypes')}
            name="countedCallTypes"
            rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}
          >
            <Checkbox.Group
              options={callTypes.map((c) => ({ value: c, label: t(`planning.callType.${c}`) }))}
            />
          </Form.Item>
          <Row gutter={[16, 0]}>
            <Col xs={12} md={6}>
              <Form.Item
                label={t('planning.settings.reminderWeekday')}
                name={['weeklyPlanReminder', 'weekday']}
                rules={[{ required: true }]}
              >
                <Select
                  options={isoWeekdays.map((w) => ({ value: w, label: t(`planning.weekday.w${w}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                label={t('planning.settings.reminderHour')}
                name={['weeklyPlanReminder', 'hour']}
                rules={[{ required: true }]}
              >
                <InputNumber min={0} max={23} suffix=":00" {...int} />
              </Form.Item>
            </Col>
          </Row>
          {readOnly ? null : (
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="ps-save">
              {t('common.save')}
            </Button>
          )}
        </Form>
      </Card>
    </div>
  );
}
