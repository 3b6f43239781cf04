import { type Finding, FindingListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { hearingKeys } from './keys';

/** Findings the caller may read (the server filters by visibility). */
export async function getFindings(engagementId: string, signal?: AbortSignal): Promise<Finding[]> {
  return (await api.get(`/engagements/${encodeURIComponent(engagementId)}/findings`, FindingListSchema, { signal })).items;
}

export const findingsQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: hearingKeys.findings(engagementId), queryFn: ({ signal }) => getFindings(engagementId, signal) });

export function useFindings(engagementId: string) {
  return useQuery(findingsQueryOptions(engagementId));
}
