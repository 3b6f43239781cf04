import { useTranslation } from 'react-i18next';
import { useUnreadCount } from '../../../api/notifications/notifications';
import { Link } from '../../../components/ui/link';
import { paths } from '../../../lib/router';

/** The header's bell: a link to the inbox with the number unread (icon and count; its name says both). */
export function NotificationBell({ current }: { current: boolean }) {
  const { t } = useTranslation('notifications');
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  return (
    <Link
      href={paths.notifications()}
      className="bell btn btn--ghost btn--small"
      aria-label={count > 0 ? t('bell.label', { count }) : t('bell.none')}
      title={t('nav.notifications')}
      aria-current={current ? 'page' : undefined}
    >
      <svg className="bell__icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {count > 0 ? (
        <span className="bell__count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </Link>
  );
}
