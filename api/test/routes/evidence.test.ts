import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, findings, indicators, indicatorValues, municipalities } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

interface Node {
  id: string;
  title: string;
  evidenceCount: number;
}

let ctx: TestContext;
let midori: string;
let aoba: string;
let advisor: Session;
/** みどり区's findings by visibility, straight from the database (this file does not depend on the hearing module). */
const finding: Record<'team' | 'municipality' | 'observers', string> = { team: '', municipality: '', observers: '' };
let foreignFinding: string;

beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
  midori = await engagementIdOf(ctx, 'みどり区');
  aoba = await engagementIdOf(ctx, 'あおば市');
  advisor = await ctx.login(demo.morikawa);
  const rows = await ctx.database.db.select().from(findings).where(eq(findings.engagementId, midori));
  finding.team = rows.find((f) => f.visibility === 'team')!.id;
  finding.observers = rows.find((f) => f.visibility === 'observers')!.id;
  // みどり区 has no municipality-visible finding in the demo: make one.
  const [own] = await ctx.database.db
    .insert(findings)
    .values({ engagementId: midori, kind: 'qualitative_fact', text: '区の担当者だけに共有する所見', visibility: 'municipality' })
    .returning();
  finding.municipality = own!.id;
  foreignFinding = (await ctx.database.db.select().from(findings).where(eq(findings.engagementId, aoba)))[0]!.id;
});
afterAll(() => ctx.close());

const tree = async (s: Session, engagementId = midori) => (await s.get(`/api/engagements/${engagementId}/tree`)).json().nodes as Node[];
const nodeId = async (title: string) => (await tree(advisor)).find((n) => n.title === title)!.id;
const evidenceUrl = (node: string, engagementId = midori) => `/api/engagements/${engagementId}/tree/nodes/${node}/evidence`;

async function indicatorValueOf(municipality: string, code: string) {
  const [row] = await ctx.database.db
    .select({ id: indicatorValues.id })
    .from(indicatorValues)
    .innerJoin(municipalities, eq(municipalities.id, indicatorValues.municipalityId))
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(and(eq(municipalities.name, municipality), eq(indicators.code, code), eq(indicatorValues.period, 'FY2024')));
  return row!.id;
}

