import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

interface Action {
  id: string;
  nodeId: string;
  node: { id: string; title: string; kind: string };
  status: string;
  nextStatuses: string[];
  rationale: string;
  ownerDepartment: string;
  partners: string[];
  priority: string;
  hasRoadmapItem: boolean;
  verificationPlanCount: number;
  milestoneCount: number;
  version: number;
}

let ctx: TestContext;
let midori: string;
let advisor: Session;
const list = `/api/engagements/`;
const actionsUrl = () => `${list}${midori}/actions`;

beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
  midori = await engagementIdOf(ctx, 'みどり区');
  advisor = await ctx.login(demo.morikawa);
});
afterAll(() => ctx.close());

const nodeId = async (title: string) =>
  ((await advisor.get(`/api/engagements/${midori}/tree`)).json().nodes as { id: string; title: string }[]).find((n) => n.title === title)!
    .id;
const listActions = async (s: Session = advisor) => (await s.get(actionsUrl())).json().items as Action[];

describe('GET /api/engagements/:id/actions', () => {
  it('lists the actions with their measure node and what the roadmap holds for them', async () => {
    const items = await listActions();
    // In the order their measures take in the tree (depth first).
    expect(items.map((a) => a.node.title)).toEqual([
      'マンション管理組合・配達事業者と見守り協定',
      '区報・薬局で相談窓口を周知',
      '医師会と「もの忘れ連絡票」を定型化',
      'チーム依頼基準を包括合同で統一',
      '圏域ごとの認知症カフェに介護者相談を併設',
    ]);
    const renraku = items.find((a) => a.node.title === '医師会と「もの忘れ連絡票」を定型化')!;
    expect(renraku).toMatchObject({
      node: { kind: 'measure' },
      status: 'in_progress',
      nextStatuses: ['done', 'on_hold', 'dropped'],
      hasRoadmapItem: true,
      verificationPlanCount: 1,
      milestoneCount: 4,
      ownerDepartment: '高齢福祉課',
      version: 1,
    });
  });

  it('is readable by every role, 404 for advisors of other engagements', async () => {
    for (const email of [demo.office, demo.midori, demo.sakura, demo.takada])
      expect((await (await ctx.login(email)).get(actionsUrl())).statusCode, email).toBe(200);
    expect((await (await ctx.login(demo.kitano)).get(actionsUrl())).statusCode).toBe(404);
    expect((await ctx.anonymous.get(actionsUrl())).statusCode).toBe(401);
  });
});

