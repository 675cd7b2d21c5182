import { useEffect, useRef, type ReactNode } from 'react';
import { Flex, Input, Segmented, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QueryParams } from '../../lib/api.ts';
import type { useListParams } from '../../lib/list-params.ts';
import { useListView } from '../../lib/list-view.ts';
import { useInfiniteList, useList } from '../../lib/resources.ts';
import { ListError } from '../../app/ui/ListError.tsx';
import { ColumnPicker, ExportButton, SavedViewPicker } from '../../app/ui/ListViewTools.tsx';

/** One column of an account list: shown or hidden by the column picker, sortable on the server. */
export type ListColumn<T> = {
  key: string;
  title: string;
  render: (record: T) => ReactNode;
  /** The server sort field (defaults to the key) when the column sorts. */
  sortable?: boolean;
  /** Always shown (the name). */
  locked?: boolean;
  /** Hidden until the user picks it. */
  optional?: boolean;
  align?: 'left' | 'right' | 'center';
  width?: number;
};

export type ListParams<F extends string> = ReturnType<typeof useListParams<F>>;

/** Column width in continuous mode, where the virtual table needs fixed widths. */
const defaultColumnWidth = 160;
/** Start reading the next page once a row this close to the end of the loaded rows is drawn. */
const prefetchRows = 60;

/**
 * A server-paginated account list with search (name or pinyin initials), filters, sort, column choice,
 * saved views and export. `prefix` keeps two lists on one page apart in the URL; `fixedQuery` adds
 * filters the page decides (the hospital of a hospital page).
 */
