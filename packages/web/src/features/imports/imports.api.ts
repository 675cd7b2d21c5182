import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  adminOnlyImportKinds,
  importKinds,
  type DuplicateDoctorGroup,
  type DuplicateHospitalGroup,
  type ImportBatch,
  type ImportKind,
  type ListResponse,
  type MergeResult,
  type Role,
} from '@keqing/shared';
import { api, type QueryParams } from '../../lib/api.ts';

export type { DuplicateDoctorGroup, DuplicateHospitalGroup, ImportBatch, ImportKind, MergeResult };

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Kinds a role may import: hospitals and products are the admin's master data. */
export function importKindsFor(role: Role): ImportKind[] {
  if (role === 'admin') return [...importKinds];
  return importKinds.filter((k) => !adminOnlyImportKinds.includes(k));
}

/** The content type the upload declares, from the file name (browsers differ on what they report). */
export function contentTypeOf(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return xlsxType;
  if (name.endsWith('.csv')) return 'text/csv';
  return 'application/octet-stream';
}

export function useImportBatch(batchId: string | undefined) {
  return useQuery({
    queryKey: ['imports', batchId],
    queryFn: ({ signal }) => api.get<ImportBatch>(`/imports/${batchId}`, undefined, signal),
    enabled: !!batchId,
    retry: false,
  });
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) =>
      api.upload<ImportBatch>(`/imports/${kind}`, file, contentTypeOf(file), { fileName: file.name }),
    onSuccess: (batch) => queryClient.setQueryData(['imports', batch.id], batch),
  });
}

/** Confirm (import every valid row) or cancel (import nothing) a previewed batch. */
export function useFinishImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ batchId, action }: { batchId: string; action: 'commit' | 'cancel' }) =>
      api.post<ImportBatch>(`/imports/${batchId}/${action}`),
    onSuccess: (batch) => {
      queryClient.setQueryData(['imports', batch.id], batch);
      if (batch.status === 'committed') {
        for (const key of [
          'hospitals',
          'departments',
          'doctors',
          'key-contacts',
          'products',
          'duplicates',
          'audit-logs',
        ]) {
          void queryClient.invalidateQueries({ queryKey: [key] });
        }
      }
    },
  });
}

export type DuplicateKind = 'doctors' | 'hospitals';

export function useDuplicates<T>(kind: DuplicateKind, params: QueryParams) {
  return useQuery({
    queryKey: ['duplicates', kind, params],
    queryFn: ({ signal }) => api.get<ListResponse<T>>(`/duplicates/${kind}`, params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMerge(kind: DuplicateKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { keepId: string; mergeIds: string[] }) =>
      api.post<MergeResult>(`/duplicates/${kind}/merge`, body),
    onSuccess: () => {
      for (const key of ['duplicates', 'hospitals', 'departments', 'doctors', 'key-contacts', 'audit-logs']) {
        void queryClient.invalidateQueries({ queryKey: [key] });
      }
    },
  });
}
