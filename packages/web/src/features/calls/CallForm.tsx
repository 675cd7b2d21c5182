import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { adoptionSteps, defaultPlanningSettings, prescriptionStatuses, type Doctor } from '@keqing/shared';
import { isApiError } from '../../lib/api.ts';
import { dateFormat, formatDate } from '../../lib/format.ts';
import { useRemoteOptions, type Option } from '../../lib/resources.ts';
import { useProductOptions } from '../accounts/accounts.api.ts';
import { adoptionLabel, statusLabel, useLocalized } from '../accounts/labels.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { discardQueuedCall, enqueueCall } from './call-queue-state.ts';
import {
  applyCallServerErrors,
  changesOf,
  contentOf,
  readLocation,
  readStampLocation,
  rememberStampLocation,
  valuesOf,
  type CallFormValues,
} from './call-form-values.ts';
import {
  useAmendCall,
  useCreateCall,
  useSubmitDraft,
  useUpdateCall,
  type Call,
  type CallContent,
  type CallLocation,
  type CallWriteResult,
  type PlannedCall,
} from './calls.api.ts';
import { callTypeOptions, durationChoices, outcomeOptions } from './labels.ts';
import { PreCallBriefPanel } from './PreCallBriefPanel.tsx';

export type CallFormMode =
  | {
      kind: 'new';
      clientId: string;
      plannedCall?: PlannedCall;
      queued?: boolean;
      /** After the call went into the offline queue (no navigation: other pages may not load offline) */
      onQueued: () => void;
    }
  | { kind: 'draft'; call: Call; onReload: () => Promise<Call | undefined> }
  | { kind: 'amend'; call: Call; onDone: () => void };

const minObjectives = defaultPlanningSettings.minObjectives;

function doctorLabel(d: { name: string; hospitalName: string; departmentName?: string | null }) {
  return [d.name, d.hospitalName, d.departmentName].filter(Boolean).join(' · ');
}

/**
 * The call form, phone first: one column at 375 px, the seven steps and the status judgement folded away,
 * the two actions in a bar that stays at the bottom of the screen.
 */
