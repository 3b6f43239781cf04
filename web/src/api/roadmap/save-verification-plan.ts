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

export type SaveVerificationPlanInput =
  | { kind: 'create'; actionId: string; body: CreateVerificationPlanInput }
  | { kind: 'update'; actionId: string; planId: string; version: number; body: UpdateVerificationPlanBody };

/** Creates a verification plan (POST) or replaces fields of one (PATCH with If-Match); advisor only. */
export function saveVerificationPlan(engagementId: string, input: SaveVerificationPlanInput): Promise<VerificationPlan> {
  const [e, a] = [enc(engagementId), enc(input.actionId)];
  if (input.kind === 'create') return api.post(`/engagements/${e}/actions/${a}/verification-plans`, VerificationPlanSchema, input.body);
  return api.patch(`/engagements/${e}/actions/${a}/verification-plans/${enc(input.planId)}`, VerificationPlanSchema, input.body, {
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
