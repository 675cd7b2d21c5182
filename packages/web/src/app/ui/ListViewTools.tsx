import { useState } from 'react';
import {
  App,
  Button,
  Checkbox,
  Divider,
  Dropdown,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Popover,
  Select,
  type MenuProps,
} from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SavedView } from '@keqing/shared';
import { api, errorText, type QueryParams } from '../../lib/api.ts';
import { toViewParams, viewSignature, type ViewParams } from '../../lib/list-view.ts';
import { useList } from '../../lib/resources.ts';

export type PickableColumn = { key: string; title: string; locked?: boolean };

/** 列设置: which columns the table shows; locked ones (the name) always stay. */
export function ColumnPicker({
  columns,
  value,
  onChange,
  onReset,
}: {
  columns: PickableColumn[];
  value: readonly string[];
  onChange: (keys: string[]) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const shown = new Set(value);
  const content = (
    <div style={{ maxWidth: 260 }} data-testid="column-picker-panel">
      <Flex vertical gap={6}>
        {columns.map((c) => (
          <Checkbox
            key={c.key}
            checked={c.locked || shown.has(c.key)}
            disabled={c.locked}
            onChange={(e) => {
              const next = new Set(shown);
              if (e.target.checked) next.add(c.key);
              else next.delete(c.key);
              // Keep the table's order, whatever order the boxes were ticked in.
              onChange(columns.map((col) => col.key).filter((k) => next.has(k)));
            }}
            data-testid={`column-toggle-${c.key}`}
          >
            {c.title}
          </Checkbox>
        ))}
      </Flex>
      <Divider style={{ margin: '8px 0' }} />
      <Button type="link" size="small" style={{ padding: 0 }} onClick={onReset}>
        {t('lists.resetColumns')}
      </Button>
    </div>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight" title={t('lists.columns')}>
      <Button data-testid="column-picker">{t('lists.columns')}</Button>
    </Popover>
  );
}

/**
 * 保存的视图: pick one of the user's saved views of this list, save the current filters, sort and columns
 * under a name (the same name replaces that view), or delete the view in use.
 */
export function SavedViewPicker({
  listKind,
  current,
  onApply,
}: {
  listKind: string;
  current: ViewParams;
  onApply: (view: ViewParams) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const views = useList<SavedView>('saved-views', { listKind, page: 1, pageSize: 100, sort: 'name' });
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const items = views.data?.items ?? [];
  const signature = viewSignature(current);
  const active = items.find((v) => viewSignature(toViewParams(v.params)) === signature);

  const invalidate = () => void queryClient.invalidateQueries({ queryKey: ['saved-views'] });
  const save = useMutation({
    mutationFn: async (name: string) => {
      const existing = items.find((v) => v.name === name);
      const params = { ...current } as Record<string, unknown>;
      return existing
        ? api.patch<SavedView>(`/saved-views/${existing.id}`, { params, version: existing.version })
        : api.post<SavedView>('/saved-views', { listKind, name, params });
    },
    onSuccess: () => {
      invalidate();
      setSaving(false);
      void message.success(t('lists.viewSaved'));
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const remove = useMutation({
    mutationFn: (view: SavedView) => api.delete<void>(`/saved-views/${view.id}`),
    onSuccess: () => {
      invalidate();
      void message.success(t('lists.viewDeleted'));
    },
    onError: (e) => void message.error(errorText(e)),
  });

  return (
    <>
      <Select
        style={{ width: 160, maxWidth: '100%' }}
        placeholder={t('lists.views')}
        value={active?.id ?? null}
        loading={views.isFetching}
        allowClear={false}
        notFoundContent={t('lists.noViews')}
        options={items.map((v) => ({ value: v.id, label: v.name }))}
        onChange={(id: string) => {
          const view = items.find((v) => v.id === id);
          if (view) onApply(toViewParams(view.params));
        }}
        aria-label={t('lists.views')}
        data-testid="saved-views"
      />
      <Button
        onClick={() => {
          form.setFieldsValue({ name: active?.name ?? '' });
          setSaving(true);
        }}
        data-testid="save-view"
      >
        {t('lists.saveView')}
      </Button>
      {active ? (
        <Popconfirm
          title={t('lists.confirmDeleteView', { name: active.name })}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          onConfirm={() => remove.mutate(active)}
        >
          <Button danger loading={remove.isPending} data-testid="delete-view">
            {t('lists.deleteView')}
          </Button>
        </Popconfirm>
      ) : null}
      <Modal
        title={t('lists.saveView')}
        open={saving}
        onCancel={() => setSaving(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate(v.name.trim())}
          data-testid="save-view-form"
        >
          <Form.Item
            name="name"
            label={t('lists.viewName')}
            extra={t('lists.viewNameHint')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required') },
              { max: 40, message: t('validation.maxLength', { max: 40 }) },
            ]}
          >
            <Input autoComplete="off" autoFocus data-testid="view-name" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 导出: the list with its current filters and sort as .xlsx or .csv (the server applies the data scope). */
export function ExportButton({
  path,
  query,
  fileName,
  extraItems = [],
}: {
  /** e.g. `/doctors/export` */
  path: string;
  query: QueryParams;
  /** Used when the server names no file. */
  fileName: string;
  /** More formats (an admin's export with personal data …): key → label and extra query. */
  extraItems?: { key: string; label: string; query: QueryParams; confirm?: string }[];
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (format: 'xlsx' | 'csv', extra: QueryParams = {}) => {
    setBusy(true);
    try {
      const { page: _page, pageSize: _pageSize, ...filters } = query;
      await api.download(path, { ...filters, ...extra, format }, `${fileName}.${format}`);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const items: MenuProps['items'] = [
    { key: 'xlsx', label: <span data-testid="export-xlsx">{t('lists.exportXlsx')}</span> },
    { key: 'csv', label: <span data-testid="export-csv">{t('lists.exportCsv')}</span> },
    ...extraItems.map((item) => ({ key: item.key, label: item.label })),
  ];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'xlsx' || key === 'csv') return void run(key);
          const extra = extraItems.find((i) => i.key === key);
          if (!extra) return;
          if (extra.confirm) {
            modal.confirm({
              title: extra.label,
              content: extra.confirm,
              okText: t('common.ok'),
              cancelText: t('common.cancel'),
              onOk: () => run('xlsx', extra.query),
            });
          } else void run('xlsx', extra.query);
        },
      }}
    >
      <Button loading={busy} data-testid="export-button">
        {t('lists.export')}
      </Button>
    </Dropdown>
  );
}
