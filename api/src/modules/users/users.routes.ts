import {
  AcceptInvitationBodySchema,
  InvitationBodySchema,
  InvitationCreatedSchema,
  InvitationSchema,
  MeSchema,
  SetupBodySchema,
  SetupStatusSchema,
  TokenParamsSchema,
  TwoFactorRequirementBodySchema,
  TwoFactorRequirementSchema,
  UserIdParamsSchema,
  UsersPageSchema,
  UsersQuerySchema,
  UserSummarySchema,
} from '@banso/shared';
import { fiscalYearOf } from '@banso/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctx } from '../../lib/context.js';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import { Forbidden, NotFound, Unauthorized } from '../../lib/errors.js';
import { problems } from '../../lib/problems.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../../plugins/auth.js';
import * as auth from '../auth/auth.service.js';
import * as firstRun from './first-run.js';
import * as service from './users.service.js';

const tags = ['users'];

/** Links in e-mails point at PUBLIC_URL, or at the origin the office used. */
const originOf = (app: FastifyInstance, request: FastifyRequest) => app.config.PUBLIC_URL ?? `${request.protocol}://${request.host}`;

/** Public one-time-link and setup routes are throttled like sign-in: refused guesses count per link and per address. */
const throttleOf = (app: FastifyInstance, request: FastifyRequest): auth.LoginThrottle => ({
  address: request.ip,
  maxPerAccount: app.config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
  maxPerAddress: app.config.LOGIN_MAX_FAILURES_PER_ADDRESS,
  windowMs: app.config.LOGIN_WINDOW_MINUTES * 60_000,
});