export function CallForm({
  mode,
  initialValues,
  knownDoctor,
}: {
  mode: CallFormMode;
  initialValues: CallFormValues;
  knownDoctor?: Option;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const pick = useLocalized();
  const [form] = Form.useForm<CallFormValues>();
  const [stampLocation, setStampLocation] = useState(readStampLocation);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();

  const create = useCreateCall();
  const call = mode.kind === 'new' ? undefined : mode.call;
  const update = useUpdateCall(call?.id ?? '');
  const submitDraft = useSubmitDraft(call?.id ?? '');
  const amend = useAmendCall(call?.id ?? '');

  const doctors = useRemoteOptions<Doctor>('doctors', doctorLabel, {
    known: knownDoctor ? [knownDoctor] : undefined,
    pageSize: 30,
  });
  const products = useProductOptions();
  const productIds = Form.useWatch('productIds', form) ?? initialValues.productIds;
  const objectives = Form.useWatch('objectives', form) ?? initialValues.objectives;
  const doctorId = Form.useWatch('doctorId', form) ?? initialValues.doctorId;
  const nextStep = Form.useWatch('nextStep', form);
  const duration = Form.useWatch('duration', form) ?? initialValues.duration;
  const plannedCall = mode.kind === 'new' ? mode.plannedCall : undefined;
  const plannedCallId = mode.kind === 'new' ? (plannedCall?.id ?? null) : (call?.plannedCallId ?? null);
  const productName = (id: string) => products.options.find((o) => o.value === id)?.label ?? id;
  const durations: number[] = (durationChoices as readonly number[]).includes(duration)
    ? [...durationChoices]
    : [...durationChoices, duration].sort((a, b) => a - b);

  const showError = (e: unknown) => applyCallServerErrors(form, e, (text) => void message.error(text));
  const showWarnings = (result: CallWriteResult) => {
    for (const w of result.warnings) void message.warning(w.message);
  };

  /** Validated content, or undefined (antd marks the fields). */
  const read = async (): Promise<CallContent | undefined> => {
    try {
      await form.validateFields();
    } catch (e) {
      // On a phone the first problem is often off screen.
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      return undefined;
    }
    return contentOf(form.getFieldsValue(true), { plannedCallId, keepAttendees: call?.attendees });
  };

  const location = async (): Promise<CallLocation | null> => {
    if (!stampLocation) return null;
    const hide = message.loading(t('calls.form.locating'), 0);
    const found = await readLocation();
    hide();
    if (!found) void message.info(t('calls.form.locationFailed'));
    return found;
  };

  const onConflict = (e: unknown) => {
    if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
      setConflict(true);
      return true;
    }
    return false;
  };

  const saveNew = async (submit: boolean) => {
    if (mode.kind !== 'new') return;
    const content = await read();
    if (!content) return;
    setBusy(true);
    try {
      const stamp = submit ? await location() : null;
      const body = { clientId: mode.clientId, ...content, submit, location: stamp };
      const queue = async () => {
        const doctorName = doctors.options.find((o) => o.value === content.doctorId)?.label ?? '';
        await enqueueCall({
          clientId: mode.clientId,
          userId: me.id,
          body,
          summary: { doctorName, startAt: content.startAt, type: content.type },
        });
        void message.success(t('calls.form.queued'));
        mode.onQueued();
      };
      if (submit && !navigator.onLine) {
        await queue();
        return;
      }
      try {
        const result = await create.mutateAsync(body);
        if (mode.queued) await discardQueuedCall(mode.clientId);
        showWarnings(result);
        void message.success(submit ? t('calls.form.submitted') : t('calls.form.draftSaved'));
        void navigate(`/calls/${result.call.id}`, { replace: true });
      } catch (e) {
        // Only the network (or a server that cannot answer now) puts a submission in the queue; a 4xx is shown.
        if (submit && isApiError(e) && (e.status === 0 || e.status >= 500)) await queue();
        else showError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  const saveDraft = async (submit: boolean) => {
    if (mode.kind !== 'draft') return;
    const content = await read();
    if (!content) return;
    const body = { version: mode.call.version, ...content };
    setBusy(true);
    try {
      if (submit) {
        const stamp = await location();
        const result = await submitDraft.mutateAsync({ body, location: stamp });
        showWarnings(result);
        void message.success(t('calls.form.submitted'));
      } else {
        const result = await update.mutateAsync(body);
        showWarnings(result);
        void message.success(t('calls.form.draftSaved'));
      }
    } catch (e) {
      if (!onConflict(e)) showError(e);
    } finally {
      setBusy(false);
    }
  };

  /** The stored call put through the same form mapping, so only real edits differ. */
  const before = call
    ? contentOf(valuesOf(call), { plannedCallId, keepAttendees: call.attendees })
    : undefined;

  const askReason = async () => {
    if (mode.kind !== 'amend' || !before) return;
    const content = await read();
    if (!content) return;
    const changes = changesOf(before, content);
    if (Object.keys(changes).length === 0) {
      void message.info(t('calls.form.amendNoChanges'));
      return;
    }
    reasonForm.resetFields();
    setReasonOpen(true);
  };

  const saveAmendment = async ({ reason }: { reason: string }) => {
    if (mode.kind !== 'amend' || !before) return;
    const content = await read();
    if (!content) return;
    try {
      await amend.mutateAsync({
        version: mode.call.version,
        reason: reason.trim(),
        changes: changesOf(before, content),
      });
      setReasonOpen(false);
      void message.success(t('calls.form.amended'));
      mode.onDone();
    } catch (e) {
      setReasonOpen(false);
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
        // Someone amended it meanwhile: back to the view, which shows the current record.
        void message.error(e.message);
        mode.onDone();
      } else showError(e);
    }
  };

  const reload = async () => {
    if (mode.kind !== 'draft') return;
    const latest = await mode.onReload();
    if (latest) form.setFieldsValue(valuesOf(latest));
    setConflict(false);
  };

  const statusOptions = prescriptionStatuses.map((s) => ({ value: s, label: statusLabel(s, pick) }));
  const ladderOptions = adoptionSteps.map((s) => ({ value: s, label: adoptionLabel(s, pick) }));
  const filledObjectives = (objectives ?? []).filter((o) => o?.text?.trim()).length;

  return (
    <Form<CallFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      requiredMark={false}
      data-testid="call-form"
    >
      {conflict ? (
        <Alert
          type="error"
          showIcon
          title={t('calls.form.conflict')}
          description={t('calls.form.conflictHint')}
          action={
            <Button size="small" onClick={() => void reload()} data-testid="call-reload">
              {t('calls.form.reload')}
            </Button>
          }
          style={{ marginBottom: 12 }}
          data-testid="call-conflict"
        />
      ) : null}
      {plannedCall ? (
        <Alert
          type="info"
          title={t('calls.form.plannedCall', { date: formatDate(plannedCall.date) })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form.Item
          name="doctorId"
          label={t('calls.form.doctor')}
          rules={[{ required: true, message: t('calls.form.doctorRequired') }]}
        >
          <Select
            placeholder={t('calls.form.doctorPlaceholder')}
            disabled={mode.kind === 'amend' || !!plannedCall}
            data-testid="call-doctor"
            {...doctors.selectProps}
          />
        </Form.Item>
        {doctorId && mode.kind !== 'amend' ? <PreCallBriefPanel doctorId={doctorId} /> : null}
        <Form.Item name="type" label={t('calls.form.type')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="small"
            options={callTypeOptions(t)}
            data-testid="call-type"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="startAt"
              label={t('calls.form.startAt')}
              rules={[{ required: true, message: t('calls.form.startRequired') }]}
            >
              <Input
                type="datetime-local"
                max={dayjs().format('YYYY-MM-DDTHH:mm')}
                data-testid="call-start"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="duration" label={t('calls.form.duration')}>
              <Radio.Group optionType="button" size="small" data-testid="call-duration">
                {durations.map((m) => (
                  <Radio.Button key={m} value={m}>
                    {t('calls.form.minutes', { count: m })}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="productIds"
          label={t('calls.form.products')}
          rules={[{ required: true, type: 'array', min: 1, message: t('calls.form.productsRequired') }]}
        >
          <Select
            mode="multiple"
            options={products.options}
            loading={products.loading}
            notFoundContent={t('calls.form.noProducts')}
            showSearch={{ optionFilterProp: 'label' }}
            maxCount={10}
            data-testid="call-products"
          />
        </Form.Item>
        {(productIds ?? []).map((id) => (
          <Form.Item
            key={id}
            name={['keyMessages', id]}
            label={`${productName(id)} · ${t('calls.form.keyMessages')}`}
            extra={
              plannedCall && plannedCall.keyMessages.length > 0
                ? t('calls.form.plannedKeyMessages', {
                    messages: plannedCall.keyMessages.join(t('common.listSeparator')),
                  })
                : undefined
            }
          >
            <Select
              mode="tags"
              open={false}
              suffixIcon={null}
              placeholder={t('calls.form.keyMessagesPlaceholder')}
              tokenSeparators={['；', ';']}
            />
          </Form.Item>
        ))}
      </Card>

      <Card size="small" title={t('calls.form.objectives')} style={{ marginBottom: 12 }}>
        <Form.List
          name="objectives"
          rules={[
            {
              validator: (_r, value: unknown[] | undefined) =>
                value && value.length > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('calls.form.objectivesRequired'))),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <div
                  key={field.key}
                  data-testid={`objective-${index}`}
                  style={{ borderBottom: '1px dashed #f0f0f0', marginBottom: 8 }}
                >
                  <Flex gap={8} align="start">
                    <Form.Item
                      name={[field.name, 'text']}
                      rules={[
                        { required: true, whitespace: true, message: t('calls.form.objectiveRequired') },
                      ]}
                      style={{ flex: 1, marginBottom: 8 }}
                    >
                      <Input
                        placeholder={t('calls.form.objectivePlaceholder')}
                        maxLength={200}
                        aria-label={t('calls.form.objective', { n: index + 1 })}
                        data-testid={`objective-text-${index}`}
                      />
                    </Form.Item>
                    <Button
                      onClick={() => remove(field.name)}
                      aria-label={t('calls.form.remove')}
                      data-testid={`objective-remove-${index}`}
                    >
                      ×
                    </Button>
                  </Flex>
                  <Form.Item
                    name={[field.name, 'outcome']}
                    rules={[{ required: true, message: t('calls.form.outcomeRequired') }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Radio.Group
                      optionType="button"
                      buttonStyle="solid"
                      size="small"
                      options={outcomeOptions(t)}
                      data-testid={`objective-outcome-${index}`}
                    />
                  </Form.Item>
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              {filledObjectives < minObjectives ? (
                <Alert
                  type="warning"
                  showIcon
                  title={t('calls.form.fewObjectives', { min: minObjectives, count: filledObjectives })}
                  style={{ marginBottom: 8 }}
                  data-testid="few-objectives"
                />
              ) : null}
              {fields.length < 10 ? (
                <Button type="dashed" block onClick={() => add({})} data-testid="add-objective">
                  + {t('calls.form.addObjective')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
      </Card>

      <Collapse
        style={{ marginBottom: 12 }}
        defaultActiveKey={mode.kind === 'new' ? [] : ['steps']}
        items={[
          {
            key: 'steps',
            label: <span data-testid="call-steps-toggle">{t('calls.form.steps')}</span>,
            children: (
              <>
                <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
                  {t('calls.form.stepsHint')}
                </Typography.Paragraph>
                <Form.Item name="preparationDone" valuePropName="checked">
                  <Checkbox>{t('calls.form.preparationDone')}</Checkbox>
                </Form.Item>
                <Form.Item name="opening" label={t('calls.form.opening')}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
                </Form.Item>
                <Form.Item name="needsFound" label={t('calls.form.needsFound')}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} />
                </Form.Item>
                <Form.Item name="benefitsPresented" label={t('calls.form.benefitsPresented')}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} />
                </Form.Item>
                <Typography.Text strong>{t('calls.form.objections')}</Typography.Text>
                {plannedCall && plannedCall.expectedObjections.length > 0 ? (
                  <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>
                    {t('calls.form.expectedObjections', {
                      list: plannedCall.expectedObjections.join(t('common.listSeparator')),
                    })}
                  </Typography.Paragraph>
                ) : null}
                <Form.List name="objections">
                  {(fields, { add, remove }) => (
                    <div style={{ marginTop: 8, marginBottom: 16 }}>
                      {fields.map((field, index) => (
                        <Flex key={field.key} gap={8} align="start" wrap>
                          <Form.Item
                            name={[field.name, 'objection']}
                            style={{ flex: '1 1 140px', marginBottom: 8 }}
                          >
                            <Input
                              placeholder={t('calls.form.objection')}
                              maxLength={300}
                              data-testid={`objection-${index}`}
                            />
                          </Form.Item>
                          <Form.Item
                            name={[field.name, 'answer']}
                            style={{ flex: '1 1 140px', marginBottom: 8 }}
                          >
                            <Input placeholder={t('calls.form.answer')} maxLength={500} />
                          </Form.Item>
                          <Button onClick={() => remove(field.name)} aria-label={t('calls.form.remove')}>
                            ×
                          </Button>
                        </Flex>
                      ))}
                      {fields.length < 10 ? (
                        <Button type="dashed" size="small" onClick={() => add({})}>
                          + {t('calls.form.addObjection')}
                        </Button>
                      ) : null}
                    </div>
                  )}
                </Form.List>
                <Form.Item name="commitment" label={t('calls.form.commitment')}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={24} sm={14}>
                    <Form.Item name="nextStep" label={t('calls.form.nextStep')}>
                      <Input
                        placeholder={t('calls.form.nextStepPlaceholder')}
                        maxLength={500}
                        data-testid="call-next-step"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={10}>
                    <Form.Item
                      name="nextStepDue"
                      label={t('calls.form.nextStepDue')}
                      extra={t('calls.form.nextStepDueHint')}
                      dependencies={['nextStep']}
                      rules={[
                        {
                          required: !!nextStep?.trim(),
                          message: t('calls.form.nextStepDueRequired'),
                        },
                      ]}
                    >
                      <DatePicker
                        format={dateFormat}
                        style={{ width: '100%' }}
                        inputReadOnly
                        data-testid="call-next-step-due"
                      />
                    </Form.Item>
                  </Col>
                </Row>
              </>
            ),
          },
          {
            key: 'scores',
            label: t('calls.form.scores'),
            children: (
              <>
                <Typography.Paragraph type="secondary" style={{ marginTop: 0 }} data-testid="no-counts-hint">
                  {t('calls.form.scoresHint')}
                </Typography.Paragraph>
                {(productIds ?? []).map((id) => (
                  <Row gutter={12} key={id}>
                    <Col span={24}>
                      <Typography.Text strong>{productName(id)}</Typography.Text>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item
                        name={['scoreUpdates', id, 'prescriptionStatus']}
                        label={t('calls.form.prescriptionStatus')}
                      >
                        <Select allowClear placeholder={t('calls.form.unchanged')} options={statusOptions} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item
                        name={['scoreUpdates', id, 'adoptionStep']}
                        label={t('calls.form.adoptionStep')}
                      >
                        <Select allowClear placeholder={t('calls.form.unchanged')} options={ladderOptions} />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
              </>
            ),
          },
        ]}
      />

      <Card size="small" style={{ marginBottom: 12 }}>
        <Form.Item name="attendees" label={t('calls.form.attendees')}>
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            placeholder={t('calls.form.attendeesPlaceholder')}
            maxCount={30}
          />
        </Form.Item>
        <Form.Item name="notes" label={t('calls.form.notes')} style={{ marginBottom: 8 }}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
        </Form.Item>
        {mode.kind === 'amend' ? null : (
          <Checkbox
            checked={stampLocation}
            onChange={(e) => {
              setStampLocation(e.target.checked);
              rememberStampLocation(e.target.checked);
            }}
            data-testid="call-stamp-location"
          >
            {t('calls.form.stampLocation')}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('calls.form.stampLocationHint')}
            </Typography.Text>
          </Checkbox>
        )}
      </Card>

      <Flex
        gap={8}
        justify="flex-end"
        style={{
          position: 'sticky',
          bottom: 0,
          background: '#fff',
          padding: '8px 0',
          borderTop: '1px solid #f0f0f0',
          zIndex: 5,
        }}
      >
        {mode.kind === 'amend' ? (
          <>
            <Button onClick={mode.onDone}>{t('calls.form.cancel')}</Button>
            <Button type="primary" onClick={() => void askReason()} data-testid="call-amend-save">
              {t('calls.form.saveAmendment')}
            </Button>
          </>
        ) : (
          <>
            <Button
              style={{ flex: 1, maxWidth: 200 }}
              loading={busy}
              onClick={() => void (mode.kind === 'new' ? saveNew(false) : saveDraft(false))}
              data-testid="call-save-draft"
            >
              {t('calls.form.saveDraft')}
            </Button>
            <Button
              type="primary"
              style={{ flex: 1, maxWidth: 200 }}
              loading={busy}
              onClick={() => void (mode.kind === 'new' ? saveNew(true) : saveDraft(true))}
              data-testid="call-submit"
            >
              {t('calls.form.submit')}
            </Button>
          </>
        )}
      </Flex>

      <Modal
        title={t('calls.form.amendTitle')}
        open={reasonOpen}
        onCancel={() => setReasonOpen(false)}
        onOk={() => reasonForm.submit()}
        okText={t('calls.form.saveAmendment')}
        confirmLoading={amend.isPending}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'amend-reason-ok' } as Record<string, string>}
      >
        <Form form={reasonForm} layout="vertical" onFinish={(v) => void saveAmendment(v)}>
          <Form.Item
            name="reason"
            label={t('calls.form.amendReason')}
            rules={[{ required: true, whitespace: true, message: t('calls.form.amendReasonRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} data-testid="amend-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Form>
  );
}
