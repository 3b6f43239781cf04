/**
 * Accounts (issue 13): invitation → mail over a real in-process SMTP server → set password (strength
 * checked) → signed in; reused and expired links refused; deactivation revokes open sessions; the
 * users list pages; password change and reset; first-run setup on an empty database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/lib/clock.js';
import { prepare as prepareFirstRun } from '../../src/modules/users/first-run.js';
import { createTestContext, demo, DEMO_PASSWORD, type TestContext } from '../support/test-app.js';
import { startSmtp, type TestSmtp, waitFor } from '../support/smtp.js';

/** A clock the test moves forward. */
function movableClock(start = new Date('2025-12-01T03:00:00Z')) {
  let at = start.getTime();
  const clock: Clock & { advance(ms: number): void } = {
    now: () => new Date(at),
    today: () => new Date(at + 9 * 3_600_000).toISOString().slice(0, 10),
    advance: (ms) => {
      at += ms;
    },
  };
  return clock;
}

const STRONG = 'kawasemi-tsuyu-akari-2025!';
const linkIn = (text: string) => {
  const m = /https?:\/\/\S+\/(invite|reset)\/([A-Za-z0-9_-]{20,})/.exec(text);
  if (!m) throw new Error(`no link in: ${text}`);
  return { url: m[0], kind: m[1], token: m[2]! };
};
const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
  `banso_session=${res.cookies.find((c) => c.name === 'banso_session')!.value}`;

