import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/modules/auth/auth.service.js';
import {
  applications,
  engagements,
  findings,
  municipalities,
  observerGrants,
  programs,
  reports,
  users,
} from '../../src/db/schema/index.js';
import { createTestContext, DEMO_PASSWORD, demo, engagementIdOf, organizerIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
let midori: string;
let yamanamiEngagement: string;
const MUNICIPALITY_ONLY = '庁内限定: 来年度の人員配置案';

beforeAll(async () => {
  ctx = await createTestContext({ today: '2026-03-10' });
  midori = await engagementIdOf(ctx, 'みどり区');
  yamanamiEngagement = await engagementIdOf(ctx, 'やまなみ町');
  await ctx.database.db
    .insert(findings)
    .values({ engagementId: midori, kind: 'decision', text: MUNICIPALITY_ONLY, source: '高齢福祉課', visibility: 'municipality' });
});
afterAll(() => ctx.close());

async function draft(engagementId: string) {
  const res = await (await ctx.login(demo.morikawa)).post(`/api/engagements/${engagementId}/reports`, {});
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; version: number };
}

async function publish(engagementId: string, report: { id: string; version: number }) {
  const res = await (
    await ctx.login(demo.office)
  ).post(`/api/engagements/${engagementId}/reports/${report.id}/publish`, undefined, {
    'if-match': `"${report.version}"`,
  });
  expect(res.statusCode).toBe(200);
  return res.json() as { id: string; version: number };
}

const titles = async (email: string, query = '') => {
  const res = await (await ctx.login(email)).get(`/api/library${query}`);
  expect(res.statusCode).toBe(200);
  return (res.json().items as { municipality: { name: string } }[]).map((i) => i.municipality.name);
};

describe('GET /api/library', () => {
  let midoriReport: { id: string; version: number };

  it('hides drafts from everyone, the program office included', async () => {
    midoriReport = await draft(midori);
    for (const who of [demo.office, demo.morikawa, demo.midori, demo.yamanami, demo.sakura]) expect(await titles(who)).toEqual([]);
    expect((await (await ctx.login(demo.yamanami)).get(`/api/library/${midoriReport.id}`)).statusCode).toBe(404);
  });

  it('shows a published case to the users of unrelated municipalities of the program, and to observers', async () => {
    midoriReport = await publish(midori, midoriReport);
    for (const who of [demo.yamanami, demo.aoba, demo.sakura, demo.shiosai, demo.office, demo.kitano])
      expect([who, await titles(who)]).toEqual([who, ['みどり区']]);
  });

  it('filters by theme, category, region type, indicator, fiscal year and text', async () => {
    expect(await titles(demo.yamanami, '?theme=認知症')).toEqual(['みどり区']);
    expect(await titles(demo.yamanami, `?theme=${encodeURIComponent('介護予防')}`)).toEqual([]);
    expect(await titles(demo.yamanami, '?category=ward')).toEqual(['みどり区']);
    expect(await titles(demo.yamanami, '?category=town_village')).toEqual([]);
    expect(await titles(demo.yamanami, '?regionType=metro')).toEqual(['みどり区']);
    expect(await titles(demo.yamanami, '?regionType=urban')).toEqual([]);
    expect(await titles(demo.yamanami, '?indicator=I05')).toEqual(['みどり区']);
    expect(await titles(demo.yamanami, '?indicator=I01')).toEqual([]);
    expect(await titles(demo.yamanami, '?fiscalYear=2025')).toEqual(['みどり区']);
    expect(await titles(demo.yamanami, '?fiscalYear=2024')).toEqual([]);
    expect(await titles(demo.yamanami, `?q=${encodeURIComponent('もの忘れ連絡票')}`)).toEqual(['みどり区']);
    expect(await titles(demo.yamanami, `?q=${encodeURIComponent('100%_')}`)).toEqual([]);
  });

  it('offers the facets of the visible cases', async () => {
    const { facets, items } = (await (await ctx.login(demo.yamanami)).get('/api/library')).json();
    expect(facets.themes).toEqual(['認知症']);
    expect(facets.fiscalYears).toEqual([2025]);
    expect(facets.indicators.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['I05', 'I06', 'I07', 'M01']));
    expect(items[0]).toMatchObject({
      theme: '認知症',
      actionCount: 5,
      versionNumber: 1,
      municipality: { category: 'ward', regionType: 'metro' },
    });
  });

  it('rejects an unknown filter with 400 and requires a session', async () => {
    const res = await (await ctx.login(demo.yamanami)).get('/api/library?colour=red');
    expect(res.statusCode).toBe(400);
    expect((await (await ctx.login(demo.yamanami)).get('/api/library?category=metropolis')).statusCode).toBe(400);
    expect((await ctx.anonymous.get('/api/library')).statusCode).toBe(401);
  });

  it('shows nothing to a signed-in user with no tie to the program', async () => {
    await ctx.database.db
      .insert(users)
      .values({ email: 'stranger@demo.banso.jp', name: '無関係 太郎', passwordHash: await hashPassword(DEMO_PASSWORD) });
    expect(await titles('stranger@demo.banso.jp')).toEqual([]);
    expect((await (await ctx.login('stranger@demo.banso.jp')).get(`/api/library/${midoriReport.id}`)).statusCode).toBe(404);
  });

  it('reads through an observer grant only while it is active: expired → 404, revoked then applying → still 404', async () => {
    const db = ctx.database.db;
    const [muni] = await db
      .insert(municipalities)
      .values({ code: '999801', name: 'つばさ町', category: 'town_village', regionType: 'island_mountain' })
      .returning();
    const email = 'tsubasa@demo.banso.jp';
    await db.insert(users).values({ email, name: '翼 花子', municipalityId: muni!.id, passwordHash: await hashPassword(DEMO_PASSWORD) });
    const [grant] = await db
      .insert(observerGrants)
      .values({ engagementId: midori, municipalityId: muni!.id, validUntil: '2026-01-31' })
      .returning();
    const reader = await ctx.login(email);
    // Today is 2026-03-10: the grant ran out.
    expect((await reader.get(`/api/library/${midoriReport.id}`)).statusCode).toBe(404);
    expect(await titles(email)).toEqual([]);
    await db.update(observerGrants).set({ validUntil: '2027-03-31' }).where(eq(observerGrants.id, grant!.id));
    expect((await reader.get(`/api/library/${midoriReport.id}`)).statusCode).toBe(200);
    await db.update(observerGrants).set({ revokedAt: new Date() }).where(eq(observerGrants.id, grant!.id));
    const [engagement] = await db.select().from(engagements).where(eq(engagements.id, midori));
    await db.insert(applications).values({
      programId: engagement!.programId,
      municipalityId: muni!.id,
      theme: '介護予防',
      motivation: '事例を読みたい',
      contactName: '翼 花子',
      contactEmail: email,
    });
    expect((await reader.get(`/api/library/${midoriReport.id}`)).statusCode).toBe(404);
    expect(await titles(email)).toEqual([]);
  });

  it('keeps cases of another organizer’s program apart', async () => {
    const db = ctx.database.db;
    const [program] = await db
      .insert(programs)
      .values({ fiscalYear: 2025, name: '別県 伴走支援', organizerId: await organizerIdOf(db, '別県 福祉部') })
      .returning();
    const [muni] = await db
      .insert(municipalities)
      .values({ code: '999901', name: 'べつ町', category: 'town_village', regionType: 'island_mountain' })
      .returning();
    const [engagement] = await db
      .insert(engagements)
      .values({ programId: program!.id, municipalityId: muni!.id, theme: '認知症' })
      .returning();
    const [source] = await db.select().from(reports).where(eq(reports.id, midoriReport.id));
    const { id: _id, ...copy } = source!;
    await db.insert(reports).values({ ...copy, engagementId: engagement!.id, title: '別県の事例' });
    expect(await titles(demo.yamanami)).toEqual(['みどり区']);
    expect(await titles(demo.office)).toEqual(['みどり区']);
  });
});

