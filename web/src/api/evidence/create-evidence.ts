import { EvidenceSchema, type CreateEvidenceBody, type Evidence } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** POST /engagements/{id}/tree/nodes/{nodeId}/evidence */
export function createEvidence(engagementId: string, nodeId: string, body: CreateEvidenceBody): Promise<Evidence> {
  return api.post(`/engagements/${enc(engagementId)}/tree/nodes/${enc(nodeId)}/evidence`, EvidenceSchema, body);
}

export function useCreateEvidence(engagementId: string, nodeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateEvidenceBody) => createEvidence(engagementId, nodeId, body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tree.evidence(engagementId, nodeId) }),
  });
}
