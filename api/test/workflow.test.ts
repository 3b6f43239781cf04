/**
 * The whole workflow on the demo あおば市 engagement, through the API only: hearing (a visit held,
 * findings) → logic tree built in batches → actions selected → roadmap items, milestones and
 * verification plans → roadmap agreed (the gate refusing it first) → the municipality records
 * measurements and completes a milestone → progress → PDCA review.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from './support/test-app.js';

interface TreeBody {
  revision: number;
  nodes: {
    id: string;
    parentId: string | null;
    kind: string;
    title: string;
    evidenceCount: number;
    action: { id: string; status: string } | null;
  }[];
}
interface Gap {
  actionId: string;
  title: string;
  lacks: string[];
}

let ctx: TestContext;
let aoba: string;
let lead: Session; // 森川 恵子, lead advisor
let peer: Session; // 北野 修, peer advisor
let member: Session; // 小池 健, あおば市
let observer: Session; // 田中 美紀, ひがし市

beforeAll(async () => {
  // The story's "today": the last month of 令和7年度.
  ctx = await createTestContext({ today: '2026-03-10' });
  aoba = await engagementIdOf(ctx, 'あおば市');
  lead = await ctx.login(demo.morikawa);
  peer = await ctx.login(demo.kitano);
  member = await ctx.login(demo.aoba);
  observer = await ctx.login(demo.higashi);
});
afterAll(() => ctx.close());

const api = (path: string) => `/api/engagements/${aoba}${path}`;

async function engagement() {
  const res = await lead.get(api(''));
  expect(res.statusCode).toBe(200);
  return res.json() as { status: string; version: number };
}

async function moveTo(status: string, s: Session = lead) {
  const { version } = await engagement();
  const res = await s.post(api('/status'), { status }, { 'if-match': `"${version}"` });
  expect(res.statusCode, `${status}: ${res.body}`).toBe(200);
  expect(res.json().status).toBe(status);
}

async function tree(s: Session = lead): Promise<TreeBody> {
  const res = await s.get(api('/tree'));
  expect(res.statusCode).toBe(200);
  return res.json() as TreeBody;
}

async function batch(operations: Record<string, unknown>[], s: Session = lead): Promise<TreeBody> {
  const { revision } = await tree(s);
  const res = await s.post(api('/tree/operations'), { operations }, { 'if-match': `"${revision}"` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TreeBody;
}

const titled = (t: TreeBody, title: string) => t.nodes.find((n) => n.title === title)!;

describe('the workflow of あおば市, from hearing to PDCA review', () => {
  // Ids shared by the steps of the story.
  const ids = {
    visit: '',
    finding: '',
    outcome: randomUUID(),
    issue: randomUUID(),
    cause: randomUUID(),
    measureA: randomUUID(),
    measureB: randomUUID(),
  };
  const actions = { a: '', b: '' };
  const plans = { a: '', b: '' };
  let milestone = { id: '', version: 0 };

  it('steps back to the hearing stage along the allowed path', async () => {
    expect((await engagement()).status).toBe('actions_selected');
    // Skipping back two stages at once is not allowed.
    const { version } = await engagement();
    const skip = await lead.post(api('/status'), { status: 'hearing' }, { 'if-match': `"${version}"` });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().code).toBe('transition_not_allowed');
    await moveTo('structuring');
    await moveTo('hearing');
  });

  it('holds a visit and records its findings', async () => {
    const created = await lead.post(api('/visits'), {
      kind: 'site_visit',
      date: '2026-01-22',
      attendees: ['森川 恵子', '北野 修', '小池 健'],
      agenda: '通いの場の担い手',
    });
    expect(created.statusCode, created.body).toBe(201);
    ids.visit = created.json().id;
    const held = await lead.patch(
      api(`/visits/${ids.visit}`),
      { status: 'held', minutes: '男性の参加が少ない理由を確認した' },
      { 'if-match': `"${created.json().version}"` },
    );
    expect(held.statusCode, held.body).toBe(200);
    const finding = await peer.post(api('/findings'), {
      visitId: ids.visit,
      kind: 'qualitative_fact',
      text: '退職直後の男性は地域の活動を知る機会がない',
      source: '第4回支援 現地ヒアリング',
      visibility: 'observers',
    });
    expect(finding.statusCode, finding.body).toBe(201);
    ids.finding = finding.json().id;
    await moveTo('structuring');
  });

  it('builds the tree in several batches, each one revision, with the finding as evidence', async () => {
    const before = await tree();
    const goal = before.nodes.find((n) => n.parentId === null)!;
    // Batch 1: a new outcome and the issue under it.
    await batch([
      { op: 'add', id: ids.outcome, parentId: goal.id, kind: 'outcome', title: '退職後も地域で役割を持ち続ける' },
      { op: 'add', id: ids.issue, parentId: ids.outcome, kind: 'issue', title: '退職直後の男性が地域とつながらない' },
    ]);
    // Batch 2: the cause and two measures.
    await batch([
      { op: 'add', id: ids.cause, parentId: ids.issue, kind: 'cause', title: '地域活動を知る機会がない' },
      { op: 'add', id: ids.measureA, parentId: ids.cause, kind: 'measure', title: '退職前セミナーで地域活動を紹介' },
      { op: 'add', id: ids.measureB, parentId: ids.cause, kind: 'measure', title: '企業OB会と通いの場の交流会' },
    ]);
    // Batch 3: the hearing supports the hypothesis; the measure order changes.
    const third = await batch([
      { op: 'update', id: ids.cause, hypothesisState: 'supported', detail: '現地ヒアリングで確認' },
      { op: 'move', id: ids.measureB, parentId: ids.cause, position: 0 },
    ]);
    expect(third.revision).toBe(before.revision + 3);
    expect(third.nodes).toHaveLength(before.nodes.length + 5);
    const revisions = (await lead.get(api('/tree/revisions'))).json().items as { revision: number; summary: string }[];
    expect(revisions.slice(0, 3).map((r) => r.summary)).toEqual(['update 1, move 1', 'add 3', 'add 2']);

    const evidence = await lead.post(api(`/tree/nodes/${ids.cause}/evidence`), { kind: 'finding', findingId: ids.finding });
    expect(evidence.statusCode).toBe(201);
    // Shared with observers, so the observing neighbour sees it too.
    expect(titled(await tree(observer), '地域活動を知る機会がない').evidenceCount).toBe(1);
  });

  it('selects the measures as actions', async () => {
    const a = await lead.post(api('/actions'), {
      nodeId: ids.measureA,
      rationale: '退職前から地域を知る機会をつくる',
      ownerDepartment: '介護保険課',
      partners: ['商工会'],
      priority: 'high',
    });
    const b = await peer.post(api('/actions'), {
      nodeId: ids.measureB,
      rationale: 'こだま市で参加者が倍増した',
      ownerDepartment: '介護保険課',
      partners: ['企業OB会', '社会福祉協議会'],
    });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    actions.a = a.json().id;
    actions.b = b.json().id;
    const t = await tree();
    expect(titled(t, '退職前セミナーで地域活動を紹介').action).toEqual({ id: actions.a, status: 'selected' });
    await moveTo('actions_selected');
  });

  it('refuses roadmap_agreed while a new action lacks its roadmap item and verification plan', async () => {
    const { version } = await engagement();
    const refused = await lead.post(api('/roadmap-proposal'), {}, { 'if-match': `"${version}"` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('roadmap_incomplete');
    const missing = refused.json().missing as Gap[];
    expect(missing.map((g) => g.actionId).sort()).toEqual([actions.a, actions.b].sort());
    expect(missing.find((g) => g.actionId === actions.a)!.lacks).toEqual(['roadmap_item', 'verification_plan']);
    expect((await engagement()).status).toBe('actions_selected');
  });

  it('sets roadmap items, milestones and verification plans; the gate names what is still missing', async () => {
    for (const [action, span] of [
      [actions.a, { startMonth: '2026-04', endMonth: '2027-03' }],
      [actions.b, { startMonth: '2026-06', endMonth: '2027-09' }],
    ] as const) {
      const res = await lead.put(api(`/actions/${action}/roadmap-item`), span);
      expect(res.statusCode).toBe(201);
    }
    const m = await lead.post(api(`/actions/${actions.a}/milestones`), { due: '2026-06-30', title: '第1回 退職前セミナー' });
    expect(m.statusCode).toBe(201);
    milestone = { id: m.json().id, version: m.json().version };
    expect((await lead.post(api(`/actions/${actions.b}/milestones`), { due: '2026-09-30', title: '交流会 初回' })).statusCode).toBe(201);

    // Action A gets a complete plan; action B only a draft.
    const a = await lead.post(api(`/actions/${actions.a}/verification-plans`), {
      indicatorName: '退職後1年以内の通いの場参加者数',
      unit: '人/年',
      baselineValue: 4,
      baselineAsOf: '2025-03',
      targetValue: 24,
      targetBy: '2027-03',
      timing: '四半期',
      dataSource: '通いの場参加者名簿',
      responsible: '介護保険課',
      method: '名簿の初回参加日から集計',
    });
    expect(a.statusCode).toBe(201);
    expect(a.json().gaps).toEqual([]);
    plans.a = a.json().id;
    const b = await peer.post(api(`/actions/${actions.b}/verification-plans`), { indicatorName: '交流会参加者数', targetValue: 60 });
    expect(b.statusCode).toBe(201);
    plans.b = b.json().id;

    const readiness = (await lead.get(api('/readiness'))).json() as { ready: boolean; missing: Gap[] };
    expect(readiness.ready).toBe(false);
    expect(readiness.missing).toEqual([
      expect.objectContaining({
        actionId: actions.b,
        lacks: ['plan.baselineAsOf', 'plan.baseline', 'plan.targetBy', 'plan.timing', 'plan.dataSource'],
      }),
    ]);
    const { version } = await engagement();
    const refused = await lead.post(api('/roadmap-proposal'), {}, { 'if-match': `"${version}"` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().missing).toHaveLength(1);

    const completed = await peer.patch(
      api(`/actions/${actions.b}/verification-plans/${plans.b}`),
      {
        unit: '人/回',
        baselineValue: null,
        baselineNote: '新規事業のため未把握',
        baselineAsOf: '2026-04',
        targetBy: '2027-09',
        timing: '開催ごと',
        dataSource: '受付名簿',
      },
      { 'if-match': `"${b.json().version}"` },
    );
    expect(completed.statusCode).toBe(200);
    expect(completed.json().gaps).toEqual([]);
    expect((await lead.get(api('/readiness'))).json().ready).toBe(true);
  });

  it('agrees the roadmap (the team proposes, the municipality agrees) and starts monitoring', async () => {
    const proposed = await lead.post(api('/roadmap-proposal'), {}, { 'if-match': `"${(await engagement()).version}"` });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const agreed = await member.post(api('/roadmap-agreement'), {}, { 'if-match': `"${proposed.json().version}"` });
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(agreed.json()).toMatchObject({
      status: 'roadmap_agreed',
      roadmapAgreement: { state: 'agreed', proposedBy: { name: '森川 恵子' }, agreedBy: { name: '小池 健' } },
    });
    await moveTo('monitoring');
    const road = (await lead.get(api('/roadmap'))).json();
    expect(road.items.map((r: { action: { id: string } }) => r.action.id)).toEqual(expect.arrayContaining([actions.a, actions.b]));
  });

  it('the municipality records measurements and completes a milestone; progress is derived', async () => {
    // Progress on the new plan: 4 → 24, measured 14 → 0.5.
    const first = await member.post(api(`/verification-plans/${plans.a}/measurements`), {
      period: '2026-06',
      value: 9,
      comment: '第1回セミナー後',
    });
    expect(first.statusCode).toBe(201);
    const second = await member.post(api(`/verification-plans/${plans.a}/measurements`), {
      period: '2026-09',
      value: 14,
      comment: '第2四半期',
    });
    expect(second.statusCode).toBe(201);
    // And on the seeded I01 plan, lower is better: 31 → 25, measured 28 → 0.5.
    const road = (await member.get(api('/roadmap'))).json();
    const i01 = road.items
      .flatMap((r: { plans: { id: string; indicator: { code: string } | null }[] }) => r.plans)
      .find((p: { indicator: { code: string } | null }) => p.indicator?.code === 'I01');
    expect((await member.post(api(`/verification-plans/${i01.id}/measurements`), { period: '2026-07', value: 28 })).statusCode).toBe(201);

    const done = await member.patch(
      api(`/actions/${actions.a}/milestones/${milestone.id}`),
      { status: 'done' },
      { 'if-match': `"${milestone.version}"` },
    );
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', completedBy: { name: '小池 健' } });

    const after = (await lead.get(api('/roadmap'))).json();
    const allPlans = after.items.flatMap((r: { plans: unknown[] }) => r.plans) as {
      id: string;
      latest: unknown;
      progress: number | null;
    }[];
    const planA = allPlans.find((p) => p.id === plans.a)!;
    expect(planA.latest).toEqual({ period: '2026-09', value: 14 });
    expect(planA.progress).toBeCloseTo(0.5);
    expect(allPlans.find((p) => p.id === i01.id)!.progress).toBeCloseTo(0.5);
    // The observing neighbour sees the values, without the municipality's comments.
    const observed = (await observer.get(api('/roadmap'))).json();
    const seen = observed.items.flatMap((r: { plans: unknown[] }) => r.plans).find((p: { id: string }) => p.id === plans.a);
    expect(seen.measurements).toEqual([
      expect.not.objectContaining({ comment: expect.anything() }),
      expect.not.objectContaining({ comment: expect.anything() }),
    ]);
    expect(seen.progress).toBeCloseTo(0.5);
  });

  it('saves the PDCA review of the fiscal year', async () => {
    const saved = await member.put(api('/pdca-reviews/2025'), {
      assessment: 'good',
      comment: '退職前セミナーで参加者が増え始めた',
      nextActions: '企業OB会との交流会を全地区へ',
    });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ fiscalYear: 2025, assessment: 'good', mark: '○', updatedBy: { name: '小池 健' } });
    const list = (await lead.get(api('/pdca-reviews'))).json().items as { fiscalYear: number; mark: string }[];
    expect(list).toEqual([expect.objectContaining({ fiscalYear: 2025, mark: '○' })]);
    expect((await engagement()).status).toBe('monitoring');
  });
});
