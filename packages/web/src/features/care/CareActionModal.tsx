import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { careFestivalKeys, careKinds, type CareFestival, type Doctor } from '@keqing/shared';
import { isApiError } from '../../lib/api.ts';
import { emptyToNull, fieldOfPath } from '../../lib/form-errors.ts';
import { chinaToday, dateFormat, formatFen, isAfterChinaToday } from '../../lib/format.ts';
import { useRemoteOptions, type Option } from '../../lib/resources.ts';
import '../../lib/locales/care.ts';
import { useCareList, useCreateCareAction, type CareKindKey, type CarePlan } from './care.api.ts';
import { festivalLabel, kindLabel } from './labels.tsx';
import { fenToYuanText, yuanToFen } from './money.ts';

type Values = {
  doctorId?: string;
  kind?: CareKindKey;
  actionDate: Dayjs;
  amount?: string;
  purpose?: string;
  evidenceNote?: string;
  festival?: CareFestival;
  carePlanItemId?: string;
};

/** What the action is for when opened from a plan item or a care date. */
export type CareActionPreset = {
  doctor?: Option;
  planItem?: { id: string; kind: CareKindKey; valueFen: number; purpose: string | null; planTitle: string };
  festival?: CareFestival | null;
  purpose?: string;
};

const doctorLabel = (d: Pick<Doctor, 'name' | 'hospitalName' | 'departmentName'>) =>
  [d.name, d.hospitalName, d.departmentName].filter(Boolean).join(' · ');

/** The server's cap in fen when an over-cap refusal carries it in its details. */
function capOf(details: unknown): number | undefined {
  const list = Array.isArray(details) ? details : [details];
  for (const d of list) {
    if (typeof d !== 'object' || d === null) continue;
    const record = d as Record<string, unknown>;
    const params = (record.params ?? record) as Record<string, unknown>;
    for (const key of ['capFen', 'capPerActionFen', 'capPerYearFen', 'cap']) {
      if (typeof params[key] === 'number') return params[key];
    }
  }
  return undefined;
}

/**
 * 记录关怀: kind (the contract's kinds only — cash is not one), date, ¥ with at most 2 decimals, purpose, evidence,
 * and the approved plan item covering it when over a cap. One column, so it fits a 375-px phone.
 */
