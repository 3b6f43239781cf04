import type { OutgoingHttpHeaders } from 'node:http';
import { EngagementEventListSchema, EngagementEventsQuerySchema, IdParamsSchema } from '@banso/shared';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import { problems } from '../../lib/problems.js';
import { authorize } from '../access/access.service.js';
import { EventHub, listEvents, type Reader, startOf } from './events.service.js';
import { PresenceHub } from './presence.service.js';

const tags = ['events'];
const EVENT_ID = /^[0-9]{1,18}$/;

/** The hub of each app, by its HTTP server (shared by the app's encapsulated scopes): the bench runs its heartbeat. */
const hubs = new WeakMap<object, EventHub>();
export const eventHubOf = (app: FastifyInstance): EventHub | undefined => hubs.get(app.server);

export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  const hub = new EventHub(app.db, app.clock, {
    heartbeatMs: app.config.EVENTS_HEARTBEAT_MS,
    retentionMs: app.config.EVENTS_RETENTION_HOURS * 3_600_000,
    log: (err, msg) => app.log.warn({ err }, msg),
  });
  const presence = new PresenceHub(app.db, app.clock, {
    heartbeatMs: app.config.EVENTS_HEARTBEAT_MS,
    log: (err, msg) => app.log.warn({ err }, msg),
  });
  hubs.set(app.server, hub);
  app.addHook('onReady', () => {
    hub.start();
    presence.start();
    return Promise.resolve();
  });
  // Before the server stops accepting: open streams would otherwise keep it from closing.
  app.addHook('preClose', async () => {
    await hub.stop();
    await presence.stop();
  });

  app.get(
    '/engagements/:id/events',
    {
      schema: {
        tags,
        operationId: 'getEngagementEvents',
        summary:
          'Live updates of the engagement. With `Accept: text/event-stream`: a server-sent-events stream (resumes after `Last-Event-ID`); otherwise the events after `?after=` as JSON. Only events the caller may read.',
        params: IdParamsSchema,
        querystring: EngagementEventsQuerySchema,
        response: { 200: EngagementEventListSchema, ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      if (!(request.headers.accept ?? '').includes('text/event-stream')) return listEvents(ctx(request), id, request.query);

      const c = ctx(request);
      const access = await authorize(c, id, 'engagement.read');
      const header = request.headers['last-event-id'];
      const after = typeof header === 'string' && EVENT_ID.test(header) ? header : request.query.after;
      const lastId = await startOf(c.db, id, after);

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        ...(reply.getHeaders() as OutgoingHttpHeaders),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // Proxies (nginx and the like) must pass each event on at once.
        'x-accel-buffering': 'no',
      });
      raw.write(`retry: 3000\n: ${lastId}\n\n`);
      let open = true;
      const write = (chunk: string) => {
        if (open) raw.write(chunk);
      };
      const reader: Reader = {
        engagementId: id,
        actor: c.actor,
        role: access.role,
        lastId,
        send: write,
        ping: () => write(': ping\n\n'),
        end: (reason) => {
          write(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
          open = false;
          raw.end();
        },
      };
      const remove = hub.add(reader);
      let leave: (() => void) | null = null;
      raw.on('close', () => {
        open = false;
        remove();
        leave?.();
      });
      // Who else has it open: sent now and whenever someone comes or goes.
      leave = await presence
        .join({
          engagementId: id,
          userId: c.actor.id,
          name: c.actor.name,
          organization: c.actor.municipalityName ?? c.actor.organization,
          role: access.role,
          send: (p) => write(`event: presence\ndata: ${JSON.stringify(p)}\n\n`),
        })
        .catch((err: unknown) => {
          app.log.warn({ err }, 'joining presence failed');
          return null;
        });
      if (!open) leave?.();
    },
  );
};
