import type { Me } from '@banso/shared';
import type { ReactNode } from 'react';
import { Link } from '../../components/ui/link';
import { useLogout } from '../../features/auth';
import { useEngagements } from '../../features/engagements';
import { NotificationBell } from '../../features/notifications';
import { type Locale, locales, useLabels, useLocale } from '../../i18n';
import { navigate, paths } from '../../lib/router';
import { useTranslation } from 'react-i18next';

function LanguageSwitch() {
  const { t } = useTranslation('common');
  const { locale, setLocale } = useLocale();
  return (
    <div className="lang-switch" role="group" aria-label={t('nav.language')}>
      {locales.map((l: Locale) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={`lang-switch__option${l === locale ? ' lang-switch__option--active' : ''}`}
          aria-pressed={l === locale}
          onClick={() => setLocale(l)}
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </div>
  );
}

/** The user's role as the header shows it: program office, or the roles they hold in their engagements. */
function useRoleLabel(me: Me): string {
  const { t } = useTranslation('common');
  const L = useLabels();
  const engagements = useEngagements();
  if (me.user.isProgramOffice) return L.role.program_office;
  const roles = [...new Set((engagements.data ?? []).map((e) => e.myRole))];
  if (roles.length > 0) return roles.map((r) => L.role[r]).join(t('common.listSeparator'));
  return me.user.title ?? me.user.organization ?? '';
}

/** The header's section a page belongs to (marked current in the navigation). */
export type NavSection =
  | 'engagements'
  | 'portfolio'
  | 'programs'
  | 'library'
  | 'reference'
  | 'events'
  | 'reports'
  | 'applications'
  | 'users'
  | 'outbox'
  | 'municipalities'
  | 'notifications'
  | 'other';

export function AppShell({ me, current, children }: { me: Me; current: NavSection; children: ReactNode }) {
  const { t } = useTranslation('common');
  const { t: tu } = useTranslation('users');
  const { t: ta } = useTranslation('admin');
  const { t: to } = useTranslation('organizer');
  const { locale } = useLocale();
  const logout = useLogout();
  const roleLabel = useRoleLabel(me);
  const org = me.user.municipality?.name ?? me.user.organization;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="shell__header">
        <div className="shell__bar">
          <Link href={paths.home()} className="brand" aria-label={t('app.fullName')}>
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">{t('app.name')}</span>
            {locale === 'ja' ? <span className="brand__sub">Bansō</span> : null}
          </Link>
          <nav className="shell__nav" aria-label={t('nav.main')}>
            <Link href={paths.home()} className="shell__nav-link" aria-current={current === 'engagements' ? 'page' : undefined}>
              {t('nav.engagements')}
            </Link>
            {me.user.isProgramOffice ? (
              <>
                <Link href={paths.portfolio()} className="shell__nav-link" aria-current={current === 'portfolio' ? 'page' : undefined}>
                  {t('nav.portfolio')}
                </Link>
                <Link href={paths.programs()} className="shell__nav-link" aria-current={current === 'programs' ? 'page' : undefined}>
                  {ta('nav.programs')}
                </Link>
              </>
            ) : null}
            <Link href="/library" className="shell__nav-link" aria-current={current === 'library' ? 'page' : undefined}>
              {t('nav.library')}
            </Link>
            <Link href={paths.reference()} className="shell__nav-link" aria-current={current === 'reference' ? 'page' : undefined}>
              {t('nav.reference')}
            </Link>
            <Link href={paths.programEvents()} className="shell__nav-link" aria-current={current === 'events' ? 'page' : undefined}>
              {t('nav.events')}
            </Link>
            <Link href="/reports" className="shell__nav-link" aria-current={current === 'reports' ? 'page' : undefined}>
              {t('nav.reports')}
            </Link>
            <Link href="/applications" className="shell__nav-link" aria-current={current === 'applications' ? 'page' : undefined}>
              {t('nav.applications')}
            </Link>
            {me.user.isProgramOffice ? (
              <>
                <Link href={paths.users()} className="shell__nav-link" aria-current={current === 'users' ? 'page' : undefined}>
                  {tu('nav.users')}
                </Link>
                <Link href={paths.outbox()} className="shell__nav-link" aria-current={current === 'outbox' ? 'page' : undefined}>
                  {tu('nav.outbox')}
                </Link>
                <Link
                  href={paths.municipalities()}
                  className="shell__nav-link"
                  aria-current={current === 'municipalities' ? 'page' : undefined}
                >
                  {to('nav.municipalities')}
                </Link>
              </>
            ) : null}
          </nav>
          <div className="shell__user">
            <NotificationBell current={current === 'notifications'} />
            <LanguageSwitch />
            <div className="user-chip">
              <span className="user-chip__name">{me.user.name}</span>
              <span className="user-chip__role">
                {roleLabel}
                {org ? ` · ${org}` : ''}
              </span>
            </div>
            {/* One link for the account (two-factor sign-in, and from there the password): the header stays one line on a phone. */}
            <Link href={paths.security()} className="btn btn--ghost btn--small">
              {tu('nav.account')}
            </Link>
            <button
              type="button"
              className="btn btn--ghost btn--small"
              disabled={logout.isPending}
              onClick={() => logout.mutate(undefined, { onSuccess: () => navigate(paths.login(null, 'signedOut'), { replace: true }) })}
            >
              {t('nav.signOut')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="shell__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
