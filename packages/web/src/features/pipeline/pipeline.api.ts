import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ListResponse,
  PipelineBoard,
  PipelineDetail,
  PipelineDocument,
  PipelineItem,
  PipelinePersonInput,
  PipelineStage,
} from '@keqing/shared';
import { api, type QueryParams } from '../../lib/api.ts';
import { useAreaMutation } from '../../lib/area-mutation.ts';

export type {
  PipelineBoard,
  PipelineDetail,
  PipelineDocument,
  PipelineItem,
  PipelinePersonInput,
  PipelineStage,
};

export type MoveStageBody = {
  id: string;
  toStage: PipelineStage;
  date: string;
  reason?: string;
  via: 'form' | 'board';
  version: number;
};
export type CreatePipelineBody = {
  hospitalId: string;
  productId: string;
  stageDate?: string;
  nextAction?: string | null;
  nextActionDue?: string | null;
};
export type UpdatePipelineBody = {
  id: string;
  version: number;
  people?: PipelinePersonInput[];
  documents?: PipelineDocument[];
  nextAction?: string | null;
  nextActionDue?: string | null;
  notes?: string | null;
  closed?: boolean;
};

// Every query of this area starts with 'pipelines': a move refreshes the board, the lists and the detail.
const root = 'pipelines';

export function usePipelineBoard(params: { teamId?: string; ownerId?: string; productId?: string }) {
  return useQuery({
    queryKey: [root, 'board', params],
    queryFn: ({ signal }) => api.get<PipelineBoard>('/pipelines/board', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePipelines(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [root, 'list', params],
    queryFn: ({ signal }) => api.get<ListResponse<PipelineItem>>('/pipelines', params, signal),
    enabled,
  });
}

export function usePipeline(id: string | undefined) {
  return useQuery({
    queryKey: [root, 'detail', id],
    queryFn: ({ signal }) => api.get<PipelineDetail>(`/pipelines/${id ?? ''}`, undefined, signal),
    enabled: !!id,
  });
}

export function useMoveStage() {
  return useAreaMutation([root, 'hospitals'], ({ id, ...body }: MoveStageBody) =>
    api.post<PipelineDetail>(`/pipelines/${id}/stage`, body),
  );
}

export function useCreatePipeline() {
  return useAreaMutation([root], (body: CreatePipelineBody) => api.post<PipelineDetail>('/pipelines', body));
}

export function useUpdatePipeline() {
  return useAreaMutation([root], ({ id, ...body }: UpdatePipelineBody) =>
    api.patch<PipelineDetail>(`/pipelines/${id}`, body),
  );
}
