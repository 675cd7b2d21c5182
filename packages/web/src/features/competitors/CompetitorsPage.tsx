import { lazy, Suspense, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Radio,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  competitorActivityKinds,
  competitorVisitors,
  usageJudgements,
  type Doctor,
  type HospitalPressure,
} from '@keqing/shared';
import '../../lib/locales/competitors.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { FormActions, FormModal, type EditorState } from '../../app/ui/FormModal.tsx';
import { errorText } from '../../lib/api.ts';
import { dateFormat, formatDate, isAfterChinaToday } from '../../lib/format.ts';
import { useFormErrorHandler } from '../../lib/form-errors.ts';
import { useRemoteOptions } from '../../lib/resources.ts';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { useHospitalSelect, useProductOptions } from '../accounts/accounts.api.ts';
import {
  useCompetitorActivities,
  useCompetitorPressure,
  useCompetitorProducts,
  useCreateCompetitorActivity,
  useCreateCompetitorProduct,
  useCreateCompetitorUsage,
  useUpdateCompetitorProduct,
  type CompetitorActivity,
  type CompetitorActivityKind,
  type CompetitorProduct,
  type CompetitorVisitor,
} from './competitors.api.ts';
import { ThreatTag, TrendText, useJudgementLabel } from './labels.tsx';

const PressureChart = lazy(() => import('./PressureChart.tsx'));

type TabKey = 'pressure' | 'activities' | 'products';
const tabKeys: readonly TabKey[] = ['pressure', 'activities', 'products'];

/** 竞品情报: pressure by hospital over time, the activities observed (with the record forms), the competitor catalogue. */
export default function CompetitorsPage() {
  const { t } = useTranslation();
  const [searchParams, updateSearchParams] = useSearchParamsUpdate();
  const wanted = searchParams.get('tab') as TabKey | null;
  const tab: TabKey = wanted && tabKeys.includes(wanted) ? wanted : 'pressure';
  return (
    <div>
      <PageHeader title={t('competitors.title')} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => updateSearchParams({ tab: key })}
          destroyOnHidden
          items={tabKeys.map((key) => ({
            key,
            label: <span data-testid={`competitors-tab-${key}`}>{t(`competitors.tabs.${key}`)}</span>,
            children:
              key === 'pressure' ? (
                <PressureTab />
              ) : key === 'activities' ? (
                <ActivitiesTab />
              ) : (
                <ProductsTab />
              ),
          }))}
        />
      </Card>
    </div>
  );
}

// ── pressure by hospital ──────────────────────────────────────────────────────

