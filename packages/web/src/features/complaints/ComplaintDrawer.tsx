import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Modal,
  Radio,
  Result,
  Skeleton,
  Steps,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { complaintStatuses, nextComplaintStatus } from '@keqing/shared';
import { errorText, isApiError } from '../../lib/api.ts';
import { emptyToNull, fieldOfPath } from '../../lib/form-errors.ts';
import { formatDateTime, formatFen } from '../../lib/format.ts';
import '../../lib/locales/complaints.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { fenToYuanText, yuanToFen } from '../care/money.ts';
import {
  useAdvanceComplaint,
  useComplaint,
  useUpdateComplaint,
  type Complaint,
  type ComplaintStatus,
  type UpdateComplaintBody,
} from './complaints.api.ts';
import { ComplaintStatusTag, customerOf } from './labels.tsx';

/** The recovery fields as the form holds them (¥ as typed text). */
type Values = {
  description: string;
  empoweredScope: string;
  urgentAction: string;
  apologized: boolean;
  compensation: string;
  compensationAmount: string;
  resolution: string;
};
type CloseValues = { resolution: string; customerSatisfied?: boolean };

const valuesOf = (c: Complaint): Values => ({
  description: c.description,
  empoweredScope: c.empoweredScope ?? '',
  urgentAction: c.urgentAction ?? '',
  apologized: c.apologized,
  compensation: c.compensation ?? '',
  compensationAmount: c.compensationFen === null ? '' : fenToYuanText(c.compensationFen),
  resolution: c.resolution ?? '',
});

/** Only what the user changed, in the API's shape (null for an emptied optional field). */
function changesOf(c: Complaint, v: Values): Omit<UpdateComplaintBody, 'version'> {
  const body: Omit<UpdateComplaintBody, 'version'> = {};
  if (v.description.trim() !== c.description) body.description = v.description.trim();
  for (const key of ['empoweredScope', 'urgentAction', 'compensation', 'resolution'] as const) {
    const value = emptyToNull(v[key]);
    if (value !== c[key]) body[key] = value;
  }
  if (v.apologized !== c.apologized) body.apologized = v.apologized;
  const fen = v.compensationAmount.trim() ? yuanToFen(v.compensationAmount) : null;
  if (fen !== c.compensationFen) body.compensationFen = fen;
  return body;
}

/** Server field paths onto this form's fields (compensationFen is typed in ¥). */
const formFieldOf = (path: string) => {
  const field = fieldOfPath(path);
  return field === 'compensationFen' ? 'compensationAmount' : field;
};

/**
 * One complaint: the four recovery steps (渠道 → 授权范围 → 紧急行动与道歉 → 补偿) with their fields and due
 * times, saved with the version read (409 reloads), and 推进到下一步 (closing asks for the resolution and whether
 * the customer was satisfied).
 */
