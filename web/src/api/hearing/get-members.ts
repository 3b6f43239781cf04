import { type Member, MemberListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

/** The team (advisors and municipal members), for choosing a homework assignee. */
export async function getMembers(engagementId: string, signal?: AbortSignal): Promise<Member[]> {
  return (await api.get(`/engagements/${encodeURIComponent(engagementId)}/members`, MemberListSchema, { signal })).items;
}

export const membersQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: queryKeys.members(engagementId), queryFn: ({ signal }) => getMembers(engagementId, signal), staleTime: 60_000 });

export function useMembers(engagementId: string, enabled: boolean) {
  return useQuery({ ...membersQueryOptions(engagementId), enabled });
}
