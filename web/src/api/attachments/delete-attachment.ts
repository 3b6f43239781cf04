import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** DELETE /engagements/{id}/attachments/{attachmentId} with If-Match. */
export function deleteAttachment(engagementId: string, attachmentId: string, version: number): Promise<void> {
  return api.delete(`/engagements/${enc(engagementId)}/attachments/${enc(attachmentId)}`, { ifMatch: version });
}

export function useDeleteAttachment(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ attachmentId, version }: { attachmentId: string; version: number }) =>
      deleteAttachment(engagementId, attachmentId, version),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.attachments(engagementId) }),
  });
}