export function ComplaintDrawer({
  complaintId,
  onClose,
}: {
  complaintId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const complaint = useComplaint(complaintId ?? undefined);
  const update = useUpdateComplaint();
  const advance = useAdvanceComplaint();
  const [form] = Form.useForm<Values>();
  const [closeForm] = Form.useForm<CloseValues>();
  const [closing, setClosing] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);

  const c = complaint.data;
  useEffect(() => {
    if (c) form.setFieldsValue(valuesOf(c));
    // a new version (saved here, or reloaded after a conflict) replaces the form's values
  }, [c?.id, c?.version, form]);
  useEffect(() => setServerError(null), [complaintId]);

  const mayEdit = !!c && me.role !== 'compliance' && c.status !== 'closed';
  // statuses only move forward, one step at a time (the server checks it too)
  const next: ComplaintStatus | null = c ? nextComplaintStatus[c.status] : null;
  const busy = update.isPending || advance.isPending;

  const showError = (error: unknown) => {
    if (isApiError(error) && error.code === 'VERSION_CONFLICT') {
      setServerError(null);
      void message.error(t('complaints.conflict', { message: error.message }));
      return;
    }
    if (isApiError(error) && error.code === 'VALIDATION_FAILED') {
      const names = new Set(Object.keys(valuesOf(c as Complaint)));
      const fields = error.fieldIssues
        .map((issue) => ({ name: formFieldOf(issue.path) ?? '', errors: [issue.message] }))
        .filter((f) => names.has(f.name));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      const details = error.fieldIssues.map((i) => i.message);
      setServerError(details.length > 0 ? `${error.message}：${details.join('；')}` : error.message);
      return;
    }
    setServerError(errorText(error));
  };

  /** Saves what changed (if anything) and answers the version to go on with. */
  const saveChanges = async (extra: Omit<UpdateComplaintBody, 'version'> = {}): Promise<number> => {
    if (!c) throw new Error('no complaint');
    const body = { ...changesOf(c, await form.validateFields()), ...extra };
    if (Object.keys(body).length === 0) return c.version;
    const saved = await update.mutateAsync({ id: c.id, body: { version: c.version, ...body } });
    return saved.version;
  };

  const save = async () => {
    setServerError(null);
    try {
      await saveChanges();
      void message.success(t('complaints.saved'));
    } catch (error) {
      if (isApiError(error)) showError(error);
    }
  };

  const moveTo = async (to: ComplaintStatus, close?: CloseValues) => {
    if (!c) return;
    setServerError(null);
    try {
      const version = await saveChanges(close ? { resolution: close.resolution.trim() } : {});
      await advance.mutateAsync({
        id: c.id,
        body: { version, to, ...(close ? { customerSatisfied: close.customerSatisfied } : {}) },
      });
      setClosing(false);
      void message.success(t('complaints.advanced', { status: t(`complaints.statuses.${to}`) }));
    } catch (error) {
      if (isApiError(error)) showError(error);
    }
  };

  const onAdvance = () => {
    if (!next) return;
    if (next === 'closed') {
      closeForm.setFieldsValue({ resolution: form.getFieldValue('resolution') as string });
      setClosing(true);
    } else void moveTo(next);
  };

  let body;
  if (!complaintId) body = null;
  else if (complaint.isPending) body = <Skeleton active />;
  else if (complaint.error || !c)
    body = (
      <Result
        status={isApiError(complaint.error) && complaint.error.status === 404 ? '404' : 'error'}
        title={errorText(complaint.error)}
      />
    );
  else {
    const statusIndex = complaintStatuses.indexOf(c.status);
    const stepStatus = (i: number) =>
      i <= statusIndex ? 'finish' : i === statusIndex + 1 ? (c.overdue ? 'error' : 'process') : 'wait';
    const due = (at: string, forStep: boolean) => (
      <Typography.Text type={forStep && c.overdue ? 'danger' : 'secondary'} data-testid="complaint-due">
        {formatDateTime(at)}
        {forStep && c.overdue ? ` · ${t('complaints.overdue')}` : ''}
      </Typography.Text>
    );
    const customer = customerOf(c);
    body = (
      <Flex vertical gap={16} data-testid="complaint-detail" data-complaint-id={c.id} data-status={c.status}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
          <Descriptions.Item label={t('complaints.status')}>
            <ComplaintStatusTag status={c.status} t={t} />
            {c.overdue ? (
              <Tag color="red" data-testid="complaint-overdue">
                {t('complaints.overdue')}
              </Tag>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.severity')}>
            <Tag color={c.severity === 'urgent' ? 'red' : 'default'}>
              {t(`complaints.severities.${c.severity}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.customer')}>
            {customer.name}
            {customer.sub ? <Typography.Text type="secondary"> · {customer.sub}</Typography.Text> : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.product')}>
            {c.productName ?? t('complaints.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.issueType')}>
            {t(`complaints.issueTypes.${c.issueType}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.owner')}>{c.ownerName}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.acknowledgeDue')}>
            {due(c.acknowledgeDueAt, c.status === 'received')}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.closeDue')}>
            {due(c.closeDueAt, c.status === 'acknowledged' || c.status === 'actionTaken')}
          </Descriptions.Item>
          {c.closedAt ? (
            <Descriptions.Item label={t('complaints.closedAt')}>
              {formatDateTime(c.closedAt)}
            </Descriptions.Item>
          ) : null}
          {c.customerSatisfied !== null ? (
            <Descriptions.Item label={t('complaints.fields.customerSatisfied')}>
              <span data-testid="complaint-satisfied">
                {c.customerSatisfied ? t('complaints.satisfied') : t('complaints.notSatisfied')}
              </span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {me.role === 'compliance' ? <Alert type="info" showIcon title={t('complaints.readOnly')} /> : null}
        <Form<Values> form={form} layout="vertical" disabled={!mayEdit} data-testid="complaint-steps-form">
          <Steps
            orientation="vertical"
            size="small"
            data-testid="complaint-steps"
            items={[
              {
                title: t('complaints.steps.channel'),
                status: stepStatus(0),
                subTitle: `${t(`complaints.channels.${c.channel}`)} · ${formatDateTime(c.receivedAt)}`,
                content: (
                  <Form.Item
                    name="description"
                    label={t('complaints.description')}
                    extra={t('complaints.steps.channelHint')}
                    rules={[
                      { required: true, whitespace: true, message: t('complaints.descriptionRequired') },
                    ]}
                  >
                    <Input.TextArea rows={2} maxLength={2000} data-testid="complaint-edit-description" />
                  </Form.Item>
                ),
              },
              {
                title: t('complaints.steps.scope'),
                status: stepStatus(1),
                subTitle: due(c.acknowledgeDueAt, c.status === 'received'),
                content: (
                  <Form.Item
                    name="empoweredScope"
                    label={t('complaints.fields.empoweredScope')}
                    extra={t('complaints.fields.empoweredScopeHint')}
                  >
                    <Input.TextArea rows={2} maxLength={1000} data-testid="complaint-empowered-scope" />
                  </Form.Item>
                ),
              },
              {
                title: t('complaints.steps.action'),
                status: stepStatus(2),
                content: (
                  <>
                    <Form.Item
                      name="urgentAction"
                      label={t('complaints.fields.urgentAction')}
                      extra={t('complaints.steps.actionHint')}
                    >
                      <Input.TextArea rows={2} maxLength={1000} data-testid="complaint-urgent-action" />
                    </Form.Item>
                    <Form.Item name="apologized" valuePropName="checked">
                      <Checkbox data-testid="complaint-apologized">
                        {t('complaints.fields.apologized')}
                      </Checkbox>
                    </Form.Item>
                  </>
                ),
              },
              {
                title: t('complaints.steps.compensation'),
                status: stepStatus(3),
                subTitle: c.status === 'closed' ? undefined : due(c.closeDueAt, c.status !== 'received'),
                content: (
                  <>
                    <Form.Item
                      name="compensation"
                      label={t('complaints.fields.compensation')}
                      extra={t('complaints.steps.compensationHint')}
                    >
                      <Input.TextArea rows={2} maxLength={1000} data-testid="complaint-compensation" />
                    </Form.Item>
                    <Form.Item
                      name="compensationAmount"
                      label={t('complaints.fields.compensationAmount')}
                      extra={c.compensationFen !== null ? formatFen(c.compensationFen) : undefined}
                      rules={[
                        {
                          validator: (_r, value: string | undefined) =>
                            !value?.trim() || yuanToFen(value) !== null
                              ? Promise.resolve()
                              : Promise.reject(new Error(t('complaints.fields.amountInvalid'))),
                        },
                      ]}
                    >
                      <Input
                        prefix="¥"
                        inputMode="decimal"
                        placeholder="0.00"
                        data-testid="complaint-compensation-amount"
                      />
                    </Form.Item>
                    <Form.Item name="resolution" label={t('complaints.fields.resolution')}>
                      <Input.TextArea rows={2} maxLength={2000} data-testid="complaint-resolution" />
                    </Form.Item>
                  </>
                ),
              },
            ]}
          />
        </Form>
        {serverError ? (
          <Alert
            type="error"
            showIcon
            title={serverError}
            closable={{ onClose: () => setServerError(null) }}
            data-testid="complaint-error"
          />
        ) : null}
        {mayEdit ? (
          <Flex gap={8} wrap>
            <Button
              loading={update.isPending && !advance.isPending}
              disabled={busy}
              onClick={() => void save()}
              data-testid="complaint-save-fields"
            >
              {t('complaints.saveFields')}
            </Button>
            {next ? (
              <Button
                type="primary"
                loading={busy}
                onClick={onAdvance}
                data-testid="complaint-advance"
                data-to={next}
              >
                {t('complaints.advance')} · {t(`complaints.statuses.${next}`)}
              </Button>
            ) : null}
          </Flex>
        ) : c.status === 'closed' ? (
          <Typography.Text type="secondary">{t('complaints.closedNote')}</Typography.Text>
        ) : null}
      </Flex>
    );
  }

  return (
    <Drawer
      open={!!complaintId}
      onClose={onClose}
      title={c ? `${t('complaints.detail')} · ${customerOf(c).name}` : t('complaints.detail')}
      size={screens.md === false ? '100%' : 720}
      destroyOnHidden
      data-testid="complaint-drawer"
    >
      {body}
      <Modal
        open={closing}
        title={t('complaints.closeTitle')}
        onCancel={() => setClosing(false)}
        onOk={() => closeForm.submit()}
        confirmLoading={busy}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'complaint-close-ok' } as ButtonProps}
      >
        <Form<CloseValues>
          form={closeForm}
          layout="vertical"
          preserve={false}
          onFinish={(v) => void moveTo('closed', v)}
        >
          <Form.Item
            name="resolution"
            label={t('complaints.fields.resolution')}
            rules={[{ required: true, whitespace: true, message: t('complaints.resolutionRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="complaint-close-resolution" />
          </Form.Item>
          <Form.Item
            name="customerSatisfied"
            label={t('complaints.fields.customerSatisfied')}
            rules={[{ required: true, message: t('complaints.satisfiedRequired') }]}
          >
            <Radio.Group
              options={[
                { value: true, label: t('complaints.satisfied') },
                { value: false, label: t('complaints.notSatisfied') },
              ]}
              data-testid="complaint-close-satisfied"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
