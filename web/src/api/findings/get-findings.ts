import { type Finding, FindingListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** Findings the caller may read (the server filters by visibility): the hearing view, and the evidence picker. */
export async function getFindings(engagementId: string, signal?: AbortSignal): Promise<Finding[]> {
  return (await api.get(`/engagements/${enc(engagementId)}/findings`, FindingListSchema, { signal })).items;
}

export const findingsQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: queryKeys.findings(engagementId), queryFn: ({ signal }) => getFindings(engagementId, signal) });

export function useFindings(engagementId: string, enabled = true) {
  return useQuery({ ...findingsQueryOptions(engagementId), enabled });
}
