/**
 * Comment threads and observers' questions (issue 15 item 1): CRUD with If-Match, own-only edit and
 * delete, resolve and reopen, the visibility of threads (team / municipality / observers) in lists,
 * by id, in counts and in the live events, mentions, pagination. Runs on PGlite and PostgreSQL.
 */
import type { Comment, CommentCounts, CommentThreadPage, EngagementEvent } from '@banso/shared';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentMentions, treeNodes, visits } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
let id: string;
let otherId: string;
let nodeId: string;
let visitId: string;
let advisor: Session;
let peer: Session;
let member: Session;
let observer: Session;
let foreignObserver: Session;

beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-01' });
  id = await engagementIdOf(ctx, 'みどり区');
  otherId = await engagementIdOf(ctx, 'あおば市');
  const db = ctx.database.db;
  const [root] = await db
    .select({ id: treeNodes.id })
    .from(treeNodes)
    .where(and(eq(treeNodes.engagementId, id), isNull(treeNodes.parentId)));
  nodeId = root!.id;
  const [visit] = await db.select({ id: visits.id }).from(visits).where(eq(visits.engagementId, id)).limit(1);
  visitId = visit!.id;
  advisor = await ctx.login(demo.morikawa);
  peer = await ctx.login(demo.takada);
  member = await ctx.login(demo.midori);
  observer = await ctx.login(demo.sakura);
  foreignObserver = await ctx.login(demo.higashi);
}, 120_000);
afterAll(() => ctx?.close());

