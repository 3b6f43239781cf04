/**
 * Co-ownership of the plan by the municipality (issue 13 item 7): municipal members edit the tree,
 * actions, roadmap and verification plans alongside the advisors, write findings the municipality
 * (or observers) may read — never team-only ones —, write the results of their homework, approve
 * visit minutes; and the roadmap is agreed by two parties: the team proposes, the municipality agrees.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actions, auditLog, engagements, findings, verificationPlans, visits } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
let midori: string;
let member: Session; // 中村 陽子, みどり区
let advisor: Session; // 森川 恵子
let observer: Session; // 石井 聡, さくら区
beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
  midori = await engagementIdOf(ctx, 'みどり区');
  member = await ctx.login(demo.midori);
  advisor = await ctx.login(demo.morikawa);
  observer = await ctx.login(demo.sakura);
});
afterAll(() => ctx.close());

const api = (path: string) => `/api/engagements/${midori}${path}`;
const ifMatch = (v: number | string) => ({ 'if-match': `"${v}"` });
const engagement = async (s: Session = advisor) => (await s.get(api(''))).json();

describe('municipal members edit alongside the advisors', () => {
  it('edits the tree (200, a new revision by the member)', async () => {
    const tree = (await member.get(api('/tree'))).json() as { revision: number; nodes: { id: string; kind: string; title: string }[] };
    const issue = tree.nodes.find((n) => n.kind === 'issue')!;
    const res = await member.post(
      api('/tree/operations'),
      { operations: [{ op: 'add', id: randomUUID(), parentId: issue.id, kind: 'cause', title: '相談先が区民に知られていない' }] },
      ifMatch(tree.revision),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().revision).toBe(tree.revision + 1);
    const revisions = (await member.get(api('/tree/revisions'))).json().items;
    expect(revisions[0]).toMatchObject({ revision: tree.revision + 1, actor: { name: '中村 陽子' } });
  });

  it('edits an action and a verification plan', async () => {
    const [action] = await ctx.database.db.select().from(actions).where(eq(actions.engagementId, midori)).limit(1);
    const res = await member.patch(api(`/actions/${action!.id}`), { rationale: '区として優先する' }, ifMatch(action!.version));
    expect(res.statusCode, res.body).toBe(200);
    const [plan] = await ctx.database.db.select().from(verificationPlans).where(eq(verificationPlans.actionId, action!.id)).limit(1);
    if (plan) {
      const p = await member.patch(
        api(`/actions/${action!.id}/verification-plans/${plan.id}`),
        { responsible: '高齢福祉課' },
        ifMatch(plan.version),
      );
      expect(p.statusCode, p.body).toBe(200);
    }
  });

  it('never sees a team-only finding: absent from the list, 404 by id', async () => {
    const [team] = await ctx.database.db
      .select()
      .from(findings)
      .where(and(eq(findings.engagementId, midori), eq(findings.visibility, 'team')))
      .limit(1);
    expect(team).toBeDefined();
    const list = (await member.get(api('/findings'))).json().items as { id: string; visibility: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.map((f) => f.id)).not.toContain(team!.id);
    expect(list.every((f) => f.visibility !== 'team')).toBe(true);
    expect((await member.patch(api(`/findings/${team!.id}`), { text: 'x' }, ifMatch(team!.version))).statusCode).toBe(404);
    expect((await member.delete(api(`/findings/${team!.id}`), ifMatch(team!.version))).statusCode).toBe(404);
    // Nor can they cite it as tree evidence.
    const tree = (await member.get(api('/tree'))).json() as { nodes: { id: string; kind: string }[] };
    const node = tree.nodes.find((n) => n.kind === 'issue')!;
    const cited = await member.post(api(`/tree/nodes/${node.id}/evidence`), { kind: 'finding', findingId: team!.id });
    expect(cited.statusCode).toBe(400);
  });

  it('records an observers finding (201) but not a team one (400 naming body.visibility), and cannot turn one team-only', async () => {
    const ok = await member.post(api('/findings'), { kind: 'decision', text: '区として相談窓口を一本化する', visibility: 'observers' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ visibility: 'observers', createdBy: { name: '中村 陽子' } });
    const refused = await member.post(api('/findings'), { kind: 'advice', text: 'チームだけのメモ', visibility: 'team' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'body.visibility' })]);
    const hidden = await member.patch(api(`/findings/${ok.json().id}`), { visibility: 'team' }, ifMatch(ok.json().version));
    expect(hidden.statusCode).toBe(400);
    const edited = await member.patch(api(`/findings/${ok.json().id}`), { visibility: 'municipality' }, ifMatch(ok.json().version));
    expect(edited.statusCode).toBe(200);
    expect((await member.delete(api(`/findings/${ok.json().id}`), ifMatch(edited.json().version))).statusCode).toBe(204);
  });

  it('writes the result of homework assigned to them, not of someone else’s', async () => {
    const mine = await advisor.post(api('/homework'), { text: '相談件数を集計', assigneeUserId: member.userId });
    const theirs = await advisor.post(api('/homework'), { text: '文献を送る', assigneeUserId: advisor.userId });
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    const done = await member.patch(api(`/homework/${mine.json().id}`), { done: true, result: '月平均42件' }, ifMatch(1));
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ done: true, result: '月平均42件' });
    expect((await member.patch(api(`/homework/${mine.json().id}`), { text: 'x' }, ifMatch(2))).statusCode).toBe(403);
    expect((await member.patch(api(`/homework/${theirs.json().id}`), { result: 'x' }, ifMatch(1))).statusCode).toBe(403);
  });

  it('approves the minutes of a held visit (議事録承認), and may edit nothing else of it', async () => {
    const [held] = await ctx.database.db
      .select()
      .from(visits)
      .where(and(eq(visits.engagementId, midori), eq(visits.status, 'held')))
      .limit(1);
    expect((await member.patch(api(`/visits/${held!.id}`), { minutes: 'x' }, ifMatch(held!.version))).statusCode).toBe(403);
    const approved = await member.patch(api(`/visits/${held!.id}`), { status: 'minutes_approved' }, ifMatch(held!.version));
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('minutes_approved');
    const back = await member.patch(api(`/visits/${held!.id}`), { status: 'held' }, ifMatch(approved.json().version));
    expect(back.statusCode).toBe(200);
    expect((await member.patch(api(`/visits/${held!.id}`), { status: 'planned' }, ifMatch(back.json().version))).statusCode).toBe(403);
    // Observers still write nothing.
    expect(
      (await observer.patch(api(`/visits/${held!.id}`), { status: 'minutes_approved' }, ifMatch(back.json().version))).statusCode,
    ).toBe(403);
  });
});

describe('two-party roadmap agreement (ロードマップ合意)', () => {
  it('refuses an agreement before any proposal (409 roadmap_not_proposed), and the advisor may not agree nor the member propose', async () => {
    const { version } = await engagement();
    const early = await member.post(api('/roadmap-agreement'), {}, ifMatch(version));
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('roadmap_not_proposed');
    expect((await advisor.post(api('/roadmap-agreement'), {}, ifMatch(version))).statusCode).toBe(403);
    expect((await member.post(api('/roadmap-proposal'), {}, ifMatch(version))).statusCode).toBe(403);
    expect((await observer.post(api('/roadmap-agreement/withdrawal'), {}, ifMatch(version))).statusCode).toBe(403);
    expect((await member.post(api('/roadmap-agreement'), {})).statusCode).toBe(428);
  });

  it('the team proposes (gate applies), then an incomplete plan blocks the agreement with 409 listing what is missing', async () => {
    const { version } = await engagement();
    const proposed = await advisor.post(api('/roadmap-proposal'), {}, ifMatch(version));
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json()).toMatchObject({
      status: 'actions_selected',
      roadmapAgreement: { state: 'proposed', proposedBy: { name: '森川 恵子' }, agreedBy: null, agreedAt: null },
    });
    expect((await advisor.post(api('/roadmap-proposal'), {}, ifMatch(proposed.json().version))).json().code).toBe(
      'roadmap_already_proposed',
    );

    // A write after the proposal that makes a plan incomplete is allowed; the agreement's gate catches it.
    const [action] = await ctx.database.db.select().from(actions).where(eq(actions.engagementId, midori)).limit(1);
    const plans = await ctx.database.db.select().from(verificationPlans).where(eq(verificationPlans.actionId, action!.id));
    for (const p of plans) {
      const res = await member.patch(api(`/actions/${action!.id}/verification-plans/${p.id}`), { dataSource: '' }, ifMatch(p.version));
      expect(res.statusCode, res.body).toBe(200);
    }
    const refused = await member.post(api('/roadmap-agreement'), {}, ifMatch(proposed.json().version));
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'roadmap_incomplete',
      missing: [expect.objectContaining({ actionId: action!.id, lacks: expect.arrayContaining(['plan.dataSource']) })],
    });
    expect(await engagement()).toMatchObject({ status: 'actions_selected', roadmapAgreement: { state: 'proposed' } });
    for (const p of plans) {
      const [now] = await ctx.database.db.select().from(verificationPlans).where(eq(verificationPlans.id, p.id));
      await member.patch(api(`/actions/${action!.id}/verification-plans/${p.id}`), { dataSource: p.dataSource }, ifMatch(now!.version));
    }
  });

  it('a municipal member agrees (200): roadmap_agreed with both names and times, audited; observers see no names', async () => {
    const { version } = await engagement();
    const agreed = await member.post(api('/roadmap-agreement'), {}, ifMatch(version));
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(agreed.headers.etag).toBe(`"${version + 1}"`);
    const body = agreed.json();
    expect(body).toMatchObject({
      status: 'roadmap_agreed',
      roadmapAgreement: { state: 'agreed', proposedBy: { name: '森川 恵子' }, agreedBy: { name: '中村 陽子' } },
    });
    expect(body.roadmapAgreement.agreedAt).toEqual(expect.any(String));
    const seen = await engagement(observer);
    expect(seen.roadmapAgreement).toMatchObject({
      state: 'agreed',
      proposedBy: null,
      agreedBy: null,
      agreedAt: body.roadmapAgreement.agreedAt,
    });
    const steps = await ctx.database.db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.engagementId, midori), eq(auditLog.entity, 'engagement')));
    expect(steps.filter((s) => s.action.startsWith('roadmap_'))).toEqual([
      { action: 'roadmap_propose', actorId: advisor.userId },
      { action: 'roadmap_agree', actorId: member.userId },
    ]);
  });

  it('the report shows the agreement line with both names; the published (shared) version keeps the times only', async () => {
    const created = await advisor.post(api('/reports'), {});
    expect(created.statusCode, created.body).toBe(201);
    const report = created.json();
    expect(report.facts.roadmapAgreement).toMatchObject({ proposedBy: '森川 恵子', agreedBy: '中村 陽子', agreedAt: expect.any(String) });
    const preview = await member.get(api(`/reports/${report.id}/preview`));
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toMatch(/合意: 提案 森川 恵子 \(令和[^)]+\) \/ 合意 中村 陽子 \(令和[^)]+\)/);
    const office = await ctx.login(demo.office);
    const published = await office.post(api(`/reports/${report.id}/publish`), undefined, ifMatch(report.version));
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().facts.roadmapAgreement).toMatchObject({ proposedBy: null, agreedBy: null, agreedAt: expect.any(String) });
    expect((await office.get(api(`/reports/${report.id}/preview`))).body).not.toContain('森川 恵子');
  });

  it('withdraws before monitoring: the agreement back to proposed, then the proposal back to none', async () => {
    const { version } = await engagement();
    const back = await advisor.post(api('/roadmap-agreement/withdrawal'), {}, ifMatch(version));
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'actions_selected', roadmapAgreement: { state: 'proposed', agreedBy: null } });
    const none = await member.post(api('/roadmap-agreement/withdrawal'), {}, ifMatch(back.json().version));
    expect(none.statusCode).toBe(200);
    expect(none.json()).toMatchObject({ status: 'actions_selected', roadmapAgreement: { state: 'none', proposedBy: null } });
    expect((await member.post(api('/roadmap-agreement/withdrawal'), {}, ifMatch(none.json().version))).json().code).toBe(
      'roadmap_not_proposed',
    );
  });

  it('refuses a withdrawal once monitoring has started (409 roadmap_agreement_locked)', async () => {
    const proposed = await advisor.post(api('/roadmap-proposal'), {}, ifMatch((await engagement()).version));
    const agreed = await member.post(api('/roadmap-agreement'), {}, ifMatch(proposed.json().version));
    expect(agreed.statusCode).toBe(200);
    const monitoring = await advisor.post(api('/status'), { status: 'monitoring' }, ifMatch(agreed.json().version));
    expect(monitoring.statusCode).toBe(200);
    for (const who of [advisor, member]) {
      const res = await who.post(api('/roadmap-agreement/withdrawal'), {}, ifMatch(monitoring.json().version));
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('roadmap_agreement_locked');
    }
    // Stepping back from monitoring keeps the agreement; stepping back further drops it (the proposal stands).
    const stepBack = await advisor.post(api('/status'), { status: 'roadmap_agreed' }, ifMatch(monitoring.json().version));
    expect(stepBack.json()).toMatchObject({ status: 'roadmap_agreed', roadmapAgreement: { state: 'agreed' } });
    const further = await advisor.post(api('/status'), { status: 'actions_selected' }, ifMatch(stepBack.json().version));
    expect(further.json()).toMatchObject({ status: 'actions_selected', roadmapAgreement: { state: 'proposed', agreedBy: null } });
    const [row] = await ctx.database.db.select().from(engagements).where(eq(engagements.id, midori));
    expect(row).toMatchObject({ roadmapAgreedAt: null, roadmapAgreedBy: null });
  });

  it('answers 412 to a stale If-Match', async () => {
    const { version } = await engagement();
    expect((await member.post(api('/roadmap-agreement'), {}, ifMatch(version - 1))).statusCode).toBe(412);
  });
});
