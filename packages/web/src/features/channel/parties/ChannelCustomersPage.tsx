import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Typography,
  type ButtonProps,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate, formatFen } from '../../../lib/format.ts';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { useListParams } from '../../../lib/list-params.ts';
import { useList } from '../../../lib/resources.ts';
import '../../../lib/locales/channel.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { ListError } from '../../../app/ui/ListError.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { bodyOf, CustomerFields, type CustomerValues } from './CustomerForm.tsx';
import {
  CustomerStatusTag,
  distributorTierOptions,
  kindOptions,
  statusOptions,
  terminalTierOptions,
  tierLabel,
} from './labels.tsx';
import { useAttrition, useChannelCustomers, useCreateCustomer, type ChannelCustomer } from './parties.api.ts';

/** 年度流失率 over the caller's customers (of the kind filtered, if any). */
function AttritionCard({ kind }: { kind: string | undefined }) {
  const { t } = useTranslation();
  const attrition = useAttrition({ kind, years: 5 });
  return (
    <Card
      size="small"
      title={t('channel.attrition.title')}
      style={{ marginTop: 16 }}
      data-testid="channel-attrition"
    >
      <Table
        rowKey="year"
        size="small"
        pagination={false}
        loading={attrition.isFetching}
        dataSource={attrition.data?.items}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('channel.attrition.year'), dataIndex: 'year' },
          { title: t('channel.attrition.designatedAtStart'), dataIndex: 'designatedAtStart', align: 'right' },
          { title: t('channel.attrition.lostDuring'), dataIndex: 'lostDuring', align: 'right' },
          {
            title: t('channel.attrition.rate'),
            dataIndex: 'ratePct',
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : `${v}%`),
          },
        ]}
      />
    </Card>
  );
}

/** Licence expiry within 60 days shows orange, an expired one red. */
function ExpiryDate({ date }: { date: string | null }) {
  if (!date) return null;
  const days = Math.round((Date.parse(date) - Date.now()) / 86_400_000);
  const type = days < 0 ? 'danger' : days <= 60 ? 'warning' : undefined;
  return <Typography.Text type={type}>{formatDate(date)}</Typography.Text>;
}

function CreateCustomerModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const [form] = Form.useForm<CustomerValues>();
  const create = useCreateCustomer();
  const onServerError = useFormErrorHandler();
  const territories = useList<{ id: string; name: string; code: string }>(
    'territories',
    { page: 1, pageSize: 200 },
    { enabled: open && me.role !== 'admin' },
  );

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ kind: 'pharmacy' });
    }
  }, [open, form]);

  const submit = (v: CustomerValues) =>
    create.mutate(
      { ...bodyOf(v), territoryId: v.territoryId },
      {
        onSuccess: (c) => {
          void message.success(t('channel.created'));
          onClose();
          void navigate(`/channel/customers/${c.id}`);
        },
        onError: (error) => onServerError(form, error),
      },
    );

  return (
    <Modal
      open={open}
      title={t('channel.newCustomer')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('channel.save')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={720}
      okButtonProps={{ 'data-testid': 'channel-customer-save' } as ButtonProps}
    >
      <Form<CustomerValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="channel-customer-form"
      >
        <CustomerFields
          form={form}
          territories={
            me.role === 'admin'
              ? undefined
              : (territories.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}（${x.code}）` }))
          }
        />
      </Form>
    </Modal>
  );
}

/** 渠道客户: distributors, pharmacies and clinics in the caller's scope; filters, create modal. */
export default function ChannelCustomersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const list = useListParams({ filters: ['kind', 'city', 'tier', 'status'] as const });
  const customers = useChannelCustomers(list.query);
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState(list.q);
  const mayCreate = me.role !== 'compliance';
  const tierOptions =
    list.filters.kind === 'distributor'
      ? distributorTierOptions(t)
      : list.filters.kind
        ? terminalTierOptions(t)
        : [...distributorTierOptions(t), ...terminalTierOptions(t).filter((o) => o.value !== 'secondary')];

  const columns: TableColumnsType<ChannelCustomer> = [
    {
      title: t('channel.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: list.sortOrderOf('name'),
      render: (_, c) => (
        <span>
          <Link to={`/channel/customers/${c.id}`} data-testid="channel-customer-open">
            {c.name}
          </Link>
          {c.code ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {c.code}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    { title: t('channel.kind'), dataIndex: 'kind', render: (_, c) => t(`channel.kinds.${c.kind}`) },
    { title: t('channel.tier'), key: 'tier', render: (_, c) => tierLabel(c, t) },
    {
      title: t('channel.city'),
      dataIndex: 'city',
      key: 'city',
      sorter: true,
      sortOrder: list.sortOrderOf('city'),
    },
    {
      title: t('channel.status'),
      dataIndex: 'status',
      render: (_, c) => <CustomerStatusTag status={c.status} t={t} />,
    },
    {
      title: t('channel.creditLimitShort'),
      dataIndex: 'creditLimitFen',
      align: 'right',
      render: (v: number | null) => formatFen(v),
    },
    {
      title: t('channel.paymentTerms'),
      dataIndex: 'paymentTerms',
      render: (_, c) => (c.paymentTerms ? t(`channel.paymentTermOptions.${c.paymentTerms}`) : ''),
    },
    {
      title: t('channel.licenceExpiresOn'),
      dataIndex: 'licenceExpiresOn',
      key: 'licenceExpiresOn',
      sorter: true,
      sortOrder: list.sortOrderOf('licenceExpiresOn'),
      render: (v: string | null) => <ExpiryDate date={v} />,
    },
    { title: t('channel.reps'), dataIndex: 'repNames', render: (v: string | null) => v ?? '' },
  ];

  return (
    <div>
      <PageHeader
        title={t('nav.channel-customers')}
        subTitle={t('channel.customersHint')}
        extra={
          mayCreate ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="channel-customer-new">
              {t('channel.newCustomer')}
            </Button>
          ) : null
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('channel.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => list.setQ(v)}
          style={{ width: 220 }}
          data-testid="channel-customers-search"
        />
        <Select
          allowClear
          placeholder={t('channel.allKinds')}
          value={list.filters.kind}
          onChange={(v: string | undefined) => list.setFilters({ kind: v, tier: undefined })}
          options={kindOptions(t)}
          style={{ width: 130 }}
          data-testid="channel-customers-filter-kind"
        />
        <Select
          allowClear
          placeholder={t('channel.allTiers')}
          value={list.filters.tier}
          onChange={(v: string | undefined) => list.setFilter('tier', v)}
          options={tierOptions}
          style={{ width: 150 }}
          data-testid="channel-customers-filter-tier"
        />
        <Select
          allowClear
          placeholder={t('channel.allStatuses')}
          value={list.filters.status}
          onChange={(v: string | undefined) => list.setFilter('status', v)}
          options={statusOptions(t)}
          style={{ width: 120 }}
          data-testid="channel-customers-filter-status"
        />
        <Input
          allowClear
          placeholder={t('channel.cityPlaceholder')}
          defaultValue={list.filters.city}
          onPressEnter={(e) =>
            list.setFilter('city', (e.target as HTMLInputElement).value.trim() || undefined)
          }
          onBlur={(e) => list.setFilter('city', e.target.value.trim() || undefined)}
          style={{ width: 120 }}
          data-testid="channel-customers-filter-city"
        />
      </Flex>
      <ListError error={customers.error} />
      <Table<ChannelCustomer>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={customers.data?.items}
        loading={customers.isFetching}
        pagination={list.pagination(customers.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid="channel-customers-table"
      />
      <AttritionCard kind={list.filters.kind} />
      <CreateCustomerModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
