import { type ExportJob, ExportJobSchema } from '@banso/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

export const getExportJob = (engagementId: string, jobId: string, signal?: AbortSignal): Promise<ExportJob> =>
  api.get(`/engagements/${enc(engagementId)}/exports/${enc(jobId)}`, ExportJobSchema, { signal });

const finished = (job: ExportJob | undefined) => job?.status === 'done' || job?.status === 'failed';

/** Polls a job until it is done or failed (every 0.5 s; the export runs on the server meanwhile). */
export function useExportJob(engagementId: string, initial: ExportJob | null) {
  return useQuery({
    queryKey: queryKeys.reports.exportJob(engagementId, initial?.id ?? 'none'),
    queryFn: ({ signal }) => getExportJob(engagementId, initial!.id, signal),
    enabled: initial !== null,
    ...(initial ? { initialData: initial } : {}),
    refetchInterval: (query) => (finished(query.state.data) ? false : 500),
    staleTime: 0,
  });
}
