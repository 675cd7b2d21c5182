import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  InputNumber,
  Select,
  Space,
  Steps,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChannelCustomer, Doctor, Hospital, ListResponse, SalesForecast } from '@keqing/shared';
import { api, errorText } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { useRemoteOptions } from '../../lib/resources.ts';
import '../../lib/locales/targets.ts';
import { ListError } from '../../app/ui/ListError.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { MonthPicker, SummaryTable, SummaryWarnings, useMonthParam } from './TargetsPage.tsx';
import { useForecastSummary, useSaveForecasts, type ForecastSummary } from './targets.api.ts';
import { forecastGaps, type ForecastDraft } from './targets.helpers.ts';

type Addition = ForecastDraft['additions'][number];
type AdditionKind = Addition['kind'];
const kinds: AdditionKind[] = ['hospitalId', 'channelCustomerId', 'doctorId'];

/**
 * 销售预测 in the seed's four steps: 1 fill the forecast (and goal) per product → 2 total against the quota with the
 * gap → 3 where to add (customers with quantities) → 4 the promotion plan → save.
 */
export default function ForecastPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [month, setMonth] = useMonthParam();
  const summary = useForecastSummary(month, undefined, me.role === 'rep');
  const saved = useQuery({
    queryKey: ['targets', 'forecasts', me.id, month],
    queryFn: ({ signal }) =>
      api.get<ListResponse<SalesForecast>>(
        '/sales-forecasts',
        { repId: me.id, month, pageSize: 200 },
        signal,
      ),
    enabled: me.role === 'rep',
  });
  const [drafts, setDrafts] = useState<ForecastDraft[]>([]);
  const [step, setStep] = useState(0);

  useEffect(() => {
    if (!summary.data || !saved.data) return;
    setDrafts(
      summary.data.rows.map((r) => {
        const f = saved.data.items.find((x) => x.productId === r.productId);
        return {
          productId: r.productId,
          forecastQuantity: r.forecast,
          goalQuantity: r.goal,
          additions: (f?.additions ?? []).map((a) => {
            const kind = kinds.find((k) => a[k]) ?? 'hospitalId';
            return { kind, id: a[kind], quantity: a.quantity, note: a.note };
          }),
          promotionPlan: f?.promotionPlan ?? '',
          ...(r.version !== null ? { version: r.version } : {}),
        };
      }),
    );
  }, [summary.data, saved.data]);

  if (me.role !== 'rep') return <Alert type="info" showIcon title={t('targets.forecastPage.repOnly')} />;
  const data = summary.data;
  const editable = data?.editable ?? false;
  const change = (productId: string, patch: Partial<ForecastDraft>) =>
    setDrafts((ds) => ds.map((d) => (d.productId === productId ? { ...d, ...patch } : d)));

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('targets.forecastPage.title')}
          </Typography.Title>
          <Link to={`/targets?month=${month}`}>{t('targets.forecastPage.back')}</Link>
        </Space>
        <MonthPicker month={month} onChange={setMonth} />
      </Flex>
      <ListError error={summary.error ?? saved.error} />
      {data && !editable ? <Alert type="info" showIcon title={t('targets.forecastPage.pastMonth')} /> : null}
      <Steps
        current={step}
        onChange={setStep}
        items={[
          { title: t('targets.forecastPage.steps.fill') },
          { title: t('targets.forecastPage.steps.total') },
          { title: t('targets.forecastPage.steps.add') },
          { title: t('targets.forecastPage.steps.promote') },
        ]}
        data-testid="forecast-steps"
      />
      <Card>
        {data ? (
          <>
            {step === 0 ? (
              <FillStep summary={data} drafts={drafts} editable={editable} onChange={change} />
            ) : null}
            {step === 1 ? <TotalStep summary={data} drafts={drafts} /> : null}
            {step === 2 ? (
              <AddStep summary={data} drafts={drafts} editable={editable} onChange={change} />
            ) : null}
            {step === 3 ? (
              <PromoteStep
                summary={data}
                drafts={drafts}
                editable={editable}
                onChange={change}
                month={month}
              />
            ) : null}
          </>
        ) : null}
      </Card>
      <Space>
        <Button disabled={step === 0} onClick={() => setStep((s) => s - 1)} data-testid="forecast-prev">
          {t('targets.forecastPage.prev')}
        </Button>
        {step < 3 ? (
          <Button type="primary" onClick={() => setStep((s) => s + 1)} data-testid="forecast-next">
            {t('targets.forecastPage.next')}
          </Button>
        ) : null}
      </Space>
    </Flex>
  );
}

type StepProps = {
  summary: ForecastSummary;
  drafts: ForecastDraft[];
  editable: boolean;
  onChange: (productId: string, patch: Partial<ForecastDraft>) => void;
};

const nameOf = (summary: ForecastSummary, productId: string) =>
  summary.rows.find((r) => r.productId === productId)?.productName ?? '';

