import { and, desc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actions,
  auditLog,
  engagements,
  roadmapItems,
  treeNodes,
  treeRevisions,
  trees,
  verificationPlans,
} from '../../src/db/schema/index.js';
import { agreeRoadmap, createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
});
afterAll(() => ctx.close());

const namesFor = async (email: string) => {
  const res = await (await ctx.login(email)).get('/api/engagements');
  expect(res.statusCode).toBe(200);
  return (res.json().items as { municipality: { name: string } }[]).map((e) => e.municipality.name).sort();
};

describe('GET /api/engagements', () => {
  it('shows each role exactly the engagements it may see', async () => {
    // みどり区 twice: this year's engagement and last year's, which it continued from (office, its team and member).
    expect(await namesFor(demo.office)).toEqual(['あおば市', 'みどり区', 'みどり区', 'やまなみ町']);
    expect(await namesFor(demo.morikawa)).toEqual(['あおば市', 'みどり区', 'みどり区', 'やまなみ町']);
    expect(await namesFor(demo.kitano)).toEqual(['あおば市', 'やまなみ町']);
    expect(await namesFor(demo.midori)).toEqual(['みどり区', 'みどり区']);
    expect(await namesFor(demo.yamanami)).toEqual(['やまなみ町']);
    expect(await namesFor(demo.sakura)).toEqual(['みどり区']);
    expect(await namesFor(demo.higashi)).toEqual(['あおば市']);
    expect(await namesFor(demo.shiosai)).toEqual(['やまなみ町']);
  });

  it('lists a municipality’s latest fiscal year first, then the year it continued from', async () => {
    const items = (await (await ctx.login(demo.midori)).get('/api/engagements')).json().items as {
      id: string;
      fiscalYear: number;
      previousEngagementId: string | null;
    }[];
    expect(items.map((e) => e.fiscalYear)).toEqual([2025, 2024]);
    expect(items[0]!.previousEngagementId).toBe(items[1]!.id);
  });

  it('reports the caller’s role, theme, status and category', async () => {
    const res = await (await ctx.login(demo.sakura)).get('/api/engagements');
    expect(res.json().items[0]).toMatchObject({
      myRole: 'observer',
      theme: '認知症',
      status: 'actions_selected',
      municipality: { category: 'ward', code: '990001' },
    });
  });

  it('requires a session', async () => {
    expect((await ctx.anonymous.get('/api/engagements')).statusCode).toBe(401);
  });
});

