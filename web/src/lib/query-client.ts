import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error';

/** Retries only what may succeed on a second try: network failures and 5xx (503 when overloaded), at most three times. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 3) return false;
  if (!isApiError(error)) return false;
  return error.isNetwork || error.status >= 500;
}

export interface QueryClientHooks {
  /** Any request answered 401: the session is gone. */
  onUnauthorized: () => void;
  /** A write answered 412: someone else changed the resource first. */
  onStale: () => void;
}

/** The app's QueryClient, with the global reactions to 401 and 412. */
export function createQueryClient(hooks: QueryClientHooks): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isApiError(error) && error.status === 401) hooks.onUnauthorized();
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (!isApiError(error)) return;
        if (error.status === 401) hooks.onUnauthorized();
        if (error.status === 412) hooks.onStale();
      },
    }),
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 5000),
        staleTime: 15_000,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}

/** Every engagement-scoped query key starts with this, so one invalidation refreshes an engagement. */
export const engagementScope = (engagementId: string) => ['engagement', engagementId] as const;
