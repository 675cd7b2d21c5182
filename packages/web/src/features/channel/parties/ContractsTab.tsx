import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Table,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { supplyContractStatuses } from '@keqing/shared';
import { dateFormat, formatDate, formatFen } from '../../../lib/format.ts';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { useRemoteOptions } from '../../../lib/resources.ts';
import { fenOf, paymentTermOptions, yuanOf, yuanRule } from './labels.tsx';
import {
  useContracts,
  useCreateContract,
  useUpdateContract,
  type ChannelCustomerDetail,
  type SupplyContract,
} from './parties.api.ts';

type Line = { productId?: string; specification?: string; quantity?: number; unitPrice?: string };
type Values = {
  contractNo: string;
  signedOn: Dayjs;
  period: [Dayjs, Dayjs];
  paymentMethod: string;
  paymentTermDays?: number | null;
  transport?: string;
  freightPaidBy?: 'supplier' | 'buyer' | null;
  deliveryPlace?: string;
  deliveryTime?: string;
  rewards?: string;
  qualityTerms?: string;
  exemptions?: string;
  disputes?: string;
  status?: string;
  lines: Line[];
};

const textFields = [
  'transport',
  'deliveryPlace',
  'deliveryTime',
  'rewards',
  'qualityTerms',
  'exemptions',
  'disputes',
] as const;

