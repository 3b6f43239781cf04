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

    const updated = await member.put(
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
      updatedBy: { name: '山口 大地' },
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
    const advisor = await ctx.login(demo.yamanami);
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
    const advisor = await ctx.login(demo.yamanami);
    expect((await advisor.put(`/api/engagements/${id}/pdca-reviews/2025`, { assessment: 'great' })).statusCode).toBe(400);
    const extra = await advisor.put(`/api/engagements/${id}/pdca-reviews/2026`, { assessment: 'good', mark: '○' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].path).toBe('body.mark');
    expect((await advisor.put(`/api/engagements/${id}/pdca-reviews/R7`, { assessment: 'good' })).statusCode).toBe(400);
    expect((await advisor.get(`/api/engagements/${id}/pdca-reviews/2030`)).statusCode).toBe(404);
  });

  it('lets the municipality write its self-evaluation and the advisors their comment, not the other; the office reads; observers 403; outsiders 404', async () => {
    const advisor = await ctx.login(demo.kitano);
    expect((await advisor.put(`/api/engagements/${id}/pdca-reviews/2027`, { assessment: 'good' })).statusCode).toBe(403);
    const member = await ctx.login(demo.yamanami);
    expect((await member.put(`/api/engagements/${id}/pdca-reviews/2027/advisor-comment`, { comment: '自分で講評' })).statusCode).toBe(403);
    const office = await ctx.login(demo.office);
    expect((await office.put(`/api/engagements/${id}/pdca-reviews/2027/advisor-comment`, { comment: '事務局の講評' })).statusCode).toBe(
      403,
    );
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

describe('PUT /api/engagements/:id/pdca-reviews/:fiscalYear/advisor-comment', () => {
  it("keeps the advisors' comment beside the self-evaluation, with its own author and version", async () => {
    const advisor = await ctx.login(demo.kitano);
    const url = `/api/engagements/${id}/pdca-reviews/2025/advisor-comment`;
    const created = await advisor.put(url, { comment: '退院調整ルールの運用が定着した。次年度は看取りへ。' });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.json()).toMatchObject({ fiscalYear: 2025, updatedBy: { name: '北野 修' }, version: 1 });
    expect(await lastAudit()).toMatchObject({ entity: 'pdca_advisor_comment', action: 'create', actorId: advisor.userId });
    expect((await advisor.put(url, { comment: '書き直し' })).statusCode).toBe(428);
    expect((await advisor.put(url, { comment: '書き直し' }, ifMatch(7))).json().current).toMatchObject({ version: 1 });
    const updated = await advisor.put(url, { comment: '書き直した講評' }, ifMatch(1));
    expect(updated.json()).toMatchObject({ comment: '書き直した講評', version: 2 });
    expect((await advisor.put(url, { comment: '   ' }, ifMatch(2))).json().errors[0].path).toBe('body.comment');

    // The municipality's self-evaluation is untouched, and both come back in the list.
    const list = (await (await ctx.login(demo.yamanami)).get(`/api/engagements/${id}/pdca-reviews`)).json() as {
      items: { fiscalYear: number; comment: string; updatedBy: { name: string } }[];
      advisorComments: { fiscalYear: number; comment: string; updatedBy: { name: string } }[];
    };
    expect(list.items.find((r) => r.fiscalYear === 2025)).toMatchObject({ comment: '前倒しで達成', updatedBy: { name: '山口 大地' } });
    expect(list.advisorComments).toEqual([
      expect.objectContaining({ fiscalYear: 2025, comment: '書き直した講評', updatedBy: expect.objectContaining({ name: '北野 修' }) }),
    ]);
  });
});
