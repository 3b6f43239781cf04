import { type Report, ReportSchema, type UpdateReportBody } from '@banso/shared';
import { api } from '../../lib/api-client';
import { enc } from '../keys';
import { useReportMutation } from './use-report-mutation';

export const updateReport = (engagementId: string, reportId: string, body: UpdateReportBody, version: number): Promise<Report> =>
  api.patch(`/engagements/${enc(engagementId)}/reports/${enc(reportId)}`, ReportSchema, body, { ifMatch: version });

export const useUpdateReport = (engagementId: string) =>
  useReportMutation(engagementId, ({ reportId, body, version }: { reportId: string; body: UpdateReportBody; version: number }) =>
    updateReport(engagementId, reportId, body, version),
  );
