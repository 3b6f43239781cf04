import {
  NotificationIdParamsSchema,
  NotificationPageSchema,
  NotificationPreferencesSchema,
  NotificationReadAllSchema,
  NotificationSchema,
  NotificationsQuerySchema,
  UpdateNotificationPreferencesBodySchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import { problems } from '../../lib/problems.js';
import * as service from './notifications.service.js';

const tags = ['notifications'];

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const opts: service.NotifierOptions = {
    origin: app.config.PUBLIC_URL ?? `http://localhost:${app.config.PORT}`,
    clock: app.clock,
  };
  // An event waits the grace delay, then is re-checked and delivered; a failure is retried with backoff.
  app.jobs.define<service.NotifyEvent>(
    service.NOTIFY_EVENT_JOB,
    async (event) => {
      await service.runEvent(app.db.db, event, opts);
    },
    { delayMs: app.config.NOTIFY_GRACE_MS, retryLimit: 5, retryDelaySeconds: 30, retryBackoff: true },
  );
  // 08:00 in Japan: the reminders and the digests, once across the replicas (and harmless when re-run).
  app.jobs.define(
    service.NOTIFY_DAILY_JOB,
    async () => {
      const { delivered, digests } = await service.runDaily(app.db.db, opts);
      app.log.info({ delivered, digests }, 'daily notifications sent');
    },
    { cron: { expression: app.config.NOTIFY_DAILY_CRON, tz: 'Asia/Tokyo' }, retryLimit: 3, retryDelaySeconds: 300, expireInSeconds: 1_800 },
  );

  app.get(
    '/me/notifications',
    {
      schema: {
        tags,
        operationId: 'listNotifications',
        summary: "The caller's notifications, newest first (cursor-paginated), with the number unread",
        querystring: NotificationsQuerySchema,
        response: { 200: NotificationPageSchema, ...problems(400, 401) },
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await service.listNotifications(ctx(request), request.query)),
  );

  app.post(
    '/me/notifications/:id/read',
    {
      schema: {
        tags,
        operationId: 'readNotification',
        summary: 'Marks one of the caller’s notifications read',
        params: NotificationIdParamsSchema,
        response: { 200: NotificationSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => service.readNotification(ctx(request), request.params.id),
  );

  app.post(
    '/me/notifications/read-all',
    {
      schema: {
        tags,
        operationId: 'readAllNotifications',
        summary: 'Marks every notification of the caller read',
        response: { 200: NotificationReadAllSchema, ...problems(401, 403) },
      },
    },
    async (request) => service.readAllNotifications(ctx(request)),
  );

  app.get(
    '/me/notification-preferences',
    {
      schema: {
        tags,
        operationId: 'getNotificationPreferences',
        summary: "The caller's choice per notification kind: inbox, e-mail at once, or the daily digest",
        response: { 200: NotificationPreferencesSchema, ...problems(401) },
      },
    },
    async (request) => service.getPreferences(ctx(request)),
  );

  app.put(
    '/me/notification-preferences',
    {
      schema: {
        tags,
        operationId: 'updateNotificationPreferences',
        summary: 'Sets the caller’s choice for the kinds named (the others keep theirs)',
        body: UpdateNotificationPreferencesBodySchema,
        response: { 200: NotificationPreferencesSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => service.updatePreferences(ctx(request), request.body),
  );
};