export function AccountList<T extends { id: string }, F extends string = never>({
  listKind,
  resource,
  exportName,
  prefix,
  filters = [],
  fixedQuery,
  columns,
  searchPlaceholder,
  renderFilters,
  actions,
  exportExtra,
  testId,
  size = 'middle',
  expandable,
  continuousScroll = false,
}: {
  /** Saved views' list kind (hospitals, doctors …). */
  listKind: string;
  /** API collection: `/api/<resource>` and `/api/<resource>/export`. */
  resource: string;
  exportName: string;
  prefix?: string;
  filters?: readonly F[];
  fixedQuery?: QueryParams;
  columns: (list: ListParams<F>) => ListColumn<T>[];
  searchPlaceholder?: string;
  renderFilters?: (list: ListParams<F>) => ReactNode;
  actions?: ReactNode;
  exportExtra?: (query: QueryParams) => Parameters<typeof ExportButton>[0]['extraItems'];
  testId: string;
  size?: TableProps<T>['size'];
  expandable?: TableProps<T>['expandable'];
  /** Offers 连续滚动: all matching rows in one virtualised table, read 200 at a time while scrolling. */
  continuousScroll?: boolean;
}) {
  const { t } = useTranslation();
  const probe = useListView<F>({
    prefix,
    filters,
    storageKey: prefix ? `${listKind}.${prefix}` : listKind,
  });
  const all = columns(probe.list);
  const isShown = (c: ListColumn<T>) => c.locked || (probe.choice[c.key] ?? !c.optional);
  const visible = all.filter(isShown);
  const allKeys = all.map((c) => c.key);
  const query: QueryParams = { ...probe.list.query, ...fixedQuery };
  const continuous = continuousScroll && probe.list.continuous;
  const paged = useList<T>(resource, query, { enabled: !continuous });
  const { page: _page, pageSize: _pageSize, ...unpagedQuery } = query;
  const scrolled = useInfiniteList<T>(resource, unpagedQuery, { enabled: continuous });
  const error = continuous ? scrolled.error : paged.error;

  const tableColumns: TableColumnsType<T> = visible.map((c) => ({
    key: c.key,
    title: c.title,
    align: c.align,
    width: continuous ? (c.width ?? defaultColumnWidth) : c.width,
    render: (_: unknown, record: T) => c.render(record),
    ...(c.sortable ? { sorter: true, sortOrder: probe.list.sortOrderOf(c.key) } : {}),
  }));

  // A view stores the columns shown explicitly, so it reads the same after new columns appear.
  const current = probe.currentView(visible.map((c) => c.key));

  // The furthest row the virtual table has drawn. Pixel offsets would not do: the virtual list scrolls by
  // measured row heights, so its end is not where the holder's scrollHeight says.
  const furthestRow = useRef(0);
  const listIdentity = JSON.stringify(unpagedQuery);
  useEffect(() => {
    furthestRow.current = 0; // a new search or sort starts at the top
  }, [listIdentity]);
  const loadMoreNearEnd = () => {
    const nearEnd = furthestRow.current >= scrolled.items.length - prefetchRows;
    if (nearEnd && scrolled.hasNextPage && !scrolled.isFetchingNextPage)
      void scrolled.fetchNextPage({ cancelRefetch: false });
  };
  // Also after a page arrives: the user may already be at its end.
  useEffect(loadMoreNearEnd);
  // The virtual table needs a fixed height: the window below the toolbar, at least a few rows.
  const scrollHeight = Math.max(360, window.innerHeight - 320);

  return (
    <div data-testid={testId}>
      <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 8 }}>
        <Input.Search
          // Remount when the URL changes the value (a saved view, back button), keep typing local otherwise.
          key={probe.list.q}
          defaultValue={probe.list.q}
          allowClear
          placeholder={searchPlaceholder ?? t('lists.searchPinyin')}
          aria-label={searchPlaceholder ?? t('lists.searchPinyin')}
          onSearch={probe.list.setQ}
          style={{ flex: '1 1 240px', maxWidth: 360, minWidth: 0 }}
          data-testid="list-search"
        />
        <Flex wrap gap={8}>
          <SavedViewPicker
            listKind={listKind}
            current={current}
            onApply={(view) => probe.applyView(view, allKeys)}
          />
          <ColumnPicker
            columns={all.map((c) => ({ key: c.key, title: c.title, locked: c.locked }))}
            value={visible.map((c) => c.key)}
            onChange={(keys) => probe.showColumns(keys, allKeys)}
            onReset={() => probe.setChoice({})}
          />
          <ExportButton
            path={`/${resource}/export`}
            query={query}
            fileName={exportName}
            extraItems={exportExtra?.(query)}
          />
          {continuousScroll ? (
            <Segmented
              value={continuous ? 'scroll' : 'paged'}
              onChange={(v) => probe.list.setContinuous(v === 'scroll')}
              options={[
                { value: 'paged', label: t('lists.modePaged') },
                { value: 'scroll', label: t('lists.modeScroll') },
              ]}
              data-testid={`${testId}-mode`}
            />
          ) : null}
          {actions}
        </Flex>
      </Flex>
      {renderFilters ? (
        <Flex wrap gap={8} style={{ marginBottom: 12 }} data-testid={`${testId}-filters`}>
          {renderFilters(probe.list)}
        </Flex>
      ) : null}
      <ListError error={error} />
      {continuous ? (
        <>
          <Table<T>
            virtual
            rowKey="id"
            size={size}
            columns={tableColumns}
            dataSource={scrolled.items}
            // Only a new search or sort covers the table; reading further pages happens below the fold.
            loading={scrolled.isFetching && !scrolled.isFetchingNextPage}
            pagination={false}
            onChange={probe.list.onTableChange}
            onRow={(_, index) => {
              furthestRow.current = Math.max(furthestRow.current, index ?? 0);
              return {};
            }}
            onScroll={loadMoreNearEnd}
            scroll={{
              x: tableColumns.reduce((sum, c) => sum + Number(c.width ?? defaultColumnWidth), 0),
              y: scrollHeight,
            }}
            expandable={expandable}
            data-testid={`${testId}-table`}
          />
          <Typography.Text
            type="secondary"
            style={{ display: 'block', marginTop: 8 }}
            data-testid={`${testId}-loaded`}
          >
            {t('lists.loadedOf', { loaded: scrolled.items.length, total: scrolled.total ?? 0 })}
          </Typography.Text>
        </>
      ) : (
        <Table<T>
          rowKey="id"
          size={size}
          columns={tableColumns}
          dataSource={paged.data?.items}
          loading={paged.isFetching}
          pagination={probe.list.pagination(paged.data?.total)}
          onChange={probe.list.onTableChange}
          scroll={{ x: 'max-content' }}
          expandable={expandable}
          data-testid={`${testId}-table`}
        />
      )}
    </div>
  );
}
