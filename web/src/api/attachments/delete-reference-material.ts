import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** DELETE /programs/{programId}/reference-materials/{materialId} with If-Match (the program office). */
export function deleteReferenceMaterial(programId: string, materialId: string, version: number): Promise<void> {
  return api.delete(`/programs/${enc(programId)}/reference-materials/${enc(materialId)}`, { ifMatch: version });
}

export function useDeleteReferenceMaterial(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ materialId, version }: { materialId: string; version: number }) =>
      deleteReferenceMaterial(programId, materialId, version),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.referenceMaterials(programId) }),
  });
}
