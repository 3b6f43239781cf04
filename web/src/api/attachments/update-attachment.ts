import { type Attachment, AttachmentSchema, type UpdateAttachmentBody } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** PATCH /engagements/{id}/attachments/{attachmentId} with If-Match: rename, or share with observers. */
export function updateAttachment(
  engagementId: string,
  attachmentId: string,
  version: number,
  body: UpdateAttachmentBody,
): Promise<Attachment> {
  return api.patch(`/engagements/${enc(engagementId)}/attachments/${enc(attachmentId)}`, AttachmentSchema, body, { ifMatch: version });
}

export function useUpdateAttachment(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ attachmentId, version, body }: { attachmentId: string; version: number; body: UpdateAttachmentBody }) =>
      updateAttachment(engagementId, attachmentId, version, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.attachments(engagementId) }),
  });
}
