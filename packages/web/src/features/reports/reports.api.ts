import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  DailyReport,
  DailyReportDetail,
  DailyReportDraft,
  DeviationReason,
  ListResponse,
  PipelineItem,
  ReportComment,
  ReportCommentKind,
  TeamDay,
  WeeklyReport,
} from '@keqing/shared';
import { api } from '../../lib/api.ts';
import { useAreaMutation } from '../../lib/area-mutation.ts';

export type { DailyReport, DailyReportDetail, DailyReportDraft, ReportComment, TeamDay, WeeklyReport };

export type DeviationInput = { plannedCallId: string; reason: DeviationReason | null; note?: string | null };
export type ReportTexts = {
  highlights?: string | null;
  problems?: string | null;
  helpRequests?: string | null;
};

// Every query of this area starts with 'reports': one write refreshes the draft, the team day and the lists.
const root = 'reports';

export function useDailyDraft(date: string, enabled = true) {
  return useQuery({
    queryKey: [root, 'draft', date],
    queryFn: ({ signal }) => api.get<DailyReportDraft>('/daily-reports/draft', { date }, signal),
    enabled,
  });
}

export function useDailyReports(params: { ownerId?: string; from?: string; to?: string; pageSize?: number }) {
  return useQuery({
    queryKey: [root, 'list', params],
    queryFn: ({ signal }) => api.get<ListResponse<DailyReport>>('/daily-reports', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDailyReport(id: string) {
  return useQuery({
    queryKey: [root, 'report', id],
    queryFn: ({ signal }) => api.get<DailyReportDetail>(`/daily-reports/${id}`, undefined, signal),
  });
}

export function useReportComments(id: string) {
  return useQuery({
    queryKey: [root, 'comments', id],
    queryFn: ({ signal }) =>
      api.get<{ items: ReportComment[] }>(`/daily-reports/${id}/comments`, undefined, signal),
  });
}

export function useTeamDay(date: string, teamId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [root, 'team-day', date, teamId],
    queryFn: ({ signal }) => api.get<TeamDay>('/daily-reports/team-day', { date, teamId }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useWeeklyReport(week: string, ownerId: string | undefined) {
  return useQuery({
    queryKey: [root, 'weekly', week, ownerId],
    queryFn: ({ signal }) => api.get<WeeklyReport>('/weekly-reports', { week, ownerId }, signal),
    placeholderData: keepPreviousData,
  });
}

/** A stalled 进药 pipeline (the fields shown here, from the pipeline list). */
export type StalledPipeline = Pick<
  PipelineItem,
  'id' | 'hospitalName' | 'productName' | 'ownerName' | 'stage' | 'daysInStage' | 'nextAction'
>;

/** 停滞的进药项目 of the manager's team; the box stays empty if the pipeline list is not there. */
export function useStalledPipelines(teamId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['pipelines', 'stalled', teamId],
    queryFn: ({ signal }) =>
      api.get<ListResponse<StalledPipeline>>('/pipelines', { stalled: true, teamId, pageSize: 20 }, signal),
    retry: false,
    enabled,
  });
}

export function useCreateDailyReport() {
  return useAreaMutation([root], (body: { date: string; deviations: DeviationInput[] } & ReportTexts) =>
    api.post<DailyReport>('/daily-reports', body),
  );
}

export function useUpdateDailyReport() {
  return useAreaMutation(
    [root],
    ({ id, ...body }: { id: string; version: number; deviations?: DeviationInput[] } & ReportTexts) =>
      api.patch<DailyReport>(`/daily-reports/${id}`, body),
  );
}

export function useSubmitDailyReport() {
  return useAreaMutation([root], ({ id, version }: { id: string; version: number }) =>
    api.post<DailyReport>(`/daily-reports/${id}/submit`, { version }),
  );
}

export function useAmendDailyReport() {
  return useAreaMutation(
    [root],
    ({ id, ...body }: { id: string; version: number; reason: string; changes: ReportTexts }) =>
      api.post<DailyReport>(`/daily-reports/${id}/amend`, body),
  );
}

export function useMarkRead() {
  return useAreaMutation([root], (id: string) => api.post<DailyReport>(`/daily-reports/${id}/read`));
}

export function useCreateComment() {
  return useAreaMutation(
    [root],
    ({ id, ...body }: { id: string; clientId: string; kind?: ReportCommentKind; body: string }) =>
      api.post<ReportComment>(`/daily-reports/${id}/comments`, body),
  );
}
