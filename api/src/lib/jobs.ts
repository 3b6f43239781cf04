/**
 * The job queue as modules see it (`app.jobs`, and `ctx.jobs` in a service): implemented over pg-boss
 * by plugins/queue.ts. A module defines its jobs while the app is built and sends them from its writes.
 */
import type { Db } from '../db/client.js';

export interface JobInfo {
  id: string;
  /** 0 on the first attempt. */
  retryCount: number;
  /** Aborted when the queue gives up on this attempt (its expiry, or the stop's grace ran out). */
  signal: AbortSignal;
}

export type JobHandler<T> = (data: T, job: JobInfo) => Promise<void>;

export interface DefineOptions {
  /** Attempts after the first before the job is failed (default 5). */
  retryLimit?: number;
  /** Seconds before the first retry (default 30); doubled each time with `retryBackoff` (default true). */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** Longest a single attempt may run before it counts as failed (default 10 minutes). */
  expireInSeconds?: number;
  /** Jobs of this queue one replica works on at once (default 1; 0: this replica sends but never works them). */
  concurrency?: number;
  /**
   * A running job's heartbeat, seconds (at least 10): pg-boss refreshes it every half while the handler runs,
   * and a job whose heartbeat lapsed (its replica was killed or cut off) is failed and retried by the supervisor.
   */
  heartbeatSeconds?: number;
  /**
   * pg-boss queue policy: `standard` (default: every send queues a job), `short` (one waiting job per
   * singletonKey), `singleton` (one running job per key), `stately` (one waiting and one running per key).
   * Fixed when the queue is first created.
   */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  /** How long a job sent without `startAfter` waits (ms, the database's clock); default 0. */
  delayMs?: number;
  /** Also sent on this cron schedule (`0 8 * * *`), once per slot across every replica. */
  cron?: { expression: string; tz?: string };
}

export interface SendOptions {
  /** Delay in ms (measured by the database's clock), or the moment to start at. */
  startAfter?: number | Date;
  /**
   * Groups jobs under the queue's policy (see DefineOptions.policy): on a `short` queue, while a job with
   * this key waits, sending another with it sends nothing (null). On a `standard` queue it only labels the job.
   */
  singletonKey?: string;
  /** The write's transaction (or the database): the job exists only if it commits. */
  db?: Db;
}

export interface Jobs {
  /** Registers a queue and its handler; only before the app is ready. */
  define<T extends object>(name: string, handler: JobHandler<T>, opts?: DefineOptions): void;
  /** Queues a job; resolves with its id, or null when a singleton key held it back. */
  send<T extends object>(name: string, data: T, opts?: SendOptions): Promise<string | null>;
  /** Runs a defined job's handler here and now, outside the queue (tests, an operator's "run now"). */
  runNow<T extends object>(name: string, data: T): Promise<void>;
  /**
   * Aborted when the replica begins to stop (SIGTERM), before the jobs in flight are waited for: a long job
   * hands itself back (sends itself again and returns) instead of being failed when the grace runs out.
   */
  readonly stopping: AbortSignal;
}
