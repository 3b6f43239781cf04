import { type Milestone, MilestoneSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';

export interface CompleteMilestoneInput {
  actionId: string;
  milestoneId: string;
  version: number;
}

/** Marks a milestone done (advisor, municipal member) with If-Match. */
export function completeMilestone(engagementId: string, { actionId, milestoneId, version }: CompleteMilestoneInput): Promise<Milestone> {
  return api.patch(
    `/engagements/${encodeURIComponent(engagementId)}/actions/${encodeURIComponent(actionId)}/milestones/${encodeURIComponent(milestoneId)}`,
    MilestoneSchema,
    { status: 'done' },
    { ifMatch: version },
  );
}

export function useCompleteMilestone(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CompleteMilestoneInput) => completeMilestone(engagementId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
