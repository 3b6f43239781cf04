import type { HomeGroup, HomeItem } from '@banso/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engagements, milestones } from '../../src/db/schema/index.js';
import { DEMO_SEED_DATE } from '../support/global-setup.js';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

/**
 * The home's to-do list, per demo role, on the day the demo was seeded (DEMO_SEED_DATE, 2025-12-01:
 * the demo program is 令和7年度, continued from 令和6年度's みどり区).
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ today: DEMO_SEED_DATE });
});
afterAll(() => ctx.close());

async function homeOf(email: string, query = ''): Promise<{ today: string; groups: HomeGroup[] }> {
  const res = await (await ctx.login(email)).get(`/api/me/todo${query}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}
const kinds = (home: { groups: HomeGroup[] }) => home.groups.map((g) => g.kind);
const itemsOf = (home: { groups: HomeGroup[] }, kind: HomeItem['kind']) => home.groups.find((g) => g.kind === kind)?.items ?? [];
const brief = (i: HomeItem) => [i.municipality.name, i.title, i.due, i.overdue, i.target];

describe('GET /api/me/todo', () => {
  it("gives the municipal member of みどり区 the milestone due this month and the plan's missing value", async () => {
    const home = await homeOf(demo.midori);
    expect(home.today).toBe(DEMO_SEED_DATE);
    expect(kinds(home)).toEqual(['milestone', 'measurement']);
    const midori = await engagementIdOf(ctx, 'みどり区');
    expect(itemsOf(home, 'milestone').map(brief)).toEqual([['みどり区', '区報特集', '2025-12-31', false, 'roadmap']]);
    expect(itemsOf(home, 'milestone')[0]!.engagementId).toBe(midori);
    // 毎年5月: the value of 2025-05 is not recorded (the demo records it from the next year on).
    const [measurement] = itemsOf(home, 'measurement');
    expect(measurement).toMatchObject({
      engagementId: midori,
      period: '2025-05',
      title: '初回相談時 認知症自立度Ⅱb以下の割合',
      target: 'roadmap',
    });
  });

  it('gives the municipal member of やまなみ町 their overdue homework and the milestone due, and nothing of other municipalities', async () => {
    const home = await homeOf(demo.yamanami);
    expect(kinds(home)).toEqual(['homework', 'milestone']);
    expect(itemsOf(home, 'homework').map(brief)).toEqual([
      ['やまなみ町', '町外病院の連携室担当者を確認する', '2025-09-30', true, 'hearing'],
    ]);
    expect(itemsOf(home, 'milestone').map(brief)).toEqual([['やまなみ町', '3集落で実施', '2025-12-31', false, 'roadmap']]);

    const aoba = await homeOf(demo.aoba);
    expect(kinds(aoba)).toEqual(['milestone']);
    expect(itemsOf(aoba, 'milestone').map(brief)).toEqual([['あおば市', '案内フロー確定', '2025-12-31', false, 'roadmap']]);
  });

  it("gives advisors the next visit of each of their engagements and the engagements' open homework", async () => {
    const lead = await homeOf(demo.morikawa);
    expect(kinds(lead)).toEqual(['homework', 'visit']);
    expect(itemsOf(lead, 'visit').map((i) => [i.municipality.name, i.due, i.target])).toEqual([
      ['あおば市', '2025-12-11', 'hearing'],
      ['みどり区', '2026-01-20', 'hearing'],
      ['やまなみ町', '2026-02-05', 'hearing'],
    ]);
    expect(itemsOf(lead, 'homework').map(brief)).toEqual([
      ['やまなみ町', '町外病院の連携室担当者を確認する', '2025-09-30', true, 'hearing'],
    ]);

    // The peer advisor is not on みどり区: nothing of it.
    const peer = await homeOf(demo.kitano);
    expect(itemsOf(peer, 'visit').map((i) => i.municipality.name)).toEqual(['あおば市', 'やまなみ町']);
  });

  it('gives observers nothing to do', async () => {
    for (const observer of [demo.sakura, demo.higashi, demo.shiosai]) expect((await homeOf(observer)).groups).toEqual([]);
  });

  it('bounds each kind and counts them all', async () => {
    const home = await homeOf(demo.morikawa, '?limit=1');
    const visits = home.groups.find((g) => g.kind === 'visit')!;
    expect(visits.total).toBe(3);
    expect(visits.items.map((i) => i.municipality.name)).toEqual(['あおば市']);
  });

  it('answers 400 naming the field for a bad query, 401 when signed out', async () => {
    const s = await ctx.login(demo.midori);
    for (const q of ['?limit=0', '?limit=abc', '?limit=51']) {
      const res = await s.get(`/api/me/todo${q}`);
      expect(res.statusCode).toBe(400);
      expect(JSON.stringify(res.json().errors)).toContain('limit');
    }
    expect((await s.get('/api/me/todo?colour=red')).statusCode).toBe(400);
    expect((await ctx.anonymous.get('/api/me/todo')).statusCode).toBe(401);
  });

  it("gives the program office the delayed engagements and the applications waiting for selection; an overdue milestone reaches the team's homes", async () => {
    expect((await homeOf(demo.office)).groups).toEqual([]);
    const office = await ctx.login(demo.office);
    const next = await office.post('/api/programs', { fiscalYear: 2026, name: '令和8年度 保険者機能強化 伴走型支援' });
    expect(next.statusCode).toBe(201);
    const applied = await (
      await ctx.login(demo.yamanami)
    ).post(`/api/programs/${next.json().id}/applications`, {
      theme: '在宅医療・介護連携',
      motivation: '継続して取り組みたい',
      contactName: '山口 大地',
      contactEmail: 'yamanami@example.jp',
    });
    expect(applied.statusCode).toBe(201);

    // A milestone of あおば市 slips: due last month and not done.
    const aoba = await engagementIdOf(ctx, 'あおば市');
    const [slipped] = await ctx.database.db
      .update(milestones)
      .set({ due: '2025-11-20', status: 'planned' })
      .where(and(eq(milestones.title, '案内フロー確定')))
      .returning({ id: milestones.id });
    expect(slipped).toBeDefined();

    const home = await homeOf(demo.office);
    expect(kinds(home)).toEqual(['delayed_engagement', 'application']);
    expect(itemsOf(home, 'delayed_engagement').map((i) => [i.engagementId, i.municipality.name, i.due, i.overdue, i.target])).toEqual([
      [aoba, 'あおば市', '2025-11-20', true, 'roadmap'],
    ]);
    expect(itemsOf(home, 'application')).toEqual([
      expect.objectContaining({
        id: applied.json().id,
        engagementId: null,
        programId: next.json().id,
        fiscalYear: 2026,
        municipality: expect.objectContaining({ name: 'やまなみ町' }),
        title: '在宅医療・介護連携',
        target: 'applications',
      }),
    ]);

    expect(itemsOf(await homeOf(demo.kitano), 'milestone').map(brief)).toEqual([
      ['あおば市', '案内フロー確定', '2025-11-20', true, 'roadmap'],
    ]);
    expect(itemsOf(await homeOf(demo.aoba), 'milestone')[0]).toMatchObject({ id: slipped!.id, overdue: true });
    // Advisors of other engagements and other municipalities' staff do not see it.
    expect(itemsOf(await homeOf(demo.midori), 'milestone').map((i) => i.municipality.name)).toEqual(['みどり区']);
  });
});

describe('GET /api/me/todo for an engagement behind the calendar', () => {
  it("lists, for the office, an engagement whose status lags the program's visit windows", async () => {
    const yamanami = await engagementIdOf(ctx, 'やまなみ町');
    // The second window (ロジックツリー・取組選定) ended on 2025-11-30: actions should be selected by now.
    await ctx.database.db.update(engagements).set({ status: 'hearing' }).where(eq(engagements.id, yamanami));
    const delayed = itemsOf(await homeOf(demo.office), 'delayed_engagement');
    expect(delayed.find((i) => i.engagementId === yamanami)).toMatchObject({
      municipality: expect.objectContaining({ name: 'やまなみ町' }),
      due: '2025-11-30',
      overdue: true,
      target: 'roadmap',
    });
    // Not the team's to-do: the advisors and the municipality see their own items, not the office's.
    expect(kinds(await homeOf(demo.yamanami))).not.toContain('delayed_engagement');
  });
});

describe('GET /api/me/todo near the report meeting', () => {
  let late: TestContext;
  beforeAll(async () => {
    late = await createTestContext({ today: '2026-02-15' });
  });
  afterAll(() => late.close());

  it('asks the team and the municipality for the PDCA review of the year, until it is written', async () => {
    const midori = await engagementIdOf(late, 'みどり区');
    const member = await late.login(demo.midori);
    const review = (await member.get('/api/me/todo')).json().groups.find((g: HomeGroup) => g.kind === 'pdca_review');
    expect(review.items.map((i: HomeItem) => [i.engagementId, i.due, i.target])).toEqual([[midori, '2026-03-16', 'review']]);
    const lead = await late.login(demo.morikawa);
    const leadReview = (await lead.get('/api/me/todo')).json().groups.find((g: HomeGroup) => g.kind === 'pdca_review');
    expect(leadReview.total).toBe(3);

    const put = await member.put(`/api/engagements/${midori}/pdca-reviews/2025`, {
      assessment: 'good',
      comment: '進んだ',
      nextActions: '',
    });
    expect([200, 201]).toContain(put.statusCode);
    const after = (await member.get('/api/me/todo')).json().groups.find((g: HomeGroup) => g.kind === 'pdca_review');
    expect(after).toBeUndefined();
    // Observers and the office are never asked for it.
    expect((await (await late.login(demo.sakura)).get('/api/me/todo')).json().groups).toEqual([]);
  });
});
