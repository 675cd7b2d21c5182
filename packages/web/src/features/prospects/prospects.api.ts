import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ConvertProspectInput,
  ListResponse,
  Prospect,
  ProspectConversion,
  ProspectDetail,
  ProspectFunnel,
  ProspectQualificationInput,
} from '@keqing/shared';
import { api, type QueryParams } from '../../lib/api.ts';
import { useAreaMutation } from '../../lib/area-mutation.ts';

export type { Prospect, ProspectDetail, ProspectFunnel };

export type CreateProspectBody = {
  clientId: string;
  name: string;
  kind: Prospect['kind'];
  city?: string | null;
  address?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  source: Prospect['source'];
  sourceNote?: string | null;
  plan?: string | null;
  nextAction?: string | null;
  nextActionDue?: string | null;
};
export type UpdateProspectBody = Partial<Omit<CreateProspectBody, 'clientId'>> & {
  version: number;
  qualification?: ProspectQualificationInput;
};

// Every query of this area starts with 'prospects'; a conversion also refreshes the channel customers.
const root = 'prospects';

export function useProspects(params: QueryParams) {
  return useQuery({
    queryKey: [root, 'list', params],
    queryFn: ({ signal }) => api.get<ListResponse<Prospect>>('/prospects', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProspectFunnel(ownerId?: string) {
  return useQuery({
    queryKey: [root, 'funnel', ownerId],
    queryFn: ({ signal }) => api.get<ProspectFunnel>('/prospects/funnel', { ownerId }, signal),
  });
}

export function useProspect(id: string) {
  return useQuery({
    queryKey: [root, 'detail', id],
    queryFn: ({ signal }) => api.get<ProspectDetail>(`/prospects/${id}`, undefined, signal),
  });
}

export function useCreateProspect() {
  return useAreaMutation([root], (body: CreateProspectBody) => api.post<ProspectDetail>('/prospects', body));
}

export function useUpdateProspect(id: string) {
  return useAreaMutation([root], (body: UpdateProspectBody) =>
    api.patch<ProspectDetail>(`/prospects/${id}`, body),
  );
}

export function useMoveProspectPhase(id: string) {
  return useAreaMutation([root], (body: { phase: Prospect['phase']; version: number }) =>
    api.post<ProspectDetail>(`/prospects/${id}/phase`, body),
  );
}

export function useDropProspect(id: string) {
  return useAreaMutation([root], (body: { reason: string; version: number }) =>
    api.post<ProspectDetail>(`/prospects/${id}/drop`, body),
  );
}

export function useConvertProspect(id: string) {
  return useAreaMutation([root, 'channel-parties'], (body: ConvertProspectInput) =>
    api.post<ProspectConversion>(`/prospects/${id}/convert`, body),
  );
}
