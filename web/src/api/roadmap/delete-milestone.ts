import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';
import { enc } from '../keys';

export interface DeleteMilestoneInput {
  actionId: string;
  milestoneId: string;
  version: number;
}

/** DELETE …/milestones/{milestoneId} with If-Match (advisor). */
export function deleteMilestone(engagementId: string, { actionId, milestoneId, version }: DeleteMilestoneInput): Promise<void> {
  return api.delete(`/engagements/${enc(engagementId)}/actions/${enc(actionId)}/milestones/${enc(milestoneId)}`, { ifMatch: version });
}

export function useDeleteMilestone(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DeleteMilestoneInput) => deleteMilestone(engagementId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
