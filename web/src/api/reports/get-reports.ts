import { ReportListSchema, type ReportSummary } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

export async function getReports(engagementId: string, signal?: AbortSignal): Promise<ReportSummary[]> {
  return (await api.get(`/engagements/${enc(engagementId)}/reports`, ReportListSchema, { signal })).items;
}

export const reportsQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: queryKeys.reports.list(engagementId), queryFn: ({ signal }) => getReports(engagementId, signal) });

export function useReports(engagementId: string, enabled = true) {
  return useQuery({ ...reportsQueryOptions(engagementId), enabled });
}
