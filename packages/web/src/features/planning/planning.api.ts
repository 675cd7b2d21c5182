import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Calendar,
  CyclePlan,
  HalfDay,
  ListResponse,
  PlannedCall,
  PlanningSettings,
  PlanWarning,
  PreCallBrief,
  WeeklyPlan,
} from '@keqing/shared';
import { defaultPlanningSettings, planningSettingsSchema } from '@keqing/shared';
import { api } from '../../lib/api.ts';

export type { Calendar, CyclePlan, PlannedCall, PlanningSettings, PlanWarning, PreCallBrief, WeeklyPlan };
export type CalendarDay = Calendar['days'][number];
export type CalendarCall = Calendar['calls'][number];
export type PlanningReminder = { kind: 'nextWeekEmpty' | 'todayBelowMin'; date: string; message: string };
export type PlannedCallWriteResult = { plannedCall: PlannedCall; warnings: PlanWarning[] };

// Everything of planning lives under ['planning', …]: one write refreshes calendar, plans and reminders.
const root = 'planning';

function useInvalidatePlanning() {
  const queryClient = useQueryClient();
  return () => {
    for (const key of [root, 'audit-logs']) void queryClient.invalidateQueries({ queryKey: [key] });
  };
}

// ── calendar ────────────────────────────────────────────────────────────────

export function useCalendar(
  params: { from: string; to: string; ownerId?: string },
  options: { enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: [root, 'calendar', params],
    queryFn: ({ signal }) => api.get<Calendar>('/planning/calendar', params, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

export function useReminders(enabled = true) {
  return useQuery({
    queryKey: [root, 'reminders'],
    queryFn: ({ signal }) => api.get<{ items: PlanningReminder[] }>('/planning/reminders', undefined, signal),
    enabled,
  });
}

// ── planned calls ───────────────────────────────────────────────────────────

export type UpdatePlannedCallBody = {
  version: number;
  date?: string;
  halfDay?: HalfDay;
  status?: 'planned' | 'cancelled';
  startTime?: string | null;
  endTime?: string | null;
  place?: string | null;
  locked?: boolean;
  objectives?: { text: string }[];
  productIds?: string[];
  keyMessages?: string[];
  expectedObjections?: string[];
};

export function useUpdatePlannedCall() {
  const invalidate = useInvalidatePlanning();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdatePlannedCallBody }) =>
      api.patch<PlannedCallWriteResult>(`/planned-calls/${id}`, body),
    // On success and on failure (409: someone moved it first) the calendar must show the stored state.
    onSettled: invalidate,
  });
}

/** 访前准备 of a doctor; the call form, the plan drawer and the doctor page share it (follow-up writes refresh it). */
export function usePreCallBrief(doctorId: string | undefined) {
  return useQuery({
    queryKey: ['doctors', 'pre-call-brief', doctorId ?? ''],
    queryFn: ({ signal }) =>
      api.get<PreCallBrief>(`/doctors/${doctorId ?? ''}/pre-call-brief`, undefined, signal),
    enabled: !!doctorId,
    // The brief is a help: a doctor out of scope or a failed read shows nothing rather than retrying.
    retry: false,
  });
}

// ── cycle plans ─────────────────────────────────────────────────────────────

/** The plan of the cycle containing `date` for `ownerId` (the caller when absent), or null. */
export function useCyclePlanAt(date: string, ownerId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [root, 'cycle-plan', { date, ownerId }],
    queryFn: async ({ signal }) => {
      const list = await api.get<ListResponse<CyclePlan>>(
        '/cycle-plans',
        { date, ownerId, page: 1, pageSize: 1 },
        signal,
      );
      return list.items[0] ?? null;
    },
    enabled,
  });
}

export function useOpenCyclePlan() {
  const invalidate = useInvalidatePlanning();
  return useMutation({
    mutationFn: (date: string) => api.post<CyclePlan>('/cycle-plans', { date }),
    onSuccess: invalidate,
  });
}

export function useGenerateCyclePlan() {
  const invalidate = useInvalidatePlanning();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post<CyclePlan>(`/cycle-plans/${id}/generate`, { version }),
    onSettled: invalidate,
  });
}

export type UpdateCyclePlanBody = {
  version: number;
  hospitalDays?: { hospitalId: string; days: number }[];
  promotionalActivities?: {
    title: string;
    date?: string | null;
    hospitalId?: string | null;
    productId?: string | null;
    note?: string | null;
  }[];
  notes?: string | null;
  status?: 'draft' | 'accepted';
};

export function useUpdateCyclePlan() {
  const invalidate = useInvalidatePlanning();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateCyclePlanBody }) =>
      api.patch<CyclePlan>(`/cycle-plans/${id}`, body),
    onSettled: invalidate,
  });
}

// ── weekly plans ────────────────────────────────────────────────────────────

export function useWeeklyPlan(weekStart: string, ownerId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [root, 'weekly-plan', { weekStart, ownerId }],
    queryFn: async ({ signal }) => {
      const list = await api.get<ListResponse<WeeklyPlan>>(
        '/weekly-plans',
        { weekStart, ownerId, page: 1, pageSize: 1 },
        signal,
      );
      return list.items[0] ?? null;
    },
    enabled,
  });
}

export type SaveWeeklyPlanBody = {
  version?: number;
  goals?: string | null;
  notes?: string | null;
  submit?: boolean;
};

export function useSaveWeeklyPlan() {
  const invalidate = useInvalidatePlanning();
  return useMutation({
    mutationFn: ({ weekStart, body }: { weekStart: string; body: SaveWeeklyPlanBody }) =>
      api.put<WeeklyPlan>(`/weekly-plans/${weekStart}`, body),
    onSettled: invalidate,
  });
}

// ── settings ────────────────────────────────────────────────────────────────

export type PlanningSettingsAnswer = { settings: PlanningSettings; savedAt: string | null };

/** The answer is the settings themselves, or wrapped as `{ settings | config, savedAt? }`. */
function readSettings(body: unknown): PlanningSettingsAnswer {
  const wrapped =
    typeof body === 'object' && body !== null
      ? ((body as { settings?: unknown; config?: unknown }).settings ?? (body as { config?: unknown }).config)
      : undefined;
  const raw = wrapped ?? body;
  const parsed = planningSettingsSchema.safeParse({ ...defaultPlanningSettings, ...(raw as object) });
  const savedAt =
    typeof body === 'object' && body !== null && typeof (body as { savedAt?: unknown }).savedAt === 'string'
      ? (body as { savedAt: string }).savedAt
      : null;
  return { settings: parsed.success ? parsed.data : defaultPlanningSettings, savedAt };
}

export function usePlanningSettings() {
  return useQuery({
    queryKey: [root, 'settings'],
    queryFn: async ({ signal }) =>
      readSettings(await api.get<unknown>('/planning/settings', undefined, signal)),
    staleTime: 5 * 60_000,
  });
}

export function useSavePlanningSettings() {
  const invalidate = useInvalidatePlanning();
  return useMutation({
    mutationFn: async (settings: PlanningSettings) =>
      readSettings(await api.put<unknown>('/planning/settings', settings)),
    onSuccess: invalidate,
  });
}
