/**
 * Live updates (issue 15 item 2) over real HTTP: two app instances on one database, each with its
 * own LISTEN connection (PostgreSQL) or PGlite's listen; an SSE client on one sees a tree batch saved
 * on the other; a reconnect with Last-Event-ID gets exactly what it missed; an observer never
 * receives a team-only event; revoking the observer's grant ends its stream.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngagementEvent, Presence } from '@banso/shared';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database, Db } from '../../src/db/client.js';
import * as schema from '../../src/db/schema/index.js';
import { engagementPresence, engagements, memberships, observerGrants, sessions, users } from '../../src/db/schema/index.js';
import { systemClock } from '../../src/lib/clock.js';
import { publishEvent } from '../../src/lib/events.js';
import { loadAccess } from '../../src/modules/access/access.service.js';
import type { Actor } from '../../src/modules/auth/auth.service.js';
import { createSession, sessionIdOf } from '../../src/modules/auth/auth.service.js';
import { EventHub, type Reader } from '../../src/modules/events/events.service.js';
import { PRESENCE_CHANNEL } from '../../src/modules/events/presence.service.js';
import { createTestContext, DEMO_PASSWORD, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

const env = { EVENTS_HEARTBEAT_MS: '300' };
let ctx: TestContext;
let second: FastifyInstance;
let baseA: string;
let baseB: string;
let id: string;
let advisor: Session;
let observer: Session;

beforeAll(async () => {
  ctx = await createTestContext({ env });
  second = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env }),
    database: ctx.database,
    clock: systemClock,
    logger: false,
  });
  const listen = async (app: FastifyInstance) => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  };
  baseA = await listen(ctx.app);
  baseB = await listen(second);
  id = await engagementIdOf(ctx, 'みどり区');
  const [lead] = await ctx.database.db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.engagementId, id), eq(memberships.role, 'advisor')))
    .limit(1);
  advisor = await ctx.login(lead!.email);
  observer = await ctx.login(demo.sakura);
}, 120_000);

afterAll(async () => {
  await second?.close();
  await ctx?.close();
});

interface Stream {
  status: number;
  events: EngagementEvent[];
  /** The latest `presence` frame: who has the engagement open. */
  presence: Presence | null;
  ended: string | null;
  closed: boolean;
  until(test: () => boolean, ms?: number): Promise<void>;
  close(): void;
}

