import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ChannelBill,
  ChannelBillKind,
  ChannelPromotion,
  ChannelPromotionDetail,
  ChannelPromotionEvaluation,
  ChannelPromotionPayout,
  ChannelRiskEvent,
  LedgerEntry,
  LedgerReconciliation,
  ListResponse,
  PayoutForm,
  PromotionKind,
  PromotionTargetKind,
  Receivable,
  ReceivableDetail,
  RiskEventKind,
} from '@keqing/shared';
import { api, type QueryParams } from '../../../lib/api.ts';
import { useAreaMutation } from '../../../lib/area-mutation.ts';

export type {
  ChannelBill,
  ChannelPromotion,
  ChannelPromotionDetail,
  ChannelPromotionEvaluation,
  ChannelRiskEvent,
  LedgerEntry,
  LedgerReconciliation,
  Receivable,
  ReceivableDetail,
};

// Every query of this area starts with 'channel-money': one invalidation refreshes ledger, receivables, bills …
const root = 'channel-money';

function useMoneyMutation<B, R>(fn: (body: B) => Promise<R>) {
  return useAreaMutation([root], fn);
}

function useMoneyList<T>(path: string, params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [root, path, params],
    queryFn: ({ signal }) => api.get<ListResponse<T>>(path, params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const useReceivables = (params: QueryParams) => useMoneyList<Receivable>('/receivables', params);
export const useLedgerEntries = (params: QueryParams) => useMoneyList<LedgerEntry>('/ledger-entries', params);
export const useReconciliations = (params: QueryParams) =>
  useMoneyList<LedgerReconciliation>('/ledger-reconciliations', params);
export const useBills = (params: QueryParams, enabled = true) =>
  useMoneyList<ChannelBill>('/channel-bills', params, enabled);
export const useRiskEvents = (params: QueryParams) =>
  useMoneyList<ChannelRiskEvent>('/channel-risk-events', params);
export const usePromotions = (params: QueryParams) =>
  useMoneyList<ChannelPromotion>('/channel-promotions', params);

export function useReceivable(channelCustomerId: string) {
  return useQuery({
    queryKey: [root, 'receivable', channelCustomerId],
    queryFn: ({ signal }) =>
      api.get<ReceivableDetail>(`/receivables/${channelCustomerId}`, undefined, signal),
  });
}

export function usePromotion(id: string | undefined) {
  return useQuery({
    queryKey: [root, 'promotion', id],
    queryFn: ({ signal }) =>
      api.get<ChannelPromotionDetail>(`/channel-promotions/${id ?? ''}`, undefined, signal),
    enabled: !!id,
  });
}

export function usePromotionEvaluation(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [root, 'promotion-evaluation', id],
    queryFn: ({ signal }) =>
      api.get<ChannelPromotionEvaluation>(`/channel-promotions/${id ?? ''}/evaluation`, undefined, signal),
    enabled: !!id && enabled,
  });
}

export type PaymentBody = {
  kind: 'payment';
  channelCustomerId: string;
  entryDate: string;
  amountFen: number;
  clientId: string;
  note?: string | null;
};
export type AdjustmentBody = {
  kind: 'adjustment';
  channelCustomerId: string;
  entryDate: string;
  amountFen: number;
  note: string;
};
export type BillBody = {
  channelCustomerId: string;
  kind: ChannelBillKind;
  billNo: string;
  issuer: string;
  amountFen: number;
  receivedOn: string;
  dueOn?: string | null;
};
export type ReconciliationBody = {
  channelCustomerId: string;
  periodEnd: string;
  theirBalanceFen: number;
  confirmedByName: string;
  note?: string | null;
};
export type RiskEventBody = {
  channelCustomerId: string;
  kind: RiskEventKind;
  occurredOn: string;
  severity: number;
  note?: string | null;
};
export type PromotionBody = {
  name: string;
  kind: PromotionKind;
  targetKinds: PromotionTargetKind[];
  targetCustomerIds: string[];
  productIds: string[];
  rules: string;
  startsOn: string;
  endsOn: string;
  budgetFen: number;
};
export type PayoutBody = {
  channelCustomerId: string;
  paidOn: string;
  amountFen: number;
  form: PayoutForm;
  note?: string | null;
  approveOverBudget?: boolean;
};

export const useCreateLedgerEntry = () =>
  useMoneyMutation((body: PaymentBody | AdjustmentBody) => api.post<LedgerEntry>('/ledger-entries', body));
export const useCreateBill = () =>
  useMoneyMutation((body: BillBody) => api.post<ChannelBill>('/channel-bills', body));
export const useDecideBill = () =>
  useMoneyMutation(
    ({ id, decision, note }: { id: string; decision: 'approved' | 'rejected'; note?: string }) =>
      api.post<ChannelBill>(`/channel-bills/${id}/decision`, { decision, note }),
  );
export const useBounceBill = () =>
  useMoneyMutation(({ id, note }: { id: string; note?: string }) =>
    api.post<ChannelBill>(`/channel-bills/${id}/bounce`, { note }),
  );
export const useCreateReconciliation = () =>
  useMoneyMutation((body: ReconciliationBody) =>
    api.post<LedgerReconciliation>('/ledger-reconciliations', body),
  );
export const useCreateRiskEvent = () =>
  useMoneyMutation((body: RiskEventBody) => api.post<ChannelRiskEvent>('/channel-risk-events', body));
export const useCreatePromotion = () =>
  useMoneyMutation((body: PromotionBody) => api.post<ChannelPromotionDetail>('/channel-promotions', body));
export const useUpdatePromotion = () =>
  useMoneyMutation(({ id, body }: { id: string; body: Partial<PromotionBody> & { version: number } }) =>
    api.patch<ChannelPromotionDetail>(`/channel-promotions/${id}`, body),
  );
export const useSubmitPromotion = () =>
  useMoneyMutation(({ id, version }: { id: string; version: number }) =>
    api.post<ChannelPromotionDetail>(`/channel-promotions/${id}/submit`, { version }),
  );
export const useDecidePromotion = () =>
  useMoneyMutation(
    ({
      id,
      version,
      decision,
      note,
    }: {
      id: string;
      version: number;
      decision: 'approved' | 'rejected';
      note?: string;
    }) => api.post<ChannelPromotionDetail>(`/channel-promotions/${id}/decision`, { version, decision, note }),
  );
export const useCreatePayout = () =>
  useMoneyMutation(({ id, body }: { id: string; body: PayoutBody }) =>
    api.post<ChannelPromotionPayout>(`/channel-promotions/${id}/payouts`, body),
  );
