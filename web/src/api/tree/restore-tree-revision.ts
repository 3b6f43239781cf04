import { type Tree, TreeSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/**
 * POST /engagements/{id}/tree/revisions/{revision}/restore with If-Match: "<current revision>":
 * a new revision whose structure equals the old one (history is kept).
 */
export function restoreTreeRevision(engagementId: string, revision: number, currentRevision: number): Promise<Tree> {
  return api.post(`/engagements/${enc(engagementId)}/tree/revisions/${revision}/restore`, TreeSchema, undefined, {
    ifMatch: currentRevision,
  });
}

/** Restores a revision, then refreshes the tree and its history (the editor takes the refetched tree over). */
export function useRestoreTreeRevision(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ revision, currentRevision }: { revision: number; currentRevision: number }) =>
      restoreTreeRevision(engagementId, revision, currentRevision),
    onSuccess: (tree) => {
      queryClient.setQueryData(queryKeys.tree.current(engagementId), tree);
      return queryClient.invalidateQueries({ queryKey: queryKeys.tree.all(engagementId) });
    },
  });
}
