import { MeSchema, type SetupBody } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../lib/api-client';
import { queryKeys } from '../keys';

/** Creates the first program-office account with the token from the server log; signs in. */
export async function completeSetup(body: SetupBody) {
  const me = await api.post('/setup', MeSchema, body);
  setCsrfToken(me.csrfToken);
  return me;
}

export function useCompleteSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: completeSetup,
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.auth.me(), me);
      queryClient.setQueryData(queryKeys.users.setup(), { needed: false });
    },
  });
}