describe('GET /api/engagements/:id/tree/nodes/:nodeId/evidence', () => {
  it('lists seeded indicator-value evidence with the indicator, value, period and source', async () => {
    const res = await advisor.get(evidenceUrl(await nodeId('相談が重度化してから来る')));
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        kind: 'indicator_value',
        indicator: expect.objectContaining({ code: 'I05', name: '初回相談時 認知症自立度Ⅱb以下の割合', unit: '%', direction: 'higher' }),
        value: 58,
        period: 'FY2024',
        source: '包括相談記録',
      }),
    ]);
  });

  it('lists free-text evidence', async () => {
    const res = await advisor.get(evidenceUrl(await nodeId('単身世帯が多く異変に気づく人がいない')));
    expect(res.json().items).toEqual([expect.objectContaining({ kind: 'text', text: '高齢単身世帯率38%' })]);
  });

  it('answers 404 for a node of another engagement and for an unknown node', async () => {
    const foreignNode = (await tree(advisor, aoba))[0]!.id;
    expect((await advisor.get(evidenceUrl(foreignNode))).statusCode).toBe(404);
    expect((await advisor.get(evidenceUrl('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
  });
});

describe('POST /api/engagements/:id/tree/nodes/:nodeId/evidence', () => {
  it('adds a finding as evidence; each role sees it only when it may read the finding', async () => {
    const node = await nodeId('かかりつけ医から包括への連絡経路がない');
    for (const visibility of ['team', 'municipality', 'observers'] as const) {
      const res = await advisor.post(evidenceUrl(node), { kind: 'finding', findingId: finding[visibility] });
      expect(res.statusCode, visibility).toBe(201);
      expect(res.json()).toMatchObject({
        kind: 'finding',
        findingId: finding[visibility],
        finding: { visibility },
        createdBy: { name: '森川 恵子' },
      });
    }
    const visibleTo = async (email: string) =>
      ((await (await ctx.login(email)).get(evidenceUrl(node))).json().items as { kind: string; finding?: { visibility: string } }[])
        .flatMap((e) => (e.finding ? [e.finding.visibility] : []))
        .sort();
    expect(await visibleTo(demo.morikawa)).toEqual(['municipality', 'observers', 'team']);
    expect(await visibleTo(demo.office)).toEqual(['municipality', 'observers', 'team']);
    expect(await visibleTo(demo.midori)).toEqual(['municipality', 'observers']);
    expect(await visibleTo(demo.sakura)).toEqual(['observers']);
    // The tree's evidence counts follow the same rule (plus the node's seeded text evidence, 包括ヒアリング).
    const count = async (email: string) => (await tree(await ctx.login(email))).find((n) => n.id === node)!.evidenceCount;
    expect(await count(demo.morikawa)).toBe(4);
    expect(await count(demo.midori)).toBe(3);
    expect(await count(demo.sakura)).toBe(2);
  });

  it('observers stop seeing the evidence when its finding stops being shared with them', async () => {
    const node = await nodeId('かかりつけ医から包括への連絡経路がない');
    const sakura = await ctx.login(demo.sakura);
    expect((await tree(sakura)).find((n) => n.id === node)!.evidenceCount).toBe(2);
    await ctx.database.db.update(findings).set({ visibility: 'municipality', version: 2 }).where(eq(findings.id, finding.observers));
    expect((await tree(sakura)).find((n) => n.id === node)!.evidenceCount).toBe(1);
    expect((await sakura.get(evidenceUrl(node))).json().items).toEqual([expect.objectContaining({ kind: 'text' })]);
    await ctx.database.db.update(findings).set({ visibility: 'observers', version: 3 }).where(eq(findings.id, finding.observers));
  });

  it('adds an indicator value of the engagement’s municipality', async () => {
    const node = await nodeId('在宅生活を継続できる');
    const res = await advisor.post(evidenceUrl(node), {
      kind: 'indicator_value',
      indicatorValueId: await indicatorValueOf('みどり区', 'M01'),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'indicator_value', indicator: { code: 'M01' }, value: 19.6, period: 'FY2024' });
  });

  it('adds text evidence with its source, and audits it', async () => {
    const node = await nodeId('日中の居場所が少ない');
    const res = await advisor.post(evidenceUrl(node), { kind: 'text', text: '  区内の認知症カフェは2か所  ', source: '区資料' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'text', text: '区内の認知症カフェは2か所', source: '区資料', nodeId: node });
    const [entry] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'evidence'), eq(auditLog.entityId, res.json().id)));
    expect(entry).toMatchObject({ action: 'evidence.create', engagementId: midori });
  });

  it('rejects references outside the engagement with 400 naming the field', async () => {
    const node = await nodeId('日中の居場所が少ない');
    const otherCity = await advisor.post(evidenceUrl(node), {
      kind: 'indicator_value',
      indicatorValueId: await indicatorValueOf('あおば市', 'M01'),
    });
    expect(otherCity.statusCode).toBe(400);
    expect(otherCity.json().errors[0].path).toBe('body.indicatorValueId');
    const otherFinding = await advisor.post(evidenceUrl(node), { kind: 'finding', findingId: foreignFinding });
    expect(otherFinding.statusCode).toBe(400);
    expect(otherFinding.json().errors[0].path).toBe('body.findingId');
  });

  it('rejects malformed bodies with 400', async () => {
    const node = await nodeId('日中の居場所が少ない');
    expect((await advisor.post(evidenceUrl(node), { kind: 'text', text: '   ' })).statusCode).toBe(400);
    expect((await advisor.post(evidenceUrl(node), { kind: 'photo', url: 'x' })).statusCode).toBe(400);
    const extra = await advisor.post(evidenceUrl(node), { kind: 'finding', findingId: finding.team, text: 'x' });
    expect(extra.statusCode).toBe(400);
    expect(
      extra
        .json()
        .errors.map((e: { path: string }) => e.path)
        .join(' '),
    ).toContain('text');
  });

  it('refuses the same finding or value twice on one node with 409', async () => {
    const node = await nodeId('かかりつけ医から包括への連絡経路がない');
    const again = await advisor.post(evidenceUrl(node), { kind: 'finding', findingId: finding.team });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('duplicate_evidence');
  });

  it('lets advisors and municipal members add evidence and refuses other roles (403) and advisors of other engagements (404)', async () => {
    const node = await nodeId('依頼基準が包括間でばらつく');
    const body = { kind: 'text', text: '包括ごとに依頼書式が異なる', source: '包括ヒアリング' };
    expect((await (await ctx.login(demo.takada)).post(evidenceUrl(node), body)).statusCode).toBe(201);
    const theirs = { kind: 'text', text: '区の依頼様式は3種類ある', source: '高齢福祉課' };
    expect((await (await ctx.login(demo.midori)).post(evidenceUrl(node), theirs)).statusCode).toBe(201);
    expect((await (await ctx.login(demo.sakura)).post(evidenceUrl(node), body)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.office)).post(evidenceUrl(node), body)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.kitano)).post(evidenceUrl(node), body)).statusCode).toBe(404);
    expect((await advisor.get(evidenceUrl(node))).json().items).toHaveLength(2);
  });
});

describe('DELETE /api/engagements/:id/tree/nodes/:nodeId/evidence/:evidenceId', () => {
  it('removes evidence (advisors and municipal members) and answers 404 afterwards', async () => {
    const node = await nodeId('介護者が相談・休息できる場が少ない');
    const created = await advisor.post(evidenceUrl(node), { kind: 'text', text: '介護者の会は年2回', source: '包括' });
    const url = `${evidenceUrl(node)}/${created.json().id}`;
    expect((await (await ctx.login(demo.sakura)).delete(url)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.office)).delete(url)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.kitano)).delete(url)).statusCode).toBe(404);
    expect((await (await ctx.login(demo.midori)).delete(url)).statusCode).toBe(204);
    expect((await advisor.delete(url)).statusCode).toBe(404);
    expect((await advisor.get(evidenceUrl(node))).json().items).toEqual([]);
  });

  it('answers 404 for evidence addressed through another node', async () => {
    const node = await nodeId('介護者が相談・休息できる場が少ない');
    const other = await nodeId('日中の居場所が少ない');
    const created = await advisor.post(evidenceUrl(node), { kind: 'text', text: '別の根拠', source: '' });
    expect((await advisor.delete(`${evidenceUrl(other)}/${created.json().id}`)).statusCode).toBe(404);
  });
});
