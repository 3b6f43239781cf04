import { EngagementListSchema, type EngagementSummary } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

/** The engagements the caller has a role in, with `myRole` and `delayedMilestones`. */
export async function getEngagements(signal?: AbortSignal): Promise<EngagementSummary[]> {
  const list = await api.get('/engagements', EngagementListSchema, { signal });
  return list.items;
}

export const engagementsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.engagements.list(), queryFn: ({ signal }) => getEngagements(signal) });

export function useEngagements(options: { enabled?: boolean } = {}) {
  return useQuery({ ...engagementsQueryOptions(), enabled: options.enabled ?? true });
}
