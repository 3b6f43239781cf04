import { type CreateExportBody, type ExportJob, ExportJobSchema } from '@banso/shared';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc } from '../keys';

export const createExport = (engagementId: string, body: CreateExportBody): Promise<ExportJob> =>
  api.post(`/engagements/${enc(engagementId)}/exports`, ExportJobSchema, body);

export function useCreateExport(engagementId: string) {
  return useMutation({ mutationFn: (body: CreateExportBody) => createExport(engagementId, body) });
}
