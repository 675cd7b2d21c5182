import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import type { QueryParams } from './api.ts';

export const pageSizeOptions = [10, 20, 50, 100];

/**
 * Page, page size, search text, sort and filters of a server-paginated table, kept in the
 * page URL (so reload and back keep them) and turned into the API's query string.
 * `prefix` separates two tables on one page.
 */
export function useListParams<F extends string = never>(
  options: { prefix?: string; filters?: readonly F[]; defaultPageSize?: number } = {},
) {
  const { t } = useTranslation();
  const { prefix = '', filters: filterNames = [], defaultPageSize = 20 } = options;
  const [searchParams, setSearchParams] = useSearchParams();
  const key = useCallback((name: string) => (prefix ? `${prefix}.${name}` : name), [prefix]);

  const page = Math.max(1, Number(searchParams.get(key('page'))) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(searchParams.get(key('pageSize'))) || defaultPageSize));
  const q = searchParams.get(key('q')) ?? '';
  const sort = searchParams.get(key('sort')) ?? undefined;
  // 连续滚动: one long virtualised list that loads further pages while scrolling, instead of page buttons.
  const continuous = searchParams.get(key('view')) === 'scroll';
  const filterKey = filterNames.map((name) => `${name}=${searchParams.get(key(name)) ?? ''}`).join('&');
  const filters = useMemo(() => {
    const values = {} as Record<F, string | undefined>;
    for (const name of filterNames) values[name] = searchParams.get(key(name)) ?? undefined;
    return values;
    // filterKey captures the filter values; the array identity of filterNames does not matter.
  }, [filterKey, key]);

  const update = useCallback(
    (changes: Record<string, string | number | undefined>, resetPage: boolean) => {
      setSearchParams(
        (current) => {
          const nextParams = new URLSearchParams(current);
          for (const [name, value] of Object.entries(changes)) {
            if (value === undefined || value === '') nextParams.delete(key(name));
            else nextParams.set(key(name), String(value));
          }
          if (resetPage) nextParams.delete(key('page'));
          return nextParams;
        },
        { replace: true },
      );
    },
    [key, setSearchParams],
  );

  const query: QueryParams = useMemo(
    () => ({ page, pageSize, q: q.trim() || undefined, sort, ...filters }),
    [page, pageSize, q, sort, filters],
  );

  return {
    page,
    pageSize,
    q,
    sort,
    filters,
    continuous,
    /** What to send to `GET /api/<resource>`. */
    query,
    setQ: (value: string) => update({ q: value.trim() }, true),
    setFilter: (name: F, value: string | boolean | undefined) =>
      update({ [name]: value === undefined ? undefined : String(value) }, true),
    /** Several filters at once (two separate calls would each start from the same URL). */
    setFilters: (values: Partial<Record<F, string | undefined>>) => update(values, true),
    /** Replaces search, sort, page size and every filter at once (a saved view); back to page 1. */
    replaceAll: (values: {
      q?: string;
      sort?: string;
      pageSize?: number;
      filters?: Record<string, string>;
    }) => {
      const changes: Record<string, string | number | undefined> = {
        q: values.q,
        sort: values.sort,
        pageSize: values.pageSize,
      };
      for (const name of filterNames) changes[name] = values.filters?.[name];
      update(changes, true);
    },
    setPage: (value: number) => update({ page: value }, false),
    setContinuous: (on: boolean) => update({ view: on ? 'scroll' : undefined }, true),
    /** Table onChange: pagination and column sorting. */
    onTableChange: <T>(
      pagination: TablePaginationConfig,
      _filters: unknown,
      sorter: SorterResult<T> | SorterResult<T>[],
    ) => {
      const first = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = first?.order ? String(first.columnKey ?? first.field ?? '') : '';
      const nextSort = field ? (first?.order === 'descend' ? `-${field}` : field) : undefined;
      const nextPageSize = pagination.pageSize ?? pageSize;
      const changedShape = nextSort !== sort || nextPageSize !== pageSize;
      update(
        { page: changedShape ? undefined : pagination.current, pageSize: nextPageSize, sort: nextSort },
        changedShape,
      );
    },
    /** antd pagination props for a list answer's total. */
    pagination: (total: number | undefined): TablePaginationConfig => ({
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      pageSizeOptions,
      showTotal: (n) => t('common.total', { count: n }),
      size: 'small',
    }),
    /** The current sort order for a column, so the header arrow matches the URL. */
    sortOrderOf: (field: string): SortOrder => {
      if (sort === field) return 'ascend';
      if (sort === `-${field}`) return 'descend';
      return null;
    },
  };
}
