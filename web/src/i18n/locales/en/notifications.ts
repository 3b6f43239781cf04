import type { Catalog } from '../../catalog';
import type { notifications as ja } from '../ja/notifications';

export const notifications: Catalog<typeof ja> = {
  'nav.notifications': 'Notifications',
  'bell.label_one': 'Notifications ({{count}} unread)',
  'bell.label_other': 'Notifications ({{count}} unread)',
  'bell.none': 'Notifications (none unread)',
  'page.title': 'Notifications',
  'page.lead': 'Homework assigned to you and its deadlines, mentions in comments, answers to your questions and more.',
  'page.unreadOnly': 'Unread only',
  'page.readAll': 'Mark all read',
  'page.markRead': 'Mark read',
  'page.unread': 'Unread',
  'page.empty': 'No notifications.',
  'page.emptyUnread': 'No unread notifications.',
  'page.list': 'Notifications',
  'prefs.title': 'Notification settings',
  'prefs.lead':
    'For each kind, choose whether it shows in your notifications, is e-mailed at once, or goes into the digest e-mailed every morning at 8:00 (then that kind sends only the digest).',
  'prefs.kind': 'Kind',
  'prefs.inApp': 'Notifications list',
  'prefs.email': 'E-mail at once',
  'prefs.digest': 'Morning digest',
  'prefs.save': 'Save settings',
  'prefs.saved': 'Notification settings saved.',
  'prefs.forKind': '{{kind}}: {{channel}}',
};
