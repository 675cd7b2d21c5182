import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../lib/api.ts';
import { dateFormat, formatDateTime, formatNumber } from '../../lib/format.ts';
import { emptyToNull, useFormErrorHandler } from '../../lib/form-errors.ts';
import { gradeColor } from '../accounts/labels.ts';
import { useHospitalOptions } from '../admin/admin.api.ts';
import {
  useCyclePlanAt,
  useGenerateCyclePlan,
  useOpenCyclePlan,
  useUpdateCyclePlan,
  type CyclePlan,
} from './planning.api.ts';

type Values = {
  hospitalDays: { hospitalId?: string; days?: number | null }[];
  promotionalActivities: { title?: string; date?: Dayjs | null; note?: string | null }[];
  notes?: string | null;
};

function useConflictAware() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (error: unknown) =>
    void message.error(
      isApiError(error) && error.code === 'VERSION_CONFLICT'
        ? t('planning.conflict', { message: error.message })
        : errorText(error),
    );
}

/** 月计划内容: days per hospital, promotional activities and notes (PATCH with version). */
function CyclePlanForm({ plan, editable }: { plan: CyclePlan; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateCyclePlan();
  const onFormError = useFormErrorHandler();
  const hospitals = useHospitalOptions(
    plan.hospitalDays.map((h) => ({ value: h.hospitalId, label: h.hospitalName })),
  );

  const save = (v: Values) =>
    update.mutate(
      {
        id: plan.id,
        body: {
          version: plan.version,
          hospitalDays: v.hospitalDays
            .filter((h): h is { hospitalId: string; days?: number | null } => !!h.hospitalId)
            .map((h) => ({ hospitalId: h.hospitalId, days: h.days ?? 0 })),
          promotionalActivities: v.promotionalActivities
            .filter((a) => a.title?.trim())
            .map((a) => ({
              title: a.title!.trim(),
              date: a.date ? a.date.format(dateFormat) : null,
              note: emptyToNull(a.note),
            })),
          notes: emptyToNull(v.notes),
        },
      },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (error) => {
          if (isApiError(error) && error.code === 'VERSION_CONFLICT')
            void message.error(t('planning.conflict', { message: error.message }));
          else onFormError(form, error);
        },
      },
    );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      disabled={!editable}
      onFinish={save}
      initialValues={{
        hospitalDays: plan.hospitalDays.map((h) => ({ hospitalId: h.hospitalId, days: h.days })),
        promotionalActivities: plan.promotionalActivities.map((a) => ({
          title: a.title,
          date: a.date ? dayjs(a.date) : null,
          note: a.note ?? null,
        })),
        notes: plan.notes,
      }}
      data-testid="cycle-plan-form"
    >
      <Row gutter={[16, 0]}>
        <Col xs={24} lg={12}>
          <Typography.Text strong>{t('planning.cycle.hospitalDays')}</Typography.Text>
          <Form.List name="hospitalDays">
            {(fields, { add, remove }) => (
              <div style={{ marginTop: 6 }}>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="start">
                    <Form.Item
                      name={[f.name, 'hospitalId']}
                      style={{ flex: 1, minWidth: 0, marginBottom: 8 }}
                    >
                      <Select {...hospitals.selectProps} placeholder={t('planning.cycle.hospital')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'days']} style={{ width: 96, marginBottom: 8 }}>
                      <InputNumber
                        min={0}
                        max={31}
                        step={0.5}
                        suffix={t('planning.cycle.daysUnit')}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                    {editable ? (
                      <Button onClick={() => remove(f.name)} aria-label={t('common.delete')}>
                        −
                      </Button>
                    ) : null}
                  </Flex>
                ))}
                {editable ? (
                  <Button type="dashed" block onClick={() => add({ days: 1 })} style={{ marginBottom: 12 }}>
                    {t('planning.cycle.addHospital')}
                  </Button>
                ) : fields.length === 0 ? (
                  <Typography.Text type="secondary">—</Typography.Text>
                ) : null}
              </div>
            )}
          </Form.List>
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Text strong>{t('planning.cycle.activities')}</Typography.Text>
          <Form.List name="promotionalActivities">
            {(fields, { add, remove }) => (
              <div style={{ marginTop: 6 }}>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="start" wrap>
                    <Form.Item
                      name={[f.name, 'title']}
                      style={{ flex: 2, minWidth: 140, marginBottom: 8 }}
                      rules={[{ max: 100, message: t('validation.maxLength', { max: 100 }) }]}
                    >
                      <Input placeholder={t('planning.cycle.activityTitle')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'date']} style={{ width: 140, marginBottom: 8 }}>
                      <DatePicker format={dateFormat} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'note']} style={{ flex: 1, minWidth: 120, marginBottom: 8 }}>
                      <Input placeholder={t('planning.cycle.activityNote')} maxLength={300} />
                    </Form.Item>
                    {editable ? (
                      <Button onClick={() => remove(f.name)} aria-label={t('common.delete')}>
                        −
                      </Button>
                    ) : null}
                  </Flex>
                ))}
                {editable && fields.length < 50 ? (
                  <Button type="dashed" block onClick={() => add({ title: '' })} style={{ marginBottom: 12 }}>
                    {t('planning.cycle.addActivity')}
                  </Button>
                ) : fields.length === 0 ? (
                  <Typography.Text type="secondary">—</Typography.Text>
                ) : null}
              </div>
            )}
          </Form.List>
        </Col>
      </Row>
      <Form.Item label={t('planning.cycle.notes')} name="notes">
        <Input.TextArea rows={3} maxLength={2000} data-testid="cycle-notes" />
      </Form.Item>
      {editable ? (
        <Button htmlType="submit" loading={update.isPending} data-testid="cycle-save">
          {t('common.save')}
        </Button>
      ) : null}
    </Form>
  );
}

