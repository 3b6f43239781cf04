import { type CreateReportBody, type Report, ReportSchema, type UpdateReportBody } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { enc, reportKeys } from './keys';

const base = (engagementId: string) => `/engagements/${enc(engagementId)}/reports`;

export const createReport = (engagementId: string, body: CreateReportBody) => api.post(base(engagementId), ReportSchema, body);
export const updateReport = (engagementId: string, reportId: string, body: UpdateReportBody, version: number) =>
  api.patch(`${base(engagementId)}/${enc(reportId)}`, ReportSchema, body, { ifMatch: version });
export const publishReport = (engagementId: string, reportId: string, version: number) =>
  api.post(`${base(engagementId)}/${enc(reportId)}/publish`, ReportSchema, undefined, { ifMatch: version });
export const refreshReport = (engagementId: string, reportId: string, version: number) =>
  api.post(`${base(engagementId)}/${enc(reportId)}/refresh`, ReportSchema, undefined, { ifMatch: version });
export const createReportVersion = (engagementId: string, reportId: string) =>
  api.post(`${base(engagementId)}/${enc(reportId)}/versions`, ReportSchema, undefined);

/** Every report mutation answers with the report: cache it and refresh the list. */
function useReportMutation<V>(engagementId: string, fn: (vars: V) => Promise<Report>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (report) => {
      queryClient.setQueryData(reportKeys.detail(engagementId, report.id), report);
      void queryClient.invalidateQueries({ queryKey: reportKeys.list(engagementId) });
    },
  });
}

export const useCreateReport = (engagementId: string) => useReportMutation(engagementId, (body: CreateReportBody) => createReport(engagementId, body));
export const useUpdateReport = (engagementId: string) =>
  useReportMutation(engagementId, ({ reportId, body, version }: { reportId: string; body: UpdateReportBody; version: number }) =>
    updateReport(engagementId, reportId, body, version),
  );
export const usePublishReport = (engagementId: string) =>
  useReportMutation(engagementId, ({ reportId, version }: { reportId: string; version: number }) => publishReport(engagementId, reportId, version));
export const useRefreshReport = (engagementId: string) =>
  useReportMutation(engagementId, ({ reportId, version }: { reportId: string; version: number }) => refreshReport(engagementId, reportId, version));
export const useCreateReportVersion = (engagementId: string) =>
  useReportMutation(engagementId, ({ reportId }: { reportId: string }) => createReportVersion(engagementId, reportId));
