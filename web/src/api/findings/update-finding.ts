import { type Finding, FindingSchema, type UpdateFindingBody } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';
import { enc } from '../keys';

/** PATCH /engagements/{id}/findings/{findingId} with If-Match (advisor). */
export function updateFinding(engagementId: string, findingId: string, version: number, body: UpdateFindingBody): Promise<Finding> {
  return api.patch(`/engagements/${enc(engagementId)}/findings/${enc(findingId)}`, FindingSchema, body, { ifMatch: version });
}

/** Edits a finding (text, kind, source, 公開範囲, visit, linked nodes); the tree's evidence counts follow. */
export function useUpdateFinding(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ findingId, version, body }: { findingId: string; version: number; body: UpdateFindingBody }) =>
      updateFinding(engagementId, findingId, version, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
