import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { careFestivalKeys, careKinds, careSettingsSchema, type CareFestival } from '@keqing/shared';
import { errorText, isApiError } from '../../lib/api.ts';
import { chinaToday, formatDateTime, formatFen, formatNumber } from '../../lib/format.ts';
import '../../lib/locales/care.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import {
  downloadAnnualTotals,
  useAnnualTotals,
  useCareSettings,
  useComplianceDashboard,
  useSaveCareSettings,
  type AnnualTotal,
  type CareKindKey,
  type ComplianceDashboard,
} from './care.api.ts';
import { festivalLabel, kindLabel } from './labels.tsx';
import { fenToYuanText, yuanToFen } from './money.ts';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';

const tabs = ['dashboard', 'totals', 'settings'] as const;
type TabKey = (typeof tabs)[number];

function Dashboard({ year }: { year: number }) {
  const { t } = useTranslation();
  const dashboard = useComplianceDashboard(year);
  if (dashboard.isPending) return <Skeleton active />;
  if (dashboard.error) return <Alert type="error" showIcon title={errorText(dashboard.error)} />;
  const d = dashboard.data;
  type NearRow = ComplianceDashboard['nearOrOverCap'][number];
  const nearColumns: TableColumnsType<NearRow> = [
    { title: t('care.action.date'), dataIndex: 'actionDate' },
    {
      title: t('care.doctor'),
      key: 'doctor',
      render: (_, a) => (
        <Link to={`/doctors/${a.doctorId}?tab=care`}>{`${a.doctorName} · ${a.hospitalName}`}</Link>
      ),
    },
    { title: t('care.kind'), dataIndex: 'kind', render: (_, a) => kindLabel(t, a.kind) },
    {
      title: t('care.amount'),
      dataIndex: 'valueFen',
      align: 'right',
      render: (_, a) => formatFen(a.valueFen),
    },
    {
      title: t('care.compliance.cap'),
      dataIndex: 'capFen',
      align: 'right',
      render: (_, a) => formatFen(a.capFen),
    },
    {
      title: t('care.compliance.share'),
      dataIndex: 'sharePct',
      align: 'right',
      render: (_, a) => (
        <Tag color={a.overCap ? 'red' : 'orange'}>
          {formatNumber(Math.round(a.sharePct))}%{' '}
          {a.overCap ? t('care.plan.overCap') : t('care.compliance.near')}
        </Tag>
      ),
    },
    { title: t('care.rep'), dataIndex: 'ownerName' },
    {
      title: t('care.action.plan'),
      key: 'plan',
      render: (_, a) => (a.carePlanId ? <Tag color="green">{t('care.action.covered')}</Tag> : null),
    },
  ];
  return (
    <Flex vertical gap={16} data-testid="care-dashboard">
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('care.compliance.totalSpent')} value={formatFen(d.totalFen)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('care.compliance.nearOrOver')} value={d.nearOrOverCap.length} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('care.compliance.rejectedPlans')} value={d.rejectedPlans.length} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('care.compliance.doctorsOverCap')}
              value={d.doctorsOverYearCap}
              valueStyle={d.doctorsOverYearCap > 0 ? { color: '#cf1322' } : undefined}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('care.compliance.nearOrOverTitle')}>
        <Table<NearRow>
          rowKey="id"
          size="small"
          columns={nearColumns}
          dataSource={d.nearOrOverCap}
          pagination={{ pageSize: 10, size: 'small' }}
          scroll={{ x: 'max-content' }}
          data-testid="care-near-cap"
        />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('care.compliance.rejectedPlans')}>
            <Table
              rowKey="id"
              size="small"
              dataSource={d.rejectedPlans}
              pagination={false}
              columns={[
                {
                  title: t('care.plan.title'),
                  dataIndex: 'title',
                  render: (v: string, p: { id: string }) => (
                    <Link to={`/care?tab=plans&plan=${p.id}`}>{v}</Link>
                  ),
                },
                { title: t('care.rep'), dataIndex: 'ownerName' },
                {
                  title: t('care.plan.total'),
                  dataIndex: 'totalFen',
                  align: 'right',
                  render: (v: number) => formatFen(v),
                },
                {
                  title: t('care.compliance.decidedAt'),
                  dataIndex: 'decidedAt',
                  render: (v: string) => formatDateTime(v),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('care.compliance.unusual')}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('care.compliance.unusualHint')}
            </Typography.Paragraph>
            <Table
              rowKey="repId"
              size="small"
              dataSource={d.unusualSpend}
              pagination={false}
              columns={[
                { title: t('care.rep'), dataIndex: 'repName' },
                {
                  title: t('care.compliance.repTotal'),
                  dataIndex: 'totalFen',
                  align: 'right',
                  render: (v: number) => formatFen(v),
                },
                {
                  title: t('care.compliance.median'),
                  dataIndex: 'medianFen',
                  align: 'right',
                  render: (v: number) => formatFen(v),
                },
                {
                  title: t('care.compliance.factor'),
                  dataIndex: 'factor',
                  align: 'right',
                  render: (v: number) => `×${v.toFixed(1)}`,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

function AnnualTotals({ year }: { year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  // the transparency export is compliance's and the admin's (care.export.forbidden for managers)
  const mayExport = me.role === 'compliance' || me.role === 'admin';
  const [overCapOnly, setOverCapOnly] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [q, setQ] = useState('');
  const [exporting, setExporting] = useState(false);
  const totals = useAnnualTotals({
    year,
    overCapOnly: overCapOnly ? 'true' : undefined,
    q: q.trim() || undefined,
    ...page,
  });
  const columns: TableColumnsType<AnnualTotal> = [
    {
      title: t('care.doctor'),
      dataIndex: 'doctorName',
      render: (_, r) => <Link to={`/doctors/${r.id}?tab=care`}>{r.doctorName}</Link>,
    },
    { title: t('care.compliance.hospital'), dataIndex: 'hospitalName' },
    { title: t('care.compliance.tier'), dataIndex: 'tier' },
    { title: t('care.compliance.actions'), dataIndex: 'actions', align: 'right' },
    { title: t('care.compliance.reps'), dataIndex: 'reps', align: 'right' },
    ...careKinds.map((k: CareKindKey) => ({
      title: kindLabel(t, k),
      key: k,
      align: 'right' as const,
      render: (_: unknown, r: AnnualTotal) => (r.byKind[k] ? formatFen(r.byKind[k]) : ''),
    })),
    {
      title: t('care.compliance.total'),
      dataIndex: 'totalFen',
      align: 'right',
      render: (_, r) => <Typography.Text strong>{formatFen(r.totalFen)}</Typography.Text>,
    },
    {
      title: t('care.compliance.yearCap'),
      dataIndex: 'capPerYearFen',
      align: 'right',
      render: (_, r) => formatFen(r.capPerYearFen),
    },
    {
      title: '',
      key: 'overCap',
      render: (_, r) => (r.overCap ? <Tag color="red">{t('care.plan.overCap')}</Tag> : null),
    },
  ];
  const exportFile = () => {
    setExporting(true);
    downloadAnnualTotals(year, `care-annual-totals-${year}.xlsx`)
      .catch((e: unknown) => void message.error(errorText(e)))
      .finally(() => setExporting(false));
  };
  return (
    <div data-testid="care-annual-totals">
      <Flex wrap gap={8} justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Flex wrap gap={12} align="center">
          <Input.Search
            allowClear
            placeholder={t('care.compliance.searchDoctor')}
            onSearch={(v) => {
              setQ(v);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            style={{ width: 220 }}
          />
          <Flex gap={6} align="center">
            <Switch
              checked={overCapOnly}
              onChange={(v) => {
                setOverCapOnly(v);
                setPage((p) => ({ ...p, page: 1 }));
              }}
              data-testid="care-over-cap-only"
            />
            <span>{t('care.compliance.overCapOnly')}</span>
          </Flex>
        </Flex>
        {mayExport ? (
          <Button onClick={exportFile} loading={exporting} data-testid="care-export">
            {t('care.compliance.export')}
          </Button>
        ) : null}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('care.compliance.totalsHint')}
      </Typography.Paragraph>
      {totals.error ? (
        <Alert type="error" showIcon title={errorText(totals.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Table<AnnualTotal>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={totals.data?.items}
        loading={totals.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: totals.data?.total ?? 0,
          showSizeChanger: true,
          size: 'small',
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
    </div>
  );
}

type TierValues = {
  key: string;
  label: string;
  allowedKinds: CareKindKey[];
  actionsPerYear: number;
  capPerAction: string;
  capPerYear: string;
};
type SettingsValues = {
  reminderDaysAhead: number;
  festivals: CareFestival[];
  nearCapPct: number;
  unusualSpendFactor: number;
  tiers: TierValues[];
};

function SettingsForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const readOnly = me.role !== 'compliance' && me.role !== 'admin';
  const current = useCareSettings();
  const save = useSaveCareSettings();
  const [form] = Form.useForm<SettingsValues>();
  const s = current.data?.settings;

  useEffect(() => {
    if (!s) return;
    form.setFieldsValue({
      reminderDaysAhead: s.reminderDaysAhead,
      festivals: s.festivals,
      nearCapPct: s.nearCapPct,
      unusualSpendFactor: s.unusualSpendFactor,
      tiers: s.tiers.map((tier) => ({
        key: tier.key,
        label: tier.label,
        allowedKinds: tier.allowedKinds,
        actionsPerYear: tier.actionsPerYear,
        capPerAction: fenToYuanText(tier.capPerActionFen),
        capPerYear: fenToYuanText(tier.capPerYearFen),
      })),
    });
  }, [s, form]);

  const yuanRule = {
    validator: (_r: unknown, value: string | undefined) =>
      value && yuanToFen(value) !== null
        ? Promise.resolve()
        : Promise.reject(new Error(t('care.amountInvalid'))),
  };

  const submit = (v: SettingsValues) => {
    const settings = {
      reminderDaysAhead: v.reminderDaysAhead,
      festivals: v.festivals,
      nearCapPct: v.nearCapPct,
      unusualSpendFactor: v.unusualSpendFactor,
      tiers: v.tiers.map((tier) => ({
        key: tier.key.trim(),
        label: tier.label.trim(),
        allowedKinds: tier.allowedKinds,
        actionsPerYear: tier.actionsPerYear,
        capPerActionFen: yuanToFen(tier.capPerAction) ?? 0,
        capPerYearFen: yuanToFen(tier.capPerYear) ?? 0,
      })),
    };
    const parsed = careSettingsSchema.safeParse(settings);
    if (!parsed.success) {
      void message.error(
        `${t('care.settings.invalid')}：${parsed.error.issues.map((i) => i.message).join('；')}`,
      );
      return;
    }
    save.mutate(parsed.data, {
      onSuccess: () => void message.success(t('common.saved')),
      onError: (error) =>
        void message.error(
          isApiError(error) && error.fieldIssues.length > 0
            ? `${error.message}：${error.fieldIssues.map((i) => i.message).join('；')}`
            : errorText(error),
        ),
    });
  };

  if (current.isPending) return <Skeleton active />;
  if (current.error) return <Alert type="error" showIcon title={errorText(current.error)} />;
  const int = { precision: 0, style: { width: '100%' } } as const;

  return (
    <Card style={{ maxWidth: 1100 }}>
      {current.data.savedAt ? (
        <Typography.Paragraph type="secondary">
          {t('care.settings.savedAt', { at: formatDateTime(current.data.savedAt) })}
        </Typography.Paragraph>
      ) : null}
      <Form<SettingsValues>
        form={form}
        layout="vertical"
        disabled={readOnly}
        onFinish={submit}
        data-testid="care-settings-form"
      >
        <Typography.Title level={5}>{t('care.settings.tiers')}</Typography.Title>
        <Form.List name="tiers">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((field) => (
                <Row key={field.key} gutter={8} align="bottom" data-testid="care-settings-tier">
                  <Col xs={8} md={2}>
                    <Form.Item
                      name={[field.name, 'key']}
                      label={t('care.settings.tierKey')}
                      rules={[{ required: true }]}
                    >
                      <Input maxLength={20} />
                    </Form.Item>
                  </Col>
                  <Col xs={16} md={4}>
                    <Form.Item
                      name={[field.name, 'label']}
                      label={t('care.settings.tierLabel')}
                      rules={[{ required: true }]}
                    >
                      <Input maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={7}>
                    <Form.Item
                      name={[field.name, 'allowedKinds']}
                      label={t('care.settings.allowedKinds')}
                      rules={[{ required: true, type: 'array', min: 1 }]}
                    >
                      <Select
                        mode="multiple"
                        options={careKinds.map((k) => ({ value: k, label: kindLabel(t, k) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={3}>
                    <Form.Item
                      name={[field.name, 'actionsPerYear']}
                      label={t('care.settings.actionsPerYear')}
                      rules={[{ required: true }]}
                    >
                      <InputNumber min={0} max={366} {...int} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={3}>
                    <Form.Item
                      name={[field.name, 'capPerAction']}
                      label={t('care.tab.capPerAction')}
                      rules={[yuanRule]}
                    >
                      <Input prefix="¥" inputMode="decimal" data-testid="care-settings-cap-action" />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={3}>
                    <Form.Item
                      name={[field.name, 'capPerYear']}
                      label={t('care.tab.capPerYear')}
                      rules={[yuanRule]}
                    >
                      <Input prefix="¥" inputMode="decimal" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={2}>
                    <Form.Item label=" ">
                      <Button
                        danger
                        type="link"
                        disabled={readOnly || fields.length <= 1}
                        onClick={() => remove(field.name)}
                      >
                        {t('common.delete')}
                      </Button>
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              {readOnly ? null : (
                <Button
                  type="dashed"
                  onClick={() =>
                    add({
                      allowedKinds: [...careKinds],
                      actionsPerYear: 6,
                      capPerAction: '100.00',
                      capPerYear: '500.00',
                    })
                  }
                  style={{ alignSelf: 'flex-start', marginBottom: 16 }}
                >
                  {t('care.settings.addTier')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
        <Form.Item name="festivals" label={t('care.settings.festivals')}>
          <Checkbox.Group options={careFestivalKeys.map((f) => ({ value: f, label: festivalLabel(t, f) }))} />
        </Form.Item>
        <Row gutter={[16, 0]}>
          <Col xs={12} md={6}>
            <Form.Item
              name="reminderDaysAhead"
              label={t('care.settings.reminderDaysAhead')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={60} {...int} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="nearCapPct" label={t('care.settings.nearCapPct')} rules={[{ required: true }]}>
              <InputNumber min={1} max={100} suffix="%" {...int} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="unusualSpendFactor"
              label={t('care.settings.unusualSpendFactor')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={20} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {readOnly ? null : (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="care-settings-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

/** 关怀合规: the year's dashboard, the per-doctor annual totals (all reps together) with export, and the caps. */
export default function CareCompliancePage() {
  const { t } = useTranslation();
  const [params, set] = useSearchParamsUpdate();
  const year = Number(params.get('year')) || Number(chinaToday().slice(0, 4));
  const tabParam = params.get('tab');
  const tab: TabKey = tabs.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'dashboard';

  return (
    <div>
      <PageHeader
        title={t('nav.care-compliance')}
        subTitle={t('care.compliance.hint')}
        extra={
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs(`${year}-01-01`)}
            onChange={(d) => d && set({ year: String(d.year()) })}
            style={{ width: 120 }}
            data-testid="care-year"
          />
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key })}
        destroyOnHidden
        items={tabs.map((key) => ({
          key,
          label: <span data-testid={`care-compliance-tab-${key}`}>{t(`care.compliance.tabs.${key}`)}</span>,
          children:
            key === 'dashboard' ? (
              <Dashboard year={year} />
            ) : key === 'totals' ? (
              <AnnualTotals year={year} />
            ) : (
              <SettingsForm />
            ),
        }))}
      />
    </div>
  );
}
