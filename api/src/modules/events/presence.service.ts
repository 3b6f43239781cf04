/**
 * Who has an engagement open, across replicas. Each open live-update stream is a row of
 * `engagement_presence`; opening or leaving announces the engagement on the presence channel, and
 * every replica with streams on it sends them the list again (a `presence` frame, not stored: it is
 * the state now, not an event to resume). A replica refreshes its own rows on each heartbeat and
 * sweeps rows left by a replica that died (not seen for three heartbeats).
 */
import type { EngagementRole, Presence, PresenceEntry } from '@banso/shared';
import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { engagementPresence } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { keepListening } from './keep-listening.js';

export const PRESENCE_CHANNEL = 'banso_presence';

/** One open stream as presence sees it. */
export interface PresenceStream {
  engagementId: string;
  userId: string;
  name: string;
  organization: string | null;
  role: EngagementRole;
  send(presence: Presence): void;
}

type Row = { userId: string; name: string; organization: string | null; role: EngagementRole };

/** The list one reader is sent: one entry per person; an observer sees the others' roles only. */
export function presenceFor(reader: { userId: string; role: EngagementRole }, rows: readonly Row[]): Presence {
  const seen = new Set<string>();
  const users: PresenceEntry[] = [];
  for (const r of rows) {
    if (seen.has(r.userId)) continue;
    seen.add(r.userId);
    const self = r.userId === reader.userId;
    const named = self || reader.role !== 'observer';
    users.push({
      userId: named ? r.userId : null,
      name: named ? r.name : null,
      organization: r.organization,
      role: r.role,
      self,
    });
  }
  return { users };
}

export class PresenceHub {
  private readonly streams = new Map<string, Map<string, PresenceStream>>();
  private listening: { close(): Promise<void> } | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly opts: { heartbeatMs: number; log: (err: unknown, msg: string) => void },
  ) {}

  start(): void {
    this.listening = keepListening(
      this.database,
      PRESENCE_CHANNEL,
      { onMessage: (engagementId) => void this.broadcast(engagementId), onReconnect: () => this.broadcastAll() },
      this.opts.log,
    );
    this.timer = setInterval(() => void this.beat(), this.opts.heartbeatMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    const ids = [...this.streams.values()].flatMap((m) => [...m.keys()]);
    this.streams.clear();
    await this.listening?.close();
    this.listening = null;
    if (ids.length > 0) await this.remove(ids).catch((err: unknown) => this.opts.log(err, 'clearing presence failed'));
  }

  /** Registers an open stream; the returned function is called when it closes. */
  async join(stream: PresenceStream): Promise<() => void> {
    const db = this.database.db;
    const now = this.clock.now();
    const [row] = await db
      .insert(engagementPresence)
      .values({
        engagementId: stream.engagementId,
        userId: stream.userId,
        name: stream.name,
        organization: stream.organization,
        role: stream.role,
        openedAt: now,
        seenAt: now,
      })
      .returning({ id: engagementPresence.id });
    const id = row!.id;
    let local = this.streams.get(stream.engagementId);
    if (!local) this.streams.set(stream.engagementId, (local = new Map()));
    local.set(id, stream);
    await this.announce([stream.engagementId]);
    return () => {
      local.delete(id);
      if (local.size === 0 && this.streams.get(stream.engagementId) === local) this.streams.delete(stream.engagementId);
      void this.remove([id]).catch((err: unknown) => this.opts.log(err, 'leaving presence failed'));
    };
  }

  private async remove(ids: string[]): Promise<void> {
    const gone = await this.database.db
      .delete(engagementPresence)
      .where(inArray(engagementPresence.id, ids))
      .returning({ engagementId: engagementPresence.engagementId });
    await this.announce(gone.map((g) => g.engagementId));
  }

  private async announce(engagementIds: string[]): Promise<void> {
    for (const id of new Set(engagementIds)) await this.database.db.execute(sql`select pg_notify(${PRESENCE_CHANNEL}, ${id})`);
  }

  private cutoff(): Date {
    return new Date(this.clock.now().getTime() - 3 * this.opts.heartbeatMs);
  }

  /** Sends every local stream of the engagement who has it open now. */
  private async broadcast(engagementId: string): Promise<void> {
    const local = this.streams.get(engagementId);
    if (!local || local.size === 0) return;
    try {
      const rows = await this.database.db
        .select({
          userId: engagementPresence.userId,
          name: engagementPresence.name,
          organization: engagementPresence.organization,
          role: engagementPresence.role,
        })
        .from(engagementPresence)
        .where(and(eq(engagementPresence.engagementId, engagementId), gt(engagementPresence.seenAt, this.cutoff())))
        .orderBy(asc(engagementPresence.openedAt));
      for (const s of local.values()) s.send(presenceFor(s, rows));
    } catch (err) {
      this.opts.log(err, 'sending presence failed');
    }
  }

  private broadcastAll(): void {
    for (const id of this.streams.keys()) void this.broadcast(id);
  }

  /** Keeps this replica's rows alive and sweeps those of replicas that stopped answering. */
  private async beat(): Promise<void> {
    const db = this.database.db;
    try {
      const ids = [...this.streams.values()].flatMap((m) => [...m.keys()]);
      if (ids.length > 0) await db.update(engagementPresence).set({ seenAt: this.clock.now() }).where(inArray(engagementPresence.id, ids));
      const swept = await db
        .delete(engagementPresence)
        .where(lt(engagementPresence.seenAt, this.cutoff()))
        .returning({ engagementId: engagementPresence.engagementId });
      await this.announce(swept.map((s) => s.engagementId));
    } catch (err) {
      this.opts.log(err, 'refreshing presence failed');
    }
  }
}