describe('GET /api/library/:reportId', () => {
  let reportId: string;
  beforeAll(async () => {
    reportId = (await (await ctx.login(demo.yamanami)).get('/api/library')).json().items[0].reportId;
  });

  it('shows the case’s tree, actions and results', async () => {
    const res = await (await ctx.login(demo.yamanami)).get(`/api/library/${reportId}`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.facts.tree.nodes).toHaveLength(18);
    expect(c.facts.actions).toHaveLength(5);
    expect(c.facts.verification.map((p: { targetValue: number }) => p.targetValue).sort((a: number, b: number) => a - b)).toEqual([
      30, 35, 60, 70, 120,
    ]);
    expect(c.versions.map((v: { versionNumber: number }) => v.versionNumber)).toEqual([1]);
    const svg = await (await ctx.login(demo.yamanami)).get(`/api/library/${reportId}/tree.svg`);
    expect(svg.statusCode).toBe(200);
    expect(svg.body).toContain('相談が重度化してから来る');
  });

  it('never carries team-only or municipality-only content', async () => {
    for (const path of [
      `/api/library/${reportId}`,
      `/api/library/${reportId}/preview`,
      '/api/library',
      `/api/library?q=${encodeURIComponent('人事評価')}`,
    ]) {
      const body = (await (await ctx.login(demo.sakura)).get(path)).body;
      expect(body).not.toContain('人事評価');
      expect(body).not.toContain(MUNICIPALITY_ONLY);
    }
    const facts = (await (await ctx.login(demo.sakura)).get(`/api/library/${reportId}`)).json().facts;
    expect(facts.findings.length).toBeGreaterThan(0);
  });

  it('lists a correction once published, and keeps every published version readable', async () => {
    const advisor = await ctx.login(demo.morikawa);
    const v2 = (await advisor.post(`/api/engagements/${midori}/reports/${reportId}/versions`)).json();
    expect((await (await ctx.login(demo.yamanami)).get('/api/library')).json().items[0].versionNumber).toBe(1);
    expect((await (await ctx.login(demo.yamanami)).get(`/api/library/${v2.id}`)).statusCode).toBe(404);
    await publish(midori, v2);
    const items = (await (await ctx.login(demo.yamanami)).get('/api/library')).json().items;
    expect(items.map((i: { versionNumber: number }) => i.versionNumber)).toEqual([2]);
    const latest = (await (await ctx.login(demo.yamanami)).get(`/api/library/${v2.id}`)).json();
    expect(latest.versions.map((v: { versionNumber: number }) => v.versionNumber)).toEqual([2, 1]);
    expect((await (await ctx.login(demo.yamanami)).get(`/api/library/${reportId}`)).statusCode).toBe(200);
  });

  it('adds cases as they are published: やまなみ町 appears next to みどり区', async () => {
    await publish(yamanamiEngagement, await draft(yamanamiEngagement));
    expect((await titles(demo.aoba)).sort()).toEqual(['みどり区', 'やまなみ町']);
    expect(await titles(demo.aoba, '?category=town_village')).toEqual(['やまなみ町']);
    expect(await titles(demo.aoba, `?theme=${encodeURIComponent('在宅医療・介護連携')}`)).toEqual(['やまなみ町']);
  });
});
