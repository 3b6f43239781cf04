import { type Report, ReportSchema } from '@banso/shared';
import { api } from '../../lib/api-client';
import { enc } from '../keys';
import { useReportMutation } from './use-report-mutation';

export const createReportVersion = (engagementId: string, reportId: string): Promise<Report> =>
  api.post(`/engagements/${enc(engagementId)}/reports/${enc(reportId)}/versions`, ReportSchema, undefined);

export const useCreateReportVersion = (engagementId: string) =>
  useReportMutation(engagementId, ({ reportId }: { reportId: string }) => createReportVersion(engagementId, reportId));
