import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, evidence, findings, homework, treeNodes, visits } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
let midori: string;
let aoba: string;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
  midori = await engagementIdOf(ctx, 'みどり区');
  aoba = await engagementIdOf(ctx, 'あおば市');
});
afterAll(() => ctx.close());

/** The team-only finding of みどり区 contains this; it must never reach the municipality or an observer. */
const TEAM_ONLY = '人事評価';

const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
const lastAudit = async (engagementId: string) =>
  (await ctx.database.db.select().from(auditLog).where(eq(auditLog.engagementId, engagementId)).orderBy(desc(auditLog.id)).limit(1))[0];
const nodeId = async (engagementId: string, title: string) =>
  (
    await ctx.database.db
      .select({ id: treeNodes.id })
      .from(treeNodes)
      .where(and(eq(treeNodes.engagementId, engagementId), eq(treeNodes.title, title)))
  )[0]!.id;
const visitId = async (engagementId: string, seq: number) =>
  (
    await ctx.database.db
      .select({ id: visits.id })
      .from(visits)
      .where(and(eq(visits.engagementId, engagementId), eq(visits.seq, seq)))
  )[0]!.id;

describe('GET /api/engagements/:id/visits', () => {
  it('gives the team, the municipality and the office full visits', async () => {
    for (const who of [demo.morikawa, demo.midori, demo.office]) {
      const res = await (await ctx.login(who)).get(`/api/engagements/${midori}/visits`);
      expect(res.statusCode).toBe(200);
      const items = res.json().items;
      expect(items.map((v: { seq: number }) => v.seq)).toEqual([1, 2, 3]);
      expect(items[0]).toMatchObject({ view: 'full', kind: 'hearing', status: 'minutes_approved', agenda: 'ヒアリング・現状共有' });
      expect(items[0].attendees).toContain('石井 聡');
    }
  });

  it('gives observers the schedule with agenda and observer summary: no attendees or minutes', async () => {
    const sakura = await ctx.login(demo.sakura);
    const res = await sakura.get(`/api/engagements/${midori}/visits`);
    expect(res.statusCode).toBe(200);
    for (const v of res.json().items)
      expect(Object.keys(v).sort()).toEqual([
        'agenda',
        'date',
        'endDate',
        'id',
        'kind',
        'observerSummary',
        'seq',
        'status',
        'venue',
        'view',
      ]);
    expect(res.json().items[0]).toMatchObject({
      view: 'schedule',
      seq: 1,
      kind: 'hearing',
      date: '2025-07-10',
      status: 'minutes_approved',
    });
    expect(res.body).not.toContain('森川');
    const one = await sakura.get(`/api/engagements/${midori}/visits/${await visitId(midori, 1)}`);
    expect(one.statusCode).toBe(200);
    expect(Object.keys(one.json()).sort()).toEqual([
      'agenda',
      'date',
      'endDate',
      'id',
      'kind',
      'observerSummary',
      'seq',
      'status',
      'venue',
      'view',
    ]);
  });

  it('answers 404 to outsiders and for a visit of another engagement', async () => {
    expect((await (await ctx.login(demo.higashi)).get(`/api/engagements/${midori}/visits`)).statusCode).toBe(404);
    const other = await visitId(aoba, 1);
    expect((await (await ctx.login(demo.morikawa)).get(`/api/engagements/${midori}/visits/${other}`)).statusCode).toBe(404);
  });
});

describe('POST /api/engagements/:id/visits', () => {
  it('lets an advisor plan the next visit, numbered after the last, and records it', async () => {
    const advisor = await ctx.login(demo.takada);
    const res = await advisor.post(`/api/engagements/${midori}/visits`, {
      kind: 'report_meeting',
      date: '2026-03-16',
      attendees: ['森川 恵子'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ view: 'full', seq: 4, kind: 'report_meeting', status: 'planned', version: 1 });
    expect(res.headers.etag).toBe('"1"');
    expect(await lastAudit(midori)).toMatchObject({ entity: 'visit', entityId: res.json().id, action: 'create', actorId: advisor.userId });
  });

  it('rejects a taken sequence number with 409 and unknown fields with 400', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const taken = await advisor.post(`/api/engagements/${midori}/visits`, { seq: 1, kind: 'online', date: '2026-01-10' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('seq_taken');
    const extra = await advisor.post(`/api/engagements/${midori}/visits`, { kind: 'online', date: '2026-01-10', minutes: 'x' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].path).toBe('body.minutes');
    expect((await advisor.post(`/api/engagements/${midori}/visits`, { kind: 'party', date: '2026-01-10' })).statusCode).toBe(400);
  });

  it('is for advisors only', async () => {
    const body = { kind: 'online', date: '2026-01-10' };
    for (const who of [demo.office, demo.midori, demo.sakura])
      expect((await (await ctx.login(who)).post(`/api/engagements/${midori}/visits`, body)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.kitano)).post(`/api/engagements/${midori}/visits`, body)).statusCode).toBe(404);
  });
});

