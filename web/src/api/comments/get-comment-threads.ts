import { type CommentSubjectType, type CommentThreadPage, CommentThreadPageSchema } from '@banso/shared';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** One page of a subject's threads the caller may read (newest first, with replies). */
export function getCommentThreads(
  engagementId: string,
  subject: { type: CommentSubjectType; id: string },
  cursor: string | null,
  signal?: AbortSignal,
): Promise<CommentThreadPage> {
  return api.get(`/engagements/${enc(engagementId)}/comments`, CommentThreadPageSchema, {
    signal,
    query: { subjectType: subject.type, subjectId: subject.id, limit: 20, cursor: cursor ?? undefined },
  });
}

export const commentThreadsQueryOptions = (engagementId: string, subject: { type: CommentSubjectType; id: string }) =>
  infiniteQueryOptions({
    queryKey: queryKeys.comments.threads(engagementId, subject.type, subject.id),
    queryFn: ({ pageParam, signal }) => getCommentThreads(engagementId, subject, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export function useCommentThreads(engagementId: string, subject: { type: CommentSubjectType; id: string }) {
  return useInfiniteQuery(commentThreadsQueryOptions(engagementId, subject));
}
