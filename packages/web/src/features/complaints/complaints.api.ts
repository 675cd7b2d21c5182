import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  Complaint,
  ComplaintIssueType,
  ComplaintSeverity,
  ComplaintStatus,
  ListResponse,
  complaintChannels,
} from '@keqing/shared';
import { api, type QueryParams } from '../../lib/api.ts';
import { useAreaMutation } from '../../lib/area-mutation.ts';

export type { Complaint, ComplaintIssueType, ComplaintSeverity, ComplaintStatus };
export type ComplaintChannel = (typeof complaintChannels)[number];

/** POST /api/complaints — exactly one of doctorId / channelCustomerId. */
export type CreateComplaintBody = {
  doctorId?: string | null;
  channelCustomerId?: string | null;
  productId?: string | null;
  issueType: ComplaintIssueType;
  severity: ComplaintSeverity;
  description: string;
  receivedAt?: string;
  channel: ComplaintChannel;
};

/** PATCH /api/complaints/:id — the recovery fields, with the version that was read. */
export type UpdateComplaintBody = {
  version: number;
  description?: string;
  empoweredScope?: string | null;
  urgentAction?: string | null;
  apologized?: boolean;
  compensation?: string | null;
  compensationFen?: number | null;
  resolution?: string | null;
};

export type AdvanceComplaintBody = { version: number; to: ComplaintStatus; customerSatisfied?: boolean };

// Every complaint query key starts with 'complaints', so one invalidation refreshes the list and the drawer.
const root = 'complaints';

function useComplaintMutation<B, R>(fn: (body: B) => Promise<R>) {
  return useAreaMutation([root], fn);
}

export function useComplaints(params: QueryParams) {
  return useQuery({
    queryKey: [root, 'list', params],
    queryFn: ({ signal }) => api.get<ListResponse<Complaint>>('/complaints', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useComplaint(id: string | undefined) {
  return useQuery({
    queryKey: [root, 'detail', id],
    queryFn: ({ signal }) => api.get<Complaint>(`/complaints/${id ?? ''}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCreateComplaint() {
  return useComplaintMutation((body: CreateComplaintBody) => api.post<Complaint>('/complaints', body));
}

export function useUpdateComplaint() {
  return useComplaintMutation(({ id, body }: { id: string; body: UpdateComplaintBody }) =>
    api.patch<Complaint>(`/complaints/${id}`, body),
  );
}

export function useAdvanceComplaint() {
  return useComplaintMutation(({ id, body }: { id: string; body: AdvanceComplaintBody }) =>
    api.post<Complaint>(`/complaints/${id}/advance`, body),
  );
}
