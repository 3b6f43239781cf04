import { EvidenceListSchema, type EvidenceList } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** GET /engagements/{id}/tree/nodes/{nodeId}/evidence */
export function fetchEvidence(engagementId: string, nodeId: string, signal?: AbortSignal): Promise<EvidenceList> {
  return api.get(`/engagements/${enc(engagementId)}/tree/nodes/${enc(nodeId)}/evidence`, EvidenceListSchema, { signal });
}

export const evidenceQueryOptions = (engagementId: string, nodeId: string) =>
  queryOptions({
    queryKey: queryKeys.tree.evidence(engagementId, nodeId),
    queryFn: ({ signal }) => fetchEvidence(engagementId, nodeId, signal),
  });

export const useEvidence = (engagementId: string, nodeId: string, enabled = true) =>
  useQuery({ ...evidenceQueryOptions(engagementId, nodeId), enabled });
