import { type Attachment, AttachmentListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** GET /programs/{programId}/reference-materials: everyone tied to the program's organizer. */
export async function getReferenceMaterials(programId: string, signal?: AbortSignal): Promise<Attachment[]> {
  return (await api.get(`/programs/${enc(programId)}/reference-materials`, AttachmentListSchema, { signal })).items;
}

export const referenceMaterialsQueryOptions = (programId: string) =>
  queryOptions({ queryKey: queryKeys.referenceMaterials(programId), queryFn: ({ signal }) => getReferenceMaterials(programId, signal) });

export function useReferenceMaterials(programId: string) {
  return useQuery(referenceMaterialsQueryOptions(programId));
}

/** Where the browser downloads a reference material (Content-Disposition: attachment). */
export const referenceMaterialContentUrl = (programId: string, materialId: string) =>
  `/api/programs/${enc(programId)}/reference-materials/${enc(materialId)}/content`;
