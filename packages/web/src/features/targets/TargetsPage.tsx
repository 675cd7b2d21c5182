import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Product, QuotaCell, SalesAttainmentRow, Team } from '@keqing/shared';
import { errorText } from '../../lib/api.ts';
import { chinaToday, formatNumber } from '../../lib/format.ts';
import { useRemoteOptions } from '../../lib/resources.ts';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';
import '../../lib/locales/targets.ts';
import { ListError } from '../../app/ui/ListError.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import {
  useAttainment,
  useForecastSummary,
  useQuotaGrid,
  useSaveGrid,
  useSaveManualSale,
  useSaveTeamQuota,
  useTeamQuotas,
  type ForecastSummary,
  type QuotaGrid,
} from './targets.api.ts';
import { allocationOf, cellKey, changedCells, suggestionEdits, type GridEdits } from './targets.helpers.ts';

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

/** `?month=YYYY-MM` (default this month in China), so a view can be shared. */
export function useMonthParam(): [string, (month: string) => void] {
  const [params, update] = useSearchParamsUpdate();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '')
    ? params.get('month')!
    : chinaToday().slice(0, 7);
  return [month, (m: string) => update({ month: m })];
}

export function MonthPicker({ month, onChange }: { month: string; onChange: (m: string) => void }) {
  const { t } = useTranslation();
  return (
    <Space>
      <label htmlFor="targets-month">{t('targets.month')}</label>
      <DatePicker
        id="targets-month"
        picker="month"
        allowClear={false}
        value={dayjs(`${month}-01`)}
        onChange={(d) => d && onChange(d.format('YYYY-MM'))}
        data-testid="targets-month"
      />
    </Space>
  );
}

/** 指标 — rep: my quotas, goal, forecast and attainment; manager: the allocation grid; admin: team quotas. */
export default function TargetsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [month, setMonth] = useMonthParam();
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('targets.title')}
        </Typography.Title>
        <MonthPicker month={month} onChange={setMonth} />
      </Flex>
      {me.role === 'rep' ? <RepView month={month} /> : null}
      {me.role === 'admin' ? <TeamQuotasCard month={month} /> : null}
      {me.role !== 'rep' ? <ManagerView month={month} /> : null}
    </Flex>
  );
}

// ── rep ─────────────────────────────────────────────────────────────────────

