import { useEffect } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { dateFormat, formatDate, formatDateTime, isAfterChinaToday } from '../../../lib/format.ts';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { isApiError } from '../../../lib/api.ts';
import { bodyOf, CustomerFields, valuesOf, type CustomerValues } from './CustomerForm.tsx';
import { CustomerStatusTag, statusOptions } from './labels.tsx';
import {
  useChangeStatus,
  useStatusHistory,
  useUpdateCustomer,
  type ChannelCustomerDetail,
  type ChannelStatusHistoryItem,
} from './parties.api.ts';

type StatusValues = { status: ChannelCustomerDetail['status']; reason: string; changedOn: Dayjs };

/** 指定/暂停/流失 with a reason, and the history below it. */
function StatusCard({ customer }: { customer: ChannelCustomerDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<StatusValues>();
  const change = useChangeStatus();
  const history = useStatusHistory(customer.id);
  const onServerError = useFormErrorHandler();

  const submit = (v: StatusValues) =>
    change.mutate(
      {
        id: customer.id,
        body: {
          status: v.status,
          reason: v.reason.trim(),
          changedOn: v.changedOn.format(dateFormat),
          version: customer.version,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('channel.saved'));
          form.resetFields(['reason', 'status']);
        },
        onError: (error) => onServerError(form, error),
      },
    );

  return (
    <Card size="small" title={t('channel.statusHistory')} data-testid="channel-status-card">
      {customer.mayEdit ? (
        <Form<StatusValues>
          form={form}
          layout="inline"
          onFinish={submit}
          initialValues={{ changedOn: dayjs() }}
          style={{ marginBottom: 12, rowGap: 8 }}
        >
          <Form.Item name="status" rules={[{ required: true, message: t('channel.required') }]}>
            <Select
              placeholder={t('channel.statusChange')}
              options={statusOptions(t).filter((o) => o.value !== customer.status)}
              style={{ width: 140 }}
              data-testid="channel-status-select"
            />
          </Form.Item>
          <Form.Item
            name="reason"
            rules={[{ required: true, whitespace: true, message: t('channel.required') }]}
          >
            <Input
              placeholder={t('channel.statusReason')}
              maxLength={500}
              data-testid="channel-status-reason"
            />
          </Form.Item>
          <Form.Item name="changedOn" rules={[{ required: true }]}>
            <DatePicker allowClear={false} disabledDate={isAfterChinaToday} />
          </Form.Item>
          <Button htmlType="submit" loading={change.isPending} data-testid="channel-status-save">
            {t('channel.statusChange')}
          </Button>
        </Form>
      ) : null}
      <Table<ChannelStatusHistoryItem>
        rowKey="id"
        size="small"
        pagination={false}
        loading={history.isFetching}
        dataSource={history.data?.items}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('channel.statusChangedOn'),
            dataIndex: 'changedOn',
            render: (v: string) => formatDate(v),
          },
          {
            title: t('channel.status'),
            dataIndex: 'status',
            render: (_, h) => <CustomerStatusTag status={h.status} t={t} />,
          },
          { title: t('channel.statusReason'), dataIndex: 'reason' },
          {
            title: t('channel.changedBy'),
            key: 'by',
            render: (_, h) => `${h.createdByName} · ${formatDateTime(h.createdAt)}`,
          },
        ]}
      />
    </Card>
  );
}

/** 基本信息: the edit form (authorised territory, credit, payment terms, personality, stage) and the status. */
export function BasicTab({ customer }: { customer: ChannelCustomerDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CustomerValues>();
  const update = useUpdateCustomer();
  const onServerError = useFormErrorHandler();

  useEffect(() => {
    form.setFieldsValue(valuesOf(customer));
  }, [customer, form]);

  const submit = (v: CustomerValues) =>
    update.mutate(
      { id: customer.id, body: { ...bodyOf(v), version: customer.version } },
      {
        onSuccess: () => void message.success(t('channel.saved')),
        onError: (error) => {
          if (isApiError(error) && error.code === 'VERSION_CONFLICT') void message.error(error.message);
          else onServerError(form, error);
        },
      },
    );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Form<CustomerValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          data-testid="channel-basic-form"
        >
          <CustomerFields
            form={form}
            disabled={!customer.mayEdit}
            known={{
              hospitals: customer.authorisedHospitals.map((h) => ({ value: h.id, label: h.name })),
              customers: customer.authorisedCustomers.map((c) => ({ value: c.id, label: c.name })),
            }}
          />
          {customer.mayEdit ? (
            <Button
              type="primary"
              htmlType="submit"
              loading={update.isPending}
              data-testid="channel-basic-save"
            >
              {t('channel.save')}
            </Button>
          ) : null}
        </Form>
      </Col>
      <Col xs={24} lg={10}>
        <Space orientation="vertical" style={{ width: '100%' }} size={16}>
          <Card size="small" title={t('channel.territories')}>
            <Descriptions
              size="small"
              column={1}
              items={customer.territories.map((x) => ({
                key: x.id,
                label: x.name,
                children: x.repName ?? '—',
              }))}
            />
          </Card>
          {customer.personality ? (
            <Card size="small" title={`${t('channel.personality')} · ${customer.personality.label}`}>
              <p style={{ margin: 0 }}>{customer.personality.traits}</p>
              <p style={{ margin: '8px 0 0' }}>{customer.personality.tip}</p>
            </Card>
          ) : null}
          <StatusCard customer={customer} />
        </Space>
      </Col>
    </Row>
  );
}
