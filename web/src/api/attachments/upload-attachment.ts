import { type Attachment, type AttachmentParentType, AttachmentSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** The parents an engagement file can be uploaded to from the web. */
export type UploadParentType = Extract<AttachmentParentType, 'visit' | 'finding' | 'homework'>;

const formOf = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return { data: form };
};

/** POST /engagements/{id}/{visits|findings|homework}/{parentId}/attachments, multipart with one `file` part. */
export function uploadAttachment(
  engagementId: string,
  p: { parentType: UploadParentType; parentId: string; file: File; shareable: boolean },
): Promise<Attachment> {
  const query = { shareable: String(p.shareable) };
  const e = enc(engagementId);
  const id = enc(p.parentId);
  switch (p.parentType) {
    case 'visit':
      return api.upload(`/engagements/${e}/visits/${id}/attachments`, AttachmentSchema, formOf(p.file), { query });
    case 'finding':
      return api.upload(`/engagements/${e}/findings/${id}/attachments`, AttachmentSchema, formOf(p.file), { query });
    case 'homework':
      return api.upload(`/engagements/${e}/homework/${id}/attachments`, AttachmentSchema, formOf(p.file), { query });
  }
}

/** Uploads one file; the engagement's file list is refreshed after each. */
export function useUploadAttachment(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (p: Parameters<typeof uploadAttachment>[1]) => uploadAttachment(engagementId, p),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.attachments(engagementId) }),
  });
}
