import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  channelTierRoles,
  distributorTiers,
  lifecycleStages,
  rebateKinds,
  type ChannelPriceLevelsInput,
} from '@keqing/shared';
import { dateFormat, formatDate, formatFen } from '../../../lib/format.ts';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { useListParams } from '../../../lib/list-params.ts';
import { useRemoteOptions } from '../../../lib/resources.ts';
import '../../../lib/locales/channel.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { ListError } from '../../../app/ui/ListError.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { fenOf, yuanOf, yuanRule } from './labels.tsx';
import {
  useChannelProducts,
  useCreateRebate,
  usePutChannelProduct,
  usePutTierPrices,
  useRebatePolicies,
  useTierPrices,
  useUpdateRebate,
  type ChannelProduct,
  type RebatePolicy,
} from './parties.api.ts';

const levels = ['factory', 'order', 'distributor', 'purchase', 'retail'] as const;
type Level = (typeof levels)[number];
type PriceTexts = Partial<Record<Level, string>>;

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)}%`);

/** Our margin beside the competitor's; red when the channel earns less on ours (seed 003). */
function MarginCell({
  ours,
  theirs,
  gap,
}: {
  ours: number | null | undefined;
  theirs: number | null | undefined;
  gap: number | null | undefined;
}) {
  const { t } = useTranslation();
  const lower = gap !== null && gap !== undefined && gap < 0;
  const hint =
    gap === null || gap === undefined ? '' : t('channel.products.gapPoints', { points: String(gap) });
  return (
    <Tooltip title={hint || undefined}>
      <span data-testid={lower ? 'margin-lower' : undefined}>
        <Typography.Text type={lower ? 'danger' : undefined} strong={lower}>
          {pct(ours)}
        </Typography.Text>
        <Typography.Text type="secondary"> / {pct(theirs)}</Typography.Text>
      </span>
    </Tooltip>
  );
}

type ProductValues = {
  tierRole: string;
  lifecycleStage: string;
  prices: PriceTexts;
  minResale: string;
  competitorName?: string;
  competitorPrices: PriceTexts;
  supplied: boolean;
  delistedOn?: Dayjs | null;
  replacementProductId?: string | null;
};
type TierValues = {
  tiers: Partial<Record<(typeof distributorTiers)[number], { supply?: string; min?: string }>>;
};

const pricesOf = (texts: PriceTexts): ChannelPriceLevelsInput | null => {
  const fen = levels.map((l) => fenOf(texts[l]));
  if (fen.every((f) => f === null)) return null;
  return Object.fromEntries(levels.map((l, i) => [l, fen[i] ?? 0])) as ChannelPriceLevelsInput;
};
const textsOf = (prices: ChannelPriceLevelsInput | null | undefined): PriceTexts =>
  prices ? Object.fromEntries(levels.map((l) => [l, yuanOf(prices[l])])) : {};

/** The admin's drawer: tier role, lifecycle, our and the competitor's prices, supply, and the tier prices. */
function ProductDrawer({ product, onClose }: { product: ChannelProduct | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductValues>();
  const [tierForm] = Form.useForm<TierValues>();
  const put = usePutChannelProduct();
  const putTiers = usePutTierPrices();
  const tierPrices = useTierPrices(product?.id);
  const onServerError = useFormErrorHandler();
  const supplied = Form.useWatch('supplied', form);
  const screens = Grid.useBreakpoint();
  const products = useRemoteOptions<{ id: string; name: string }>('products', (p) => p.name, {
    pageSize: 100,
    enabled: !!product,
    known: product?.channel?.replacementProductId
      ? [{ value: product.channel.replacementProductId, label: product.channel.replacementProductName ?? '' }]
      : [],
  });

  useEffect(() => {
    if (!product) return;
    const c = product.channel;
    form.resetFields();
    form.setFieldsValue({
      tierRole: c?.tierRole ?? 'profit',
      lifecycleStage: c?.lifecycleStage ?? 'introduction',
      prices: textsOf(c?.prices),
      minResale: yuanOf(c?.minResalePriceFen),
      competitorName: c?.competitorName ?? undefined,
      competitorPrices: textsOf(c?.competitorPrices),
      supplied: c?.supplied ?? true,
      delistedOn: c?.delistedOn ? dayjs(c.delistedOn) : null,
      replacementProductId: c?.replacementProductId ?? null,
    });
  }, [product, form]);

  useEffect(() => {
    tierForm.setFieldsValue({
      tiers: Object.fromEntries(
        (tierPrices.data?.items ?? []).map((i) => [
          i.distributorTier,
          { supply: yuanOf(i.supplyPriceFen), min: yuanOf(i.minResalePriceFen) },
        ]),
      ),
    });
  }, [tierPrices.data, tierForm]);

  if (!product) return null;

  const submit = (v: ProductValues) =>
    put.mutate(
      {
        productId: product.id,
        body: {
          tierRole: v.tierRole,
          lifecycleStage: v.lifecycleStage,
          prices: pricesOf(v.prices) ?? { factory: 0, order: 0, distributor: 0, purchase: 0, retail: 0 },
          minResalePriceFen: fenOf(v.minResale) ?? 0,
          competitorName: v.competitorName?.trim() || null,
          competitorPrices: pricesOf(v.competitorPrices),
          supplied: v.supplied,
          delistedOn: v.supplied ? null : (v.delistedOn?.format(dateFormat) ?? null),
          replacementProductId: v.replacementProductId ?? null,
          version: product.channel?.version,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('channel.saved'));
          onClose();
        },
        onError: (error) => onServerError(form, error),
      },
    );

  const saveTiers = (v: TierValues) =>
    putTiers.mutate(
      {
        productId: product.id,
        items: distributorTiers
          .filter((tier) => v.tiers[tier]?.supply || v.tiers[tier]?.min)
          .map((tier) => ({
            distributorTier: tier,
            supplyPriceFen: fenOf(v.tiers[tier]?.supply) ?? 0,
            minResalePriceFen: fenOf(v.tiers[tier]?.min) ?? 0,
          })),
      },
      {
        onSuccess: () => void message.success(t('channel.saved')),
        onError: (error) => onServerError(tierForm, error),
      },
    );

  const money = [yuanRule(t('channel.moneyInvalid'))];
  const priceRow = (group: 'prices' | 'competitorPrices') => (
    <Row gutter={8}>
      {levels.map((l) => (
        <Col xs={12} sm={8} key={l}>
          <Form.Item
            name={[group, l]}
            label={t(`channel.products.${l}`)}
            rules={
              group === 'prices' ? [{ required: true, message: t('channel.required') }, ...money] : money
            }
          >
            <Input prefix="¥" inputMode="decimal" data-testid={`product-${group}-${l}`} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );

  return (
    <Drawer
      open
      title={`${t('channel.products.edit')} · ${product.productName}`}
      onClose={onClose}
      size={screens.md === false ? '100%' : 720}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          onClick={() => form.submit()}
          loading={put.isPending}
          data-testid="product-save"
        >
          {t('channel.save')}
        </Button>
      }
    >
      <Form<ProductValues> form={form} layout="vertical" onFinish={submit} data-testid="product-form">
        <Row gutter={8}>
          <Col xs={12}>
            <Form.Item name="tierRole" label={t('channel.products.tierRole')} rules={[{ required: true }]}>
              <Select
                options={channelTierRoles.map((k) => ({
                  value: k,
                  label: t(`channel.products.tierRoles.${k}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="lifecycleStage"
              label={t('channel.products.lifecycle')}
              rules={[{ required: true }]}
            >
              <Select
                options={lifecycleStages.map((k) => ({
                  value: k,
                  label: t(`channel.products.lifecycleStages.${k}`),
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {priceRow('prices')}
        <Form.Item
          name="minResale"
          label={t('channel.products.minResale')}
          rules={[{ required: true, message: t('channel.required') }, ...money]}
        >
          <Input prefix="¥" inputMode="decimal" style={{ maxWidth: 200 }} data-testid="product-min-resale" />
        </Form.Item>
        <Divider titlePlacement="start">{t('channel.products.competitor')}</Divider>
        <Form.Item name="competitorName" label={t('channel.products.competitorName')}>
          <Input maxLength={60} />
        </Form.Item>
        {priceRow('competitorPrices')}
        <Divider />
        <Space wrap align="start" size={16}>
          <Form.Item name="supplied" label={t('channel.products.supplied')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {supplied === false ? (
            <Form.Item name="delistedOn" label={t('channel.products.delistedOn')}>
              <DatePicker />
            </Form.Item>
          ) : null}
          <Form.Item name="replacementProductId" label={t('channel.products.replacement')}>
            <Select allowClear {...products.selectProps} style={{ minWidth: 200 }} />
          </Form.Item>
        </Space>
      </Form>
      <Divider titlePlacement="start">{t('channel.products.tierPrices')}</Divider>
      <Form<TierValues> form={tierForm} onFinish={saveTiers} layout="vertical">
        {distributorTiers.map((tier) => (
          <Row gutter={8} key={tier} align="bottom">
            <Col xs={24} sm={6}>
              <Typography.Text>{t(`channel.distributorTiers.${tier}`)}</Typography.Text>
            </Col>
            <Col xs={12} sm={9}>
              <Form.Item
                name={['tiers', tier, 'supply']}
                label={t('channel.products.supplyPrice')}
                rules={money}
              >
                <Input prefix="¥" inputMode="decimal" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={9}>
              <Form.Item name={['tiers', tier, 'min']} label={t('channel.products.minResale')} rules={money}>
                <Input prefix="¥" inputMode="decimal" />
              </Form.Item>
            </Col>
          </Row>
        ))}
        <Button htmlType="submit" loading={putTiers.isPending} data-testid="tier-prices-save">
          {t('channel.save')}
        </Button>
      </Form>
    </Drawer>
  );
}

type RebateValues = {
  name: string;
  productId?: string | null;
  distributorTier?: string | null;
  kind: string;
  rule?: string;
  period: [Dayjs, Dayjs | null];
  ratePct?: number | null;
  fromQuantity?: number | null;
};

function RebateModal({
  policy,
  open,
  onClose,
}: {
  policy: RebatePolicy | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RebateValues>();
  const create = useCreateRebate();
  const update = useUpdateRebate();
  const onServerError = useFormErrorHandler();
  const products = useRemoteOptions<{ id: string; name: string }>('products', (p) => p.name, {
    pageSize: 100,
    enabled: open,
    known: policy?.productId ? [{ value: policy.productId, label: policy.productName ?? '' }] : [],
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (policy)
      form.setFieldsValue({
        name: policy.name,
        productId: policy.productId,
        distributorTier: policy.distributorTier,
        kind: policy.kind,
        rule: policy.rule ?? undefined,
        period: [dayjs(policy.validFrom), policy.validUntil ? dayjs(policy.validUntil) : null],
        ratePct: policy.steps[0]?.ratePct ?? null,
        fromQuantity: policy.steps[0]?.fromQuantity ?? null,
      });
    else form.setFieldsValue({ kind: 'volume', period: [dayjs(), null] });
  }, [open, policy, form]);

  const submit = (v: RebateValues) => {
    const body = {
      name: v.name.trim(),
      productId: v.productId ?? null,
      distributorTier: v.distributorTier ?? null,
      kind: v.kind,
      rule: v.rule?.trim() || null,
      validFrom: v.period[0].format(dateFormat),
      validUntil: v.period[1] ? v.period[1].format(dateFormat) : null,
      steps:
        v.ratePct === null || v.ratePct === undefined
          ? []
          : [{ ratePct: v.ratePct, fromQuantity: v.fromQuantity ?? null }],
    };
    const done = {
      onSuccess: () => {
        void message.success(t('channel.saved'));
        onClose();
      },
      onError: (error: unknown) => onServerError(form, error),
    };
    if (policy) update.mutate({ id: policy.id, body: { ...body, version: policy.version } }, done);
    else create.mutate(body, done);
  };

  return (
    <Modal
      open={open}
      title={policy ? t('channel.rebate.edit') : t('channel.rebate.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('channel.save')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'rebate-save' } as ButtonProps}
    >
      <Form<RebateValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="name"
          label={t('channel.rebate.name')}
          rules={[{ required: true, whitespace: true, message: t('channel.required') }]}
        >
          <Input maxLength={60} data-testid="rebate-name" />
        </Form.Item>
        <Row gutter={8}>
          <Col xs={24} sm={12}>
            <Form.Item name="productId" label={t('channel.rebate.product')}>
              <Select allowClear placeholder={t('channel.rebate.allProducts')} {...products.selectProps} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="distributorTier" label={t('channel.rebate.tier')}>
              <Select
                allowClear
                placeholder={t('channel.rebate.allTiers')}
                options={distributorTiers.map((k) => ({
                  value: k,
                  label: t(`channel.distributorTiers.${k}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="kind" label={t('channel.rebate.kind')} rules={[{ required: true }]}>
              <Select
                options={rebateKinds.map((k) => ({ value: k, label: t(`channel.rebate.kinds.${k}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="period"
              label={`${t('channel.rebate.validFrom')} ~ ${t('channel.rebate.validUntil')}`}
              rules={[{ required: true }]}
            >
              <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="fromQuantity" label={t('channel.rebate.fromQuantity')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="ratePct" label={t('channel.rebate.ratePct')}>
              <InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="rule" label={t('channel.rebate.rule')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RebatesCard({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const rebates = useRebatePolicies({ page, pageSize: 20 });
  const [editing, setEditing] = useState<RebatePolicy | null | undefined>(undefined);
  return (
    <Card
      size="small"
      title={t('channel.products.rebates')}
      style={{ marginTop: 16 }}
      extra={
        isAdmin ? (
          <Button size="small" onClick={() => setEditing(null)} data-testid="rebate-add">
            {t('channel.rebate.add')}
          </Button>
        ) : null
      }
    >
      <Table<RebatePolicy>
        rowKey="id"
        size="small"
        loading={rebates.isFetching}
        dataSource={rebates.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: rebates.data?.total ?? 0,
          onChange: setPage,
          size: 'small',
        }}
        columns={[
          { title: t('channel.rebate.name'), dataIndex: 'name' },
          {
            title: t('channel.rebate.product'),
            dataIndex: 'productName',
            render: (v: string | null) => v ?? t('channel.rebate.allProducts'),
          },
          {
            title: t('channel.rebate.tier'),
            dataIndex: 'distributorTier',
            render: (_, r) =>
              r.distributorTier
                ? t(`channel.distributorTiers.${r.distributorTier}`)
                : t('channel.rebate.allTiers'),
          },
          {
            title: t('channel.rebate.kind'),
            dataIndex: 'kind',
            render: (_, r) => t(`channel.rebate.kinds.${r.kind}`),
          },
          {
            title: t('channel.rebate.steps'),
            key: 'steps',
            render: (_, r) =>
              r.steps
                .map(
                  (s) =>
                    `${s.fromQuantity ? `≥${s.fromQuantity} ` : s.fromAmountFen ? `≥${formatFen(s.fromAmountFen)} ` : ''}${s.ratePct}%`,
                )
                .join('；'),
          },
          {
            title: `${t('channel.rebate.validFrom')} ~ ${t('channel.rebate.validUntil')}`,
            key: 'period',
            render: (_, r) => `${formatDate(r.validFrom)} ~ ${formatDate(r.validUntil)}`,
          },
          { title: t('channel.rebate.rule'), dataIndex: 'rule' },
          ...(isAdmin
            ? [
                {
                  key: 'actions',
                  render: (_: unknown, r: RebatePolicy) => (
                    <Button size="small" type="link" onClick={() => setEditing(r)}>
                      {t('channel.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <RebateModal
        policy={editing ?? null}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
      />
    </Card>
  );
}

/** 渠道产品与价格: tier role, lifecycle, five price levels, margins vs the competitor, tier prices and rebates. */
export default function ChannelProductsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const isAdmin = me.role === 'admin';
  const list = useListParams({ filters: ['tierRole', 'lifecycleStage'] as const });
  const products = useChannelProducts(list.query);
  const [editing, setEditing] = useState<ChannelProduct | null>(null);

  const price = (l: Level) => ({
    title: t(`channel.products.${l}`),
    key: l,
    align: 'right' as const,
    render: (_: unknown, p: ChannelProduct) => (p.channel ? formatFen(p.channel.prices[l]) : ''),
  });
  const columns: TableColumnsType<ChannelProduct> = [
    {
      title: t('channel.products.product'),
      dataIndex: 'productName',
      fixed: 'left',
      render: (_, p) =>
        isAdmin ? (
          <Typography.Link onClick={() => setEditing(p)} data-testid="channel-product-edit">
            {p.productName}
          </Typography.Link>
        ) : (
          p.productName
        ),
    },
    {
      title: t('channel.products.tierRole'),
      key: 'tierRole',
      render: (_, p) =>
        p.channel ? (
          <Tag color={{ lead: 'red', profit: 'gold', image: 'blue' }[p.channel.tierRole]}>
            {t(`channel.products.tierRoles.${p.channel.tierRole}`)}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('channel.products.notInChannel')}</Typography.Text>
        ),
    },
    {
      title: t('channel.products.lifecycle'),
      key: 'lifecycle',
      render: (_, p) => (p.channel ? t(`channel.products.lifecycleStages.${p.channel.lifecycleStage}`) : ''),
    },
    price('factory'),
    price('order'),
    price('distributor'),
    price('purchase'),
    price('retail'),
    {
      title: t('channel.products.minResale'),
      key: 'minResale',
      align: 'right',
      render: (_, p) => (p.channel ? formatFen(p.channel.minResalePriceFen) : ''),
    },
    {
      title: t('channel.products.competitor'),
      key: 'competitor',
      render: (_, p) => p.channel?.competitorName ?? '',
    },
    {
      title: `${t('channel.products.distributorMargin')}（${t('channel.products.ours')} / ${t('channel.products.theirs')}）`,
      key: 'distributorMargin',
      render: (_, p) =>
        p.margin ? (
          <MarginCell
            ours={p.margin.ours.distributorPct}
            theirs={p.margin.competitor?.distributorPct}
            gap={p.margin.distributorGapPoints}
          />
        ) : (
          ''
        ),
    },
    {
      title: `${t('channel.products.terminalMargin')}（${t('channel.products.ours')} / ${t('channel.products.theirs')}）`,
      key: 'terminalMargin',
      render: (_, p) =>
        p.margin ? (
          <MarginCell
            ours={p.margin.ours.terminalPct}
            theirs={p.margin.competitor?.terminalPct}
            gap={p.margin.terminalGapPoints}
          />
        ) : (
          ''
        ),
    },
    {
      title: t('channel.products.supplied'),
      key: 'supplied',
      render: (_, p) =>
        !p.channel ? (
          ''
        ) : p.channel.supplied ? (
          <Tag color="green">{t('channel.products.supplied')}</Tag>
        ) : (
          <Tooltip
            title={[formatDate(p.channel.delistedOn), p.channel.replacementProductName]
              .filter(Boolean)
              .join(' → ')}
          >
            <Tag color="default">{t('channel.products.delisted')}</Tag>
          </Tooltip>
        ),
    },
  ];

  return (
    <div>
      <PageHeader title={t('nav.channel-products')} subTitle={t('channel.productsHint')} />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('channel.products.tierRole')}
          value={list.filters.tierRole}
          onChange={(v: string | undefined) => list.setFilter('tierRole', v)}
          options={channelTierRoles.map((k) => ({ value: k, label: t(`channel.products.tierRoles.${k}`) }))}
          style={{ width: 130 }}
        />
        <Select
          allowClear
          placeholder={t('channel.products.lifecycle')}
          value={list.filters.lifecycleStage}
          onChange={(v: string | undefined) => list.setFilter('lifecycleStage', v)}
          options={lifecycleStages.map((k) => ({
            value: k,
            label: t(`channel.products.lifecycleStages.${k}`),
          }))}
          style={{ width: 130 }}
        />
      </Flex>
      <ListError error={products.error} />
      <Table<ChannelProduct>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={products.data?.items}
        loading={products.isFetching}
        pagination={list.pagination(products.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid="channel-products-table"
      />
      <RebatesCard isAdmin={isAdmin} />
      <ProductDrawer product={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