describe('POST /api/engagements/:id/actions', () => {
  it('selects a measure with rationale, owner, partners and priority (201, ETag), and audits it', async () => {
    const node = await nodeId('認知症対応型通所の整備誘導');
    const res = await advisor.post(actionsUrl(), {
      nodeId: node,
      rationale: '日中の居場所を増やす',
      ownerDepartment: '介護保険課',
      partners: ['社会福祉協議会', '区内事業者'],
      priority: 'high',
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({
      nodeId: node,
      node: { title: '認知症対応型通所の整備誘導', kind: 'measure' },
      status: 'selected',
      priority: 'high',
      partners: ['社会福祉協議会', '区内事業者'],
      hasRoadmapItem: false,
      verificationPlanCount: 0,
    });
    expect(await listActions()).toHaveLength(6);
    const [entry] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'action'), eq(auditLog.entityId, res.json().id)));
    expect(entry).toMatchObject({ action: 'action.create', engagementId: midori });
  });

  it('refuses a node that is not a measure with 409 not_a_measure', async () => {
    const res = await advisor.post(actionsUrl(), { nodeId: await nodeId('相談窓口が知られていない'), rationale: '理由' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('not_a_measure');
  });

  it('refuses a measure that already has an action with 409 already_selected', async () => {
    const res = await advisor.post(actionsUrl(), { nodeId: await nodeId('区報・薬局で相談窓口を周知'), rationale: '理由' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('already_selected');
  });

  it('requires a non-blank rationale (400 naming body.rationale)', async () => {
    const node = await nodeId('認知症対応型通所の整備誘導');
    for (const body of [{ nodeId: node }, { nodeId: node, rationale: '   ' }]) {
      const res = await advisor.post(actionsUrl(), body);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('body.rationale');
    }
  });

  it('answers 400 for unknown fields and for a node outside the engagement', async () => {
    const unknown = await advisor.post(actionsUrl(), { nodeId: await nodeId('認知症対応型通所の整備誘導'), rationale: 'r', budget: 100 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('body.budget');
    const aoba = await engagementIdOf(ctx, 'あおば市');
    const foreign = ((await advisor.get(`/api/engagements/${aoba}/tree`)).json().nodes as { id: string; kind: string }[]).find(
      (n) => n.kind === 'measure',
    )!;
    const res = await advisor.post(actionsUrl(), { nodeId: foreign.id, rationale: 'r' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.nodeId');
  });

  it('lets advisors and municipal members select and refuses other roles (403) and advisors of other engagements (404)', async () => {
    // A fresh measure to select.
    const tree = (await advisor.get(`/api/engagements/${midori}/tree`)).json();
    const cause = tree.nodes.find((n: { title: string }) => n.title === '日中の居場所が少ない');
    const id = crypto.randomUUID();
    const added = await advisor.post(
      `/api/engagements/${midori}/tree/operations`,
      { operations: [{ op: 'add', id, parentId: cause.id, kind: 'measure', title: '空き店舗で日中の居場所づくり' }] },
      { 'if-match': `"${tree.revision}"` },
    );
    expect(added.statusCode).toBe(200);
    const body = { nodeId: id, rationale: '空き店舗を活用できる' };
    expect((await (await ctx.login(demo.sakura)).post(actionsUrl(), body)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.office)).post(actionsUrl(), body)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.kitano)).post(actionsUrl(), body)).statusCode).toBe(404);
    // Co-ownership: the municipality selects actions alongside the team.
    expect((await (await ctx.login(demo.midori)).post(actionsUrl(), body)).statusCode).toBe(201);
  });
});

describe('PATCH /api/engagements/:id/actions/:actionId', () => {
  const find = async (title: string) => (await listActions()).find((a) => a.node.title === title)!;

  it('edits fields and moves the status along the transition table (If-Match → new ETag)', async () => {
    const action = await find('認知症対応型通所の整備誘導');
    const url = `${actionsUrl()}/${action.id}`;
    const edited = await advisor.patch(url, { ownerDepartment: '高齢福祉課', priority: 'low' }, { 'if-match': `"${action.version}"` });
    expect(edited.statusCode).toBe(200);
    expect(edited.headers.etag).toBe(`"${action.version + 1}"`);
    expect(edited.json()).toMatchObject({ ownerDepartment: '高齢福祉課', priority: 'low', status: 'selected' });
    const started = await advisor.patch(url, { status: 'in_progress' }, { 'if-match': edited.headers.etag as string });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ status: 'in_progress', nextStatuses: ['done', 'on_hold', 'dropped'] });
    const [entry] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'action'), eq(auditLog.entityId, action.id), eq(auditLog.action, 'action.update')))
      .limit(1);
    expect(entry).toMatchObject({ before: { priority: 'high' }, after: { priority: 'low' } });
  });

  it('refuses a move the table does not allow with 409 transition_not_allowed', async () => {
    const action = await find('認知症対応型通所の整備誘導');
    const done = await advisor.patch(`${actionsUrl()}/${action.id}`, { status: 'done' }, { 'if-match': `"${action.version}"` });
    expect(done.statusCode).toBe(200);
    const back = await advisor.patch(`${actionsUrl()}/${action.id}`, { status: 'in_progress' }, { 'if-match': `"${action.version + 1}"` });
    expect(back.statusCode).toBe(409);
    expect(back.json()).toMatchObject({ code: 'transition_not_allowed' });
    expect((await find('認知症対応型通所の整備誘導')).status).toBe('done');
  });

  it('answers 428 without If-Match and 412 with the current action when stale', async () => {
    const action = await find('区報・薬局で相談窓口を周知');
    const url = `${actionsUrl()}/${action.id}`;
    expect((await advisor.patch(url, { priority: 'high' })).statusCode).toBe(428);
    const stale = await advisor.patch(url, { priority: 'high' }, { 'if-match': `"${action.version + 5}"` });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ id: action.id, version: action.version, priority: action.priority });
    expect((await find('区報・薬局で相談窓口を周知')).priority).toBe(action.priority);
  });

  it('answers 400 for an empty body and 404 for an unknown action', async () => {
    const action = await find('区報・薬局で相談窓口を周知');
    expect((await advisor.patch(`${actionsUrl()}/${action.id}`, {}, { 'if-match': '"1"' })).statusCode).toBe(400);
    expect(
      (await advisor.patch(`${actionsUrl()}/00000000-0000-4000-8000-000000000000`, { priority: 'low' }, { 'if-match': '"1"' })).statusCode,
    ).toBe(404);
  });

  it('lets advisors and municipal members edit and refuses other roles (403) and advisors of other engagements (404)', async () => {
    const action = await find('区報・薬局で相談窓口を周知');
    const url = `${actionsUrl()}/${action.id}`;
    const headers = { 'if-match': `"${action.version}"` };
    for (const email of [demo.sakura, demo.office])
      expect((await (await ctx.login(email)).patch(url, { priority: 'low' }, headers)).statusCode, email).toBe(403);
    expect((await (await ctx.login(demo.kitano)).patch(url, { priority: 'low' }, headers)).statusCode).toBe(404);
    expect((await (await ctx.login(demo.midori)).patch(url, { priority: 'low' }, headers)).statusCode).toBe(200);
  });

  it('keeps the tree from removing a measure once it has an action', async () => {
    const tree = (await advisor.get(`/api/engagements/${midori}/tree`)).json();
    const node = tree.nodes.find((n: { title: string }) => n.title === '認知症対応型通所の整備誘導');
    expect(node.action).toMatchObject({ status: 'done' });
    const res = await advisor.post(
      `/api/engagements/${midori}/tree/operations`,
      { operations: [{ op: 'remove', id: node.id }] },
      { 'if-match': `"${tree.revision}"` },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].rule).toBe('node_has_action');
  });
});
