import { type EngagementDetail, EngagementDetailSchema, EngagementListSchema, type EngagementSummary } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { enc, reportKeys } from './keys';

/** The engagements the caller has a role in (to pick whose reports to open). */
export async function getEngagements(signal?: AbortSignal): Promise<EngagementSummary[]> {
  return (await api.get('/engagements', EngagementListSchema, { signal })).items;
}

export function useReportEngagements() {
  return useQuery(queryOptions({ queryKey: reportKeys.engagements(), queryFn: ({ signal }) => getEngagements(signal) }));
}

/** One engagement with the caller's role, which decides the controls the report screens offer. */
export function getEngagement(id: string, signal?: AbortSignal): Promise<EngagementDetail> {
  return api.get(`/engagements/${enc(id)}`, EngagementDetailSchema, { signal });
}

export function useReportEngagement(id: string) {
  return useQuery(queryOptions({ queryKey: reportKeys.engagement(id), queryFn: ({ signal }) => getEngagement(id, signal) }));
}
