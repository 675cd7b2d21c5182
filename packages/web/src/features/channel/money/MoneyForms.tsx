import { useState } from 'react';
import { App, Alert, DatePicker, Form, Input, Select, type FormRule } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { channelBillKinds, riskEventKinds, type ChannelBillKind, type RiskEventKind } from '@keqing/shared';
import { emptyToNull, useFormErrorHandler } from '../../../lib/form-errors.ts';
import { dateFormat, isAfterChinaToday } from '../../../lib/format.ts';
import '../../../lib/locales/channel-money.ts';
import { FormActions, FormModal } from '../../../app/ui/FormModal.tsx';
import { yuanToFen } from '../../care/money.ts';
import {
  useCreateBill,
  useCreateLedgerEntry,
  useCreateReconciliation,
  useCreateRiskEvent,
} from './money.api.ts';

/** `'-12.50'` → -1250; null unless a ¥ amount with at most 2 decimals (sign allowed). */
export function signedYuanToFen(text: string | null | undefined): number | null {
  const value = (text ?? '').trim();
  if (value.startsWith('-')) {
    const fen = yuanToFen(value.slice(1));
    return fen === null ? null : -fen;
  }
  return yuanToFen(value);
}

const dateText = (d: Dayjs) => d.format(dateFormat);

function useYuanRules() {
  const { t } = useTranslation();
  const positive: FormRule[] = [
    { required: true, message: t('channelMoney.amountRequired') },
    {
      validator: (_r, value: string | undefined) =>
        !value || (yuanToFen(value) ?? 0) > 0
          ? Promise.resolve()
          : Promise.reject(new Error(t('channelMoney.amountInvalid'))),
    },
  ];
  const signed = (allowZero: boolean): FormRule[] => [
    { required: true, message: t('channelMoney.amountRequired') },
    {
      validator: (_r, value: string | undefined) => {
        const fen = value ? signedYuanToFen(value) : 0;
        return !value || (fen !== null && (allowZero || fen !== 0))
          ? Promise.resolve()
          : Promise.reject(new Error(t('channelMoney.signedAmountInvalid')));
      },
    },
  ];
  return { positive, signed };
}

type ModalProps = { customerId: string; open: boolean; onClose: () => void };

/** 登记回款: amount entered positive, sent with a clientId so a resend after a network error is not doubled. */
export function PaymentModal({ customerId, open, onClose }: ModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal title={t('channelMoney.recordPayment')} open={open} onClose={onClose} testId="payment-modal">
      <PaymentForm customerId={customerId} onClose={onClose} />
    </FormModal>
  );
}

function PaymentForm({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ entryDate: Dayjs; amount: string; note?: string }>();
  const create = useCreateLedgerEntry();
  const onError = useFormErrorHandler();
  const rules = useYuanRules();
  // one id per opened form: a retry of the same submission returns the stored entry
  const [clientId] = useState(() => crypto.randomUUID());
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ entryDate: dayjs() }}
      onFinish={(v) =>
        create.mutate(
          {
            kind: 'payment',
            channelCustomerId: customerId,
            entryDate: dateText(v.entryDate),
            amountFen: yuanToFen(v.amount)!,
            clientId,
            note: emptyToNull(v.note),
          },
          {
            onSuccess: () => {
              void message.success(t('channelMoney.paymentRecorded'));
              onClose();
            },
            onError: (e) => onError(form, e),
          },
        )
      }
      data-testid="payment-form"
    >
      <Form.Item
        name="entryDate"
        label={t('channelMoney.entryDate')}
        rules={[{ required: true, message: t('channelMoney.dateRequired') }]}
      >
        <DatePicker disabledDate={isAfterChinaToday} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="amount" label={t('channelMoney.paymentAmount')} rules={rules.positive}>
        <Input inputMode="decimal" prefix="¥" data-testid="payment-amount" />
      </Form.Item>
      <Form.Item name="note" label={t('channelMoney.note')}>
        <Input maxLength={500} />
      </Form.Item>
      <FormActions onCancel={onClose} saving={create.isPending} />
    </Form>
  );
}

