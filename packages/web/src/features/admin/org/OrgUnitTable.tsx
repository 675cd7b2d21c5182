import { useState } from 'react';
import { App, Button, Select, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/api.ts';
import { formatDate } from '../../../lib/format.ts';
import { useListParams } from '../../../lib/list-params.ts';
import { useList, useUpdate } from '../../../lib/resources.ts';
import { ActiveTag } from '../../../app/ui/ActiveTag.tsx';
import { FormModal, type EditorState } from '../../../app/ui/FormModal.tsx';
import { RowActions } from '../../../app/ui/RowActions.tsx';
import { ListError } from '../../../app/ui/ListError.tsx';
import { ActiveFilter, ListToolbar, SearchBox, toolbarItemStyle } from '../../../app/ui/ListToolbar.tsx';
import { useRegionOptions, type Area, type Region } from '../admin.api.ts';
import { OrgUnitForm } from './OrgUnitForm.tsx';

type Unit = Region & Partial<Pick<Area, 'regionId' | 'regionName'>>;

/** One server-paginated table of regions or areas; its URL parameters are prefixed with the resource. */
export function OrgUnitTable({ resource, writable }: { resource: 'regions' | 'areas'; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useListParams({ prefix: resource, filters: ['active', 'regionId'] });
  const query = resource === 'areas' ? list.query : { ...list.query, regionId: undefined };
  const { data, isFetching, error } = useList<Unit>(resource, query);
  const regions = useRegionOptions(undefined, resource === 'areas');
  const update = useUpdate<Unit, { active: boolean; version: number }>(resource);
  const [editor, setEditor] = useState<EditorState<Unit>>({ open: false });
  const close = () => setEditor((e) => ({ ...e, open: false }));
  const isAreas = resource === 'areas';

  const toggleActive = (unit: Unit) =>
    update.mutate(
      { id: unit.id, body: { active: !unit.active, version: unit.version } },
      {
        onSuccess: () =>
          void message.success(unit.active ? t('common.deactivatedDone') : t('common.reactivatedDone')),
        onError: (e) => void message.error(errorText(e)),
      },
    );

  const columns: TableColumnsType<Unit> = [
    {
      title: isAreas ? t('org.areaName') : t('org.regionName'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: list.sortOrderOf('name'),
    },
    ...(isAreas
      ? [
          {
            title: t('org.region'),
            dataIndex: 'regionName',
            key: 'regionName',
            sorter: true,
            sortOrder: list.sortOrderOf('regionName'),
          },
        ]
      : []),
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
      render: (_: unknown, unit: Unit) => (
        <RowActions
          active={unit.active}
          confirmTitle={
            unit.active
              ? t('common.confirmDeactivate', { name: unit.name })
              : t('common.confirmReactivate', { name: unit.name })
          }
          onEdit={() => setEditor({ open: true, record: unit })}
          onToggleActive={() => toggleActive(unit)}
        />
      ),
    });
  }

  const createLabel = isAreas ? t('org.createArea') : t('org.createRegion');
  return (
    <div data-testid={`${resource}-section`}>
      <ListToolbar
        actions={
          writable ? (
            <Button
              type="primary"
              onClick={() => setEditor({ open: true })}
              data-testid={`create-${resource}`}
            >
              {createLabel}
            </Button>
          ) : null
        }
      >
        <SearchBox value={list.q} onSearch={list.setQ} />
        {isAreas ? (
          <Select
            allowClear
            placeholder={t('org.allRegions')}
            value={list.filters.regionId}
            onChange={(v?: string) => list.setFilter('regionId', v)}
            style={toolbarItemStyle}
            {...regions.selectProps}
          />
        ) : null}
        <ActiveFilter value={list.filters.active} onChange={(v) => list.setFilter('active', v)} />
      </ListToolbar>
      <ListError error={error} />
      <Table<Unit>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid={`${resource}-table`}
      />
      <FormModal
        title={editor.record ? t('common.editNamed', { name: editor.record.name }) : createLabel}
        open={editor.open}
        onClose={close}
      >
        <OrgUnitForm resource={resource} record={editor.record} onDone={close} />
      </FormModal>
    </div>
  );
}
