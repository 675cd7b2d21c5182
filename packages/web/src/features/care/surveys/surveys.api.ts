import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ListResponse,
  PublicSurvey,
  SentSurvey,
  SurveyAnswer,
  SurveyAudience,
  SurveyInvitation,
  SurveyQuestion,
  SurveyResults,
  SurveyTemplate,
} from '@keqing/shared';
import { api, type QueryParams } from '../../../lib/api.ts';

export type {
  PublicSurvey,
  SentSurvey,
  SurveyAudience,
  SurveyInvitation,
  SurveyQuestion,
  SurveyResults,
  SurveyTemplate,
};

// Every survey query key starts with 'surveys', so one invalidation refreshes lists and results.
const root = 'surveys';

export function useSurveyTemplates(params: QueryParams = {}) {
  return useQuery({
    queryKey: [root, 'templates', params],
    queryFn: ({ signal }) =>
      api.get<ListResponse<SurveyTemplate>>('/survey-templates', { pageSize: 200, ...params }, signal),
  });
}

export function useSurveyInvitations(params: QueryParams) {
  return useQuery({
    queryKey: [root, 'invitations', params],
    queryFn: ({ signal }) => api.get<ListResponse<SurveyInvitation>>('/survey-invitations', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSurveyResults(params: {
  doctorId?: string;
  channelCustomerId?: string;
  from?: string;
  to?: string;
}) {
  return useQuery({
    queryKey: [root, 'results', params],
    queryFn: ({ signal }) => api.get<SurveyResults>('/survey-results', params, signal),
  });
}

function useSurveyMutation<B, R>(fn: (body: B) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [root] }),
  });
}

export type SendSurveyBody = {
  templateId: string;
  doctorId?: string | null;
  channelCustomerId?: string | null;
};
export const useSendSurvey = () =>
  useSurveyMutation((body: SendSurveyBody) => api.post<SentSurvey>('/survey-invitations', body));

export type TemplateBody = { name: string; audience: SurveyAudience; questions: SurveyQuestion[] };
export const useCreateTemplate = () =>
  useSurveyMutation((body: TemplateBody) => api.post<SurveyTemplate>('/survey-templates', body));

// ── Public page (no session) ──

export function usePublicSurvey(token: string | undefined) {
  return useQuery({
    queryKey: ['public-survey', token],
    queryFn: ({ signal }) => api.get<PublicSurvey>(`/public/surveys/${token ?? ''}`, undefined, signal),
    enabled: !!token,
    retry: false,
  });
}

export function useAnswerSurvey(token: string) {
  return useMutation({
    mutationFn: (body: SurveyAnswer) => api.post<{ answeredAt: string }>(`/public/surveys/${token}`, body),
  });
}