/** 调整 (managers and admins): signed, with a reason. */
export function AdjustmentModal({ customerId, open, onClose }: ModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal
      title={t('channelMoney.recordAdjustment')}
      open={open}
      onClose={onClose}
      testId="adjustment-modal"
    >
      <AdjustmentForm customerId={customerId} onClose={onClose} />
    </FormModal>
  );
}

function AdjustmentForm({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ entryDate: Dayjs; amount: string; note: string }>();
  const create = useCreateLedgerEntry();
  const onError = useFormErrorHandler();
  const rules = useYuanRules();
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ entryDate: dayjs() }}
      onFinish={(v) =>
        create.mutate(
          {
            kind: 'adjustment',
            channelCustomerId: customerId,
            entryDate: dateText(v.entryDate),
            amountFen: signedYuanToFen(v.amount)!,
            note: v.note.trim(),
          },
          {
            onSuccess: () => {
              void message.success(t('channelMoney.saved'));
              onClose();
            },
            onError: (e) => onError(form, e),
          },
        )
      }
    >
      <Form.Item
        name="entryDate"
        label={t('channelMoney.entryDate')}
        rules={[{ required: true, message: t('channelMoney.dateRequired') }]}
      >
        <DatePicker disabledDate={isAfterChinaToday} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="amount" label={t('channelMoney.adjustmentAmount')} rules={rules.signed(false)}>
        <Input inputMode="decimal" prefix="¥" />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('channelMoney.adjustmentReason')}
        rules={[{ required: true, whitespace: true, message: t('channelMoney.reasonRequired') }]}
      >
        <Input maxLength={500} />
      </Form.Item>
      <FormActions onCancel={onClose} saving={create.isPending} />
    </Form>
  );
}

/** 登记票据: bank acceptance and cheque pay at once; a commercial acceptance draft waits for the manager. */
export function BillModal({ customerId, open, onClose }: ModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal title={t('channelMoney.recordBill')} open={open} onClose={onClose} testId="bill-modal">
      <BillForm customerId={customerId} onClose={onClose} />
    </FormModal>
  );
}

