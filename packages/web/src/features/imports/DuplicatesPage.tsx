import { useState, type ReactNode } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Pagination,
  Radio,
  Segmented,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { duplicateReasonLabels } from '@keqing/shared';
import { errorText } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { ListError } from '../../app/ui/ListError.tsx';
import { ListToolbar, SearchBox } from '../../app/ui/ListToolbar.tsx';
import { TextFilter } from '../../app/ui/TextFilter.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { levelLabel, titleLabel, useLocalized } from '../accounts/labels.ts';
import {
  useDuplicates,
  useMerge,
  type DuplicateDoctorGroup,
  type DuplicateHospitalGroup,
  type DuplicateKind,
} from './imports.api.ts';

type Member = { id: string; name: string };
type Group = { id: string; reasons: DuplicateDoctorGroup['reasons']; members: Member[] };

/**
 * 查重合并: likely duplicates (same name + hospital + department, same phone; hospitals of one city with the
 * same name or alias). Choose the record to keep; the others are folded into it with everything attached.
 */
export default function DuplicatesPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  // Hospitals are organisation-wide master data: only admins see and merge their duplicates.
  const isAdmin = useCurrentUser().role === 'admin';
  const kind: DuplicateKind = isAdmin && searchParams.get('kind') === 'hospitals' ? 'hospitals' : 'doctors';
  const list = useListParams({ prefix: 'dup', filters: ['city'], defaultPageSize: 10 });
  const { data, isFetching, isPending, error } = useDuplicates<DuplicateDoctorGroup | DuplicateHospitalGroup>(
    kind,
    { ...list.query, city: kind === 'hospitals' ? list.filters.city : undefined },
  );

  return (
    <div data-testid="duplicates-page">
      <ListToolbar>
        {isAdmin ? (
          <Segmented<DuplicateKind>
            value={kind}
            onChange={(v) => setSearchParams({ kind: v }, { replace: true })}
            options={[
              { value: 'doctors', label: t('duplicates.doctors') },
              { value: 'hospitals', label: t('duplicates.hospitals') },
            ]}
            data-testid="dup-kind"
          />
        ) : null}
        <SearchBox value={list.q} onSearch={list.setQ} placeholder={t('duplicates.search')} />
        {kind === 'hospitals' ? (
          <TextFilter
            value={list.filters.city}
            onChange={(v) => list.setFilter('city', v)}
            placeholder={t('accounts.city')}
          />
        ) : null}
      </ListToolbar>
      <Typography.Paragraph type="secondary">{t('duplicates.hint')}</Typography.Paragraph>
      <ListError error={error} />
      {isPending ? <Skeleton active /> : null}
      {data && data.items.length === 0 ? <Empty description={t('duplicates.none')} /> : null}
      <Flex vertical gap={12} style={{ opacity: isFetching ? 0.6 : 1 }}>
        {(data?.items ?? []).map((g) =>
          kind === 'doctors' ? (
            <DoctorGroup key={g.id} group={g as DuplicateDoctorGroup} />
          ) : (
            <HospitalGroup key={g.id} group={g as DuplicateHospitalGroup} />
          ),
        )}
      </Flex>
      {data && data.total > list.pageSize ? (
        <Pagination
          style={{ marginTop: 12 }}
          size="small"
          current={list.page}
          pageSize={list.pageSize}
          total={data.total}
          onChange={list.setPage}
          showSizeChanger={false}
        />
      ) : null}
    </div>
  );
}

function DoctorGroup({ group }: { group: DuplicateDoctorGroup }) {
  const { t } = useTranslation();
  return (
    <GroupCard
      kind="doctors"
      group={{ id: group.id, reasons: group.reasons, members: group.doctors }}
      rows={group.doctors}
      columns={[
        {
          key: 'name',
          title: t('accounts.doctor.name'),
          render: (d: DuplicateDoctorGroup['doctors'][number]) => (
            <Link to={`/doctors/${d.id}`} target="_blank">
              {d.name}
            </Link>
          ),
        },
        { key: 'code', title: t('accounts.code'), render: (d) => d.code ?? '' },
        { key: 'hospital', title: t('accounts.hospital.name'), render: (d) => d.hospitalName },
        { key: 'department', title: t('accounts.department.name'), render: (d) => d.departmentName ?? '' },
        { key: 'title', title: t('accounts.doctor.title'), render: (d) => titleLabel(d.title, t) },
        { key: 'phone', title: t('accounts.doctor.phone'), render: (d) => d.phone ?? '' },
        { key: 'scores', title: t('duplicates.scoreCount'), align: 'right', render: (d) => d.scoreCount },
        { key: 'created', title: t('common.createdAt'), render: (d) => formatDate(d.createdAt) },
      ]}
    />
  );
}

