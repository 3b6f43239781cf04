import { VisitListSchema, type VisitView } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

/** Visits: full for the team and municipality, the schedule only for observers. */
export async function getVisits(engagementId: string, signal?: AbortSignal): Promise<VisitView[]> {
  return (await api.get(`/engagements/${encodeURIComponent(engagementId)}/visits`, VisitListSchema, { signal })).items;
}

export const visitsQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: queryKeys.visits(engagementId), queryFn: ({ signal }) => getVisits(engagementId, signal) });

export function useVisits(engagementId: string) {
  return useQuery(visitsQueryOptions(engagementId));
}
