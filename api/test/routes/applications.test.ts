import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, engagements, memberships, programs, treeNodes, trees, users } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, organizerIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
let nextProgram: string;
let currentProgram: string;
const ids = new Map<string, string>();

const body = (theme: string) => ({
  theme,
  motivation: `${theme}の取組を進めたい`,
  contactName: '担当 花子',
  contactEmail: 'contact@example.jp',
  contactPhone: '03-0000-0000',
});
const url = (rest = '', program = nextProgram) => `/api/programs/${program}/applications${rest}`;

async function userId(email: string) {
  const [u] = await ctx.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return u!.id;
}

beforeAll(async () => {
  ctx = await createTestContext({ today: '2026-02-01' });
  const office = await ctx.login(demo.office);
  currentProgram = (await office.get('/api/programs')).json().items[0].id;
  const created = await office.post('/api/programs', { fiscalYear: 2026, name: '令和8年度 保険者機能強化 伴走型支援' });
  expect(created.statusCode).toBe(201);
  nextProgram = created.json().id;
});
afterAll(() => ctx.close());

describe('POST /api/programs/:programId/applications', () => {
  it('lets municipal staff apply for their own municipality', async () => {
    const res = await (await ctx.login(demo.yamanami)).post(url(), body('在宅医療・介護連携'));
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const app = res.json();
    expect(app).toMatchObject({
      status: 'submitted',
      theme: '在宅医療・介護連携',
      municipality: { name: 'やまなみ町', category: 'town_village' },
      applicant: { name: '山口 大地' },
    });
    // やまなみ町 had the 2025 engagement: a selection continues it.
    expect(app.previousEngagement).toMatchObject({
      id: await engagementIdOf(ctx, 'やまなみ町'),
      fiscalYear: 2025,
      theme: '在宅医療・介護連携',
    });
    ids.set('yamanami', app.id);
  });

  it('takes applications from other municipalities, neighbours included', async () => {
    for (const [who, theme] of [
      [demo.midori, '認知症'],
      [demo.sakura, '介護予防'],
      [demo.aoba, '介護予防'],
      [demo.higashi, '計画の進捗管理'],
    ] as const) {
      const res = await (await ctx.login(who)).post(url(), body(theme));
      expect([who, res.statusCode]).toEqual([who, 201]);
      ids.set(who.split('@')[0]!, res.json().id);
    }
  });

  it('refuses a second application of the same municipality with 409', async () => {
    const res = await (await ctx.login(demo.yamanami)).post(url(), body('介護予防'));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('already_applied');
  });

  it('refuses staff without a municipality (403), unknown programs (404) and past programs (409)', async () => {
    expect((await (await ctx.login(demo.office)).post(url(), body('認知症'))).statusCode).toBe(403);
    expect((await (await ctx.login(demo.morikawa)).post(url(), body('認知症'))).statusCode).toBe(403);
    expect((await (await ctx.login(demo.yamanami)).post(url('', '00000000-0000-4000-8000-000000000000'), body('認知症'))).statusCode).toBe(
      404,
    );
    const [past] = await ctx.database.db
      .insert(programs)
      .values({
        fiscalYear: 2024,
        name: '令和6年度 伴走型支援',
        organizerId: await organizerIdOf(ctx.database.db, '都 福祉局 保険者支援担当'),
      })
      .returning();
    const res = await (await ctx.login(demo.yamanami)).post(url('', past!.id), body('認知症'));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('program_closed');
    // A municipality that is already in the program does not apply to it.
    const inProgram = await (await ctx.login(demo.midori)).post(url('', currentProgram), body('認知症'));
    expect(inProgram.statusCode).toBe(409);
    expect(inProgram.json().code).toBe('already_in_program');
  });

  it('rejects unknown fields and a malformed e-mail with 400', async () => {
    const res = await (await ctx.login(demo.shiosai)).post(url(), { ...body('認知症'), budget: 100, contactEmail: 'not-mail' });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.budget', 'body.contactEmail']));
  });
});

