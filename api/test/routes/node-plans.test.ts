/**
 * Verification at every level: plans on the goal (目指す姿) and outcome / issue nodes beside the
 * actions' plans, qualitative plans (method, evidence, timing, no numeric target), and the roadmap
 * gate over them: a qualitative plan naming its method and timing passes, a plan with neither a
 * target nor a method is named in the 409's missing[].
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

let ctx: TestContext;
let aoba: string;
let advisor: Session;
let nodes: { id: string; kind: string; title: string }[];
const api = (path: string) => `/api/engagements/${aoba}${path}`;

beforeAll(async () => {
  ctx = await createTestContext();
  aoba = await engagementIdOf(ctx, 'あおば市');
  advisor = await ctx.login(demo.kitano);
  nodes = (await advisor.get(api('/tree'))).json().nodes;
});
afterAll(() => ctx.close());

const nodeOf = (kind: string) => nodes.find((n) => n.kind === kind)!;
const engagementVersion = async () => (await advisor.get(api(''))).json().version as number;

describe('verification plans on goal and outcome nodes', () => {
  let qualitativeId: string;
  let bareId: string;

  it('a qualitative plan on an outcome node (method, evidence, timing) is created and listed above the actions; the gate still passes', async () => {
    const outcome = nodes.find((n) => n.kind === 'outcome') ?? nodeOf('issue');
    const res = await advisor.post(api(`/nodes/${outcome.id}/verification-plans`), {
      qualitative: true,
      indicatorName: '住民の支え合いの広がり',
      method: '地域ケア会議の議事録と住民ヒアリングで事例の変化を確認する',
      dataSource: '議事録・ヒアリング記録',
      timing: '年度末に1回',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ actionId: null, nodeId: outcome.id, qualitative: true, gaps: [], progress: null });
    expect(res.headers.etag).toBe('"1"');
    qualitativeId = res.json().id;

    const roadmap = (await advisor.get(api('/roadmap'))).json();
    expect(roadmap.nodePlans).toEqual([
      expect.objectContaining({
        node: { id: outcome.id, title: outcome.title, kind: outcome.kind },
        plans: [expect.objectContaining({ id: qualitativeId })],
      }),
    ]);
    // The action rows do not carry it.
    expect(roadmap.items.flatMap((r: { plans: { id: string }[] }) => r.plans).some((p: { id: string }) => p.id === qualitativeId)).toBe(
      false,
    );
    // Observers read it through their allow-list.
    const observer = (await (await ctx.login(demo.higashi)).get(api('/roadmap'))).json();
    expect(observer.view).toBe('observer');
    expect(observer.nodePlans[0].plans[0]).toMatchObject({ id: qualitativeId, qualitative: true });
    expect(observer.nodePlans[0].plans[0].note).toBeUndefined();

    const readiness = (await advisor.get(api('/readiness'))).json();
    expect(readiness).toMatchObject({ ready: true, missing: [] });
  });

  it('a plan with neither target nor method on the goal node keeps the roadmap from being proposed: 409 naming the plan', async () => {
    const goal = nodeOf('goal');
    const res = await advisor.post(api(`/nodes/${goal.id}/verification-plans`), { indicatorName: '主観的幸福感' });
    expect(res.statusCode, res.body).toBe(201);
    bareId = res.json().id;
    expect(res.json().gaps).toEqual(expect.arrayContaining(['targetValue', 'timing']));

    const refused = await advisor.post(api('/roadmap-proposal'), {}, ifMatch(await engagementVersion()));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('roadmap_incomplete');
    expect(refused.json().missing).toEqual([
      {
        actionId: null,
        nodeId: goal.id,
        planId: bareId,
        title: `${goal.title}（主観的幸福感）`,
        lacks: ['plan.baselineAsOf', 'plan.baseline', 'plan.targetValue', 'plan.targetBy', 'plan.timing', 'plan.dataSource'],
      },
    ]);
    // Made qualitative without method or timing, it lacks exactly those.
    const qualitative = await advisor.patch(api(`/nodes/${goal.id}/verification-plans/${bareId}`), { qualitative: true }, ifMatch(1));
    expect(qualitative.statusCode, qualitative.body).toBe(200);
    expect(qualitative.json().gaps).toEqual(['method', 'timing']);
    const again = await advisor.post(api('/roadmap-proposal'), {}, ifMatch(await engagementVersion()));
    expect(again.statusCode).toBe(409);
    expect(again.json().missing).toEqual([expect.objectContaining({ planId: bareId, lacks: ['plan.method', 'plan.timing'] })]);
  });

  it('refuses a numeric target on a qualitative plan (400 naming it), a plan on a cause node (400), and edits without If-Match (428)', async () => {
    const goal = nodeOf('goal');
    const withTarget = await advisor.patch(api(`/nodes/${goal.id}/verification-plans/${bareId}`), { targetValue: 80 }, ifMatch(2));
    expect(withTarget.statusCode).toBe(400);
    expect(JSON.stringify(withTarget.json())).toContain('body.targetValue');
    const cause = nodeOf('cause');
    const onCause = await advisor.post(api(`/nodes/${cause.id}/verification-plans`), { indicatorName: 'x' });
    expect(onCause.statusCode).toBe(400);
    expect((await advisor.patch(api(`/nodes/${goal.id}/verification-plans/${bareId}`), { timing: '年1回' })).statusCode).toBe(428);
    // The plan of another node's path is not found.
    expect((await advisor.patch(api(`/nodes/${cause.id}/verification-plans/${bareId}`), { timing: '年1回' }, ifMatch(2))).statusCode).toBe(
      404,
    );
  });

  it('once the goal plan names its method and timing the team proposes (200); observers may not write node plans (403)', async () => {
    const goal = nodeOf('goal');
    const done = await advisor.patch(
      api(`/nodes/${goal.id}/verification-plans/${bareId}`),
      { method: '住民アンケートの自由記述を分析する', timing: '3年ごと（介護予防・日常生活圏域ニーズ調査）' },
      ifMatch(2),
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().gaps).toEqual([]);
    const proposed = await advisor.post(api('/roadmap-proposal'), {}, ifMatch(await engagementVersion()));
    expect(proposed.statusCode, proposed.body).toBe(200);

    const observer = await ctx.login(demo.higashi);
    expect((await observer.post(api(`/nodes/${goal.id}/verification-plans`), { qualitative: true })).statusCode).toBe(403);
    // The municipality co-owns its plan and may add one.
    const member = await ctx.login(demo.aoba);
    const own = await member.post(api(`/nodes/${goal.id}/verification-plans`), { qualitative: true, method: '座談会', timing: '年度末' });
    expect(own.statusCode, own.body).toBe(201);
    const removed = await member.delete(api(`/nodes/${goal.id}/verification-plans/${own.json().id}`), ifMatch(1));
    expect(removed.statusCode).toBe(204);
    expect(qualitativeId).toBeTruthy();
  });

  it('the report lists the node-level plans (before the actions’ plans)', async () => {
    const created = await advisor.post(api('/reports'), {});
    expect(created.statusCode, created.body).toBe(201);
    const verification = created.json().facts.verification as { planId: string; actionId: string | null; nodeId?: string | null }[];
    const first = verification.slice(0, 2).map((p) => p.planId);
    expect(first.sort()).toEqual([qualitativeId, bareId].sort());
    expect(verification.find((p) => p.planId === qualitativeId)).toMatchObject({ actionId: null, qualitative: true });
  });
});
