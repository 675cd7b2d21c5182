import { DatePicker, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { auditActions, type AuditEntry } from '@keqing/shared';
import { dateFormat, formatDateTime } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { useList } from '../../lib/resources.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { ListError } from '../../app/ui/ListError.tsx';
import { ListToolbar, toolbarItemStyle } from '../../app/ui/ListToolbar.tsx';
import { useUserOptions } from '../admin/admin.api.ts';

/** Entities the server audits today; others are shown under their own name. */
const knownEntities = [
  'user',
  'session',
  'region',
  'area',
  'team',
  'territory',
  'hospital',
  'department',
  'doctor',
  'doctorProfile',
  'doctorScore',
  'doctorLadder',
  'keyContact',
  'product',
  'hospitalProductListing',
  'kolProfile',
  'keyAccountSnapshot',
  'segmentationConfig',
  'importBatch',
  'export',
  'savedView',
] as const;
type KnownEntity = (typeof knownEntities)[number];

function entityLabel(entity: string, t: TFunction): string {
  return (knownEntities as readonly string[]).includes(entity)
    ? t(`audit.entities.${entity as KnownEntity}`)
    : entity;
}

function actionLabel(action: string, t: TFunction): string {
  return (auditActions as readonly string[]).includes(action)
    ? t(`audit.actions.${action as (typeof auditActions)[number]}`)
    : action;
}

const actionColors: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  assign: 'purple',
  password: 'orange',
  login: 'default',
  logout: 'default',
  export: 'gold',
};

/** A before/after value as text: '—' for nothing, JSON for lists and objects. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function ValueText({ value, secondary = false }: { value: unknown; secondary?: boolean }) {
  return (
    <Typography.Paragraph
      type={secondary ? 'secondary' : undefined}
      style={{ margin: 0, wordBreak: 'break-all' }}
      ellipsis={{ rows: 3, expandable: 'collapsible' }}
    >
      {valueText(value)}
    </Typography.Paragraph>
  );
}

type ChangeRow = { field: string; before: unknown; after: unknown };

function ChangesTable({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const rows: ChangeRow[] = Object.entries(entry.changes).map(([field, change]) => ({ field, ...change }));
  return (
    <div data-testid="audit-changes">
      <Table<ChangeRow>
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={rows}
        // Fixed layout: long values (lists of ids) wrap inside the row instead of widening the page.
        tableLayout="fixed"
        locale={{ emptyText: t('audit.noChanges') }}
        columns={[
          {
            title: t('audit.field'),
            dataIndex: 'field',
            key: 'field',
            width: 140,
            render: (v: string) => <code style={{ overflowWrap: 'anywhere' }}>{v}</code>,
          },
          {
            title: t('audit.before'),
            dataIndex: 'before',
            key: 'before',
            render: (v: unknown) => <ValueText value={v} secondary />,
          },
          {
            title: t('audit.after'),
            dataIndex: 'after',
            key: 'after',
            render: (v: unknown) => <ValueText value={v} />,
          },
        ]}
      />
      {entry.requestId ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('audit.requestId')}: {entry.requestId}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/** 审计日志: who changed what and when (admin and compliance), newest first. */
export default function AuditPage() {
  const { t } = useTranslation();
  const list = useListParams({ filters: ['entity', 'entityId', 'action', 'actorId', 'from', 'to'] });
  const { data, isFetching, error } = useList<AuditEntry>('audit-logs', list.query);
  const actors = useUserOptions({ active: undefined });
  const { from, to } = list.filters;

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', key: 'at', render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      key: 'actor',
      render: (v: string | null) => v ?? t('audit.system'),
    },
    {
      title: t('audit.entity'),
      dataIndex: 'entity',
      key: 'entity',
      render: (v: string) => entityLabel(v, t),
    },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      key: 'entityId',
      render: (v: string) => (
        <Typography.Text copyable={{ text: v }} style={{ fontFamily: 'monospace', fontSize: 12 }}>
          {v.length > 13 ? `${v.slice(0, 8)}…` : v}
        </Typography.Text>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (v: string) => <Tag color={actionColors[v] ?? 'default'}>{actionLabel(v, t)}</Tag>,
    },
    {
      title: t('audit.changes'),
      key: 'changes',
      render: (_: unknown, entry) => {
        const fields = Object.keys(entry.changes);
        if (fields.length === 0) return '—';
        const shown = fields.slice(0, 4).join(t('common.listSeparator'));
        return fields.length > 4 ? t('audit.moreFields', { fields: shown, count: fields.length - 4 }) : shown;
      },
    },
  ];

  return (
    <div>
      <PageHeader title={t('nav.audit')} subTitle={t('audit.hint')} />
      <ListToolbar>
        <Select
          allowClear
          placeholder={t('audit.allEntities')}
          value={list.filters.entity}
          onChange={(v?: string) => list.setFilter('entity', v)}
          style={toolbarItemStyle}
          options={knownEntities.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
          data-testid="audit-entity"
        />
        <Select
          allowClear
          placeholder={t('audit.allActions')}
          value={list.filters.action}
          onChange={(v?: string) => list.setFilter('action', v)}
          style={toolbarItemStyle}
          options={auditActions.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))}
          data-testid="audit-action"
        />
        <Select
          allowClear
          placeholder={t('audit.allActors')}
          value={list.filters.actorId}
          onChange={(v?: string) => list.setFilter('actorId', v)}
          style={toolbarItemStyle}
          {...actors.selectProps}
          data-testid="audit-actor"
        />
        <DatePicker.RangePicker
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          format={dateFormat}
          allowEmpty={[true, true]}
          inputReadOnly
          onChange={(range) => {
            list.setFilters({ from: range?.[0]?.format(dateFormat), to: range?.[1]?.format(dateFormat) });
          }}
          style={{ flex: '1 1 240px', maxWidth: 300, minWidth: 0 }}
          data-testid="audit-dates"
        />
        <Input.Search
          key={list.filters.entityId ?? ''}
          defaultValue={list.filters.entityId}
          allowClear
          placeholder={t('audit.entityId')}
          onSearch={(v) => list.setFilter('entityId', v.trim() || undefined)}
          style={toolbarItemStyle}
        />
      </ListToolbar>
      <ListError error={error} />
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        expandable={{
          // A fixed expand column makes antd give the expanded row the visible width, so long values wrap there.
          fixed: 'left',
          expandedRowRender: (entry) => <ChangesTable entry={entry} />,
          rowExpandable: (entry) => Object.keys(entry.changes).length > 0 || !!entry.requestId,
        }}
        data-testid="audit-table"
      />
    </div>
  );
}
