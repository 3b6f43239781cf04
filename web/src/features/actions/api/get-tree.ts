import { type Tree, TreeSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { actionKeys } from './keys';

/** The current logic tree; the picker offers its measure nodes that have no action yet. */
export function getTree(engagementId: string, signal?: AbortSignal): Promise<Tree> {
  return api.get(`/engagements/${encodeURIComponent(engagementId)}/tree`, TreeSchema, { signal });
}

export const treeQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: actionKeys.tree(engagementId), queryFn: ({ signal }) => getTree(engagementId, signal), staleTime: 0 });

export function useTree(engagementId: string, enabled = true) {
  return useQuery({ ...treeQueryOptions(engagementId), enabled });
}
