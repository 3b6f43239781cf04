import { MeSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** Sets the password through the link; the server signs the user in (a reset of an account with two-factor on sends the code too). */
export async function acceptInvitation({ token, password, code }: { token: string; password: string; code?: string | undefined }) {
  const me = await api.post(`/invitations/${enc(token)}/accept`, MeSchema, code ? { password, code } : { password });
  setCsrfToken(me.csrfToken);
  return me;
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: (me) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.auth.all[0] });
      queryClient.setQueryData(queryKeys.auth.me(), me);
    },
  });
}
