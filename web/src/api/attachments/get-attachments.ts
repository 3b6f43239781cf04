import { type Attachment, AttachmentListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** GET /engagements/{id}/attachments: every file the caller may read (observers: only the shared ones). */
export async function getAttachments(engagementId: string, signal?: AbortSignal): Promise<Attachment[]> {
  return (await api.get(`/engagements/${enc(engagementId)}/attachments`, AttachmentListSchema, { signal })).items;
}

export const attachmentsQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: queryKeys.attachments(engagementId), queryFn: ({ signal }) => getAttachments(engagementId, signal) });

/** One request per engagement, shared by every visit, finding and homework that shows its files. */
export function useAttachments(engagementId: string) {
  return useQuery(attachmentsQueryOptions(engagementId));
}

/** Where the browser downloads a file (Content-Disposition: attachment). */
export const attachmentContentUrl = (engagementId: string, attachmentId: string) =>
  `/api/engagements/${enc(engagementId)}/attachments/${enc(attachmentId)}/content`;