describe('PATCH /api/engagements/:id/visits/:visitId', () => {
  it('moves a visit planned → held → minutes_approved with its minutes', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const id = await visitId(midori, 3);
    const held = await advisor.patch(
      `/api/engagements/${midori}/visits/${id}`,
      { status: 'held', attendees: ['森川 恵子', '中村 陽子'] },
      ifMatch(1),
    );
    expect(held.statusCode).toBe(200);
    expect(held.json()).toMatchObject({ status: 'held', version: 2 });
    const approved = await advisor.patch(
      `/api/engagements/${midori}/visits/${id}`,
      { status: 'minutes_approved', minutes: '議事録: 連絡票の試行結果を共有' },
      ifMatch(2),
    );
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'minutes_approved', minutes: '議事録: 連絡票の試行結果を共有', version: 3 });
    expect(await lastAudit(midori)).toMatchObject({
      entity: 'visit',
      action: 'update',
      before: { status: 'held' },
      after: { status: 'minutes_approved' },
    });
    // Observers still see no minutes.
    const seen = await (await ctx.login(demo.sakura)).get(`/api/engagements/${midori}/visits/${id}`);
    expect(seen.body).not.toContain('議事録');
  });

  it('refuses skipping a status with 409 transition_not_allowed', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const created = (await advisor.post(`/api/engagements/${aoba}/visits`, { kind: 'online', date: '2026-01-15' })).json();
    const res = await advisor.patch(`/api/engagements/${aoba}/visits/${created.id}`, { status: 'minutes_approved' }, ifMatch(1));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('transition_not_allowed');
  });

  it('answers 412 with the current visit for a stale If-Match and changes nothing; 428 without one', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const id = await visitId(aoba, 2);
    const res = await advisor.patch(`/api/engagements/${aoba}/visits/${id}`, { agenda: '上書き' }, ifMatch(7));
    expect(res.statusCode).toBe(412);
    expect(res.json().current).toMatchObject({ id, version: 1 });
    expect((await advisor.get(`/api/engagements/${aoba}/visits/${id}`)).json().agenda).not.toBe('上書き');
    expect((await advisor.patch(`/api/engagements/${aoba}/visits/${id}`, { agenda: '上書き' })).statusCode).toBe(428);
    expect(
      (await advisor.patch(`/api/engagements/${aoba}/visits/00000000-0000-4000-8000-000000000000`, { agenda: 'x' }, ifMatch(1))).statusCode,
    ).toBe(404);
  });

  it('is for advisors only', async () => {
    const id = await visitId(aoba, 2);
    for (const who of [demo.office, demo.aoba, demo.higashi])
      expect((await (await ctx.login(who)).patch(`/api/engagements/${aoba}/visits/${id}`, { minutes: 'x' }, ifMatch(1))).statusCode).toBe(
        403,
      );
  });
});