function BillForm({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    kind: ChannelBillKind;
    billNo: string;
    issuer: string;
    amount: string;
    receivedOn: Dayjs;
    dueOn?: Dayjs | null;
  }>();
  const kind = Form.useWatch('kind', form);
  const create = useCreateBill();
  const onError = useFormErrorHandler();
  const rules = useYuanRules();
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ kind: 'bankAcceptance', receivedOn: dayjs() }}
      onFinish={(v) =>
        create.mutate(
          {
            channelCustomerId: customerId,
            kind: v.kind,
            billNo: v.billNo.trim(),
            issuer: v.issuer.trim(),
            amountFen: yuanToFen(v.amount)!,
            receivedOn: dateText(v.receivedOn),
            dueOn: v.dueOn ? dateText(v.dueOn) : null,
          },
          {
            onSuccess: () => {
              void message.success(t('channelMoney.saved'));
              onClose();
            },
            onError: (e) => onError(form, e),
          },
        )
      }
      data-testid="bill-form"
    >
      <Form.Item name="kind" label={t('channelMoney.billKind')}>
        <Select
          options={channelBillKinds.map((k) => ({ value: k, label: t(`channelMoney.billKinds.${k}`) }))}
        />
      </Form.Item>
      {kind === 'commercialAcceptance' ? (
        <Alert
          type="warning"
          showIcon
          title={t('channelMoney.commercialHint')}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form.Item
        name="billNo"
        label={t('channelMoney.billNo')}
        rules={[{ required: true, whitespace: true, message: t('channelMoney.billNoRequired') }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="issuer"
        label={t('channelMoney.issuer')}
        rules={[{ required: true, whitespace: true, message: t('channelMoney.issuerRequired') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="amount" label={t('channelMoney.paymentAmount')} rules={rules.positive}>
        <Input inputMode="decimal" prefix="¥" />
      </Form.Item>
      <Form.Item
        name="receivedOn"
        label={t('channelMoney.receivedOn')}
        rules={[{ required: true, message: t('channelMoney.dateRequired') }]}
      >
        <DatePicker disabledDate={isAfterChinaToday} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="dueOn" label={t('channelMoney.dueOn')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <FormActions onCancel={onClose} saving={create.isPending} />
    </Form>
  );
}

/** 新建对账: the period end and the balance the distributor's 会计 confirmed; ours is computed by the server. */
export function ReconciliationModal({ customerId, open, onClose }: ModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal
      title={t('channelMoney.newReconciliation')}
      open={open}
      onClose={onClose}
      testId="reconciliation-modal"
    >
      <ReconciliationForm customerId={customerId} onClose={onClose} />
    </FormModal>
  );
}

function ReconciliationForm({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    periodEnd: Dayjs;
    theirBalance: string;
    confirmedByName: string;
    note?: string;
  }>();
  const create = useCreateReconciliation();
  const onError = useFormErrorHandler();
  const rules = useYuanRules();
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ periodEnd: dayjs().subtract(1, 'month').endOf('month') }}
      onFinish={(v) =>
        create.mutate(
          {
            channelCustomerId: customerId,
            periodEnd: dateText(v.periodEnd),
            theirBalanceFen: signedYuanToFen(v.theirBalance)!,
            confirmedByName: v.confirmedByName.trim(),
            note: emptyToNull(v.note),
          },
          {
            onSuccess: () => {
              void message.success(t('channelMoney.saved'));
              onClose();
            },
            onError: (e) => onError(form, e),
          },
        )
      }
    >
      <Form.Item
        name="periodEnd"
        label={t('channelMoney.periodEnd')}
        rules={[{ required: true, message: t('channelMoney.dateRequired') }]}
      >
        <DatePicker disabledDate={isAfterChinaToday} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="theirBalance" label={t('channelMoney.theirBalance')} rules={rules.signed(true)}>
        <Input inputMode="decimal" prefix="¥" />
      </Form.Item>
      <Form.Item
        name="confirmedByName"
        label={t('channelMoney.confirmedByName')}
        rules={[{ required: true, whitespace: true, message: t('channelMoney.confirmedByRequired') }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="note" label={t('channelMoney.note')}>
        <Input maxLength={500} />
      </Form.Item>
      <FormActions onCancel={onClose} saving={create.isPending} />
    </Form>
  );
}

/** 风险信号 (seed 000's warning signals), severity 1–3. */
export function RiskEventModal({ customerId, open, onClose }: ModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal
      title={t('channelMoney.recordRiskEvent')}
      open={open}
      onClose={onClose}
      testId="risk-event-modal"
    >
      <RiskEventForm customerId={customerId} onClose={onClose} />
    </FormModal>
  );
}

function RiskEventForm({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: RiskEventKind; occurredOn: Dayjs; severity: number; note?: string }>();
  const create = useCreateRiskEvent();
  const onError = useFormErrorHandler();
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ kind: 'latePayment', occurredOn: dayjs(), severity: 1 }}
      onFinish={(v) =>
        create.mutate(
          {
            channelCustomerId: customerId,
            kind: v.kind,
            occurredOn: dateText(v.occurredOn),
            severity: v.severity,
            note: emptyToNull(v.note),
          },
          {
            onSuccess: () => {
              void message.success(t('channelMoney.saved'));
              onClose();
            },
            onError: (e) => onError(form, e),
          },
        )
      }
    >
      <Form.Item name="kind" label={t('channelMoney.riskKind')}>
        <Select
          options={riskEventKinds.map((k) => ({ value: k, label: t(`channelMoney.riskKinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="occurredOn"
        label={t('channelMoney.occurredOn')}
        rules={[{ required: true, message: t('channelMoney.dateRequired') }]}
      >
        <DatePicker disabledDate={isAfterChinaToday} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="severity" label={t('channelMoney.severity')} extra={t('channelMoney.riskRule')}>
        <Select
          options={([1, 2, 3] as const).map((s) => ({ value: s, label: t(`channelMoney.severities.${s}`) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t('channelMoney.note')}>
        <Input.TextArea maxLength={1000} rows={2} />
      </Form.Item>
      <FormActions onCancel={onClose} saving={create.isPending} />
    </Form>
  );
}
