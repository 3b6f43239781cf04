import { FindingListSchema, type FindingList } from '@banso/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { treeKeys } from './query-keys';

/** GET /engagements/{id}/findings: hearing findings the caller may read, to attach as evidence. */
export function fetchFindings(engagementId: string, signal?: AbortSignal): Promise<FindingList> {
  return api.get(`/engagements/${engagementId}/findings`, FindingListSchema, { signal });
}

export const useFindings = (engagementId: string, enabled: boolean) =>
  useQuery({ queryKey: treeKeys.findings(engagementId), queryFn: ({ signal }) => fetchFindings(engagementId, signal), enabled });
