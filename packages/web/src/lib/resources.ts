import { useEffect, useMemo, useState } from 'react';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import type { ListResponse } from '@keqing/shared';
import { api, errorText, isApiError, type QueryParams } from './api.ts';
import { applyServerErrors } from './form-errors.ts';

/**
 * Query keys are `[resource, 'list', params]` and `[resource, 'detail', id]`, so a
 * write can invalidate everything of one resource with `[resource]`.
 */
export const listKey = (resource: string, params: QueryParams) => [resource, 'list', params] as const;
export const detailKey = (resource: string, id: string) => [resource, 'detail', id] as const;

export function useList<T>(resource: string, params: QueryParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: listKey(resource, params),
    queryFn: ({ signal }) => api.get<ListResponse<T>>(`/${resource}`, params, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

/** Largest page the list routes accept (`listQuerySchema`). */
const largestPage = 200;

/**
 * A list read page after page for continuous scrolling; `items` are all loaded rows (a row that moved
 * between two page reads shows once). Writes invalidate it with the resource, like `useList`.
 */
export function useInfiniteList<T extends { id: string }>(
  resource: string,
  params: QueryParams,
  options: { enabled?: boolean } = {},
) {
  const query = useInfiniteQuery({
    queryKey: [resource, 'infinite', params] as const,
    queryFn: ({ signal, pageParam }) =>
      api.get<ListResponse<T>>(`/${resource}`, { ...params, page: pageParam, pageSize: largestPage }, signal),
    initialPageParam: 1,
    getNextPageParam: (last, pages) =>
      pages.length * largestPage < last.total && last.items.length > 0 ? pages.length + 1 : undefined,
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
  const items = useMemo(() => {
    const seen = new Set<string>();
    return (query.data?.pages ?? []).flatMap((p) => p.items.filter((r) => !seen.has(r.id) && seen.add(r.id)));
  }, [query.data]);
  return { ...query, items, total: query.data?.pages.at(-1)?.total };
}

export function useDetail<T>(resource: string, id: string | undefined) {
  return useQuery({
    queryKey: detailKey(resource, id ?? ''),
    queryFn: ({ signal }) => api.get<T>(`/${resource}/${id ?? ''}`, undefined, signal),
    enabled: !!id,
  });
}

/** Reads a record fresh from the server (after a 409, to show the current values). */
export function fetchFresh<T>(queryClient: QueryClient, resource: string, id: string) {
  return queryClient.fetchQuery({
    queryKey: detailKey(resource, id),
    queryFn: ({ signal }) => api.get<T>(`/${resource}/${id}`, undefined, signal),
    staleTime: 0,
  });
}

/** Resources whose lists show data of another (team lists show region names, user counts …). */
const dependents: Record<string, string[]> = {
  regions: ['areas', 'teams'],
  areas: ['teams'],
  teams: ['users', 'territories'],
  users: ['teams', 'territories'],
  territories: [],
  hospitals: ['departments', 'doctors', 'key-contacts', 'key-accounts'],
  departments: ['hospitals', 'doctors', 'key-contacts'],
  doctors: ['hospitals', 'departments', 'key-accounts'],
  'key-contacts': ['hospitals'],
  products: ['doctors', 'hospitals'],
};

export function invalidateResource(queryClient: QueryClient, resource: string) {
  for (const name of [resource, ...(dependents[resource] ?? []), 'audit-logs']) {
    void queryClient.invalidateQueries({ queryKey: [name] });
  }
}

export function useDebounced<T>(value: T, delayMs = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

export type Option = { value: string; label: string };

/**
 * Options of a Select fed by a server search (`GET /api/<resource>?q=`).
 * `known` are options that must stay labelled even when the search does not return them
 * (the record's current team, the territory's hospitals …).
 */
export function useRemoteOptions<T extends { id: string }>(
  resource: string,
  toLabel: (item: T) => string,
  options: { params?: QueryParams; known?: Option[]; enabled?: boolean; pageSize?: number } = {},
) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { params, known, enabled = true, pageSize = 50 } = options;
  const query = useList<T>(resource, { ...params, q: q || undefined, page: 1, pageSize }, { enabled });
  const seen = new Map<string, Option>();
  for (const item of query.data?.items ?? []) seen.set(item.id, { value: item.id, label: toLabel(item) });
  for (const option of known ?? []) if (!seen.has(option.value)) seen.set(option.value, option);
  const merged = [...seen.values()];
  return {
    options: merged,
    loading: query.isFetching,
    /** Spread onto a Select: server-side search, no client filtering of the answer. */
    selectProps: {
      options: merged,
      loading: query.isFetching,
      showSearch: { filterOption: false, onSearch: setSearch },
      onOpenChange: (open: boolean) => {
        if (!open) setSearch('');
      },
    },
  };
}

export function useCreate<T, B>(resource: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api.post<T>(`/${resource}`, body),
    onSuccess: () => invalidateResource(queryClient, resource),
  });
}

/** PATCH with the version that was read; the answer is the stored record with its new version. */
export function useUpdate<T, B extends { version: number }>(resource: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: B }) => api.patch<T>(`/${resource}/${id}`, body),
    onSuccess: () => invalidateResource(queryClient, resource),
    onError: (error) => {
      // Someone else changed it: the list must show the current values and version.
      if (isApiError(error) && error.code === 'VERSION_CONFLICT') invalidateResource(queryClient, resource);
    },
  });
}

/**
 * onError of a form submit: on 409 VERSION_CONFLICT shows the server's message and hands the
 * freshly read record to `onFresh` (the form reloads it, with its new version); other errors
 * go onto the form fields or into a message.
 */
export function useSubmitErrorHandler<T>(resource: string) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return async (form: FormInstance, error: unknown, reload?: { id: string; onFresh: (fresh: T) => void }) => {
    if (isApiError(error) && error.code === 'VERSION_CONFLICT' && reload) {
      void message.error(error.message);
      try {
        reload.onFresh(await fetchFresh<T>(queryClient, resource, reload.id));
      } catch (readError) {
        void message.error(errorText(readError));
      }
      return;
    }
    applyServerErrors(form, error, (text) => void message.error(text));
  };
}
