import { type Home, HomeSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

/** What is the caller's to do, per kind (bounded, with totals). */
export function getHome(signal?: AbortSignal): Promise<Home> {
  return api.get('/me/todo', HomeSchema, { signal });
}

export const homeQueryOptions = () => queryOptions({ queryKey: queryKeys.home(), queryFn: ({ signal }) => getHome(signal), staleTime: 0 });

export function useHome() {
  return useQuery(homeQueryOptions());
}
