import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CompetitorActivity,
  CompetitorActivityKind,
  CompetitorPressure,
  CompetitorProduct,
  CompetitorUsage,
  CompetitorVisitor,
  DoctorCompetitors,
  ListResponse,
} from '@keqing/shared';
import { api } from '../../lib/api.ts';
import { useAreaMutation } from '../../lib/area-mutation.ts';

export type {
  CompetitorActivity,
  CompetitorActivityKind,
  CompetitorPressure,
  CompetitorProduct,
  CompetitorUsage,
  CompetitorVisitor,
  DoctorCompetitors,
};

export type CompetitorProductBody = {
  name: string;
  company: string;
  therapeuticArea: string;
  productId?: string | null;
  active?: boolean;
};
export type CompetitorActivityBody = {
  hospitalId: string;
  doctorId?: string | null;
  competitorProductId?: string | null;
  company?: string;
  kind: CompetitorActivityKind;
  byWhom?: CompetitorVisitor | null;
  observedOn: string;
  source?: string;
  description: string;
};
export type CompetitorUsageBody = {
  hospitalId: string;
  doctorId?: string | null;
  competitorProductId: string;
  judgement: number;
  observedOn: string;
  source?: string;
  note?: string;
};

// Every query of this area starts with 'competitors': one write refreshes the lists, the pressure and the cards.
const root = 'competitors';

export function useCompetitorPressure(params: { hospitalId?: string; productId?: string; months?: number }) {
  return useQuery({
    queryKey: [root, 'pressure', params],
    queryFn: ({ signal }) => api.get<CompetitorPressure>('/competitor-pressure', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDoctorCompetitors(doctorId: string) {
  return useQuery({
    queryKey: [root, 'doctor', doctorId],
    queryFn: ({ signal }) =>
      api.get<DoctorCompetitors>(`/doctors/${doctorId}/competitors`, undefined, signal),
  });
}

export function useCompetitorActivities(params: {
  hospitalId?: string;
  kind?: CompetitorActivityKind;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: [root, 'activities', params],
    queryFn: ({ signal }) =>
      api.get<ListResponse<CompetitorActivity>>('/competitor-activities', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCompetitorProducts(params: { active?: 'true' | 'false' } = {}) {
  return useQuery({
    queryKey: [root, 'products', params],
    queryFn: ({ signal }) =>
      api.get<ListResponse<CompetitorProduct>>(
        '/competitor-products',
        { ...params, pageSize: 200, sort: 'therapeuticArea' },
        signal,
      ),
  });
}

export function useCreateCompetitorProduct() {
  return useAreaMutation([root], (body: CompetitorProductBody) =>
    api.post<CompetitorProduct>('/competitor-products', body),
  );
}

export function useUpdateCompetitorProduct() {
  return useAreaMutation(
    [root],
    ({ id, ...body }: Partial<CompetitorProductBody> & { id: string; version: number }) =>
      api.patch<CompetitorProduct>(`/competitor-products/${id}`, body),
  );
}

export function useCreateCompetitorActivity() {
  return useAreaMutation([root], (body: CompetitorActivityBody) =>
    api.post<CompetitorActivity>('/competitor-activities', body),
  );
}

export function useCreateCompetitorUsage() {
  return useAreaMutation([root], (body: CompetitorUsageBody) =>
    api.post<CompetitorUsage>('/competitor-usages', body),
  );
}
