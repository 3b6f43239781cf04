import { type CommentCounts, CommentCountsSchema, type CommentSubjectType } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** Open and total threads per subject of a type, as the caller may read them (the badges). */
export function getCommentCounts(engagementId: string, subjectType: CommentSubjectType, signal?: AbortSignal): Promise<CommentCounts> {
  return api.get(`/engagements/${enc(engagementId)}/comments/counts`, CommentCountsSchema, { signal, query: { subjectType } });
}

export const commentCountsQueryOptions = (engagementId: string, subjectType: CommentSubjectType) =>
  queryOptions({
    queryKey: queryKeys.comments.counts(engagementId, subjectType),
    queryFn: ({ signal }) => getCommentCounts(engagementId, subjectType, signal),
    staleTime: 30_000,
  });

/** subjectId → open thread count (subjects without open threads are absent). */
export function useOpenCommentCounts(engagementId: string, subjectType: CommentSubjectType): ReadonlyMap<string, number> {
  const { data } = useQuery(commentCountsQueryOptions(engagementId, subjectType));
  return useMemo(() => new Map((data?.items ?? []).filter((c) => c.open > 0).map((c) => [c.subjectId, c.open])), [data]);
}