const url = (suffix = '') => `/api/engagements/${id}/comments${suffix}`;
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const start = async (who: Session, body: Record<string, unknown>) => {
  const res = await who.post(url(), { subjectType: 'node', subjectId: nodeId, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Comment;
};
const threadsOf = async (who: Session, query = `?subjectType=node&subjectId=${nodeId}&limit=100`) => {
  const res = await who.get(url(query));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CommentThreadPage;
};
const countOf = async (who: Session, subjectId = nodeId) => {
  const res = await who.get(url('/counts?subjectType=node'));
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as CommentCounts).items.find((c) => c.subjectId === subjectId) ?? { open: 0, total: 0 };
};

describe('POST /api/engagements/:id/comments', () => {
  it('starts a thread, replies in it, and lists threads with their replies', async () => {
    const root = await start(advisor, { body: 'この目指す姿の表現は区民に伝わるか', visibility: 'municipality' });
    expect(root).toMatchObject({ parentId: null, kind: 'comment', visibility: 'municipality', mine: true, authorRole: 'advisor' });
    expect(root.author?.name).toBe('森川 恵子');
    const reply = (
      await member.post(url(), { subjectType: 'node', subjectId: nodeId, parentId: root.id, body: '区報の言い回しに合わせます' })
    ).json() as Comment;
    expect(reply).toMatchObject({ parentId: root.id, visibility: 'municipality', authorRole: 'municipal_member' });
    const page = await threadsOf(member);
    const thread = page.items.find((t) => t.id === root.id)!;
    expect(thread.replies.map((r) => r.body)).toEqual(['区報の言い回しに合わせます']);
    expect(thread.mine).toBe(false);
  });

  it('refuses a reply with another visibility or subject, to a reply, or to an unknown subject (400 naming the field)', async () => {
    const root = await start(advisor, { body: '返信の検査', visibility: 'team' });
    const reply = await advisor.post(url(), {
      subjectType: 'node',
      subjectId: nodeId,
      parentId: root.id,
      body: 'x',
      visibility: 'observers',
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().errors[0].path).toBe('body.visibility');
    const other = await advisor.post(url(), { subjectType: 'visit', subjectId: visitId, parentId: root.id, body: 'x' });
    expect(other.json().errors[0].path).toBe('body.subjectId');
    const child = await start(advisor, { parentId: root.id, body: '返信' });
    const nested = await advisor.post(url(), { subjectType: 'node', subjectId: nodeId, parentId: child.id, body: 'x' });
    expect(nested.json().errors[0].path).toBe('body.parentId');
    const unknown = await advisor.post(url(), { subjectType: 'action', subjectId: nodeId, body: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('body.subjectId');
  });

  it('lets a municipal member write municipality or observers threads, never team ones', async () => {
    const res = await member.post(url(), { subjectType: 'node', subjectId: nodeId, body: 'チームだけに', visibility: 'team' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.visibility');
    expect((await start(member, { body: '既定は自治体まで' })).visibility).toBe('municipality');
  });
});

describe('visibility of threads', () => {
  it('keeps team threads from the municipality and observers: absent from lists and counts, 404 by id', async () => {
    const before = { member: await countOf(member), observer: await countOf(observer), advisor: await countOf(advisor) };
    const secret = await start(advisor, { body: 'A包括の運用は人事に関わるので伏せる', visibility: 'team' });
    expect((await countOf(advisor)).open).toBe(before.advisor.open + 1);
    expect(await countOf(member)).toEqual(before.member);
    expect(await countOf(observer)).toEqual(before.observer);
    for (const who of [member, observer]) {
      expect((await threadsOf(who)).items.some((t) => t.id === secret.id)).toBe(false);
      expect((await who.get(url(`/${secret.id}`))).statusCode).toBe(404);
      const reply = await who.post(url(), { subjectType: 'node', subjectId: nodeId, parentId: secret.id, kind: 'question', body: 'x' });
      expect(reply.statusCode).toBe(400);
      expect(reply.json().errors[0].path).toBe('body.parentId');
    }
    const municipal = await start(advisor, { body: '自治体までのコメント', visibility: 'municipality' });
    expect((await member.get(url(`/${municipal.id}`))).statusCode).toBe(200);
    expect((await observer.get(url(`/${municipal.id}`))).statusCode).toBe(404);
  });

  it('lets an observer ask a question that the team answers where observers read it', async () => {
    const question = await start(observer, { kind: 'question', body: '初回相談の基準はどう統一しましたか' });
    expect(question).toMatchObject({ kind: 'question', visibility: 'observers', mine: true, authorRole: 'observer' });
    expect(question.author?.name).toBe('石井 聡');
    const answer = await start(advisor, { parentId: question.id, body: '包括の連絡会で基準票を共有しました' });
    expect(answer.visibility).toBe('observers');
    const thread = (await threadsOf(observer)).items.find((t) => t.id === question.id)!;
    expect(thread.replies.map((r) => [r.body, r.authorRole, r.author])).toEqual([['包括の連絡会で基準票を共有しました', 'advisor', null]]);
    // Only threads visible to observers reach them.
    for (const t of (await threadsOf(observer, '?limit=100')).items) expect(t.visibility).toBe('observers');
    // Another engagement's observer knows nothing of it.
    expect((await foreignObserver.get(url(`/${question.id}`))).statusCode).toBe(404);
  });

  it('lets observers write only questions visible to observers', async () => {
    const comment = await observer.post(url(), { subjectType: 'node', subjectId: nodeId, kind: 'comment', body: 'x' });
    expect(comment.statusCode).toBe(400);
    expect(comment.json().errors[0].path).toBe('body.kind');
    const wider = await observer.post(url(), {
      subjectType: 'node',
      subjectId: nodeId,
      kind: 'question',
      visibility: 'municipality',
      body: 'x',
    });
    expect(wider.statusCode).toBe(400);
    expect(wider.json().errors[0].path).toBe('body.visibility');
    const plain = await start(advisor, { body: '傍聴向けの説明', visibility: 'observers' });
    const reply = await observer.post(url(), { subjectType: 'node', subjectId: nodeId, parentId: plain.id, kind: 'question', body: 'x' });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().errors[0].path).toBe('body.kind');
  });

  it('sends an observer no live event of a team comment (JSON ?after=)', async () => {
    const after = ((await observer.get(`/api/engagements/${id}/events`)).json() as { lastEventId: string }).lastEventId;
    const teamAfter = ((await advisor.get(`/api/engagements/${id}/events`)).json() as { lastEventId: string }).lastEventId;
    const secret = await start(advisor, { body: 'チーム内の検討メモ', visibility: 'team' });
    const open = await start(advisor, { body: '傍聴自治体にも見える', visibility: 'observers' });
    const events = (who: Session, from: string) =>
      who.get(`/api/engagements/${id}/events?after=${from}`).then((r) => (r.json() as { items: EngagementEvent[] }).items);
    const seen = (await events(observer, after)).filter((e) => e.kind === 'comment.changed').map((e) => e.data.commentId);
    expect(seen).toEqual([open.id]);
    const team = (await events(advisor, teamAfter)).filter((e) => e.kind === 'comment.changed').map((e) => e.data.commentId);
    expect(team).toEqual([secret.id, open.id]);
  });
});

describe('PATCH and DELETE /api/engagements/:id/comments/:commentId', () => {
  it('lets the author edit with If-Match (428 without, 412 stale) and nobody else (403)', async () => {
    const c = await start(advisor, { body: '最初の文', visibility: 'municipality' });
    expect((await advisor.patch(url(`/${c.id}`), { body: '直した文' })).statusCode).toBe(428);
    const edited = await advisor.patch(url(`/${c.id}`), { body: '直した文' }, ifMatch(c.version));
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ body: '直した文', version: c.version + 1 });
    expect(edited.json().editedAt).not.toBeNull();
    expect((await advisor.patch(url(`/${c.id}`), { body: '古い版' }, ifMatch(c.version))).statusCode).toBe(412);
    expect((await member.patch(url(`/${c.id}`), { body: '他人の' }, ifMatch(c.version + 1))).statusCode).toBe(403);
    expect((await peer.delete(url(`/${c.id}`), ifMatch(c.version + 1))).statusCode).toBe(403);
  });

  it('deletes softly: the thread keeps its place with an empty body, and the comment cannot be edited again', async () => {
    const root = await start(member, { body: '消すコメント' });
    await start(advisor, { parentId: root.id, body: '残る返信' });
    expect((await member.delete(url(`/${root.id}`))).statusCode).toBe(428);
    expect((await member.delete(url(`/${root.id}`), ifMatch(root.version))).statusCode).toBe(204);
    const thread = (await threadsOf(advisor)).items.find((t) => t.id === root.id)!;
    expect(thread).toMatchObject({ body: '', replies: [{ body: '残る返信' }] });
    expect(thread.deletedAt).not.toBeNull();
    const again = await member.patch(url(`/${root.id}`), { body: '復活' }, ifMatch(thread.version));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('comment_deleted');
  });
});

describe('PUT /api/engagements/:id/comments/:commentId/resolution', () => {
  it('resolves and reopens a thread (team or municipality; the observer only their own question), counting open threads', async () => {
    const before = await countOf(member);
    const c = await start(advisor, { body: '解決するスレッド', visibility: 'municipality' });
    expect((await countOf(member)).open).toBe(before.open + 1);
    expect((await member.put(url(`/${c.id}/resolution`), { resolved: true })).statusCode).toBe(428);
    const resolved = await member.put(url(`/${c.id}/resolution`), { resolved: true }, ifMatch(c.version));
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().resolvedBy.name).toBe('中村 陽子');
    expect(await countOf(member)).toEqual({ subjectId: nodeId, open: before.open, total: before.total + 1 });
    const reopened = await advisor.put(url(`/${c.id}/resolution`), { resolved: false }, ifMatch(resolved.json().version));
    expect(reopened.json().resolvedAt).toBeNull();

    const others = await start(advisor, { body: '傍聴向け', visibility: 'observers' });
    expect((await observer.put(url(`/${others.id}/resolution`), { resolved: true }, ifMatch(others.version))).statusCode).toBe(403);
    const own = await start(observer, { kind: 'question', body: '自分の質問' });
    expect((await observer.put(url(`/${own.id}/resolution`), { resolved: true }, ifMatch(own.version))).statusCode).toBe(200);
    const reply = await start(advisor, { parentId: own.id, body: '回答' });
    const onReply = await advisor.put(url(`/${reply.id}/resolution`), { resolved: true }, ifMatch(reply.version));
    expect(onReply.statusCode).toBe(400);
  });
});

describe('mentions', () => {
  it('stores members who can read the thread and refuses others, naming body.mentions.N', async () => {
    const c = await start(advisor, {
      body: '@中村 陽子 さん、数字の確認をお願いします',
      visibility: 'municipality',
      mentions: [member.userId],
    });
    expect(c.mentions).toEqual([{ id: member.userId, name: '中村 陽子' }]);
    const rows = await ctx.database.db.select().from(commentMentions).where(eq(commentMentions.commentId, c.id));
    expect(rows.map((r) => r.userId)).toEqual([member.userId]);
    // A municipal member cannot read a team thread; an observer is no member.
    const team = await advisor.post(url(), {
      subjectType: 'node',
      subjectId: nodeId,
      body: 'x',
      visibility: 'team',
      mentions: [peer.userId, member.userId],
    });
    expect(team.statusCode).toBe(400);
    expect(team.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.mentions.1']);
    const obs = await advisor.post(url(), {
      subjectType: 'node',
      subjectId: nodeId,
      body: 'x',
      visibility: 'observers',
      mentions: [observer.userId],
    });
    expect(obs.json().errors[0].path).toBe('body.mentions.0');
    // Observers do not see whom a comment names.
    const shared = await start(advisor, { body: '傍聴向け @中村 陽子', visibility: 'observers', mentions: [member.userId] });
    expect((await observer.get(url(`/${shared.id}`))).json().mentions).toEqual([]);
  });
});

describe('GET /api/engagements/:id/comments', () => {
  it('pages threads newest first with a cursor, filtered by subject', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++)
      made.push((await start(advisor, { subjectType: 'visit', subjectId: visitId, body: `支援回のコメント ${i}`, visibility: 'team' })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await threadsOf(advisor, `?subjectType=visit&subjectId=${visitId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    expect((await advisor.get(url('?cursor=bm9wZQ'))).statusCode).toBe(400);
  });

  it('answers 404 to a caller without a role, 401 signed out', async () => {
    const outsider = await ctx.login(demo.aoba);
    expect((await outsider.get(url())).statusCode).toBe(404);
    expect((await ctx.anonymous.get(url())).statusCode).toBe(401);
    expect((await advisor.get(`/api/engagements/${otherId}/comments`)).statusCode).toBe(200);
  });
});

describe('the demo', () => {
  it('holds a thread naming the municipal member, a team-only note and an observer question answered by the lead advisor', async () => {
    const all = async (who: Session) => (await threadsOf(who, '?limit=100')).items.filter((t) => t.createdAt < '2025-11-01');
    const team = await all(advisor);
    const mention = team.find((t) => t.mentions.some((m) => m.name === '中村 陽子'));
    expect(mention).toMatchObject({ visibility: 'municipality', replies: [{ authorRole: 'municipal_member' }] });
    expect(mention?.resolvedAt).not.toBeNull();
    expect(team.some((t) => t.visibility === 'team' && t.subjectType === 'action')).toBe(true);
    const asked = (await all(observer)).filter((t) => t.kind === 'question');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ mine: true, replies: [{ authorRole: 'advisor', author: null }] });
    expect((await all(member)).some((t) => t.visibility === 'team')).toBe(false);
  });
});
