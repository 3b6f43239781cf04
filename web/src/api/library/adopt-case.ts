import { type AdoptCaseBody, type Tree, TreeSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** POST /engagements/{id}/tree/adoptions with If-Match: "<revision>": the case's sub-tree copied in one revision. */
export function adoptCase(engagementId: string, body: AdoptCaseBody, revision: number): Promise<Tree> {
  return api.post(`/engagements/${enc(engagementId)}/tree/adoptions`, TreeSchema, body, { ifMatch: revision });
}

/** Adopts, then refreshes the target tree and its sources (the editor takes the refetched tree over). */
export function useAdoptCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ engagementId, body, revision }: { engagementId: string; body: AdoptCaseBody; revision: number }) =>
      adoptCase(engagementId, body, revision),
    onSuccess: (tree, { engagementId }) => {
      queryClient.setQueryData(queryKeys.tree.current(engagementId), tree);
      return queryClient.invalidateQueries({ queryKey: queryKeys.tree.all(engagementId) });
    },
  });
}