describe('DELETE /api/engagements/:id/visits/:visitId', () => {
  it('deletes a visit without findings with If-Match (204, then 404), records it, and keeps its homework unlinked', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const visit = (await advisor.post(`/api/engagements/${aoba}/visits`, { kind: 'online', date: '2026-02-03' })).json();
    const hw = (
      await advisor.post(`/api/engagements/${aoba}/homework`, { text: '削除される回の宿題', assigneeName: '誰か', visitId: visit.id })
    ).json();
    expect((await advisor.delete(`/api/engagements/${aoba}/visits/${visit.id}`)).statusCode).toBe(428);
    const stale = await advisor.delete(`/api/engagements/${aoba}/visits/${visit.id}`, ifMatch(2));
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ id: visit.id, version: 1 });
    const res = await advisor.delete(`/api/engagements/${aoba}/visits/${visit.id}`, ifMatch(1));
    expect(res.statusCode).toBe(204);
    expect((await advisor.get(`/api/engagements/${aoba}/visits/${visit.id}`)).statusCode).toBe(404);
    expect((await advisor.delete(`/api/engagements/${aoba}/visits/${visit.id}`, ifMatch(1))).statusCode).toBe(404);
    expect(await lastAudit(aoba)).toMatchObject({
      entity: 'visit',
      entityId: visit.id,
      action: 'delete',
      actorId: advisor.userId,
      before: { seq: visit.seq, detachedHomeworkIds: [hw.id] },
      after: null,
    });
    const [kept] = await ctx.database.db.select().from(homework).where(eq(homework.id, hw.id));
    expect(kept).toMatchObject({ visitId: null, version: 2, text: '削除される回の宿題' });
  });

  it('refuses with 409 visit_has_findings while findings are recorded under it, naming how many back tree evidence', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const visit = (await advisor.post(`/api/engagements/${aoba}/visits`, { kind: 'workshop', date: '2026-02-04' })).json();
    const plain = (await advisor.post(`/api/engagements/${aoba}/findings`, { kind: 'advice', text: '回の所見', visitId: visit.id })).json();
    const cited = (
      await advisor.post(`/api/engagements/${aoba}/findings`, { kind: 'decision', text: '根拠の所見', visitId: visit.id })
    ).json();
    const node = (await ctx.database.db.select().from(treeNodes).where(eq(treeNodes.engagementId, aoba)))[0]!.id;
    expect(
      (await advisor.post(`/api/engagements/${aoba}/tree/nodes/${node}/evidence`, { kind: 'finding', findingId: cited.id })).statusCode,
    ).toBe(201);
    const res = await advisor.delete(`/api/engagements/${aoba}/visits/${visit.id}`, ifMatch(1));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'visit_has_findings', findings: 2, evidence: 1 });
    expect(await ctx.database.db.select().from(visits).where(eq(visits.id, visit.id))).toHaveLength(1);
    expect(await ctx.database.db.select().from(evidence).where(eq(evidence.findingId, cited.id))).toHaveLength(1);
    // Once its findings are gone, the visit may go.
    expect((await advisor.delete(`/api/engagements/${aoba}/findings/${plain.id}`, ifMatch(1))).statusCode).toBe(204);
    expect((await advisor.delete(`/api/engagements/${aoba}/findings/${cited.id}`, ifMatch(1))).statusCode).toBe(204);
    expect((await advisor.delete(`/api/engagements/${aoba}/visits/${visit.id}`, ifMatch(1))).statusCode).toBe(204);
  });

  it('refuses with 409 minutes_approved while its minutes stand approved', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const visit = (await advisor.post(`/api/engagements/${aoba}/visits`, { kind: 'online', date: '2026-02-05' })).json();
    expect((await advisor.patch(`/api/engagements/${aoba}/visits/${visit.id}`, { status: 'held' }, ifMatch(1))).statusCode).toBe(200);
    expect(
      (await advisor.patch(`/api/engagements/${aoba}/visits/${visit.id}`, { status: 'minutes_approved' }, ifMatch(2))).statusCode,
    ).toBe(200);
    const res = await advisor.delete(`/api/engagements/${aoba}/visits/${visit.id}`, ifMatch(3));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('minutes_approved');
    expect((await advisor.patch(`/api/engagements/${aoba}/visits/${visit.id}`, { status: 'held' }, ifMatch(3))).statusCode).toBe(200);
    expect((await advisor.delete(`/api/engagements/${aoba}/visits/${visit.id}`, ifMatch(4))).statusCode).toBe(204);
  });

  it('is for advisors only; outsiders get 404', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const visit = (await advisor.post(`/api/engagements/${midori}/visits`, { kind: 'online', date: '2026-02-06' })).json();
    for (const who of [demo.office, demo.midori, demo.sakura])
      expect((await (await ctx.login(who)).delete(`/api/engagements/${midori}/visits/${visit.id}`, ifMatch(1))).statusCode).toBe(403);
    expect((await (await ctx.login(demo.kitano)).delete(`/api/engagements/${midori}/visits/${visit.id}`, ifMatch(1))).statusCode).toBe(404);
    // Through another engagement the visit is not found.
    expect((await advisor.delete(`/api/engagements/${aoba}/visits/${visit.id}`, ifMatch(1))).statusCode).toBe(404);
    expect(await ctx.database.db.select().from(visits).where(eq(visits.id, visit.id))).toHaveLength(1);
  });
});

