import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  QRCode,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import {
  surveyAudiences,
  surveyQuestionTypes,
  type ChannelCustomer,
  type Doctor,
  type SurveyAudience,
} from '@keqing/shared';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { ListError } from '../../../app/ui/ListError.tsx';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { formatDateTime } from '../../../lib/format.ts';
import '../../../lib/locales/surveys.ts';
import { useRemoteOptions } from '../../../lib/resources.ts';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { SurveyTrendTable } from './SurveyResultsCard.tsx';
import {
  useCreateTemplate,
  useSendSurvey,
  useSurveyInvitations,
  useSurveyResults,
  useSurveyTemplates,
  type SentSurvey,
  type SurveyInvitation,
  type SurveyQuestion,
} from './surveys.api.ts';

const doctorLabel = (d: Pick<Doctor, 'name' | 'hospitalName' | 'departmentName'>) =>
  [d.name, d.hospitalName, d.departmentName].filter(Boolean).join(' · ');
const channelCustomerLabel = (c: ChannelCustomer) => [c.name, c.city].filter(Boolean).join(' · ');

type SendValues = {
  recipientKind: 'doctor' | 'channel';
  templateId?: string;
  doctorId?: string;
  channelCustomerId?: string;
};

/** Sends a survey: template, then a doctor or channel customer; the one-time link is shown with a QR code. */
function SendCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SendValues>();
  const templates = useSurveyTemplates({ active: true });
  const send = useSendSurvey();
  const onServerError = useFormErrorHandler();
  const [sent, setSent] = useState<SentSurvey | null>(null);
  const kind = Form.useWatch('recipientKind', form) ?? 'doctor';
  const doctors = useRemoteOptions<Doctor>('doctors', doctorLabel, {
    pageSize: 30,
    enabled: kind === 'doctor',
  });
  const customers = useRemoteOptions<ChannelCustomer>('channel-customers', channelCustomerLabel, {
    pageSize: 30,
    enabled: kind === 'channel',
  });
  const audienceOk = (a: SurveyAudience) => (kind === 'doctor' ? a === 'doctor' : a !== 'doctor');
  const url = sent ? `${window.location.origin}${sent.link}` : '';

  const submit = (v: SendValues) =>
    send.mutate(
      {
        templateId: v.templateId!,
        doctorId: v.recipientKind === 'doctor' ? v.doctorId : null,
        channelCustomerId: v.recipientKind === 'channel' ? v.channelCustomerId : null,
      },
      { onSuccess: setSent, onError: (e) => onServerError(form, e) },
    );

  return (
    <Card size="small" title={t('surveys.send')}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ recipientKind: 'doctor' }}
        onFinish={submit}
        data-testid="survey-send-form"
      >
        <Form.Item name="recipientKind" label={t('surveys.recipientKind')}>
          <Radio.Group
            optionType="button"
            options={(['doctor', 'channel'] as const).map((k) => ({
              value: k,
              label: t(`surveys.recipientKinds.${k}`),
            }))}
            onChange={() => form.setFieldsValue({ templateId: undefined })}
          />
        </Form.Item>
        <Form.Item
          name="templateId"
          label={t('surveys.template')}
          rules={[{ required: true, message: t('surveys.templateRequired') }]}
        >
          <Select
            data-testid="survey-template"
            loading={templates.isPending}
            options={(templates.data?.items ?? [])
              .filter((tpl) => audienceOk(tpl.audience))
              .map((tpl) => ({
                value: tpl.id,
                label: `${tpl.name}（${t(`surveys.audiences.${tpl.audience}`)}）`,
              }))}
          />
        </Form.Item>
        {kind === 'doctor' ? (
          <Form.Item
            name="doctorId"
            label={t('surveys.doctor')}
            rules={[{ required: true, message: t('surveys.doctorRequired') }]}
          >
            <Select
              {...doctors.selectProps}
              placeholder={t('surveys.doctorPlaceholder')}
              data-testid="survey-doctor"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="channelCustomerId"
            label={t('surveys.channelCustomer')}
            rules={[{ required: true, message: t('surveys.channelCustomerRequired') }]}
          >
            <Select {...customers.selectProps} data-testid="survey-channel-customer" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={send.isPending} data-testid="survey-send">
          {t('surveys.send')}
        </Button>
      </Form>
      <Modal open={!!sent} onCancel={() => setSent(null)} footer={null} title={t('surveys.sent')} width={360}>
        {sent ? (
          <Flex vertical align="center" gap={12}>
            <Typography.Text type="secondary">{t('surveys.linkOnce')}</Typography.Text>
            <QRCode value={url} size={200} />
            <Typography.Text copyable={false} style={{ wordBreak: 'break-all' }} data-testid="survey-link">
              {url}
            </Typography.Text>
            <Button
              onClick={() =>
                void navigator.clipboard?.writeText(url).then(
                  () => message.success(t('surveys.copied')),
                  () => undefined,
                )
              }
              data-testid="survey-copy"
            >
              {t('surveys.copy')}
            </Button>
          </Flex>
        ) : null}
      </Modal>
    </Card>
  );
}

type TemplateValues = {
  name: string;
  audience: SurveyAudience;
  questions?: { text: string; type: SurveyQuestion['type']; options?: string; required?: boolean }[];
};