/** An SSE client on a real socket: parses `id:` / `data:` / `event: end` blocks as they arrive. */
function openStream(base: string, session: Session, lastEventId?: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${base}/api/engagements/${id}/events`,
      { headers: { cookie: session.cookie, accept: 'text/event-stream', ...(lastEventId && { 'last-event-id': lastEventId }) } },
      (res) => {
        const stream: Stream = {
          status: res.statusCode ?? 0,
          events: [],
          presence: null,
          ended: null,
          closed: false,
          until: async (test, ms = 5_000) => {
            const stop = Date.now() + ms;
            while (!test()) {
              if (Date.now() > stop) throw new Error(`timed out; got ${JSON.stringify(stream.events.map((e) => e.kind))}`);
              await new Promise((r) => setTimeout(r, 20));
            }
          },
          close: () => req.destroy(),
        };
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const fields = new Map(
              block
                .split('\n')
                .filter((l) => !l.startsWith(':') && l.includes(':'))
                .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as const),
            );
            const data = fields.get('data');
            if (!data) continue;
            if (fields.get('event') === 'end') stream.ended = (JSON.parse(data) as { reason: string }).reason;
            else if (fields.get('event') === 'presence') stream.presence = JSON.parse(data) as Presence;
            else stream.events.push(JSON.parse(data) as EngagementEvent);
          }
        });
        res.on('close', () => {
          stream.closed = true;
        });
        resolve(stream);
      },
    );
    req.on('error', reject);
  });
}

/** One tree batch by the advisor through instance A (renames the goal). */
async function renameGoal(title: string): Promise<number> {
  const tree = (await advisor.get(`/api/engagements/${id}/tree`)).json() as {
    revision: number;
    nodes: { id: string; parentId: string | null }[];
  };
  const goal = tree.nodes.find((n) => n.parentId === null)!;
  const res = await advisor.post(
    `/api/engagements/${id}/tree/operations`,
    { operations: [{ op: 'update', id: goal.id, title }] },
    { 'if-match': `"${tree.revision}"` },
  );
  expect(res.statusCode).toBe(200);
  return (res.json() as { revision: number }).revision;
}

describe('live updates of an engagement', () => {
  it('a tree batch saved on one instance reaches a stream on the other within a second', async () => {
    const stream = await openStream(baseB, observer);
    expect(stream.status).toBe(200);
    const revision = await renameGoal('ライブ更新の目指す姿 1');
    const started = Date.now(); // the batch has committed
    await stream.until(() => stream.events.some((e) => e.kind === 'tree.revision' && e.data.revision === revision), 1_000);
    const event = stream.events.find((e) => e.data.revision === revision)!;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(event).toMatchObject({ engagementId: id, audience: 'observers', actor: { id: advisor.userId } });
    stream.close();
  });

  it('a reader reconnecting with Last-Event-ID after missing 3 events receives exactly those 3', async () => {
    const first = await openStream(baseA, advisor);
    const before = await renameGoal('ライブ更新の目指す姿 2');
    await first.until(() => first.events.some((e) => e.data.revision === before));
    const seen = first.events.at(-1)!.id;
    first.close();
    const missed = [await renameGoal('見逃し 1'), await renameGoal('見逃し 2'), await renameGoal('見逃し 3')];
    const again = await openStream(baseB, advisor, seen);
    await again.until(() => again.events.length >= 3);
    await new Promise((r) => setTimeout(r, 200)); // nothing more arrives
    expect(again.events.map((e) => e.data.revision)).toEqual(missed);
    again.close();
  });

  it('never sends an observer a team-only or municipality-only finding, and the JSON form filters the same way', async () => {
    const watching = await openStream(baseA, observer);
    const team = await openStream(baseB, advisor);
    const after = (await observer.get(`/api/engagements/${id}/events`)).json() as { lastEventId: string };
    const recorded: Record<string, string> = {};
    for (const visibility of ['team', 'municipality', 'observers'] as const) {
      const res = await advisor.post(`/api/engagements/${id}/findings`, { kind: 'advice', text: `ライブ所見 ${visibility}`, visibility });
      expect(res.statusCode).toBe(201);
      recorded[visibility] = (res.json() as { id: string }).id;
    }
    await publishEvent(ctx.database.db, { engagementId: id, kind: 'finding.changed', audience: 'team', actorId: null });
    const revision = await renameGoal('ライブ更新の目指す姿 3');
    await watching.until(() => watching.events.some((e) => e.data.revision === revision));
    await team.until(() => team.events.some((e) => e.data.revision === revision));
    const findingsOf = (st: Stream) => st.events.filter((e) => e.kind === 'finding.changed').map((e) => e.data.findingId);
    expect(findingsOf(watching)).toEqual([recorded.observers]);
    expect(findingsOf(team)).toEqual([recorded.team, recorded.municipality, recorded.observers, undefined]);
    const listed = (await observer.get(`/api/engagements/${id}/events?after=${after.lastEventId}`)).json() as { items: EngagementEvent[] };
    expect(listed.items.map((e) => [e.kind, e.data.findingId ?? e.data.revision])).toEqual([
      ['finding.changed', recorded.observers],
      ['tree.revision', revision],
    ]);
    watching.close();
    team.close();
  });

  it('tells every reader who has the engagement open, across instances; an observer sees roles, not names', async () => {
    const team = await openStream(baseA, advisor);
    const watching = await openStream(baseB, observer);
    const roles = (st: Stream) => (st.presence?.users ?? []).map((u) => [u.role, u.name !== null, u.self]);
    await team.until(() => roles(team).length === 2);
    expect(team.presence!.users).toEqual([
      expect.objectContaining({ userId: advisor.userId, role: 'advisor', self: true }),
      expect.objectContaining({ userId: observer.userId, role: 'observer', self: false, organization: expect.any(String) }),
    ]);
    await watching.until(() => roles(watching).length === 2);
    expect(roles(watching)).toEqual([
      ['advisor', false, false],
      ['observer', true, true],
    ]);
    expect(watching.presence!.users[0]!.userId).toBeNull();
    watching.close();
    await team.until(() => roles(team).length === 1, 2_000);

    // A replica that died leaves its row behind: not refreshed, it is swept after three heartbeats.
    const office = await ctx.login(demo.office);
    await ctx.database.db
      .insert(engagementPresence)
      .values({ engagementId: id, userId: office.userId, name: '事務局', role: 'program_office' });
    await ctx.database.db.execute(sql`select pg_notify(${PRESENCE_CHANNEL}, ${id})`);
    await team.until(() => roles(team).length === 2, 2_000);
    await team.until(() => roles(team).length === 1, 3_000);
    expect(await ctx.database.db.select().from(engagementPresence).where(eq(engagementPresence.userId, office.userId))).toEqual([]);
    team.close();
  });

  it("ends a signed-out session's stream at the next heartbeat, and leaves the user's other session open", async () => {
    // A second session of the advisor (ctx.login would hand back the cached first one).
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: advisor.email, password: DEMO_PASSWORD },
    });
    const token = res.cookies.find((c) => c.name === 'banso_session')!.value;
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    const leaving = { ...advisor, cookie: `banso_session=${token}` };
    const going = await openStream(baseB, leaving);
    const staying = await openStream(baseA, advisor);
    expect([going.status, staying.status]).toEqual([200, 200]);
    const out = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: leaving.cookie, 'x-csrf-token': csrf },
      payload: {},
    });
    expect(out.statusCode).toBe(200);
    await going.until(() => going.closed, 3_000);
    expect(going.ended).toBe('access_lost');
    // Two heartbeats later the other session's stream is still open and still delivers.
    await new Promise((r) => setTimeout(r, 700));
    expect(staying.closed).toBe(false);
    const revision = await renameGoal('サインアウト後');
    await staying.until(() => staying.events.some((e) => e.data.revision === revision));
    staying.close();
  });

  it("ends a removed member's stream at the next heartbeat (no event announces the removal)", async () => {
    const [row] = await ctx.database.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.engagementId, id), eq(memberships.role, 'municipal_member')))
      .limit(1);
    const [member] = await ctx.database.db.select({ email: users.email }).from(users).where(eq(users.id, row!.userId));
    const session = await ctx.login(member!.email);
    const stream = await openStream(baseA, session);
    expect(stream.status).toBe(200);
    await ctx.database.db.delete(memberships).where(and(eq(memberships.engagementId, id), eq(memberships.userId, row!.userId)));
    try {
      await stream.until(() => stream.closed, 3_000);
      expect(stream.ended).toBe('access_lost');
    } finally {
      await ctx.database.db.insert(memberships).values(row!);
    }
  });

  it("ends the observer's stream once its grant is revoked, and a new stream is refused", async () => {
    const stream = await openStream(baseB, observer);
    const office = await ctx.login(demo.office);
    const [grant] = await ctx.database.db.select().from(observerGrants).where(eq(observerGrants.engagementId, id));
    const revoked = await office.post(`/api/engagements/${id}/observer-grants/${grant!.id}/revoke`, {});
    expect(revoked.statusCode).toBe(200);
    await stream.until(() => stream.closed, 3_000);
    expect(stream.ended).toBe('access_lost');
    const refused = await openStream(baseA, observer);
    expect(refused.status).toBe(404);
  });

  it('answers 401 signed out and 400 for a malformed ?after=', async () => {
    expect((await ctx.anonymous.get(`/api/engagements/${id}/events`)).statusCode).toBe(401);
    expect((await advisor.get(`/api/engagements/${id}/events?after=abc`)).statusCode).toBe(400);
  });
});

/** The same database through a drizzle instance that counts the statements it sends. */
function counting(database: Database): { database: Database; count: () => number } {
  let n = 0;
  const options = { schema, casing: 'snake_case' as const, logger: { logQuery: () => void n++ } };
  const db = (database.pool ? drizzlePg(database.pool, options) : drizzlePglite(database.pglite!, options)) as unknown as Db;
  return { database: { ...database, db }, count: () => n };
}

describe('the heartbeat re-check', () => {
  const secret = 'a-secret-for-the-heartbeat-test';

  /** A reader of `engagementId` on a new session of the user, as the route would make it. */
  async function readerOf(email: string, engagementId: string) {
    const db = ctx.database.db;
    const [user] = await db.select().from(users).where(eq(users.email, email));
    const { token } = await createSession(db, user!.id, { ttlHours: 1, secret, now: new Date() });
    const actor = {
      id: user!.id,
      email: user!.email,
      name: user!.name,
      title: null,
      organization: null,
      organizerId: user!.organizerId,
      municipalityId: user!.municipalityId,
      municipalityName: null,
      sessionId: sessionIdOf(token, secret),
      csrfToken: '',
      twoFactorEnabled: false,
      twoFactorRequired: false,
    } satisfies Actor;
    const state = { ended: null as string | null, pings: 0 };
    const reader: Reader = {
      engagementId,
      actor,
      role: 'observer',
      lastId: Number.MAX_SAFE_INTEGER,
      send: () => undefined,
      ping: () => void state.pings++,
      end: (reason) => {
        state.ended = reason;
      },
    };
    return { reader, state, actor };
  }

  it('uses one query per engagement for 4 readers as for 60, ends the signed-out, the deactivated and the role-less, and sets each role as loadAccess does', async () => {
    const counted = counting(ctx.database);
    const hub = new EventHub(counted.database, systemClock, { heartbeatMs: 60_000, retentionMs: 3_600_000, log: () => undefined });
    const db = ctx.database.db;
    const [other] = await db.select({ id: engagements.id }).from(engagements).where(ne(engagements.id, id)).limit(1);
    const emails = [advisor.email, demo.sakura, demo.office, demo.kitano, demo.midori, demo.higashi];
    const beat = async () => {
      await new Promise((r) => setTimeout(r, 50)); // the deliveries add() kicked off have settled
      const before = counted.count();
      await hub.beat();
      return counted.count() - before;
    };

    const few = await Promise.all(emails.slice(0, 4).map((e) => readerOf(e, id)));
    const removers = few.map((f) => hub.add(f.reader));
    const fewQueries = await beat();
    // One query for the engagement: its readers' sessions and roles together.
    expect(fewQueries).toBe(1);
    expect(hub.recheckStats).toMatchObject({ readers: 4, engagements: 1, queries: 1 });

    const many = await Promise.all(Array.from({ length: 56 }, (_, i) => readerOf(emails[i % emails.length]!, id)));
    removers.push(...many.map((m) => hub.add(m.reader)));
    expect(await beat()).toBe(fewQueries);
    expect(hub.recheckStats).toMatchObject({ readers: 60, engagements: 1, queries: 1 });
    // A second engagement adds one query, whatever its number of readers.
    const elsewhere = await Promise.all(emails.map((e) => readerOf(e, other!.id)));
    removers.push(...elsewhere.map((m) => hub.add(m.reader)));
    expect(await beat()).toBe(2);

    const all = [...few, ...many, ...elsewhere];
    expect(all.every((r) => r.state.pings >= 1)).toBe(true);
    expect(all.some((r) => r.state.ended === 'access_lost')).toBe(true); // users without a role in the engagement
    for (const r of all) {
      const access = await loadAccess(db, r.actor, r.reader.engagementId, systemClock.today());
      expect([r.reader.engagementId, r.actor.email, access ? r.reader.role : r.state.ended]).toEqual([
        r.reader.engagementId,
        r.actor.email,
        access ? access.role : 'access_lost',
      ]);
    }
    const live = all.filter((r) => r.state.ended === null);
    expect(new Set(live.map((r) => r.reader.role)).size).toBeGreaterThan(1);

    // Signing out a session ends its reader at the next beat, and no other.
    const leaving = live[0]!;
    await db.delete(sessions).where(eq(sessions.id, leaving.actor.sessionId));
    expect(await beat()).toBe(2);
    expect(leaving.state.ended).toBe('access_lost');
    expect(live.filter((r) => r.state.ended !== null)).toEqual([leaving]);
    // A deactivated user's streams end at the next beat too (the same query checks the user is active).
    const deactivated = live.find((r) => r.actor.id !== leaving.actor.id)!;
    await db.update(users).set({ active: false }).where(eq(users.id, deactivated.actor.id));
    try {
      expect(await beat()).toBe(2);
      const ended = live.filter((r) => r.state.ended !== null);
      expect(ended.length).toBeGreaterThan(1);
      expect(ended.every((r) => r === leaving || r.actor.id === deactivated.actor.id)).toBe(true);
    } finally {
      await db.update(users).set({ active: true }).where(eq(users.id, deactivated.actor.id));
    }
    for (const remove of removers) remove();
    await hub.stop();
  });
});
