/**
 * Live updates (issue 15 item 2) over real HTTP: two app instances on one database, each with its
 * own LISTEN connection (PostgreSQL) or PGlite's listen; an SSE client on one sees a tree batch saved
 * on the other; a reconnect with Last-Event-ID gets exactly what it missed; an observer never
 * receives a team-only event; revoking the observer's grant ends its stream.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngagementEvent } from '@banso/shared';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { memberships, observerGrants, users } from '../../src/db/schema/index.js';
import { systemClock } from '../../src/lib/clock.js';
import { publishEvent } from '../../src/lib/events.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

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
