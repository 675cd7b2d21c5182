import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ChannelAttrition,
  ChannelContact,
  ChannelCustomer,
  ChannelCustomerDetail,
  ChannelLicence,
  ChannelProduct,
  ChannelStatusHistoryItem,
  ChannelTierPrice,
  ChannelVisit,
  ChannelVisitDue,
  ListResponse,
  RebatePolicy,
  SupplyContract,
} from '@keqing/shared';
import { api, type QueryParams } from '../../../lib/api.ts';
import { useAreaMutation } from '../../../lib/area-mutation.ts';

export type {
  ChannelAttrition,
  ChannelContact,
  ChannelCustomer,
  ChannelCustomerDetail,
  ChannelLicence,
  ChannelProduct,
  ChannelStatusHistoryItem,
  ChannelTierPrice,
  ChannelVisit,
  ChannelVisitDue,
  RebatePolicy,
  SupplyContract,
};

// Every query key starts with 'channel-parties', so one invalidation after a write refreshes every view.
const root = 'channel-parties';

function useWrite<B, R>(fn: (body: B) => Promise<R>) {
  return useAreaMutation([root, 'channel-customers'], fn);
}

function useGet<T>(key: unknown[], path: string, params?: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [root, ...key, params ?? {}],
    queryFn: ({ signal }) => api.get<T>(path, params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

// ── customers ──
export const useChannelCustomers = (params: QueryParams) =>
  useGet<ListResponse<ChannelCustomer>>(['customers'], '/channel-customers', params);
export const useChannelCustomer = (id: string) =>
  useGet<ChannelCustomerDetail>(['customer', id], `/channel-customers/${id}`, undefined, !!id);
export const useStatusHistory = (id: string) =>
  useGet<ListResponse<ChannelStatusHistoryItem>>(
    ['status-history', id],
    `/channel-customers/${id}/status-history`,
  );
export const useAttrition = (params: QueryParams) =>
  useGet<ChannelAttrition>(['attrition'], '/channel-customers/attrition', params);

export type CustomerBody = Record<string, unknown>;
export const useCreateCustomer = () =>
  useWrite((body: CustomerBody) => api.post<ChannelCustomerDetail>('/channel-customers', body));
export const useUpdateCustomer = () =>
  useWrite(({ id, body }: { id: string; body: CustomerBody & { version: number } }) =>
    api.patch<ChannelCustomerDetail>(`/channel-customers/${id}`, body),
  );
export const useChangeStatus = () =>
  useWrite(
    ({
      id,
      body,
    }: {
      id: string;
      body: { status: string; reason: string; changedOn?: string; version: number };
    }) => api.post<ChannelCustomerDetail>(`/channel-customers/${id}/status`, body),
  );

// ── licences ──
export const useCustomerLicences = (id: string) =>
  useGet<ListResponse<ChannelLicence>>(['licences', id], `/channel-customers/${id}/licences`);
export const useCreateLicence = () =>
  useWrite(({ customerId, body }: { customerId: string; body: Record<string, unknown> }) =>
    api.post<ChannelLicence>(`/channel-customers/${customerId}/licences`, body),
  );
export const useUpdateLicence = () =>
  useWrite(({ id, body }: { id: string; body: Record<string, unknown> & { version: number } }) =>
    api.patch<ChannelLicence>(`/channel-licences/${id}`, body),
  );
export const useDeleteLicence = () => useWrite((id: string) => api.delete<void>(`/channel-licences/${id}`));

// ── contacts ──
export const useContacts = (id: string) =>
  useGet<ListResponse<ChannelContact>>(['contacts', id], `/channel-customers/${id}/contacts`);
export const useCreateContact = () =>
  useWrite(({ customerId, body }: { customerId: string; body: Record<string, unknown> }) =>
    api.post<ChannelContact>(`/channel-customers/${customerId}/contacts`, body),
  );
export const useUpdateContact = () =>
  useWrite(({ id, body }: { id: string; body: Record<string, unknown> & { version: number } }) =>
    api.patch<ChannelContact>(`/channel-contacts/${id}`, body),
  );

// ── contracts ──
export const useContracts = (params: QueryParams) =>
  useGet<ListResponse<SupplyContract>>(['contracts'], '/supply-contracts', params);
export const useCreateContract = () =>
  useWrite((body: Record<string, unknown>) => api.post<SupplyContract>('/supply-contracts', body));
export const useUpdateContract = () =>
  useWrite(({ id, body }: { id: string; body: Record<string, unknown> & { version: number } }) =>
    api.patch<SupplyContract>(`/supply-contracts/${id}`, body),
  );

// ── visits ──
export const useVisits = (params: QueryParams) =>
  useGet<ListResponse<ChannelVisit>>(['visits'], '/channel-visits', params);
export const useDueVisits = (params: QueryParams) =>
  useGet<ListResponse<ChannelVisitDue>>(['visits-due'], '/channel-visits/due', params);
export const useCreateVisit = () =>
  useWrite((body: Record<string, unknown>) => api.post<ChannelVisit>('/channel-visits', body));

// ── products, tier prices, rebates ──
export const useChannelProducts = (params: QueryParams) =>
  useGet<ListResponse<ChannelProduct>>(['products'], '/channel-products', params);
export const usePutChannelProduct = () =>
  useWrite(({ productId, body }: { productId: string; body: Record<string, unknown> }) =>
    api.put<ChannelProduct>(`/channel-products/${productId}`, body),
  );
export const useTierPrices = (productId: string | undefined) =>
  useGet<{ productId: string; items: ChannelTierPrice[] }>(
    ['tier-prices', productId ?? ''],
    `/channel-products/${productId ?? ''}/tier-prices`,
    undefined,
    !!productId,
  );
export const usePutTierPrices = () =>
  useWrite(({ productId, items }: { productId: string; items: Record<string, unknown>[] }) =>
    api.put<{ productId: string; items: ChannelTierPrice[] }>(`/channel-products/${productId}/tier-prices`, {
      items,
    }),
  );
export const useRebatePolicies = (params: QueryParams) =>
  useGet<ListResponse<RebatePolicy>>(['rebates'], '/rebate-policies', params);
export const useCreateRebate = () =>
  useWrite((body: Record<string, unknown>) => api.post<RebatePolicy>('/rebate-policies', body));
export const useUpdateRebate = () =>
  useWrite(({ id, body }: { id: string; body: Record<string, unknown> & { version: number } }) =>
    api.patch<RebatePolicy>(`/rebate-policies/${id}`, body),
  );
