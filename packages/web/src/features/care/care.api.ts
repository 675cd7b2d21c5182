import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type {
  AnnualTotal,
  CareAction,
  CareDate,
  CarePlan,
  CareSettings,
  ComplianceDashboard,
  DoctorCareTier,
  LifeEvent,
  ListResponse,
  UpcomingCare,
} from '@keqing/shared';
import { api, type QueryParams } from '../../lib/api.ts';

export type {
  AnnualTotal,
  CareAction,
  CareDate,
  CarePlan,
  CareSettings,
  ComplianceDashboard,
  DoctorCareTier,
  LifeEvent,
  UpcomingCare,
};
export type UpcomingCareItem = UpcomingCare['items'][number];
export type CarePlanItem = CarePlan['items'][number];
export type CareKindKey = CareAction['kind'];

export type CreateCareActionBody = {
  doctorId: string;
  kind: CareKindKey;
  actionDate: string;
  valueFen: number;
  purpose: string;
  evidenceNote?: string | null;
  festival?: CareAction['festival'];
  callId?: string | null;
  carePlanItemId?: string | null;
};
export type CarePlanItemInput = {
  doctorId: string;
  kind: CareKindKey;
  valueFen: number;
  purpose?: string | null;
};
export type CreateCarePlanBody = {
  title: string;
  kind: CarePlan['kind'];
  festival?: CarePlan['festival'];
  plannedDate: string;
  purpose: string;
  items: CarePlanItemInput[];
};
export type CareDateBody = {
  kind: CareDate['kind'];
  label: string;
  month: number;
  day: number;
  isLunar: boolean;
  sinceYear?: number | null;
  notes?: string | null;
};
export type CreateLifeEventBody = {
  doctorId: string;
  kind: LifeEvent['kind'];
  occurredOn: string;
  note?: string | null;
};
/** The settings route may answer the settings alone or wrapped with when they were saved. */
export type CareSettingsAnswer = { settings: CareSettings; savedAt: string | null };

// Every care query key starts with 'care', so one invalidation refreshes the card, tabs, lists and reports.
const root = 'care';

export function invalidateCare(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: [root] });
  void queryClient.invalidateQueries({ queryKey: ['follow-ups'] });
  void queryClient.invalidateQueries({ queryKey: ['audit-logs'] });
}

function useCareMutation<B, R>(fn: (body: B) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => invalidateCare(queryClient) });
}

export function useUpcomingCare(
  params: { from?: string; days?: number; ownerId?: string; teamId?: string },
  enabled = true,
) {
  return useQuery({
    queryKey: [root, 'upcoming', params],
    queryFn: ({ signal }) => api.get<UpcomingCare>('/care/upcoming', params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function readSettings(answer: unknown): CareSettingsAnswer {
  if (typeof answer === 'object' && answer !== null && 'settings' in answer) {
    const a = answer as { settings: CareSettings; savedAt?: string | null; updatedAt?: string | null };
    return { settings: a.settings, savedAt: a.savedAt ?? a.updatedAt ?? null };
  }
  return { settings: answer as CareSettings, savedAt: null };
}

export function useCareSettings() {
  return useQuery({
    queryKey: [root, 'settings'],
    queryFn: async ({ signal }) => readSettings(await api.get<unknown>('/care/settings', undefined, signal)),
    staleTime: 5 * 60_000,
  });
}

export function useSaveCareSettings() {
  return useCareMutation(async (settings: CareSettings) =>
    readSettings(await api.put<unknown>('/care/settings', settings)),
  );
}

export function useDoctorCareTier(doctorId: string) {
  return useQuery({
    queryKey: [root, 'tier', doctorId],
    queryFn: ({ signal }) => api.get<DoctorCareTier>(`/doctors/${doctorId}/care-tier`, undefined, signal),
    retry: false,
  });
}

export function useSetDoctorCareTier(doctorId: string) {
  return useCareMutation((body: { tier: string | null; version?: number }) =>
    api.put<DoctorCareTier>(`/doctors/${doctorId}/care-tier`, body),
  );
}

/** Care dates of one doctor; the route may answer a plain array or a list page. */
export function useCareDates(doctorId: string) {
  return useQuery({
    queryKey: [root, 'dates', doctorId],
    queryFn: async ({ signal }) => {
      const answer = await api.get<CareDate[] | ListResponse<CareDate>>(
        `/doctors/${doctorId}/care-dates`,
        undefined,
        signal,
      );
      return Array.isArray(answer) ? answer : answer.items;
    },
    retry: false,
  });
}

export function useCreateCareDate(doctorId: string) {
  return useCareMutation((body: CareDateBody) => api.post<CareDate>('/care-dates', { ...body, doctorId }));
}

export function useUpdateCareDate() {
  return useCareMutation(({ id, body }: { id: string; body: Partial<CareDateBody> & { version: number } }) =>
    api.patch<CareDate>(`/care-dates/${id}`, body),
  );
}

export function useDeleteCareDate() {
  return useCareMutation((id: string) => api.delete<unknown>(`/care-dates/${id}`));
}

export function useCareList<T>(resource: 'care-actions' | 'care-plans' | 'life-events', params: QueryParams) {
  return useQuery({
    queryKey: [root, resource, params],
    queryFn: ({ signal }) => api.get<ListResponse<T>>(`/${resource}`, params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateLifeEvent() {
  return useCareMutation((body: CreateLifeEventBody) => api.post<LifeEvent>('/life-events', body));
}

export function useCreateCareAction() {
  return useCareMutation((body: CreateCareActionBody) => api.post<CareAction>('/care-actions', body));
}

export function useCarePlan(id: string | undefined) {
  return useQuery({
    queryKey: [root, 'care-plan', id],
    queryFn: ({ signal }) => api.get<CarePlan>(`/care-plans/${id ?? ''}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCreateCarePlan() {
  return useCareMutation((body: CreateCarePlanBody) => api.post<CarePlan>('/care-plans', body));
}

export function useSubmitCarePlan() {
  return useCareMutation(({ id, version }: { id: string; version: number }) =>
    api.post<CarePlan>(`/care-plans/${id}/submit`, { version }),
  );
}

export function useDecideCarePlan() {
  return useCareMutation(
    ({
      id,
      body,
    }: {
      id: string;
      body: { version: number; decision: 'approved' | 'rejected'; comment?: string | null };
    }) => api.post<CarePlan>(`/care-plans/${id}/decisions`, body),
  );
}

export function useCarePlanFeedback() {
  return useCareMutation(
    ({ planId, itemId, feedback }: { planId: string; itemId: string; feedback: string }) =>
      api.post<CarePlan>(`/care-plans/${planId}/items/${itemId}/feedback`, { feedback }),
  );
}

export function useAnnualTotals(params: {
  year: number;
  overCapOnly?: 'true';
  page: number;
  pageSize: number;
  q?: string;
}) {
  return useQuery({
    queryKey: [root, 'annual-totals', params],
    queryFn: ({ signal }) => api.get<ListResponse<AnnualTotal>>('/care/annual-totals', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useComplianceDashboard(year: number) {
  return useQuery({
    queryKey: [root, 'dashboard', year],
    queryFn: ({ signal }) => api.get<ComplianceDashboard>('/care/compliance-dashboard', { year }, signal),
    placeholderData: keepPreviousData,
  });
}

export function downloadAnnualTotals(year: number, fallbackName: string) {
  return api.download('/care/annual-totals/export', { year }, fallbackName);
}
