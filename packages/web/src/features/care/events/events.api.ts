import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type {
  AcademicEvent,
  AcademicEventSummary,
  EventFormat,
  EventLayout,
  EventStatus,
  ListResponse,
  PublicEvent,
  SpeakerRole,
} from '@keqing/shared';
import { api, type QueryParams } from '../../../lib/api.ts';
import { useAreaMutation } from '../../../lib/area-mutation.ts';

export type {
  AcademicEvent,
  AcademicEventSummary,
  EventFormat,
  EventLayout,
  EventStatus,
  PublicEvent,
  SpeakerRole,
};

// Every event query key starts with 'academic-events', so one invalidation refreshes the list and the detail.
const root = 'academic-events';

export function useEvents(params: QueryParams) {
  return useQuery({
    queryKey: [root, 'list', params],
    queryFn: ({ signal }) => api.get<ListResponse<AcademicEventSummary>>('/academic-events', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useEvent(id: string | undefined) {
  return useQuery({
    queryKey: [root, 'detail', id],
    queryFn: ({ signal }) => api.get<AcademicEvent>(`/academic-events/${id ?? ''}`, undefined, signal),
    enabled: !!id,
  });
}

function useEventMutation<B, R>(fn: (body: B) => Promise<R>) {
  return useAreaMutation([root], fn);
}

export type EventBody = {
  topic: string;
  purpose: string;
  format: EventFormat;
  eventDate: string;
  startTime?: string | null;
  place: string;
  hospitalId?: string | null;
  layout?: EventLayout | null;
  budgetFen: number;
  mealCostFen: number;
  agenda: { time?: string; title: string }[];
  materials: string[];
};
export type SpeakerBody = {
  doctorId: string;
  role: SpeakerRole;
  talkTitle?: string | null;
  feeFen: number;
  travelFen: number;
};

export const useCreateEvent = () =>
  useEventMutation((body: EventBody) => api.post<AcademicEvent>('/academic-events', body));
export const useUpdateEvent = (id: string) =>
  useEventMutation((body: Partial<EventBody> & { version: number }) =>
    api.patch<AcademicEvent>(`/academic-events/${id}`, body),
  );
export const usePutSpeakers = (id: string) =>
  useEventMutation((body: { version: number; speakers: SpeakerBody[] }) =>
    api.put<AcademicEvent>(`/academic-events/${id}/speakers`, body),
  );
export const usePaySpeakers = (id: string) =>
  useEventMutation(
    (body: { version: number; payments: { doctorId: string; paidOn: string; paidBy: string }[] }) =>
      api.patch<AcademicEvent>(`/academic-events/${id}/speakers`, body),
  );
export const usePutAttendees = (id: string) =>
  useEventMutation((body: { version: number; doctorIds: string[] }) =>
    api.put<AcademicEvent>(`/academic-events/${id}/attendees`, body),
  );
export const useSubmitEvent = (id: string) =>
  useEventMutation((body: { version: number }) =>
    api.post<AcademicEvent>(`/academic-events/${id}/submit`, body),
  );
export const useDecideEvent = (id: string) =>
  useEventMutation((body: { version: number; decision: 'approved' | 'rejected'; comment?: string | null }) =>
    api.post<AcademicEvent>(`/academic-events/${id}/decision`, body),
  );
export const useSignInCode = (id: string) =>
  useEventMutation(() => api.post<{ link: string; token: string }>(`/academic-events/${id}/sign-in-code`));
export const useCloseEvent = (id: string) =>
  useEventMutation((body: { version: number }) =>
    api.post<AcademicEvent>(`/academic-events/${id}/close`, body),
  );

// ── Public sign-in page (no session) ──

export function usePublicEvent(token: string | undefined) {
  return useQuery({
    queryKey: ['public-event', token],
    queryFn: ({ signal }) => api.get<PublicEvent>(`/public/events/${token ?? ''}`, undefined, signal),
    enabled: !!token,
    retry: false,
  });
}

export function useEventSignIn(token: string) {
  return useMutation({
    mutationFn: (body: { name: string }) =>
      api.post<{ doctorName: string; signedInAt: string; alreadySignedIn: boolean }>(
        `/public/events/${token}/sign-in`,
        body,
      ),
  });
}
