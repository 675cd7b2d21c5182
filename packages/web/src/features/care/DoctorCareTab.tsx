import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Progress,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { careDateKinds, lifeEventKindKeys, type LifeEventKind } from '@keqing/shared';
import { errorText, isApiError } from '../../lib/api.ts';
import { emptyToNull, useFormErrorHandler } from '../../lib/form-errors.ts';
import { chinaToday, dateFormat, formatDate, formatFen, isAfterChinaToday } from '../../lib/format.ts';
import '../../lib/locales/care.ts';
import type { DoctorDetail } from '../accounts/accounts.api.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { CareActionModal, type CareActionPreset } from './CareActionModal.tsx';
import { CarePlanModal } from './CarePlanModal.tsx';
import {
  useCareDates,
  useCareList,
  useCareSettings,
  useCreateCareDate,
  useCreateLifeEvent,
  useDeleteCareDate,
  useDoctorCareTier,
  useSetDoctorCareTier,
  useUpdateCareDate,
  type CareAction,
  type CareDate,
  type LifeEvent,
} from './care.api.ts';
import { festivalLabel, kindLabel, lifeEventLabel, LunarTag, natureOf } from './labels.tsx';
import { SurveyResultsCard } from './surveys/SurveyResultsCard.tsx';

/** 403/404 on personal data (care dates, life events) for someone who does not cover the doctor. */
function isPersonalRefusal(error: unknown) {
  return isApiError(error) && (error.status === 403 || error.status === 404);
}

function NoPersonalData() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('care.tab.noPersonal')}
      subTitle={t('care.tab.noPersonalHint')}
      data-testid="care-no-personal"
    />
  );
}