describe('GET /api/programs/:programId/applications', () => {
  it('shows the program office every application with the indicators side by side', async () => {
    const res = await (await ctx.login(demo.office)).get(url());
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.administered).toBe(true);
    expect(list.program).toMatchObject({ fiscalYear: 2026 });
    expect(list.items.map((a: { municipality: { name: string } }) => a.municipality.name).sort()).toEqual([
      'あおば市',
      'さくら区',
      'ひがし市',
      'みどり区',
      'やまなみ町',
    ]);
    const yamanami = list.items.find((a: { municipality: { name: string } }) => a.municipality.name === 'やまなみ町');
    expect(yamanami.municipality).toMatchObject({ population: 5200, agingRate: 41.5 });
    expect(yamanami.indicators.find((i: { code: string }) => i.code === 'M01')).toMatchObject({ value: 17.9, period: 'FY2024' });
    const midori = list.items.find((a: { municipality: { name: string } }) => a.municipality.name === 'みどり区');
    expect(midori.indicators.find((i: { code: string }) => i.code === 'M01').value).toBe(19.6);
    expect(list.selectedCategories).toEqual([]);
  });

  it('shows municipal staff only their own municipality’s application', async () => {
    const mine = (await (await ctx.login(demo.yamanami)).get(url())).json();
    expect(mine.administered).toBe(false);
    expect(mine.items.map((a: { id: string }) => a.id)).toEqual([ids.get('yamanami')]);
    expect((await (await ctx.login(demo.morikawa)).get(url())).statusCode).toBe(403);
    expect((await (await ctx.login(demo.yamanami)).get(url(`/${ids.get('midori')}`))).statusCode).toBe(404);
    expect((await (await ctx.login(demo.office)).get(url(`/${ids.get('midori')}`))).statusCode).toBe(200);
    expect((await ctx.anonymous.get(url())).statusCode).toBe(401);
  });
});

describe('PATCH /api/programs/:programId/applications/:applicationId', () => {
  it('lets the applying municipality edit with If-Match (428 without, 412 when stale)', async () => {
    const staff = await ctx.login(demo.yamanami);
    const target = url(`/${ids.get('yamanami')}`);
    expect((await staff.patch(target, { motivation: '看取りまで支えたい' })).statusCode).toBe(428);
    const ok = await staff.patch(target, { motivation: '看取りまで支えたい' }, { 'if-match': '"1"' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ motivation: '看取りまで支えたい', version: 2 });
    const stale = await staff.patch(target, { motivation: '古い' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current.version).toBe(2);
  });

  it('does not let others edit it', async () => {
    expect(
      (await (await ctx.login(demo.office)).patch(url(`/${ids.get('yamanami')}`), { theme: 'x' }, { 'if-match': '"2"' })).statusCode,
    ).toBe(403);
    expect(
      (await (await ctx.login(demo.midori)).patch(url(`/${ids.get('yamanami')}`), { theme: 'x' }, { 'if-match': '"2"' })).statusCode,
    ).toBe(404);
  });

  it('withdraws, and the municipality may apply again', async () => {
    const staff = await ctx.login(demo.higashi);
    const withdrawn = await staff.patch(url(`/${ids.get('higashi')}`), { withdraw: true }, { 'if-match': '"1"' });
    expect(withdrawn.json().status).toBe('withdrawn');
    const again = await staff.post(url(), body('介護予防'));
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id: ids.get('higashi'), status: 'submitted', theme: '介護予防' });
  });
});

