import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  QRCode,
  Select,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { defaultSpeakerCaps, speakerRoles, type Doctor } from '@keqing/shared';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { errorText } from '../../../lib/api.ts';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { chinaToday, dateFormat, formatDateTime, formatFen } from '../../../lib/format.ts';
import '../../../lib/locales/care.ts';
import '../../../lib/locales/events.ts';
import { useRemoteOptions } from '../../../lib/resources.ts';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { fenToYuanText, yuanToFen } from '../money.ts';
import { EventFormModal } from './EventFormModal.tsx';
import {
  useCloseEvent,
  useDecideEvent,
  useEvent,
  usePaySpeakers,
  usePutAttendees,
  usePutSpeakers,
  useSignInCode,
  useSubmitEvent,
  type AcademicEvent,
  type SpeakerRole,
} from './events.api.ts';
import { EventStatusTag } from './labels.tsx';

type Speaker = AcademicEvent['speakers'][number];
type Attendee = AcademicEvent['attendees'][number];
const doctorLabel = (d: Pick<Doctor, 'name' | 'hospitalName' | 'departmentName'>) =>
  [d.name, d.hospitalName, d.departmentName].filter(Boolean).join(' · ');

type SpeakerValues = {
  speakers: { doctorId?: string; role: SpeakerRole; talkTitle?: string; fee?: string; travel?: string }[];
};

/** Chair and speakers of a draft or rejected event: doctor, role, talk, fee and travel in ¥. */
function SpeakersEditor({ event }: { event: AcademicEvent }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SpeakerValues>();
  const put = usePutSpeakers(event.id);
  const onServerError = useFormErrorHandler();
  const doctors = useRemoteOptions<Doctor>('doctors', doctorLabel, {
    pageSize: 30,
    known: event.speakers.map((s) => ({ value: s.doctorId, label: `${s.doctorName} · ${s.hospitalName}` })),
  });
  useEffect(() => {
    form.setFieldsValue({
      speakers: event.speakers.map((s) => ({
        doctorId: s.doctorId,
        role: s.role,
        talkTitle: s.talkTitle ?? '',
        fee: fenToYuanText(s.feeFen),
        travel: fenToYuanText(s.travelFen),
      })),
    });
  }, [event, form]);
  const yuanRule = {
    validator: (_r: unknown, v: string | undefined) =>
      !v || yuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('care.amountInvalid'))),
  };
  const submit = (v: SpeakerValues) =>
    put.mutate(
      {
        version: event.version,
        speakers: (v.speakers ?? []).map((s) => ({
          doctorId: s.doctorId!,
          role: s.role,
          talkTitle: s.talkTitle || null,
          feeFen: yuanToFen(s.fee || '0') ?? 0,
          travelFen: yuanToFen(s.travel || '0') ?? 0,
        })),
      },
      {
        onSuccess: () => void message.success(t('events.speakersSaved')),
        onError: (e) => onServerError(form, e),
      },
    );
  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid="event-speakers-form">
      <Form.List name="speakers">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <Card
                key={field.key}
                size="small"
                extra={
                  <Button type="link" danger onClick={() => remove(field.name)}>
                    ×
                  </Button>
                }
              >
                <Flex wrap gap={8}>
                  <Form.Item
                    name={[field.name, 'doctorId']}
                    label={t('events.doctor')}
                    rules={[{ required: true }]}
                    style={{ minWidth: 220, flex: 2 }}
                  >
                    <Select {...doctors.selectProps} data-testid="event-speaker-doctor" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'role']}
                    label={t('events.role')}
                    initialValue="speaker"
                    style={{ width: 100 }}
                  >
                    <Select
                      options={speakerRoles.map((r) => ({ value: r, label: t(`events.roles.${r}`) }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'talkTitle']}
                    label={t('events.talkTitle')}
                    style={{ minWidth: 160, flex: 2 }}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'fee']}
                    label={t('events.fee')}
                    rules={[yuanRule]}
                    style={{ width: 130 }}
                  >
                    <Input inputMode="decimal" prefix="¥" data-testid="event-speaker-fee" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'travel']}
                    label={t('events.travel')}
                    rules={[yuanRule]}
                    style={{ width: 130 }}
                  >
                    <Input inputMode="decimal" prefix="¥" />
                  </Form.Item>
                </Flex>
              </Card>
            ))}
            <Flex gap={8} wrap>
              <Button onClick={() => add({ role: 'speaker' })} data-testid="event-add-speaker">
                {t('events.addSpeaker')}
              </Button>
              <Button
                type="primary"
                htmlType="submit"
                loading={put.isPending}
                data-testid="event-save-speakers"
              >
                {t('events.saveSpeakers')}
              </Button>
            </Flex>
          </Flex>
        )}
      </Form.List>
    </Form>
  );
}

