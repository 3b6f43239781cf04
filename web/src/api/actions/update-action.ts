import { type Action, ActionSchema, type UpdateActionBody } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { staleCurrent } from '../../lib/api-error';
import { engagementScope } from '../../lib/query-client';
import { queryKeys } from '../keys';

export interface UpdateActionInput {
  actionId: string;
  version: number;
  body: UpdateActionBody;
}

export function updateAction(engagementId: string, { actionId, version, body }: UpdateActionInput): Promise<Action> {
  return api.patch(`/engagements/${encodeURIComponent(engagementId)}/actions/${encodeURIComponent(actionId)}`, ActionSchema, body, {
    ifMatch: version,
  });
}

/** Changes an action's fields or status (advisor), with If-Match. */
export function useUpdateAction(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateActionInput) => updateAction(engagementId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
    onError: (error) => {
      // 412: show the newer version at once (the list is refetched too), so the next save uses it.
      const current = staleCurrent(error, ActionSchema);
      if (current)
        queryClient.setQueryData<Action[]>(queryKeys.actions(engagementId), (items) =>
          items?.map((a) => (a.id === current.id ? current : a)),
        );
    },
  });
}
