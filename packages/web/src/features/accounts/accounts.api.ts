import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Department,
  Doctor,
  DoctorDetail,
  DoctorProfile,
  Hospital,
  HospitalDetail,
  KeyContact,
  Product,
  Role,
} from '@keqing/shared';
import { api } from '../../lib/api.ts';
import { invalidateResource, useList, useRemoteOptions, type Option } from '../../lib/resources.ts';

export type {
  Department,
  Doctor,
  DoctorDetail,
  DoctorProfile,
  Hospital,
  HospitalDetail,
  KeyContact,
  Product,
};

/** Reps and managers keep the accounts of their line; admins all; compliance only reads. */
export function mayWriteAccounts(role: Role): boolean {
  return role === 'rep' || role === 'manager' || role === 'admin';
}

/** Hospitals and products are organisation-wide master data: admins only. */
export function mayWriteMasterData(role: Role): boolean {
  return role === 'admin';
}

/** Every product (the catalogue is small), for filters, listings and score forms. */
export function useAllProducts() {
  return useList<Product>('products', { page: 1, pageSize: 200, sort: 'name' });
}

export function useProductOptions(): { options: Option[]; loading: boolean } {
  const products = useAllProducts();
  return {
    loading: products.isPending,
    options: (products.data?.items ?? []).map((p) => ({
      value: p.id,
      label: `${p.name}（${p.genericName}）`,
    })),
  };
}

export function useHospitalSelect(known?: Option[]) {
  return useRemoteOptions<Hospital>('hospitals', (h) => `${h.name} · ${h.city}`, { known, pageSize: 30 });
}

export function useDepartmentSelect(hospitalId: string | undefined, known?: Option[]) {
  return useRemoteOptions<Department>('departments', (d) => d.name, {
    params: { hospitalId },
    known,
    enabled: !!hospitalId,
    pageSize: 100,
  });
}

/** 医生个人信息 (PIPL): read only when the tab asks for it. */
export function useDoctorProfile(doctorId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['doctors', 'profile', doctorId],
    queryFn: ({ signal }) => api.get<DoctorProfile>(`/doctors/${doctorId}/profile`, undefined, signal),
    enabled,
    retry: false,
  });
}

export type ProfileBody = {
  birthday: string | null;
  birthdayIsLunar: boolean;
  mobile: string | null;
  wechat: string | null;
  family: string | null;
  hobbies: string | null;
  preferences: string | null;
  familyEvents: string | null;
  version: number;
};

export function useSaveDoctorProfile(doctorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileBody) => api.put<DoctorProfile>(`/doctors/${doctorId}/profile`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(['doctors', 'profile', doctorId], saved);
      void queryClient.invalidateQueries({ queryKey: ['audit-logs'] });
    },
  });
}

/** DELETE of a department / key contact; answers 204. */
export function useDelete(resource: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/${resource}/${id}`),
    onSuccess: () => invalidateResource(queryClient, resource),
  });
}
