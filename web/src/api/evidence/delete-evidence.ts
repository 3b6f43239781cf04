import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** DELETE /engagements/{id}/tree/nodes/{nodeId}/evidence/{evidenceId} */
export function deleteEvidence(engagementId: string, nodeId: string, evidenceId: string): Promise<void> {
  return api.delete(`/engagements/${enc(engagementId)}/tree/nodes/${enc(nodeId)}/evidence/${enc(evidenceId)}`);
}

export function useDeleteEvidence(engagementId: string, nodeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (evidenceId: string) => deleteEvidence(engagementId, nodeId, evidenceId),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tree.evidence(engagementId, nodeId) }),
  });
}