function PressureTab() {
  const { t } = useTranslation();
  const judgementLabel = useJudgementLabel();
  const products = useProductOptions();
  const [productId, setProductId] = useState<string>();
  const [months, setMonths] = useState(6);
  const pressure = useCompetitorPressure({ productId, months });
  const columns: ColumnsType<HospitalPressure> = [
    {
      key: 'hospital',
      title: t('competitors.pressure.hospital'),
      render: (_, h) => <Link to={`/hospitals/${h.hospitalId}`}>{h.hospitalName}</Link>,
    },
    {
      key: 'score',
      title: t('competitors.pressure.score'),
      dataIndex: 'score',
      width: 100,
      sorter: (a, b) => a.score - b.score,
    },
    {
      key: 'trend',
      title: t('competitors.pressure.trend'),
      width: 90,
      render: (_, h) => <TrendText trend={h.trend} />,
    },
    {
      key: 'threat',
      title: t('competitors.pressure.threat'),
      width: 90,
      render: (_, h) => <ThreatTag threat={h.threat} />,
    },
    {
      key: 'competitors',
      title: t('competitors.pressure.competitors'),
      render: (_, h) => (
        <Space size={[4, 4]} wrap>
          {h.competitors.slice(0, 3).map((c) => (
            <Tag key={c.competitorProductId}>
              {c.competitorProductName} · {judgementLabel(c.judgement)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'series',
      title: t('competitors.pressure.series'),
      width: 220,
      render: (_, h) => (
        <Suspense fallback={null}>
          <PressureChart
            months={pressure.data?.months ?? []}
            scores={h.series.map((p) => p.score)}
            name={t('competitors.pressure.score')}
            height={60}
          />
        </Suspense>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <Select
          allowClear
          style={{ width: 240 }}
          placeholder={t('competitors.pressure.allProducts')}
          options={products.options}
          loading={products.loading}
          value={productId}
          onChange={setProductId}
          data-testid="competitor-product-filter"
        />
        <Radio.Group
          value={months}
          onChange={(e) => setMonths(e.target.value as number)}
          optionType="button"
          options={[3, 6, 12].map((m) => ({ value: m, label: `${m}` }))}
        />
        <Typography.Text type="secondary">{t('competitors.pressure.months')}</Typography.Text>
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('competitors.pressure.explain')}
      </Typography.Text>
      {pressure.error ? <Alert type="error" showIcon title={errorText(pressure.error)} /> : null}
      <Table<HospitalPressure>
        rowKey="hospitalId"
        size="small"
        loading={pressure.isFetching}
        columns={columns}
        dataSource={pressure.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('competitors.pressure.noData') }}
        data-testid="competitor-pressure-table"
      />
    </Flex>
  );
}

// ── activities ────────────────────────────────────────────────────────────────

function ActivitiesTab() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const mayRecord = user.role !== 'compliance';
  const hospitals = useHospitalSelect();
  const [hospitalId, setHospitalId] = useState<string>();
  const [kind, setKind] = useState<CompetitorActivityKind>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<'activity' | 'usage' | null>(null);
  const activities = useCompetitorActivities({
    hospitalId,
    kind,
    from: range?.[0]?.format(dateFormat),
    to: range?.[1]?.format(dateFormat),
    page,
    pageSize: 20,
  });
  const columns: ColumnsType<CompetitorActivity> = [
    {
      key: 'observedOn',
      title: t('competitors.activity.observedOn'),
      width: 110,
      render: (_, a) => formatDate(a.observedOn),
    },
    {
      key: 'hospital',
      title: t('competitors.activity.hospital'),
      render: (_, a) => (
        <>
          <Link to={`/hospitals/${a.hospitalId}`}>{a.hospitalName}</Link>
          {a.doctorId ? (
            <>
              {' · '}
              <Link to={`/doctors/${a.doctorId}`}>{a.doctorName}</Link>
            </>
          ) : null}
        </>
      ),
    },
    {
      key: 'who',
      title: t('competitors.activity.product'),
      render: (_, a) => [a.competitorProductName, a.company].filter(Boolean).join(' · '),
    },
    {
      key: 'kind',
      title: t('competitors.activity.kind'),
      width: 130,
      render: (_, a) => (
        <>
          <Tag>{t(`competitors.kind.${a.kind}`)}</Tag>
          {a.byWhom ? t(`competitors.byWhom.${a.byWhom}`) : null}
        </>
      ),
    },
    { key: 'description', title: t('competitors.activity.description'), dataIndex: 'description' },
    { key: 'source', title: t('competitors.activity.source'), dataIndex: 'source', width: 120 },
    {
      key: 'recordedBy',
      title: t('competitors.activity.recordedBy'),
      dataIndex: 'recordedByName',
      width: 100,
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} justify="space-between">
        <Space wrap>
          <Select
            {...hospitals.selectProps}
            allowClear
            style={{ width: 260 }}
            placeholder={t('competitors.activity.allHospitals')}
            value={hospitalId}
            onChange={(v: string | undefined) => {
              setHospitalId(v);
              setPage(1);
            }}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('competitors.activity.allKinds')}
            value={kind}
            onChange={(v: CompetitorActivityKind | undefined) => {
              setKind(v);
              setPage(1);
            }}
            options={competitorActivityKinds.map((k) => ({ value: k, label: t(`competitors.kind.${k}`) }))}
          />
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => {
              setRange(v);
              setPage(1);
            }}
          />
        </Space>
        {mayRecord ? (
          <Space>
            <Button onClick={() => setDialog('usage')} data-testid="competitor-usage-record">
              {t('competitors.usage.record')}
            </Button>
            <Button
              type="primary"
              onClick={() => setDialog('activity')}
              data-testid="competitor-activity-record"
            >
              {t('competitors.activity.record')}
            </Button>
          </Space>
        ) : null}
      </Flex>
      {activities.error ? <Alert type="error" showIcon title={errorText(activities.error)} /> : null}
      <Table<CompetitorActivity>
        rowKey="id"
        size="small"
        loading={activities.isFetching}
        columns={columns}
        dataSource={activities.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: activities.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { count: total }),
        }}
        data-testid="competitor-activity-table"
      />
      <FormModal
        title={dialog === 'usage' ? t('competitors.usage.record') : t('competitors.activity.record')}
        open={dialog !== null}
        onClose={() => setDialog(null)}
        testId="competitor-record-modal"
      >
        {dialog === 'usage' ? (
          <UsageForm onDone={() => setDialog(null)} />
        ) : (
          <ActivityForm onDone={() => setDialog(null)} />
        )}
      </FormModal>
    </Flex>
  );
}

