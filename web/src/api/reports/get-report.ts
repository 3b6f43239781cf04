import { type Report, ReportSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

export function getReport(engagementId: string, reportId: string, signal?: AbortSignal): Promise<Report> {
  return api.get(`/engagements/${enc(engagementId)}/reports/${enc(reportId)}`, ReportSchema, { signal });
}

export const reportQueryOptions = (engagementId: string, reportId: string) =>
  queryOptions({
    queryKey: queryKeys.reports.detail(engagementId, reportId),
    queryFn: ({ signal }) => getReport(engagementId, reportId, signal),
  });

export function useReport(engagementId: string, reportId: string) {
  return useQuery(reportQueryOptions(engagementId, reportId));
}