describe('selection', () => {
  let advisors: string[];
  beforeAll(async () => {
    advisors = [await userId(demo.morikawa), await userId(demo.kitano)];
  });

  it('offers the advisors as candidates to the program office only', async () => {
    const res = await (await ctx.login(demo.office)).get(`/api/programs/${nextProgram}/advisor-candidates`);
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .items.map((c: { name: string }) => c.name)
        .sort(),
    ).toEqual(['北野 修', '森川 恵子', '高田 悠']);
    expect((await (await ctx.login(demo.yamanami)).get(`/api/programs/${nextProgram}/advisor-candidates`)).statusCode).toBe(403);
  });

  it('lets only the program office select', async () => {
    for (const who of [demo.morikawa, demo.yamanami, demo.sakura]) {
      const res = await (await ctx.login(who)).post(url(`/${ids.get('aoba')}/selection`), { advisorIds: advisors }, { 'if-match': '"1"' });
      expect([who, res.statusCode]).toEqual([who, 403]);
    }
  });

  it('rejects advisors who are not advisors with 400 naming them', async () => {
    const res = await (
      await ctx.login(demo.office)
    ).post(url(`/${ids.get('aoba')}/selection`), { advisorIds: [advisors[0], await userId(demo.midori)] }, { 'if-match': '"1"' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.advisorIds.1']);
  });

  it('creates the engagement with its team, continuing the previous year’s', async () => {
    const office = await ctx.login(demo.office);
    const res = await office.post(
      url(`/${ids.get('yamanami')}/selection`),
      { advisorIds: advisors, desiredState: '望めば最期まで町で暮らせる' },
      { 'if-match': '"2"' },
    );
    expect(res.statusCode).toBe(201);
    const { application, engagementId, warning } = res.json();
    expect(application).toMatchObject({ status: 'selected', engagementId });
    expect(warning).toBeNull();
    const [engagement] = await ctx.database.db.select().from(engagements).where(eq(engagements.id, engagementId));
    expect(engagement).toMatchObject({
      programId: nextProgram,
      status: 'selected',
      theme: '在宅医療・介護連携',
      desiredState: '望めば最期まで町で暮らせる',
      previousEngagementId: await engagementIdOf(ctx, 'やまなみ町'),
    });
    const team = await ctx.database.db.select().from(memberships).where(eq(memberships.engagementId, engagementId));
    const yamanamiUser = await userId(demo.yamanami);
    expect(team.find((m) => m.userId === advisors[1])?.role).toBe('advisor');
    expect(team.find((m) => m.userId === yamanamiUser)?.role).toBe('municipal_member');
    // The previous year's tree came along (carryOver defaults to true).
    expect((await ctx.database.db.select().from(treeNodes).where(eq(treeNodes.engagementId, engagementId))).length).toBe(17);
    // The team sees it through the ordinary API.
    const seen = await (await ctx.login(demo.kitano)).get(`/api/engagements/${engagementId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ myRole: 'advisor', fiscalYear: 2026 });
    const staff = (await (await ctx.login(demo.yamanami)).get('/api/engagements')).json().items;
    expect(staff.map((e: { fiscalYear: number }) => e.fiscalYear).sort()).toEqual([2025, 2026]);
    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.engagementId, engagementId), eq(auditLog.entity, 'application')));
    expect(audit.map((a) => a.action)).toEqual(['select']);
  });

  it('refuses to decide twice (409)', async () => {
    const res = await (
      await ctx.login(demo.office)
    ).post(url(`/${ids.get('yamanami')}/selection`), { advisorIds: advisors }, { 'if-match': '"3"' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('application_decided');
  });

  it('warns with 409 when a category is taken twice, and selects with force', async () => {
    const office = await ctx.login(demo.office);
    const midori = await office.post(
      url(`/${ids.get('midori')}/selection`),
      { advisorIds: [advisors[0]], carryOver: false },
      { 'if-match': '"1"' },
    );
    expect(midori.statusCode).toBe(201);
    // Linked to the previous year, but without carrying the tree over.
    const [e] = await ctx.database.db.select().from(engagements).where(eq(engagements.id, midori.json().engagementId));
    expect(e!.previousEngagementId).toBe(await engagementIdOf(ctx, 'みどり区'));
    expect(await ctx.database.db.select().from(treeNodes).where(eq(treeNodes.engagementId, e!.id))).toHaveLength(0);
    expect(await ctx.database.db.select().from(trees).where(eq(trees.engagementId, e!.id))).toHaveLength(1);

    const second = await office.post(url(`/${ids.get('sakura')}/selection`), { advisorIds: [advisors[0]] }, { 'if-match': '"1"' });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'category_taken' });
    expect(second.json().detail).toContain('区部');
    const forced = await office.post(
      url(`/${ids.get('sakura')}/selection`),
      { advisorIds: [advisors[0]], force: true },
      { 'if-match': '"1"' },
    );
    expect(forced.statusCode).toBe(201);
    expect(forced.json().warning).toContain('みどり区');
    expect(forced.json().application.previousEngagement).toBeNull();
    const list = (await office.get(url())).json();
    expect(list.selectedCategories.sort()).toEqual(['town_village', 'ward']);
  });

  it('declines, after which the application no longer changes', async () => {
    const office = await ctx.login(demo.office);
    const res = await office.post(url(`/${ids.get('aoba')}/decline`), undefined, { 'if-match': '"1"' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('declined');
    const edit = await (await ctx.login(demo.aoba)).patch(url(`/${ids.get('aoba')}`), { theme: '認知症' }, { 'if-match': '"2"' });
    expect(edit.statusCode).toBe(409);
    expect((await (await ctx.login(demo.aoba)).post(url(`/${ids.get('aoba')}/decline`), undefined, { 'if-match': '"2"' })).statusCode).toBe(
      403,
    );
  });
});
