import { useState } from 'react';
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDate, formatFen } from '../../../lib/format.ts';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { useListParams } from '../../../lib/list-params.ts';
import '../../../lib/locales/channel-warnings.ts';
import { ListError } from '../../../app/ui/ListError.tsx';
import { fenToYuanText, yuanToFen } from '../../care/money.ts';
import {
  useChannelCustomerOptions,
  useCreateIncident,
  useIncidents,
  useProductOptions,
  useUpdateIncident,
  type ChannelIncident,
} from './warnings.api.ts';

type Values = {
  sourceRegion: string;
  sourceCustomerId?: string;
  affectedCustomerId?: string;
  productId: string;
  price?: string;
  description: string;
  openedOn: Dayjs;
  resolvedOn?: Dayjs | null;
  lossClaimed?: string;
  compensated?: string;
};

const money = (text: string | undefined) =>
  text === undefined || text.trim() === '' ? null : yuanToFen(text);
const yuanRule = (message: string) => ({
  validator: (_: unknown, v: string | undefined) =>
    v === undefined || v.trim() === '' || yuanToFen(v) !== null
      ? Promise.resolve()
      : Promise.reject(new Error(message)),
});

/** 冲货/低价倾销 register: incidents touching the caller's distributors or territories; record, resolve, compensate. */
export function IncidentsTab({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onFormError = useFormErrorHandler();
  const list = useListParams({ prefix: 'incidents', filters: ['open'] as const });
  const incidents = useIncidents(list.query);
  const customers = useChannelCustomerOptions();
  const products = useProductOptions();
  const create = useCreateIncident();
  const update = useUpdateIncident();
  const [editing, setEditing] = useState<ChannelIncident | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const customerOptions = (customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const productOptions = (products.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));

  const openEditor = (incident: ChannelIncident | 'new') => {
    setEditing(incident);
    form.resetFields();
    if (incident !== 'new')
      form.setFieldsValue({
        sourceRegion: incident.sourceRegion,
        description: incident.description,
        productId: incident.productId,
        openedOn: dayjs(incident.openedOn),
        resolvedOn: incident.resolvedOn ? dayjs(incident.resolvedOn) : null,
        price: incident.priceFen === null ? '' : fenToYuanText(incident.priceFen),
        lossClaimed: incident.lossClaimedFen === null ? '' : fenToYuanText(incident.lossClaimedFen),
        compensated: incident.compensatedFen === null ? '' : fenToYuanText(incident.compensatedFen),
      });
    else form.setFieldsValue({ openedOn: dayjs() });
  };

  const submit = (v: Values) => {
    const common = {
      sourceRegion: v.sourceRegion,
      priceFen: money(v.price),
      description: v.description,
      resolvedOn: v.resolvedOn ? v.resolvedOn.format('YYYY-MM-DD') : null,
      lossClaimedFen: money(v.lossClaimed),
      compensatedFen: money(v.compensated),
    };
    const done = () => {
      void message.success(
        t(editing === 'new' ? 'channelWarnings.incidents.registered' : 'channelWarnings.incidents.saved'),
      );
      setEditing(null);
    };
    if (editing === 'new')
      create.mutate(
        {
          ...common,
          sourceCustomerId: v.sourceCustomerId ?? null,
          affectedCustomerId: v.affectedCustomerId ?? null,
          productId: v.productId,
          openedOn: v.openedOn.format('YYYY-MM-DD'),
        },
        { onSuccess: done, onError: (e) => onFormError(form, e) },
      );
    else if (editing)
      update.mutate(
        { id: editing.id, version: editing.version, ...common },
        { onSuccess: done, onError: (e) => onFormError(form, e) },
      );
  };

  const columns: TableColumnsType<ChannelIncident> = [
    {
      title: t('channelWarnings.incidents.openedOn'),
      dataIndex: 'openedOn',
      render: (v: string) => formatDate(v),
    },
    { title: t('channelWarnings.product'), dataIndex: 'productName' },
    {
      title: t('channelWarnings.incidents.sourceRegion'),
      key: 'source',
      render: (_, r) => [r.sourceRegion, r.sourceCustomerName].filter(Boolean).join(' · '),
    },
    {
      title: t('channelWarnings.incidents.price'),
      dataIndex: 'priceFen',
      render: (v: number | null) => formatFen(v),
    },
    {
      title: t('channelWarnings.incidents.affectedCustomer'),
      key: 'affected',
      render: (_, r) => [r.affectedCustomerName, r.affectedTerritoryName].filter(Boolean).join(' · '),
    },
    { title: t('channelWarnings.incidents.description'), dataIndex: 'description', ellipsis: true },
    {
      title: t('channelWarnings.incidents.lossClaimed'),
      key: 'loss',
      render: (_, r) => `${formatFen(r.lossClaimedFen)} / ${formatFen(r.compensatedFen)}`,
    },
    {
      title: t('channelWarnings.status'),
      key: 'status',
      render: (_, r) =>
        r.resolvedOn ? (
          <Tag>{`${t('channelWarnings.incidents.resolved')} ${formatDate(r.resolvedOn)}`}</Tag>
        ) : (
          <Tag color="red">{t('channelWarnings.incidents.open')}</Tag>
        ),
    },
    ...(readOnly
      ? []
      : [
          {
            key: 'edit',
            render: (_: unknown, r: ChannelIncident) => (
              <Button size="small" onClick={() => openEditor(r)} data-testid="incident-edit">
                {t('channelWarnings.incidents.markResolved')}
              </Button>
            ),
          },
        ]),
  ];

  const isNew = editing === 'new';
  return (
    <div>
      <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Checkbox
          checked={list.filters.open === 'true'}
          onChange={(e) => list.setFilter('open', e.target.checked ? 'true' : undefined)}
        >
          {t('channelWarnings.incidents.openOnly')}
        </Checkbox>
        {readOnly ? null : (
          <Button type="primary" onClick={() => openEditor('new')} data-testid="incident-register">
            {t('channelWarnings.incidents.register')}
          </Button>
        )}
      </Flex>
      <ListError error={incidents.error} />
      <Table<ChannelIncident>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={incidents.data?.items}
        loading={incidents.isFetching}
        pagination={list.pagination(incidents.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid="incidents-table"
      />
      <Modal
        open={editing !== null}
        title={isNew ? t('channelWarnings.incidents.register') : t('channelWarnings.incidents.markResolved')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending || update.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="sourceRegion"
            label={t('channelWarnings.incidents.sourceRegion')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('channelWarnings.incidents.sourceRegionRequired'),
              },
            ]}
          >
            <Input maxLength={100} />
          </Form.Item>
          {isNew ? (
            <>
              <Form.Item name="sourceCustomerId" label={t('channelWarnings.incidents.sourceCustomer')}>
                <Select allowClear showSearch optionFilterProp="label" options={customerOptions} />
              </Form.Item>
              <Form.Item name="affectedCustomerId" label={t('channelWarnings.incidents.affectedCustomer')}>
                <Select allowClear showSearch optionFilterProp="label" options={customerOptions} />
              </Form.Item>
              <Form.Item
                name="productId"
                label={t('channelWarnings.product')}
                rules={[{ required: true, message: t('channelWarnings.incidents.productRequired') }]}
              >
                <Select showSearch optionFilterProp="label" options={productOptions} />
              </Form.Item>
              <Form.Item
                name="openedOn"
                label={t('channelWarnings.incidents.openedOn')}
                rules={[{ required: true, message: t('channelWarnings.incidents.openedOnRequired') }]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </>
          ) : null}
          <Form.Item
            name="description"
            label={t('channelWarnings.incidents.description')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('channelWarnings.incidents.descriptionRequired'),
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="price"
            label={t('channelWarnings.incidents.price')}
            rules={[yuanRule(t('channelWarnings.incidents.amountInvalid'))]}
          >
            <Input inputMode="decimal" prefix="¥" />
          </Form.Item>
          <Form.Item name="resolvedOn" label={t('channelWarnings.incidents.resolvedOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="lossClaimed"
            label={t('channelWarnings.incidents.lossClaimed')}
            rules={[yuanRule(t('channelWarnings.incidents.amountInvalid'))]}
          >
            <Input inputMode="decimal" prefix="¥" />
          </Form.Item>
          <Form.Item
            name="compensated"
            label={t('channelWarnings.incidents.compensated')}
            rules={[yuanRule(t('channelWarnings.incidents.amountInvalid'))]}
          >
            <Input inputMode="decimal" prefix="¥" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