describe('GET /api/engagements/:id/findings', () => {
  it('shows advisors and the office every finding, including team-only ones', async () => {
    for (const who of [demo.morikawa, demo.office]) {
      const items = (await (await ctx.login(who)).get(`/api/engagements/${midori}/findings`)).json().items as {
        text: string;
        visibility: string;
      }[];
      expect(items.some((f) => f.text.includes(TEAM_ONLY) && f.visibility === 'team')).toBe(true);
    }
  });

  it('never shows the municipality team-only findings', async () => {
    const res = await (await ctx.login(demo.midori)).get(`/api/engagements/${midori}/findings`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(0);
    expect(res.json().items.every((f: { visibility: string }) => f.visibility !== 'team')).toBe(true);
    expect(res.body).not.toContain(TEAM_ONLY);
  });

  it('shows the さくら区 observer only findings marked for observers', async () => {
    const res = await (await ctx.login(demo.sakura)).get(`/api/engagements/${midori}/findings`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { visibility: string; text: string }[];
    expect(items.map((f) => f.text).sort()).toEqual(
      ['かかりつけ医から包括への連絡は個人的な関係に頼っている', '初回相談時に認知症自立度Ⅱb以下の人は58%にとどまる'].sort(),
    );
    expect(items.every((f) => f.visibility === 'observers')).toBe(true);
    expect(res.body).not.toContain(TEAM_ONLY);
  });

  it('filters by visit and by tree node', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const v1 = await visitId(midori, 1);
    expect((await advisor.get(`/api/engagements/${midori}/findings?visitId=${v1}`)).json().items).toHaveLength(3);
    expect((await advisor.get(`/api/engagements/${midori}/findings?visitId=${await visitId(midori, 2)}`)).json().items).toHaveLength(0);
    expect((await advisor.get(`/api/engagements/${midori}/findings?nodeId=not-a-uuid`)).statusCode).toBe(400);
  });
});

describe('POST /api/engagements/:id/findings', () => {
  it('lets an advisor record a finding linked to tree nodes; the municipality sees it, observers do not', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const node = await nodeId(midori, 'かかりつけ医から包括への連絡経路がない');
    const res = await advisor.post(`/api/engagements/${midori}/findings`, {
      visitId: await visitId(midori, 2),
      kind: 'decision',
      text: '連絡票の様式を医師会と合意した',
      source: '第2回支援',
      visibility: 'municipality',
      nodeIds: [node, node],
    });
    expect(res.statusCode).toBe(201);
    const finding = res.json();
    expect(finding).toMatchObject({
      kind: 'decision',
      visibility: 'municipality',
      nodeIds: [node],
      createdBy: { name: '森川 恵子' },
      version: 1,
    });
    expect(await lastAudit(midori)).toMatchObject({ entity: 'finding', entityId: finding.id, action: 'create' });
    const byNode = (await advisor.get(`/api/engagements/${midori}/findings?nodeId=${node}`)).json().items;
    expect(byNode.map((f: { id: string }) => f.id)).toEqual([finding.id]);
    expect((await (await ctx.login(demo.midori)).get(`/api/engagements/${midori}/findings`)).body).toContain('連絡票の様式');
    expect((await (await ctx.login(demo.sakura)).get(`/api/engagements/${midori}/findings`)).body).not.toContain('連絡票の様式');
  });

  it('answers 400 for nodes or a visit of another engagement', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const foreignNode = await nodeId(
      aoba,
      (await ctx.database.db.select().from(treeNodes).where(eq(treeNodes.engagementId, aoba)))[0]!.title,
    );
    const nodes = await advisor.post(`/api/engagements/${midori}/findings`, {
      kind: 'advice',
      text: 'x',
      nodeIds: [await nodeId(midori, '日中の居場所が少ない'), foreignNode],
    });
    expect(nodes.statusCode).toBe(400);
    expect(nodes.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.nodeIds.1']);
    const visit = await advisor.post(`/api/engagements/${midori}/findings`, { kind: 'advice', text: 'x', visitId: await visitId(aoba, 1) });
    expect(visit.statusCode).toBe(400);
    expect(visit.json().errors[0].path).toBe('body.visitId');
    expect((await advisor.post(`/api/engagements/${midori}/findings`, { kind: 'advice', text: '   ' })).statusCode).toBe(400);
    expect(
      (await advisor.post(`/api/engagements/${midori}/findings`, { kind: 'advice', text: 'x', visibility: 'public' })).statusCode,
    ).toBe(400);
  });

  it('is for advisors, and municipal members for the municipality or observers only (a team finding: 400 on body.visibility)', async () => {
    const body = { kind: 'advice', text: 'x' };
    for (const who of [demo.office, demo.sakura])
      expect((await (await ctx.login(who)).post(`/api/engagements/${midori}/findings`, body)).statusCode).toBe(403);
    // The default visibility is `team`: not the municipality's to write.
    const member = await ctx.login(demo.midori);
    const team = await member.post(`/api/engagements/${midori}/findings`, body);
    expect(team.statusCode).toBe(400);
    expect(team.json().errors[0].path).toBe('body.visibility');
    expect((await member.post(`/api/engagements/${midori}/findings`, { ...body, visibility: 'municipality' })).statusCode).toBe(201);
    expect((await (await ctx.login(demo.aoba)).post(`/api/engagements/${midori}/findings`, body)).statusCode).toBe(404);
  });
});

