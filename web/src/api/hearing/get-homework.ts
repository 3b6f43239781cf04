import { type Homework, HomeworkListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

/** 宿題 (not for observers). */
export async function getHomework(engagementId: string, signal?: AbortSignal): Promise<Homework[]> {
  return (await api.get(`/engagements/${encodeURIComponent(engagementId)}/homework`, HomeworkListSchema, { signal })).items;
}

export const homeworkQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: queryKeys.homework(engagementId), queryFn: ({ signal }) => getHomework(engagementId, signal) });

export function useHomework(engagementId: string, enabled: boolean) {
  return useQuery({ ...homeworkQueryOptions(engagementId), enabled });
}
