import { type Milestone, MilestoneSchema, type UpdateMilestoneBody } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';
import { enc } from '../keys';

export interface UpdateMilestoneInput {
  actionId: string;
  milestoneId: string;
  version: number;
  /** Advisors send any field; a municipal member only `{status: 'done'}`. */
  body: UpdateMilestoneBody;
}

/** PATCH …/milestones/{milestoneId} with If-Match: edits a milestone, marks it done or undoes that. */
export function updateMilestone(engagementId: string, { actionId, milestoneId, version, body }: UpdateMilestoneInput): Promise<Milestone> {
  return api.patch(`/engagements/${enc(engagementId)}/actions/${enc(actionId)}/milestones/${enc(milestoneId)}`, MilestoneSchema, body, {
    ifMatch: version,
  });
}

export function useUpdateMilestone(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateMilestoneInput) => updateMilestone(engagementId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