function Quality({ plan }: { plan: CyclePlan }) {
  const { t } = useTranslation();
  const q = plan.quality;
  const items: { key: string; title: string; value: string; warn?: boolean }[] = [
    {
      key: 'working-days',
      title: t('planning.quality.workingDays'),
      value: formatNumber(plan.workingDays.length),
    },
    {
      key: 'total',
      title: t('planning.quality.totalCalls'),
      value: formatNumber(q?.totalCalls ?? plan.plannedCallCount),
    },
  ];
  if (q) {
    items.push(
      {
        key: 'attainment',
        title: t('planning.quality.attainment'),
        value: `${q.frequencyAttainmentPct}%`,
        warn: q.frequencyAttainmentPct < 100,
      },
      { key: 'switches', title: t('planning.quality.switches'), value: String(q.hospitalSwitchesPerDay) },
      {
        key: 'outside',
        title: t('planning.quality.outside'),
        value: String(q.callsOutsideAvailability),
        warn: q.callsOutsideAvailability > 0,
      },
      {
        key: 'below',
        title: t('planning.quality.below'),
        value: String(q.daysBelowMin),
        warn: q.daysBelowMin > 0,
      },
      {
        key: 'above',
        title: t('planning.quality.above'),
        value: String(q.daysAboveMax),
        warn: q.daysAboveMax > 0,
      },
    );
  }
  return (
    <Row gutter={[12, 12]} data-testid="plan-quality">
      {items.map((i) => (
        <Col key={i.key} xs={12} sm={8} lg={6} xl={3}>
          <Card size="small">
            <Statistic
              title={i.title}
              value={i.value}
              styles={{ content: { fontSize: 20, color: i.warn ? '#d46b08' : undefined } }}
              data-testid={`quality-${i.key}`}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** 周期计划 (月计划) of the cycle containing `date`: generate, quality figures, under-served doctors, content. */
export function CyclePlanPanel({
  date,
  ownerId,
  editable,
}: {
  date: string;
  ownerId: string | undefined;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const current = useCyclePlanAt(date, ownerId);
  const open = useOpenCyclePlan();
  const generate = useGenerateCyclePlan();
  const update = useUpdateCyclePlan();
  const onError = useConflictAware();

  const runGenerate = (plan: CyclePlan) =>
    generate.mutate(
      { id: plan.id, version: plan.version },
      {
        onSuccess: (p) => void message.success(t('planning.cycle.generated', { count: p.plannedCallCount })),
        onError,
      },
    );
  const openAndGenerate = () => open.mutate(date, { onSuccess: (plan) => runGenerate(plan), onError });

  if (current.isPending) return <Skeleton active />;
  if (current.error) return <Alert type="error" showIcon title={errorText(current.error)} />;
  const plan = current.data;

  if (!plan) {
    return (
      <Empty description={t('planning.cycle.none')} data-testid="cycle-plan-empty">
        {editable ? (
          <Button
            type="primary"
            loading={open.isPending || generate.isPending}
            onClick={openAndGenerate}
            data-testid="cycle-generate"
          >
            {t('planning.cycle.generate')}
          </Button>
        ) : null}
      </Empty>
    );
  }

  const regenerate = () =>
    modal.confirm({
      title: t('planning.cycle.regenerateTitle'),
      content: t('planning.cycle.regenerateHint'),
      okText: t('planning.cycle.regenerate'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'regenerate-ok' } as ButtonProps,
      onOk: () => runGenerate(plan),
    });
  const accept = () =>
    update.mutate(
      { id: plan.id, body: { version: plan.version, status: 'accepted' } },
      { onSuccess: () => void message.success(t('planning.cycle.acceptedDone')), onError },
    );
  const planWarnings = plan.warnings.filter((w) => !w.date && !w.plannedCallId);
  const dayWarnings = plan.warnings.length - planWarnings.length;

  return (
    <Flex vertical gap={16} data-testid="cycle-plan">
      <Flex wrap gap={8} align="center" justify="space-between">
        <Flex wrap gap={8} align="center">
          <Typography.Text strong data-testid="cycle-range">
            {t('planning.cycle.range', { from: plan.cycleStart, to: plan.cycleEnd })}
          </Typography.Text>
          <Tag color={plan.status === 'accepted' ? 'success' : 'default'} data-testid="cycle-status">
            {t(`planning.cycle.status.${plan.status}`)}
          </Tag>
          {plan.generatedAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('planning.cycle.generatedAt', { at: formatDateTime(plan.generatedAt) })}
            </Typography.Text>
          ) : null}
        </Flex>
        {editable ? (
          <Flex wrap gap={8}>
            {plan.generatedAt ? (
              <Button onClick={regenerate} loading={generate.isPending} data-testid="cycle-regenerate">
                {t('planning.cycle.regenerate')}
              </Button>
            ) : (
              <Button
                type="primary"
                onClick={() => runGenerate(plan)}
                loading={generate.isPending}
                data-testid="cycle-generate"
              >
                {t('planning.cycle.generate')}
              </Button>
            )}
            {plan.status === 'draft' && plan.generatedAt ? (
              <Button type="primary" onClick={accept} loading={update.isPending} data-testid="cycle-accept">
                {t('planning.cycle.accept')}
              </Button>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
      <Quality plan={plan} />
      {planWarnings.map((w, i) => (
        <Alert key={i} type="warning" showIcon title={w.message} />
      ))}
      {dayWarnings > 0 ? (
        <Typography.Text type="warning">
          {t('planning.cycle.dayWarnings', { count: dayWarnings })}
        </Typography.Text>
      ) : null}
      <div>
        <Typography.Title level={5}>{t('planning.cycle.underServed')}</Typography.Title>
        <Table
          size="small"
          rowKey="doctorId"
          data-testid="under-served"
          dataSource={plan.underServed}
          pagination={plan.underServed.length > 10 ? { pageSize: 10, size: 'small' } : false}
          scroll={{ x: 420 }}
          locale={{ emptyText: t('planning.cycle.noneUnderServed') }}
          columns={[
            { key: 'doctor', title: t('planning.cycle.doctor'), render: (_, d) => d.doctorName },
            {
              key: 'grade',
              title: t('planning.cycle.grade'),
              width: 64,
              render: (_, d) => <Tag color={gradeColor(d.grade)}>{d.grade}</Tag>,
            },
            { key: 'required', title: t('planning.cycle.required'), width: 72, render: (_, d) => d.required },
            { key: 'planned', title: t('planning.cycle.planned'), width: 72, render: (_, d) => d.planned },
            {
              key: 'missing',
              title: t('planning.cycle.missing'),
              width: 72,
              render: (_, d) => <Typography.Text type="danger">{d.missing}</Typography.Text>,
            },
          ]}
        />
      </div>
      <CyclePlanForm key={`${plan.id}-${plan.version}`} plan={plan} editable={editable} />
    </Flex>
  );
}
