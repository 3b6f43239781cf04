import {
  type AddMemberBody,
  type CreateObserverGrantBody,
  type Member,
  MemberCandidateListSchema,
  MemberSchema,
  ObserverGrantListSchema,
  ObserverGrantSchema,
  type UpdateMemberBody,
} from '@banso/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

const base = (engagementId: string) => `/engagements/${enc(engagementId)}`;
const pageQuery = (cursor: string | null) => (cursor ? `?cursor=${enc(cursor)}` : '');

/** Users the office may add, a page at a time (cursor: the last user of the previous page). */
export function useMemberCandidates(engagementId: string, cursor: string | null, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.teams.candidates(engagementId, cursor),
    queryFn: ({ signal }) => api.get(`${base(engagementId)}/member-candidates${pageQuery(cursor)}`, MemberCandidateListSchema, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useObserverGrants(engagementId: string, cursor: string | null, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.teams.grants(engagementId, cursor),
    queryFn: ({ signal }) => api.get(`${base(engagementId)}/observer-grants${pageQuery(cursor)}`, ObserverGrantListSchema, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Any team write refreshes the whole engagement scope (team, candidates, grants, the header's role). */
function useTeamMutation<V, R>(engagementId: string, fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.members(engagementId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.teams.all(engagementId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.all() });
    },
  });
}

export const useAddMember = (engagementId: string) =>
  useTeamMutation(engagementId, (body: AddMemberBody) => api.post(`${base(engagementId)}/members`, MemberSchema, body));

export const useUpdateMember = (engagementId: string) =>
  useTeamMutation(engagementId, ({ member, body }: { member: Member; body: UpdateMemberBody }) =>
    api.patch(`${base(engagementId)}/members/${enc(member.userId)}`, MemberSchema, body, { ifMatch: member.version }),
  );

export const useRemoveMember = (engagementId: string) =>
  useTeamMutation(engagementId, (userId: string) => api.delete(`${base(engagementId)}/members/${enc(userId)}`));

export const useCreateGrant = (engagementId: string) =>
  useTeamMutation(engagementId, (body: CreateObserverGrantBody) =>
    api.post(`${base(engagementId)}/observer-grants`, ObserverGrantSchema, body),
  );

export const useRevokeGrant = (engagementId: string) =>
  useTeamMutation(engagementId, (grantId: string) =>
    api.post(`${base(engagementId)}/observer-grants/${enc(grantId)}/revoke`, ObserverGrantSchema, undefined),
  );
