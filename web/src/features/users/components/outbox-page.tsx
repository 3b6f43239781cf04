import { formatDateTime } from '@banso/shared';
import { useTranslation } from 'react-i18next';
import { useOutbox } from '../../../api/mail/list-outbox';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Badge, EmptyState, Loading } from '../../../components/ui/feedback';
import { useLocale } from '../../../i18n';
import { Pager, useCursorStack } from '../../../components/ui/pager';
import { useDocumentTitle } from '../../../lib/use-document-title';

/** The e-mails the app queued or sent, newest first: with no SMTP configured, invitations are read here. */
export function OutboxPage() {
  const { t } = useTranslation(['users', 'common']);
  useDocumentTitle(t('outbox.title'), t('common:app.name'));
  const { locale } = useLocale();
  const pages = useCursorStack();
  const outbox = useOutbox(pages.cursor);
  return (
    <div className="page">
      <h1>{t('outbox.title')}</h1>
      <p>{t('outbox.lead')}</p>
      {outbox.isPending ? (
        <Loading />
      ) : outbox.isError ? (
        <ErrorMessage error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : outbox.data.items.length === 0 ? (
        <EmptyState>{t('outbox.empty')}</EmptyState>
      ) : (
        <>
          <ul className="outbox">
            {outbox.data.items.map((m) => (
              <li key={m.id} className="card" data-to={m.to}>
                <p>
                  <strong>{m.subject}</strong>{' '}
                  <Badge tone={m.status === 'sent' ? 'success' : m.status === 'failed' ? 'danger' : 'info'}>
                    {t(`outbox.status.${m.status}`)}
                  </Badge>
                </p>
                <p>
                  {t('outbox.to')}: {m.to} · {t('outbox.createdAt')}: {formatDateTime(m.createdAt, locale)}
                </p>
                <details>
                  <summary>{t('outbox.show')}</summary>
                  <pre className="outbox__text">{m.text}</pre>
                </details>
              </li>
            ))}
          </ul>
          <Pager pages={pages} nextCursor={outbox.data.nextCursor} />
        </>
      )}
    </div>
  );
}