/** Hospital, then a doctor of that hospital (optional). */
function HospitalDoctorFields({ hospitalId }: { hospitalId: string | undefined }) {
  const { t } = useTranslation();
  const hospitals = useHospitalSelect();
  const doctors = useRemoteOptions<Doctor>('doctors', (d) => d.name, {
    params: { hospitalId },
    enabled: !!hospitalId,
    pageSize: 100,
  });
  return (
    <>
      <Form.Item name="hospitalId" label={t('competitors.activity.hospital')} rules={[{ required: true }]}>
        <Select {...hospitals.selectProps} data-testid="competitor-form-hospital" />
      </Form.Item>
      <Form.Item name="doctorId" label={t('competitors.activity.doctor')}>
        <Select {...doctors.selectProps} allowClear disabled={!hospitalId} />
      </Form.Item>
    </>
  );
}

function useCompetitorOptions() {
  const products = useCompetitorProducts({ active: 'true' });
  return (products.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.name}（${p.company} · ${p.therapeuticArea}）`,
  }));
}

type ActivityValues = {
  hospitalId: string;
  doctorId?: string | null;
  competitorProductId?: string | null;
  company?: string;
  kind: CompetitorActivityKind;
  byWhom?: CompetitorVisitor | null;
  observedOn: Dayjs;
  source?: string;
  description: string;
};

function ActivityForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActivityValues>();
  const create = useCreateCompetitorActivity();
  const onError = useFormErrorHandler();
  const hospitalId = Form.useWatch('hospitalId', form);
  const kind = Form.useWatch('kind', form);
  const competitorOptions = useCompetitorOptions();
  const submit = (v: ActivityValues) =>
    create.mutate(
      {
        ...v,
        doctorId: v.doctorId ?? null,
        competitorProductId: v.competitorProductId ?? null,
        company: v.company?.trim() || undefined,
        byWhom: v.kind === 'visit' ? (v.byWhom ?? null) : null,
        observedOn: v.observedOn.format(dateFormat),
        source: v.source?.trim() || undefined,
      },
      {
        onSuccess: () => {
          void message.success(t('competitors.saved'));
          onDone();
        },
        onError: (e) => onError(form, e),
      },
    );
  return (
    <Form<ActivityValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ kind: 'visit', byWhom: 'rep' }}
    >
      <HospitalDoctorFields hospitalId={hospitalId} />
      <Form.Item name="competitorProductId" label={t('competitors.activity.product')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={competitorOptions} />
      </Form.Item>
      <Form.Item
        name="company"
        label={t('competitors.activity.company')}
        extra={t('competitors.activity.companyHint')}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="kind" label={t('competitors.activity.kind')} rules={[{ required: true }]}>
          <Select
            style={{ width: 140 }}
            options={competitorActivityKinds.map((k) => ({ value: k, label: t(`competitors.kind.${k}`) }))}
          />
        </Form.Item>
        {kind === 'visit' ? (
          <Form.Item name="byWhom" label={t('competitors.activity.byWhom')}>
            <Select
              style={{ width: 120 }}
              options={competitorVisitors.map((w) => ({ value: w, label: t(`competitors.byWhom.${w}`) }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="observedOn"
          label={t('competitors.activity.observedOn')}
          rules={[{ required: true }]}
        >
          <DatePicker disabledDate={isAfterChinaToday} />
        </Form.Item>
      </Flex>
      <Form.Item name="source" label={t('competitors.activity.source')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('competitors.activity.description')}
        rules={[{ required: true, whitespace: true, max: 1000 }]}
      >
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <FormActions onCancel={onDone} saving={create.isPending} />
    </Form>
  );
}

type UsageValues = {
  hospitalId: string;
  doctorId?: string | null;
  competitorProductId: string;
  judgement: number;
  observedOn: Dayjs;
  source?: string;
  note?: string;
};

function UsageForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const judgementLabel = useJudgementLabel();
  const [form] = Form.useForm<UsageValues>();
  const create = useCreateCompetitorUsage();
  const onError = useFormErrorHandler();
  const hospitalId = Form.useWatch('hospitalId', form);
  const competitorOptions = useCompetitorOptions();
  const submit = (v: UsageValues) =>
    create.mutate(
      {
        ...v,
        doctorId: v.doctorId ?? null,
        observedOn: v.observedOn.format(dateFormat),
        source: v.source?.trim() || undefined,
        note: v.note?.trim() || undefined,
      },
      {
        onSuccess: () => {
          void message.success(t('competitors.saved'));
          onDone();
        },
        onError: (e) => onError(form, e),
      },
    );
  return (
    <Form<UsageValues> form={form} layout="vertical" onFinish={submit}>
      <Typography.Paragraph type="secondary">{t('competitors.usage.hint')}</Typography.Paragraph>
      <HospitalDoctorFields hospitalId={hospitalId} />
      <Form.Item
        name="competitorProductId"
        label={t('competitors.activity.product')}
        rules={[{ required: true }]}
      >
        <Select showSearch={{ optionFilterProp: 'label' }} options={competitorOptions} />
      </Form.Item>
      <Form.Item name="judgement" label={t('competitors.usage.judgement')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          options={usageJudgements.map((j) => ({ value: j, label: judgementLabel(j) }))}
        />
      </Form.Item>
      <Form.Item name="observedOn" label={t('competitors.activity.observedOn')} rules={[{ required: true }]}>
        <DatePicker disabledDate={isAfterChinaToday} />
      </Form.Item>
      <Form.Item name="source" label={t('competitors.activity.source')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="note" label={t('competitors.usage.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <FormActions onCancel={onDone} saving={create.isPending} />
    </Form>
  );
}

// ── competitor products ───────────────────────────────────────────────────────

function ProductsTab() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const isAdmin = user.role === 'admin';
  const products = useCompetitorProducts();
  const [editor, setEditor] = useState<EditorState<CompetitorProduct>>({ open: false });
  const columns: ColumnsType<CompetitorProduct> = [
    { key: 'name', title: t('competitors.products.name'), dataIndex: 'name' },
    { key: 'company', title: t('competitors.products.company'), dataIndex: 'company' },
    { key: 'area', title: t('competitors.products.therapeuticArea'), dataIndex: 'therapeuticArea' },
    { key: 'ours', title: t('competitors.products.ourProduct'), render: (_, p) => p.productName ?? '—' },
    {
      key: 'active',
      title: t('competitors.products.active'),
      render: (_, p) =>
        p.active ? (
          <Tag color="green">{t('competitors.products.active')}</Tag>
        ) : (
          <Tag>{t('competitors.products.inactive')}</Tag>
        ),
    },
    ...(isAdmin
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, p: CompetitorProduct) => (
              <Button type="link" size="small" onClick={() => setEditor({ open: true, record: p })}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Flex vertical gap={12}>
      {isAdmin ? (
        <Flex justify="flex-end">
          <Button
            type="primary"
            onClick={() => setEditor({ open: true })}
            data-testid="competitor-product-create"
          >
            {t('competitors.products.create')}
          </Button>
        </Flex>
      ) : null}
      {products.isPending ? <Skeleton active /> : null}
      {products.error ? <Alert type="error" showIcon title={errorText(products.error)} /> : null}
      <Table<CompetitorProduct>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={products.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="competitor-product-table"
      />
      <FormModal
        title={editor.record ? t('competitors.products.edit') : t('competitors.products.create')}
        open={editor.open}
        onClose={() => setEditor((e) => ({ ...e, open: false }))}
      >
        <ProductForm record={editor.record} onDone={() => setEditor((e) => ({ ...e, open: false }))} />
      </FormModal>
    </Flex>
  );
}

type ProductValues = {
  name: string;
  company: string;
  therapeuticArea: string;
  productId?: string | null;
  active: boolean;
};

function ProductForm({ record, onDone }: { record?: CompetitorProduct; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductValues>();
  const ours = useProductOptions();
  const create = useCreateCompetitorProduct();
  const update = useUpdateCompetitorProduct();
  const onError = useFormErrorHandler();
  const done = () => {
    void message.success(t('competitors.saved'));
    onDone();
  };
  const submit = (v: ProductValues) => {
    const body = { ...v, productId: v.productId ?? null };
    if (record)
      update.mutate(
        { id: record.id, version: record.version, ...body },
        { onSuccess: done, onError: (e) => onError(form, e) },
      );
    else create.mutate(body, { onSuccess: done, onError: (e) => onError(form, e) });
  };
  return (
    <Form<ProductValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={
        record
          ? {
              name: record.name,
              company: record.company,
              therapeuticArea: record.therapeuticArea,
              productId: record.productId,
              active: record.active,
            }
          : { active: true }
      }
    >
      <Form.Item
        name="name"
        label={t('competitors.products.name')}
        rules={[{ required: true, whitespace: true, max: 100 }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="company"
        label={t('competitors.products.company')}
        rules={[{ required: true, whitespace: true, max: 100 }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="therapeuticArea"
        label={t('competitors.products.therapeuticArea')}
        rules={[{ required: true, whitespace: true, max: 50 }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="productId" label={t('competitors.products.ourProduct')}>
        <Select allowClear options={ours.options} loading={ours.loading} />
      </Form.Item>
      <Form.Item name="active" label={t('competitors.products.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <FormActions onCancel={onDone} saving={create.isPending || update.isPending} />
    </Form>
  );
}
