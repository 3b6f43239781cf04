/**
 * The benchmark's database: a fresh PostgreSQL database (when TEST_DATABASE_URL or DATABASE_URL is
 * set) or an in-memory PGlite, migrated and seeded with the demo, plus synthetic engagements whose
 * logic trees have a given number of nodes, inserted directly through drizzle.
 */
import { randomUUID } from 'node:crypto';
import { type NodeKind, type TreeNodeShape, validateTree } from '@banso/shared';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.js';
import * as s from '../src/db/schema/index.js';
import { seedDemo } from '../src/db/seed.js';
import { createSession } from '../src/modules/auth/auth.service.js';

export interface BenchDatabase {
  database: Database;
  /** postgres://… of the bench database, or null for PGlite. */
  url: string | null;
  drop(): Promise<void>;
}

export async function openBenchDatabase(): Promise<BenchDatabase> {
  const server = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!server) {
    const database = await openDatabase({});
    await database.migrate();
    await seedDemo(database.db);
    return { database, url: null, drop: () => database.close() };
  }
  const name = `banso_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  const database = await openDatabase({ url, poolSize: 10 });
  await database.migrate();
  await seedDemo(database.db);
  return {
    database,
    url,
    drop: async () => {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const titles: Record<NodeKind, readonly string[]> = {
  goal: ['住み慣れた地域で自分らしく暮らし続けられる'],
  outcome: ['早期に相談・支援につながる', '在宅生活を継続できる', '地域で役割を持つ高齢者が増える'],
  issue: ['相談が重度化してから来る', 'サービス利用が改善につながらない', '介護者の負担で施設入所に至る', '担い手が不足している'],
  cause: ['相談窓口が知られていない', '単身世帯が多く異変に気づく人がいない', '依頼基準が包括間でばらつく', '日中の居場所が少ない'],
  measure: [
    '区報・薬局で相談窓口を周知する',
    '医師会と「もの忘れ連絡票」を定型化する',
    '認知症カフェに介護者相談を併設する',
    '見守り協定を結ぶ',
  ],
};
const next: Record<NodeKind, NodeKind[]> = {
  goal: ['outcome'],
  outcome: ['issue', 'outcome'],
  issue: ['cause', 'issue'],
  cause: ['measure', 'cause'],
  measure: [],
};

/** A valid logic tree of exactly `count` nodes (breadth first, 2–5 children, some same-kind nesting), seeded. */
export function syntheticTree(count: number, seed = count): TreeNodeShape[] {
  let state = seed >>> 0 || 1;
  const rand = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const nodes: TreeNodeShape[] = [];
  const make = (parent: TreeNodeShape | null, kind: NodeKind, position: number) => {
    const pool = titles[kind];
    const node: TreeNodeShape = {
      id: randomUUID(),
      parentId: parent?.id ?? null,
      position,
      kind,
      title: `${pool[Math.floor(rand() * pool.length)]} ${nodes.length}`,
      detail: '',
      hypothesisState: kind === 'goal' ? null : rand() < 0.6 ? 'hypothesis' : 'supported',
    };
    nodes.push(node);
    return node;
  };
  const queue = [make(null, 'goal', 0)];
  for (let head = 0; nodes.length < count && head < queue.length; head++) {
    const parent = queue[head]!;
    const kinds = next[parent.kind];
    if (kinds.length === 0) continue;
    const n = 2 + Math.floor(rand() * 4);
    for (let i = 0; i < n && nodes.length < count; i++) {
      // Mostly the next level down; sometimes the same kind again, so the tree grows deeper.
      const kind = kinds.length > 1 && rand() < 0.3 ? kinds[1]! : kinds[0]!;
      queue.push(make(parent, kind, i));
    }
  }
  if (nodes.length !== count) throw new Error(`synthetic tree stopped at ${nodes.length} of ${count} nodes`);
  const violations = validateTree(nodes);
  if (violations.length) throw new Error(`synthetic tree breaks the rules: ${JSON.stringify(violations[0])}`);
  return nodes;
}

export interface SyntheticEngagement {
  id: string;
  size: number;
  nodeIds: string[];
}

/** An engagement of a new municipality in the demo program, its tree at revision 1, the lead advisor on the team. */
export async function insertSyntheticEngagement(database: Database, size: number, index: number): Promise<SyntheticEngagement> {
  const db = database.db;
  const [program] = await db.select({ id: s.programs.id }).from(s.programs).limit(1);
  const [advisor] = await db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, 'morikawa@demo.banso.jp'));
  if (!program || !advisor) throw new Error('the demo is not seeded');
  const municipalityId = randomUUID();
  await db.insert(s.municipalities).values({
    id: municipalityId,
    code: `9998${String(index).padStart(2, '0')}`,
    name: `ベンチ${size}町`,
    category: 'town_village',
    regionType: 'urban',
    population: 10_000 + size,
  });
  const id = randomUUID();
  await db
    .insert(s.engagements)
    .values({ id, programId: program.id, municipalityId, theme: `ベンチマーク（${size}ノード）`, status: 'structuring' });
  await db.insert(s.memberships).values({ engagementId: id, userId: advisor.id, role: 'advisor', teamRole: 'advisor' });
  const nodes = syntheticTree(size);
  await db.insert(s.trees).values({ engagementId: id, revision: 1 });
  for (let i = 0; i < nodes.length; i += 500)
    await db.insert(s.treeNodes).values(nodes.slice(i, i + 500).map((n) => ({ ...n, engagementId: id })));
  await db
    .insert(s.treeRevisions)
    .values({ engagementId: id, revision: 1, actorId: advisor.id, summary: `add ${size}`, operations: [], nodes });
  return { id, size, nodeIds: nodes.map((n) => n.id) };
}

/**
 * Sessions of demo users who may read the engagement, for the SSE readers (created directly rather than
 * through the throttled sign-in route): the lead advisor (a member), the program office, and an observer
 * of a neighbouring municipality given an observer grant here. Returns the session cookies, round robin.
 */
export async function insertReaderSessions(database: Database, engagementId: string, count: number, secret: string): Promise<string[]> {
  const db = database.db;
  const emails = ['morikawa@demo.banso.jp', 'office@demo.banso.jp', 'sakura@demo.banso.jp'];
  const people = await Promise.all(
    emails.map(async (email) => {
      const [user] = await db.select().from(s.users).where(eq(s.users.email, email));
      if (!user) throw new Error(`${email} is not in the demo`);
      return user;
    }),
  );
  const observer = people[2]!;
  if (!observer.municipalityId) throw new Error('the demo observer has no municipality');
  await db.insert(s.observerGrants).values({ engagementId, municipalityId: observer.municipalityId, validUntil: '2099-03-31' });
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) {
    const { token } = await createSession(db, people[i % people.length]!.id, { ttlHours: 2, secret, now: new Date() });
    cookies.push(`banso_session=${token}`);
  }
  return cookies;
}
