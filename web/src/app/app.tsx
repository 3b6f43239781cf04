import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorBoundary } from '../components/ui/error-boundary';
import { queryKeys } from '../api/keys';
import { I18nProvider } from '../i18n';
import { createQueryClient } from '../lib/query-client';
import { navigate, paths } from '../lib/router';
import { AppRoutes } from './routes';

/** Providers (query cache, i18n) and the routes, under one error boundary so nothing renders blank. */
export function App() {
  const [queryClient] = useState(() => {
    const client = createQueryClient({
      onUnauthorized: () => {
        // The session ended (expired, or signed out in another tab): back to sign-in, then here again.
        if (!client.getQueryData(queryKeys.auth.me())) return;
        const here = window.location.pathname + window.location.search;
        client.setQueryData(queryKeys.auth.me(), null);
        navigate(paths.login(here, 'expired'), { replace: true });
      },
      onStale: () => {
        // Someone else changed what the user edited: load the newer version behind the form.
        void client.invalidateQueries();
      },
    });
    return client;
  });
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <ErrorBoundary>
          <AppRoutes />
        </ErrorBoundary>
      </QueryClientProvider>
    </I18nProvider>
  );
}
