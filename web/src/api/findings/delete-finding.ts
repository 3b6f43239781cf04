import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';
import { enc } from '../keys';

/** DELETE /engagements/{id}/findings/{findingId} with If-Match (advisor). */
export function deleteFinding(engagementId: string, findingId: string, version: number): Promise<void> {
  return api.delete(`/engagements/${enc(engagementId)}/findings/${enc(findingId)}`, { ifMatch: version });
}

export function useDeleteFinding(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ findingId, version }: { findingId: string; version: number }) => deleteFinding(engagementId, findingId, version),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