describe('PATCH and DELETE /api/engagements/:id/findings/:findingId', () => {
  it('edits text, visibility and links with If-Match', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const created = (
      await advisor.post(`/api/engagements/${aoba}/findings`, { kind: 'hypothesis', text: '仮説A', visibility: 'observers' })
    ).json();
    const node = (await ctx.database.db.select().from(treeNodes).where(eq(treeNodes.engagementId, aoba)))[0]!.id;
    const res = await advisor.patch(
      `/api/engagements/${aoba}/findings/${created.id}`,
      { text: '仮説A(修正)', visibility: 'team', nodeIds: [node] },
      ifMatch(1),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ text: '仮説A(修正)', visibility: 'team', nodeIds: [node], version: 2 });
    expect(res.headers.etag).toBe('"2"');
    expect(await lastAudit(aoba)).toMatchObject({
      entity: 'finding',
      action: 'update',
      before: { visibility: 'observers' },
      after: { visibility: 'team' },
    });
    expect((await (await ctx.login(demo.higashi)).get(`/api/engagements/${aoba}/findings`)).body).not.toContain('仮説A');
    expect((await (await ctx.login(demo.aoba)).get(`/api/engagements/${aoba}/findings`)).body).not.toContain('仮説A');
  });

  it('answers 412 for a stale version and changes nothing, 428 without If-Match, 404 for an unknown finding', async () => {
    const advisor = await ctx.login(demo.kitano);
    const created = (await advisor.post(`/api/engagements/${aoba}/findings`, { kind: 'advice', text: '助言B' })).json();
    const stale = await advisor.patch(`/api/engagements/${aoba}/findings/${created.id}`, { text: '上書き' }, ifMatch(3));
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ id: created.id, text: '助言B', version: 1 });
    const [row] = await ctx.database.db.select().from(findings).where(eq(findings.id, created.id));
    expect(row).toMatchObject({ text: '助言B', version: 1 });
    expect((await advisor.patch(`/api/engagements/${aoba}/findings/${created.id}`, { text: 'x' })).statusCode).toBe(428);
    expect((await advisor.delete(`/api/engagements/${aoba}/findings/${created.id}`, ifMatch(2))).statusCode).toBe(412);
    expect((await advisor.delete(`/api/engagements/${aoba}/findings/${created.id}`)).statusCode).toBe(428);
    expect(
      (await advisor.patch(`/api/engagements/${aoba}/findings/00000000-0000-4000-8000-000000000000`, { text: 'x' }, ifMatch(1))).statusCode,
    ).toBe(404);
    // A finding of another engagement is not found through this one.
    expect(
      (await (await ctx.login(demo.morikawa)).patch(`/api/engagements/${midori}/findings/${created.id}`, { text: 'x' }, ifMatch(1)))
        .statusCode,
    ).toBe(404);
  });

  it('deletes with If-Match and records it; others get 403 (the municipal member 404: a team finding is not theirs to see)', async () => {
    const advisor = await ctx.login(demo.kitano);
    const created = (await advisor.post(`/api/engagements/${aoba}/findings`, { kind: 'advice', text: '削除対象' })).json();
    for (const who of [demo.office, demo.higashi])
      expect((await (await ctx.login(who)).delete(`/api/engagements/${aoba}/findings/${created.id}`, ifMatch(1))).statusCode).toBe(403);
    expect((await (await ctx.login(demo.aoba)).delete(`/api/engagements/${aoba}/findings/${created.id}`, ifMatch(1))).statusCode).toBe(404);
    const res = await advisor.delete(`/api/engagements/${aoba}/findings/${created.id}`, ifMatch(1));
    expect(res.statusCode).toBe(204);
    expect(await ctx.database.db.select().from(findings).where(eq(findings.id, created.id))).toEqual([]);
    expect(await lastAudit(aoba)).toMatchObject({ entity: 'finding', entityId: created.id, action: 'delete', after: null });
  });
});

