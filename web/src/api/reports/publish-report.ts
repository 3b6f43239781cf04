import { type Report, ReportSchema } from '@banso/shared';
import { api } from '../../lib/api-client';
import { enc } from '../keys';
import { useReportMutation } from './use-report-mutation';

export const publishReport = (engagementId: string, reportId: string, version: number): Promise<Report> =>
  api.post(`/engagements/${enc(engagementId)}/reports/${enc(reportId)}/publish`, ReportSchema, undefined, { ifMatch: version });

export const usePublishReport = (engagementId: string) =>
  useReportMutation(engagementId, ({ reportId, version }: { reportId: string; version: number }) =>
    publishReport(engagementId, reportId, version),
  );