describe('invitations, over SMTP', () => {
  let smtp: TestSmtp;
  let ctx: TestContext;
  const clock = movableClock();
  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createTestContext({
      clock,
      env: { SMTP_URL: smtp.url, MAIL_POLL_MS: '200', PUBLIC_URL: 'https://banso.example.jp/' },
    });
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  const invite = async (email: string, extra: Record<string, unknown> = {}) => {
    const office = await ctx.login(demo.office);
    const res = await office.post('/api/invitations', {
      email,
      name: '招待 太郎',
      organizationKind: 'advisor_organization',
      organization: '地域包括ケア研究所',
      title: 'アドバイザー',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    const mail = await waitFor('the invitation at the SMTP server', () => smtp.received.find((m) => m.envelopeTo.includes(email)));
    return { created: res.json(), mail, link: linkIn(mail.mail.text ?? '') };
  };

  it('invite → mail received → weak password 400 naming body.password → accept → signed in → sign-in works', async () => {
    const { created, mail, link } = await invite('new.advisor@example.jp');
    expect(created.user).toMatchObject({ email: 'new.advisor@example.jp', status: 'pending', organizationKind: 'advisor_organization' });
    expect(mail.mail.subject).toContain('アカウント');
    expect(link.url.startsWith('https://banso.example.jp/invite/')).toBe(true);

    const shown = await ctx.anonymous.get(`/api/invitations/${link.token}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ kind: 'invitation', email: 'new.advisor@example.jp', name: '招待 太郎', status: 'valid' });

    for (const weak of ['password1234', 'short', 'new.advisor@example.jp']) {
      const res = await ctx.anonymous.post(`/api/invitations/${link.token}/accept`, { password: weak });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('body.password');
    }
    const accepted = await ctx.anonymous.post(`/api/invitations/${link.token}/accept`, { password: STRONG });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().user.email).toBe('new.advisor@example.jp');
    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(accepted) } });
    expect(me.statusCode).toBe(200);

    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'new.advisor@example.jp', password: STRONG },
    });
    expect(login.statusCode).toBe(200);

    // Reused: refused.
    const again = await ctx.anonymous.post(`/api/invitations/${link.token}/accept`, { password: `${STRONG}x` });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('invitation_used');
    expect((await ctx.anonymous.get(`/api/invitations/${link.token}`)).json().status).toBe('used');
    // Never issued: 404.
    expect((await ctx.anonymous.get('/api/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
  });

  it('a pending invitee cannot sign in; a municipal invitation needs its municipality (400 naming it)', async () => {
    const office = await ctx.login(demo.office);
    const res = await office.post('/api/invitations', { email: 'muni@example.jp', name: '区 職員', organizationKind: 'municipality' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.municipalityId');
    await invite('pending@example.jp');
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'pending@example.jp', password: STRONG },
    });
    expect(login.statusCode).toBe(401);
    // The same e-mail twice: 409.
    const dup = await office.post('/api/invitations', {
      email: 'pending@example.jp',
      name: 'x',
      organizationKind: 'advisor_organization',
      organization: 'y',
    });
    expect(dup.statusCode).toBe(409);
  });

  it('an expired link is refused (410 invitation_expired)', async () => {
    const { link } = await invite('late@example.jp');
    clock.advance(7 * 86_400_000 + 1000);
    try {
      expect((await ctx.anonymous.get(`/api/invitations/${link.token}`)).json().status).toBe('expired');
      const res = await ctx.anonymous.post(`/api/invitations/${link.token}/accept`, { password: STRONG });
      expect(res.statusCode).toBe(410);
      expect(res.json().code).toBe('invitation_expired');
    } finally {
      clock.advance(-(7 * 86_400_000 + 1000));
    }
  });

  it("deactivation: the user's open session gets 401 on its next request, sign-in is refused; reactivation lifts it (If-Match)", async () => {
    const office = await ctx.login(demo.office);
    const victim = await ctx.login(demo.kitano);
    expect((await victim.get('/api/auth/me')).statusCode).toBe(200);
    const list = await office.get('/api/users?limit=200');
    const user = list.json().items.find((u: { email: string }) => u.email === demo.kitano);
    expect(user.memberships.length).toBeGreaterThan(0);
    expect(user.lastSignInAt).not.toBeNull();

    expect((await office.post(`/api/users/${user.id}/deactivate`)).statusCode).toBe(428);
    expect((await office.post(`/api/users/${user.id}/deactivate`, undefined, { 'if-match': `"${user.version + 5}"` })).statusCode).toBe(
      412,
    );
    const off = await office.post(`/api/users/${user.id}/deactivate`, undefined, { 'if-match': `"${user.version}"` });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().status).toBe('deactivated');
    expect(off.headers.etag).toBe(`"${user.version + 1}"`);

    expect((await victim.get('/api/auth/me')).statusCode).toBe(401);
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: demo.kitano, password: DEMO_PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    // Not through a reset link either.
    expect((await office.post(`/api/users/${user.id}/reset`)).statusCode).toBe(409);

    const on = await office.post(`/api/users/${user.id}/reactivate`, undefined, { 'if-match': String(off.headers.etag) });
    expect(on.statusCode).toBe(200);
    expect(on.json().status).toBe('active');
    const back = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: demo.kitano, password: DEMO_PASSWORD } });
    expect(back.statusCode).toBe(200);
    // The office cannot deactivate itself.
    const self = list.json().items.find((u: { email: string }) => u.email === demo.office);
    expect((await office.post(`/api/users/${self.id}/deactivate`, undefined, { 'if-match': `"${self.version}"` })).json().code).toBe(
      'own_account',
    );
  });

  it('the users list pages by e-mail without gaps or repeats, and only the office reads it', async () => {
    const office = await ctx.login(demo.office);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await office.get(`/api/users?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page: { items: { email: string }[]; nextCursor: string | null } = res.json();
      seen.push(...page.items.map((u) => u.email));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    const all = (await office.get('/api/users?limit=200')).json().items.map((u: { email: string }) => u.email);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 4));
    expect([...all].sort()).toEqual(all);
    expect((await office.get('/api/users?cursor=bm9wZQ')).statusCode).toBe(400);
    expect((await (await ctx.login(demo.morikawa)).get('/api/users')).statusCode).toBe(403);
    expect((await ctx.anonymous.get('/api/users')).statusCode).toBe(401);
  });

  it('a reset link sets a new password and revokes every session; a password change checks the current one and revokes the others', async () => {
    const office = await ctx.login(demo.office);
    const { link } = await invite('resettable@example.jp');
    const accepted = await ctx.anonymous.post(`/api/invitations/${link.token}/accept`, { password: STRONG });
    const first = cookieOf(accepted);
    const user = (await office.get('/api/users?limit=200'))
      .json()
      .items.find((u: { email: string }) => u.email === 'resettable@example.jp');
    const before = smtp.received.length;
    expect((await office.post(`/api/users/${user.id}/reset`)).statusCode).toBe(202);
    const mail = await waitFor('the reset mail', () =>
      smtp.received.slice(before).find((m) => m.envelopeTo.includes('resettable@example.jp')),
    );
    const reset = linkIn(mail.mail.text ?? '');
    expect(reset.kind).toBe('reset');
    const done = await ctx.anonymous.post(`/api/invitations/${reset.token}/accept`, { password: 'hotaru-no-hikari-koyomi-77' });
    expect(done.statusCode, done.body).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first } })).statusCode).toBe(401);

    // Change: a second session, then change from the new one.
    const current = cookieOf(done);
    const csrf = done.json().csrfToken;
    const other = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'resettable@example.jp', password: 'hotaru-no-hikari-koyomi-77' },
    });
    const change = (body: unknown) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        payload: body as object,
        headers: { cookie: current, 'x-csrf-token': csrf },
      });
    const wrong = await change({ currentPassword: 'not-it-at-all', newPassword: 'sazanami-kagerou-tsubame-9' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('body.currentPassword');
    const weak = await change({ currentPassword: 'hotaru-no-hikari-koyomi-77', newPassword: 'password12345' });
    expect(weak.json().errors[0].path).toBe('body.newPassword');
    const ok = await change({ currentPassword: 'hotaru-no-hikari-koyomi-77', newPassword: 'sazanami-kagerou-tsubame-9' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: current } })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(other) } })).statusCode).toBe(401);
  });
});

