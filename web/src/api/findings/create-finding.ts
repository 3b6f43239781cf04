import { type CreateFindingBody, type Finding, FindingSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';

export function createFinding(engagementId: string, body: CreateFindingBody): Promise<Finding> {
  return api.post(`/engagements/${encodeURIComponent(engagementId)}/findings`, FindingSchema, body);
}

/** Records a finding (advisor). */
export function useCreateFinding(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateFindingBody) => createFinding(engagementId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