describe('homework (宿題)', () => {
  it('is read by the team, the municipality and the office, not by observers', async () => {
    for (const who of [demo.morikawa, demo.midori, demo.office]) {
      const res = await (await ctx.login(who)).get(`/api/engagements/${midori}/homework`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items[0]).toMatchObject({ assigneeName: '中村 陽子', text: '包括別の初回相談時自立度を集計する', done: true });
    }
    expect((await (await ctx.login(demo.sakura)).get(`/api/engagements/${midori}/homework`)).statusCode).toBe(403);
  });

  it('lets an advisor assign homework to a team member, named after them', async () => {
    const advisor = await ctx.login(demo.takada);
    const member = await ctx.login(demo.midori);
    const res = await advisor.post(`/api/engagements/${midori}/homework`, {
      text: '連絡票の受理件数を集計する',
      assigneeUserId: member.userId,
      due: '2026-01-31',
      visitId: await visitId(midori, 2),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      assigneeUserId: member.userId,
      assigneeName: '中村 陽子',
      done: false,
      doneAt: null,
      due: '2026-01-31',
    });
    expect(await lastAudit(midori)).toMatchObject({ entity: 'homework', action: 'create' });
    const named = await advisor.post(`/api/engagements/${midori}/homework`, { text: '医師会へ照会', assigneeName: '医師会 事務局' });
    expect(named.statusCode).toBe(201);
    expect(named.json()).toMatchObject({ assigneeUserId: null, assigneeName: '医師会 事務局' });
  });

  it('answers 400 for an assignee outside the team or without any assignee', async () => {
    const advisor = await ctx.login(demo.takada);
    const outsider = await advisor.post(`/api/engagements/${midori}/homework`, {
      text: 'x',
      assigneeUserId: (await ctx.login(demo.sakura)).userId,
    });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().errors[0].path).toBe('body.assigneeUserId');
    expect((await advisor.post(`/api/engagements/${midori}/homework`, { text: 'x' })).statusCode).toBe(400);
  });

  it('lets the assigned municipal member mark it done, and only that', async () => {
    const advisor = await ctx.login(demo.takada);
    const member = await ctx.login(demo.midori);
    const mine = (await advisor.post(`/api/engagements/${midori}/homework`, { text: '自分の宿題', assigneeUserId: member.userId })).json();
    const theirs = (
      await advisor.post(`/api/engagements/${midori}/homework`, { text: '事務局の宿題', assigneeUserId: advisor.userId })
    ).json();

    expect((await member.patch(`/api/engagements/${midori}/homework/${mine.id}`, { text: '書き換え' }, ifMatch(1))).statusCode).toBe(403);
    expect(
      (await member.patch(`/api/engagements/${midori}/homework/${mine.id}`, { done: true, due: '2026-12-31' }, ifMatch(1))).statusCode,
    ).toBe(403);
    expect((await member.patch(`/api/engagements/${midori}/homework/${theirs.id}`, { done: true }, ifMatch(1))).statusCode).toBe(403);
    const done = await member.patch(`/api/engagements/${midori}/homework/${mine.id}`, { done: true }, ifMatch(1));
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ done: true, version: 2, text: '自分の宿題' });
    expect(done.json().doneAt).not.toBeNull();
    expect(await lastAudit(midori)).toMatchObject({
      entity: 'homework',
      entityId: mine.id,
      action: 'update',
      actorId: member.userId,
      before: { done: false },
      after: { done: true },
    });

    const undone = await advisor.patch(
      `/api/engagements/${midori}/homework/${mine.id}`,
      { done: false, text: '自分の宿題(再)' },
      ifMatch(2),
    );
    expect(undone.statusCode).toBe(200);
    expect(undone.json()).toMatchObject({ done: false, doneAt: null, text: '自分の宿題(再)' });
  });

  it('answers 412 for a stale version, 428 without If-Match, 403 for the office and observers', async () => {
    const advisor = await ctx.login(demo.takada);
    const item = (await advisor.post(`/api/engagements/${midori}/homework`, { text: '並行編集', assigneeName: '誰か' })).json();
    const stale = await advisor.patch(`/api/engagements/${midori}/homework/${item.id}`, { text: 'x' }, ifMatch(5));
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ text: '並行編集', version: 1 });
    expect((await advisor.patch(`/api/engagements/${midori}/homework/${item.id}`, { text: 'x' })).statusCode).toBe(428);
    for (const who of [demo.office, demo.sakura])
      expect(
        (await (await ctx.login(who)).patch(`/api/engagements/${midori}/homework/${item.id}`, { done: true }, ifMatch(1))).statusCode,
      ).toBe(403);
    for (const who of [demo.office, demo.midori, demo.sakura])
      expect((await (await ctx.login(who)).post(`/api/engagements/${midori}/homework`, { text: 'x', assigneeName: 'y' })).statusCode).toBe(
        403,
      );
    expect(
      (await advisor.patch(`/api/engagements/${midori}/homework/00000000-0000-4000-8000-000000000000`, { text: 'x' }, ifMatch(1)))
        .statusCode,
    ).toBe(404);
  });
});

