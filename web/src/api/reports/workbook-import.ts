import { type WorkbookApplyResult, WorkbookApplyResultSchema, type WorkbookPreview, WorkbookPreviewSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** POST /engagements/{id}/workbook/preview: the edited engagement workbook compared with the record; writes nothing. */
export function previewWorkbook(engagementId: string, file: File): Promise<WorkbookPreview> {
  return api.upload(`/engagements/${enc(engagementId)}/workbook/preview`, WorkbookPreviewSchema, { data: file, type: XLSX });
}

export const usePreviewWorkbook = (engagementId: string) =>
  useMutation({ mutationFn: (file: File) => previewWorkbook(engagementId, file) });

/** POST /engagements/{id}/workbook/apply with If-Match: the preview's digest; `take`: the conflicts whose workbook value wins. */
export function applyWorkbook(engagementId: string, file: File, digest: string, take: readonly string[]): Promise<WorkbookApplyResult> {
  return api.upload(
    `/engagements/${enc(engagementId)}/workbook/apply`,
    WorkbookApplyResultSchema,
    { data: file, type: XLSX },
    { ifMatch: digest, query: { take: take.length > 0 ? take.join(',') : undefined } },
  );
}

/** Applies, then refreshes what the workbook may have changed: the tree, the actions and the roadmap. */
export function useApplyWorkbook(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, digest, take }: { file: File; digest: string; take: readonly string[] }) =>
      applyWorkbook(engagementId, file, digest, take),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.tree.all(engagementId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.actions(engagementId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.roadmap(engagementId) }),
      ]),
  });
}
