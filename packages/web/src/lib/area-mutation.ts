import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError } from './api.ts';

/**
 * A write of one area: on success it refreshes the area's queries (every key under `roots`) and the audit log; on a
 * version conflict it refreshes too, so the form shows what someone else saved and its new version.
 */
export function useAreaMutation<B, R>(roots: readonly string[], fn: (body: B) => Promise<R>) {
  const queryClient = useQueryClient();
  const refresh = () => {
    for (const root of [...roots, 'audit-logs']) void queryClient.invalidateQueries({ queryKey: [root] });
  };
  return useMutation({
    mutationFn: fn,
    onSuccess: refresh,
    onError: (error) => {
      if (isApiError(error) && error.code === 'VERSION_CONFLICT') refresh();
    },
  });
}
