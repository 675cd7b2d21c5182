import { useEffect } from 'react';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Select,
  Skeleton,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  mainPath,
  pipelinePersonRoles,
  type Doctor,
  type KeyContact,
  type PipelinePersonRole,
} from '@keqing/shared';
import '../../lib/locales/pipeline.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { errorText, isApiError } from '../../lib/api.ts';
import { dateFormat, formatDate, formatDateTime } from '../../lib/format.ts';
import { useFormErrorHandler } from '../../lib/form-errors.ts';
import { useList } from '../../lib/resources.ts';
import { usePipeline, useUpdatePipeline, type PipelineDetail } from './pipeline.api.ts';
import { StageMoveForm } from './StageMoveForm.tsx';

type PersonValues = { role: PipelinePersonRole; who?: string; name?: string; note?: string };
type DocumentValues = { name: string; kind?: string; date?: Dayjs; note?: string };
type Values = {
  nextAction?: string;
  nextActionDue?: Dayjs | null;
  notes?: string;
  people: PersonValues[];
  documents: DocumentValues[];
};

/** A person's pick: `d:<doctorId>` or `k:<keyContactId>`. */
const whoOf = (p: { doctorId: string | null; keyContactId: string | null }) =>
  p.doctorId ? `d:${p.doctorId}` : p.keyContactId ? `k:${p.keyContactId}` : undefined;

