import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Popconfirm,
  Result,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { flowFields, type FlowField } from '@keqing/shared';
import { errorText, isApiError } from '../../../lib/api.ts';
import { formatFen } from '../../../lib/format.ts';
import '../../../lib/locales/channel-goods.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import {
  useConfirmMatches,
  useFinishFlow,
  useFlowImport,
  useFlowRows,
  useHospitalSearch,
  useSaveMapping,
  type FlowImport,
  type FlowMapping,
  type FlowPreviewRow,
} from './goods.api.ts';

/** 流向导入详情: the mapping step when needed, then the preview (counts, tabs), confirming matches, commit/cancel. */
export default function FlowImportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const flowImport = useFlowImport(id);
  if (flowImport.isLoading) return <Spin />;
  if (flowImport.error || !flowImport.data)
    return (
      <Result
        status="404"
        title={errorText(flowImport.error)}
        extra={<Button onClick={() => void navigate('/channel/flow')}>{t('channelGoods.back')}</Button>}
      />
    );
  const imp = flowImport.data;
  return (
    <div>
      <PageHeader
        title={`${t('channelGoods.flowTitle')} · ${imp.fileName}`}
        subTitle={`${imp.channelCustomerName}${imp.periodStart ? ` · ${imp.periodStart} ~ ${imp.periodEnd ?? ''}` : ''}`}
        extra={
          <>
            <Tag data-testid="flow-status">{t(`channelGoods.statuses.${imp.status}`)}</Tag>
            <Button onClick={() => void navigate('/channel/flow')}>{t('channelGoods.back')}</Button>
          </>
        }
      />
      {imp.needsMapping && imp.status === 'preview' ? <MappingStep imp={imp} /> : <Preview imp={imp} />}
    </div>
  );
}

function MappingStep({ imp }: { imp: FlowImport }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveMapping(imp.id);
  const [mapping, setMapping] = useState<FlowMapping>(imp.suggestedMapping);
  const headerOptions = [
    { value: '', label: t('channelGoods.notMapped') },
    ...imp.headers.filter(Boolean).map((h) => ({ value: h, label: h })),
  ];
  return (
    <Card title={t('channelGoods.mappingTitle')}>
      <Typography.Paragraph type="secondary">{t('channelGoods.mappingHint')}</Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 720 }}>
        <Flex wrap gap={12}>
          {flowFields.map((field: FlowField) => (
            <Form.Item
              key={field}
              label={t(`channelGoods.fields.${field}`)}
              style={{ width: 220, marginBottom: 8 }}
            >
              <Select
                data-testid={`flow-map-${field}`}
                value={mapping[field] ?? ''}
                options={headerOptions}
                onChange={(v: string) => setMapping((m) => ({ ...m, [field]: v || undefined }))}
              />
            </Form.Item>
          ))}
        </Flex>
      </Form>
      <Typography.Title level={5}>{t('channelGoods.sampleRows')}</Typography.Title>
      <Table
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={imp.sampleRows.map((cells) =>
          Object.fromEntries(imp.headers.map((h, i) => [String(i), cells[i] ?? ''])),
        )}
        columns={imp.headers.map((h, i) => ({ title: h, dataIndex: String(i) }))}
      />
      <Button
        type="primary"
        style={{ marginTop: 16 }}
        data-testid="flow-save-mapping"
        loading={save.isPending}
        onClick={() => {
          const clean = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v)) as FlowMapping;
          save.mutate(clean, { onError: (e) => void message.error(errorText(e)) });
        }}
      >
        {t('channelGoods.saveMapping')}
      </Button>
    </Card>
  );
}

type Tab = 'uncertain' | 'unmatched' | 'invalid' | 'all';

function Preview({ imp }: { imp: FlowImport }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [tab, setTab] = useState<Tab>(imp.counts.uncertain > 0 ? 'uncertain' : 'all');
  const [page, setPage] = useState(1);
  const rows = useFlowRows(imp.id, { matchStatus: tab === 'all' ? undefined : tab, page, pageSize: 50 });
  const finish = useFinishFlow(imp.id);
  const [overlap, setOverlap] = useState<string>();
  const c = imp.counts;
  const preview = imp.status === 'preview';

  const run = (action: 'commit' | 'cancel', replace?: boolean) =>
    finish.mutate(
      { action, replace },
      {
        onSuccess: () => {
          setOverlap(undefined);
          void message.success(t(action === 'commit' ? 'channelGoods.committed' : 'channelGoods.cancelled'));
        },
        onError: (e) => {
          if (action === 'commit' && isApiError(e) && e.code === 'CONFLICT' && e.message.includes('重叠'))
            setOverlap(e.message);
          else void message.error(errorText(e));
        },
      },
    );

  const stats: [string, number | string][] = [
    ['rows', c.rows],
    ['matched', c.matched],
    ['confirmed', c.confirmed],
    ['uncertain', c.uncertain],
    ['unmatched', c.unmatched],
    ['invalid', c.invalid],
    ['skipped', c.skipped],
    ['quantity', c.quantity],
    ['amount', formatFen(c.amountFen)],
  ];
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex wrap gap={24}>
          {stats.map(([key, value]) => (
            <div key={key} data-testid={`flow-count-${key}`}>
              <Statistic title={t(`channelGoods.counts.${key as 'rows'}`)} value={value} />
            </div>
          ))}
        </Flex>
        {imp.skippedRows.length > 0 ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('channelGoods.skippedRows')}: {imp.skippedRows.map((r) => r.row).join(', ')}
          </Typography.Paragraph>
        ) : null}
      </Card>
      {preview ? (
        <Flex wrap gap={8} align="center">
          {c.uncertain > 0 ? (
            <Alert type="warning" showIcon title={t('channelGoods.uncertainLeft', { count: c.uncertain })} />
          ) : null}
          <Button
            type="primary"
            data-testid="flow-commit"
            loading={finish.isPending}
            onClick={() => run('commit')}
          >
            {t('channelGoods.commit')}
          </Button>
          <Popconfirm title={t('channelGoods.cancel')} onConfirm={() => run('cancel')}>
            <Button danger data-testid="flow-cancel">
              {t('channelGoods.cancel')}
            </Button>
          </Popconfirm>
        </Flex>
      ) : null}
      {overlap ? (
        <Alert
          type="error"
          showIcon
          title={overlap}
          action={
            <Button size="small" danger data-testid="flow-commit-replace" onClick={() => run('commit', true)}>
              {t('channelGoods.commitReplace')}
            </Button>
          }
        />
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k as Tab);
          setPage(1);
        }}
        items={(['uncertain', 'unmatched', 'invalid', 'all'] as const).map((k) => ({
          key: k,
          label: <span data-testid={`flow-tab-${k}`}>{t(`channelGoods.tabs.${k}`)}</span>,
        }))}
      />
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        loading={rows.isLoading}
        dataSource={rows.data?.items ?? []}
        columns={rowColumns(tab, imp, preview)}
        pagination={{ current: page, pageSize: 50, total: rows.data?.total ?? 0, onChange: setPage }}
      />
    </Flex>
  );
}