/** 登记付款 of one speaker (once the event is approved). */
function PaymentButton({ event, speaker }: { event: AcademicEvent; speaker: Speaker }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ paidOn: Dayjs; paidBy: string }>();
  const pay = usePaySpeakers(event.id);
  const onServerError = useFormErrorHandler();
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('events.recordPayment')}
      </Button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={pay.isPending}
        title={`${t('events.recordPayment')} · ${speaker.doctorName}`}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ paidOn: dayjs(), paidBy: speaker.paidBy ?? '' }}
          onFinish={(v) =>
            pay.mutate(
              {
                version: event.version,
                payments: [
                  { doctorId: speaker.doctorId, paidOn: v.paidOn.format(dateFormat), paidBy: v.paidBy },
                ],
              },
              { onSuccess: () => setOpen(false), onError: (e) => onServerError(form, e) },
            )
          }
        >
          <Form.Item name="paidOn" label={t('events.paidOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="paidBy" label={t('events.paidBy')} rules={[{ required: true }]}>
            <Input maxLength={50} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The invitation list (not once closed): doctors in the caller's scope. */
function AttendeesEditor({ event }: { event: AcademicEvent }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const put = usePutAttendees(event.id);
  const [ids, setIds] = useState<string[]>(event.attendees.map((a) => a.doctorId));
  useEffect(() => setIds(event.attendees.map((a) => a.doctorId)), [event]);
  const doctors = useRemoteOptions<Doctor>('doctors', doctorLabel, {
    pageSize: 30,
    known: event.attendees.map((a) => ({ value: a.doctorId, label: `${a.doctorName} · ${a.hospitalName}` })),
  });
  return (
    <Flex gap={8} wrap style={{ marginBottom: 12 }}>
      <Select
        {...doctors.selectProps}
        mode="multiple"
        value={ids}
        onChange={setIds}
        placeholder={t('events.invite')}
        style={{ minWidth: 260, flex: 1 }}
        data-testid="event-invitees"
      />
      <Button
        loading={put.isPending}
        onClick={() =>
          put.mutate(
            { version: event.version, doctorIds: ids },
            {
              onSuccess: () => void message.success(t('events.attendeesSaved')),
              onError: (e) => void message.error(errorText(e)),
            },
          )
        }
        data-testid="event-save-attendees"
      >
        {t('events.saveAttendees')}
      </Button>
    </Flex>
  );
}

/** 学术会议详情: fields, speakers (caps and payments), invitees and sign-ins, approvals, QR sign-in link, closing. */
export default function EventPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { message, modal } = App.useApp();
  const me = useCurrentUser();
  const query = useEvent(id);
  const submit = useSubmitEvent(id ?? '');
  const decide = useDecideEvent(id ?? '');
  const signInCode = useSignInCode(id ?? '');
  const close = useCloseEvent(id ?? '');
  const [editing, setEditing] = useState(false);
  const [comment, setComment] = useState('');
  const [link, setLink] = useState<string | null>(null);

  if (query.isPending) return <Spin />;
  if (query.isError) return <Alert type="error" showIcon title={errorText(query.error)} />;
  const e = query.data;
  const isOwner = e.ownerId === me.id;
  const editable = isOwner && (e.status === 'draft' || e.status === 'rejected');
  const mayDecide =
    e.ownerId !== me.id &&
    ((me.role === 'manager' && e.status === 'submitted') ||
      (me.role === 'compliance' && e.status === 'managerApproved'));
  const running = e.status === 'approved' || e.status === 'held';
  const today = chinaToday();
  const fail = (err: Error) => void message.error(errorText(err));
  const url = link ? `${window.location.origin}${link}` : '';

  const speakerColumns: TableColumnsType<Speaker> = [
    { title: t('events.doctor'), key: 'doctor', render: (_, s) => `${s.doctorName} · ${s.hospitalName}` },
    { title: t('events.role'), dataIndex: 'role', render: (r: SpeakerRole) => t(`events.roles.${r}`) },
    { title: t('events.talkTitle'), dataIndex: 'talkTitle', render: (v: string | null) => v ?? '' },
    { title: t('events.fee'), dataIndex: 'feeFen', align: 'right', render: (v: number) => formatFen(v) },
    {
      title: t('events.travel'),
      dataIndex: 'travelFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('events.otherEvents'),
      dataIndex: 'otherEventsFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('events.overCap'),
      key: 'cap',
      render: (_, s) =>
        s.overCap ? (
          <Tag color="orange" data-testid="event-speaker-over-cap">
            {s.capReason}
          </Tag>
        ) : (
          ''
        ),
    },
    {
      title: t('events.paid'),
      key: 'paid',
      render: (_, s) => (
        <Flex gap={8} align="center" wrap>
          {s.paidOn ? <span>{`${s.paidOn} · ${s.paidBy ?? ''}`}</span> : null}
          {isOwner && (running || e.status === 'closed') ? <PaymentButton event={e} speaker={s} /> : null}
        </Flex>
      ),
    },
  ];
  const attendeeColumns: TableColumnsType<Attendee> = [
    { title: t('events.doctor'), key: 'doctor', render: (_, a) => `${a.doctorName} · ${a.hospitalName}` },
    {
      title: t('events.signedInAt'),
      dataIndex: 'signedInAt',
      render: (v: string | null) =>
        v ? formatDateTime(v) : <Typography.Text type="secondary">{t('events.notSignedIn')}</Typography.Text>,
    },
    {
      title: t('events.followUp'),
      dataIndex: 'followUpId',
      render: (v: string | null) => (v ? <Tag color="blue">✓</Tag> : ''),
    },
  ];

  return (
    <div data-testid="event-detail" data-event-id={e.id} data-status={e.status}>
      <Link to="/care/events">{t('events.back')}</Link>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            {e.topic}
            <EventStatusTag status={e.status} t={t} />
            {e.needsCompliance ? <Tag color="orange">{t('events.needsCompliance')}</Tag> : null}
          </Flex>
        }
        extra={
          <>
            {editable ? (
              <>
                <Button onClick={() => setEditing(true)}>{t('events.edit')}</Button>
                <Button
                  type="primary"
                  loading={submit.isPending}
                  onClick={() =>
                    submit.mutate(
                      { version: e.version },
                      { onSuccess: () => void message.success(t('events.submitted')), onError: fail },
                    )
                  }
                  data-testid="event-submit"
                >
                  {t('events.submit')}
                </Button>
              </>
            ) : null}
            {isOwner && running ? (
              <Button
                loading={signInCode.isPending}
                onClick={() =>
                  signInCode.mutate(undefined, { onSuccess: (r) => setLink(r.link), onError: fail })
                }
                data-testid="event-sign-in-code"
              >
                {t('events.newSignInCode')}
              </Button>
            ) : null}
            {isOwner && running && e.eventDate <= today ? (
              <Button
                danger
                loading={close.isPending}
                onClick={() =>
                  void modal.confirm({
                    title: t('events.close'),
                    content: t('events.closeConfirm'),
                    onOk: () =>
                      close
                        .mutateAsync({ version: e.version })
                        .then(() => void message.success(t('events.closed')), fail),
                  })
                }
                data-testid="event-close"
              >
                {t('events.close')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={16}>
        {mayDecide ? (
          <Card size="small" title={t('events.approvals')}>
            <Flex gap={8} wrap>
              <Input
                placeholder={t('events.comment')}
                value={comment}
                onChange={(ev) => setComment(ev.target.value)}
                style={{ flex: 1, minWidth: 200 }}
              />
              {(['approved', 'rejected'] as const).map((decision) => (
                <Button
                  key={decision}
                  type={decision === 'approved' ? 'primary' : 'default'}
                  danger={decision === 'rejected'}
                  loading={decide.isPending}
                  onClick={() =>
                    decide.mutate(
                      { version: e.version, decision, comment: comment || null },
                      { onSuccess: () => void message.success(t('events.decided')), onError: fail },
                    )
                  }
                  data-testid={`event-${decision === 'approved' ? 'approve' : 'reject'}`}
                >
                  {t(decision === 'approved' ? 'events.approve' : 'events.reject')}
                </Button>
              ))}
            </Flex>
          </Card>
        ) : null}
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('events.format')}>
              {t(`events.formats.${e.format}`)}
            </Descriptions.Item>
            <Descriptions.Item
              label={t('events.eventDate')}
            >{`${e.eventDate} ${e.startTime ?? ''}`}</Descriptions.Item>
            <Descriptions.Item label={t('events.place')}>{e.place}</Descriptions.Item>
            <Descriptions.Item label={t('events.hospital')}>{e.hospitalName ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('events.layout')}>
              {e.layout ? t(`events.layouts.${e.layout as 'classroom'}`) : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('events.owner')}>{e.ownerName}</Descriptions.Item>
            <Descriptions.Item label={t('events.budget')}>{formatFen(e.budgetFen)}</Descriptions.Item>
            <Descriptions.Item label={t('events.mealCost')}>{formatFen(e.mealCostFen)}</Descriptions.Item>
            <Descriptions.Item label={t('events.speakerCost')}>
              {formatFen(e.speakerCostFen)}
            </Descriptions.Item>
            <Descriptions.Item label={t('events.purpose')} span={3}>
              {e.purpose}
            </Descriptions.Item>
            <Descriptions.Item label={t('events.agenda')} span={3}>
              {e.agenda.map((a, n) => (
                <div key={n}>{[a.time, a.title].filter(Boolean).join(' ')}</div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('events.materials')} span={3}>
              {e.materials.join('、')}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card size="small" title={t('events.speakers')}>
          <Typography.Paragraph type="secondary">
            {t('events.capHint', {
              perTalk: formatFen(defaultSpeakerCaps.perTalkFen),
              perYear: formatFen(defaultSpeakerCaps.perYearFen),
            })}
          </Typography.Paragraph>
          {editable ? (
            <SpeakersEditor event={e} />
          ) : (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              columns={speakerColumns}
              dataSource={e.speakers}
              scroll={{ x: 'max-content' }}
              data-testid="event-speakers"
            />
          )}
          {editable && e.speakers.some((s) => s.overCap) ? (
            <Flex vertical gap={4} style={{ marginTop: 8 }}>
              {e.speakers
                .filter((s) => s.overCap)
                .map((s) => (
                  <Alert key={s.id} type="warning" showIcon title={`${s.doctorName}：${s.capReason ?? ''}`} />
                ))}
            </Flex>
          ) : null}
        </Card>
        <Card size="small" title={t('events.attendees')}>
          {isOwner && e.status !== 'closed' ? <AttendeesEditor event={e} /> : null}
          <Table
            rowKey="doctorId"
            size="small"
            pagination={false}
            columns={attendeeColumns}
            dataSource={e.attendees}
            scroll={{ x: 'max-content' }}
            data-testid="event-attendees"
          />
        </Card>
        <Card size="small" title={t('events.approvals')}>
          {e.approvals.length ? (
            <Timeline
              items={e.approvals.map((a) => ({
                color: a.decision === 'approved' ? 'green' : 'red',
                content: `${formatDateTime(a.decidedAt)} ${t(`events.steps.${a.step}`)} ${a.decidedBy.name}：${t(`events.decisions.${a.decision}`)}${a.comment ? `（${a.comment}）` : ''}`,
              }))}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.noApprovals')} />
          )}
        </Card>
      </Flex>
      <EventFormModal
        open={editing}
        event={e}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
      <Modal
        open={!!link}
        onCancel={() => setLink(null)}
        footer={null}
        title={t('events.signInCode')}
        width={360}
      >
        <Flex vertical align="center" gap={12}>
          <Typography.Text type="secondary">{t('events.signInHint')}</Typography.Text>
          <QRCode value={url || '-'} size={220} />
          <Typography.Text style={{ wordBreak: 'break-all' }} data-testid="event-sign-in-link">
            {url}
          </Typography.Text>
          <Button
            onClick={() =>
              void navigator.clipboard?.writeText(url).then(
                () => message.success(t('events.copy')),
                () => undefined,
              )
            }
          >
            {t('events.copy')}
          </Button>
        </Flex>
      </Modal>
    </div>
  );
}
