import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  Call,
  CallAmendment,
  CallWriteResult,
  CoVisit,
  FollowUp,
  FrequencyDoctor,
  FrequencySummary,
  ListResponse,
  PlannedCall,
  PreCallBrief,
} from '@keqing/shared';
import { api, type QueryParams } from '../../lib/api.ts';
import { detailKey, invalidateResource } from '../../lib/resources.ts';

export type {
  Call,
  CallAmendment,
  CallWriteResult,
  CoVisit,
  FollowUp,
  FrequencyDoctor,
  FrequencySummary,
  PlannedCall,
  PreCallBrief,
};

/** The fields of a call a rep fills in (createCallSchema's content, as sent). */
export type CallContent = {
  doctorId: string;
  plannedCallId?: string | null;
  type: Call['type'];
  startAt: string;
  endAt: string;
  attendees?: Call['attendees'];
  products: { productId: string; keyMessages: string[] }[];
  objectives: Call['objectives'];
  preparationDone?: boolean | null;
  opening?: string | null;
  needsFound?: string | null;
  benefitsPresented?: string | null;
  objections?: { objection: string; answer?: string | null }[];
  commitment?: string | null;
  nextStep?: string | null;
  nextStepDue?: string | null;
  scoreUpdates?: Call['scoreUpdates'];
  notes?: string | null;
};
export type CallLocation = { latitude: number; longitude: number; accuracyM?: number };
export type CreateCallBody = CallContent & {
  clientId: string;
  submit: boolean;
  location?: CallLocation | null;
};
export type UpdateCallBody = Partial<CallContent> & { version: number };
export type AmendCallBody = {
  version: number;
  reason: string;
  changes: Partial<Omit<CallContent, 'doctorId' | 'plannedCallId'>>;
};
export type CoVisitEvaluation = CoVisit['evaluations'][number];
export type CreateCoVisitBody = {
  callId: string;
  evaluations: CoVisitEvaluation[];
  strengths?: string | null;
  improvements?: string | null;
};
export type UpdateCoVisitBody = Omit<CreateCoVisitBody, 'callId'> & { version: number };
export type UpdateFollowUpBody = {
  version: number;
  status?: FollowUp['status'];
  dueDate?: string;
  resolutionNote?: string | null;
};

/** Everything a logged call changes: lists, the home card, frequency figures, the calendar. */
export function invalidateCalls(queryClient: QueryClient) {
  for (const name of ['calls', 'follow-ups', 'co-visits', 'frequency', 'planned-calls', 'planning']) {
    void queryClient.invalidateQueries({ queryKey: [name] });
  }
  invalidateResource(queryClient, 'calls');
}

/** POST /api/calls (also what the offline queue sends). 201 created, 200 when the clientId was already stored. */
export function postCall(body: CreateCallBody) {
  return api.post<CallWriteResult>('/calls', body);
}

export function useCreateCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: postCall,
    onSuccess: (result) => {
      queryClient.setQueryData(detailKey('calls', result.call.id), result.call);
      invalidateCalls(queryClient);
    },
  });
}

export function useUpdateCall(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCallBody) => api.patch<CallWriteResult>(`/calls/${id}`, body),
    onSuccess: (result) => {
      queryClient.setQueryData(detailKey('calls', id), result.call);
      invalidateCalls(queryClient);
    },
  });
}

/** Saves the draft's fields, then submits it (two requests: the submit takes the saved version). */
export function useSubmitDraft(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, location }: { body: UpdateCallBody; location: CallLocation | null }) => {
      const saved = await api.patch<CallWriteResult>(`/calls/${id}`, body);
      queryClient.setQueryData(detailKey('calls', id), saved.call);
      return api.post<CallWriteResult>(`/calls/${id}/submit`, {
        version: saved.call.version,
        location,
      });
    },
    onSuccess: (result) => {
      queryClient.setQueryData(detailKey('calls', id), result.call);
      invalidateCalls(queryClient);
    },
    onSettled: () => invalidateCalls(queryClient),
  });
}

export function useAmendCall(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AmendCallBody) => api.post<CallWriteResult | Call>(`/calls/${id}/amendments`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['calls'] });
      invalidateCalls(queryClient);
    },
  });
}

/** The amendment history of a call (a list answer or a bare array, whichever the server sends). */
export function useAmendments(callId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['calls', 'amendments', callId],
    queryFn: async ({ signal }) => {
      const answer = await api.get<ListResponse<CallAmendment> | CallAmendment[]>(
        `/calls/${callId}/amendments`,
        undefined,
        signal,
      );
      return Array.isArray(answer) ? answer : answer.items;
    },
    enabled,
  });
}

export function usePlannedCall(id: string | null) {
  return useQuery({
    queryKey: ['planned-calls', 'detail', id ?? ''],
    queryFn: ({ signal }) => api.get<PlannedCall>(`/planned-calls/${id ?? ''}`, undefined, signal),
    enabled: !!id,
    retry: false,
  });
}

// ── Follow-ups ────────────────────────────────────────────────────────────────

export function useUpdateFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateFollowUpBody }) =>
      api.patch<FollowUp>(`/follow-ups/${id}`, body),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['follow-ups'] });
      void queryClient.invalidateQueries({ queryKey: ['doctors', 'pre-call-brief'] });
    },
  });
}

// ── Co-visits ─────────────────────────────────────────────────────────────────

export function useCreateCoVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCoVisitBody) => api.post<CoVisit>('/co-visits', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(detailKey('co-visits', saved.id), saved);
      invalidateCalls(queryClient);
    },
  });
}

export function useUpdateCoVisit(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCoVisitBody) => api.patch<CoVisit>(`/co-visits/${id}`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(detailKey('co-visits', id), saved);
      void queryClient.invalidateQueries({ queryKey: ['co-visits'] });
    },
  });
}

export function useAcknowledgeCoVisit(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; repComment: string | null }) =>
      api.post<CoVisit>(`/co-visits/${id}/acknowledge`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(detailKey('co-visits', id), saved);
      void queryClient.invalidateQueries({ queryKey: ['co-visits'] });
    },
  });
}

// ── Frequency 拜访频率 ────────────────────────────────────────────────────────

export function useFrequencyDoctors(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['frequency', 'doctors', params],
    queryFn: ({ signal }) => api.get<ListResponse<FrequencyDoctor>>('/frequency/doctors', params, signal),
    enabled,
  });
}

export function useFrequencySummary(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['frequency', 'summary', params],
    queryFn: ({ signal }) => api.get<FrequencySummary>('/frequency/summary', params, signal),
    enabled,
  });
}