describe('PATCH and DELETE /api/engagements/:id/homework/:homeworkId', () => {
  it('lets an advisor change the text and the due date (and clear it)', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const item = (
      await advisor.post(`/api/engagements/${aoba}/homework`, { text: '期限つき', assigneeName: '小池 健', due: '2026-01-31' })
    ).json();
    const res = await advisor.patch(
      `/api/engagements/${aoba}/homework/${item.id}`,
      { text: '期限つき(延長)', due: '2026-02-28' },
      ifMatch(1),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ text: '期限つき(延長)', due: '2026-02-28', version: 2 });
    expect(res.headers.etag).toBe('"2"');
    expect(await lastAudit(aoba)).toMatchObject({
      entity: 'homework',
      action: 'update',
      before: { due: '2026-01-31' },
      after: { due: '2026-02-28' },
    });
    const cleared = await advisor.patch(`/api/engagements/${aoba}/homework/${item.id}`, { due: null }, ifMatch(2));
    expect(cleared.json()).toMatchObject({ due: null, version: 3 });
    expect((await advisor.patch(`/api/engagements/${aoba}/homework/${item.id}`, { due: '2026-02-30' }, ifMatch(3))).statusCode).toBe(400);
  });

  it('deletes with If-Match (204, then 404) and records it; 412 stale, 428 without If-Match', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const item = (await advisor.post(`/api/engagements/${aoba}/homework`, { text: '消す宿題', assigneeName: '誰か' })).json();
    expect((await advisor.delete(`/api/engagements/${aoba}/homework/${item.id}`)).statusCode).toBe(428);
    const stale = await advisor.delete(`/api/engagements/${aoba}/homework/${item.id}`, ifMatch(4));
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ id: item.id, text: '消す宿題', version: 1 });
    expect((await advisor.delete(`/api/engagements/${aoba}/homework/${item.id}`, ifMatch(1))).statusCode).toBe(204);
    expect((await advisor.delete(`/api/engagements/${aoba}/homework/${item.id}`, ifMatch(1))).statusCode).toBe(404);
    expect((await advisor.get(`/api/engagements/${aoba}/homework`)).json().items.some((h: { id: string }) => h.id === item.id)).toBe(false);
    expect(await lastAudit(aoba)).toMatchObject({
      entity: 'homework',
      entityId: item.id,
      action: 'delete',
      before: { text: '消す宿題' },
      after: null,
    });
  });

  it('is for advisors only: the assignee among the municipal staff may tick it done, not delete it', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const member = await ctx.login(demo.aoba);
    const item = (await advisor.post(`/api/engagements/${aoba}/homework`, { text: '担当者の宿題', assigneeUserId: member.userId })).json();
    for (const who of [demo.office, demo.aoba, demo.higashi])
      expect((await (await ctx.login(who)).delete(`/api/engagements/${aoba}/homework/${item.id}`, ifMatch(1))).statusCode).toBe(403);
    expect((await (await ctx.login(demo.midori)).delete(`/api/engagements/${aoba}/homework/${item.id}`, ifMatch(1))).statusCode).toBe(404);
    expect(await ctx.database.db.select().from(homework).where(eq(homework.id, item.id))).toHaveLength(1);
  });
});

