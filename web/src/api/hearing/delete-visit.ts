import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';
import { enc } from '../keys';

/** DELETE /engagements/{id}/visits/{visitId} with If-Match (advisor); 409 while findings are recorded under it or its minutes are approved. */
export function deleteVisit(engagementId: string, visitId: string, version: number): Promise<void> {
  return api.delete(`/engagements/${enc(engagementId)}/visits/${enc(visitId)}`, { ifMatch: version });
}

export function useDeleteVisit(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ visitId, version }: { visitId: string; version: number }) => deleteVisit(engagementId, visitId, version),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
