import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, organizers, programs } from '../../src/db/schema/index.js';
import { createTestContext, demo, organizerIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
});
afterAll(() => ctx.close());

const nextYear = {
  fiscalYear: 2026,
  name: '令和8年度 保険者機能強化 伴走型支援',
  visitWindows: [
    { seq: 1, start: '2026-06-01', end: '2026-08-31', purpose: 'ヒアリング' },
    { seq: 2, start: '2026-09-01', end: '2026-11-30', purpose: 'ロジックツリー' },
  ],
  reportMeeting: '2027-03-15',
};

describe('GET /api/programs', () => {
  it('lists programs with visit windows, marking the ones the caller administers', async () => {
    const office = (await (await ctx.login(demo.office)).get('/api/programs')).json().items;
    // This year's program and last year's (same organizer), latest first.
    expect(office.map((p: { fiscalYear: number }) => p.fiscalYear)).toEqual([2025, 2024]);
    expect(office[1]).toMatchObject({ administered: true });
    expect(office[0]).toMatchObject({ fiscalYear: 2025, administered: true, reportMeeting: '2026-03-16' });
    expect(office[0].visitWindows).toHaveLength(3);
    const advisor = (await (await ctx.login(demo.morikawa)).get('/api/programs')).json().items;
    expect(advisor[0].administered).toBe(false);
    expect((await ctx.anonymous.get('/api/programs')).statusCode).toBe(401);
  });
});

