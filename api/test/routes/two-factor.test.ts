/**
 * Two-factor sign-in (issue 13 item 3): invitation → mail over a real in-process SMTP server → password →
 * signed in → TOTP enrolment (codes computed here with otplib from the secret) → the next sign-in needs the
 * code; wrong codes refused and counted; a replayed code refused; recovery codes once only; the program's
 * requirement shuts everything but enrolment; disabling needs the password and a code.
 */
import { and, count, eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginFailures, users } from '../../src/db/schema/index.js';
import type { Clock } from '../../src/lib/clock.js';
import { openSecret, sealSecret, totpKeyOf } from '../../src/modules/auth/totp.service.js';
import { createTestContext, demo, type Session, type TestContext } from '../support/test-app.js';
import { startSmtp, type TestSmtp, waitFor } from '../support/smtp.js';

/** A clock the test moves forward (30 s = one TOTP step). */
function movableClock(start = new Date('2025-12-01T03:00:05Z')) {
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

const STRONG = 'hototogisu-yuudachi-kaede-2025!';
const STEP = 30_000;

describe('two-factor sign-in', () => {
  let smtp: TestSmtp;
  let ctx: TestContext;
  const clock = movableClock();
  /** The code of `secret` at the test clock, `offset` steps away. */
  const codeAt = (secret: string, offset = 0) => generate({ secret, epoch: Math.floor((clock.now().getTime() + offset * STEP) / 1000) });

  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createTestContext({
      clock,
      env: {
        SMTP_URL: smtp.url,
        MAIL_POLL_MS: '200',
        PUBLIC_URL: 'https://banso.example.jp',
        TOTP_KEY: 'a'.repeat(64),
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '12',
      },
    });
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  const login = (payload: Record<string, unknown>) => ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload });
  const sessionOf = (res: { cookies: { name: string; value: string }[]; json(): unknown }, email: string): Session => {
    const cookie = `banso_session=${res.cookies.find((c) => c.name === 'banso_session')!.value}`;
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    const request: Session['request'] = (o) => ctx.app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } });
    const body = (method: 'POST' | 'PUT' | 'PATCH') => (url: string, payload?: unknown, headers?: Record<string, string>) =>
      request({ method, url, ...(payload === undefined ? {} : { payload: payload as string }), ...(headers ? { headers } : {}) });
    return {
      email,
      cookie,
      csrf,
      userId: '',
      request,
      get: (url, headers) => request({ method: 'GET', url, ...(headers ? { headers } : {}) }),
      post: body('POST'),
      put: body('PUT'),
      patch: body('PATCH'),
      delete: (url, headers) => request({ method: 'DELETE', url, ...(headers ? { headers } : {}) }),
    };
  };
  const failuresOf = async (email: string) => {
    const [row] = await ctx.database.db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.account, email)));
    return row?.n ?? 0;
  };
  /** Enrols the signed-in session: answers the secret and the recovery codes. */
  const enrol = async (session: Session) => {
    const started = await session.post('/api/auth/totp/enrolment');
    expect(started.statusCode, started.body).toBe(200);
    const enrolment = started.json();
    const secret = (enrolment.secretGroups as string[]).join('');
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrolment.uri).toContain(`secret=${secret}`);
    expect(enrolment.qrSvg).toContain('<svg');
    const confirmed = await session.post('/api/auth/totp/enrolment/confirm', { code: await codeAt(secret) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return { secret, recoveryCodes: confirmed.json().recoveryCodes as string[] };
  };

  it('invitation over SMTP → password → enrol → next sign-in needs the code; wrong counted, replay refused, recovery once', async () => {
    const email = 'two.factor@example.jp';
    const office = await ctx.login(demo.office);
    const invited = await office.post('/api/invitations', {
      email,
      name: '二段 認証',
      organizationKind: 'advisor_organization',
      organization: '地域包括ケア研究所',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const mail = await waitFor('the invitation at the SMTP server', () => smtp.received.find((m) => m.envelopeTo.includes(email)));
    const token = /\/invite\/([A-Za-z0-9_-]{20,})/.exec(mail.mail.text ?? '')![1]!;
    const accepted = await ctx.anonymous.post(`/api/invitations/${token}/accept`, { password: STRONG });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().twoFactor).toEqual({ enabled: false, required: false, enrolmentRequired: false, recoveryCodesLeft: 0 });
    const session = sessionOf(accepted, email);

    // Not in force before it is confirmed: a wrong confirmation code is 400 naming body.code, and sign-in still needs no code.
    const started = await session.post('/api/auth/totp/enrolment');
    const pendingSecret = (started.json().secretGroups as string[]).join('');
    const wrongConfirm = await session.post('/api/auth/totp/enrolment/confirm', { code: '000000' });
    expect(wrongConfirm.statusCode).toBe(400);
    expect(wrongConfirm.json().errors[0].path).toBe('body.code');
    expect((await login({ email, password: STRONG })).statusCode).toBe(200);
    expect(pendingSecret).toMatch(/^[A-Z2-7]{32}$/);

    clock.advance(STEP);
    const { secret, recoveryCodes } = await enrol(session);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const me = (await session.get('/api/auth/me')).json();
    expect(me.twoFactor).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    // Stored sealed: the database holds no plain secret; the key opens it, for this user only.
    const [row] = await ctx.database.db.select().from(users).where(eq(users.email, email));
    expect(row!.totpSecret).not.toContain(secret);
    expect(openSecret(totpKeyOf(ctx.app.config), row!.id, row!.totpSecret!)).toBe(secret);
    expect(openSecret(totpKeyOf(ctx.app.config), '00000000-0000-4000-8000-000000000000', row!.totpSecret!)).toBe(null);
    expect(sealSecret(totpKeyOf(ctx.app.config), row!.id, secret)).not.toBe(row!.totpSecret);

    // The password alone: 401 totp_required, no session, not a failed attempt.
    const before = await failuresOf(email);
    const passwordOnly = await login({ email, password: STRONG });
    expect(passwordOnly.statusCode).toBe(401);
    expect(passwordOnly.json().code).toBe('totp_required');
    expect(passwordOnly.cookies.find((c) => c.name === 'banso_session')).toBeUndefined();
    expect(await failuresOf(email)).toBe(before);
    // A wrong password with a right code is still a wrong password.
    clock.advance(STEP);
    expect((await login({ email, password: 'wrong-password-entirely', code: await codeAt(secret) })).json().code).toBe('unauthorized');
    // A wrong code: 401 totp_invalid, counted.
    const wrong = await login({ email, password: STRONG, code: '123456' === (await codeAt(secret)) ? '654321' : '123456' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('totp_invalid');
    expect(wrong.cookies.find((c) => c.name === 'banso_session')).toBeUndefined();
    expect(await failuresOf(email)).toBe(before + 2);

    // The current code signs in; the same code again (same step) is refused; so is the previous step's.
    const code = await codeAt(secret);
    const ok = await login({ email, password: STRONG, code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.cookies.find((c) => c.name === 'banso_session')).toBeDefined();
    const replay = await login({ email, password: STRONG, code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('totp_invalid');
    expect((await login({ email, password: STRONG, code: await codeAt(secret, -1) })).json().code).toBe('totp_invalid');
    // ±1 step of drift: a phone one step ahead is accepted (the next step is still unused).
    expect((await login({ email, password: STRONG, code: await codeAt(secret, 1) })).statusCode).toBe(200);
    // Two steps off: refused.
    clock.advance(3 * STEP);
    expect((await login({ email, password: STRONG, code: await codeAt(secret, 2) })).json().code).toBe('totp_invalid');
    // Spaces are tolerated (as apps show "123 456").
    const spaced = await codeAt(secret);
    expect((await login({ email, password: STRONG, code: `${spaced.slice(0, 3)} ${spaced.slice(3)}` })).statusCode).toBe(200);

    // A recovery code works in place of a code, once; any case, with or without dashes.
    const recovery = recoveryCodes[0]!;
    const byRecovery = await login({ email, password: STRONG, code: recovery.toLowerCase().replace(/-/g, '') });
    expect(byRecovery.statusCode, byRecovery.body).toBe(200);
    expect(byRecovery.json().twoFactor.recoveryCodesLeft).toBe(9);
    const recoveryAgain = await login({ email, password: STRONG, code: recovery });
    expect(recoveryAgain.statusCode).toBe(401);
    expect(recoveryAgain.json().code).toBe('totp_invalid');

    // Enrolling again while on: 409.
    const restart = await session.post('/api/auth/totp/enrolment');
    expect(restart.statusCode).toBe(409);
    expect(restart.json().code).toBe('totp_already_enabled');

    // New recovery codes replace the old ones.
    clock.advance(STEP);
    const renewed = await session.post('/api/auth/totp/recovery-codes', { code: await codeAt(secret) });
    expect(renewed.statusCode, renewed.body).toBe(200);
    clock.advance(STEP);
    expect((await login({ email, password: STRONG, code: recoveryCodes[1]! })).json().code).toBe('totp_invalid');
    expect((await login({ email, password: STRONG, code: renewed.json().recoveryCodes[0] })).statusCode).toBe(200);

    // The users list says who has two-factor on.
    const list = await office.get('/api/users?limit=200');
    const listed = (list.json().items as { email: string; twoFactor: boolean }[]).find((u) => u.email === email);
    expect(listed?.twoFactor).toBe(true);
    expect((list.json().items as { email: string; twoFactor: boolean }[]).find((u) => u.email === demo.office)?.twoFactor).toBe(false);

    // Disabling needs the password and a current code: each wrong one is 400 naming its field, and counted.
    clock.advance(STEP);
    const counted = await failuresOf(email);
    const badPassword = await session.post('/api/auth/totp/disable', { password: 'not-my-password', code: await codeAt(secret) });
    expect(badPassword.statusCode).toBe(400);
    expect(badPassword.json().errors[0].path).toBe('body.password');
    const badCode = await session.post('/api/auth/totp/disable', { password: STRONG, code: '000000' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().errors[0].path).toBe('body.code');
    expect(await failuresOf(email)).toBe(counted + 2);
    const missing = await session.post('/api/auth/totp/disable', { password: STRONG });
    expect(missing.statusCode).toBe(400);
    const disabled = await session.post('/api/auth/totp/disable', { password: STRONG, code: await codeAt(secret) });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect((await login({ email, password: STRONG })).statusCode).toBe(200);
    expect((await session.post('/api/auth/totp/disable', { password: STRONG, code: await codeAt(secret) })).json().code).toBe(
      'totp_not_enabled',
    );
  });

  it('wrong codes run into the sign-in throttle (429)', async () => {
    const email = 'throttled@example.jp';
    const office = await ctx.login(demo.office);
    await office.post('/api/invitations', { email, name: '制限 太郎', organizationKind: 'advisor_organization', organization: '研究所' });
    const mail = await waitFor('the invitation', () => smtp.received.find((m) => m.envelopeTo.includes(email)));
    const token = /\/invite\/([A-Za-z0-9_-]{20,})/.exec(mail.mail.text ?? '')![1]!;
    const session = sessionOf(await ctx.anonymous.post(`/api/invitations/${token}/accept`, { password: STRONG }), email);
    clock.advance(STEP);
    const { secret } = await enrol(session);
    const limit = ctx.app.config.LOGIN_MAX_FAILURES_PER_ACCOUNT;
    for (let i = 0; i < limit; i++) expect((await login({ email, password: STRONG, code: '000000' })).statusCode).toBe(401);
    clock.advance(STEP);
    const blocked = await login({ email, password: STRONG, code: await codeAt(secret) });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('rate_limited');
    clock.advance(ctx.app.config.LOGIN_WINDOW_MINUTES * 60_000 + 1000);
    expect((await login({ email, password: STRONG, code: await codeAt(secret) })).statusCode).toBe(200);
  });

  it('a reset link of an account with two-factor on needs the code too', async () => {
    const email = 'reset.two@example.jp';
    const office = await ctx.login(demo.office);
    const invited = await office.post('/api/invitations', {
      email,
      name: '再設定 花子',
      organizationKind: 'advisor_organization',
      organization: '研究所',
    });
    const mail = await waitFor('the invitation', () => smtp.received.find((m) => m.envelopeTo.includes(email)));
    const token = /\/invite\/([A-Za-z0-9_-]{20,})/.exec(mail.mail.text ?? '')![1]!;
    const session = sessionOf(await ctx.anonymous.post(`/api/invitations/${token}/accept`, { password: STRONG }), email);
    clock.advance(STEP);
    const { secret } = await enrol(session);
    expect((await office.post(`/api/users/${invited.json().user.id}/reset`)).statusCode).toBe(202);
    const resetMail = await waitFor('the reset mail', () =>
      smtp.received.find((m) => m.envelopeTo.includes(email) && /\/reset\//.test(m.mail.text ?? '')),
    );
    const resetToken = /\/reset\/([A-Za-z0-9_-]{20,})/.exec(resetMail.mail.text ?? '')![1]!;
    const NEW = 'sazanami-hotaru-kogarashi-2026!';
    const noCode = await ctx.anonymous.post(`/api/invitations/${resetToken}/accept`, { password: NEW });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('totp_required');
    // The link is not used up by the refusal.
    expect((await ctx.anonymous.get(`/api/invitations/${resetToken}`)).json().status).toBe('valid');
    clock.advance(STEP);
    const withCode = await ctx.anonymous.post(`/api/invitations/${resetToken}/accept`, { password: NEW, code: await codeAt(secret) });
    expect(withCode.statusCode, withCode.body).toBe(200);
    clock.advance(STEP);
    expect((await login({ email, password: NEW, code: await codeAt(secret) })).statusCode).toBe(200);
  });

  it('the program requirement: office accounts without two-factor reach only enrolment, sign-out and me until they enrol', async () => {
    const office = await ctx.login(demo.office);
    const requirement = await office.get('/api/users/two-factor-requirement');
    expect(requirement.statusCode).toBe(200);
    expect(requirement.json().required).toBe(false);
    const etag = requirement.headers.etag as string;
    // If-Match: 428 missing; turning it on needs two-factor on for oneself first.
    expect((await office.put('/api/users/two-factor-requirement', { required: true })).statusCode).toBe(428);
    const notEnrolled = await office.put('/api/users/two-factor-requirement', { required: true }, { 'if-match': etag });
    expect(notEnrolled.statusCode).toBe(409);
    expect(notEnrolled.json().code).toBe('totp_not_enabled');
    // Only the program office.
    expect(
      (await (await ctx.login(demo.morikawa)).put('/api/users/two-factor-requirement', { required: true }, { 'if-match': etag }))
        .statusCode,
    ).toBe(403);

    // A second office account of the same program, invited and signed in without two-factor.
    const colleagueEmail = 'office.two@example.jp';
    const invited = await office.post('/api/invitations', {
      email: colleagueEmail,
      name: '事務局 次郎',
      organizationKind: 'program_office',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const mail = await waitFor('the invitation', () => smtp.received.find((m) => m.envelopeTo.includes(colleagueEmail)));
    const token = /\/invite\/([A-Za-z0-9_-]{20,})/.exec(mail.mail.text ?? '')![1]!;
    const colleague = sessionOf(await ctx.anonymous.post(`/api/invitations/${token}/accept`, { password: STRONG }), colleagueEmail);

    clock.advance(STEP);
    const own = await enrol(office);
    const on = await office.put('/api/users/two-factor-requirement', { required: true }, { 'if-match': etag });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().required).toBe(true);
    expect(on.headers.etag).not.toBe(etag);
    // Stale: 412.
    expect((await office.put('/api/users/two-factor-requirement', { required: false }, { 'if-match': etag })).statusCode).toBe(412);
    // The enrolled office account works on.
    expect((await office.get('/api/users')).statusCode).toBe(200);

    // The colleague: me says enrolment is required; everything else 403 totp_enrolment_required.
    const me = await colleague.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().twoFactor).toMatchObject({ enabled: false, required: true, enrolmentRequired: true });
    for (const url of ['/api/users', '/api/engagements', '/api/users/two-factor-requirement']) {
      const res = await colleague.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('totp_enrolment_required');
    }
    expect((await colleague.post('/api/auth/password', { currentPassword: STRONG, newPassword: `${STRONG}x` })).json().code).toBe(
      'totp_enrolment_required',
    );
    // Other accounts (not program office) are not concerned.
    expect((await (await ctx.login(demo.morikawa)).get('/api/engagements')).statusCode).toBe(200);
    // Signing in again: still the password alone (no code exists yet), and still only enrolment.
    expect((await login({ email: colleagueEmail, password: STRONG })).json().twoFactor.enrolmentRequired).toBe(true);
    // Enrolment opens the rest.
    clock.advance(STEP);
    await enrol(colleague);
    expect((await colleague.get('/api/users')).statusCode).toBe(200);
    expect((await colleague.get('/api/auth/me')).json().twoFactor).toMatchObject({ enabled: true, enrolmentRequired: false });

    // The office resets the colleague's two-factor (lost phone): sessions revoked, enrolment required again.
    const listed = (await office.get('/api/users?limit=200')).json().items.find((u: { email: string }) => u.email === colleagueEmail);
    expect((await office.post(`/api/users/${listed.id}/two-factor/reset`)).statusCode).toBe(428);
    const reset = await office.post(`/api/users/${listed.id}/two-factor/reset`, undefined, { 'if-match': `"${listed.version}"` });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().twoFactor).toBe(false);
    expect((await colleague.get('/api/auth/me')).statusCode).toBe(401);
    const again = await login({ email: colleagueEmail, password: STRONG });
    expect(again.statusCode).toBe(200);
    expect(again.json().twoFactor.enrolmentRequired).toBe(true);
    const colleagueAgain = sessionOf(again, colleagueEmail);
    expect((await colleagueAgain.get('/api/users')).json().code).toBe('totp_enrolment_required');

    // Lifting the requirement.
    clock.advance(STEP);
    const off = await office.put('/api/users/two-factor-requirement', { required: false }, { 'if-match': on.headers.etag as string });
    expect(off.statusCode, off.body).toBe(200);
    expect((await colleagueAgain.get('/api/users')).statusCode).toBe(200);
    expect(own.recoveryCodes).toHaveLength(10);
  });
});
