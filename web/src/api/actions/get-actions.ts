import { type Action, ActionListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

export async function getActions(engagementId: string, signal?: AbortSignal): Promise<Action[]> {
  const list = await api.get(`/engagements/${encodeURIComponent(engagementId)}/actions`, ActionListSchema, { signal });
  return list.items;
}

export const actionsQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: queryKeys.actions(engagementId), queryFn: ({ signal }) => getActions(engagementId, signal) });

export function useActions(engagementId: string) {
  return useQuery(actionsQueryOptions(engagementId));
}
