import { UserSummarySchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** Deactivate (every session revoked at once) or reactivate an account, with its version as If-Match. */
export const setUserActive = ({ userId, version, active }: { userId: string; version: number; active: boolean }) =>
  active
    ? api.post(`/users/${enc(userId)}/reactivate`, UserSummarySchema, undefined, { ifMatch: version })
    : api.post(`/users/${enc(userId)}/deactivate`, UserSummarySchema, undefined, { ifMatch: version });

export function useSetUserActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setUserActive,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.users.all() }),
  });
}
