import { useMemo, useState } from 'react';
import { Button, Select, Table, type TableColumnsType } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.ts';
import { useListParams } from '../../../lib/list-params.ts';
import { useList } from '../../../lib/resources.ts';
import { canWrite } from '../../../app/navigation.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { ActiveTag } from '../../../app/ui/ActiveTag.tsx';
import { FormModal } from '../../../app/ui/FormModal.tsx';
import { ListError } from '../../../app/ui/ListError.tsx';
import { ActiveFilter, ListToolbar, SearchBox, toolbarItemStyle } from '../../../app/ui/ListToolbar.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { useProducts, useTeamOptions, useUserOptions, type Territory } from '../admin.api.ts';
import { ProductTags } from './ProductTags.tsx';
import { TerritoryForm } from './TerritoryForm.tsx';
import { territoriesBase } from './territory-labels.ts';

/** 辖区: admins manage all territories; a manager sees their team's, read-only. */
export default function TerritoriesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const writable = canWrite(me.role);
  const base = territoriesBase(useLocation().pathname);
  const navigate = useNavigate();
  const list = useListParams({ filters: ['teamId', 'repId', 'active'] });
  const { data, isFetching, error } = useList<Territory>('territories', list.query);
  const products = useProducts();
  const productsById = useMemo(
    () => new Map((products.data?.items ?? []).map((p) => [p.id, p])),
    [products.data],
  );
  const teams = useTeamOptions({ params: { active: undefined }, enabled: me.role !== 'manager' });
  const reps = useUserOptions({ role: 'rep', active: undefined });
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<Territory> = [
    {
      title: t('territories.code'),
      dataIndex: 'code',
      key: 'code',
      sorter: true,
      sortOrder: list.sortOrderOf('code'),
      render: (code: string, row) => <Link to={`${base}/${row.id}`}>{code}</Link>,
    },
    {
      title: t('territories.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: list.sortOrderOf('name'),
      render: (name: string, row) => <Link to={`${base}/${row.id}`}>{name}</Link>,
    },
    { title: t('territories.team'), dataIndex: 'teamName', key: 'teamName' },
    {
      title: t('territories.currentRep'),
      dataIndex: 'repName',
      key: 'repName',
      render: (v: string | null) => v ?? <span style={{ color: '#999' }}>{t('territories.unassigned')}</span>,
    },
    {
      title: t('territories.hospitalCount'),
      dataIndex: 'hospitalCount',
      key: 'hospitalCount',
      align: 'right',
      render: (v: number) => formatNumber(v),
    },
    {
      title: t('territories.channelCustomerCount'),
      dataIndex: 'channelCustomerCount',
      key: 'channelCustomerCount',
      align: 'right',
      render: (v: number) => formatNumber(v),
    },
    {
      title: t('territories.products'),
      dataIndex: 'productIds',
      key: 'productIds',
      render: (ids: string[]) => <ProductTags ids={ids} products={productsById} />,
    },
    {
      title: t('common.status'),
      dataIndex: 'active',
      key: 'active',
      render: (v: boolean) => <ActiveTag active={v} />,
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('nav.territories')}
        subTitle={writable ? undefined : t('common.readOnlyHint')}
        extra={
          writable ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="create-territory">
              {t('territories.create')}
            </Button>
          ) : null
        }
      />
      <ListToolbar>
        <SearchBox value={list.q} onSearch={list.setQ} placeholder={t('territories.searchPlaceholder')} />
        {me.role === 'manager' ? null : (
          <Select
            allowClear
            placeholder={t('users.allTeams')}
            value={list.filters.teamId}
            onChange={(v?: string) => list.setFilter('teamId', v)}
            style={toolbarItemStyle}
            {...teams.selectProps}
          />
        )}
        <Select
          allowClear
          placeholder={t('territories.allReps')}
          value={list.filters.repId}
          onChange={(v?: string) => list.setFilter('repId', v)}
          style={toolbarItemStyle}
          {...reps.selectProps}
        />
        <ActiveFilter value={list.filters.active} onChange={(v) => list.setFilter('active', v)} />
      </ListToolbar>
      <ListError error={error} />
      <Table<Territory>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid="territories-table"
      />
      <FormModal title={t('territories.create')} open={creating} onClose={() => setCreating(false)}>
        <TerritoryForm
          onDone={(saved) => {
            setCreating(false);
            if (saved) void navigate(`${base}/${saved.id}`);
          }}
        />
      </FormModal>
    </div>
  );
}
