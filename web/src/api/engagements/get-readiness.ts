import { type Readiness, ReadinessSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

/** What keeps the engagement from roadmap_agreed (not for observers). */
export function getReadiness(id: string, signal?: AbortSignal): Promise<Readiness> {
  return api.get(`/engagements/${encodeURIComponent(id)}/readiness`, ReadinessSchema, { signal });
}

export const readinessQueryOptions = (id: string) =>
  queryOptions({ queryKey: queryKeys.engagements.readiness(id), queryFn: ({ signal }) => getReadiness(id, signal), staleTime: 0 });

export function useReadiness(id: string, enabled: boolean) {
  return useQuery({ ...readinessQueryOptions(id), enabled });
}