function rowColumns(tab: Tab, imp: FlowImport, preview: boolean): TableColumnsType<FlowPreviewRow> {
  const cols: TableColumnsType<FlowPreviewRow> = [
    { title: <RowTitle k="row" />, dataIndex: 'rowNo', width: 70 },
  ];
  if (tab === 'invalid') {
    cols.push(
      {
        title: <RowTitle k="problems" />,
        key: 'problems',
        render: (_, r) => (
          <Space orientation="vertical" size={0}>
            {r.problems.map((p, i) => (
              <Typography.Text key={i} type="danger">
                {p.column}：{p.message}
              </Typography.Text>
            ))}
          </Space>
        ),
      },
      {
        title: '',
        key: 'raw',
        render: (_, r) => (
          <Typography.Text type="secondary">{Object.values(r.raw).join(' | ')}</Typography.Text>
        ),
      },
    );
    return cols;
  }
  cols.push(
    { title: <RowTitle k="saleDate" />, dataIndex: 'saleDate' },
    { title: <RowTitle k="buyer" />, dataIndex: 'buyerName' },
    { title: <RowTitle k="product" />, dataIndex: 'productName' },
    { title: <RowTitle k="quantity" />, dataIndex: 'quantity' },
    {
      title: <RowTitle k="amount" />,
      dataIndex: 'amountFen',
      render: (v: number | null) => (v === null ? '' : formatFen(v)),
    },
    {
      title: <RowTitle k="matchedTo" />,
      key: 'matched',
      render: (_, r) =>
        preview && (r.matchStatus === 'uncertain' || r.matchStatus === 'unmatched') ? (
          <MatchChooser importId={imp.id} row={r} />
        ) : (
          (r.hospitalName ?? r.buyerCustomerName ?? '—')
        ),
    },
  );
  return cols;
}

function RowTitle({
  k,
}: {
  k: 'row' | 'problems' | 'saleDate' | 'buyer' | 'product' | 'quantity' | 'amount' | 'matchedTo';
}) {
  const { t } = useTranslation();
  return <>{t(`channelGoods.${k}`)}</>;
}

/** Candidates of an uncertain row, a hospital search, or none; confirming applies to every row of that buyer name. */
function MatchChooser({ importId, row }: { importId: string; row: FlowPreviewRow }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const confirm = useConfirmMatches(importId);
  const [q, setQ] = useState('');
  const search = useHospitalSearch(q);
  const [choice, setChoice] = useState<string | undefined>(
    row.candidates[0] ? `${row.candidates[0].kind}:${row.candidates[0].id}` : undefined,
  );
  const options = [
    ...row.candidates.map((c) => ({
      value: `${c.kind}:${c.id}`,
      label: `${c.name}（${Math.round(c.score * 100)}%）`,
    })),
    ...(search.data?.items ?? [])
      .filter((h) => !row.candidates.some((c) => c.id === h.id))
      .map((h) => ({ value: `hospital:${h.id}`, label: h.name })),
    { value: 'none', label: t('channelGoods.noMatch') },
  ];
  const submit = () => {
    if (!choice || !row.buyerName) return;
    const [kind, id] = choice.split(':');
    const target =
      choice === 'none' ? { none: true } : kind === 'hospital' ? { hospitalId: id } : { buyerCustomerId: id };
    confirm.mutate([{ buyerName: row.buyerName, ...target }], {
      onSuccess: () => void message.success(t('channelGoods.confirmed')),
      onError: (e) => void message.error(errorText(e)),
    });
  };
  return (
    <Space.Compact style={{ minWidth: 280 }}>
      <Select
        data-testid={`flow-choice-${row.rowNo}`}
        style={{ width: 240 }}
        placeholder={t('channelGoods.choose')}
        value={choice}
        onChange={setChoice}
        showSearch={{ filterOption: false, onSearch: setQ }}
        options={options}
      />
      <Button
        type="primary"
        data-testid={`flow-confirm-${row.rowNo}`}
        loading={confirm.isPending}
        onClick={submit}
      >
        {t('channelGoods.confirm')}
      </Button>
    </Space.Compact>
  );
}
