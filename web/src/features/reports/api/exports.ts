import { type CreateExportBody, type ExportJob, ExportJobSchema } from '@banso/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { enc, reportKeys } from './keys';

export const createExport = (engagementId: string, body: CreateExportBody) => api.post(`/engagements/${enc(engagementId)}/exports`, ExportJobSchema, body);

export function useCreateExport(engagementId: string) {
  return useMutation({ mutationFn: (body: CreateExportBody) => createExport(engagementId, body) });
}

export const getExportJob = (engagementId: string, jobId: string, signal?: AbortSignal) =>
  api.get(`/engagements/${enc(engagementId)}/exports/${enc(jobId)}`, ExportJobSchema, { signal });

const finished = (job: ExportJob | undefined) => job?.status === 'done' || job?.status === 'failed';

/** Polls a job until it is done or failed (every 0.5 s; the export runs on the server meanwhile). */
export function useExportJob(engagementId: string, initial: ExportJob | null) {
  return useQuery({
    queryKey: reportKeys.job(engagementId, initial?.id ?? 'none'),
    queryFn: ({ signal }) => getExportJob(engagementId, initial!.id, signal),
    enabled: initial !== null,
    ...(initial ? { initialData: initial } : {}),
    refetchInterval: (query) => (finished(query.state.data) ? false : 500),
    staleTime: 0,
  });
}

export const exportFileUrl = (engagementId: string, jobId: string) => `/api/engagements/${enc(engagementId)}/exports/${enc(jobId)}/file`;
