import { useState } from 'react';
import { App, Button, Select, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/api.ts';
import { formatDate, formatNumber } from '../../../lib/format.ts';
import { useListParams } from '../../../lib/list-params.ts';
import { useList, useUpdate } from '../../../lib/resources.ts';
import { canWrite } from '../../../app/navigation.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { ActiveTag } from '../../../app/ui/ActiveTag.tsx';
import { FormModal, type EditorState } from '../../../app/ui/FormModal.tsx';
import { RowActions } from '../../../app/ui/RowActions.tsx';
import { ListError } from '../../../app/ui/ListError.tsx';
import { ActiveFilter, ListToolbar, SearchBox, toolbarItemStyle } from '../../../app/ui/ListToolbar.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { useAreaOptions, type Team } from '../admin.api.ts';
import { TeamForm } from './TeamForm.tsx';

export default function TeamsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const writable = canWrite(useCurrentUser().role);
  const list = useListParams({ filters: ['areaId', 'active'] });
  const { data, isFetching, error } = useList<Team>('teams', list.query);
  const areas = useAreaOptions();
  const update = useUpdate<Team, { active: boolean; version: number }>('teams');
  const [editor, setEditor] = useState<EditorState<Team>>({ open: false });
  const close = () => setEditor((e) => ({ ...e, open: false }));

  const toggleActive = (team: Team) =>
    update.mutate(
      { id: team.id, body: { active: !team.active, version: team.version } },
      {
        onSuccess: () =>
          void message.success(team.active ? t('common.deactivatedDone') : t('common.reactivatedDone')),
        onError: (e) => void message.error(errorText(e)),
      },
    );

  const columns: TableColumnsType<Team> = [
    {
      title: t('teams.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: list.sortOrderOf('name'),
    },
    {
      title: t('teams.area'),
      dataIndex: 'areaName',
      key: 'areaName',
      sorter: true,
      sortOrder: list.sortOrderOf('areaName'),
    },
    {
      title: t('teams.region'),
      dataIndex: 'regionName',
      key: 'regionName',
      sorter: true,
      sortOrder: list.sortOrderOf('regionName'),
    },
    {
      title: t('teams.manager'),
      dataIndex: 'managerName',
      key: 'managerName',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('teams.members'),
      dataIndex: 'memberCount',
      key: 'memberCount',
      align: 'right',
      render: (v: number) => formatNumber(v),
    },
    {
      title: t('common.status'),
      dataIndex: 'active',
      key: 'active',
      render: (v: boolean) => <ActiveTag active={v} />,
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: list.sortOrderOf('createdAt'),
      render: (v: string) => formatDate(v),
    },
  ];
  if (writable) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, team: Team) => (
        <RowActions
          active={team.active}
          confirmTitle={
            team.active
              ? t('common.confirmDeactivate', { name: team.name })
              : t('common.confirmReactivate', { name: team.name })
          }
          onEdit={() => setEditor({ open: true, record: team })}
          onToggleActive={() => toggleActive(team)}
        />
      ),
    });
  }

  return (
    <div>
      <PageHeader
        title={t('nav.teams')}
        extra={
          writable ? (
            <Button type="primary" onClick={() => setEditor({ open: true })} data-testid="create-team">
              {t('teams.create')}
            </Button>
          ) : null
        }
      />
      <ListToolbar>
        <SearchBox value={list.q} onSearch={list.setQ} placeholder={t('teams.searchPlaceholder')} />
        <Select
          allowClear
          placeholder={t('teams.allAreas')}
          value={list.filters.areaId}
          onChange={(v?: string) => list.setFilter('areaId', v)}
          style={toolbarItemStyle}
          {...areas.selectProps}
        />
        <ActiveFilter value={list.filters.active} onChange={(v) => list.setFilter('active', v)} />
      </ListToolbar>
      <ListError error={error} />
      <Table<Team>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid="teams-table"
      />
      <FormModal
        title={editor.record ? t('teams.edit') : t('teams.create')}
        open={editor.open}
        onClose={close}
      >
        <TeamForm record={editor.record} onDone={close} />
      </FormModal>
    </div>
  );
}
