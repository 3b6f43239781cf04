import { useTranslation } from 'react-i18next';
import { usePublicReport } from '../../../api/public-links/public-links';
import { Loading, Notice } from '../../../components/ui/feedback';
import { ErrorMessage } from '../../../components/ui/error-message';
import { isApiError } from '../../../lib/api-error';
import { useLocale } from '../../../i18n';
import { CaseView } from './library-case-page';
import '../library.css';

/**
 * /p/{token}: a published report opened by a public link — no sign-in, no app chrome, read-only.
 * A revoked or expired link reads as gone; too many requests as a pause.
 */
export function PublicReportPage({ token }: { token: string }) {
  const { t } = useTranslation(['organizer', 'common']);
  const report = usePublicReport(token);
  const { locale, setLocale } = useLocale();
  return (
    <main className="page library-page public-report">
      <header className="public-report__bar">
        <strong>{t('common:app.name')}</strong>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          lang={locale === 'ja' ? 'en' : 'ja'}
          onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}
        >
          {locale === 'ja' ? t('common:lang.en') : t('common:lang.ja')}
        </button>
      </header>
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        isApiError(report.error) && report.error.status === 404 ? (
          <Notice tone="warning">{t('public.gone')}</Notice>
        ) : isApiError(report.error) && report.error.status === 429 ? (
          <Notice tone="warning">{t('public.tooMany')}</Notice>
        ) : (
          <ErrorMessage error={report.error} onRetry={() => void report.refetch()} />
        )
      ) : (
        <>
          <Notice tone="info">{t('public.notice')}</Notice>
          <CaseView c={report.data} publicToken={token} />
        </>
      )}
    </main>
  );
}
