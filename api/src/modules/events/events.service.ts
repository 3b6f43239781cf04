/**
 * Live updates of an engagement. A write that others should see calls `publishEvent` (lib/events.ts;
 * every audited write of an engagement does, through recordAudit) inside its transaction: the event row is stored (for `Last-Event-ID` resumption) and `pg_notify` names the
 * engagement, delivered to every replica's LISTEN connection when the transaction commits. Each
 * replica's `EventHub` then reads the new rows once per engagement and hands every open stream the
 * events its reader's role may see (the audience rule is the findings' visibility rule).
 */
import {
  type EngagementEvent,
  type EngagementEventKind,
  type EngagementRole,
  type FindingVisibility,
  readableFindingVisibilities,
} from '@banso/shared';
import { and, asc, eq, gt, lt, max } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.js';
import { engagementEvents, users } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import type { ServiceContext } from '../../lib/context.js';
import { EVENTS_CHANNEL } from '../../lib/events.js';
import { authorize, loadRoles } from '../access/access.service.js';
import { keepListening } from './keep-listening.js';
import type { Actor } from '../auth/auth.service.js';

const toEvent = (r: {
  id: number;
  kind: string;
  engagementId: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  audience: FindingVisibility;
  data: Record<string, unknown>;
}): EngagementEvent => ({
  id: String(r.id),
  kind: r.kind as EngagementEventKind,
  engagementId: r.engagementId,
  at: r.at.toISOString(),
  actor: r.actorId && r.actorName !== null ? { id: r.actorId, name: r.actorName } : null,
  audience: r.audience,
  data: r.data,
});

/** An engagement's events after `afterId`, oldest first, at most `limit`. */
async function eventsAfter(db: Db, engagementId: string, afterId: number, limit: number): Promise<EngagementEvent[]> {
  const rows = await db
    .select({
      id: engagementEvents.id,
      kind: engagementEvents.kind,
      engagementId: engagementEvents.engagementId,
      at: engagementEvents.at,
      actorId: engagementEvents.actorId,
      actorName: users.name,
      audience: engagementEvents.audience,
      data: engagementEvents.data,
    })
    .from(engagementEvents)
    .leftJoin(users, eq(users.id, engagementEvents.actorId))
    .where(and(eq(engagementEvents.engagementId, engagementId), gt(engagementEvents.id, afterId)))
    .orderBy(asc(engagementEvents.id))
    .limit(limit);
  return rows.map(toEvent);
}

/** The id of the engagement's latest event (0 when none): where a stream without `Last-Event-ID` starts. */
async function lastEventId(db: Db, engagementId: string): Promise<number> {
  const [row] = await db
    .select({ last: max(engagementEvents.id) })
    .from(engagementEvents)
    .where(eq(engagementEvents.engagementId, engagementId));
  return Number(row?.last ?? 0);
}

const readable = (role: EngagementRole, audience: FindingVisibility) => readableFindingVisibilities(role).includes(audience);

/** Where a reader starts: after the id it names (resuming), else after the latest event (nothing old). */
export async function startOf(db: Db, engagementId: string, after: string | undefined): Promise<number> {
  return after !== undefined ? Number(after) : lastEventId(db, engagementId);
}

/** The JSON form: the events after `after` that the caller may read. */
export async function listEvents(ctx: ServiceContext, engagementId: string, q: { after?: string | undefined; limit: number }) {
  const access = await authorize(ctx, engagementId, 'engagement.read');
  const from = await startOf(ctx.db, engagementId, q.after);
  const rows = await eventsAfter(ctx.db, engagementId, from, q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.filter((e) => readable(access.role, e.audience)),
    lastEventId: String(page.at(-1)?.id ?? from),
    more: rows.length > q.limit,
  };
}

/** Removes events older than the retention (a reader that was away longer reloads instead). */
export async function purgeEvents(db: Db, before: Date): Promise<void> {
  await db.delete(engagementEvents).where(lt(engagementEvents.at, before));
}

/** One open stream: who reads, with which role, and how far it has been sent. */
export interface Reader {
  engagementId: string;
  actor: Actor;
  role: EngagementRole;
  lastId: number;
  /** Writes SSE frames (`frameOf`) of one or more events, in order. */
  send(frames: string): void;
  /** A comment line that keeps proxies from closing an idle stream. */
  ping(): void;
  /** Ends the stream (access lost, server closing). */
  end(reason: 'access_lost' | 'closing'): void;
}

const BATCH = 500;

/** An event as a server-sent-events frame (its id resumes a reconnecting client through `Last-Event-ID`). */
export const frameOf = (e: EngagementEvent) => `id: ${e.id}\ndata: ${JSON.stringify(e)}\n\n`;

/**
 * The open streams of one replica and its LISTEN connection. Notifications for one engagement are
 * coalesced: while its events are being read, further ones only mark it for another pass.
 */
