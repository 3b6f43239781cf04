import { type Comment, CommentSchema, type CreateCommentBody } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** POST /engagements/{id}/comments: a new thread, a reply (parentId), or an observer's question. */
export function createComment(engagementId: string, body: CreateCommentBody): Promise<Comment> {
  return api.post(`/engagements/${enc(engagementId)}/comments`, CommentSchema, body);
}

export function useCreateComment(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCommentBody) => createComment(engagementId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.comments.all(engagementId) }),
  });
}
