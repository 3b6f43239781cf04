import { type LoginBody, type Me, MeSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../lib/api-client';
import { queryKeys } from '../keys';

export async function login(body: LoginBody): Promise<Me> {
  const me = await api.post('/auth/login', MeSchema, body);
  setCsrfToken(me.csrfToken);
  return me;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      // A new user may see other things: drop everything cached for the previous one.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.auth.all[0] });
      queryClient.setQueryData(queryKeys.auth.me(), me);
    },
  });
}
