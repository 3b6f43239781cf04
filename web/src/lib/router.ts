/**
 * A small history-based router: the URL is the state. `useLocation` subscribes to history changes,
 * `navigate` pushes, `matchRoute` turns a path into a typed route. No router library.
 */
import { useSyncExternalStore } from 'react';

export const engagementTabs = ['hearing', 'tree', 'actions', 'roadmap', 'review', 'evaluation', 'analysis'] as const;
export type EngagementTab = (typeof engagementTabs)[number];

export type LoginReason = 'expired' | 'signedOut';

export type Route =
  | { name: 'login'; next: string | null; reason: LoginReason | null }
  | { name: 'engagements' }
  | { name: 'engagement'; id: string; tab: EngagementTab | null }
  | { name: 'portfolio' }
  | { name: 'programs' }
  | { name: 'team'; id: string }
  | { name: 'library'; rest: string }
  | { name: 'reference' }
  | { name: 'events'; programId: string | null; eventId: string | null }
  | { name: 'reports'; rest: string }
  | { name: 'applications'; rest: string }
  | { name: 'setup' }
  | { name: 'invite'; token: string }
  | { name: 'reset'; token: string }
  | { name: 'users' }
  | { name: 'outbox' }
  | { name: 'notifications' }
  | { name: 'municipalities' }
  | { name: 'indicatorImport' }
  | { name: 'indicatorCatalogue' }
  | { name: 'publicReport'; token: string }
  | { name: 'password' }
  | { name: 'security' }
  | { name: 'notFound'; path: string };

const isTab = (s: string): s is EngagementTab => (engagementTabs as readonly string[]).includes(s);

/** Parses a pathname (+ search) into a route. Unknown paths are `notFound`. */
export function matchRoute(pathname: string, search = ''): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  if (path === '/') return { name: 'engagements' };
  if (path === '/login') {
    const params = new URLSearchParams(search);
    const next = params.get('next');
    const reason = params.get('reason');
    return {
      name: 'login',
      // Only same-site paths: never send the user to another origin after sign-in.
      next: next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null,
      reason: reason === 'expired' || reason === 'signedOut' ? reason : null,
    };
  }
  if (path === '/portfolio') return { name: 'portfolio' };
  if (path === '/reference') return { name: 'reference' };
  if (parts[0] === 'events' && parts.length <= 3) return { name: 'events', programId: parts[1] ?? null, eventId: parts[2] ?? null };
  if (path === '/programs') return { name: 'programs' };
  if (path === '/setup') return { name: 'setup' };
  if (path === '/users') return { name: 'users' };
  if (path === '/outbox') return { name: 'outbox' };
  if (path === '/notifications') return { name: 'notifications' };
  if (path === '/municipalities') return { name: 'municipalities' };
  if (path === '/indicators/import') return { name: 'indicatorImport' };
  if (path === '/indicators') return { name: 'indicatorCatalogue' };
  if (parts[0] === 'p' && parts[1] && parts.length === 2) return { name: 'publicReport', token: parts[1] };
  if (path === '/password') return { name: 'password' };
  if (path === '/security') return { name: 'security' };
  if ((parts[0] === 'invite' || parts[0] === 'reset') && parts[1] && parts.length === 2) return { name: parts[0], token: parts[1] };
  if (parts[0] === 'engagements' && parts[1] && parts.length === 3 && parts[2] === 'team') return { name: 'team', id: parts[1] };
  if (parts[0] === 'engagements' && parts[1] && parts.length <= 3) {
    const tab = parts[2];
    if (tab === undefined) return { name: 'engagement', id: parts[1], tab: null };
    if (isTab(tab)) return { name: 'engagement', id: parts[1], tab };
  }
  for (const section of ['library', 'reports', 'applications'] as const)
    if (parts[0] === section) return { name: section, rest: parts.slice(1).join('/') };
  return { name: 'notFound', path };
}

export const paths = {
  home: () => '/',
  login: (next?: string | null, reason?: LoginReason) => {
    const params = new URLSearchParams();
    if (next && next !== '/' && !next.startsWith('/login')) params.set('next', next);
    if (reason) params.set('reason', reason);
    const qs = params.toString();
    return qs ? `/login?${qs}` : '/login';
  },
  engagement: (id: string, tab: EngagementTab = 'hearing') => `/engagements/${encodeURIComponent(id)}/${tab}`,
  portfolio: () => '/portfolio',
  reference: () => '/reference',
  /** The program's events (イベント); the first program the reader takes part in without one. */
  programEvents: (programId?: string) => (programId ? `/events/${encodeURIComponent(programId)}` : '/events'),
  programEvent: (programId: string, eventId: string) => `/events/${encodeURIComponent(programId)}/${encodeURIComponent(eventId)}`,
  programs: () => '/programs',
  team: (engagementId: string) => `/engagements/${encodeURIComponent(engagementId)}/team`,
  applications: (programId: string) => `/applications/${encodeURIComponent(programId)}`,
  setup: () => '/setup',
  users: () => '/users',
  outbox: () => '/outbox',
  notifications: () => '/notifications',
  municipalities: () => '/municipalities',
  indicatorImport: () => '/indicators/import',
  indicatorCatalogue: () => '/indicators',
  publicReport: (token: string) => `/p/${encodeURIComponent(token)}`,
  password: () => '/password',
  security: () => '/security',
};

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  notify();
  if (!options.replace) window.scrollTo?.(0, 0);
}

export interface Location {
  pathname: string;
  search: string;
  /** pathname + search */
  href: string;
}

/** The current location; re-renders on navigation and back/forward. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot, () => '/');
  const q = href.indexOf('?');
  return { href, pathname: q < 0 ? href : href.slice(0, q), search: q < 0 ? '' : href.slice(q) };
}

/** A click that the router should handle (plain left click, no modifier, same tab). */
export function isPlainClick(event: {
  button: number;
  metaKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  defaultPrevented: boolean;
}): boolean {
  return !event.defaultPrevented && event.button === 0 && !event.metaKey && !event.altKey && !event.ctrlKey && !event.shiftKey;
}
