import { lazy, Suspense, useEffect } from 'react';
import { ErrorBoundary } from '../components/ui/error-boundary';
import { ErrorMessage } from '../components/ui/error-message';
import { Loading } from '../components/ui/feedback';
import { useMe } from '../features/auth';
import { matchRoute, navigate, paths, useLocation } from '../lib/router';
import { AppShell } from './layout/app-shell';
import { EngagementListPage } from './pages/engagement-list-page';
import { EngagementPage } from './pages/engagement-page';
import { LoginPage } from './pages/login-page';
import { PortfolioPage } from './pages/portfolio-page';
import { NotFoundPage } from './pages/simple-pages';

// Sections most visits never open load on demand, keeping the entry chunk small.
const LibrarySection = lazy(() => import('../features/library').then((m) => ({ default: m.LibrarySection })));
const ReportsSection = lazy(() => import('../features/reports').then((m) => ({ default: m.ReportsSection })));
const ApplicationsSection = lazy(() => import('../features/applications').then((m) => ({ default: m.ApplicationsSection })));

/**
 * The route table. Signed-out users go to /login (and back afterwards); signed-in users never see it.
 * The case library, reports and applications sections get their pages here once they exist
 * (features/library, features/reports, features/applications).
 */
export function AppRoutes() {
  const location = useLocation();
  const route = matchRoute(location.pathname, location.search);
  const me = useMe();
  const signedIn = me.data ?? null;

  useEffect(() => {
    if (!me.isSuccess) return;
    if (me.data === null && route.name !== 'login') navigate(paths.login(location.href), { replace: true });
    if (me.data !== null && route.name === 'login') navigate(route.next ?? paths.home(), { replace: true });
  }, [me.isSuccess, me.data, route, location.href]);

  if (me.isPending) return <Loading />;
  if (me.isError)
    return (
      <div className="page page--center">
        <ErrorMessage error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  if (route.name === 'login') return signedIn ? <Loading /> : <LoginPage next={route.next} reason={route.reason} />;
  if (!signedIn) return <Loading />;

  let current: 'engagements' | 'portfolio' | 'library' | 'reports' | 'applications' | 'other' = 'other';
  let page;
  switch (route.name) {
    case 'engagements':
      current = 'engagements';
      page = <EngagementListPage me={signedIn} />;
      break;
    case 'engagement':
      current = 'engagements';
      page = <EngagementPage id={route.id} tab={route.tab} me={signedIn} />;
      break;
    case 'portfolio':
      current = 'portfolio';
      page = <PortfolioPage me={signedIn} />;
      break;
    case 'library':
      current = 'library';
      page = <LibrarySection rest={route.rest} />;
      break;
    case 'reports':
      current = 'reports';
      page = <ReportsSection rest={route.rest} me={signedIn} notFound={<NotFoundPage />} />;
      break;
    case 'applications':
      current = 'applications';
      page = <ApplicationsSection rest={route.rest} me={signedIn} />;
      break;
    case 'notFound':
      page = <NotFoundPage />;
      break;
  }
  return (
    <AppShell me={signedIn} current={current}>
      <ErrorBoundary resetKey={location.pathname}>
        <Suspense fallback={<Loading />}>{page}</Suspense>
      </ErrorBoundary>
    </AppShell>
  );
}
