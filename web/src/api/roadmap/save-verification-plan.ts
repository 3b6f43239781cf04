import {
  type CreateVerificationPlanInput,
  type UpdateVerificationPlanBody,
  type VerificationPlan,
  VerificationPlanSchema,
} from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';
import { enc } from '../keys';

/** What a plan verifies: an action, or a goal / outcome / issue node (the vision-level plans). */
export type PlanSubjectRef = { actionId: string } | { nodeId: string };

/** …/actions/{actionId} or …/nodes/{nodeId}: where the subject's plans live. */
export const subjectPath = (subject: PlanSubjectRef) =>
  'actionId' in subject ? `actions/${enc(subject.actionId)}` : `nodes/${enc(subject.nodeId)}`;

export type SaveVerificationPlanInput =
  | { kind: 'create'; subject: PlanSubjectRef; body: CreateVerificationPlanInput }
  | { kind: 'update'; subject: PlanSubjectRef; planId: string; version: number; body: UpdateVerificationPlanBody };

/** Creates a verification plan (POST) or replaces fields of one (PATCH with If-Match). */
export function saveVerificationPlan(engagementId: string, input: SaveVerificationPlanInput): Promise<VerificationPlan> {
  const [e, a] = [enc(engagementId), subjectPath(input.subject)];
  if (input.kind === 'create') return api.post(`/engagements/${e}/${a}/verification-plans`, VerificationPlanSchema, input.body);
  return api.patch(`/engagements/${e}/${a}/verification-plans/${enc(input.planId)}`, VerificationPlanSchema, input.body, {
    ifMatch: input.version,
  });
}

export function useSaveVerificationPlan(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveVerificationPlanInput) => saveVerificationPlan(engagementId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
