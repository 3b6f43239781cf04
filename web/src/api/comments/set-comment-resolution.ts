import { type Comment, CommentSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** PUT /engagements/{id}/comments/{commentId}/resolution with If-Match: resolve or reopen a thread. */
export function setCommentResolution(engagementId: string, commentId: string, version: number, resolved: boolean): Promise<Comment> {
  return api.put(
    `/engagements/${enc(engagementId)}/comments/${enc(commentId)}/resolution`,
    CommentSchema,
    { resolved },
    { ifMatch: version },
  );
}

export function useSetCommentResolution(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ commentId, version, resolved }: { commentId: string; version: number; resolved: boolean }) =>
      setCommentResolution(engagementId, commentId, version, resolved),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.comments.all(engagementId) }),
  });
}
