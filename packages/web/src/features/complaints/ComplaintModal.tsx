import { useEffect } from 'react';
import { App, DatePicker, Form, Input, Modal, Radio, Select, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  complaintChannels,
  complaintIssueTypes,
  type ChannelCustomer,
  type Doctor,
  type Product,
} from '@keqing/shared';
import { useFormErrorHandler } from '../../lib/form-errors.ts';
import { dateTimeFormat } from '../../lib/format.ts';
import { useRemoteOptions } from '../../lib/resources.ts';
import '../../lib/locales/complaints.ts';
import {
  useCreateComplaint,
  type Complaint,
  type ComplaintChannel,
  type ComplaintIssueType,
  type ComplaintSeverity,
} from './complaints.api.ts';

type Values = {
  customerKind: 'doctor' | 'channel';
  doctorId?: string;
  channelCustomerId?: string;
  productId?: string;
  issueType?: ComplaintIssueType;
  severity: ComplaintSeverity;
  channel?: ComplaintChannel;
  description?: string;
  receivedAt: Dayjs;
};

const doctorLabel = (d: Pick<Doctor, 'name' | 'hospitalName' | 'departmentName'>) =>
  [d.name, d.hospitalName, d.departmentName].filter(Boolean).join(' · ');
const channelCustomerLabel = (c: ChannelCustomer) => [c.name, c.city].filter(Boolean).join(' · ');
const productLabel = (p: Product) => (p.specification ? `${p.name} ${p.specification}` : p.name);

/** 登记投诉: the customer (a doctor or a channel customer), product, issue type, severity, channel, text and time. */
export function ComplaintModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (complaint: Complaint) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateComplaint();
  const onServerError = useFormErrorHandler();
  const customerKind = Form.useWatch('customerKind', form);
  const doctors = useRemoteOptions<Doctor>('doctors', doctorLabel, {
    pageSize: 30,
    enabled: open && customerKind !== 'channel',
  });
  const channelCustomers = useRemoteOptions<ChannelCustomer>('channel-customers', channelCustomerLabel, {
    pageSize: 30,
    enabled: open && customerKind === 'channel',
  });
  const products = useRemoteOptions<Product>('products', productLabel, { pageSize: 50, enabled: open });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ customerKind: 'doctor', severity: 'normal', receivedAt: dayjs() });
  }, [open, form]);

  const submit = (v: Values) => {
    if (!v.issueType || !v.channel) return;
    create.mutate(
      {
        doctorId: v.customerKind === 'doctor' ? (v.doctorId ?? null) : null,
        channelCustomerId: v.customerKind === 'channel' ? (v.channelCustomerId ?? null) : null,
        productId: v.productId ?? null,
        issueType: v.issueType,
        severity: v.severity,
        channel: v.channel,
        description: v.description?.trim() ?? '',
        receivedAt: v.receivedAt.toISOString(),
      },
      {
        onSuccess: (complaint) => {
          void message.success(t('complaints.registered'));
          onClose();
          onCreated(complaint);
        },
        onError: (error) => onServerError(form, error),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('complaints.register')}
      onCancel={onClose}
      okText={t('common.save')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={560}
      okButtonProps={{ 'data-testid': 'complaint-save' } as ButtonProps}
      data-testid="complaint-modal"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="complaint-form">
        <Form.Item name="customerKind" label={t('complaints.customerKind')}>
          <Radio.Group
            optionType="button"
            options={(['doctor', 'channel'] as const).map((k) => ({
              value: k,
              label: t(`complaints.customerKinds.${k}`),
            }))}
            data-testid="complaint-customer-kind"
          />
        </Form.Item>
        {customerKind === 'channel' ? (
          <Form.Item
            name="channelCustomerId"
            label={t('complaints.channelCustomer')}
            rules={[{ required: true, message: t('complaints.channelCustomerRequired') }]}
          >
            <Select
              {...channelCustomers.selectProps}
              placeholder={t('complaints.channelCustomerPlaceholder')}
              data-testid="complaint-channel-customer"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="doctorId"
            label={t('complaints.doctor')}
            rules={[{ required: true, message: t('complaints.doctorRequired') }]}
          >
            <Select
              {...doctors.selectProps}
              placeholder={t('complaints.doctorPlaceholder')}
              data-testid="complaint-doctor"
            />
          </Form.Item>
        )}
        <Form.Item name="productId" label={t('complaints.productOptional')}>
          <Select {...products.selectProps} allowClear data-testid="complaint-product" />
        </Form.Item>
        <Form.Item
          name="issueType"
          label={t('complaints.issueType')}
          rules={[{ required: true, message: t('complaints.issueTypeRequired') }]}
        >
          <Select
            options={complaintIssueTypes.map((k) => ({ value: k, label: t(`complaints.issueTypes.${k}`) }))}
            data-testid="complaint-issue-type"
          />
        </Form.Item>
        <Form.Item name="severity" label={t('complaints.severity')} extra={t('complaints.severityHint')}>
          <Radio.Group
            options={(['normal', 'urgent'] as const).map((k) => ({
              value: k,
              label: t(`complaints.severities.${k}`),
            }))}
            data-testid="complaint-severity"
          />
        </Form.Item>
        <Form.Item
          name="channel"
          label={t('complaints.channel')}
          rules={[{ required: true, message: t('complaints.channelRequired') }]}
        >
          <Select
            options={complaintChannels.map((k) => ({ value: k, label: t(`complaints.channels.${k}`) }))}
            data-testid="complaint-channel"
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('complaints.description')}
          rules={[{ required: true, whitespace: true, message: t('complaints.descriptionRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="complaint-description" />
        </Form.Item>
        <Form.Item name="receivedAt" label={t('complaints.receivedAt')} rules={[{ required: true }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format={dateTimeFormat}
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            style={{ width: '100%' }}
            data-testid="complaint-received-at"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