describe('GET /api/engagements/:id', () => {
  it('returns the engagement with its program and an ETag', async () => {
    const list = (await (await ctx.login(demo.midori)).get('/api/engagements')).json().items;
    const res = await (await ctx.login(demo.midori)).get(`/api/engagements/${list[0].id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json().program.visitWindows).toHaveLength(3);
    expect(res.json().myRole).toBe('municipal_member');
  });

  it('answers 404 for an engagement the caller has no role in, and for an unknown id', async () => {
    const aoba = (await (await ctx.login(demo.aoba)).get('/api/engagements')).json().items[0].id;
    expect((await (await ctx.login(demo.midori)).get(`/api/engagements/${aoba}`)).statusCode).toBe(404);
    expect((await (await ctx.login(demo.sakura)).get(`/api/engagements/${aoba}`)).statusCode).toBe(404);
    const unknown = await (await ctx.login(demo.office)).get('/api/engagements/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
  });

  it('answers 400 naming the parameter for a malformed id', async () => {
    const res = await (await ctx.login(demo.office)).get('/api/engagements/not-a-uuid');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('params.id');
  });
});

describe('observer grants', () => {
  it('an expired grant behaves as no grant', async () => {
    const late = await createTestContext({ today: '2027-04-01' });
    try {
      const res = await (await late.login(demo.sakura)).get('/api/engagements');
      expect(res.json().items).toEqual([]);
    } finally {
      await late.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Administration, status gate, readiness and continuation.

const ifMatch = (v: number | string) => ({ 'if-match': `"${v}"` });

async function auditRows(engagementId: string) {
  return ctx.database.db.select().from(auditLog).where(eq(auditLog.engagementId, engagementId)).orderBy(desc(auditLog.id));
}

/** The action selected on the measure titled `title` in an engagement. */
async function actionByTitle(engagementId: string, title: string) {
  const [row] = await ctx.database.db
    .select({ id: actions.id })
    .from(actions)
    .innerJoin(treeNodes, eq(treeNodes.id, actions.nodeId))
    .where(and(eq(actions.engagementId, engagementId), eq(treeNodes.title, title)));
  if (!row) throw new Error(`no action ${title}`);
  return row.id;
}

async function demoProgramId() {
  const res = await (await ctx.login(demo.office)).get('/api/programs');
  return (res.json().items as { id: string; fiscalYear: number }[]).find((p) => p.fiscalYear === 2025)!.id;
}

async function municipalityId(name: string) {
  const res = await (await ctx.login(demo.office)).get('/api/municipalities');
  return (res.json().items as { id: string; name: string }[]).find((m) => m.name === name)!.id;
}

describe('POST /api/engagements', () => {
  it('lets the program office open an engagement, with an empty tree and an audit entry', async () => {
    const office = await ctx.login(demo.office);
    const res = await office.post('/api/engagements', {
      programId: await demoProgramId(),
      municipalityId: await municipalityId('さくら区'),
      theme: '介護予防',
      desiredState: '通いの場で元気に暮らす',
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const body = res.json();
    expect(body).toMatchObject({
      theme: '介護予防',
      status: 'selected',
      myRole: 'program_office',
      fiscalYear: 2025,
      municipality: { name: 'さくら区' },
    });
    const [tree] = await ctx.database.db.select().from(trees).where(eq(trees.engagementId, body.id));
    expect(tree?.revision).toBe(0);
    const audit = await auditRows(body.id);
    expect(audit.map((a) => [a.entity, a.action])).toEqual([['engagement', 'create']]);
    expect(audit[0]!.actorId).toBe(office.userId);
    expect(
      (await office.get('/api/engagements')).json().items.map((e: { municipality: { name: string } }) => e.municipality.name),
    ).toContain('さくら区');
  });

  it('rejects a second engagement for the same municipality and program with 409', async () => {
    const res = await (
      await ctx.login(demo.office)
    ).post('/api/engagements', {
      programId: await demoProgramId(),
      municipalityId: await municipalityId('みどり区'),
      theme: '認知症',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('engagement_exists');
  });

  it('answers 400 naming an unknown field or an unknown municipality', async () => {
    const office = await ctx.login(demo.office);
    const programId = await demoProgramId();
    const extra = await office.post('/api/engagements', {
      programId,
      municipalityId: await municipalityId('ひがし市'),
      theme: 'x',
      status: 'closed',
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors.map((e: { path: string }) => e.path)).toContain('body.status');
    const unknown = await office.post('/api/engagements', {
      programId,
      municipalityId: '00000000-0000-4000-8000-000000000000',
      theme: 'x',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('body.municipalityId');
    const blank = await office.post('/api/engagements', { programId, municipalityId: await municipalityId('ひがし市'), theme: '  ' });
    expect(blank.statusCode).toBe(400);
  });

  it('refuses everyone but the program office with 403', async () => {
    const body = { programId: await demoProgramId(), municipalityId: await municipalityId('しおさい村'), theme: '認知症' };
    for (const who of [demo.morikawa, demo.midori, demo.sakura])
      expect((await (await ctx.login(who)).post('/api/engagements', body)).statusCode).toBe(403);
    expect((await ctx.anonymous.post('/api/engagements', body)).statusCode).toBe(401);
  });
});

describe('PATCH /api/engagements/:id', () => {
  it('updates theme and desired state with If-Match, bumping the version', async () => {
    const id = await engagementIdOf(ctx, 'やまなみ町');
    const office = await ctx.login(demo.office);
    const version = Number(JSON.parse((await office.get(`/api/engagements/${id}`)).headers.etag as string));
    const res = await office.patch(`/api/engagements/${id}`, { desiredState: '望めば最期まで町で暮らせる' }, ifMatch(version));
    expect(res.statusCode).toBe(200);
    expect(res.json().desiredState).toBe('望めば最期まで町で暮らせる');
    expect(res.headers.etag).toBe(`"${version + 1}"`);
    const [entry] = await auditRows(id);
    expect(entry).toMatchObject({ entity: 'engagement', action: 'update' });
    expect(entry!.before).toMatchObject({ desiredState: '医療が必要になっても望めば最期まで町で暮らせる' });
  });

  it('answers 412 with the current engagement for a stale If-Match, changing nothing', async () => {
    const id = await engagementIdOf(ctx, 'やまなみ町');
    const office = await ctx.login(demo.office);
    const before = (await office.get(`/api/engagements/${id}`)).json();
    const res = await office.patch(`/api/engagements/${id}`, { theme: '別テーマ' }, ifMatch(before.version - 1 || 99));
    expect(res.statusCode).toBe(412);
    expect(res.json().current).toMatchObject({ id, theme: before.theme, version: before.version });
    expect((await office.get(`/api/engagements/${id}`)).json().theme).toBe(before.theme);
  });

  it('answers 428 without If-Match and 400 for an empty body', async () => {
    const id = await engagementIdOf(ctx, 'やまなみ町');
    const office = await ctx.login(demo.office);
    expect((await office.patch(`/api/engagements/${id}`, { theme: 'x' })).statusCode).toBe(428);
    expect((await office.patch(`/api/engagements/${id}`, {}, ifMatch(1))).statusCode).toBe(400);
  });

  it('lets the team’s advisor edit theme and 目指す姿 after the hearing (engagement.vision)', async () => {
    const id = await engagementIdOf(ctx, 'やまなみ町');
    const advisor = await ctx.login(demo.morikawa);
    const before = (await advisor.get(`/api/engagements/${id}`)).json();
    const res = await advisor.patch(`/api/engagements/${id}`, { desiredState: 'ヒアリングを経た目指す姿' }, ifMatch(before.version));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ desiredState: 'ヒアリングを経た目指す姿', version: before.version + 1 });
    expect(res.json().program.planPeriod).toBe('第9期');
  });

  it('refuses municipal members and observers with 403 and outsiders with 404', async () => {
    const id = await engagementIdOf(ctx, 'やまなみ町');
    for (const who of [demo.yamanami, demo.shiosai])
      expect((await (await ctx.login(who)).patch(`/api/engagements/${id}`, { theme: 'x' }, ifMatch(1))).statusCode).toBe(403);
    expect((await (await ctx.login(demo.midori)).patch(`/api/engagements/${id}`, { theme: 'x' }, ifMatch(1))).statusCode).toBe(404);
  });
});

describe('POST /api/engagements/:id/status', () => {
  it('does not agree the roadmap by a status move: 409 roadmap_agreement_required (the team proposes, the municipality agrees)', async () => {
    const id = await engagementIdOf(ctx, 'あおば市');
    const advisor = await ctx.login(demo.kitano);
    const ready = await advisor.get(`/api/engagements/${id}/readiness`);
    expect(ready.json()).toMatchObject({ status: 'actions_selected', ready: true, missing: [], nextStatuses: ['structuring'] });
    const res = await advisor.post(`/api/engagements/${id}/status`, { status: 'roadmap_agreed' }, ifMatch(1));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('roadmap_agreement_required');
    const agreed = await agreeRoadmap(ctx, id, demo.kitano, demo.aoba);
    expect(agreed.statusCode).toBe(200);
    expect(agreed.json()).toMatchObject({ status: 'roadmap_agreed', version: 3, roadmapAgreement: { state: 'agreed' } });
    expect(agreed.headers.etag).toBe('"3"');
    const [entry] = await auditRows(id);
    expect(entry).toMatchObject({
      entity: 'engagement',
      action: 'roadmap_agree',
      before: { status: 'actions_selected', agreement: 'proposed' },
      after: { status: 'roadmap_agreed', agreement: 'agreed' },
    });
  });

  it('refuses roadmap_agreed with 409 roadmap_incomplete while an action lacks its verification plan', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    const noPlan = await actionByTitle(id, 'チーム依頼基準を包括合同で統一');
    const incomplete = await actionByTitle(id, '区報・薬局で相談窓口を周知');
    await ctx.database.db.delete(verificationPlans).where(eq(verificationPlans.actionId, noPlan));
    await ctx.database.db
      .update(verificationPlans)
      .set({ targetValue: null, dataSource: '' })
      .where(eq(verificationPlans.actionId, incomplete));
    const noRoadmap = await actionByTitle(id, '圏域ごとの認知症カフェに介護者相談を併設');
    await ctx.database.db.delete(roadmapItems).where(eq(roadmapItems.actionId, noRoadmap));

    const advisor = await ctx.login(demo.morikawa);
    const res = await advisor.post(`/api/engagements/${id}/roadmap-proposal`, {}, ifMatch(1));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('roadmap_incomplete');
    const missing = res.json().missing as { actionId: string; title: string; lacks: string[] }[];
    expect(missing).toEqual(
      expect.arrayContaining([
        { actionId: noPlan, title: 'チーム依頼基準を包括合同で統一', lacks: ['verification_plan'] },
        { actionId: incomplete, title: '区報・薬局で相談窓口を周知', lacks: ['plan.targetValue', 'plan.dataSource'] },
        { actionId: noRoadmap, title: '圏域ごとの認知症カフェに介護者相談を併設', lacks: ['roadmap_item'] },
      ]),
    );
    expect(missing).toHaveLength(3);
    const after = (await advisor.get(`/api/engagements/${id}`)).json();
    expect(after).toMatchObject({ status: 'actions_selected', version: 1 });
    expect((await auditRows(id)).filter((a) => a.action === 'status' || a.action.startsWith('roadmap_'))).toEqual([]);

    // The readiness endpoint reports the same list, to the team and the municipality.
    const readiness = await (await ctx.login(demo.midori)).get(`/api/engagements/${id}/readiness`);
    expect(readiness.statusCode).toBe(200);
    expect(readiness.json()).toMatchObject({ ready: false, status: 'actions_selected', nextStatuses: ['structuring'] });
    expect(readiness.json().missing).toEqual(missing);
  });

  it('does not count dropped actions against the gate', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    for (const title of ['チーム依頼基準を包括合同で統一', '区報・薬局で相談窓口を周知', '圏域ごとの認知症カフェに介護者相談を併設'])
      await ctx.database.db
        .update(actions)
        .set({ status: 'dropped' })
        .where(eq(actions.id, await actionByTitle(id, title)));
    const res = await agreeRoadmap(ctx, id, demo.morikawa, demo.midori);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('roadmap_agreed');
  });

  it('refuses a move outside the workflow with 409 transition_not_allowed', async () => {
    const id = await engagementIdOf(ctx, 'やまなみ町');
    const office = await ctx.login(demo.office);
    const { version } = (await office.get(`/api/engagements/${id}`)).json();
    const res = await office.post(`/api/engagements/${id}/status`, { status: 'monitoring' }, ifMatch(version));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('transition_not_allowed');
    expect((await office.get(`/api/engagements/${id}`)).json()).toMatchObject({ status: 'actions_selected', version });
  });

  it('answers 412 for a stale If-Match, 428 without one, 400 for an unknown status', async () => {
    const id = await engagementIdOf(ctx, 'やまなみ町');
    const advisor = await ctx.login(demo.morikawa);
    const { version } = (await advisor.get(`/api/engagements/${id}`)).json();
    const stale = await advisor.post(`/api/engagements/${id}/status`, { status: 'structuring' }, ifMatch(version + 5));
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ status: 'actions_selected', version });
    expect((await advisor.post(`/api/engagements/${id}/status`, { status: 'structuring' })).statusCode).toBe(428);
    expect((await advisor.post(`/api/engagements/${id}/status`, { status: 'done' }, ifMatch(version))).statusCode).toBe(400);
    expect((await advisor.get(`/api/engagements/${id}`)).json()).toMatchObject({ status: 'actions_selected', version });
  });

  it('refuses municipal members and observers with 403 and outsiders with 404', async () => {
    const id = await engagementIdOf(ctx, 'やまなみ町');
    for (const who of [demo.yamanami, demo.shiosai])
      expect((await (await ctx.login(who)).post(`/api/engagements/${id}/status`, { status: 'structuring' }, ifMatch(1))).statusCode).toBe(
        403,
      );
    for (const who of [demo.midori, demo.sakura])
      expect((await (await ctx.login(who)).post(`/api/engagements/${id}/status`, { status: 'structuring' }, ifMatch(1))).statusCode).toBe(
        404,
      );
  });
});

describe('GET /api/engagements/:id/readiness', () => {
  it('is for the team, the municipality and the office, not observers', async () => {
    const id = await engagementIdOf(ctx, 'やまなみ町');
    for (const who of [demo.office, demo.kitano, demo.yamanami])
      expect((await (await ctx.login(who)).get(`/api/engagements/${id}/readiness`)).statusCode).toBe(200);
    expect((await (await ctx.login(demo.shiosai)).get(`/api/engagements/${id}/readiness`)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.aoba)).get(`/api/engagements/${id}/readiness`)).statusCode).toBe(404);
  });
});

describe('POST /api/engagements/:id/continuations', () => {
  async function nextProgram(fiscalYear = 2026) {
    const res = await (await ctx.login(demo.office)).post('/api/programs', { fiscalYear, name: `令和${fiscalYear - 2018}年度 伴走型支援` });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  }

  it('creates next year’s engagement with the tree, open actions, their plans and the team, linked to their origins', async () => {
    const id = await engagementIdOf(ctx, 'やまなみ町');
    const db = ctx.database.db;
    const done = await actionByTitle(id, '包括内に連携相談窓口を明示し周知');
    await db.update(actions).set({ status: 'done' }).where(eq(actions.id, done));
    const programId = await nextProgram();

    const office = await ctx.login(demo.office);
    const res = await office.post(`/api/engagements/${id}/continuations`, { programId });
    expect(res.statusCode).toBe(201);
    const next = res.json();
    expect(next).toMatchObject({
      programId,
      fiscalYear: 2026,
      previousEngagementId: id,
      status: 'selected',
      municipality: { name: 'やまなみ町' },
    });

    const oldNodes = await db.select().from(treeNodes).where(eq(treeNodes.engagementId, id));
    const newNodes = await db.select().from(treeNodes).where(eq(treeNodes.engagementId, next.id));
    expect(newNodes).toHaveLength(oldNodes.length);
    const byOrigin = new Map(newNodes.map((n) => [n.originNodeId, n]));
    for (const o of oldNodes) {
      const copy = byOrigin.get(o.id);
      expect(copy).toBeDefined();
      expect(copy!.id).not.toBe(o.id);
      expect(copy!.title).toBe(o.title);
      expect(copy!.parentId).toBe(o.parentId ? byOrigin.get(o.parentId)!.id : null);
    }
    const [rev] = await db.select().from(treeRevisions).where(eq(treeRevisions.engagementId, next.id));
    expect(rev).toMatchObject({ revision: 1 });
    expect(rev!.nodes).toHaveLength(oldNodes.length);
    expect((await db.select().from(trees).where(eq(trees.engagementId, next.id)))[0]?.revision).toBe(1);

    const oldActions = await db.select().from(actions).where(eq(actions.engagementId, id));
    const newActions = await db.select().from(actions).where(eq(actions.engagementId, next.id));
    expect(newActions.map((a) => a.originActionId).sort()).toEqual(
      oldActions
        .filter((a) => a.id !== done)
        .map((a) => a.id)
        .sort(),
    );
    for (const a of newActions) expect(newNodes.some((n) => n.id === a.nodeId)).toBe(true);
    const newPlans = await db
      .select()
      .from(verificationPlans)
      .where(
        inArray(
          verificationPlans.actionId,
          newActions.map((a) => a.id),
        ),
      );
    expect(newPlans).toHaveLength(3);
    expect(newPlans.every((p) => p.originPlanId !== null)).toBe(true);
    expect(
      await db
        .select()
        .from(roadmapItems)
        .where(
          inArray(
            roadmapItems.actionId,
            newActions.map((a) => a.id),
          ),
        ),
    ).toEqual([]);

    // The team came along: the advisor and the municipal member see the new engagement.
    for (const who of [demo.kitano, demo.yamanami]) {
      const list = (await (await ctx.login(who)).get('/api/engagements')).json().items as { id: string }[];
      expect(list.map((e) => e.id)).toContain(next.id);
    }
    expect((await auditRows(next.id)).map((a) => a.action)).toEqual(['continue']);
    expect((await auditRows(id))[0]).toMatchObject({ action: 'continued', after: { continuationId: next.id } });

    // Once only per program.
    const again = await office.post(`/api/engagements/${id}/continuations`, { programId });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('engagement_exists');
  });

  it('refuses a program of the same or an earlier year with 409, an unknown program with 400', async () => {
    const id = await engagementIdOf(ctx, 'あおば市');
    const office = await ctx.login(demo.office);
    const same = await office.post(`/api/engagements/${id}/continuations`, { programId: await demoProgramId() });
    expect(same.statusCode).toBe(409);
    expect(same.json().code).toBe('not_a_later_year');
    const unknown = await office.post(`/api/engagements/${id}/continuations`, { programId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('body.programId');
  });

  it('is for the program office only', async () => {
    const id = await engagementIdOf(ctx, 'あおば市');
    const programId = await nextProgram(2027);
    for (const who of [demo.kitano, demo.aoba, demo.higashi])
      expect((await (await ctx.login(who)).post(`/api/engagements/${id}/continuations`, { programId })).statusCode).toBe(403);
    expect((await (await ctx.login(demo.midori)).post(`/api/engagements/${id}/continuations`, { programId })).statusCode).toBe(404);
    expect(await ctx.database.db.select().from(engagements).where(eq(engagements.previousEngagementId, id))).toEqual([]);
  });
});
