import { useState } from 'react';
import {
  App,
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Statistic,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  payoutForms,
  promotionKinds,
  promotionStatuses,
  promotionTargetKinds,
  type ChannelCustomer,
  type ChannelPromotionPayout,
  type PayoutForm,
  type Product,
  type PromotionKind,
  type PromotionTargetKind,
} from '@keqing/shared';
import { errorText } from '../../../lib/api.ts';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { dateFormat, formatDate, formatFen, formatNumber, isAfterChinaToday } from '../../../lib/format.ts';
import { useListParams } from '../../../lib/list-params.ts';
import { useRemoteOptions } from '../../../lib/resources.ts';
import { useSearchParamsUpdate } from '../../../lib/search-params.ts';
import '../../../lib/locales/channel-money.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { FormActions, FormModal } from '../../../app/ui/FormModal.tsx';
import { ListError } from '../../../app/ui/ListError.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { fenToYuanText, yuanToFen } from '../../care/money.ts';
import {
  useCreatePayout,
  useCreatePromotion,
  useDecidePromotion,
  usePromotion,
  usePromotionEvaluation,
  usePromotions,
  useSubmitPromotion,
  useUpdatePromotion,
  type ChannelPromotion,
  type ChannelPromotionDetail,
} from './money.api.ts';
import { PromotionStatusTag } from './MoneyLabels.tsx';

