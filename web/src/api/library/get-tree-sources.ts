import { type TreeNodeSourceList, TreeNodeSourceListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** GET /engagements/{id}/tree/sources: where the adopted nodes came from. */
export function getTreeSources(engagementId: string, signal?: AbortSignal): Promise<TreeNodeSourceList> {
  return api.get(`/engagements/${enc(engagementId)}/tree/sources`, TreeNodeSourceListSchema, { signal });
}

export const treeSourcesQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: queryKeys.tree.sources(engagementId), queryFn: ({ signal }) => getTreeSources(engagementId, signal) });

/** The source of one node, or undefined (not adopted). */
export function useNodeSource(engagementId: string, nodeId: string) {
  return useQuery({ ...treeSourcesQueryOptions(engagementId), select: (list) => list.items.find((i) => i.nodeId === nodeId) });
}
