import { formatDateTime, type NotificationKind, type NotificationPreference } from '@banso/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useNotificationPreferences,
  useNotifications,
  useReadAllNotifications,
  useReadNotification,
  useUpdateNotificationPreferences,
} from '../../../api/notifications/notifications';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Badge, EmptyState, Loading, Notice } from '../../../components/ui/feedback';
import { Link } from '../../../components/ui/link';
import { Pager, useCursorStack } from '../../../components/ui/pager';
import { useLabels, useLocale } from '../../../i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';

/** お知らせ: the caller's notifications, newest first, and below them the settings per kind. */
export function NotificationsPage() {
  const { t } = useTranslation(['notifications', 'common']);
  useDocumentTitle(t('page.title'), t('common:app.name'));
  const { locale } = useLocale();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const pages = useCursorStack();
  const list = useNotifications(pages.cursor, unreadOnly);
  const read = useReadNotification();
  const readAll = useReadAllNotifications();
  return (
    <div className="page">
      <h1>{t('page.title')}</h1>
      <p>{t('page.lead')}</p>
      <div className="toolbar">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(e) => {
              setUnreadOnly(e.target.checked);
              pages.first();
            }}
          />{' '}
          {t('page.unreadOnly')}
        </label>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          disabled={readAll.isPending || (list.data?.unreadCount ?? 0) === 0}
          onClick={() => readAll.mutate()}
        >
          {t('page.readAll')}
        </button>
      </div>
      {readAll.isError ? <ErrorMessage error={readAll.error} /> : null}
      {read.isError ? <ErrorMessage error={read.error} /> : null}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{unreadOnly ? t('page.emptyUnread') : t('page.empty')}</EmptyState>
      ) : (
        <>
          <ul className="notifications" aria-label={t('page.list')}>
            {list.data.items.map((n) => (
              <li key={n.id} className={`card notifications__item${n.readAt ? '' : ' notifications__item--unread'}`} data-kind={n.kind}>
                <p className="notifications__title">
                  {n.readAt ? null : <Badge tone="accent">{t('page.unread')}</Badge>}{' '}
                  <Link href={n.link} onClick={() => (n.readAt ? undefined : read.mutate(n.id))}>
                    {n.title[locale]}
                  </Link>
                </p>
                <p className="notifications__meta">
                  <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, locale)}</time>
                  {n.readAt ? null : (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="btn btn--ghost btn--small"
                        disabled={read.isPending}
                        onClick={() => read.mutate(n.id)}
                        aria-label={`${t('page.markRead')}: ${n.title[locale]}`}
                      >
                        {t('page.markRead')}
                      </button>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
          <Pager pages={pages} nextCursor={list.data.nextCursor} />
        </>
      )}
      <NotificationPreferencesSection />
    </div>
  );
}

const channels = ['inApp', 'email', 'digest'] as const;

/** Per kind: in the inbox, e-mailed at once, or in the morning digest. */
function NotificationPreferencesSection() {
  const { t } = useTranslation('notifications');
  const L = useLabels();
  const prefs = useNotificationPreferences();
  const update = useUpdateNotificationPreferences();
  const [edits, setEdits] = useState<Partial<Record<NotificationKind, NotificationPreference>>>({});
  const items = (prefs.data?.items ?? []).map((p) => edits[p.kind] ?? p);
  const changed = Object.values(edits);
  return (
    <section className="section" aria-labelledby="notification-preferences">
      <h2 id="notification-preferences">{t('prefs.title')}</h2>
      <p>{t('prefs.lead')}</p>
      {prefs.isPending ? (
        <Loading />
      ) : prefs.isError ? (
        <ErrorMessage error={prefs.error} onRetry={() => void prefs.refetch()} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (changed.length === 0) return;
            update.mutate({ items: changed }, { onSuccess: () => setEdits({}) });
          }}
        >
          <div className="table-wrap">
            <table className="table table--compact table--prefs">
              <thead>
                <tr>
                  <th scope="col">{t('prefs.kind')}</th>
                  {channels.map((c) => (
                    <th key={c} scope="col">
                      {t(`prefs.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.kind}>
                    <th scope="row">{L.notificationKind[p.kind]}</th>
                    {channels.map((c) => (
                      <td key={c}>
                        <input
                          type="checkbox"
                          checked={p[c]}
                          aria-label={t('prefs.forKind', { kind: L.notificationKind[p.kind], channel: t(`prefs.${c}`) })}
                          onChange={(e) => setEdits({ ...edits, [p.kind]: { ...p, [c]: e.target.checked } })}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="toolbar">
            <button type="submit" className="btn btn--primary" disabled={update.isPending || changed.length === 0}>
              {t('prefs.save')}
            </button>
          </div>
          {update.isError ? <ErrorMessage error={update.error} /> : null}
          {update.isSuccess && changed.length === 0 ? <Notice tone="success">{t('prefs.saved')}</Notice> : null}
        </form>
      )}
    </section>
  );
}