function FillStep({ summary, drafts, editable, onChange }: StepProps) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ForecastDraft> = [
    { title: t('targets.product'), key: 'product', render: (_, d) => nameOf(summary, d.productId) },
    {
      title: t('targets.quota'),
      key: 'quota',
      align: 'right',
      render: (_, d) => formatNumber(summary.rows.find((r) => r.productId === d.productId)?.quota ?? 0),
    },
    {
      title: t('targets.forecast'),
      key: 'forecast',
      render: (_, d) => (
        <InputNumber
          aria-label={`${nameOf(summary, d.productId)} ${t('targets.forecast')}`}
          min={0}
          precision={0}
          value={d.forecastQuantity}
          disabled={!editable}
          onChange={(v) => onChange(d.productId, { forecastQuantity: typeof v === 'number' ? v : null })}
          data-testid={`forecast-input-${nameOf(summary, d.productId)}`}
        />
      ),
    },
    {
      title: t('targets.goal'),
      key: 'goal',
      render: (_, d) => (
        <InputNumber
          aria-label={`${nameOf(summary, d.productId)} ${t('targets.goal')}`}
          min={0}
          precision={0}
          value={d.goalQuantity}
          disabled={!editable}
          onChange={(v) => onChange(d.productId, { goalQuantity: typeof v === 'number' ? v : null })}
          data-testid={`goal-input-${nameOf(summary, d.productId)}`}
        />
      ),
    },
  ];
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('targets.forecastPage.fillHint')}</Typography.Text>
      <Table<ForecastDraft>
        rowKey="productId"
        size="small"
        columns={columns}
        dataSource={drafts}
        pagination={false}
      />
    </Flex>
  );
}

/** The draft's figures against the quota, before saving (the server's summary after). */
function draftSummary(summary: ForecastSummary, drafts: ForecastDraft[]): ForecastSummary {
  const rows = summary.rows.map((r) => {
    const d = drafts.find((x) => x.productId === r.productId);
    const forecast = d?.forecastQuantity ?? null;
    const gap = forecast === null ? null : forecast - r.quota;
    return {
      ...r,
      forecast,
      goal: d?.goalQuantity ?? null,
      gap,
      gapPct: gap === null || r.quota === 0 ? null : Math.round((gap / r.quota) * 1000) / 10,
    };
  });
  const sum = (f: (r: (typeof rows)[number]) => number | null) => rows.reduce((s, r) => s + (f(r) ?? 0), 0);
  const gap = sum((r) => r.forecast) - sum((r) => r.quota);
  return {
    ...summary,
    rows,
    totals: {
      quota: sum((r) => r.quota),
      forecast: sum((r) => r.forecast),
      goal: sum((r) => r.goal),
      gap,
      gapPct: sum((r) => r.quota) === 0 ? null : Math.round((gap / sum((r) => r.quota)) * 1000) / 10,
      additionsTotal: summary.totals.additionsTotal,
    },
    warnings: [],
  };
}

function GapWarning({ summary, drafts }: { summary: ForecastSummary; drafts: ForecastDraft[] }) {
  const { t } = useTranslation();
  const gaps = forecastGaps(draftSummary(summary, drafts).rows);
  if (!gaps.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="forecast-gap-warning"
      title={t('targets.forecastPage.gapWarning', {
        items: gaps
          .map((g) =>
            t('targets.forecastPage.gapItem', { product: g.product, gap: formatNumber(Math.abs(g.gap)) }),
          )
          .join('；'),
      })}
    />
  );
}

function TotalStep({ summary, drafts }: { summary: ForecastSummary; drafts: ForecastDraft[] }) {
  const { t } = useTranslation();
  const goalLow = draftSummary(summary, drafts).rows.filter((r) => r.goal !== null && r.goal < r.quota);
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('targets.forecastPage.totalHint')}</Typography.Text>
      <GapWarning summary={summary} drafts={drafts} />
      {goalLow.length ? (
        <Alert
          type="warning"
          showIcon
          data-testid="forecast-goal-warning"
          title={t('targets.forecastPage.goalWarning', {
            items: goalLow
              .map((r) => `${r.productName} ${formatNumber(r.goal)} < ${formatNumber(r.quota)}`)
              .join('；'),
          })}
        />
      ) : null}
      <SummaryTable summary={draftSummary(summary, drafts)} loading={false} />
    </Flex>
  );
}

function TargetSelect({
  kind,
  value,
  onChange,
  disabled,
  label,
}: {
  kind: AdditionKind;
  value: string | undefined;
  onChange: (id: string) => void;
  disabled: boolean;
  label: string;
}) {
  const hospitals = useRemoteOptions<Hospital>('hospitals', (h) => h.name, {
    enabled: kind === 'hospitalId',
  });
  const customers = useRemoteOptions<ChannelCustomer>('channel-customers', (c) => c.name, {
    enabled: kind === 'channelCustomerId',
  });
  const doctors = useRemoteOptions<Doctor>('doctors', (d) => d.name, { enabled: kind === 'doctorId' });
  const source = kind === 'hospitalId' ? hospitals : kind === 'channelCustomerId' ? customers : doctors;
  return (
    <Select
      aria-label={label}
      {...source.selectProps}
      value={value}
      onChange={onChange}
      disabled={disabled}
      placeholder={label}
      style={{ minWidth: 220 }}
    />
  );
}

