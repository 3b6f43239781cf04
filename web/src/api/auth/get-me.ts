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

/** `enabled` false on pages without a session (first-run setup, one-time links). */
export function useMe(enabled = true) {
  return useQuery({ ...meQueryOptions(), enabled, retry: (count, error) => !(isApiError(error) && error.status === 503) && count < 2 });
}
