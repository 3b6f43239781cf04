import { type EngagementDetail, EngagementDetailSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

export function getEngagement(id: string, signal?: AbortSignal): Promise<EngagementDetail> {
  return api.get(`/engagements/${encodeURIComponent(id)}`, EngagementDetailSchema, { signal });
}

export const engagementQueryOptions = (id: string) =>
  queryOptions({ queryKey: queryKeys.engagements.detail(id), queryFn: ({ signal }) => getEngagement(id, signal) });

export function useEngagement(id: string) {
  return useQuery(engagementQueryOptions(id));
}