function AddStep({ summary, drafts, editable, onChange }: StepProps) {
  const { t } = useTranslation();
  const setAdditions = (d: ForecastDraft, additions: Addition[]) => onChange(d.productId, { additions });
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('targets.forecastPage.addHint')}</Typography.Text>
      <GapWarning summary={summary} drafts={drafts} />
      {drafts.map((d) => {
        const product = nameOf(summary, d.productId);
        const total = d.additions.reduce((s, a) => s + (a.quantity ?? 0), 0);
        return (
          <Card
            key={d.productId}
            size="small"
            title={product}
            extra={`${t('targets.forecastPage.additionsTotal')} ${formatNumber(total)}`}
          >
            <Flex vertical gap={8}>
              {d.additions.map((a, i) => {
                const update = (patch: Partial<Addition>) =>
                  setAdditions(
                    d,
                    d.additions.map((x, j) => (j === i ? { ...x, ...patch } : x)),
                  );
                return (
                  <Space key={i} wrap data-testid={`addition-${product}-${i}`}>
                    <Select<AdditionKind>
                      aria-label={t('targets.forecastPage.kind')}
                      value={a.kind}
                      disabled={!editable}
                      onChange={(kind) => update({ kind, id: undefined })}
                      options={kinds.map((k) => ({ value: k, label: t(`targets.forecastPage.kinds.${k}`) }))}
                      style={{ width: 120 }}
                    />
                    <TargetSelect
                      kind={a.kind}
                      value={a.id}
                      disabled={!editable}
                      onChange={(id) => update({ id })}
                      label={t('targets.forecastPage.target')}
                    />
                    <InputNumber
                      aria-label={t('targets.quantity')}
                      placeholder={t('targets.quantity')}
                      min={0}
                      precision={0}
                      value={a.quantity}
                      disabled={!editable}
                      onChange={(v) => update({ quantity: typeof v === 'number' ? v : null })}
                      style={{ width: 150 }}
                    />
                    <Input
                      aria-label={t('targets.note')}
                      placeholder={t('targets.note')}
                      value={a.note}
                      maxLength={500}
                      disabled={!editable}
                      onChange={(e) => update({ note: e.target.value })}
                      style={{ width: 200 }}
                    />
                    {editable ? (
                      <Button
                        onClick={() =>
                          setAdditions(
                            d,
                            d.additions.filter((_, j) => j !== i),
                          )
                        }
                      >
                        {t('targets.forecastPage.remove')}
                      </Button>
                    ) : null}
                  </Space>
                );
              })}
              {editable ? (
                <Button
                  type="dashed"
                  onClick={() => setAdditions(d, [...d.additions, { kind: 'hospitalId', quantity: null }])}
                  data-testid={`addition-add-${product}`}
                >
                  {t('targets.forecastPage.addRow')}
                </Button>
              ) : null}
            </Flex>
          </Card>
        );
      })}
    </Flex>
  );
}

function PromoteStep({ summary, drafts, editable, onChange, month }: StepProps & { month: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveForecasts();
  const [result, setResult] = useState<ForecastSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ready = drafts.filter((d) => d.forecastQuantity !== null);
  const submit = () => {
    setError(null);
    save.mutate(
      {
        month,
        items: ready.map((d) => ({
          productId: d.productId,
          forecastQuantity: d.forecastQuantity!,
          goalQuantity: d.goalQuantity,
          additions: d.additions
            .filter((a) => a.id && a.quantity !== null)
            .map((a) => ({ [a.kind]: a.id, quantity: a.quantity!, ...(a.note ? { note: a.note } : {}) })),
          promotionPlan: d.promotionPlan || null,
          ...(d.version !== undefined ? { version: d.version } : {}),
        })),
      },
      {
        onSuccess: (s) => {
          setResult(s);
          for (const r of s.rows) if (r.version !== null) onChange(r.productId, { version: r.version });
          void message.success(t('targets.saved'));
        },
        onError: (e) => setError(errorText(e)),
      },
    );
  };
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('targets.forecastPage.promoteHint')}</Typography.Text>
      {drafts.map((d) => (
        <Flex key={d.productId} vertical gap={4}>
          <label htmlFor={`promotion-${d.productId}`}>
            {nameOf(summary, d.productId)} · {t('targets.forecastPage.promotionPlan')}
          </label>
          <Input.TextArea
            id={`promotion-${d.productId}`}
            rows={3}
            maxLength={2000}
            value={d.promotionPlan}
            disabled={!editable}
            onChange={(e) => onChange(d.productId, { promotionPlan: e.target.value })}
            data-testid={`promotion-${nameOf(summary, d.productId)}`}
          />
        </Flex>
      ))}
      {error ? <Alert type="error" showIcon title={error} /> : null}
      {result ? <SummaryWarnings summary={result} /> : null}
      {editable ? (
        <Button
          type="primary"
          disabled={!ready.length}
          loading={save.isPending}
          onClick={submit}
          data-testid="forecast-save"
          style={{ alignSelf: 'flex-start' }}
        >
          {t('targets.save')}
        </Button>
      ) : null}
    </Flex>
  );
}
