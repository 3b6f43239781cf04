import { type Comment, CommentSchema, type UpdateCommentBody } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** PATCH /engagements/{id}/comments/{commentId} with If-Match: the author edits the text. */
export function updateComment(engagementId: string, commentId: string, version: number, body: UpdateCommentBody): Promise<Comment> {
  return api.patch(`/engagements/${enc(engagementId)}/comments/${enc(commentId)}`, CommentSchema, body, { ifMatch: version });
}

export function useUpdateComment(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ commentId, version, body }: { commentId: string; version: number; body: UpdateCommentBody }) =>
      updateComment(engagementId, commentId, version, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.comments.all(engagementId) }),
  });
}
