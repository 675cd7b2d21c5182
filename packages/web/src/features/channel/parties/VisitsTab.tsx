import { useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Select, Table, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { channelVisitTypes } from '@keqing/shared';
import { dateFormat, formatDate, isAfterChinaToday } from '../../../lib/format.ts';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { useCreateVisit, useVisits, type ChannelCustomerDetail, type ChannelVisit } from './parties.api.ts';

type Values = { visitDate: Dayjs; type: string; purpose: string; notes?: string };

/** 登记拜访: a visit, call or WeChat message to the customer. */
export function VisitModal({
  customerId,
  open,
  onClose,
}: {
  customerId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateVisit();
  const onServerError = useFormErrorHandler();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ visitDate: dayjs(), type: 'visit' });
  }, [open, form]);

  const submit = (v: Values) =>
    create.mutate(
      {
        channelCustomerId: customerId,
        visitDate: v.visitDate.format(dateFormat),
        type: v.type,
        purpose: v.purpose.trim(),
        notes: v.notes?.trim() || null,
      },
      {
        onSuccess: () => {
          void message.success(t('channel.visit.logged'));
          onClose();
        },
        onError: (error) => onServerError(form, error),
      },
    );

  return (
    <Modal
      open={open}
      title={t('channel.visit.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('channel.save')}
      confirmLoading={create.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'visit-save' } as ButtonProps}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="visitDate" label={t('channel.visit.date')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={isAfterChinaToday} />
        </Form.Item>
        <Form.Item name="type" label={t('channel.visit.type')} rules={[{ required: true }]}>
          <Select
            options={channelVisitTypes.map((k) => ({ value: k, label: t(`channel.visit.types.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('channel.visit.purpose')}
          rules={[{ required: true, whitespace: true, message: t('channel.required') }]}
        >
          <Input maxLength={200} data-testid="visit-purpose" />
        </Form.Item>
        <Form.Item name="notes" label={t('channel.visit.notes')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 拜访记录 of the customer, newest first; reps and managers log new ones. */
export function VisitsTab({ customer }: { customer: ChannelCustomerDetail }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [page, setPage] = useState(1);
  const visits = useVisits({ channelCustomerId: customer.id, page, pageSize: 20 });
  const [logging, setLogging] = useState(false);
  const mayLog = me.role === 'rep' || me.role === 'manager';

  return (
    <div>
      {mayLog ? (
        <Button onClick={() => setLogging(true)} style={{ marginBottom: 12 }} data-testid="visit-add">
          {t('channel.visit.add')}
        </Button>
      ) : null}
      <Table<ChannelVisit>
        rowKey="id"
        size="small"
        loading={visits.isFetching}
        dataSource={visits.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: visits.data?.total ?? 0,
          onChange: setPage,
          size: 'small',
        }}
        data-testid="visits-table"
        columns={[
          { title: t('channel.visit.date'), dataIndex: 'visitDate', render: (v: string) => formatDate(v) },
          {
            title: t('channel.visit.type'),
            dataIndex: 'type',
            render: (_, v) => t(`channel.visit.types.${v.type}`),
          },
          { title: t('channel.visit.purpose'), dataIndex: 'purpose' },
          { title: t('channel.visit.notes'), dataIndex: 'notes' },
          { title: t('channel.visit.owner'), dataIndex: 'ownerName' },
        ]}
      />
      <VisitModal customerId={customer.id} open={logging} onClose={() => setLogging(false)} />
    </div>
  );
}