/** 渠道促销: list, create/edit, submit, approve/reject, payouts 兑付 and the evaluation (sales during vs before). */
export default function PromotionsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const list = useListParams({ filters: ['status', 'kind', 'toDecide'] as const });
  const promotions = usePromotions(list.query);
  const [params, updateParams] = useSearchParamsUpdate();
  const [editing, setEditing] = useState<{ open: boolean; record?: ChannelPromotionDetail }>({ open: false });
  const openId = params.get('promotion') ?? undefined;
  const open = (id: string | undefined) => updateParams({ promotion: id });

  const columns: TableColumnsType<ChannelPromotion> = [
    {
      title: t('channelMoney.name'),
      dataIndex: 'name',
      render: (_, p) => (
        <Typography.Link onClick={() => open(p.id)} data-testid="promotion-open">
          {p.name}
        </Typography.Link>
      ),
    },
    { title: t('channelMoney.kind'), dataIndex: 'kind', render: (_, p) => t(`channelMoney.kinds.${p.kind}`) },
    {
      title: t('channelMoney.targetKinds'),
      dataIndex: 'targetKinds',
      render: (_, p) => p.targetKinds.map((k) => t(`channelMoney.targetKindLabels.${k}`)).join('、'),
    },
    {
      title: t('channelMoney.period'),
      key: 'period',
      render: (_, p) => `${formatDate(p.startsOn)} ~ ${formatDate(p.endsOn)}`,
    },
    {
      title: t('channelMoney.budgetShort'),
      dataIndex: 'budgetFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('channelMoney.paid'),
      dataIndex: 'paidFen',
      align: 'right',
      render: (_, p) =>
        p.paidFen > p.budgetFen ? (
          <Typography.Text type="danger">{formatFen(p.paidFen)}</Typography.Text>
        ) : (
          formatFen(p.paidFen)
        ),
    },
    {
      title: t('channelMoney.status'),
      dataIndex: 'status',
      render: (_, p) => <PromotionStatusTag status={p.status} />,
    },
    { title: t('channelMoney.owner'), dataIndex: 'ownerName' },
  ];

  return (
    <div>
      <PageHeader
        title={t('nav.channel-promotions')}
        subTitle={t('channelMoney.promotionsHint')}
        extra={
          me.role !== 'compliance' ? (
            <Button type="primary" onClick={() => setEditing({ open: true })} data-testid="promotion-new">
              {t('channelMoney.newPromotion')}
            </Button>
          ) : null
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('channelMoney.allStatuses')}
          value={list.filters.status}
          onChange={(v: string | undefined) => list.setFilter('status', v)}
          options={promotionStatuses.map((s) => ({ value: s, label: t(`channelMoney.statuses.${s}`) }))}
          style={{ width: 150 }}
        />
        <Select
          allowClear
          placeholder={t('channelMoney.kind')}
          value={list.filters.kind}
          onChange={(v: string | undefined) => list.setFilter('kind', v)}
          options={promotionKinds.map((k) => ({ value: k, label: t(`channelMoney.kinds.${k}`) }))}
          style={{ width: 150 }}
        />
        {me.role === 'manager' || me.role === 'admin' ? (
          <Checkbox
            checked={list.filters.toDecide === 'true'}
            onChange={(e) => list.setFilter('toDecide', e.target.checked ? 'true' : undefined)}
            data-testid="promotions-to-decide"
          >
            {t('channelMoney.toDecideOnly')}
          </Checkbox>
        ) : null}
      </Flex>
      <ListError error={promotions.error} />
      <Table<ChannelPromotion>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={promotions.data?.items}
        loading={promotions.isFetching}
        pagination={list.pagination(promotions.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid="promotions-table"
      />
      <FormModal
        title={t(editing.record ? 'channelMoney.editPromotion' : 'channelMoney.newPromotion')}
        open={editing.open}
        onClose={() => setEditing((e) => ({ ...e, open: false }))}
        testId="promotion-modal"
      >
        <PromotionForm
          record={editing.record}
          onClose={() => setEditing((e) => ({ ...e, open: false }))}
          onSaved={(p) => open(p.id)}
        />
      </FormModal>
      <PromotionDrawer
        id={openId}
        onClose={() => open(undefined)}
        onEdit={(record) => setEditing({ open: true, record })}
      />
    </div>
  );
}

type PromotionValues = {
  name: string;
  kind: PromotionKind;
  targetKinds: PromotionTargetKind[];
  targetCustomerIds: string[];
  productIds: string[];
  rules: string;
  period: [Dayjs, Dayjs];
  budget: string;
};

const customerLabel = (c: ChannelCustomer) => [c.name, c.city].filter(Boolean).join(' · ');
const productLabel = (p: Product) => p.name;

function PromotionForm({
  record,
  onClose,
  onSaved,
}: {
  record?: ChannelPromotionDetail;
  onClose: () => void;
  onSaved: (p: ChannelPromotionDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PromotionValues>();
  const create = useCreatePromotion();
  const update = useUpdatePromotion();
  const onError = useFormErrorHandler();
  const customers = useRemoteOptions<ChannelCustomer>('channel-customers', customerLabel, {
    pageSize: 50,
    known: record?.targetCustomers.map((c) => ({ value: c.id, label: c.name })),
  });
  const products = useRemoteOptions<Product>('products', productLabel, {
    pageSize: 50,
    known: record?.productIds.map((id, i) => ({ value: id, label: record.productNames[i] ?? id })),
  });
  const submit = (v: PromotionValues) => {
    const body = {
      name: v.name.trim(),
      kind: v.kind,
      targetKinds: v.targetKinds,
      targetCustomerIds: v.targetCustomerIds ?? [],
      productIds: v.productIds,
      rules: v.rules.trim(),
      startsOn: v.period[0].format(dateFormat),
      endsOn: v.period[1].format(dateFormat),
      budgetFen: yuanToFen(v.budget)!,
    };
    const done = {
      onSuccess: (p: ChannelPromotionDetail) => {
        void message.success(t('channelMoney.saved'));
        onClose();
        onSaved(p);
      },
      onError: (e: unknown) => onError(form, e),
    };
    if (record) update.mutate({ id: record.id, body: { ...body, version: record.version } }, done);
    else create.mutate(body, done);
  };
  return (
    <Form<PromotionValues>
      form={form}
      layout="vertical"
      initialValues={
        record
          ? {
              name: record.name,
              kind: record.kind,
              targetKinds: record.targetKinds,
              targetCustomerIds: record.targetCustomerIds,
              productIds: record.productIds,
              rules: record.rules,
              period: [dayjs(record.startsOn), dayjs(record.endsOn)],
              budget: fenToYuanText(record.budgetFen),
            }
          : { kind: 'rebate', targetKinds: ['distributor'], targetCustomerIds: [] }
      }
      onFinish={submit}
      data-testid="promotion-form"
    >
      <Form.Item
        name="name"
        label={t('channelMoney.name')}
        rules={[{ required: true, whitespace: true, message: t('channelMoney.nameRequired') }]}
      >
        <Input maxLength={100} data-testid="promotion-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('channelMoney.kind')}>
        <Select options={promotionKinds.map((k) => ({ value: k, label: t(`channelMoney.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item
        name="targetKinds"
        label={t('channelMoney.targetKinds')}
        rules={[{ required: true, message: t('channelMoney.targetKindsRequired') }]}
      >
        <Checkbox.Group
          options={promotionTargetKinds.map((k) => ({
            value: k,
            label: t(`channelMoney.targetKindLabels.${k}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="targetCustomerIds" label={t('channelMoney.targetCustomers')}>
        <Select mode="multiple" {...customers.selectProps} />
      </Form.Item>
      <Form.Item
        name="productIds"
        label={t('channelMoney.products')}
        rules={[{ required: true, message: t('channelMoney.productsRequired') }]}
      >
        <Select mode="multiple" {...products.selectProps} data-testid="promotion-products" />
      </Form.Item>
      <Form.Item
        name="rules"
        label={t('channelMoney.rules')}
        rules={[{ required: true, whitespace: true, message: t('channelMoney.rulesRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={4000} data-testid="promotion-rules" />
      </Form.Item>
      <Form.Item
        name="period"
        label={t('channelMoney.period')}
        rules={[{ required: true, message: t('channelMoney.periodRequired') }]}
      >
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="budget"
        label={t('channelMoney.budget')}
        rules={[
          { required: true, message: t('channelMoney.amountRequired') },
          {
            validator: (_r, value: string | undefined) =>
              !value || yuanToFen(value) !== null
                ? Promise.resolve()
                : Promise.reject(new Error(t('channelMoney.amountInvalid'))),
          },
        ]}
      >
        <Input inputMode="decimal" prefix="¥" data-testid="promotion-budget" />
      </Form.Item>
      <FormActions onCancel={onClose} saving={create.isPending || update.isPending} />
    </Form>
  );
}

function PromotionDrawer({
  id,
  onClose,
  onEdit,
}: {
  id: string | undefined;
  onClose: () => void;
  onEdit: (p: ChannelPromotionDetail) => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const promotion = usePromotion(id);
  const p = promotion.data;
  const evaluation = usePromotionEvaluation(id, p?.status === 'approved' || p?.status === 'closed');
  const submit = useSubmitPromotion();
  const decide = useDecidePromotion();
  const [payoutOpen, setPayoutOpen] = useState(false);
  const done = (text: string) => ({
    onSuccess: () => void message.success(text),
    onError: (e: unknown) => void message.error(errorText(e)),
  });
  const writer = me.role !== 'compliance';
  const editable = !!p && writer && (p.status === 'draft' || p.status === 'rejected');
  const mayDecide =
    !!p && p.status === 'submitted' && p.ownerId !== me.id && (me.role === 'manager' || me.role === 'admin');
  const e = evaluation.data;

  const payoutColumns: TableColumnsType<ChannelPromotionPayout> = [
    { title: t('channelMoney.paidOn'), dataIndex: 'paidOn', render: (v: string) => formatDate(v) },
    { title: t('channelMoney.customer'), dataIndex: 'channelCustomerName' },
    {
      title: t('channelMoney.amount'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('channelMoney.payoutForm'),
      dataIndex: 'form',
      render: (_, x) => t(`channelMoney.payoutForms.${x.form}`),
    },
    {
      title: t('channelMoney.overBudgetBy'),
      dataIndex: 'overBudgetApprovedByName',
      render: (v: string | null) => v ?? '',
    },
    { title: t('channelMoney.createdBy'), dataIndex: 'createdByName' },
  ];

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size="large"
      title={p?.name ?? t('channelMoney.promotion')}
      data-testid="promotion-drawer"
    >
      <ListError error={promotion.error} />
      {p ? (
        <>
          <Flex wrap gap={8} style={{ marginBottom: 12 }}>
            <PromotionStatusTag status={p.status} />
            {editable ? (
              <>
                <Button onClick={() => onEdit(p)} data-testid="promotion-edit">
                  {t('channelMoney.editPromotion')}
                </Button>
                <Button
                  type="primary"
                  onClick={() =>
                    submit.mutate({ id: p.id, version: p.version }, done(t('channelMoney.submitted')))
                  }
                  data-testid="promotion-submit"
                >
                  {t('channelMoney.submit')}
                </Button>
              </>
            ) : null}
            {mayDecide ? (
              <>
                <Popconfirm
                  title={t('channelMoney.approve')}
                  onConfirm={() =>
                    decide.mutate(
                      { id: p.id, version: p.version, decision: 'approved' },
                      done(t('channelMoney.approved')),
                    )
                  }
                >
                  <Button type="primary" data-testid="promotion-approve">
                    {t('channelMoney.approve')}
                  </Button>
                </Popconfirm>
                <Popconfirm
                  title={t('channelMoney.reject')}
                  onConfirm={() =>
                    decide.mutate(
                      { id: p.id, version: p.version, decision: 'rejected' },
                      done(t('channelMoney.rejected')),
                    )
                  }
                >
                  <Button danger data-testid="promotion-reject">
                    {t('channelMoney.reject')}
                  </Button>
                </Popconfirm>
              </>
            ) : null}
            {writer && p.status === 'approved' ? (
              <Button onClick={() => setPayoutOpen(true)} data-testid="promotion-record-payout">
                {t('channelMoney.recordPayout')}
              </Button>
            ) : null}
          </Flex>
          <Descriptions size="small" bordered column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('channelMoney.kind')}>
              {t(`channelMoney.kinds.${p.kind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('channelMoney.targetKinds')}>
              {p.targetKinds.map((k) => t(`channelMoney.targetKindLabels.${k}`)).join('、')}
              {p.targetCustomers.length ? ` · ${p.targetCustomers.map((c) => c.name).join('、')}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('channelMoney.products')}>
              {p.productNames.join('、')}
            </Descriptions.Item>
            <Descriptions.Item label={t('channelMoney.rules')}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {p.rules}
              </Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('channelMoney.period')}>
              {formatDate(p.startsOn)} ~ {formatDate(p.endsOn)}
            </Descriptions.Item>
            <Descriptions.Item label={t('channelMoney.budgetShort')}>
              {formatFen(p.budgetFen)} · {t('channelMoney.paid')} {formatFen(p.paidFen)}
            </Descriptions.Item>
            <Descriptions.Item label={t('channelMoney.owner')}>{p.ownerName}</Descriptions.Item>
            {p.approvedByName ? (
              <Descriptions.Item label={t('channelMoney.approvedBy')}>{p.approvedByName}</Descriptions.Item>
            ) : null}
          </Descriptions>
          {e ? (
            <Card
              size="small"
              title={t('channelMoney.evaluation')}
              style={{ marginBottom: 12 }}
              data-testid="promotion-evaluation"
            >
              <Typography.Text type="secondary">
                {t('channelMoney.beforePeriod')}: {e.beforeFrom} ~ {e.beforeTo} ·{' '}
                {t('channelMoney.customerCount')}: {e.customerCount}
              </Typography.Text>
              <Flex wrap gap={24} style={{ marginTop: 8 }}>
                <Statistic title={t('channelMoney.unitsDuring')} value={formatNumber(e.unitsDuring)} />
                <Statistic title={t('channelMoney.unitsBefore')} value={formatNumber(e.unitsBefore)} />
                <Statistic title={t('channelMoney.extraUnits')} value={formatNumber(e.extraUnits)} />
                <Statistic
                  title={t('channelMoney.uplift')}
                  value={e.upliftPct === null ? t('channelMoney.none') : `${e.upliftPct}%`}
                />
                <Statistic
                  title={t('channelMoney.budgetUsed')}
                  value={e.budgetUsedPct === null ? t('channelMoney.none') : `${e.budgetUsedPct}%`}
                />
                <Statistic
                  title={t('channelMoney.costPerExtraUnit')}
                  value={
                    e.costPerExtraUnitFen === null ? t('channelMoney.none') : formatFen(e.costPerExtraUnitFen)
                  }
                />
              </Flex>
            </Card>
          ) : null}
          <Card size="small" title={t('channelMoney.payouts')}>
            <Table<ChannelPromotionPayout>
              rowKey="id"
              size="small"
              columns={payoutColumns}
              dataSource={p.payouts}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="promotion-payouts"
            />
          </Card>
          <FormModal
            title={t('channelMoney.recordPayout')}
            open={payoutOpen}
            onClose={() => setPayoutOpen(false)}
            testId="payout-modal"
          >
            <PayoutForm promotion={p} onClose={() => setPayoutOpen(false)} />
          </FormModal>
        </>
      ) : null}
    </Drawer>
  );
}

type PayoutValues = {
  channelCustomerId: string;
  paidOn: Dayjs;
  amount: string;
  form: PayoutForm;
  note?: string;
  approveOverBudget?: boolean;
};

function PayoutForm({ promotion, onClose }: { promotion: ChannelPromotionDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<PayoutValues>();
  const create = useCreatePayout();
  const onError = useFormErrorHandler();
  const named = promotion.targetCustomers.map((c) => ({ value: c.id, label: c.name }));
  const customers = useRemoteOptions<ChannelCustomer>('channel-customers', customerLabel, {
    pageSize: 50,
    enabled: named.length === 0,
  });
  const amount = Form.useWatch('amount', form);
  const fen = amount ? yuanToFen(amount) : null;
  const over = fen !== null && promotion.paidFen + fen > promotion.budgetFen;
  const manager = (me.role === 'manager' || me.role === 'admin') && promotion.ownerId !== me.id;
  return (
    <Form<PayoutValues>
      form={form}
      layout="vertical"
      initialValues={{
        paidOn: dayjs(),
        form: 'transfer',
        channelCustomerId: named.length === 1 ? named[0]!.value : undefined,
      }}
      onFinish={(v) =>
        create.mutate(
          {
            id: promotion.id,
            body: {
              channelCustomerId: v.channelCustomerId,
              paidOn: v.paidOn.format(dateFormat),
              amountFen: yuanToFen(v.amount)!,
              form: v.form,
              note: v.note?.trim() || null,
              approveOverBudget: v.approveOverBudget || undefined,
            },
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
      data-testid="payout-form"
    >
      <Form.Item
        name="channelCustomerId"
        label={t('channelMoney.customer')}
        rules={[{ required: true, message: t('channelMoney.customer') }]}
      >
        {named.length ? <Select options={named} /> : <Select {...customers.selectProps} />}
      </Form.Item>
      <Form.Item
        name="paidOn"
        label={t('channelMoney.paidOn')}
        rules={[{ required: true, message: t('channelMoney.dateRequired') }]}
      >
        <DatePicker disabledDate={isAfterChinaToday} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('channelMoney.paymentAmount')}
        rules={[
          { required: true, message: t('channelMoney.amountRequired') },
          {
            validator: (_r, value: string | undefined) =>
              !value || (yuanToFen(value) ?? 0) > 0
                ? Promise.resolve()
                : Promise.reject(new Error(t('channelMoney.amountInvalid'))),
          },
        ]}
      >
        <Input inputMode="decimal" prefix="¥" data-testid="payout-amount" />
      </Form.Item>
      <Form.Item name="form" label={t('channelMoney.payoutForm')}>
        <Select options={payoutForms.map((f) => ({ value: f, label: t(`channelMoney.payoutForms.${f}`) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('channelMoney.note')}>
        <Input maxLength={500} />
      </Form.Item>
      {over ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${t('channelMoney.budgetShort')} ${formatFen(promotion.budgetFen)} · ${t('channelMoney.paid')} ${formatFen(promotion.paidFen)}`}
        />
      ) : null}
      {over && manager ? (
        <Form.Item name="approveOverBudget" valuePropName="checked">
          <Checkbox data-testid="payout-approve-over-budget">{t('channelMoney.approveOverBudget')}</Checkbox>
        </Form.Item>
      ) : null}
      <FormActions onCancel={onClose} saving={create.isPending} />
    </Form>
  );
}