describe('the さくら区 observer', () => {
  it('never receives the team-only finding, anywhere', async () => {
    const sakura = await ctx.login(demo.sakura);
    const urls = [
      `/api/engagements/${midori}`,
      `/api/engagements/${midori}/visits`,
      `/api/engagements/${midori}/visits/${await visitId(midori, 1)}`,
      `/api/engagements/${midori}/findings`,
      `/api/engagements/${midori}/findings?visitId=${await visitId(midori, 1)}`,
      `/api/engagements/${midori}/indicator-values`,
      `/api/engagements/${midori}/homework`,
      `/api/engagements/${midori}/readiness`,
      `/api/engagements/${midori}/members`,
      `/api/engagements/${midori}/audit`,
      `/api/engagements/${midori}/pdca-reviews`,
      '/api/engagements',
    ];
    for (const url of urls) {
      const res = await sakura.get(url);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.body, url).not.toContain(TEAM_ONLY);
    }
  });

  it('gets 403 on every write of the hearing and on homework, members, audit and PDCA', async () => {
    const sakura = await ctx.login(demo.sakura);
    const v1 = await visitId(midori, 1);
    const anyFinding = (await ctx.database.db.select().from(findings).where(eq(findings.engagementId, midori)))[0]!.id;
    // One at a time: each is a thunk, so the requests do not race for pool connections.
    const writes = [
      () => sakura.post(`/api/engagements/${midori}/visits`, { kind: 'online', date: '2026-01-10' }),
      () => sakura.patch(`/api/engagements/${midori}/visits/${v1}`, { minutes: 'x' }, ifMatch(1)),
      () => sakura.post(`/api/engagements/${midori}/findings`, { kind: 'advice', text: 'x' }),
      () => sakura.patch(`/api/engagements/${midori}/findings/${anyFinding}`, { text: 'x' }, ifMatch(1)),
      () => sakura.delete(`/api/engagements/${midori}/findings/${anyFinding}`, ifMatch(1)),
      () => sakura.post(`/api/engagements/${midori}/homework`, { text: 'x', assigneeName: 'y' }),
      () => sakura.post(`/api/engagements/${midori}/status`, { status: 'roadmap_agreed' }, ifMatch(1)),
      () => sakura.patch(`/api/engagements/${midori}`, { theme: 'x' }, ifMatch(1)),
      () => sakura.put(`/api/engagements/${midori}/pdca-reviews/2025`, { assessment: 'good' }),
      () => sakura.get(`/api/engagements/${midori}/homework`),
      () => sakura.get(`/api/engagements/${midori}/audit`),
      () => sakura.get(`/api/engagements/${midori}/pdca-reviews`),
      () => sakura.get(`/api/engagements/${midori}/members`),
    ];
    for (const write of writes) {
      const res = await write();
      expect(res.statusCode, res.body).toBe(403);
    }
  });
});