describe('POST /api/programs', () => {
  it('lets the program office open next year’s program, which it then administers', async () => {
    const office = await ctx.login(demo.office);
    const res = await office.post('/api/programs', nextYear);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ fiscalYear: 2026, administered: true, organizer: '都 福祉局 保険者支援担当', planPeriod: '第9期' });
    expect(created.visitWindows).toHaveLength(2);
    const list = (await office.get('/api/programs')).json().items;
    expect(list.map((p: { fiscalYear: number; administered: boolean }) => [p.fiscalYear, p.administered])).toEqual([
      [2026, true],
      [2025, true],
      [2024, true],
    ]);
    const [entry] = await ctx.database.db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(entry).toMatchObject({ entity: 'program', action: 'create', actorId: office.userId, engagementId: null });

    // Administering means: engagements can be opened in it and show up for the office.
    const munis = (await office.get('/api/municipalities')).json().items as { id: string; name: string }[];
    const engagement = await office.post('/api/engagements', {
      programId: created.id,
      municipalityId: munis.find((m) => m.name === 'みどり区')!.id,
      theme: '認知症',
    });
    expect(engagement.statusCode).toBe(201);
    expect(engagement.json()).toMatchObject({ fiscalYear: 2026, myRole: 'program_office' });
    const portfolio = (await office.get(`/api/portfolio?programId=${created.id}`)).json().items;
    expect(portfolio.map((p: { engagementId: string }) => p.engagementId)).toEqual([engagement.json().id]);
  });

  it('rejects a duplicate name in the same year with 409', async () => {
    const res = await (
      await ctx.login(demo.office)
    ).post('/api/programs', { fiscalYear: 2025, name: '令和7年度 保険者機能強化 伴走型支援' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('program_exists');
  });

  it('answers 400 for an unknown field, an out-of-range year and a window that ends before it starts', async () => {
    const office = await ctx.login(demo.office);
    const extra = await office.post('/api/programs', { ...nextYear, name: 'x', organizer: '別組織' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors.map((e: { path: string }) => e.path)).toContain('body.organizer');
    expect((await office.post('/api/programs', { fiscalYear: 1999, name: 'x' })).statusCode).toBe(400);
    const window = await office.post('/api/programs', {
      fiscalYear: 2027,
      name: 'x',
      visitWindows: [{ seq: 1, start: '2027-09-01', end: '2027-06-01', purpose: '' }],
    });
    expect(window.statusCode).toBe(400);
    expect(window.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.visitWindows.0.end']);
  });

  it('answers 400 naming each window or meeting date outside the fiscal year (April–March)', async () => {
    const office = await ctx.login(demo.office);
    const res = await office.post('/api/programs', {
      fiscalYear: 2027,
      name: '範囲外',
      visitWindows: [
        { seq: 1, start: '2027-04-01', end: '2027-06-30', purpose: 'ヒアリング' },
        { seq: 2, start: '2028-03-01', end: '2028-04-01', purpose: '報告' },
        { seq: 3, start: '2027-03-31', end: '2027-05-01', purpose: '' },
      ],
      reportMeeting: '2028-04-02',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.visitWindows.1.end',
      'body.visitWindows.2.start',
      'body.reportMeeting',
    ]);
  });

  it('refuses advisors, municipal members and observers with 403', async () => {
    for (const who of [demo.morikawa, demo.midori, demo.sakura])
      expect((await (await ctx.login(who)).post('/api/programs', { fiscalYear: 2030, name: 'x' })).statusCode).toBe(403);
  });
});

describe('PATCH /api/programs/:id', () => {
  const open = async (name: string) => {
    const office = await ctx.login(demo.office);
    const res = await office.post('/api/programs', { ...nextYear, name });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    return { office, program: res.json() as { id: string; version: number } };
  };

  it('edits name, plan period, windows and report meeting with If-Match, bumping the version and recording it', async () => {
    const { office, program } = await open('編集テスト');
    const res = await office.patch(
      `/api/programs/${program.id}`,
      {
        name: '編集テスト（改）',
        planPeriod: '第10期',
        visitWindows: [...nextYear.visitWindows, { seq: 3, start: '2027-01-10', end: '2027-02-20', purpose: '報告準備' }],
        reportMeeting: '2027-03-20',
      },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '編集テスト（改）', planPeriod: '第10期', reportMeeting: '2027-03-20', version: 2 });
    expect(res.json().visitWindows).toHaveLength(3);
    expect(res.headers.etag).toBe('"2"');
    const entries = await ctx.database.db.select().from(auditLog).where(eq(auditLog.entityId, program.id));
    expect(entries.map((e) => e.action).sort()).toEqual(['create', 'update']);
    // The organizer is not the form's to change.
    const [row] = await ctx.database.db
      .select({ organizer: organizers.name })
      .from(programs)
      .innerJoin(organizers, eq(organizers.id, programs.organizerId))
      .where(eq(programs.id, program.id));
    expect(row!.organizer).toBe('都 福祉局 保険者支援担当');
  });

  it('answers 428 without If-Match, 412 with the current program for a stale one', async () => {
    const { office, program } = await open('版テスト');
    expect((await office.patch(`/api/programs/${program.id}`, { name: 'y' })).statusCode).toBe(428);
    expect((await office.patch(`/api/programs/${program.id}`, { name: 'y' }, { 'if-match': '"1"' })).statusCode).toBe(200);
    const stale = await office.patch(`/api/programs/${program.id}`, { name: 'z' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ name: 'y', version: 2 });
  });

  it('checks the schedule against the stored fiscal year: 400 naming the field', async () => {
    const { office, program } = await open('日程テスト');
    const res = await office.patch(
      `/api/programs/${program.id}`,
      { visitWindows: [nextYear.visitWindows[0], { seq: 2, start: '2026-10-01', end: '2026-09-01', purpose: '' }] },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.visitWindows.1.end']);
    // Moving the year leaves the stored windows outside it.
    const moved = await office.patch(`/api/programs/${program.id}`, { fiscalYear: 2028 }, { 'if-match': '"1"' });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().errors.map((e: { path: string }) => e.path)).toContain('body.visitWindows.0.start');
    expect((await office.patch(`/api/programs/${program.id}`, {}, { 'if-match': '"1"' })).statusCode).toBe(400);
  });

  it('answers 409 for a name taken that year, 404 for an unknown program, 403 for the team', async () => {
    const { office, program } = await open('名前テスト');
    const taken = await office.patch(`/api/programs/${program.id}`, { name: nextYear.name }, { 'if-match': '"1"' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('program_exists');
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await office.patch(`/api/programs/${unknown}`, { name: 'x' }, { 'if-match': '"1"' })).statusCode).toBe(404);
    for (const who of [demo.morikawa, demo.midori, demo.sakura])
      expect((await (await ctx.login(who)).patch(`/api/programs/${program.id}`, { name: 'x' }, { 'if-match': '"1"' })).statusCode).toBe(
        403,
      );
  });
});

describe('program office of another organizer', () => {
  it('does not administer programs of a different organizer', async () => {
    const [other] = await ctx.database.db
      .insert(programs)
      .values({ fiscalYear: 2026, name: '別県の伴走支援', organizerId: await organizerIdOf(ctx.database.db, '別県 長寿社会課') })
      .returning();
    const office = await ctx.login(demo.office);
    const listed = (await office.get('/api/programs')).json().items.find((p: { id: string }) => p.id === other!.id);
    expect(listed.administered).toBe(false);
    const munis = (await office.get('/api/municipalities')).json().items as { id: string; name: string }[];
    const res = await office.post('/api/engagements', { programId: other!.id, municipalityId: munis[0]!.id, theme: '認知症' });
    expect(res.statusCode).toBe(403);
    expect((await office.get(`/api/portfolio?programId=${other!.id}`)).statusCode).toBe(403);
  });
});

describe('GET /api/municipalities', () => {
  it('lists municipalities with category and neighbours', async () => {
    const items = (await (await ctx.login(demo.sakura)).get('/api/municipalities')).json().items as {
      id: string;
      name: string;
      code: string;
      category: string;
      neighbourIds: string[];
    }[];
    expect(items.map((m) => m.name)).toEqual(
      expect.arrayContaining(['みどり区', 'あおば市', 'やまなみ町', 'さくら区', 'ひがし市', 'しおさい村']),
    );
    const midori = items.find((m) => m.name === 'みどり区')!;
    const sakura = items.find((m) => m.name === 'さくら区')!;
    expect(midori).toMatchObject({ code: '990001', category: 'ward' });
    expect(midori.neighbourIds).toEqual([sakura.id]);
    expect((await ctx.anonymous.get('/api/municipalities')).statusCode).toBe(401);
  });
});
