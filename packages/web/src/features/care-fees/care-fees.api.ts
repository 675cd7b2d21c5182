import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CareFeeAccount,
  CareFeeClaim,
  CareFeeClaimLineInput,
  CareFeeClaimSummary,
  CareFeeSpecialApplication,
  ListResponse,
} from '@keqing/shared';
import { api, type QueryParams } from '../../lib/api.ts';
import { useAreaMutation } from '../../lib/area-mutation.ts';

export type { CareFeeAccount, CareFeeClaim, CareFeeClaimSummary, CareFeeSpecialApplication };

export type CreateClaimBody = { month: string; ownerId?: string; lines: CareFeeClaimLineInput[] };
export type SignBody = { decision: 'approved' | 'rejected'; comment?: string | null };
export type PayBody = { paidOn: string; advanceFen: number };
export type SpotCheckBody = {
  checkedOn: string;
  results: { channelCustomerId: string; confirmed: boolean; note?: string | null }[];
};
export type SpecialBody = {
  channelCustomerId: string;
  productId?: string | null;
  amountFen: number;
  reason: string;
  contractDate: string;
};
export type AccountBody = { productId: string; year: number; budgetFen: number; ratePerUnitFen: number };

// Every 客情费 query key starts with 'care-fees': one invalidation refreshes lists, drawer and accounts (spent).
const root = 'care-fees';

function useCareFeeMutation<B, R>(fn: (body: B) => Promise<R>) {
  return useAreaMutation([root], fn);
}

export function useClaims(params: QueryParams) {
  return useQuery({
    queryKey: [root, 'claims', params],
    queryFn: ({ signal }) => api.get<ListResponse<CareFeeClaimSummary>>('/care-fee-claims', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useClaim(id: string | undefined) {
  return useQuery({
    queryKey: [root, 'claim', id],
    queryFn: ({ signal }) => api.get<CareFeeClaim>(`/care-fee-claims/${id ?? ''}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCreateClaim() {
  return useCareFeeMutation((body: CreateClaimBody) => api.post<CareFeeClaim>('/care-fee-claims', body));
}

export function useSubmitClaim() {
  return useCareFeeMutation(({ id, version }: { id: string; version: number }) =>
    api.post<CareFeeClaim>(`/care-fee-claims/${id}/submit`, { version }),
  );
}

export function useSignClaim() {
  return useCareFeeMutation(({ id, body }: { id: string; body: SignBody }) =>
    api.post<CareFeeClaim>(`/care-fee-claims/${id}/sign`, body),
  );
}

export function usePayClaim() {
  return useCareFeeMutation(({ id, body }: { id: string; body: PayBody }) =>
    api.post<CareFeeClaim>(`/care-fee-claims/${id}/pay`, body),
  );
}

export function useSpotCheck() {
  return useCareFeeMutation(({ id, body }: { id: string; body: SpotCheckBody }) =>
    api.post<CareFeeClaim>(`/care-fee-claims/${id}/spot-check`, body),
  );
}

export function useSpecialApplications(params: QueryParams, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [root, 'special', params],
    queryFn: ({ signal }) =>
      api.get<ListResponse<CareFeeSpecialApplication>>('/care-fee-special-applications', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateSpecial() {
  return useCareFeeMutation((body: SpecialBody) =>
    api.post<CareFeeSpecialApplication>('/care-fee-special-applications', body),
  );
}

export function useSignSpecial() {
  return useCareFeeMutation(({ id, body }: { id: string; body: SignBody }) =>
    api.post<CareFeeSpecialApplication>(`/care-fee-special-applications/${id}/sign`, body),
  );
}

export function useAccounts(year: number) {
  return useQuery({
    queryKey: [root, 'accounts', year],
    queryFn: ({ signal }) =>
      api.get<ListResponse<CareFeeAccount>>('/care-fee-accounts', { year, pageSize: 100 }, signal),
  });
}

export function useSaveAccount() {
  return useCareFeeMutation((body: AccountBody) => api.put<CareFeeAccount>('/care-fee-accounts', body));
}
