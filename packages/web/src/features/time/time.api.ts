import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ListResponse, Task, TaskMatrix, TimeEntry, TimeReview } from '@keqing/shared';
import { api } from '../../lib/api.ts';
import { useAreaMutation } from '../../lib/area-mutation.ts';

export type { Task, TaskMatrix, TimeEntry, TimeReview };

export type CreateTaskBody = {
  clientId: string;
  title: string;
  notes?: string | null;
  important: boolean;
  urgent: boolean;
  dueDate?: string | null;
  estimatedMinutes?: number | null;
  filterAnswers?: Task['filterAnswers'];
};
export type CreateTimeEntryBody = {
  clientId: string;
  date: string;
  activity: TimeEntry['activity'];
  kind: TimeEntry['kind'];
  minutes: number;
  note?: string | null;
};

// Every query of this area starts with 'time': one write refreshes the matrix, the log and the review.
const root = 'time';

export function useTaskMatrix(ownerId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [root, 'matrix', ownerId],
    queryFn: ({ signal }) => api.get<TaskMatrix>('/tasks/matrix', { ownerId }, signal),
    enabled,
  });
}

export function useTimeReview(weekStart: string, ownerId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [root, 'review', weekStart, ownerId],
    queryFn: ({ signal }) => api.get<TimeReview>('/time-review', { weekStart, ownerId }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTimeEntries(from: string, to: string, ownerId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [root, 'entries', from, to, ownerId],
    queryFn: ({ signal }) =>
      api.get<ListResponse<TimeEntry>>('/time-entries', { from, to, ownerId, pageSize: 200 }, signal),
    enabled,
  });
}

export function useCreateTask() {
  return useAreaMutation([root], (body: CreateTaskBody) => api.post<Task>('/tasks', body));
}

export function useUpdateTask() {
  return useAreaMutation(
    [root],
    ({ id, ...body }: { id: string; version: number; status?: Task['status'] }) =>
      api.patch<Task>(`/tasks/${id}`, body),
  );
}

export function useCreateTimeEntry() {
  return useAreaMutation([root], (body: CreateTimeEntryBody) => api.post<TimeEntry>('/time-entries', body));
}

export function useDeleteTimeEntry() {
  return useAreaMutation([root], (id: string) => api.delete<void>(`/time-entries/${id}`));
}
