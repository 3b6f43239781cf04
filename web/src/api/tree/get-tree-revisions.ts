import { TreeRevisionListSchema, type TreeRevisionList } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** GET /engagements/{id}/tree/revisions (newest first) */
export function fetchTreeRevisions(engagementId: string, signal?: AbortSignal): Promise<TreeRevisionList> {
  return api.get(`/engagements/${enc(engagementId)}/tree/revisions`, TreeRevisionListSchema, { signal });
}

export const treeRevisionsQueryOptions = (engagementId: string) =>
  queryOptions({
    queryKey: queryKeys.tree.revisions(engagementId),
    queryFn: ({ signal }) => fetchTreeRevisions(engagementId, signal),
  });

export const useTreeRevisions = (engagementId: string, enabled = true) => useQuery({ ...treeRevisionsQueryOptions(engagementId), enabled });
