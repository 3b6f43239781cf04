import { type Action, ActionSchema, type UpdateActionBody } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { engagementScope } from '../../../lib/query-client';

export interface UpdateActionInput {
  actionId: string;
  version: number;
  body: UpdateActionBody;
}

export function updateAction(engagementId: string, { actionId, version, body }: UpdateActionInput): Promise<Action> {
  return api.patch(
    `/engagements/${encodeURIComponent(engagementId)}/actions/${encodeURIComponent(actionId)}`,
    ActionSchema,
    body,
    { ifMatch: version },
  );
}

/** Changes an action's fields or status (advisor), with If-Match. */
export function useUpdateAction(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateActionInput) => updateAction(engagementId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
