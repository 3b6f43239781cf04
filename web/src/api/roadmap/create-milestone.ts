import { type CreateMilestoneBody, type Milestone, MilestoneSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';

export function createMilestone(
  engagementId: string,
  actionId: string,
  body: Pick<CreateMilestoneBody, 'due' | 'title'>,
): Promise<Milestone> {
  return api.post(
    `/engagements/${encodeURIComponent(engagementId)}/actions/${encodeURIComponent(actionId)}/milestones`,
    MilestoneSchema,
    body,
  );
}

/** Adds a milestone to an action (advisor). */
export function useCreateMilestone(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ actionId, body }: { actionId: string; body: Pick<CreateMilestoneBody, 'due' | 'title'> }) =>
      createMilestone(engagementId, actionId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