export class EventHub {
  private readonly readers = new Map<string, Set<Reader>>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private listening: { close(): Promise<void> } | null = null;
  private heartbeat: NodeJS.Timeout | undefined;
  private purge: NodeJS.Timeout | undefined;
  private beating = false;
  /** What the latest re-check did: how many readers, engagements and queries, how long it took. */
  recheckStats: { readers: number; engagements: number; queries: number; ms: number } | null = null;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly opts: { heartbeatMs: number; retentionMs: number; log: (err: unknown, msg: string) => void },
  ) {}

  /** Starts listening in the background (the app starts even while the database is unreachable). */
  start(): void {
    const everyEngagement = () => {
      for (const id of this.readers.keys()) this.kick(id);
    };
    this.listening = keepListening(
      this.database,
      EVENTS_CHANNEL,
      { onMessage: (engagementId) => this.kick(engagementId), onReconnect: everyEngagement, onListening: everyEngagement },
      this.opts.log,
    );
    this.heartbeat = setInterval(() => void this.beat(), this.opts.heartbeatMs);
    this.heartbeat.unref();
    const purge = () =>
      purgeEvents(this.database.db, new Date(this.clock.now().getTime() - this.opts.retentionMs)).catch((err: unknown) =>
        this.opts.log(err, 'purging old events failed'),
      );
    void purge();
    this.purge = setInterval(() => void purge(), Math.min(this.opts.retentionMs, 3_600_000));
    this.purge.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    clearInterval(this.purge);
    for (const set of this.readers.values()) for (const r of set) r.end('closing');
    this.readers.clear();
    await this.listening?.close();
    this.listening = null;
  }

  /** How many streams are open (all engagements). */
  get size(): number {
    let n = 0;
    for (const set of this.readers.values()) n += set.size;
    return n;
  }

  /** Adds a stream and sends it what it missed since `reader.lastId`. */
  add(reader: Reader): () => void {
    let set = this.readers.get(reader.engagementId);
    if (!set) this.readers.set(reader.engagementId, (set = new Set()));
    set.add(reader);
    this.kick(reader.engagementId);
    return () => {
      set.delete(reader);
      if (set.size === 0 && this.readers.get(reader.engagementId) === set) this.readers.delete(reader.engagementId);
    };
  }

  private kick(engagementId: string): void {
    if (!this.readers.has(engagementId)) return;
    if (this.running.has(engagementId)) {
      this.again.add(engagementId);
      return;
    }
    const run = this.deliver(engagementId)
      .catch((err: unknown) => this.opts.log(err, 'delivering events failed'))
      .finally(() => {
        this.running.delete(engagementId);
        if (this.again.delete(engagementId)) this.kick(engagementId);
      });
    this.running.set(engagementId, run);
  }

  private async deliver(engagementId: string): Promise<void> {
    for (;;) {
      const set = this.readers.get(engagementId);
      if (!set || set.size === 0) return;
      const from = Math.min(...[...set].map((r) => r.lastId));
      const events = await eventsAfter(this.database.db, engagementId, from, BATCH);
      if (events.some((e) => e.kind === 'access.changed')) await this.recheck([...set]);
      // Each event is serialized once for all its readers; a reader gets one write per pass.
      const frames = events.map((e) => ({ id: Number(e.id), audience: e.audience, frame: frameOf(e) }));
      for (const r of this.readers.get(engagementId) ?? []) {
        let chunk = '';
        for (const f of frames) {
          if (f.id <= r.lastId) continue;
          r.lastId = f.id;
          if (readable(r.role, f.audience)) chunk += f.frame;
        }
        if (chunk) r.send(chunk);
      }
      if (events.length < BATCH) return;
    }
  }

  /**
   * Checks readers' sessions and roles again in one query per engagement, whatever its number of readers
   * (`loadRoles` with the sessions: each reader's session still unexpired and its user active, and its
   * role). A revoked grant, a removed member, a deactivated user or a signed-out session ends the stream;
   * a changed role applies to the next event.
   */
  private async recheck(readers: readonly Reader[]): Promise<void> {
    if (readers.length === 0) return;
    const started = performance.now();
    const db = this.database.db;
    const byEngagement = new Map<string, Reader[]>();
    for (const r of readers) {
      const group = byEngagement.get(r.engagementId);
      if (group) group.push(r);
      else byEngagement.set(r.engagementId, [r]);
    }
    const today = this.clock.today();
    const now = this.clock.now();
    let queries = 0;
    // One engagement after another: a heartbeat does not take the whole pool from requests.
    for (const [engagementId, group] of byEngagement) {
      const roleOf = await loadRoles(
        db,
        engagementId,
        group.map((r) => r.actor),
        today,
        now,
      );
      queries++;
      for (const r of group) {
        const role = roleOf?.(r.actor) ?? null;
        if (!role) r.end('access_lost');
        else r.role = role;
      }
    }
    this.recheckStats = { readers: readers.length, engagements: byEngagement.size, queries, ms: performance.now() - started };
  }

  /** One heartbeat (the timer's): pings every stream, then re-checks them all. A beat still running skips the next. */
  async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      const all = [...this.readers.values()].flatMap((set) => [...set]);
      for (const r of all) r.ping();
      await this.recheck(all).catch((err: unknown) => this.opts.log(err, 'checking the stream readers failed'));
    } finally {
      this.beating = false;
    }
  }
}
