import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ForecastSummary,
  ListResponse,
  ManualSale,
  QuotaGrid,
  SalesAttainment,
  SaveQuotaGrid,
  TeamQuota,
  UpsertManualSale,
  UpsertSalesForecasts,
  UpsertTeamQuota,
} from '@keqing/shared';
import { api, type QueryParams } from '../../lib/api.ts';
import { useAreaMutation } from '../../lib/area-mutation.ts';

export type { ForecastSummary, ManualSale, QuotaGrid, SalesAttainment, TeamQuota };

// Every targets query key starts with 'targets': a save refreshes the grid, the summaries and attainment together.
const root = 'targets';
const get =
  <T>(path: string, params: QueryParams) =>
  ({ signal }: { signal: AbortSignal }) =>
    api.get<T>(path, params, signal);

export function useTeamQuotas(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [root, 'team-quotas', params],
    queryFn: get<ListResponse<TeamQuota>>('/team-quotas', params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useQuotaGrid(teamId: string | undefined, month: string) {
  return useQuery({
    queryKey: [root, 'grid', teamId, month],
    queryFn: get<QuotaGrid>('/quota-grid', { teamId, month }),
    enabled: !!teamId,
  });
}

export function useForecastSummary(month: string, repId?: string, enabled = true) {
  return useQuery({
    queryKey: [root, 'forecast-summary', month, repId],
    queryFn: get<ForecastSummary>('/forecast-summary', { month, repId }),
    enabled,
  });
}

export function useAttainment(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [root, 'attainment', params],
    queryFn: get<SalesAttainment>('/sales-attainment', params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useManualSales(params: QueryParams) {
  return useQuery({
    queryKey: [root, 'manual-sales', params],
    queryFn: get<ListResponse<ManualSale>>('/manual-sales', params),
  });
}

export const useSaveTeamQuota = () =>
  useAreaMutation([root], (body: UpsertTeamQuota) => api.put<TeamQuota>('/team-quotas', body));
export const useSaveGrid = () =>
  useAreaMutation([root], (body: SaveQuotaGrid) => api.put<QuotaGrid>('/quota-grid', body));
export const useSaveForecasts = () =>
  useAreaMutation([root], (body: UpsertSalesForecasts) => api.put<ForecastSummary>('/sales-forecasts', body));
export const useSaveManualSale = () =>
  useAreaMutation([root], (body: UpsertManualSale) => api.put<ManualSale>('/manual-sales', body));
