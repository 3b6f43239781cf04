import { InvitationSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** Who a one-time link is for and whether it still works (no session needed). */
export const getInvitation = (token: string, signal?: AbortSignal) => api.get(`/invitations/${enc(token)}`, InvitationSchema, { signal });

export const invitationQueryOptions = (token: string) =>
  queryOptions({ queryKey: queryKeys.users.invitation(token), queryFn: ({ signal }) => getInvitation(token, signal), retry: false });

export const useInvitation = (token: string) => useQuery(invitationQueryOptions(token));
