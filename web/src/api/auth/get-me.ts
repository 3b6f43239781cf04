import { type Me, MeSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../lib/api-client';
import { isApiError } from '../../lib/api-error';
import { queryKeys } from '../keys';

/** The signed-in user, or null when there is no session (401). */
export async function getMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    const me = await api.get('/auth/me', MeSchema, { signal });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.auth.me(),
    queryFn: ({ signal }) => getMe(signal),
    staleTime: 5 * 60_000,
  });

export function useMe() {
  return useQuery(meQueryOptions());
}
