import { useEffect } from 'react';
import { DatePicker, Form, Input, Modal, Select, TimePicker, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { eventFormats, eventLayouts, type Hospital } from '@keqing/shared';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { dateFormat } from '../../../lib/format.ts';
import '../../../lib/locales/care.ts';
import '../../../lib/locales/events.ts';
import { useRemoteOptions } from '../../../lib/resources.ts';
import { fenToYuanText, yuanToFen } from '../money.ts';
import {
  useCreateEvent,
  useUpdateEvent,
  type AcademicEvent,
  type EventBody,
  type EventFormat,
  type EventLayout,
} from './events.api.ts';

type Values = {
  topic: string;
  purpose: string;
  format: EventFormat;
  eventDate: Dayjs;
  startTime?: Dayjs | null;
  place: string;
  hospitalId?: string | null;
  layout?: EventLayout | null;
  budget: string;
  mealCost?: string;
  agenda?: string;
  materials?: string;
};

/** `12:00 指南解读` per line → agenda items (the time is optional). */
const parseAgenda = (text = '') =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^([01]\d|2[0-3]):[0-5]\d\s+/.exec(l);
      return m ? { time: m[0].trim(), title: l.slice(m[0].length).trim() } : { title: l };
    });
const lines = (text = '') =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** 新建/修改会议: the event's own fields (speakers and invitees are set on the event page). */
export function EventFormModal({
  open,
  event,
  onClose,
  onSaved,
}: {
  open: boolean;
  event?: AcademicEvent;
  onClose: () => void;
  onSaved: (event: AcademicEvent) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateEvent();
  const update = useUpdateEvent(event?.id ?? '');
  const onServerError = useFormErrorHandler();
  const hospitals = useRemoteOptions<Hospital>('hospitals', (h) => h.name, {
    pageSize: 30,
    enabled: open,
    known: event?.hospitalId ? [{ value: event.hospitalId, label: event.hospitalName ?? '' }] : [],
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (event)
      form.setFieldsValue({
        topic: event.topic,
        purpose: event.purpose,
        format: event.format,
        eventDate: dayjs(event.eventDate),
        startTime: event.startTime ? dayjs(`2000-01-01T${event.startTime}`) : null,
        place: event.place,
        hospitalId: event.hospitalId,
        layout: event.layout as EventLayout | null,
        budget: fenToYuanText(event.budgetFen),
        mealCost: fenToYuanText(event.mealCostFen),
        agenda: event.agenda.map((a) => [a.time, a.title].filter(Boolean).join(' ')).join('\n'),
        materials: event.materials.join('\n'),
      });
    else
      form.setFieldsValue({ format: 'departmentMeeting', eventDate: dayjs().add(7, 'day'), mealCost: '0' });
  }, [open, event, form]);

  const yuanRule = {
    validator: (_r: unknown, v: string | undefined) =>
      v === undefined || v === '' || yuanToFen(v) !== null
        ? Promise.resolve()
        : Promise.reject(new Error(t('care.amountInvalid'))),
  };

  const submit = (v: Values) => {
    const body: EventBody = {
      topic: v.topic,
      purpose: v.purpose,
      format: v.format,
      eventDate: v.eventDate.format(dateFormat),
      startTime: v.startTime ? v.startTime.format('HH:mm') : null,
      place: v.place,
      hospitalId: v.hospitalId ?? null,
      layout: v.layout ?? null,
      budgetFen: yuanToFen(v.budget) ?? 0,
      mealCostFen: yuanToFen(v.mealCost ?? '0') ?? 0,
      agenda: parseAgenda(v.agenda),
      materials: lines(v.materials),
    };
    const done = { onSuccess: onSaved, onError: (e: Error) => onServerError(form, e) };
    if (event) update.mutate({ ...body, version: event.version }, done);
    else create.mutate(body, done);
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      title={event ? t('events.edit') : t('events.create')}
      okButtonProps={{ 'data-testid': 'event-save' } as ButtonProps}
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="event-form">
        <Form.Item name="topic" label={t('events.topic')} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="event-topic" />
        </Form.Item>
        <Form.Item name="purpose" label={t('events.purpose')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="event-purpose" />
        </Form.Item>
        <Form.Item name="format" label={t('events.format')} rules={[{ required: true }]}>
          <Select options={eventFormats.map((f) => ({ value: f, label: t(`events.formats.${f}`) }))} />
        </Form.Item>
        <Form.Item name="eventDate" label={t('events.eventDate')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="startTime" label={t('events.startTime')}>
          <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label={t('events.place')} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="event-place" />
        </Form.Item>
        <Form.Item name="hospitalId" label={t('events.hospital')}>
          <Select {...hospitals.selectProps} allowClear />
        </Form.Item>
        <Form.Item name="layout" label={t('events.layout')}>
          <Select
            allowClear
            options={eventLayouts.map((l) => ({ value: l, label: t(`events.layouts.${l}`) }))}
          />
        </Form.Item>
        <Form.Item name="budget" label={t('events.budget')} rules={[{ required: true }, yuanRule]}>
          <Input inputMode="decimal" prefix="¥" data-testid="event-budget" />
        </Form.Item>
        <Form.Item
          name="mealCost"
          label={t('events.mealCost')}
          extra={t('events.mealHint')}
          rules={[yuanRule]}
        >
          <Input inputMode="decimal" prefix="¥" />
        </Form.Item>
        <Form.Item name="agenda" label={t('events.agenda')} extra="12:00 指南解读">
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="materials" label={t('events.materials')} extra={t('events.materialsHint')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
