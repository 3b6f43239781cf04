import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, pdcaReviews } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
let id: string;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2026-03-10' });
  id = await engagementIdOf(ctx, 'やまなみ町');
});
afterAll(() => ctx.close());

const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
const lastAudit = async () =>
  (await ctx.database.db.select().from(auditLog).where(eq(auditLog.engagementId, id)).orderBy(desc(auditLog.id)).limit(1))[0];

describe('PUT /api/engagements/:id/pdca-reviews/:fiscalYear', () => {
  it('creates the year’s review without If-Match (201) and updates it with If-Match (200)', async () => {
    const member = await ctx.login(demo.yamanami);
    const created = await member.put(`/api/engagements/${id}/pdca-reviews/2025`, {
      assessment: 'good',
      comment: '退院調整ルールを締結',
      nextActions: '運用点検',
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.json()).toMatchObject({ fiscalYear: 2025, assessment: 'good', mark: '○', updatedBy: { name: '山口 大地' }, version: 1 });
    expect(await lastAudit()).toMatchObject({ entity: 'pdca_review', action: 'create', actorId: member.userId });

    const advisor = await ctx.login(demo.kitano);
    const updated = await advisor.put(
      `/api/engagements/${id}/pdca-reviews/2025`,
      { assessment: 'excellent', comment: '前倒しで達成' },
      ifMatch(1),
    );
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      assessment: 'excellent',
      mark: '◎',
      comment: '前倒しで達成',
      nextActions: '',
      updatedBy: { name: '北野 修' },
      version: 2,
    });
    expect(await lastAudit()).toMatchObject({ action: 'update', before: { assessment: 'good' }, after: { assessment: 'excellent' } });

    const list = (await (await ctx.login(demo.office)).get(`/api/engagements/${id}/pdca-reviews`)).json().items;
    expect(list).toHaveLength(1);
    const one = await member.get(`/api/engagements/${id}/pdca-reviews/2025`);
    expect(one.statusCode).toBe(200);
    expect(one.headers.etag).toBe('"2"');
  });

  it('answers 428 when updating without If-Match and 412 when stale, changing nothing', async () => {
    const advisor = await ctx.login(demo.morikawa);
    await advisor.put(`/api/engagements/${id}/pdca-reviews/2024`, { assessment: 'fair' });
    const unversioned = await advisor.put(`/api/engagements/${id}/pdca-reviews/2024`, { assessment: 'poor' });
    expect(unversioned.statusCode).toBe(428);
    // the review that exists comes back, so a second writer who saw none can compare
    expect(unversioned.json().current).toMatchObject({ fiscalYear: 2024, version: 1 });
    const stale = await advisor.put(`/api/engagements/${id}/pdca-reviews/2024`, { assessment: 'poor' }, ifMatch(9));
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ assessment: 'fair', version: 1 });
    const [row] = await ctx.database.db.select().from(pdcaReviews).where(eq(pdcaReviews.fiscalYear, 2024));
    expect(row).toMatchObject({ assessment: 'fair', version: 1 });
    // If-Match on a review that does not exist yet fails.
    expect((await advisor.put(`/api/engagements/${id}/pdca-reviews/2023`, { assessment: 'poor' }, ifMatch(1))).statusCode).toBe(412);
  });

  it('answers 400 for an unknown assessment, an extra field or a bad year; 404 for a missing review', async () => {
    const advisor = await ctx.login(demo.morikawa);
    expect((await advisor.put(`/api/engagements/${id}/pdca-reviews/2025`, { assessment: 'great' })).statusCode).toBe(400);
    const extra = await advisor.put(`/api/engagements/${id}/pdca-reviews/2026`, { assessment: 'good', mark: '○' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].path).toBe('body.mark');
    expect((await advisor.put(`/api/engagements/${id}/pdca-reviews/R7`, { assessment: 'good' })).statusCode).toBe(400);
    expect((await advisor.get(`/api/engagements/${id}/pdca-reviews/2030`)).statusCode).toBe(404);
  });

  it('lets advisors and the municipality write; the office may read only; observers get 403; outsiders 404', async () => {
    const office = await ctx.login(demo.office);
    expect((await office.get(`/api/engagements/${id}/pdca-reviews`)).statusCode).toBe(200);
    expect((await office.put(`/api/engagements/${id}/pdca-reviews/2027`, { assessment: 'good' })).statusCode).toBe(403);
    const observer = await ctx.login(demo.shiosai);
    expect((await observer.get(`/api/engagements/${id}/pdca-reviews`)).statusCode).toBe(403);
    expect((await observer.get(`/api/engagements/${id}/pdca-reviews/2025`)).statusCode).toBe(403);
    expect((await observer.put(`/api/engagements/${id}/pdca-reviews/2027`, { assessment: 'good' })).statusCode).toBe(403);
    expect((await (await ctx.login(demo.midori)).put(`/api/engagements/${id}/pdca-reviews/2027`, { assessment: 'good' })).statusCode).toBe(
      404,
    );
    expect(await ctx.database.db.select().from(pdcaReviews).where(eq(pdcaReviews.fiscalYear, 2027))).toEqual([]);
  });
});
