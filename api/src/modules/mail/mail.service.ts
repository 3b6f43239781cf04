import { EventEmitter } from 'node:events';
import { type MailMessage, type MailOutboxPage, type MailOutboxQuery } from '@banso/shared';
import nodemailer from 'nodemailer';
import { isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { mailMessages } from '../../db/schema/index.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../lib/cursor.js';
import { BadRequest } from '../../lib/errors.js';
import { administersProgram, authorizeOffice } from '../access/access.service.js';
import type { Actor } from '../auth/auth.service.js';
import * as repo from './mail.repository.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** The program whose office may read it in the outbox (invitations, resets); omit for any office. */
  programId?: string | null;
}

/** Anything carrying the database (a service context `{ db, … }`), or the database / transaction itself. */
export type MailContext = Db | { db: Db };

const dbOf = (ctx: MailContext): Db =>
  'db' in ctx && typeof (ctx as { db: unknown }).db === 'object' ? (ctx as { db: Db }).db : (ctx as Db);

/** In-process signal: a message was queued, so a running dispatcher looks now instead of at its next poll. */
const queued = new EventEmitter();
queued.setMaxListeners(0);

const toMessage = (r: repo.MailRow): MailMessage => ({
  id: r.id,
  to: r.to,
  subject: r.subject,
  text: r.text,
  html: r.html,
  programId: r.programId,
  status: r.status,
  attempts: r.attempts,
  lastError: r.lastError,
  createdAt: r.createdAt.toISOString(),
  sentAt: r.sentAt?.toISOString() ?? null,
});

/**
 * Queues an e-mail: the row is written with the caller's database or transaction (so a rolled-back
 * invitation sends nothing) and delivered by the dispatcher when SMTP is configured; without SMTP it
 * stays in the outbox for the program office to read.
 */
export async function sendMail(ctx: MailContext, message: OutgoingMail): Promise<MailMessage> {
  const to = message.to.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(to)) throw new BadRequest('Not an e-mail address', [{ path: 'to', message: 'Not an e-mail address' }]);
  const row = await repo.insertMessage(dbOf(ctx), {
    to,
    subject: message.subject,
    text: message.text,
    html: message.html ?? null,
    programId: message.programId ?? null,
  });
  queued.emit('queued');
  return toMessage(row);
}

export interface MailDispatcherOptions {
  db: Db;
  smtpUrl: string;
  from: string;
  pollMs: number;
  maxAttempts: number;
  /** Seconds before a failed message is tried again, times its attempts so far. */
  retryAfterSeconds?: number;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface MailDispatcher {
  /** Delivers what is due now; resolves with the number of messages attempted. */
  deliverDue(): Promise<number>;
  stop(): Promise<void>;
}

/** Delivers queued messages over SMTP: on start, on every poll and whenever a message is queued in this process. */
export function startMailDispatcher(opts: MailDispatcherOptions): MailDispatcher {
  const transport = nodemailer.createTransport({
    url: opts.smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  const deliverOnce = async (): Promise<number> => {
    const batch = await repo.claimDeliverable(opts.db, { limit: 20, maxAttempts: opts.maxAttempts, leaseSeconds: 120 });
    for (const m of batch) {
      try {
        await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, ...(m.html ? { html: m.html } : {}) });
        await repo.markSent(opts.db, m.id);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        opts.log?.warn({ mailId: m.id, err: message }, 'mail delivery failed');
        await repo.markFailed(opts.db, m.id, message, opts.retryAfterSeconds ?? 60);
      }
    }
    return batch.length;
  };

  const deliverDue = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        let n: number;
        do {
          n = await deliverOnce();
          total += n;
        } while (n > 0 && !stopped);
      } while (again && !stopped);
      return total;
    })()
      .catch((err: unknown) => {
        opts.log?.error({ err: err instanceof Error ? err.message : String(err) }, 'mail dispatcher failed');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const onQueued = () => void deliverDue();
  queued.on('queued', onQueued);
  const timer = setInterval(onQueued, opts.pollMs);
  timer.unref();
  void deliverDue();

  return {
    deliverDue,
    async stop() {
      stopped = true;
      clearInterval(timer);
      queued.off('queued', onQueued);
      await running;
      transport.close();
    },
  };
}

// ── The program office's outbox ──────────────────────────────────────────────────────────────────

/** The office reads the messages of the programs it administers, and those tied to no program. */
export async function listOutbox(db: Db, actor: Actor, query: MailOutboxQuery): Promise<MailOutboxPage> {
  authorizeOffice({ actor }, 'mail.outbox.read');
  const visible = or(isNull(mailMessages.programId), administersProgram(actor, mailMessages.programId)) ?? sql`true`;
  const rows = await repo.listPage(db, {
    visible,
    limit: query.limit + 1,
    ...(query.cursor ? { after: decodeTimeCursor(query.cursor) } : {}),
    ...(query.status ? { status: query.status } : {}),
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toMessage), nextCursor: rows.length > query.limit ? encodeTimeCursor(page[page.length - 1]!) : null };
}
