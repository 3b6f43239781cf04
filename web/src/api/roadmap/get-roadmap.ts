import { type Roadmap, RoadmapSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

/** One row per action with its span, milestones (effective status) and verification plans. */
export function getRoadmap(engagementId: string, signal?: AbortSignal): Promise<Roadmap> {
  return api.get(`/engagements/${encodeURIComponent(engagementId)}/roadmap`, RoadmapSchema, { signal });
}

export const roadmapQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: queryKeys.roadmap(engagementId), queryFn: ({ signal }) => getRoadmap(engagementId, signal) });

export function useRoadmap(engagementId: string) {
  return useQuery(roadmapQueryOptions(engagementId));
}
