import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DrillCall,
  DrillDoctor,
  DrillFollowUp,
  ListResponse,
  OrgDashboard,
  OrgLevel,
  TeamDashboard,
} from '@keqing/shared';
import { api, type QueryParams } from '../../lib/api.ts';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';
import { usePeriodParams } from './PeriodPicker.tsx';
import type { DashboardFilters, DrillMetric } from './drill-link.ts';

export type { DrillCall, DrillDoctor, DrillFollowUp, OrgDashboard, TeamDashboard };

/** The filters every dashboard reads from its URL: period, product and (team dashboard) team. */
export function useDashboardFilters(): DashboardFilters {
  const period = usePeriodParams();
  const [params] = useSearchParamsUpdate();
  return {
    ...period,
    productId: params.get('productId') ?? undefined,
    teamId: params.get('teamId') ?? undefined,
  };
}

const queryOf = (filters: DashboardFilters): QueryParams => ({ ...filters });

/** `enabled: false` while admin or compliance has not chosen a team yet (the API needs one from them). */
export function useTeamDashboard(filters: DashboardFilters, enabled = true) {
  const query = queryOf(filters);
  return useQuery({
    queryKey: ['dashboards', 'team', query],
    queryFn: ({ signal }) => api.get<TeamDashboard>('/dashboards/team', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOrgDashboard(filters: DashboardFilters, level: OrgLevel, parentId: string | undefined) {
  const { teamId, ...rest } = filters;
  void teamId;
  const query: QueryParams = { ...rest, level, parentId };
  const queryKey = ['dashboards', 'org', query];
  const queryClient = useQueryClient();
  const view = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<OrgDashboard>('/dashboards/org', query, signal),
    placeholderData: keepPreviousData,
  });
  // 立即刷新: the server computes the roll-up now instead of serving its kept snapshot, and keeps the new one
  const refresh = useMutation({
    mutationFn: () => api.get<OrgDashboard>('/dashboards/org', { ...query, refresh: 'true' }),
    onSuccess: (fresh) => queryClient.setQueryData(queryKey, fresh),
  });
  return { ...view, refresh };
}

export type DrillItem = DrillDoctor | DrillCall | DrillFollowUp;

export function useDrill(metric: DrillMetric, query: QueryParams) {
  return useQuery({
    queryKey: ['dashboards', 'drill', metric, query],
    queryFn: ({ signal }) => api.get<ListResponse<DrillItem>>(`/dashboards/drill/${metric}`, query, signal),
    placeholderData: keepPreviousData,
  });
}

export const downloadTeamDashboard = (filters: DashboardFilters) =>
  api.download('/dashboards/team/export', queryOf(filters), 'team-dashboard.xlsx');
export const downloadOrgDashboard = (filters: DashboardFilters, level: OrgLevel, parentId?: string) =>
  api.download(
    '/dashboards/org/export',
    { ...queryOf(filters), teamId: undefined, level, parentId },
    'org-dashboard.xlsx',
  );
export const downloadDrill = (metric: DrillMetric, query: QueryParams) =>
  api.download(`/dashboards/drill/${metric}/export`, query, `drill-${metric}.xlsx`);
