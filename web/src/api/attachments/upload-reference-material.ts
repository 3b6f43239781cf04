import { type Attachment, AttachmentSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** POST /programs/{programId}/reference-materials (the program office), multipart with one `file` part. */
export function uploadReferenceMaterial(programId: string, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload(`/programs/${enc(programId)}/reference-materials`, AttachmentSchema, { data: form });
}

export function useUploadReferenceMaterial(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadReferenceMaterial(programId, file),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.referenceMaterials(programId) }),
  });
}
