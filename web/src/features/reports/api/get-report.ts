import { type Report, ReportSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { enc, reportKeys } from './keys';

export function getReport(engagementId: string, reportId: string, signal?: AbortSignal): Promise<Report> {
  return api.get(`/engagements/${enc(engagementId)}/reports/${enc(reportId)}`, ReportSchema, { signal });
}

export const reportQueryOptions = (engagementId: string, reportId: string) =>
  queryOptions({ queryKey: reportKeys.detail(engagementId, reportId), queryFn: ({ signal }) => getReport(engagementId, reportId, signal) });

export function useReport(engagementId: string, reportId: string) {
  return useQuery(reportQueryOptions(engagementId, reportId));
}

/** Where the server draws the report's tree figure (an <img> source; the session cookie goes along). */
export const reportTreeSvgUrl = (engagementId: string, reportId: string, version: number) =>
  `/api/engagements/${enc(engagementId)}/reports/${enc(reportId)}/tree.svg?v=${version}`;

/** The print page the PDF is made from. */
export const reportPreviewUrl = (engagementId: string, reportId: string) => `/api/engagements/${enc(engagementId)}/reports/${enc(reportId)}/preview`;
