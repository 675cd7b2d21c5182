import { useQuery } from '@tanstack/react-query';
import type {
  Handover,
  HandoverEntity,
  HandoverNote,
  HandoverPlan,
  HandoverPreview,
  ListResponse,
  OrphanList,
} from '@keqing/shared';
import { api } from '../../lib/api.ts';
import { useAreaMutation } from '../../lib/area-mutation.ts';

export type { Handover, HandoverNote, HandoverPlan, HandoverPreview, OrphanList };

// Every query of this area starts with 'handovers'; a completion also changes users and the orphan count.
const root = 'handovers';
const roots = [root, 'users', 'territories'] as const;

export function useHandovers(page: number, status?: string) {
  return useQuery({
    queryKey: [root, 'list', page, status],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Handover>>('/handovers', { page, pageSize: 20, status }, signal),
  });
}

export function useHandover(id: string) {
  return useQuery({
    queryKey: [root, 'one', id],
    queryFn: ({ signal }) => api.get<Handover>(`/handovers/${id}`, undefined, signal),
  });
}

export function useHandoverPreview(id: string) {
  return useQuery({
    queryKey: [root, 'preview', id],
    queryFn: ({ signal }) => api.get<HandoverPreview>(`/handovers/${id}/preview`, undefined, signal),
  });
}

export function useOrphans(enabled = true) {
  return useQuery({
    queryKey: [root, 'orphans'],
    queryFn: ({ signal }) => api.get<OrphanList>('/admin/orphans', undefined, signal),
    enabled,
  });
}

export function useCreateHandover() {
  return useAreaMutation(
    [...roots],
    (body: { fromUserId: string; effectiveDate?: string; deactivate?: boolean }) =>
      api.post<Handover>('/handovers', body),
  );
}

export type UpdateHandoverBody = {
  id: string;
  version: number;
  effectiveDate?: string;
  deactivate?: boolean;
  reason?: string | null;
  plan?: HandoverPlan;
  notes?: HandoverNote[];
};

export function useUpdateHandover() {
  return useAreaMutation([...roots], ({ id, ...body }: UpdateHandoverBody) =>
    api.patch<Handover>(`/handovers/${id}`, body),
  );
}

export function useCompleteHandover() {
  return useAreaMutation([...roots], ({ id, version }: { id: string; version: number }) =>
    api.post<Handover>(`/handovers/${id}/complete`, { version }),
  );
}

export function useCancelHandover() {
  return useAreaMutation([...roots], ({ id, version }: { id: string; version: number }) =>
    api.post<Handover>(`/handovers/${id}/cancel`, { version }),
  );
}

/** The open draft of a user, if any (a second "new hand-over" continues it). */
export async function findOpenDraft(fromUserId: string) {
  const list = await api.get<ListResponse<Handover>>('/handovers', {
    fromUserId,
    status: 'draft',
    pageSize: 1,
  });
  return list.items[0];
}

/** The i18n key of a record kind's label. */
export const kindKey = (kind: string) => `handover.kinds.${kind as HandoverEntity}` as const;
