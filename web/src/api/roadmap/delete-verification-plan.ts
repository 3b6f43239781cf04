import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';
import { enc } from '../keys';
import { type PlanSubjectRef, subjectPath } from './save-verification-plan';

export interface DeleteVerificationPlanInput {
  subject: PlanSubjectRef;
  planId: string;
  version: number;
}

/** DELETE …/verification-plans/{planId} with If-Match (advisor): the plan and its measurements. */
export function deleteVerificationPlan(engagementId: string, { subject, planId, version }: DeleteVerificationPlanInput): Promise<void> {
  return api.delete(`/engagements/${enc(engagementId)}/${subjectPath(subject)}/verification-plans/${enc(planId)}`, { ifMatch: version });
}

export function useDeleteVerificationPlan(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DeleteVerificationPlanInput) => deleteVerificationPlan(engagementId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
