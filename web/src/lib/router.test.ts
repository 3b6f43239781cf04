import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from './router';

const id = '3f0b8a52-2a65-4d3c-9a4f-0d1c2b3a4e5f';

describe('matchRoute', () => {
  it('knows the app’s pages', () => {
    expect(matchRoute('/')).toEqual({ name: 'engagements' });
    expect(matchRoute('/portfolio/')).toEqual({ name: 'portfolio' });
    expect(matchRoute(`/engagements/${id}/roadmap`)).toEqual({ name: 'engagement', id, tab: 'roadmap' });
    expect(matchRoute(`/engagements/${id}`)).toEqual({ name: 'engagement', id, tab: null });
    expect(matchRoute('/reports/abc/print')).toEqual({ name: 'reports', rest: 'abc/print' });
    expect(matchRoute('/library')).toEqual({ name: 'library', rest: '' });
    expect(matchRoute('/reference')).toEqual({ name: 'reference' });
    expect(matchRoute('/programs')).toEqual({ name: 'programs' });
    expect(matchRoute(`/engagements/${id}/team`)).toEqual({ name: 'team', id });
    expect(matchRoute(paths.team(id))).toEqual({ name: 'team', id });
    expect(matchRoute(paths.engagement(id, 'analysis'))).toEqual({ name: 'engagement', id, tab: 'analysis' });
    expect(matchRoute(paths.indicatorImport())).toEqual({ name: 'indicatorImport' });
    expect(matchRoute(paths.indicatorCatalogue())).toEqual({ name: 'indicatorCatalogue' });
  });

  it('treats unknown tabs and paths as not found', () => {
    expect(matchRoute(`/engagements/${id}/budget`).name).toBe('notFound');
    expect(matchRoute('/admin').name).toBe('notFound');
  });

  it('only returns to same-site paths after sign-in', () => {
    expect(matchRoute('/login', '?next=%2Fportfolio&reason=expired')).toEqual({ name: 'login', next: '/portfolio', reason: 'expired' });
    expect(matchRoute('/login', '?next=https%3A%2F%2Fevil.example')).toMatchObject({ next: null });
    expect(matchRoute('/login', '?next=%2F%2Fevil.example')).toMatchObject({ next: null });
    expect(matchRoute('/login', '?reason=other')).toMatchObject({ next: null, reason: null });
  });
});

describe('paths', () => {
  it('builds the URLs the router reads', () => {
    expect(paths.engagement(id)).toBe(`/engagements/${id}/hearing`);
    expect(paths.login(`/engagements/${id}/tree`, 'expired')).toBe(`/login?next=%2Fengagements%2F${id}%2Ftree&reason=expired`);
    expect(paths.login('/')).toBe('/login');
    expect(matchRoute('/login', paths.login('/portfolio', 'signedOut').slice('/login'.length))).toEqual({
      name: 'login',
      next: '/portfolio',
      reason: 'signedOut',
    });
  });
});
