import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { treeKeys } from './query-keys';

/** DELETE /engagements/{id}/tree/nodes/{nodeId}/evidence/{evidenceId} */
export function deleteEvidence(engagementId: string, nodeId: string, evidenceId: string): Promise<void> {
  return api.delete(`/engagements/${engagementId}/tree/nodes/${nodeId}/evidence/${evidenceId}`);
}

export function useDeleteEvidence(engagementId: string, nodeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (evidenceId: string) => deleteEvidence(engagementId, nodeId, evidenceId),
    onSuccess: () => client.invalidateQueries({ queryKey: treeKeys.evidence(engagementId, nodeId) }),
  });
}
