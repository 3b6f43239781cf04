import { type Action, ActionSchema, type CreateActionInput } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';

export function selectAction(engagementId: string, body: CreateActionInput): Promise<Action> {
  return api.post(`/engagements/${encodeURIComponent(engagementId)}/actions`, ActionSchema, body);
}

/** Selects a measure node as an action (advisor). */
export function useSelectAction(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateActionInput) => selectAction(engagementId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
