import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ChannelHealthLatest,
  ChannelHealthTrend,
  ChannelIncident,
  ChannelPromise,
  ChannelSettings,
  ChannelWarning,
  ChannelWarningDetail,
  ChannelWarningKind,
  ChannelWarningSummary,
  EvaluateWarningsResult,
  ListResponse,
} from '@keqing/shared';
import { api, type QueryParams } from '../../../lib/api.ts';
import { useAreaMutation } from '../../../lib/area-mutation.ts';

export type {
  ChannelHealthLatest,
  ChannelHealthTrend,
  ChannelIncident,
  ChannelPromise,
  ChannelSettings,
  ChannelWarning,
  ChannelWarningDetail,
  ChannelWarningKind,
  ChannelWarningSummary,
};

export type CreateIncidentBody = {
  sourceCustomerId?: string | null;
  sourceRegion: string;
  productId: string;
  priceFen?: number | null;
  affectedTerritoryId?: string | null;
  affectedCustomerId?: string | null;
  description: string;
  openedOn: string;
  resolvedOn?: string | null;
  lossClaimedFen?: number | null;
  compensatedFen?: number | null;
};
export type UpdateIncidentBody = {
  version: number;
  sourceRegion?: string;
  priceFen?: number | null;
  description?: string;
  resolvedOn?: string | null;
  lossClaimedFen?: number | null;
  compensatedFen?: number | null;
};
export type CreatePromiseBody = {
  channelCustomerId: string;
  promise: string;
  madeOn: string;
  dueOn: string;
  note?: string | null;
};
export type UpdatePromiseBody = {
  version: number;
  status?: 'open' | 'kept' | 'broken';
  dueOn?: string;
  note?: string | null;
};

// Every query of this area starts with 'channel-warnings': one invalidation refreshes board, tabs and drawers.
const root = 'channel-warnings';

function useWarningsMutation<B, R>(fn: (body: B) => Promise<R>) {
  return useAreaMutation([root], fn);
}

export function useWarnings(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [root, 'list', params],
    queryFn: ({ signal }) => api.get<ListResponse<ChannelWarning>>('/channel-warnings', params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useWarning(id: string | null | undefined) {
  return useQuery({
    queryKey: [root, 'detail', id],
    queryFn: ({ signal }) =>
      api.get<ChannelWarningDetail>(`/channel-warnings/${id ?? ''}`, undefined, signal),
    enabled: !!id,
  });
}

export function useWarningSummary(channelCustomerId?: string) {
  return useQuery({
    queryKey: [root, 'summary', channelCustomerId],
    queryFn: ({ signal }) =>
      api.get<ChannelWarningSummary>('/channel-warnings/summary', { channelCustomerId }, signal),
  });
}

export function useAcknowledgeWarning() {
  return useWarningsMutation(({ id, note }: { id: string; note: string }) =>
    api.post<ChannelWarningDetail>(`/channel-warnings/${id}/acknowledge`, { note }),
  );
}

export function useEvaluateWarnings() {
  return useWarningsMutation((body: { channelCustomerId?: string }) =>
    api.post<EvaluateWarningsResult>('/channel-warnings/evaluate', body),
  );
}

export function useChannelSettings() {
  return useQuery({
    queryKey: [root, 'settings'],
    queryFn: ({ signal }) => api.get<ChannelSettings>('/channel-settings', undefined, signal),
  });
}

export function useSaveChannelSettings() {
  return useWarningsMutation((body: ChannelSettings) => api.put<ChannelSettings>('/channel-settings', body));
}

export function useIncidents(params: QueryParams) {
  return useQuery({
    queryKey: [root, 'incidents', params],
    queryFn: ({ signal }) => api.get<ListResponse<ChannelIncident>>('/channel-incidents', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateIncident() {
  return useWarningsMutation((body: CreateIncidentBody) =>
    api.post<ChannelIncident>('/channel-incidents', body),
  );
}

export function useUpdateIncident() {
  return useWarningsMutation(({ id, ...body }: UpdateIncidentBody & { id: string }) =>
    api.patch<ChannelIncident>(`/channel-incidents/${id}`, body),
  );
}

export function usePromises(params: QueryParams) {
  return useQuery({
    queryKey: [root, 'promises', params],
    queryFn: ({ signal }) => api.get<ListResponse<ChannelPromise>>('/channel-promises', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreatePromise() {
  return useWarningsMutation((body: CreatePromiseBody) =>
    api.post<ChannelPromise>('/channel-promises', body),
  );
}

export function useUpdatePromise() {
  return useWarningsMutation(({ id, ...body }: UpdatePromiseBody & { id: string }) =>
    api.patch<ChannelPromise>(`/channel-promises/${id}`, body),
  );
}

export function useHealthTrend(channelCustomerId: string | null | undefined) {
  return useQuery({
    queryKey: [root, 'health', channelCustomerId],
    queryFn: ({ signal }) =>
      api.get<ChannelHealthTrend>('/channel-health', { channelCustomerId: channelCustomerId ?? '' }, signal),
    enabled: !!channelCustomerId,
  });
}

export function useLatestHealth() {
  return useQuery({
    queryKey: [root, 'health-latest'],
    queryFn: ({ signal }) =>
      api.get<ListResponse<ChannelHealthLatest>>('/channel-health/latest', undefined, signal),
  });
}

/** Channel customers and products for the pickers (the parties API; only the names are used here). */
export function useChannelCustomerOptions() {
  return useQuery({
    queryKey: [root, 'customer-options'],
    queryFn: ({ signal }) =>
      api.get<ListResponse<{ id: string; name: string }>>('/channel-customers', { pageSize: 200 }, signal),
    retry: false,
  });
}

export function useProductOptions() {
  return useQuery({
    queryKey: [root, 'product-options'],
    queryFn: ({ signal }) =>
      api.get<ListResponse<{ id: string; name: string }>>('/products', { pageSize: 200 }, signal),
    retry: false,
  });
}

export type WarningKind = ChannelWarningKind;
