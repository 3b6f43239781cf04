import {
  ChangePasswordBodySchema,
  LoginBodySchema,
  MeSchema,
  OkSchema,
  RecoveryCodesSchema,
  TotpConfirmBodySchema,
  TotpDisableBodySchema,
  TotpEnrolmentSchema,
} from '@banso/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, SESSION_COOKIE, sessionCookieOptions } from '../../plugins/auth.js';
import { Unauthorized } from '../../lib/errors.js';
import * as service from './auth.service.js';
import * as totp from './totp.service.js';
import { problems } from '../../lib/problems.js';

const tags = ['auth'];

/** Wrong passwords and codes of a signed-in user count like failed sign-ins. */
const throttleOf = (app: FastifyInstance, request: FastifyRequest): service.LoginThrottle => ({
  address: request.ip,
  maxPerAccount: app.config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
  maxPerAddress: app.config.LOGIN_MAX_FAILURES_PER_ADDRESS,
  windowMs: app.config.LOGIN_WINDOW_MINUTES * 60_000,
});

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const cookieOptions = sessionCookieOptions(app);

  app.post(
    '/auth/login',
    {
      // Failed attempts are throttled per account and per address in the database (auth.service.ts).
      config: { public: true },
      schema: {
        tags,
        operationId: 'login',
        security: [],
        body: LoginBodySchema,
        response: { 200: MeSchema, ...problems(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const now = app.clock.now();
      const secret = app.config.SESSION_SECRET;
      const { token, expiresAt } = await service.login(app.db.db, request.body, {
        ttlHours: app.config.SESSION_TTL_HOURS,
        secret,
        now,
        throttle: throttleOf(app, request),
        totp: app.config,
      });
      const actor = await service.actorFromToken(app.db.db, token, secret, now);
      if (!actor) throw new Unauthorized();
      void reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt });
      return service.describeMe(app.db.db, actor);
    },
  );

  app.get(
    '/auth/me',
    { config: { openDuringEnrolment: true }, schema: { tags, operationId: 'getMe', response: { 200: MeSchema, ...problems(401) } } },
    async (request) => service.describeMe(app.db.db, actorOf(request)),
  );

  app.post(
    '/auth/logout',
    {
      config: { openDuringEnrolment: true },
      schema: { tags, operationId: 'logout', response: { 200: OkSchema, ...problems(401, 403) } },
    },
    async (request, reply) => {
      await service.logout(app.db.db, actorOf(request));
      void reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags,
        operationId: 'changePassword',
        summary: "Change one's own password (current + new, same strength rules); every other session is revoked",
        body: ChangePasswordBodySchema,
        response: { 200: OkSchema, ...problems(400, 401, 403, 429) },
      },
    },
    async (request) => {
      await service.changePassword(app.db.db, actorOf(request), request.body, {
        now: app.clock.now(),
        throttle: {
          address: request.ip,
          maxPerAccount: app.config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
          maxPerAddress: app.config.LOGIN_MAX_FAILURES_PER_ADDRESS,
          windowMs: app.config.LOGIN_WINDOW_MINUTES * 60_000,
        },
      });
      return { ok: true as const };
    },
  );

  // ── Two-factor sign-in (TOTP) of the signed-in user ──
  const totpOptions = (request: FastifyRequest) => ({ now: app.clock.now(), throttle: throttleOf(app, request), totp: app.config });

  app.post(
    '/auth/totp/enrolment',
    {
      config: { openDuringEnrolment: true },
      schema: {
        tags,
        operationId: 'startTotpEnrolment',
        summary:
          'Start enrolling in two-factor sign-in: a new secret (QR code, otpauth URI, grouped for typing); not in force until confirmed. 409 when on',
        response: { 200: TotpEnrolmentSchema, ...problems(401, 403, 409) },
      },
    },
    async (request) => totp.startEnrolment(app.db.db, app.config, actorOf(request).id),
  );

  app.post(
    '/auth/totp/enrolment/confirm',
    {
      config: { openDuringEnrolment: true },
      schema: {
        tags,
        operationId: 'confirmTotpEnrolment',
        summary: 'Turn two-factor sign-in on with a current code; answers the recovery codes, shown this once (throttled)',
        body: TotpConfirmBodySchema,
        response: { 200: RecoveryCodesSchema, ...problems(400, 401, 403, 409, 429) },
      },
    },
    async (request) => service.confirmTwoFactor(app.db.db, actorOf(request), request.body.code, totpOptions(request)),
  );

  app.post(
    '/auth/totp/recovery-codes',
    {
      schema: {
        tags,
        operationId: 'renewRecoveryCodes',
        summary: 'New recovery codes for a current code; the earlier ones stop working (throttled)',
        body: TotpConfirmBodySchema,
        response: { 200: RecoveryCodesSchema, ...problems(400, 401, 403, 409, 429) },
      },
    },
    async (request) => service.renewRecoveryCodes(app.db.db, actorOf(request), request.body.code, totpOptions(request)),
  );

  app.post(
    '/auth/totp/disable',
    {
      schema: {
        tags,
        operationId: 'disableTotp',
        summary: 'Turn two-factor sign-in off: the password and a current code (throttled); secret and recovery codes are deleted',
        body: TotpDisableBodySchema,
        response: { 200: OkSchema, ...problems(400, 401, 403, 409, 429) },
      },
    },
    async (request) => {
      await service.disableTwoFactor(app.db.db, actorOf(request), request.body, totpOptions(request));
      return { ok: true as const };
    },
  );
};
