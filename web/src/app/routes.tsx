import { lazy, Suspense, useEffect } from 'react';
import { ErrorBoundary } from '../components/ui/error-boundary';
import { ErrorMessage } from '../components/ui/error-message';
import { Loading } from '../components/ui/feedback';
import { useMe } from '../features/auth';
import { NotificationsPage } from '../features/notifications';
import { isApiError } from '../lib/api-error';
import { matchRoute, navigate, paths, useLocation } from '../lib/router';
import { AppShell, type NavSection } from './layout/app-shell';
import { EngagementListPage } from './pages/engagement-list-page';
import { EngagementPage } from './pages/engagement-page';
import { LoginPage } from './pages/login-page';
import { PortfolioPage } from './pages/portfolio-page';
import { NotFoundPage } from './pages/simple-pages';

// Sections most visits never open load on demand, keeping the entry chunk small.
const LibrarySection = lazy(() => import('../features/library').then((m) => ({ default: m.LibrarySection })));
const ReportsSection = lazy(() => import('../features/reports').then((m) => ({ default: m.ReportsSection })));
const SetupPage = lazy(() => import('../features/users').then((m) => ({ default: m.SetupPage })));
const LinkPage = lazy(() => import('../features/users').then((m) => ({ default: m.LinkPage })));
const UsersPage = lazy(() => import('../features/users').then((m) => ({ default: m.UsersPage })));
const OutboxPage = lazy(() => import('../features/users').then((m) => ({ default: m.OutboxPage })));
const SecurityPage = lazy(() => import('../features/users').then((m) => ({ default: m.SecurityPage })));
const PasswordPage = lazy(() => import('../features/users').then((m) => ({ default: m.PasswordPage })));
const ProgramsPage = lazy(() => import('../features/admin').then((m) => ({ default: m.ProgramsPage })));
const TeamPage = lazy(() => import('../features/admin').then((m) => ({ default: m.TeamPage })));
const MunicipalitiesPage = lazy(() => import('../features/organizer').then((m) => ({ default: m.MunicipalitiesPage })));
const IndicatorImportPage = lazy(() => import('../features/analysis').then((m) => ({ default: m.IndicatorImportPage })));
const IndicatorCataloguePage = lazy(() => import('../features/analysis').then((m) => ({ default: m.IndicatorCataloguePage })));
const PublicReportPage = lazy(() => import('../features/library').then((m) => ({ default: m.PublicReportPage })));
const ReferenceMaterialsPage = lazy(() => import('../features/materials').then((m) => ({ default: m.ReferenceMaterialsPage })));
const ProgramEventsPage = lazy(() => import('../features/program-events').then((m) => ({ default: m.ProgramEventsPage })));
const ApplicationsSection = lazy(() => import('../features/applications').then((m) => ({ default: m.ApplicationsSection })));

/**
 * The route table. Signed-out users go to /login (and back afterwards); signed-in users never see it.
 * The case library, reports and applications sections get their pages here once they exist
 * (features/library, features/reports, features/applications).
 */
export function AppRoutes() {
  const location = useLocation();
  const route = matchRoute(location.pathname, location.search);
  const isPublic = route.name === 'setup' || route.name === 'invite' || route.name === 'reset' || route.name === 'publicReport';
  const me = useMe(!isPublic);
  const signedIn = me.data ?? null;
  const setupRequired = isApiError(me.error) && me.error.code === 'setup_required';

  useEffect(() => {
    // First run: nothing but setup answers until the first program-office account exists.
    if (setupRequired && route.name !== 'setup') navigate(paths.setup(), { replace: true });
    if (!me.isSuccess || isPublic) return;
    if (me.data === null && route.name !== 'login') navigate(paths.login(location.href), { replace: true });
    if (me.data !== null && route.name === 'login') navigate(route.next ?? paths.home(), { replace: true });
    // The program requires two-factor sign-in and this account has none yet: enrolment first.
    if (me.data?.twoFactor.enrolmentRequired && route.name !== 'security' && route.name !== 'login')
      navigate(paths.security(), { replace: true });
  }, [me.isSuccess, me.data, route, location.href, isPublic, setupRequired]);

  if (isPublic)
    return (
      <ErrorBoundary resetKey={location.pathname}>
        <Suspense fallback={<Loading />}>
          {route.name === 'publicReport' ? (
            <PublicReportPage token={route.token} />
          ) : route.name === 'setup' ? (
            <SetupPage />
          ) : (
            <LinkPage token={route.token} kind={route.name === 'invite' ? 'invitation' : 'reset'} />
          )}
        </Suspense>
      </ErrorBoundary>
    );
  if (me.isPending || setupRequired) return <Loading />;
  if (me.isError)
    return (
      <div className="page page--center">
        <ErrorMessage error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  if (route.name === 'login') return signedIn ? <Loading /> : <LoginPage next={route.next} reason={route.reason} />;
  if (!signedIn) return <Loading />;
  // Until enrolled, nothing else answers (403 totp_enrolment_required): only the security page and sign-out.
  if (signedIn.twoFactor.enrolmentRequired)
    return (
      <AppShell me={signedIn} current="other">
        <Suspense fallback={<Loading />}>
          <SecurityPage me={signedIn} />
        </Suspense>
      </AppShell>
    );

  let current: NavSection = 'other';
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
    case 'programs':
      current = 'programs';
      page = signedIn.user.isProgramOffice ? <ProgramsPage /> : <NotFoundPage />;
      break;
    case 'team':
      current = 'engagements';
      page = <TeamPage id={route.id} me={signedIn} />;
      break;
    case 'library':
      current = 'library';
      page = <LibrarySection rest={route.rest} canSortSimilar={signedIn.user.municipality !== null} />;
      break;
    case 'reference':
      current = 'reference';
      page = <ReferenceMaterialsPage />;
      break;
    case 'events':
      current = 'events';
      page = <ProgramEventsPage key={route.programId ?? ''} programId={route.programId} eventId={route.eventId} />;
      break;
    case 'reports':
      current = 'reports';
      page = <ReportsSection rest={route.rest} me={signedIn} notFound={<NotFoundPage />} />;
      break;
    case 'applications':
      current = 'applications';
      page = <ApplicationsSection rest={route.rest} me={signedIn} />;
      break;
    case 'users':
      current = 'users';
      page = signedIn.user.isProgramOffice ? <UsersPage /> : <NotFoundPage />;
      break;
    case 'notifications':
      current = 'notifications';
      page = <NotificationsPage />;
      break;
    case 'outbox':
      current = 'outbox';
      page = signedIn.user.isProgramOffice ? <OutboxPage /> : <NotFoundPage />;
      break;
    case 'municipalities':
      current = 'municipalities';
      page = signedIn.user.isProgramOffice ? <MunicipalitiesPage /> : <NotFoundPage />;
      break;
    case 'indicatorImport':
      current = 'municipalities';
      page = signedIn.user.isProgramOffice ? <IndicatorImportPage /> : <NotFoundPage />;
      break;
    case 'indicatorCatalogue':
      current = 'municipalities';
      page = signedIn.user.isProgramOffice ? <IndicatorCataloguePage /> : <NotFoundPage />;
      break;
    case 'password':
      page = <PasswordPage />;
      break;
    case 'security':
      page = <SecurityPage me={signedIn} />;
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