export function CareActionModal({
  open,
  preset,
  onClose,
}: {
  open: boolean;
  preset?: CareActionPreset;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateCareAction();
  const [refusal, setRefusal] = useState<{ text: string; capFen?: number } | null>(null);
  const doctors = useRemoteOptions<Doctor>('doctors', doctorLabel, {
    known: preset?.doctor ? [preset.doctor] : undefined,
    pageSize: 30,
    enabled: open && !preset?.doctor,
  });
  const doctorId = Form.useWatch('doctorId', form);
  // Approved plans of the caller with an item for this doctor still waiting for its action.
  const approved = useCareList<CarePlan>('care-plans', { status: 'approved', page: 1, pageSize: 100 });
  const planItems = (approved.data?.items ?? []).flatMap((plan) =>
    plan.items
      .filter((item) => item.doctorId === doctorId && !item.careActionId)
      .map((item) => ({ plan, item })),
  );
  const presetItem = preset?.planItem;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setRefusal(null);
    form.setFieldsValue({
      doctorId: preset?.doctor?.value,
      actionDate: dayjs(chinaToday()),
      kind: presetItem?.kind,
      amount: presetItem ? fenToYuanText(presetItem.valueFen) : undefined,
      purpose: presetItem?.purpose ?? preset?.purpose ?? undefined,
      festival: preset?.festival ?? undefined,
      carePlanItemId: presetItem?.id,
    });
  }, [open, preset, presetItem, form]);

  const pickItem = (itemId: string | undefined) => {
    const found = planItems.find((p) => p.item.id === itemId);
    if (found)
      form.setFieldsValue({
        kind: found.item.kind,
        amount: fenToYuanText(found.item.valueFen),
        purpose: form.getFieldValue('purpose') || found.item.purpose || found.plan.purpose,
      });
  };

  const submit = (v: Values) => {
    const valueFen = yuanToFen(v.amount);
    if (!v.doctorId || !v.kind || valueFen === null) return;
    setRefusal(null);
    create.mutate(
      {
        doctorId: v.doctorId,
        kind: v.kind,
        actionDate: v.actionDate.format(dateFormat),
        valueFen,
        purpose: v.purpose?.trim() ?? '',
        evidenceNote: emptyToNull(v.evidenceNote),
        festival: v.festival ?? null,
        carePlanItemId: v.carePlanItemId ?? null,
      },
      {
        onSuccess: () => {
          void message.success(t('care.action.saved'));
          onClose();
        },
        onError: (error) => {
          if (isApiError(error) && error.code === 'VALIDATION_FAILED') {
            const names = new Set(Object.keys(form.getFieldsValue(true) as object));
            const fields = error.fieldIssues
              .map((issue) => {
                const field = fieldOfPath(issue.path);
                return { name: field === 'valueFen' ? 'amount' : (field ?? ''), errors: [issue.message] };
              })
              .filter((f) => names.has(f.name) || f.name === 'amount');
            form.setFields(fields as Parameters<typeof form.setFields>[0]);
          }
          // Over a cap (or any refusal): the server's words, with the cap when it sends one.
          setRefusal({
            text: isApiError(error) ? error.message : String(error),
            capFen: isApiError(error) ? capOf(error.details) : undefined,
          });
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('care.record')}
      onCancel={onClose}
      okText={t('common.save')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={560}
      data-testid="care-action-modal"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="care-action-form">
        {presetItem ? (
          <Typography.Paragraph type="secondary">
            {t('care.action.forPlan', { title: presetItem.planTitle })}
          </Typography.Paragraph>
        ) : null}
        <Form.Item
          name="doctorId"
          label={t('care.doctor')}
          rules={[{ required: true, message: t('care.action.doctorRequired') }]}
        >
          <Select
            {...(preset?.doctor ? { options: [preset.doctor] } : doctors.selectProps)}
            disabled={!!preset?.doctor}
            placeholder={t('care.doctorPlaceholder')}
            data-testid="care-action-doctor"
          />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('care.kind')}
          rules={[{ required: true, message: t('care.action.kindRequired') }]}
          extra={t('care.action.noCash')}
        >
          <Select
            options={careKinds.map((k) => ({ value: k, label: kindLabel(t, k) }))}
            disabled={!!presetItem}
            data-testid="care-action-kind"
          />
        </Form.Item>
        <Form.Item
          name="actionDate"
          label={t('care.action.date')}
          rules={[{ required: true, message: t('care.action.dateRequired') }]}
        >
          <DatePicker
            format={dateFormat}
            allowClear={false}
            disabledDate={isAfterChinaToday}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('care.amount')}
          rules={[
            { required: true, message: t('care.amountRequired') },
            {
              validator: (_r, value: string | undefined) =>
                !value || yuanToFen(value) !== null
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('care.amountInvalid'))),
            },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" placeholder="0.00" data-testid="care-action-amount" />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('care.purpose')}
          rules={[{ required: true, whitespace: true, message: t('care.purposeRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={300} data-testid="care-action-purpose" />
        </Form.Item>
        <Form.Item name="evidenceNote" label={t('care.action.evidence')}>
          <Input.TextArea
            rows={2}
            maxLength={1000}
            placeholder={t('care.action.evidenceHint')}
            data-testid="care-action-evidence"
          />
        </Form.Item>
        <Form.Item name="festival" label={t('care.festival')}>
          <Select
            allowClear
            options={careFestivalKeys.map((f) => ({ value: f, label: festivalLabel(t, f) }))}
          />
        </Form.Item>
        {presetItem ? (
          <Form.Item name="carePlanItemId" hidden>
            <Input />
          </Form.Item>
        ) : (
          <Form.Item
            name="carePlanItemId"
            label={t('care.action.planItem')}
            extra={t('care.action.planItemHint')}
          >
            <Select
              allowClear
              disabled={!doctorId}
              onChange={pickItem}
              notFoundContent={t('care.action.noPlanItem')}
              options={planItems.map(({ plan, item }) => ({
                value: item.id,
                label: `${plan.title} · ${kindLabel(t, item.kind)} · ${formatFen(item.valueFen)}`,
              }))}
              data-testid="care-action-plan-item"
            />
          </Form.Item>
        )}
        {refusal ? (
          <Alert
            type="error"
            showIcon
            title={refusal.text}
            description={
              refusal.capFen !== undefined
                ? t('care.action.capIs', { cap: formatFen(refusal.capFen) })
                : undefined
            }
            data-testid="care-action-error"
          />
        ) : null}
      </Form>
    </Modal>
  );
}
