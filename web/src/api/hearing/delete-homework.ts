import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';
import { enc } from '../keys';

/** DELETE /engagements/{id}/homework/{homeworkId} with If-Match (advisor). */
export function deleteHomework(engagementId: string, homeworkId: string, version: number): Promise<void> {
  return api.delete(`/engagements/${enc(engagementId)}/homework/${enc(homeworkId)}`, { ifMatch: version });
}

export function useDeleteHomework(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ homeworkId, version }: { homeworkId: string; version: number }) => deleteHomework(engagementId, homeworkId, version),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