function HospitalGroup({ group }: { group: DuplicateHospitalGroup }) {
  const { t } = useTranslation();
  return (
    <GroupCard
      kind="hospitals"
      group={{ id: group.id, reasons: group.reasons, members: group.hospitals }}
      title={group.city}
      rows={group.hospitals}
      columns={[
        {
          key: 'name',
          title: t('accounts.hospital.name'),
          render: (h: DuplicateHospitalGroup['hospitals'][number]) => (
            <Link to={`/hospitals/${h.id}`} target="_blank">
              {h.name}
            </Link>
          ),
        },
        { key: 'alias', title: t('accounts.hospital.alias'), render: (h) => h.alias ?? '' },
        { key: 'code', title: t('accounts.code'), render: (h) => h.code ?? '' },
        { key: 'level', title: t('accounts.hospital.level'), render: (h) => levelLabel(h.level, t) },
        { key: 'address', title: t('accounts.hospital.address'), render: (h) => h.address ?? '' },
        { key: 'doctors', title: t('duplicates.doctorCount'), align: 'right', render: (h) => h.doctorCount },
        { key: 'created', title: t('common.createdAt'), render: (h) => formatDate(h.createdAt) },
      ]}
    />
  );
}

type Column<T> = { key: string; title: string; align?: 'right'; render: (row: T) => ReactNode };

function GroupCard<T extends Member>({
  kind,
  group,
  rows,
  columns,
  title,
}: {
  kind: DuplicateKind;
  group: Group;
  rows: T[];
  columns: Column<T>[];
  title?: string;
}) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const { message, modal } = App.useApp();
  const merge = useMerge(kind);
  // The server suggests the oldest record; records unticked stay as they are.
  const [keepId, setKeepId] = useState(group.id);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const mergeIds = group.members.map((m) => m.id).filter((id) => id !== keepId && !excluded.has(id));
  const kept = group.members.find((m) => m.id === keepId);

  const confirm = () =>
    modal.confirm({
      title: t('duplicates.confirmTitle'),
      content: t('duplicates.confirm', { name: kept?.name ?? '', count: mergeIds.length }),
      okText: t('duplicates.merge'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        merge
          .mutateAsync(
            { keepId, mergeIds },
            {
              onSuccess: (r) => {
                const moved = Object.values(r.moved).reduce((a, b) => a + b, 0);
                void message.success(t('duplicates.merged', { count: r.mergedIds.length, moved }));
              },
              onError: (e) => void message.error(errorText(e)),
            },
          )
          .catch(() => undefined),
    });

  return (
    <Card
      size="small"
      data-testid="dup-group"
      title={
        <Space wrap size={4}>
          {title ? <Typography.Text strong>{title}</Typography.Text> : null}
          {group.reasons.map((r) => (
            <Tag key={r} color="orange">
              {pick(duplicateReasonLabels[r])}
            </Tag>
          ))}
        </Space>
      }
      extra={
        <Button
          danger
          size="small"
          disabled={mergeIds.length === 0}
          loading={merge.isPending}
          onClick={confirm}
          data-testid="dup-merge"
        >
          {t('duplicates.mergeN', { count: mergeIds.length })}
        </Button>
      }
    >
      <Table<T>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'keep',
            title: t('duplicates.keep'),
            width: 56,
            render: (_, r) => (
              <Radio
                checked={r.id === keepId}
                onChange={() => setKeepId(r.id)}
                aria-label={t('duplicates.keep')}
                data-testid="dup-keep"
              />
            ),
          },
          {
            key: 'include',
            title: t('duplicates.include'),
            width: 56,
            render: (_, r) => (
              <Checkbox
                disabled={r.id === keepId}
                checked={r.id !== keepId && !excluded.has(r.id)}
                onChange={(e) =>
                  setExcluded((prev) => {
                    const next = new Set(prev);
                    if (e.target.checked) next.delete(r.id);
                    else next.add(r.id);
                    return next;
                  })
                }
                aria-label={t('duplicates.include')}
              />
            ),
          },
          ...columns.map((c) => ({
            key: c.key,
            title: c.title,
            align: c.align,
            render: (_: unknown, r: T) => c.render(r),
          })),
        ]}
      />
    </Card>
  );
}
