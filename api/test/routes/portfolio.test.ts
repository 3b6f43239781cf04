import { and, eq, lt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actions, measurements, milestones, treeNodes, verificationPlans } from '../../src/db/schema/index.js';
import { agreeRoadmap, createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2026-02-15' });
});
afterAll(() => ctx.close());

async function planOf(engagementId: string, title: string) {
  const [row] = await ctx.database.db
    .select({ plan: verificationPlans })
    .from(verificationPlans)
    .innerJoin(actions, eq(actions.id, verificationPlans.actionId))
    .innerJoin(treeNodes, eq(treeNodes.id, actions.nodeId))
    .where(and(eq(actions.engagementId, engagementId), eq(treeNodes.title, title)));
  if (!row) throw new Error(`no plan for ${title}`);
  return row.plan;
}

describe('GET /api/portfolio', () => {
  it('lists every engagement of the program with status, roadmap, delays, progress and last activity', async () => {
    const midori = await engagementIdOf(ctx, 'みどり区');
    // Two measured plans of みどり区: I06 12 → 30 (now 21: 0.5), 連絡票 0 → 60 (now 15, then 30: 0.5 on the latest).
    const i06 = await planOf(midori, 'チーム依頼基準を包括合同で統一');
    const slips = await planOf(midori, '医師会と「もの忘れ連絡票」を定型化');
    await ctx.database.db.insert(measurements).values([
      { planId: i06.id, period: '2025-12', value: 21 },
      { planId: slips.id, period: '2025-10', value: 15 },
      { planId: slips.id, period: '2026-01', value: 30 },
    ]);
    // An activity: the office edits the engagement.
    const office = await ctx.login(demo.office);
    expect((await office.patch(`/api/engagements/${midori}`, { theme: '認知症施策' }, { 'if-match': '"1"' })).statusCode).toBe(200);

    const res = await office.get('/api/portfolio');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      engagementId: string;
      municipality: { name: string; category: string };
      theme: string;
      status: string;
      roadmapAgreed: boolean;
      delayedMilestones: number;
      latestProgress: number | null;
      measuredPlans: number;
      lastActivityAt: string;
    }[];
    expect(items.map((i) => [i.municipality.name, i.municipality.category])).toEqual([
      ['みどり区', 'ward'],
      ['あおば市', 'city'],
      ['やまなみ町', 'town_village'],
      // Last year's みどり区, which this year's continued from (same organizer, so the office administers it).
      ['みどり区', 'ward'],
    ]);
    const m = items.find((i) => i.engagementId === midori)!;
    expect(m).toMatchObject({ theme: '認知症施策', status: 'actions_selected', roadmapAgreed: false, measuredPlans: 2 });
    expect(m.latestProgress).toBeCloseTo(0.5);
    expect(new Date(m.lastActivityAt).getTime()).toBeGreaterThan(Date.parse('2025-12-01'));
    const others = items.filter((i) => i.engagementId !== midori);
    // The demo recorded measurements everywhere else up to its date (2025-12-01).
    for (const o of others) expect(o.measuredPlans).toBeGreaterThan(0);

    // Delayed milestones as of 2026-02-15, computed from the milestones table.
    const overdue = await ctx.database.db
      .select({ id: milestones.id })
      .from(milestones)
      .innerJoin(actions, eq(actions.id, milestones.actionId))
      .where(and(eq(actions.engagementId, midori), eq(milestones.status, 'planned'), lt(milestones.due, '2026-02-15')));
    const dueBefore = overdue.length;
    expect(dueBefore).toBeGreaterThan(0);
    expect(m.delayedMilestones).toBe(dueBefore);
  });

  it('marks roadmap agreed once the status reaches it', async () => {
    const aoba = await engagementIdOf(ctx, 'あおば市');
    expect((await agreeRoadmap(ctx, aoba, demo.kitano, demo.aoba)).statusCode).toBe(200);
    const items = (await (await ctx.login(demo.office)).get('/api/portfolio')).json().items as {
      engagementId: string;
      roadmapAgreed: boolean;
      status: string;
    }[];
    expect(items.find((i) => i.engagementId === aoba)).toMatchObject({ roadmapAgreed: true, status: 'roadmap_agreed' });
  });

  it('is for the program office only', async () => {
    for (const who of [demo.morikawa, demo.midori, demo.sakura])
      expect((await (await ctx.login(who)).get('/api/portfolio')).statusCode).toBe(403);
    expect((await ctx.anonymous.get('/api/portfolio')).statusCode).toBe(401);
    expect((await (await ctx.login(demo.office)).get('/api/portfolio?programId=nope')).statusCode).toBe(400);
  });
});

describe('GET /api/portfolio filtered by program and fiscal year', () => {
  it('lists one fiscal year, or one program, so two years never mix', async () => {
    const office = await ctx.login(demo.office);
    const programs = (await office.get('/api/programs')).json().items as { id: string; fiscalYear: number }[];
    const current = programs.find((p) => p.fiscalYear === 2025)!;

    const year = (await office.get('/api/portfolio?fiscalYear=2025')).json().items as {
      fiscalYear: number;
      municipality: { name: string };
    }[];
    expect(year.map((i) => i.municipality.name)).toEqual(['みどり区', 'あおば市', 'やまなみ町']);
    expect(new Set(year.map((i) => i.fiscalYear))).toEqual(new Set([2025]));

    const last = (await office.get('/api/portfolio?fiscalYear=2024')).json().items as {
      fiscalYear: number;
      municipality: { name: string };
    }[];
    expect(last.map((i) => [i.fiscalYear, i.municipality.name])).toEqual([[2024, 'みどり区']]);

    const one = (await office.get(`/api/portfolio?programId=${current.id}`)).json().items as { programId: string }[];
    expect(one).toHaveLength(3);
    expect(one.every((i) => i.programId === current.id)).toBe(true);
    expect((await office.get(`/api/portfolio?programId=${current.id}&fiscalYear=2024`)).json().items).toEqual([]);
  });

  it('answers 400 naming the field for a bad fiscal year or an unknown parameter', async () => {
    const office = await ctx.login(demo.office);
    for (const q of ['fiscalYear=R7', 'fiscalYear=1999', 'fiscalYear=2025.5']) {
      const res = await office.get(`/api/portfolio?${q}`);
      expect(res.statusCode).toBe(400);
      expect(JSON.stringify(res.json().errors)).toContain('fiscalYear');
    }
    expect((await office.get('/api/portfolio?year=2025')).statusCode).toBe(400);
  });
});