function TierCard({ doctor, writable }: { doctor: DoctorDetail; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tier = useDoctorCareTier(doctor.id);
  const settings = useCareSettings();
  const setTier = useSetDoctorCareTier(doctor.id);
  const tiers = settings.data?.settings.tiers ?? [];
  const labelOf = (key: string) => tiers.find((x) => x.key === key)?.label ?? key;

  if (tier.isPending) return <Skeleton active />;
  if (tier.error)
    return isPersonalRefusal(tier.error) ? (
      <NoPersonalData />
    ) : (
      <Alert type="error" showIcon title={errorText(tier.error)} />
    );
  const d = tier.data;
  const yearPct =
    d.policy.capPerYearFen > 0 ? Math.round((d.yearSpentFen / d.policy.capPerYearFen) * 100) : 0;

  return (
    <Card size="small" title={t('care.tab.tier')} data-testid="care-tier">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('care.tab.tierInForce')}>
          <Space wrap>
            <Tag color="blue" data-testid="care-tier-current" data-tier={d.tier}>
              {labelOf(d.tier)}
            </Tag>
            {d.chosen ? <Tag>{t('care.tab.chosen')}</Tag> : <Tag>{t('care.tab.suggested')}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('care.tab.suggestedTier')}>{labelOf(d.suggestedTier)}</Descriptions.Item>
        <Descriptions.Item label={t('care.tab.change')}>
          <Select
            size="small"
            style={{ width: 180 }}
            disabled={!writable || setTier.isPending}
            value={d.chosen ? d.tier : '__suggested'}
            onChange={(v: string) =>
              setTier.mutate(
                { tier: v === '__suggested' ? null : v, version: d.version ?? undefined },
                {
                  onSuccess: () => void message.success(t('common.saved')),
                  onError: (e) => void message.error(errorText(e)),
                },
              )
            }
            options={[
              { value: '__suggested', label: t('care.tab.useSuggested', { tier: labelOf(d.suggestedTier) }) },
              ...tiers.map((x) => ({ value: x.key, label: x.label })),
            ]}
            data-testid="care-tier-select"
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('care.tab.capPerAction')}>
          <span data-testid="care-cap-action">{formatFen(d.policy.capPerActionFen)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('care.tab.capPerYear')}>
          {formatFen(d.policy.capPerYearFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('care.tab.actionsPerYear')}>
          {t('care.tab.actionsOf', { done: d.yearActions, max: d.policy.actionsPerYear })}
        </Descriptions.Item>
        <Descriptions.Item label={t('care.tab.allowedKinds')} span={3}>
          <Space size={[4, 4]} wrap>
            {d.policy.allowedKinds.map((k) => (
              <Tag key={k}>{kindLabel(t, k)}</Tag>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text data-testid="care-year-spent">
        {t('care.tab.yearSpent', {
          spent: formatFen(d.yearSpentFen),
          cap: formatFen(d.policy.capPerYearFen),
        })}
      </Typography.Text>
      <Progress
        percent={Math.min(100, yearPct)}
        status={yearPct >= 100 ? 'exception' : undefined}
        format={() => `${yearPct}%`}
        size="small"
      />
    </Card>
  );
}

type DateValues = {
  kind: CareDate['kind'];
  label: string;
  month: number;
  day: number;
  isLunar: boolean;
  sinceYear?: number | null;
  notes?: string;
};

function CareDatesCard({ doctor, writable }: { doctor: DoctorDetail; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const dates = useCareDates(doctor.id);
  const create = useCreateCareDate(doctor.id);
  const update = useUpdateCareDate();
  const remove = useDeleteCareDate();
  const onFormError = useFormErrorHandler();
  const [editing, setEditing] = useState<CareDate | 'new' | null>(null);
  const [form] = Form.useForm<DateValues>();

  const open = (target: CareDate | 'new') => {
    form.resetFields();
    form.setFieldsValue(
      target === 'new'
        ? { kind: 'workAnniversary', isLunar: false }
        : {
            kind: target.kind,
            label: target.label,
            month: target.month,
            day: target.day,
            isLunar: target.isLunar,
            sinceYear: target.sinceYear,
            notes: target.notes ?? '',
          },
    );
    setEditing(target);
  };
  const save = (v: DateValues) => {
    const body = {
      kind: v.kind,
      label: v.label.trim(),
      month: v.month,
      day: v.day,
      isLunar: v.isLunar,
      sinceYear: v.sinceYear ?? null,
      notes: emptyToNull(v.notes),
    };
    const done = {
      onSuccess: () => {
        setEditing(null);
        void message.success(t('common.saved'));
      },
      onError: (error: unknown) => onFormError(form, error),
    };
    if (editing === 'new') create.mutate(body, done);
    else if (editing) update.mutate({ id: editing.id, body: { ...body, version: editing.version } }, done);
  };

  const columns: TableColumnsType<CareDate> = [
    { title: t('care.dates.label'), dataIndex: 'label' },
    { title: t('care.dates.kind'), dataIndex: 'kind', render: (_, d) => t(`care.dateKinds.${d.kind}`) },
    {
      title: t('care.dates.when'),
      key: 'when',
      render: (_, d) => (
        <Space size={4}>
          {t('care.dates.monthDay', { month: d.month, day: d.day })}
          {d.isLunar ? <LunarTag t={t} /> : null}
        </Space>
      ),
    },
    { title: t('care.dates.sinceYear'), dataIndex: 'sinceYear', render: (v: number | null) => v ?? '' },
    { title: t('care.dates.notes'), dataIndex: 'notes', render: (v: string | null) => v ?? '' },
    ...(writable
      ? [
          {
            title: '',
            key: 'ops',
            render: (_: unknown, d: CareDate) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => open(d)} data-testid="care-date-edit">
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('care.dates.deleteConfirm')}
                  onConfirm={() =>
                    remove.mutate(d.id, {
                      onSuccess: () => void message.success(t('care.dates.deleted')),
                      onError: (e) => void message.error(errorText(e)),
                    })
                  }
                >
                  <Button size="small" type="link" danger data-testid="care-date-delete">
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={t('care.tab.dates')}
      extra={
        writable && !dates.error ? (
          <Button size="small" onClick={() => open('new')} data-testid="care-date-add">
            {t('care.dates.add')}
          </Button>
        ) : null
      }
      data-testid="care-dates"
    >
      {dates.error ? (
        isPersonalRefusal(dates.error) ? (
          <NoPersonalData />
        ) : (
          <Alert type="error" showIcon title={errorText(dates.error)} />
        )
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('care.dates.birthdayHint')}
          </Typography.Paragraph>
          <Table<CareDate>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={dates.data}
            loading={dates.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('care.dates.none') }}
          />
        </>
      )}
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('care.dates.add') : t('care.dates.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending || update.isPending}
        destroyOnHidden
      >
        <Form<DateValues> form={form} layout="vertical" onFinish={save} data-testid="care-date-form">
          <Form.Item name="kind" label={t('care.dates.kind')} rules={[{ required: true }]}>
            <Select options={careDateKinds.map((k) => ({ value: k, label: t(`care.dateKinds.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="label"
            label={t('care.dates.label')}
            rules={[{ required: true, whitespace: true, message: t('care.dates.labelRequired') }]}
          >
            <Input maxLength={50} data-testid="care-date-label" />
          </Form.Item>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="month" label={t('care.dates.month')} rules={[{ required: true }]}>
                <InputNumber
                  min={1}
                  max={12}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid="care-date-month"
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="day" label={t('care.dates.day')} rules={[{ required: true }]}>
                <InputNumber
                  min={1}
                  max={31}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid="care-date-day"
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="isLunar" label={t('care.lunar')} valuePropName="checked">
                <Switch data-testid="care-date-lunar" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="sinceYear" label={t('care.dates.sinceYear')}>
            <InputNumber min={1900} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="notes" label={t('care.dates.notes')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

type EventValues = { kind: LifeEventKind; occurredOn: Dayjs; note?: string };

function LifeEventsCard({ doctor, writable }: { doctor: DoctorDetail; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const events = useCareList<LifeEvent>('life-events', { doctorId: doctor.id, page: 1, pageSize: 20 });
  const create = useCreateLifeEvent();
  const onFormError = useFormErrorHandler();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<EventValues>();

  const save = (v: EventValues) =>
    create.mutate(
      {
        doctorId: doctor.id,
        kind: v.kind,
        occurredOn: v.occurredOn.format(dateFormat),
        note: emptyToNull(v.note),
      },
      {
        onSuccess: (event) => {
          setOpen(false);
          void message.success(event.followUpId ? t('care.events.taskRaised') : t('common.saved'));
        },
        onError: (error) => onFormError(form, error),
      },
    );

  return (
    <Card
      size="small"
      title={t('care.tab.events')}
      extra={
        writable && !events.error ? (
          <Button
            size="small"
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ occurredOn: dayjs(chinaToday()) });
              setOpen(true);
            }}
            data-testid="care-event-add"
          >
            {t('care.events.add')}
          </Button>
        ) : null
      }
      data-testid="care-events"
    >
      {events.error ? (
        isPersonalRefusal(events.error) ? (
          <NoPersonalData />
        ) : (
          <Alert type="error" showIcon title={errorText(events.error)} />
        )
      ) : (
        <List
          size="small"
          loading={events.isPending}
          dataSource={events.data?.items ?? []}
          locale={{ emptyText: t('care.events.none') }}
          renderItem={(e) => (
            <List.Item style={{ paddingInline: 0, flexWrap: 'wrap', gap: 4 }} data-testid="care-event">
              <Space size={6} wrap>
                <Typography.Text type="secondary">{formatDate(e.occurredOn)}</Typography.Text>
                <Tag color={e.nature === 'happy' ? 'red' : 'default'}>{t(`care.natures.${e.nature}`)}</Tag>
                <span>{lifeEventLabel(t, e.kind)}</span>
                {e.note ? <Typography.Text type="secondary">{e.note}</Typography.Text> : null}
              </Space>
              {e.followUpId ? (
                <Button
                  size="small"
                  type="link"
                  onClick={() => void navigate('/')}
                  data-testid="care-event-task"
                >
                  {t('care.events.taskLink')}
                </Button>
              ) : null}
            </List.Item>
          )}
        />
      )}
      <Modal
        open={open}
        title={t('care.events.add')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form<EventValues> form={form} layout="vertical" onFinish={save} data-testid="care-event-form">
          <Form.Item name="kind" label={t('care.events.kind')} rules={[{ required: true }]}>
            <Select
              options={(['happy', 'misfortune'] as const).map((nature) => ({
                label: t(`care.natures.${nature}`),
                options: lifeEventKindKeys
                  .filter((k) => natureOf(k) === nature)
                  .map((k) => ({ value: k, label: lifeEventLabel(t, k) })),
              }))}
              data-testid="care-event-kind"
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
            {({ getFieldValue }) => {
              const kind = getFieldValue('kind') as LifeEventKind | undefined;
              return kind ? (
                <Alert
                  type={natureOf(kind) === 'misfortune' ? 'warning' : 'info'}
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={t(
                    natureOf(kind) === 'misfortune' ? 'care.events.misfortuneHint' : 'care.events.happyHint',
                  )}
                />
              ) : null;
            }}
          </Form.Item>
          <Form.Item name="occurredOn" label={t('care.events.occurredOn')} rules={[{ required: true }]}>
            <DatePicker
              format={dateFormat}
              allowClear={false}
              disabledDate={isAfterChinaToday}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="note" label={t('care.events.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function ActionsCard({ doctor }: { doctor: DoctorDetail }) {
  const { t } = useTranslation();
  const actions = useCareList<CareAction>('care-actions', { doctorId: doctor.id, page: 1, pageSize: 50 });
  const columns: TableColumnsType<CareAction> = [
    { title: t('care.action.date'), dataIndex: 'actionDate', render: (v: string) => formatDate(v) },
    { title: t('care.kind'), dataIndex: 'kind', render: (_, a) => kindLabel(t, a.kind) },
    {
      title: t('care.amount'),
      dataIndex: 'valueFen',
      align: 'right',
      render: (_, a) => formatFen(a.valueFen),
    },
    { title: t('care.purpose'), dataIndex: 'purpose' },
    {
      title: t('care.festival'),
      dataIndex: 'festival',
      render: (_, a) => (a.festival ? festivalLabel(t, a.festival) : ''),
    },
    { title: t('care.rep'), dataIndex: 'ownerName' },
  ];
  return (
    <Card size="small" title={t('care.tab.actions')} data-testid="care-doctor-actions">
      {actions.error ? <Alert type="error" showIcon title={errorText(actions.error)} /> : null}
      <Table<CareAction>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={actions.data?.items}
        loading={actions.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('care.tab.noActions')} />,
        }}
      />
    </Card>
  );
}

/** 客户关怀 of one doctor: tier and caps with the year's spend, care dates, life events, and the care given. */
export default function DoctorCareTab({ doctor }: { doctor: DoctorDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const mayWrite = me.role === 'rep' || me.role === 'manager';
  const writable = doctor.mayEdit && mayWrite;
  const [recording, setRecording] = useState<CareActionPreset | null>(null);
  const [planning, setPlanning] = useState(false);
  // Stable, so the modals do not reset their forms on every render.
  const doctorOption = useMemo(
    () => ({ value: doctor.id, label: `${doctor.name} · ${doctor.hospitalName}` }),
    [doctor.id, doctor.name, doctor.hospitalName],
  );

  return (
    <Flex vertical gap={12} data-testid="doctor-care">
      {mayWrite ? (
        <Flex gap={8} wrap justify="flex-end">
          <Button
            type="primary"
            onClick={() => setRecording({ doctor: doctorOption })}
            data-testid="doctor-care-record"
          >
            {t('care.record')}
          </Button>
          <Button onClick={() => setPlanning(true)} data-testid="doctor-care-plan">
            {t('care.newPlan')}
          </Button>
        </Flex>
      ) : null}
      <TierCard doctor={doctor} writable={writable} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <CareDatesCard doctor={doctor} writable={writable} />
        </Col>
        <Col xs={24} lg={10}>
          <LifeEventsCard doctor={doctor} writable={writable} />
        </Col>
      </Row>
      <ActionsCard doctor={doctor} />
      <SurveyResultsCard doctorId={doctor.id} />
      <CareActionModal
        open={!!recording}
        preset={recording ?? undefined}
        onClose={() => setRecording(null)}
      />
      <CarePlanModal
        open={planning}
        doctor={doctorOption}
        onClose={() => setPlanning(false)}
        onCreated={(plan) => void navigate(`/care?tab=plans&plan=${plan.id}`)}
      />
    </Flex>
  );
}