function ContractModal({
  customer,
  contract,
  open,
  onClose,
}: {
  customer: ChannelCustomerDetail;
  contract: SupplyContract | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateContract();
  const update = useUpdateContract();
  const onServerError = useFormErrorHandler();
  const products = useRemoteOptions<{ id: string; name: string; specification: string | null }>(
    'products',
    (p) => (p.specification ? `${p.name} ${p.specification}` : p.name),
    {
      pageSize: 100,
      enabled: open,
      known: contract?.lines.map((l) => ({ value: l.productId, label: l.productName })),
    },
  );
  const lines = Form.useWatch('lines', form) ?? [];
  const totalFen = lines.reduce((sum, l) => sum + (l?.quantity ?? 0) * (fenOf(l?.unitPrice) ?? 0), 0);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (contract) {
      form.setFieldsValue({
        ...Object.fromEntries(textFields.map((f) => [f, contract[f] ?? undefined])),
        contractNo: contract.contractNo,
        signedOn: dayjs(contract.signedOn),
        period: [dayjs(contract.startsOn), dayjs(contract.endsOn)],
        paymentMethod: contract.paymentMethod,
        paymentTermDays: contract.paymentTermDays,
        freightPaidBy: contract.freightPaidBy,
        status: contract.status,
        lines: contract.lines.map((l) => ({
          productId: l.productId,
          specification: l.specification ?? undefined,
          quantity: l.quantity,
          unitPrice: yuanOf(l.unitPriceFen),
        })),
      });
    } else {
      form.setFieldsValue({
        signedOn: dayjs(),
        paymentMethod: customer.paymentTerms ?? undefined,
        paymentTermDays: customer.paymentTermDays,
        status: 'draft',
        lines: [{}],
      });
    }
  }, [open, contract, customer, form]);

  const submit = (v: Values) => {
    const body: Record<string, unknown> = {
      ...Object.fromEntries(textFields.map((f) => [f, v[f]?.trim() || null])),
      contractNo: v.contractNo.trim(),
      signedOn: v.signedOn.format(dateFormat),
      startsOn: v.period[0].format(dateFormat),
      endsOn: v.period[1].format(dateFormat),
      paymentMethod: v.paymentMethod,
      paymentTermDays: v.paymentTermDays ?? null,
      freightPaidBy: v.freightPaidBy ?? null,
      status: v.status,
      lines: v.lines.map((l) => ({
        productId: l.productId,
        specification: l.specification?.trim() || null,
        quantity: l.quantity,
        unitPriceFen: fenOf(l.unitPrice),
      })),
    };
    const done = {
      onSuccess: () => {
        void message.success(t('channel.saved'));
        onClose();
      },
      onError: (error: unknown) => onServerError(form, error),
    };
    if (contract) update.mutate({ id: contract.id, body: { ...body, version: contract.version } }, done);
    else create.mutate({ ...body, channelCustomerId: customer.id }, done);
  };

  const required = [{ required: true, message: t('channel.required') }];
  const half = { xs: 24, sm: 12 };
  return (
    <Modal
      open={open}
      title={contract ? t('channel.contract.edit') : t('channel.contract.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('channel.save')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={820}
      okButtonProps={{ 'data-testid': 'contract-save' } as ButtonProps}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="contract-form">
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="contractNo" label={t('channel.contract.no')} rules={required}>
              <Input maxLength={40} data-testid="contract-no" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="signedOn" label={t('channel.contract.signedOn')} rules={required}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="status" label={t('channel.contract.status')}>
              <Select
                options={supplyContractStatuses.map((s) => ({
                  value: s,
                  label: t(`channel.contract.statuses.${s}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="period" label={t('channel.contract.period')} rules={required}>
              <DatePicker.RangePicker style={{ width: '100%' }} data-testid="contract-period" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="paymentMethod" label={t('channel.contract.paymentMethod')} rules={required}>
              <Select options={paymentTermOptions(t)} data-testid="contract-payment" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="paymentTermDays" label={t('channel.contract.paymentTermDays')}>
              <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="transport" label={t('channel.contract.transport')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="freightPaidBy" label={t('channel.contract.freightPaidBy')}>
              <Select
                allowClear
                options={(['supplier', 'buyer'] as const).map((k) => ({
                  value: k,
                  label: t(`channel.contract.freight.${k}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="deliveryPlace" label={t('channel.contract.deliveryPlace')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="deliveryTime" label={t('channel.contract.deliveryTime')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          {(['rewards', 'qualityTerms', 'exemptions', 'disputes'] as const).map((f) => (
            <Col {...half} key={f}>
              <Form.Item name={f} label={t(`channel.contract.${f}`)}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Title level={5}>{t('channel.contract.lines')}</Typography.Title>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} align="top">
                  <Col xs={24} sm={8}>
                    <Form.Item name={[field.name, 'productId']} rules={required}>
                      <Select
                        {...products.selectProps}
                        placeholder={t('channel.contract.product')}
                        data-testid="contract-line-product"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={5}>
                    <Form.Item name={[field.name, 'specification']}>
                      <Input placeholder={t('channel.contract.specification')} maxLength={60} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={4}>
                    <Form.Item name={[field.name, 'quantity']} rules={required}>
                      <InputNumber
                        min={1}
                        precision={0}
                        placeholder={t('channel.contract.quantity')}
                        style={{ width: '100%' }}
                        data-testid="contract-line-quantity"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={5}>
                    <Form.Item
                      name={[field.name, 'unitPrice']}
                      rules={[...required, yuanRule(t('channel.moneyInvalid'))]}
                    >
                      <Input
                        prefix="¥"
                        inputMode="decimal"
                        placeholder={t('channel.contract.unitPrice')}
                        data-testid="contract-line-price"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={2}>
                    <Button
                      type="link"
                      danger
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                    >
                      ×
                    </Button>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" onClick={() => add({})} block>
                {t('channel.contract.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Paragraph
          strong
          style={{ marginTop: 12, textAlign: 'right' }}
          data-testid="contract-total"
        >
          {t('channel.contract.total')}: {formatFen(totalFen)}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}

/** 合同: supply contracts with their lines (amount = quantity × unit price, computed by the server). */
export function ContractsTab({ customer }: { customer: ChannelCustomerDetail }) {
  const { t } = useTranslation();
  const contracts = useContracts({ channelCustomerId: customer.id, pageSize: 200 });
  const [editing, setEditing] = useState<SupplyContract | null | undefined>(undefined);

  return (
    <div>
      {customer.mayEdit ? (
        <Button onClick={() => setEditing(null)} style={{ marginBottom: 12 }} data-testid="contract-add">
          {t('channel.contract.add')}
        </Button>
      ) : null}
      <Table<SupplyContract>
        rowKey="id"
        size="small"
        pagination={false}
        loading={contracts.isFetching}
        dataSource={contracts.data?.items}
        scroll={{ x: 'max-content' }}
        data-testid="contracts-table"
        expandable={{
          expandedRowRender: (c) => (
            <div>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={c.lines}
                columns={[
                  { title: t('channel.contract.product'), dataIndex: 'productName' },
                  { title: t('channel.contract.specification'), dataIndex: 'specification' },
                  { title: t('channel.contract.quantity'), dataIndex: 'quantity', align: 'right' },
                  {
                    title: t('channel.contract.unitPrice'),
                    dataIndex: 'unitPriceFen',
                    align: 'right',
                    render: (v: number) => formatFen(v),
                  },
                  {
                    title: t('channel.contract.amount'),
                    dataIndex: 'amountFen',
                    align: 'right',
                    render: (v: number) => formatFen(v),
                  },
                ]}
              />
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                style={{ marginTop: 8 }}
                items={(
                  [
                    'transport',
                    'deliveryPlace',
                    'deliveryTime',
                    'rewards',
                    'qualityTerms',
                    'exemptions',
                    'disputes',
                  ] as const
                )
                  .filter((f) => c[f])
                  .map((f) => ({ key: f, label: t(`channel.contract.${f}`), children: c[f] }))}
              />
            </div>
          ),
        }}
        columns={[
          { title: t('channel.contract.no'), dataIndex: 'contractNo' },
          {
            title: t('channel.contract.period'),
            key: 'period',
            render: (_, c) => `${formatDate(c.startsOn)} ~ ${formatDate(c.endsOn)}`,
          },
          {
            title: t('channel.contract.paymentMethod'),
            dataIndex: 'paymentMethod',
            render: (_, c) =>
              `${t(`channel.paymentTermOptions.${c.paymentMethod}`)}${c.paymentTermDays ? ` ${c.paymentTermDays}` : ''}`,
          },
          {
            title: t('channel.contract.status'),
            dataIndex: 'status',
            render: (_, c) => (
              <Tag color={c.status === 'active' ? 'green' : 'default'}>
                {t(`channel.contract.statuses.${c.status}`)}
              </Tag>
            ),
          },
          {
            title: t('channel.contract.total'),
            dataIndex: 'totalFen',
            align: 'right',
            render: (v: number) => formatFen(v),
          },
          ...(customer.mayEdit
            ? [
                {
                  key: 'actions',
                  render: (_: unknown, c: SupplyContract) => (
                    <Button size="small" type="link" onClick={() => setEditing(c)}>
                      {t('channel.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ContractModal
        customer={customer}
        contract={editing ?? null}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
      />
    </div>
  );
}
