import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConfigVersion,
  CurrentScore,
  DoctorGradingPreview,
  DoctorGradingResponse,
  DoctorScore,
  DoctorSegmentation,
  DoctorStage,
  DoctorGradingSettingsInput,
  HospitalGradingConfigInput,
  HospitalGradingPreview,
  HospitalGradingResponse,
  HospitalListing,
  KeyAccountList,
  KeyAccountReview,
  KeyAccountMonthlyChanges,
  KolProfileBody,
  LadderChange,
  ListResponse,
  RegradeSummaryBody,
} from '@keqing/shared';
import { api, type QueryParams } from '../../lib/api.ts';

export type {
  ConfigVersion,
  CurrentScore,
  DoctorGradingPreview,
  DoctorGradingResponse,
  DoctorScore,
  DoctorSegmentation,
  DoctorStage,
  HospitalGradingPreview,
  HospitalGradingResponse,
  HospitalListing,
  KeyAccountList,
  KeyAccountMonthlyChanges,
  KolProfileBody,
  RegradeSummaryBody,
};

// Doctor data lives under ['doctors', …] so any doctor write refreshes every view of doctors.
const segmentationKey = (doctorId: string) => ['doctors', 'segmentation', doctorId] as const;
const scoresKey = (doctorId: string, productId: string) =>
  ['doctors', 'scores', doctorId, productId] as const;

/** After a score, stage or ladder change: doctors, their lists and the rankings built on scores. */
function useInvalidateDoctorData() {
  const queryClient = useQueryClient();
  return () => {
    for (const key of ['doctors', 'hospitals', 'key-accounts', 'high-potential', 'kols', 'audit-logs']) {
      void queryClient.invalidateQueries({ queryKey: [key] });
    }
  };
}

// ── one hospital: 进药 listings ─────────────────────────────────────────────

export function useListings(hospitalId: string) {
  return useQuery({
    queryKey: ['hospitals', 'listings', hospitalId],
    queryFn: ({ signal }) =>
      api.get<{ items: HospitalListing[] }>(`/hospitals/${hospitalId}/listings`, undefined, signal),
  });
}

export function useSetListing(hospitalId: string) {
  const invalidate = useInvalidateDoctorData();
  return useMutation({
    mutationFn: ({ productId, ...body }: { productId: string; listed: boolean; listedAt?: string | null }) =>
      api.put<HospitalListing>(`/hospitals/${hospitalId}/listings/${productId}`, body),
    onSuccess: invalidate,
  });
}

// ── one doctor: 复式评分, ladder, stage, KOL ───────────────────────────────

export function useDoctorSegmentation(doctorId: string) {
  return useQuery({
    queryKey: segmentationKey(doctorId),
    queryFn: ({ signal }) =>
      api.get<DoctorSegmentation>(`/doctors/${doctorId}/segmentation`, undefined, signal),
  });
}

export function useDoctorScores(doctorId: string, productId: string | undefined) {
  return useQuery({
    queryKey: scoresKey(doctorId, productId ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ items: DoctorScore[] }>(`/doctors/${doctorId}/scores`, { productId }, signal),
    enabled: !!productId,
    placeholderData: keepPreviousData,
  });
}

export type RecordScoreBody = {
  productId: string;
  prescriptionStatus: number;
  prescriptionPotential: number;
  adoptionStep?: number | null;
  assessedOn?: string;
  note?: string | null;
};

export function useRecordScore(doctorId: string) {
  const invalidate = useInvalidateDoctorData();
  return useMutation({
    mutationFn: (body: RecordScoreBody) => api.post<CurrentScore>(`/doctors/${doctorId}/scores`, body),
    onSuccess: invalidate,
  });
}

export function useChangeLadder(doctorId: string) {
  const invalidate = useInvalidateDoctorData();
  return useMutation({
    mutationFn: (body: { productId: string; step: number; reason?: string | null; changedOn?: string }) =>
      api.post<LadderChange>(`/doctors/${doctorId}/ladder`, body),
    onSuccess: invalidate,
  });
}

export function useChangeStage(doctorId: string) {
  const invalidate = useInvalidateDoctorData();
  return useMutation({
    mutationFn: (body: { stage: number; reason: string; changedOn?: string }) =>
      api.post<DoctorStage>(`/doctors/${doctorId}/stage`, body),
    onSuccess: invalidate,
  });
}