/** 进药流程详情: stages, people, documents, next action, the move form and the history. */
export default function PipelineDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data: p, isPending, error } = usePipeline(id);
  const back = <Link to="/pipeline">{t('pipeline.detail.back')}</Link>;
  if (isPending) return <Skeleton active />;
  if (error || !p) {
    const notFound = isApiError(error) && error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('pipeline.detail.notFound') : t('errors.loadFailed')}
        subTitle={errorText(error)}
        extra={back}
      />
    );
  }
  const current = p.stage === 'rejected' ? mainPath.indexOf('committee') : mainPath.indexOf(p.stage);

  return (
    <div>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: back }, { title: p.hospitalName }]} />
      <PageHeader
        title={
          <span data-testid="pipeline-title">
            {p.hospitalName} · {p.productName}{' '}
            <Tag color={p.stage === 'rejected' ? 'red' : 'blue'} data-testid="pipeline-stage">
              {t(`pipeline.stage.${p.stage}`)}
            </Tag>
            {p.stalled ? <Tag color="red">{t('pipeline.stalledDays', { days: p.stalledDays })}</Tag> : null}
            {p.closed ? <Tag>{t('pipeline.detail.closed')}</Tag> : null}
          </span>
        }
        subTitle={`${t('pipeline.owner')}：${p.ownerName} · ${t('pipeline.stageDate')}：${formatDate(p.stageDate)} · ${t('pipeline.daysInStage', { days: p.daysInStage })}`}
        extra={
          <Link to={`/hospitals/${p.hospitalId}`}>
            <Button>{t('pipeline.hospital')}</Button>
          </Link>
        }
      />
      <Card size="small" title={t('pipeline.detail.timeline')} style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={current}
          status={p.stage === 'rejected' ? 'error' : undefined}
          items={mainPath.map((s) => ({
            title:
              s === 'committee' && p.stage === 'rejected'
                ? t('pipeline.stage.rejected')
                : t(`pipeline.stage.${s}`),
            content:
              formatDate([...p.events].reverse().find((e) => e.toStage === s)?.date ?? null) || undefined,
          }))}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <DetailsForm pipeline={p} />
        </Col>
        <Col xs={24} lg={8}>
          {p.mayWrite && !p.closed ? (
            <Card size="small" title={t('pipeline.move.title')} style={{ marginBottom: 16 }}>
              <StageMoveForm key={p.version} pipeline={p} via="form" onDone={() => undefined} />
            </Card>
          ) : null}
          <Card size="small" title={t('pipeline.detail.history')} data-testid="pipeline-history">
            <Timeline
              items={[...p.events].reverse().map((e) => ({
                color: e.toStage === 'rejected' ? 'red' : e.reason ? 'orange' : 'blue',
                content: (
                  <div>
                    <Typography.Text strong>
                      {formatDate(e.date)} {e.fromStage ? `${t(`pipeline.stage.${e.fromStage}`)} → ` : ''}
                      {t(`pipeline.stage.${e.toStage}`)}
                    </Typography.Text>
                    {e.reason ? <div>{e.reason}</div> : null}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {e.actorName ?? '—'} · {t(`pipeline.detail.via.${e.via}`)} ·{' '}
                      {formatDateTime(e.createdAt)}
                    </Typography.Text>
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

/** Next action, notes, people and documents in one versioned save. */
function DetailsForm({ pipeline: p }: { pipeline: PipelineDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdatePipeline();
  const onError = useFormErrorHandler();
  const doctors = useList<Doctor>('doctors', { hospitalId: p.hospitalId, pageSize: 200 });
  const contacts = useList<KeyContact>('key-contacts', { hospitalId: p.hospitalId, pageSize: 200 });
  const whoOptions = [
    ...(doctors.data?.items ?? []).map((d) => ({
      value: `d:${d.id}`,
      label: `${d.name}（${d.title ?? ''}）`,
    })),
    ...(contacts.data?.items ?? []).map((k) => ({
      value: `k:${k.id}`,
      label: `${k.name}（${k.function ?? ''}）`,
    })),
  ];
  const initial: Values = {
    nextAction: p.nextAction ?? undefined,
    nextActionDue: p.nextActionDue ? dayjs(p.nextActionDue) : null,
    notes: p.notes ?? undefined,
    people: p.people.map((x) => ({
      role: x.role,
      who: whoOf(x),
      name: whoOf(x) ? undefined : x.name,
      note: x.note ?? undefined,
    })),
    documents: p.documents.map((d) => ({ ...d, date: d.date ? dayjs(d.date) : undefined })),
  };
  useEffect(() => form.resetFields(), [p.version, form]);

  const submit = (v: Values) =>
    update.mutate(
      {
        id: p.id,
        version: p.version,
        nextAction: v.nextAction?.trim() || null,
        nextActionDue: v.nextActionDue ? v.nextActionDue.format(dateFormat) : null,
        notes: v.notes?.trim() || null,
        people: (v.people ?? []).map((x) => ({
          role: x.role,
          ...(x.who?.startsWith('d:') ? { doctorId: x.who.slice(2) } : {}),
          ...(x.who?.startsWith('k:') ? { keyContactId: x.who.slice(2) } : {}),
          ...(!x.who && x.name?.trim() ? { name: x.name.trim() } : {}),
          ...(x.note?.trim() ? { note: x.note.trim() } : {}),
        })),
        documents: (v.documents ?? []).map((d) => ({
          name: d.name.trim(),
          ...(d.kind?.trim() ? { kind: d.kind.trim() } : {}),
          ...(d.date ? { date: d.date.format(dateFormat) } : {}),
          ...(d.note?.trim() ? { note: d.note.trim() } : {}),
        })),
      },
      {
        onSuccess: () => void message.success(t('pipeline.detail.saved')),
        onError: (error) => onError(form, error),
      },
    );

  const disabled = !p.mayWrite;
  return (
    <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} disabled={disabled}>
      <Card size="small" title={t('pipeline.nextAction')} style={{ marginBottom: 16 }}>
        <Flex wrap gap={12}>
          <Form.Item name="nextAction" label={t('pipeline.nextAction')} style={{ flex: '1 1 260px' }}>
            <Input maxLength={200} data-testid="pipeline-next-action" />
          </Form.Item>
          <Form.Item name="nextActionDue" label={t('pipeline.nextActionDue')}>
            <DatePicker style={{ width: 160 }} />
          </Form.Item>
        </Flex>
        <Form.Item name="notes" label={t('pipeline.detail.notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Card>
      <Card size="small" title={t('pipeline.detail.people')} style={{ marginBottom: 16 }}>
        <Form.List name="people">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} wrap gap={8} align="flex-start">
                  <Form.Item name={[f.name, 'role']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 150 }}
                      options={pipelinePersonRoles.map((r) => ({ value: r, label: t(`pipeline.role.${r}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'who']}>
                    <Select
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      style={{ width: 200 }}
                      placeholder={t('pipeline.detail.personPick')}
                      options={whoOptions}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']}>
                    <Input
                      style={{ width: 140 }}
                      placeholder={t('pipeline.detail.personName')}
                      maxLength={50}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']}>
                    <Input
                      style={{ width: 160 }}
                      placeholder={t('pipeline.detail.personNote')}
                      maxLength={200}
                    />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(f.name)}>
                    {t('common.delete')}
                  </Button>
                </Flex>
              ))}
              <Button onClick={() => add({ role: 'applicant' })}>{t('pipeline.detail.addPerson')}</Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card size="small" title={t('pipeline.detail.documents')} style={{ marginBottom: 16 }}>
        <Form.List name="documents">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} wrap gap={8} align="flex-start">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true }]}>
                    <Input
                      style={{ width: 200 }}
                      placeholder={t('pipeline.detail.docName')}
                      maxLength={100}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']}>
                    <Input style={{ width: 120 }} placeholder={t('pipeline.detail.docKind')} maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'date']}>
                    <DatePicker style={{ width: 140 }} placeholder={t('pipeline.detail.docDate')} />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(f.name)}>
                    {t('common.delete')}
                  </Button>
                </Flex>
              ))}
              <Button onClick={() => add()}>{t('pipeline.detail.addDocument')}</Button>
            </>
          )}
        </Form.List>
      </Card>
      {p.mayWrite ? (
        <Flex justify="flex-end" style={{ marginBottom: 16 }}>
          <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="pipeline-save">
            {t('pipeline.detail.save')}
          </Button>
        </Flex>
      ) : null}
    </Form>
  );
}
