import { type UpdateVisitBody, type Visit, VisitSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';

export function updateVisit(engagementId: string, visitId: string, version: number, body: UpdateVisitBody): Promise<Visit> {
  return api.patch(`/engagements/${encodeURIComponent(engagementId)}/visits/${encodeURIComponent(visitId)}`, VisitSchema, body, {
    ifMatch: version,
  });
}

/** Edits a visit (minutes, status …) with If-Match; advisor only. */
export function useUpdateVisit(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ visitId, version, body }: { visitId: string; version: number; body: UpdateVisitBody }) =>
      updateVisit(engagementId, visitId, version, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
