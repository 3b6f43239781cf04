import { TreeSchema, type Tree, type TreeNode } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** GET /engagements/{id}/tree[?revision=N] */
export function fetchTree(engagementId: string, revision?: number, signal?: AbortSignal): Promise<Tree> {
  return api.get(`/engagements/${enc(engagementId)}/tree`, TreeSchema, { query: { revision }, signal });
}

export const treeQueryOptions = (engagementId: string) =>
  queryOptions({
    queryKey: queryKeys.tree.current(engagementId),
    queryFn: ({ signal }) => fetchTree(engagementId, undefined, signal),
    // The editor owns the working copy once loaded: a refetch (on returning to the tab; the editor
    // invalidates the query when it closes) is handed to the store, which takes it only when nothing
    // is unsaved. Focus refetches would only race its saves. The short staleTime keeps the mount
    // from refetching what the render-time prefetch has just loaded.
    refetchOnWindowFocus: false,
    staleTime: 10_000,
  });

/** The current tree, shared by the editor, the action picker and the hearing view. */
export const useTree = (engagementId: string, enabled = true) => useQuery({ ...treeQueryOptions(engagementId), enabled });

const nodesOf = (tree: Tree): TreeNode[] => tree.nodes;

/** The current tree's nodes (the same query as useTree), to show and pick the nodes a finding bears on. */
export const useTreeNodes = (engagementId: string) => useQuery({ ...treeQueryOptions(engagementId), select: nodesOf });

/** A past revision never changes, so it is cached for good. */
export const treeRevisionQueryOptions = (engagementId: string, revision: number) =>
  queryOptions({
    queryKey: queryKeys.tree.revision(engagementId, revision),
    queryFn: ({ signal }) => fetchTree(engagementId, revision, signal),
    staleTime: Infinity,
  });

export const useTreeRevision = (engagementId: string, revision: number | null) =>
  useQuery({ ...treeRevisionQueryOptions(engagementId, revision ?? 0), enabled: revision !== null });
