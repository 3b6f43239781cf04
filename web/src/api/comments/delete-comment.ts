import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** DELETE /engagements/{id}/comments/{commentId} with If-Match: the author deletes (the thread keeps its place). */
export function deleteComment(engagementId: string, commentId: string, version: number): Promise<void> {
  return api.delete(`/engagements/${enc(engagementId)}/comments/${enc(commentId)}`, { ifMatch: version });
}

export function useDeleteComment(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ commentId, version }: { commentId: string; version: number }) => deleteComment(engagementId, commentId, version),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.comments.all(engagementId) }),
  });
}