function RepView({ month }: { month: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const summary = useForecastSummary(month);
  const attainment = useAttainment({ fromMonth: month, toMonth: month, groupBy: 'product', repId: me.id });
  const [manual, setManual] = useState<{ productId: string; productName: string } | null>(null);
  const notFlow = (attainment.data?.rows ?? []).filter((r) => r.source !== 'flow');
  const products = summary.data?.rows ?? [];
  // products with a quota but no actual row at all are also entered by hand
  const manualCandidates = [
    ...notFlow.map((r) => ({ productId: r.key, productName: r.label })),
    ...products
      .filter((p) => !(attainment.data?.rows ?? []).some((r) => r.key === p.productId))
      .map((p) => ({ productId: p.productId, productName: p.productName })),
  ];
  const mayEnter = month <= chinaToday().slice(0, 7);
  return (
    <>
      <Card
        title={t('targets.myTargets')}
        extra={
          <Link to={`/targets/forecast?month=${month}`} data-testid="open-forecast">
            {t('targets.openForecast')}
          </Link>
        }
      >
        <ListError error={summary.error} />
        <SummaryWarnings summary={summary.data} />
        <SummaryTable summary={summary.data} loading={summary.isFetching} />
      </Card>
      <Card title={t('targets.myAttainment')}>
        <ListError error={attainment.error} />
        <AttainmentTable
          rows={attainment.data?.rows}
          total={attainment.data?.total}
          loading={attainment.isFetching}
        />
        {mayEnter && manualCandidates.length ? (
          <Flex vertical gap={8} style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{t('targets.manualHint')}</Typography.Text>
            <Space wrap>
              {manualCandidates.map((c) => (
                <Button
                  key={c.productId}
                  onClick={() => setManual(c)}
                  data-testid={`manual-sale-${c.productName}`}
                >
                  {t('targets.manualEnter')}：{c.productName}
                </Button>
              ))}
            </Space>
          </Flex>
        ) : null}
      </Card>
      {manual ? <ManualSaleModal month={month} product={manual} onClose={() => setManual(null)} /> : null}
    </>
  );
}

export function SummaryWarnings({ summary }: { summary: ForecastSummary | undefined }) {
  if (!summary?.warnings.length) return null;
  return (
    <Flex vertical gap={4} style={{ marginBottom: 12 }}>
      {summary.warnings.map((w) => (
        <Alert key={`${w.kind}-${w.productId}`} type="warning" showIcon title={w.message} />
      ))}
    </Flex>
  );
}

export function SummaryTable({
  summary,
  loading,
}: {
  summary: ForecastSummary | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation();
  type Row = ForecastSummary['rows'][number];
  const columns: TableColumnsType<Row> = [
    { title: t('targets.product'), dataIndex: 'productName' },
    { title: t('targets.quota'), dataIndex: 'quota', align: 'right', render: formatNumber },
    { title: t('targets.goal'), dataIndex: 'goal', align: 'right', render: formatNumber },
    { title: t('targets.forecast'), dataIndex: 'forecast', align: 'right', render: formatNumber },
    {
      title: t('targets.gap'),
      dataIndex: 'gap',
      align: 'right',
      render: (v: number | null) => (
        <Typography.Text type={v !== null && v < 0 ? 'danger' : undefined}>{formatNumber(v)}</Typography.Text>
      ),
    },
    { title: t('targets.gapPct'), dataIndex: 'gapPct', align: 'right', render: pct },
  ];
  return (
    <Table<Row>
      rowKey="productId"
      size="small"
      columns={columns}
      dataSource={summary?.rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="forecast-summary-table"
      summary={() =>
        summary ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('targets.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {formatNumber(summary.totals.quota)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {formatNumber(summary.totals.goal)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {formatNumber(summary.totals.forecast)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {formatNumber(summary.totals.gap)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              {pct(summary.totals.gapPct)}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

function AttainmentTable({
  rows,
  total,
  loading,
  keyTitle,
  testId = 'attainment-table',
}: {
  rows: SalesAttainmentRow[] | undefined;
  total: SalesAttainmentRow | undefined;
  loading: boolean;
  keyTitle?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<SalesAttainmentRow> = [
    { title: keyTitle ?? t('targets.product'), dataIndex: 'label' },
    { title: t('targets.quota'), dataIndex: 'quota', align: 'right', render: formatNumber },
    { title: t('targets.actual'), dataIndex: 'actual', align: 'right', render: formatNumber },
    {
      title: t('targets.attainment'),
      dataIndex: 'attainmentPct',
      align: 'right',
      render: (v: number | null) => (
        <Typography.Text type={v !== null && v < 100 ? 'danger' : undefined}>{pct(v)}</Typography.Text>
      ),
    },
    {
      title: t('targets.source'),
      dataIndex: 'source',
      render: (s: SalesAttainmentRow['source']) => <Tag>{t(`targets.sources.${s}`)}</Tag>,
    },
  ];
  return (
    <Table<SalesAttainmentRow>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      summary={() =>
        total ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('targets.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {formatNumber(total.quota)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {formatNumber(total.actual)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {pct(total.attainmentPct)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} />
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

function ManualSaleModal({
  month,
  product,
  onClose,
}: {
  month: string;
  product: { productId: string; productName: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveManualSale();
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ quantity: number; note?: string }>();
  return (
    <Modal
      open
      title={`${t('targets.manualTitle')}：${product.productName} ${month}`}
      okText={t('targets.save')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save.mutate(
            { month, productId: product.productId, quantity: v.quantity, note: v.note || null },
            {
              onSuccess: () => {
                void message.success(t('targets.saved'));
                onClose();
              },
              onError: (e) => setError(errorText(e)),
            },
          )
        }
      >
        <Form.Item label={t('targets.quantity')} name="quantity" rules={[{ required: true }]}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="manual-sale-quantity" />
        </Form.Item>
        <Form.Item label={t('targets.note')} name="note">
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ── manager (and admin / compliance) ─────────────────────────────────────────

function TeamSelect({ value, onChange }: { value: string | undefined; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const teams = useRemoteOptions<Team>('teams', (team) => team.name);
  return (
    <Space>
      <label htmlFor="targets-team">{t('targets.team')}</label>
      <Select
        id="targets-team"
        {...teams.selectProps}
        value={value}
        onChange={onChange}
        placeholder={t('targets.noTeam')}
        style={{ minWidth: 200 }}
        data-testid="targets-team"
      />
    </Space>
  );
}

function ManagerView({ month }: { month: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, update] = useSearchParamsUpdate();
  const teamId = params.get('teamId') ?? me.teamId ?? undefined;
  const [groupBy, setGroupBy] = useState<'rep' | 'product'>('rep');
  const attainment = useAttainment({ fromMonth: month, toMonth: month, teamId, groupBy }, !!teamId);
  return (
    <>
      <Card
        title={t('targets.grid.title')}
        extra={<TeamSelect value={teamId} onChange={(id) => update({ teamId: id })} />}
      >
        {teamId ? <QuotaGridView teamId={teamId} month={month} readOnly={me.role === 'compliance'} /> : null}
      </Card>
      {teamId ? (
        <Card
          title={t('targets.teamAttainment')}
          extra={
            <Segmented
              value={groupBy}
              onChange={(v) => setGroupBy(v as 'rep' | 'product')}
              options={[
                { value: 'rep', label: t('targets.byRep') },
                { value: 'product', label: t('targets.byProduct') },
              ]}
            />
          }
        >
          <ListError error={attainment.error} />
          <AttainmentTable
            rows={attainment.data?.rows}
            total={attainment.data?.total}
            loading={attainment.isFetching}
            keyTitle={groupBy === 'rep' ? t('targets.rep') : t('targets.product')}
            testId="team-attainment-table"
          />
        </Card>
      ) : null}
    </>
  );
}

type GridRow = {
  key: string;
  kind: 'rep' | 'teamQuota' | 'unallocated';
  repId?: string;
  username?: string;
  name: string;
};

function QuotaGridView({ teamId, month, readOnly }: { teamId: string; month: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const grid = useQuotaGrid(teamId, month);
  const save = useSaveGrid();
  const [edits, setEdits] = useState<GridEdits>({});
  const [saveWarnings, setSaveWarnings] = useState<QuotaGrid['warnings'] | null>(null);
  useEffect(() => {
    setEdits({});
    setSaveWarnings(null);
  }, [teamId, month]);
  const data = grid.data;
  const changes = data ? changedCells(data, edits) : [];
  const allocation = useMemo(() => (data ? allocationOf(data, edits) : []), [data, edits]);
  const cellOf = (repId: string, productId: string): QuotaCell | undefined =>
    data?.cells.find((c) => c.repId === repId && c.productId === productId);

  if (grid.error) return <ListError error={grid.error} />;
  if (!data) return null;
  if (!data.reps.length) return <Alert type="info" showIcon title={t('targets.grid.noReps')} />;

  const rows: GridRow[] = [
    { key: 'teamQuota', kind: 'teamQuota', name: t('targets.grid.teamQuota') },
    ...data.reps.map((r) => ({
      key: r.id,
      kind: 'rep' as const,
      repId: r.id,
      username: r.username,
      name: r.name,
    })),
    { key: 'unallocated', kind: 'unallocated', name: t('targets.grid.unallocated') },
  ];
  const columns: TableColumnsType<GridRow> = [
    {
      title: t('targets.rep'),
      dataIndex: 'name',
      fixed: 'start',
      render: (v: string, r) => (r.kind === 'rep' ? v : <b>{v}</b>),
    },
    ...data.products.map((p) => ({
      title: p.name,
      key: p.id,
      render: (_: unknown, row: GridRow) => {
        if (row.kind === 'teamQuota') return formatNumber(p.teamQuota?.quantity ?? null) || '—';
        if (row.kind === 'unallocated') {
          const left = allocation.find((a) => a.productId === p.id)?.unallocated ?? null;
          return (
            <Typography.Text
              type={left !== null && left < 0 ? 'danger' : undefined}
              data-testid={`unallocated-${p.name}`}
            >
              {left === null ? '—' : formatNumber(left)}
            </Typography.Text>
          );
        }
        const cell = cellOf(row.repId!, p.id);
        const k = cellKey(row.repId!, p.id);
        const value = edits[k] ?? cell?.quota?.quantity ?? null;
        const f = cell?.factors;
        const goalLow =
          cell?.goal !== null && cell?.goal !== undefined && value !== null && cell.goal < value;
        return (
          <Flex vertical gap={2}>
            <InputNumber
              aria-label={`${row.name} ${p.name} ${t('targets.quota')}`}
              min={0}
              precision={0}
              value={value}
              disabled={readOnly}
              onChange={(v) => setEdits((e) => ({ ...e, [k]: typeof v === 'number' ? v : 0 }))}
              data-testid={`quota-cell-${row.username}-${p.name}`}
              style={{ width: 120 }}
            />
            {f ? (
              <Tooltip title={t('targets.grid.factorsHelp')}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('targets.grid.factors', {
                    high: f.highPotentialDoctors,
                    potential: f.potentialSum,
                    usage: formatNumber(f.recentUnits),
                    competitor: f.competitorDoctors,
                  })}
                </Typography.Text>
              </Tooltip>
            ) : null}
            <Space size={4} wrap>
              {cell?.suggested !== null && cell?.suggested !== undefined ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('targets.grid.suggested', { value: formatNumber(cell.suggested) })}
                </Typography.Text>
              ) : null}
              {cell?.goal !== null && cell?.goal !== undefined ? (
                <Typography.Text type={goalLow ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  {t('targets.grid.goalLabel', { goal: formatNumber(cell.goal) })}
                </Typography.Text>
              ) : null}
            </Space>
          </Flex>
        );
      },
    })),
  ];

  const submit = () =>
    save.mutate(
      { teamId, month, cells: changes },
      {
        onSuccess: (saved) => {
          setEdits({});
          setSaveWarnings(saved.warnings);
          void message.success(t('targets.saved'));
        },
        onError: (e) => void message.error(errorText(e)),
      },
    );

  const warnings = saveWarnings ?? data.warnings;
  return (
    <Flex vertical gap={12}>
      {warnings.map((w) => (
        <Alert key={`${w.kind}-${w.productId}-${w.repId ?? ''}`} type="warning" showIcon title={w.message} />
      ))}
      {!readOnly ? (
        <Space wrap>
          <Button onClick={() => setEdits(suggestionEdits(data))} data-testid="apply-suggestion">
            {t('targets.grid.applySuggestion')}
          </Button>
          <Button
            type="primary"
            disabled={!changes.length}
            loading={save.isPending}
            onClick={submit}
            data-testid="save-grid"
          >
            {t('targets.save')}
          </Button>
          {changes.length ? (
            <Typography.Text type="warning">
              {t('targets.grid.unsaved', { count: changes.length })}
            </Typography.Text>
          ) : null}
        </Space>
      ) : null}
      <Table<GridRow>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        loading={grid.isFetching}
        scroll={{ x: 'max-content' }}
        data-testid="quota-grid"
      />
    </Flex>
  );
}

// ── admin: team quotas ───────────────────────────────────────────────────────

function TeamQuotasCard({ month }: { month: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const quotas = useTeamQuotas({ month, pageSize: 200 });
  const save = useSaveTeamQuota();
  const [form] = Form.useForm<{ teamId: string; productId: string; quantity: number }>();
  const teams = useRemoteOptions<Team>('teams', (team) => team.name);
  const products = useRemoteOptions<Product>('products', (p) => p.name);
  type Row = NonNullable<typeof quotas.data>['items'][number];
  const columns: TableColumnsType<Row> = [
    { title: t('targets.team'), dataIndex: 'teamName' },
    { title: t('targets.product'), dataIndex: 'productName' },
    { title: t('targets.grid.teamQuota'), dataIndex: 'quantity', align: 'right', render: formatNumber },
  ];
  const finish = (v: { teamId: string; productId: string; quantity: number }) => {
    const existing = quotas.data?.items.find((q) => q.teamId === v.teamId && q.productId === v.productId);
    save.mutate(
      { ...v, month, ...(existing ? { version: existing.version } : {}) },
      {
        onSuccess: () => void message.success(t('targets.saved')),
        onError: (e) => void message.error(errorText(e)),
      },
    );
  };
  return (
    <Card title={t('targets.teamQuotas.title')}>
      <Form form={form} layout="inline" onFinish={finish} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={t('targets.team')} name="teamId" rules={[{ required: true }]}>
          <Select {...teams.selectProps} style={{ minWidth: 180 }} data-testid="team-quota-team" />
        </Form.Item>
        <Form.Item label={t('targets.product')} name="productId" rules={[{ required: true }]}>
          <Select {...products.selectProps} style={{ minWidth: 160 }} data-testid="team-quota-product" />
        </Form.Item>
        <Form.Item label={t('targets.quantity')} name="quantity" rules={[{ required: true }]}>
          <InputNumber min={0} precision={0} data-testid="team-quota-quantity" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="team-quota-save">
          {t('targets.teamQuotas.set')}
        </Button>
      </Form>
      <ListError error={quotas.error} />
      <Table<Row>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={quotas.data?.items}
        loading={quotas.isFetching}
        pagination={false}
        locale={{ emptyText: t('targets.teamQuotas.empty') }}
        onRow={(q) => ({
          onClick: () =>
            form.setFieldsValue({ teamId: q.teamId, productId: q.productId, quantity: q.quantity }),
          style: { cursor: 'pointer' },
        })}
        data-testid="team-quotas-table"
      />
    </Card>
  );
}