export type SaveKolBody = {
  types: string[];
  policyRoles: string[];
  developmentStep: string;
  contactCadence: string | null;
  lockInRoles: string[];
  lastContactOn: string | null;
  notes: string | null;
  version?: number;
};

export function useSaveKol(doctorId: string) {
  const invalidate = useInvalidateDoctorData();
  return useMutation({
    mutationFn: (body: SaveKolBody) =>
      api.put<{ profile: KolProfileBody | null }>(`/doctors/${doctorId}/kol`, body),
    onSuccess: invalidate,
  });
}

// ── lists: key accounts, high potential, KOLs ──────────────────────────────

export function useKeyAccounts(params: QueryParams) {
  return useQuery({
    queryKey: ['key-accounts', 'list', params],
    queryFn: ({ signal }) => api.get<KeyAccountList>('/segmentation/key-accounts', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useKeyAccountChanges(params: QueryParams) {
  return useQuery({
    queryKey: ['key-accounts', 'changes', params],
    queryFn: ({ signal }) =>
      api.get<KeyAccountMonthlyChanges>('/segmentation/key-accounts/changes', params, signal),
  });
}

export function useSnapshotKeyAccounts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api.post<{ month: string; doctors: number; hospitals: number }>('/segmentation/key-accounts/snapshot'),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['key-accounts'] }),
  });
}

export function useSegmentationList<T>(path: 'high-potential' | 'kols', params: QueryParams) {
  return useQuery({
    queryKey: [path, 'list', params],
    queryFn: ({ signal }) => api.get<ListResponse<T>>(`/segmentation/${path}`, params, signal),
    placeholderData: keepPreviousData,
  });
}

// ── grading configs (admin) ────────────────────────────────────────────────

export function useHospitalGrading() {
  return useQuery({
    queryKey: ['grading', 'hospital'],
    queryFn: ({ signal }) =>
      api.get<HospitalGradingResponse>('/segmentation/hospital-grading', undefined, signal),
  });
}

export function useDoctorGrading() {
  return useQuery({
    queryKey: ['grading', 'doctor'],
    queryFn: ({ signal }) =>
      api.get<DoctorGradingResponse>('/segmentation/doctor-grading', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useGradingHistory(kind: 'hospital' | 'doctor', page: number) {
  return useQuery({
    queryKey: ['grading', kind, 'history', page],
    queryFn: ({ signal }) =>
      api.get<ListResponse<ConfigVersion>>(
        `/segmentation/${kind}-grading/history`,
        { page, pageSize: 10 },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function usePreviewHospitalGrading() {
  return useMutation({
    mutationFn: (config: HospitalGradingConfigInput) =>
      api.post<HospitalGradingPreview>('/segmentation/hospital-grading/preview', { config }),
  });
}

export function usePreviewDoctorGrading() {
  return useMutation({
    mutationFn: (config: DoctorGradingSettingsInput) =>
      api.post<DoctorGradingPreview>('/segmentation/doctor-grading/preview', { config }),
  });
}

function useSaveGrading<C, R>(kind: 'hospital' | 'doctor') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { config: C; version: number }) => api.put<R>(`/segmentation/${kind}-grading`, body),
    onSuccess: () => {
      for (const key of ['grading', 'hospitals', 'doctors', 'key-accounts', 'high-potential', 'audit-logs']) {
        void queryClient.invalidateQueries({ queryKey: [key] });
      }
    },
  });
}

export const useSaveHospitalGrading = () =>
  useSaveGrading<HospitalGradingConfigInput, HospitalGradingResponse & { summary: RegradeSummaryBody }>(
    'hospital',
  );
export const useSaveDoctorGrading = () =>
  useSaveGrading<DoctorGradingSettingsInput, DoctorGradingResponse & { summary: RegradeSummaryBody }>(
    'doctor',
  );

// ── 周讨论 weekly key-account reviews ──────────────────────────────────────

export function useKeyAccountReviews(params: QueryParams) {
  return useQuery({
    queryKey: ['key-accounts', 'reviews', params],
    queryFn: ({ signal }) =>
      api.get<ListResponse<KeyAccountReview>>('/segmentation/key-accounts/reviews', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRecordKeyAccountReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { ownerId?: string; note: string }) =>
      api.post<KeyAccountReview>('/segmentation/key-accounts/reviews', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['key-accounts', 'reviews'] }),
  });
}
