import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import type { Actor } from '../modules/auth/auth.service.js';
import { actorOf } from '../plugins/auth.js';
import type { Jobs } from './jobs.js';
import type { Clock } from './clock.js';

/** What every service call needs: the database (or a transaction), who acts, and the time source. */
export interface ServiceContext {
  db: Db;
  actor: Actor;
  clock: Clock;
  /** The job queue (notifications are sent through it); absent outside a request (seeds, scripts). */
  jobs?: Jobs;
}

const contexts = new WeakMap<FastifyRequest, ServiceContext>();

/** The request's service context, built once per request. Throws 401 when nobody is signed in. */
export function ctx(request: FastifyRequest): ServiceContext {
  let context = contexts.get(request);
  if (!context) {
    context = { db: request.server.db.db, actor: actorOf(request), clock: request.server.clock, jobs: request.server.jobs };
    contexts.set(request, context);
  }
  return context;
}
