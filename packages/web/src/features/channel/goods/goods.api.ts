import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChannelOrder,
  ChannelShipment,
  ChannelStockReport,
  FlowImport,
  FlowMapping,
  FlowPreviewRow,
  FlowSummary,
  ListResponse,
} from '@keqing/shared';
import { api, type QueryParams } from '../../../lib/api.ts';

export type {
  ChannelOrder,
  ChannelShipment,
  ChannelStockReport,
  FlowImport,
  FlowMapping,
  FlowPreviewRow,
  FlowSummary,
};

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// Every query key of this area starts with 'channel-goods': one invalidation refreshes lists and details.
const root = 'channel-goods';

function useGoodsMutation<B, R>(fn: (body: B) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [root] }),
  });
}

export type NamedOption = { id: string; name: string };

/** Distributors in the caller's scope (for the upload form). */
export function useDistributors() {
  return useQuery({
    queryKey: [root, 'distributors'],
    queryFn: ({ signal }) =>
      api.get<ListResponse<NamedOption>>(
        '/channel-customers',
        { kind: 'distributor', pageSize: 200 },
        signal,
      ),
  });
}

export function useFlowImports(params: QueryParams) {
  return useQuery({
    queryKey: [root, 'imports', params],
    queryFn: ({ signal }) => api.get<ListResponse<FlowImport>>('/flow-imports', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useFlowImport(id: string | undefined) {
  return useQuery({
    queryKey: [root, 'import', id],
    queryFn: ({ signal }) => api.get<FlowImport>(`/flow-imports/${id ?? ''}`, undefined, signal),
    enabled: !!id,
  });
}

export function useFlowRows(id: string, params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [root, 'rows', id, params],
    queryFn: ({ signal }) =>
      api.get<ListResponse<FlowPreviewRow>>(`/flow-imports/${id}/rows`, params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUploadFlow() {
  return useGoodsMutation((v: { channelCustomerId: string; file: File }) =>
    api.upload<FlowImport>('/flow-imports', v.file, xlsxType, {
      channelCustomerId: v.channelCustomerId,
      fileName: v.file.name,
    }),
  );
}

export function useSaveMapping(id: string) {
  return useGoodsMutation((mapping: FlowMapping) =>
    api.post<FlowImport>(`/flow-imports/${id}/mapping`, { mapping }),
  );
}

export type MatchChoice = {
  buyerName?: string;
  rowIds?: string[];
  hospitalId?: string;
  buyerCustomerId?: string;
  none?: boolean;
};
export function useConfirmMatches(id: string) {
  return useGoodsMutation((matches: MatchChoice[]) =>
    api.post<FlowImport>(`/flow-imports/${id}/matches`, { matches }),
  );
}

export function useFinishFlow(id: string) {
  return useGoodsMutation((v: { action: 'commit' | 'cancel'; replace?: boolean }) =>
    api.post<FlowImport>(
      `/flow-imports/${id}/${v.action}`,
      v.action === 'commit' ? { replace: v.replace ?? false } : undefined,
    ),
  );
}

export function useHospitalSearch(q: string) {
  return useQuery({
    queryKey: [root, 'hospital-search', q],
    queryFn: ({ signal }) => api.get<ListResponse<NamedOption>>('/hospitals', { q, pageSize: 20 }, signal),
    enabled: q.trim().length > 0,
  });
}

export function useFlowSummary(params: QueryParams) {
  return useQuery({
    queryKey: [root, 'summary', params],
    queryFn: ({ signal }) => api.get<FlowSummary>('/flow/summary', params, signal),
  });
}

export function useOrders(params: QueryParams) {
  return useQuery({
    queryKey: [root, 'orders', params],
    queryFn: ({ signal }) => api.get<ListResponse<ChannelOrder>>('/channel-orders', params, signal),
    placeholderData: keepPreviousData,
  });
}
export function useShipments(params: QueryParams) {
  return useQuery({
    queryKey: [root, 'shipments', params],
    queryFn: ({ signal }) => api.get<ListResponse<ChannelShipment>>('/channel-shipments', params, signal),
    placeholderData: keepPreviousData,
  });
}
export function useStockReports(params: QueryParams) {
  return useQuery({
    queryKey: [root, 'stock', params],
    queryFn: ({ signal }) =>
      api.get<ListResponse<ChannelStockReport>>('/channel-stock-reports', params, signal),
    placeholderData: keepPreviousData,
  });
}
export function useSaveStock() {
  return useGoodsMutation(
    (body: { channelCustomerId: string; productId: string; reportedOn: string; quantity: number }) =>
      api.post<ChannelStockReport>('/channel-stock-reports', body),
  );
}
export function useProducts() {
  return useQuery({
    queryKey: [root, 'products'],
    queryFn: ({ signal }) => api.get<ListResponse<NamedOption>>('/products', { pageSize: 200 }, signal),
  });
}
