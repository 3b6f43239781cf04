import { ChangePasswordBodySchema, LoginBodySchema, MeSchema, OkSchema } from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, SESSION_COOKIE, sessionCookieOptions } from '../../plugins/auth.js';
import { Unauthorized } from '../../lib/errors.js';
import * as service from './auth.service.js';
import { problems } from '../../lib/problems.js';

const tags = ['auth'];

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
      const { email, password } = request.body;
      const now = app.clock.now();
      const secret = app.config.SESSION_SECRET;
      const throttle = {
        address: request.ip,
        maxPerAccount: app.config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
        maxPerAddress: app.config.LOGIN_MAX_FAILURES_PER_ADDRESS,
        windowMs: app.config.LOGIN_WINDOW_MINUTES * 60_000,
      };
      const { token, expiresAt } = await service.login(app.db.db, email, password, {
        ttlHours: app.config.SESSION_TTL_HOURS,
        secret,
        now,
        throttle,
      });
      const actor = await service.actorFromToken(app.db.db, token, secret, now);
      if (!actor) throw new Unauthorized();
      void reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt });
      return service.describeMe(actor);
    },
  );

  app.get('/auth/me', { schema: { tags, operationId: 'getMe', response: { 200: MeSchema, ...problems(401) } } }, async (request) =>
    service.describeMe(actorOf(request)),
  );

  app.post(
    '/auth/logout',
    {
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
};
