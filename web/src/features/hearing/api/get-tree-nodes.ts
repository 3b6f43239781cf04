import { type TreeNode, TreeSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { hearingKeys } from './keys';

/** The current tree's nodes, to show and pick the nodes a finding bears on. */
export async function getTreeNodes(engagementId: string, signal?: AbortSignal): Promise<TreeNode[]> {
  return (await api.get(`/engagements/${encodeURIComponent(engagementId)}/tree`, TreeSchema, { signal })).nodes;
}

export const treeNodesQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: hearingKeys.tree(engagementId), queryFn: ({ signal }) => getTreeNodes(engagementId, signal) });

export function useTreeNodes(engagementId: string) {
  return useQuery(treeNodesQueryOptions(engagementId));
}