/** Signs the user in (accepted link, first-run setup): the session cookie and the Me answer. */
async function signIn(app: FastifyInstance, reply: FastifyReply, userId: string) {
  const now = app.clock.now();
  const secret = app.config.SESSION_SECRET;
  const { token, expiresAt } = await auth.createSession(app.db.db, userId, { ttlHours: app.config.SESSION_TTL_HOURS, secret, now });
  const actor = await auth.actorFromToken(app.db.db, token, secret, now);
  if (!actor) throw new Unauthorized();
  void reply.setCookie(SESSION_COOKIE, token, { ...sessionCookieOptions(app), expires: expiresAt });
  return auth.describeMe(app.db.db, actor);
}

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const linkOptions = (request: FastifyRequest, kind: 'invitation' | 'reset') => ({
    origin: originOf(app, request),
    ttlMs: kind === 'invitation' ? app.config.INVITATION_TTL_DAYS * 86_400_000 : app.config.RESET_TTL_HOURS * 3_600_000,
  });

  app.post(
    '/invitations',
    {
      schema: {
        tags,
        operationId: 'createInvitation',
        summary: 'Invite a person by e-mail (program office): a pending account and a one-time link, valid INVITATION_TTL_DAYS',
        body: InvitationBodySchema,
        response: { 201: InvitationCreatedSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { token: _token, ...created } = await service.invite(ctx(request), request.body, linkOptions(request, 'invitation'));
      return reply.code(201).send(created);
    },
  );

  const linkGuard = (request: FastifyRequest, token: string) => (attempt: () => Promise<unknown>) =>
    auth.withLoginThrottle(
      app.db.db,
      `link:${service.tokenHashOf(token).slice(0, 32)}`,
      throttleOf(app, request),
      app.clock.now(),
      attempt,
      (err) => err instanceof NotFound,
    );

  app.get(
    '/invitations/:token',
    {
      config: { public: true },
      schema: {
        tags,
        operationId: 'getInvitation',
        summary: 'Who a one-time link (invitation or reset) is for and whether it still works (public, throttled)',
        security: [],
        params: TokenParamsSchema,
        response: { 200: InvitationSchema, ...problems(400, 404, 429) },
      },
    },
    async (request) => {
      let result: z.infer<typeof InvitationSchema> | undefined;
      await linkGuard(
        request,
        request.params.token,
      )(async () => {
        result = await service.describeToken(app.db.db, request.params.token, app.clock.now());
      });
      return result!;
    },
  );

  app.post(
    '/invitations/:token/accept',
    {
      config: { public: true },
      schema: {
        tags,
        operationId: 'acceptInvitation',
        summary: 'Set the password through a one-time link and sign in (public, throttled); 409 used, 410 expired',
        security: [],
        params: TokenParamsSchema,
        body: AcceptInvitationBodySchema,
        response: { 200: MeSchema, ...problems(400, 401, 404, 409, 410, 429) },
      },
    },
    async (request, reply) => {
      let userId = '';
      await linkGuard(
        request,
        request.params.token,
      )(async () => {
        userId = await service.acceptToken(app.db.db, request.params.token, request.body, app.clock.now(), app.config);
      });
      return signIn(app, reply, userId);
    },
  );

  app.get(
    '/users',
    {
      schema: {
        tags,
        operationId: 'listUsers',
        summary: 'Every account with organization, status, memberships and last sign-in, by e-mail (program office)',
        querystring: UsersQuerySchema,
        response: { 200: UsersPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => service.listUsers(ctx(request), request.query),
  );

  for (const [path, active, operationId] of [
    ['deactivate', false, 'deactivateUser'],
    ['reactivate', true, 'reactivateUser'],
  ] as const)
    app.post(
      `/users/:userId/${path}`,
      {
        schema: {
          tags,
          operationId,
          summary: active
            ? 'Lift a deactivation (program office; If-Match)'
            : 'Deactivate an account: sign-in refused, every session revoked at once (program office; If-Match)',
          params: UserIdParamsSchema,
          response: { 200: UserSummarySchema, ...problems(400, 401, 403, 404, 409, 412, 428) },
        },
      },
      async (request, reply) => {
        const user = await service.setActive(ctx(request), request.params.userId, () => requireIfMatch(request), active);
        setEtag(reply, user.version);
        return user;
      },
    );

  app.post(
    '/users/:userId/reset',
    {
      schema: {
        tags,
        operationId: 'sendPasswordReset',
        summary: 'E-mail a one-time password-reset link (a pending invitee gets a new invitation) (program office)',
        params: UserIdParamsSchema,
        response: { 202: z.object({ expiresAt: z.string(), mailId: z.uuid() }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await service.sendReset(ctx(request), request.params.userId, linkOptions(request, 'reset'))),
  );

  // ── Two-factor sign-in: the program's requirement; turning it off for someone ──
  app.get(
    '/users/two-factor-requirement',
    {
      schema: {
        tags,
        operationId: 'getTwoFactorRequirement',
        summary: "Whether the office's program requires two-factor sign-in of its program-office accounts (program office; ETag)",
        response: { 200: TwoFactorRequirementSchema, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const requirement = await service.getTwoFactorRequirement(ctx(request));
      setEtag(reply, requirement.version);
      return requirement;
    },
  );

  app.put(
    '/users/two-factor-requirement',
    {
      schema: {
        tags,
        operationId: 'setTwoFactorRequirement',
        summary:
          'Require two-factor sign-in of the program-office accounts, or stop (program office; If-Match). 409 totp_not_enabled: enrol yourself first',
        body: TwoFactorRequirementBodySchema,
        response: { 200: TwoFactorRequirementSchema, ...problems(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      const requirement = await service.setTwoFactorRequirement(ctx(request), request.body, () => requireIfMatch(request));
      setEtag(reply, requirement.version);
      return requirement;
    },
  );

  app.post(
    '/users/:userId/two-factor/reset',
    {
      schema: {
        tags,
        operationId: 'resetTwoFactor',
        summary:
          "Turn someone's two-factor sign-in off (lost phone and recovery codes): sessions revoked, they enrol again (program office; If-Match)",
        params: UserIdParamsSchema,
        response: { 200: UserSummarySchema, ...problems(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      const user = await service.resetTwoFactor(ctx(request), request.params.userId, () => requireIfMatch(request));
      setEtag(reply, user.version);
      return user;
    },
  );

  // ── First run ──
  app.get(
    '/setup',
    {
      config: { public: true },
      schema: {
        tags,
        operationId: 'getSetupStatus',
        summary: 'Whether the first program-office account still has to be created (first run)',
        security: [],
        response: { 200: SetupStatusSchema },
      },
    },
    async () => ({ needed: await firstRun.isNeeded(app) }),
  );

  app.post(
    '/setup',
    {
      config: { public: true },
      schema: {
        tags,
        operationId: 'completeSetup',
        summary: 'Create the first program-office account with the one-time token from the server log, and sign in; 409 once done',
        security: [],
        body: SetupBodySchema,
        response: { 201: MeSchema, ...problems(400, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      let userId = '';
      await auth.withLoginThrottle(
        app.db.db,
        `setup:${request.ip}`,
        throttleOf(app, request),
        app.clock.now(),
        async () => {
          userId = await firstRun.complete(app, body, fiscalYearOf(app.clock.today()));
        },
        (err) => err instanceof Forbidden,
      );
      return reply.code(201).send(await signIn(app, reply, userId));
    },
  );
};
