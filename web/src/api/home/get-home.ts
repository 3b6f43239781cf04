import { type Home, HomeSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

/** Items per kind the home shows (the rest are counted: 「ほか N件」). */
const HOME_LIMIT = 5;

/** What is the caller's to do, per kind (bounded, with totals). */
export function getHome(signal?: AbortSignal): Promise<Home> {
  return api.get('/me/todo', HomeSchema, { signal, query: { limit: HOME_LIMIT } });
}

export const homeQueryOptions = () => queryOptions({ queryKey: queryKeys.home(), queryFn: ({ signal }) => getHome(signal), staleTime: 0 });

export function useHome() {
  return useQuery(homeQueryOptions());
}
