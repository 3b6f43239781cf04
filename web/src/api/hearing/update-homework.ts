import { type Homework, HomeworkSchema, type UpdateHomeworkBody } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';
import { queryKeys } from '../keys';

export function updateHomework(engagementId: string, homeworkId: string, version: number, body: UpdateHomeworkBody): Promise<Homework> {
  return api.patch(`/engagements/${encodeURIComponent(engagementId)}/homework/${encodeURIComponent(homeworkId)}`, HomeworkSchema, body, {
    ifMatch: version,
  });
}

/** Ticks homework done or not (the assignee, or an advisor); the tick shows at once and is undone if saving fails. */
export function useToggleHomework(engagementId: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.homework(engagementId);
  return useMutation({
    mutationFn: ({ homeworkId, version, done }: { homeworkId: string; version: number; done: boolean }) =>
      updateHomework(engagementId, homeworkId, version, { done }),
    onMutate: async ({ homeworkId, done }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Homework[]>(key);
      queryClient.setQueryData<Homework[]>(key, (items) => items?.map((h) => (h.id === homeworkId ? { ...h, done } : h)));
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}

/** Edits homework (advisor): text, due date (null clears it), visit, assignee. */
export function useUpdateHomework(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ homeworkId, version, body }: { homeworkId: string; version: number; body: UpdateHomeworkBody }) =>
      updateHomework(engagementId, homeworkId, version, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