describe('first run (empty database, SEED_DEMO=never)', () => {
  let ctx: TestContext;
  let token: string | null;
  beforeAll(async () => {
    ctx = await createTestContext({ empty: true, env: { SEED_DEMO: 'never' } });
    token = await prepareFirstRun(ctx.app);
  });
  afterAll(() => ctx.close());

  it('answers 503 setup_required elsewhere; POST /api/setup with the token → 201 signed in; a second time 409', async () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect((await ctx.anonymous.get('/api/setup')).json()).toEqual({ needed: true });
    const blocked = await ctx.anonymous.get('/api/engagements');
    expect(blocked.statusCode).toBe(503);
    expect(blocked.json().code).toBe('setup_required');
    expect((await ctx.anonymous.post('/api/auth/login', { email: 'a@example.jp', password: 'x' })).statusCode).toBe(503);
    expect((await ctx.anonymous.get('/api/health')).statusCode).toBe(200);

    const body = { email: 'Office@Pref.example.jp', name: '山田 花子', organization: '東京都 福祉局', password: STRONG };
    expect((await ctx.anonymous.post('/api/setup', { ...body, token: 'x'.repeat(43) })).statusCode).toBe(403);
    const weak = await ctx.anonymous.post('/api/setup', { ...body, token, password: 'password1234' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].path).toBe('body.password');
    const made = await ctx.anonymous.post('/api/setup', { ...body, token });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().user).toMatchObject({ email: 'office@pref.example.jp', isProgramOffice: true, organization: '東京都 福祉局' });
    const programs = await ctx.app.inject({ method: 'GET', url: '/api/programs', headers: { cookie: cookieOf(made) } });
    expect(programs.statusCode).toBe(200);
    expect((await ctx.anonymous.get('/api/setup')).json()).toEqual({ needed: false });
    const again = await ctx.anonymous.post('/api/setup', { ...body, email: 'other@example.jp', token });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('setup_done');
    expect((await ctx.anonymous.get('/api/engagements')).statusCode).toBe(401);
  });
});
