import { type Attachment, AttachmentSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** PATCH /programs/{programId}/reference-materials/{materialId} with If-Match: the title (the program office). */
export function updateReferenceMaterial(programId: string, materialId: string, version: number, name: string): Promise<Attachment> {
  return api.patch(`/programs/${enc(programId)}/reference-materials/${enc(materialId)}`, AttachmentSchema, { name }, { ifMatch: version });
}

export function useUpdateReferenceMaterial(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ materialId, version, name }: { materialId: string; version: number; name: string }) =>
      updateReferenceMaterial(programId, materialId, version, name),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.referenceMaterials(programId) }),
  });
}
