import { MailOutboxPageSchema, MailOutboxQuerySchema } from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../lib/problems.js';
import { actorOf } from '../../plugins/auth.js';
import * as service from './mail.service.js';

export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  // With SMTP configured, this process delivers queued messages; without, they stay in the outbox.
  if (app.config.SMTP_URL) {
    const dispatcher = service.startMailDispatcher({
      db: app.db.db,
      smtpUrl: app.config.SMTP_URL,
      from: app.config.MAIL_FROM,
      pollMs: app.config.MAIL_POLL_MS,
      maxAttempts: app.config.MAIL_MAX_ATTEMPTS,
      log: app.log,
    });
    app.addHook('onClose', () => dispatcher.stop());
  }

  app.get(
    '/mail/outbox',
    {
      schema: {
        tags: ['mail'],
        operationId: 'listMailOutbox',
        summary:
          'E-mails the app queued or sent (invitations, resets), newest first: the program office reads them when no SMTP is configured',
        querystring: MailOutboxQuerySchema,
        response: { 200: MailOutboxPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => service.listOutbox(app.db.db, actorOf(request), request.query),
  );
};