/** A new template (admin, manager): the three dimensions are always asked; custom questions follow. */
function TemplateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TemplateValues>();
  const create = useCreateTemplate();
  const onServerError = useFormErrorHandler();
  const submit = (v: TemplateValues) =>
    create.mutate(
      {
        name: v.name,
        audience: v.audience,
        questions: (v.questions ?? []).map((q, n) => ({
          key: `q${n + 1}`,
          text: q.text,
          type: q.type,
          required: !!q.required,
          ...(q.type === 'choice'
            ? {
                options: (q.options ?? '')
                  .split(/[,，]/)
                  .map((o) => o.trim())
                  .filter(Boolean),
              }
            : {}),
        })),
      },
      {
        onSuccess: () => {
          void message.success(t('surveys.templateSaved'));
          form.resetFields();
          onClose();
        },
        onError: (e) => onServerError(form, e),
      },
    );
  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      title={t('surveys.newTemplate')}
      confirmLoading={create.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ audience: 'doctor' }} onFinish={submit}>
        <Form.Item name="name" label={t('surveys.templateName')} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="audience" label={t('surveys.audience')}>
          <Radio.Group
            options={surveyAudiences.map((a) => ({ value: a, label: t(`surveys.audiences.${a}`) }))}
          />
        </Form.Item>
        <Typography.Text type="secondary">
          {t('surveys.dimensions.price')} · {t('surveys.dimensions.efficacy')} ·{' '}
          {t('surveys.dimensions.service')}
        </Typography.Text>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginTop: 8 }}>
              {fields.map((field) => (
                <Card
                  key={field.key}
                  size="small"
                  extra={
                    <Button type="link" onClick={() => remove(field.name)}>
                      ×
                    </Button>
                  }
                >
                  <Form.Item
                    name={[field.name, 'text']}
                    label={t('surveys.questionText')}
                    rules={[{ required: true }]}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                  <Space wrap>
                    <Form.Item
                      name={[field.name, 'type']}
                      label={t('surveys.questionType')}
                      initialValue="score"
                    >
                      <Select
                        style={{ width: 140 }}
                        options={surveyQuestionTypes.map((q) => ({
                          value: q,
                          label: t(`surveys.questionTypes.${q}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'required']} valuePropName="checked" label=" ">
                      <Checkbox>{t('surveys.required')}</Checkbox>
                    </Form.Item>
                  </Space>
                  <Form.Item name={[field.name, 'options']} label={t('surveys.options')}>
                    <Input />
                  </Form.Item>
                </Card>
              ))}
              <Button onClick={() => add()}>{t('surveys.addQuestion')}</Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function StateTag({ i }: { i: SurveyInvitation }) {
  const { t } = useTranslation();
  const state = i.answeredAt ? 'answered' : i.expired ? 'expired' : 'open';
  const color = { answered: 'green', expired: 'default', open: 'processing' }[state];
  return (
    <Tag color={color} data-testid="survey-state" data-state={state}>
      {t(`surveys.states.${state}`)}
    </Tag>
  );
}

/** 满意度调查: send a survey, the surveys sent in the caller's scope, and the monthly trend of the three dimensions. */
export default function SurveysPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [answered, setAnswered] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [templateOpen, setTemplateOpen] = useState(false);
  const invitations = useSurveyInvitations({ answered, page, pageSize: 20 });
  const results = useSurveyResults({});
  const maySend = me.role === 'rep' || me.role === 'manager';
  const mayTemplate = me.role === 'admin' || me.role === 'manager';

  const columns: TableColumnsType<SurveyInvitation> = [
    {
      title: t('surveys.recipient'),
      key: 'recipient',
      render: (_, i) => (
        <span>
          {i.doctorName ?? i.channelCustomerName}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {i.hospitalName ?? t(`surveys.audiences.${i.audience}`)}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('surveys.template'), dataIndex: 'templateName' },
    { title: t('surveys.sentAt'), dataIndex: 'sentAt', render: (v: string) => formatDateTime(v) },
    { title: t('surveys.sentBy'), dataIndex: 'sentByName' },
    { title: t('surveys.state'), key: 'state', render: (_, i) => <StateTag i={i} /> },
    {
      title: t('surveys.scores'),
      key: 'scores',
      render: (_, i) =>
        i.answeredAt ? (
          <span data-testid="survey-scores">{`${i.priceScore} / ${i.efficacyScore} / ${i.serviceScore}`}</span>
        ) : (
          ''
        ),
    },
    { title: t('surveys.comment'), dataIndex: 'comment', render: (v: string | null) => v ?? '' },
  ];

  return (
    <div>
      <PageHeader
        title={t('nav.surveys')}
        subTitle={t('surveys.pageHint')}
        extra={
          mayTemplate ? (
            <Button onClick={() => setTemplateOpen(true)} data-testid="survey-new-template">
              {t('surveys.newTemplate')}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        {maySend ? <SendCard /> : null}
        <Card size="small" title={t('surveys.trends')}>
          {results.isError ? (
            <ListError error={results.error} />
          ) : results.data && results.data.months.length ? (
            <SurveyTrendTable months={results.data.months} />
          ) : (
            <Empty description={t('surveys.noAnswers')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
        </Card>
        <Card
          size="small"
          title={t('surveys.invitations')}
          extra={
            <Select
              allowClear
              placeholder={t('surveys.allStates')}
              style={{ width: 120 }}
              value={answered}
              onChange={(v?: string) => {
                setAnswered(v);
                setPage(1);
              }}
              options={[
                { value: 'true', label: t('surveys.states.answered') },
                { value: 'false', label: t('surveys.states.open') },
              ]}
            />
          }
        >
          <ListError error={invitations.error} />
          <Table
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={invitations.data?.items ?? []}
            loading={invitations.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: page,
              pageSize: 20,
              total: invitations.data?.total ?? 0,
              onChange: setPage,
              showSizeChanger: false,
            }}
            data-testid="survey-invitations"
          />
        </Card>
      </Flex>
      <TemplateModal open={templateOpen} onClose={() => setTemplateOpen(false)} />
    </div>
  );
}
