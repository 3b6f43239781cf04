import { type CreateReportBody, type Report, ReportSchema } from '@banso/shared';
import { api } from '../../lib/api-client';
import { enc } from '../keys';
import { useReportMutation } from './use-report-mutation';

export const createReport = (engagementId: string, body: CreateReportBody): Promise<Report> =>
  api.post(`/engagements/${enc(engagementId)}/reports`, ReportSchema, body);

export const useCreateReport = (engagementId: string) =>
  useReportMutation(engagementId, (body: CreateReportBody) => createReport(engagementId, body));
