import '../../lib/locales/prospects.ts';
import '../../lib/locales/channel.ts';
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { prospectKinds, prospectPhases, prospectSources, prospectStatuses } from '@keqing/shared';
import { PageHeader } from '../../app/PageHeader.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { dateFormat, formatDate, formatDateTime } from '../../lib/format.ts';
import { useFormErrorHandler } from '../../lib/form-errors.ts';
import { useListParams } from '../../lib/list-params.ts';
import {
  useCreateProspect,
  useProspectFunnel,
  useProspects,
  type Prospect,
  type ProspectFunnel,
} from './prospects.api.ts';
import { ProspectContactCols } from './ProspectContactCols.tsx';

export const statusColors: Record<Prospect['status'], string> = {
  open: 'processing',
  converted: 'success',
  dropped: 'default',
};

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/** 开发漏斗: open prospects per phase, then every prospect per source with its conversion rate. */
function Funnel({ funnel }: { funnel: ProspectFunnel | undefined }) {
  const { t } = useTranslation();
  const sourceColumns: TableColumnsType<ProspectFunnel['sources'][number]> = [
    { key: 'source', title: t('prospects.source'), render: (_, r) => t(`prospects.sources.${r.source}`) },
    { key: 'total', title: t('prospects.funnel.total'), dataIndex: 'total', align: 'right' },
    { key: 'open', title: t('prospects.funnel.open'), dataIndex: 'open', align: 'right' },
    { key: 'converted', title: t('prospects.funnel.converted'), dataIndex: 'converted', align: 'right' },
    { key: 'dropped', title: t('prospects.funnel.dropped'), dataIndex: 'dropped', align: 'right' },
    {
      key: 'rate',
      title: t('prospects.funnel.rate'),
      align: 'right',
      render: (_, r) => percent(r.conversionRate),
    },
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={10}>
        <Card
          size="small"
          title={t('prospects.funnel.byPhase')}
          data-testid="prospect-funnel-phases"
          style={{ height: '100%' }}
        >
          <Row gutter={[8, 8]}>
            {prospectPhases.map((phase) => (
              <Col span={12} key={phase}>
                <Statistic
                  title={t(`prospects.phases.${phase}`)}
                  value={funnel?.phases.find((p) => p.phase === phase)?.open ?? 0}
                  data-testid={`funnel-phase-${phase}`}
                />
              </Col>
            ))}
            <Col span={12}>
              <Statistic title={t('prospects.funnel.converted')} value={funnel?.converted ?? 0} />
            </Col>
            <Col span={12}>
              <Statistic
                title={t('prospects.funnel.rate')}
                value={percent(funnel?.conversionRate ?? null)}
                data-testid="funnel-rate"
              />
            </Col>
          </Row>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('prospects.funnel.bySource')} data-testid="prospect-funnel-sources">
          <Table
            size="small"
            rowKey="source"
            pagination={false}
            columns={sourceColumns}
            dataSource={funnel?.sources ?? []}
            scroll={{ x: true }}
          />
        </Card>
      </Col>
    </Row>
  );
}

type NewValues = {
  name: string;
  kind: Prospect['kind'];
  source: Prospect['source'];
  sourceNote?: string;
  city?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  nextAction?: string;
  nextActionDue?: Dayjs | null;
};

const blankToNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

function NewProspectModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewValues>();
  const create = useCreateProspect();
  const onError = useFormErrorHandler();
  // a resend of the same form keeps its clientId, so a retry never makes a second prospect
  const [clientId, setClientId] = useState(() => crypto.randomUUID());

  const submit = (v: NewValues) =>
    create.mutate(
      {
        clientId,
        name: v.name,
        kind: v.kind,
        source: v.source,
        sourceNote: blankToNull(v.sourceNote),
        city: blankToNull(v.city),
        address: blankToNull(v.address),
        contactName: blankToNull(v.contactName),
        contactPhone: blankToNull(v.contactPhone),
        nextAction: blankToNull(v.nextAction),
        nextActionDue: v.nextActionDue ? v.nextActionDue.format(dateFormat) : null,
      },
      {
        onSuccess: (p) => {
          void message.success(t('prospects.created'));
          form.resetFields();
          setClientId(crypto.randomUUID());
          onClose();
          void navigate(`/channel/prospects/${p.id}`);
        },
        onError: (e) => onError(form, e),
      },
    );

  return (
    <Modal
      open={open}
      title={t('prospects.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<NewValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'pharmacy', source: 'referral' }}
        onFinish={submit}
        data-testid="prospect-form"
      >
        <Form.Item
          name="name"
          label={t('prospects.name')}
          rules={[{ required: true, whitespace: true, max: 60 }]}
        >
          <Input maxLength={60} data-testid="prospect-name" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('prospects.kind')} rules={[{ required: true }]}>
              <Select options={prospectKinds.map((k) => ({ value: k, label: t(`channel.kinds.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="source" label={t('prospects.source')} rules={[{ required: true }]}>
              <Select
                options={prospectSources.map((s) => ({ value: s, label: t(`prospects.sources.${s}`) }))}
                data-testid="prospect-source"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="sourceNote" label={t('prospects.sourceNote')}>
          <Input maxLength={500} />
        </Form.Item>
        <Row gutter={12}>
          <ProspectContactCols />
          <Col xs={24} sm={16}>
            <Form.Item name="nextAction" label={t('prospects.nextAction')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="nextActionDue" label={t('prospects.nextActionDue')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

const filterNames = ['status', 'phase', 'source', 'kind'] as const;

/** 客户开发: the funnel, the prospects in scope and a new prospect. */
export default function ProspectsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const list = useListParams({ filters: filterNames });
  const prospects = useProspects(list.query);
  const funnel = useProspectFunnel();
  const [adding, setAdding] = useState(false);

  const columns: TableColumnsType<Prospect> = [
    {
      key: 'name',
      title: t('prospects.name'),
      sorter: true,
      sortOrder: list.sortOrderOf('name'),
      render: (_, p) => <Link to={`/channel/prospects/${p.id}`}>{p.name}</Link>,
    },
    { key: 'kind', title: t('prospects.kind'), render: (_, p) => t(`channel.kinds.${p.kind}`) },
    { key: 'city', title: t('prospects.city'), dataIndex: 'city' },
    { key: 'source', title: t('prospects.source'), render: (_, p) => t(`prospects.sources.${p.source}`) },
    { key: 'phase', title: t('prospects.phase'), render: (_, p) => t(`prospects.phases.${p.phase}`) },
    {
      key: 'status',
      title: t('prospects.status'),
      render: (_, p) => <Tag color={statusColors[p.status]}>{t(`prospects.statuses.${p.status}`)}</Tag>,
    },
    { key: 'owner', title: t('prospects.owner'), dataIndex: 'ownerName' },
    {
      key: 'nextActionDue',
      title: t('prospects.nextAction'),
      sorter: true,
      sortOrder: list.sortOrderOf('nextActionDue'),
      render: (_, p) =>
        p.nextAction ? `${p.nextAction}${p.nextActionDue ? `（${formatDate(p.nextActionDue)}）` : ''}` : '',
    },
    {
      key: 'updatedAt',
      title: t('prospects.updatedAt'),
      sorter: true,
      sortOrder: list.sortOrderOf('updatedAt'),
      render: (_, p) => formatDateTime(p.updatedAt),
    },
  ];

  const filterSelect = <T extends string>(
    name: (typeof filterNames)[number],
    values: readonly T[],
    label: (v: T) => string,
  ) => (
    <Select
      allowClear
      placeholder={t(`prospects.${name}`)}
      style={{ width: 130 }}
      value={list.filters[name] as T | undefined}
      onChange={(v: T | undefined) => list.setFilter(name, v)}
      options={values.map((v) => ({ value: v, label: label(v) }))}
      data-testid={`prospect-filter-${name}`}
    />
  );

  return (
    <>
      <PageHeader
        title={t('prospects.title')}
        extra={
          me.role === 'compliance' ? null : (
            <Button type="primary" onClick={() => setAdding(true)} data-testid="prospect-new">
              {t('prospects.new')}
            </Button>
          )
        }
      />
      <Funnel funnel={funnel.data} />
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            defaultValue={list.q}
            placeholder={t('prospects.searchPlaceholder')}
            onSearch={list.setQ}
            style={{ width: 240 }}
          />
          {filterSelect('status', prospectStatuses, (v) => t(`prospects.statuses.${v}`))}
          {filterSelect('phase', prospectPhases, (v) => t(`prospects.phases.${v}`))}
          {filterSelect('source', prospectSources, (v) => t(`prospects.sources.${v}`))}
          {filterSelect('kind', prospectKinds, (v) => t(`channel.kinds.${v}`))}
        </Flex>
        <Table
          rowKey="id"
          size="small"
          loading={prospects.isFetching}
          columns={columns}
          dataSource={prospects.data?.items ?? []}
          pagination={list.pagination(prospects.data?.total)}
          onChange={list.onTableChange}
          scroll={{ x: true }}
          data-testid="prospect-list"
        />
      </Card>
      <NewProspectModal open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
