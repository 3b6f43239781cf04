/**
 * The roadmap gate across two app instances on one database: agreeing the roadmap on one while
 * deleting a verification plan on the other must never leave an agreed roadmap with a plan missing;
 * two municipal members agreeing at once on the two instances give one agreement, not two.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { actions, auditLog, engagements, memberships, users, verificationPlans } from '../../src/db/schema/index.js';
import { hashPassword } from '../../src/modules/auth/auth.service.js';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestContext, DEMO_PASSWORD, demo, engagementIdOf, type TestContext } from '../support/test-app.js';
import { and } from 'drizzle-orm';

const TODAY = '2025-12-15';
let ctx: TestContext;
let second: FastifyInstance;
beforeAll(async () => {
  ctx = await createTestContext({ today: TODAY });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  second = await buildApp({ config, database: ctx.database, clock: fixedClock(TODAY), logger: false });
  await second.ready();
});
afterAll(async () => {
  await second?.close();
  await ctx?.close();
});

describe('roadmap_agreed against a concurrent verification-plan delete, on two app instances', () => {
  it('never ends agreed with a plan missing, over 50 tries', { timeout: 300_000 }, async () => {
    const db = ctx.database.db;
    const id = await engagementIdOf(ctx, 'あおば市');
    const advisor = await ctx.login(demo.kitano);
    const member = await ctx.login(demo.aoba);
    // An action whose only verification plan this is: deleting it makes the roadmap incomplete.
    const rows = await db
      .select({ plan: verificationPlans })
      .from(verificationPlans)
      .innerJoin(actions, eq(actions.id, verificationPlans.actionId))
      .where(eq(actions.engagementId, id));
    const plan = rows.find((r) => r.plan.actionId && rows.filter((o) => o.plan.actionId === r.plan.actionId).length === 1);
    const original = plan!.plan;
    const onSecond = (method: 'DELETE', url: string, headers: Record<string, string>) =>
      second.inject({ method, url, headers: { cookie: advisor.cookie, 'x-csrf-token': advisor.csrf, ...headers } });
    const [proposer] = await db.select().from(users).where(eq(users.email, demo.kitano));
    const outcomes = new Map<string, number>();
    const broken: string[] = [];
    for (let i = 0; i < 50; i++) {
      // Reset: back to actions_selected, proposed by the team, with the plan in place.
      await db
        .update(engagements)
        .set({
          status: 'actions_selected',
          roadmapProposedBy: proposer!.id,
          roadmapProposedAt: new Date(),
          roadmapAgreedBy: null,
          roadmapAgreedAt: null,
        })
        .where(eq(engagements.id, id));
      const [current] = await db.select().from(verificationPlans).where(eq(verificationPlans.id, original.id));
      if (!current) await db.insert(verificationPlans).values(original);
      const [e] = await db.select().from(engagements).where(eq(engagements.id, id));
      const planVersion = current?.version ?? original.version;
      const [agree, remove] = await Promise.all([
        member.post(`/api/engagements/${id}/roadmap-agreement`, {}, { 'if-match': `"${e!.version}"` }),
        onSecond('DELETE', `/api/engagements/${id}/actions/${original.actionId}/verification-plans/${original.id}`, {
          'if-match': `"${planVersion}"`,
        }),
      ]);
      const key = `${agree.statusCode}/${remove.statusCode}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      const [after] = await db.select().from(engagements).where(eq(engagements.id, id));
      const [planAfter] = await db.select().from(verificationPlans).where(eq(verificationPlans.id, original.id));
      const readiness = (await advisor.get(`/api/engagements/${id}/readiness`)).json() as { ready: boolean };
      if (after!.status === 'roadmap_agreed' && (!planAfter || !readiness.ready)) broken.push(`try ${i}: ${key}`);
    }
    console.info('gate race outcomes (agreement/delete):', Object.fromEntries(outcomes));
    expect(broken).toEqual([]);
    // Both orders happen and each is refused its way: agreed first → delete 409; deleted first → agree 409.
    for (const key of outcomes.keys()) expect(['200/409', '409/204']).toContain(key);
  });

  it(
    'two municipal members agreeing at once on two instances: one 200, the other 412 or 409, one agreement recorded',
    { timeout: 120_000 },
    async () => {
      const db = ctx.database.db;
      const id = await engagementIdOf(ctx, 'やまなみ町');
      // A second municipal member of the engagement (the demo has one per engagement).
      const [first] = await db.select().from(users).where(eq(users.email, demo.yamanami));
      const [other] = await db
        .insert(users)
        .values({
          email: 'second-member@demo.banso.jp',
          name: '第二 担当',
          passwordHash: await hashPassword(DEMO_PASSWORD),
          municipalityId: first!.municipalityId,
        })
        .returning();
      await db.insert(memberships).values({ engagementId: id, userId: other!.id, role: 'municipal_member', teamRole: 'municipal_member' });
      const one = await ctx.login(demo.yamanami);
      const two = await ctx.login('second-member@demo.banso.jp');
      const advisor = await ctx.login(demo.morikawa);
      const outcomes = new Map<string, number>();
      for (let i = 0; i < 10; i++) {
        await db
          .update(engagements)
          .set({
            status: 'actions_selected',
            roadmapProposedBy: null,
            roadmapProposedAt: null,
            roadmapAgreedBy: null,
            roadmapAgreedAt: null,
          })
          .where(eq(engagements.id, id));
        const [e] = await db.select().from(engagements).where(eq(engagements.id, id));
        const proposed = await advisor.post(`/api/engagements/${id}/roadmap-proposal`, {}, { 'if-match': `"${e!.version}"` });
        expect(proposed.statusCode, proposed.body).toBe(200);
        const version = proposed.json().version as number;
        const [a, b] = await Promise.all([
          one.post(`/api/engagements/${id}/roadmap-agreement`, {}, { 'if-match': `"${version}"` }),
          second.inject({
            method: 'POST',
            url: `/api/engagements/${id}/roadmap-agreement`,
            payload: {},
            headers: { cookie: two.cookie, 'x-csrf-token': two.csrf, 'if-match': `"${version}"` },
          }),
        ]);
        const codes = [a.statusCode, b.statusCode].sort();
        outcomes.set(codes.join('/'), (outcomes.get(codes.join('/')) ?? 0) + 1);
        expect(codes[0]).toBe(200);
        expect([409, 412]).toContain(codes[1]);
        const [after] = await db.select().from(engagements).where(eq(engagements.id, id));
        expect(after).toMatchObject({ status: 'roadmap_agreed', version: version + 1 });
        expect([first!.id, other!.id]).toContain(after!.roadmapAgreedBy);
      }
      const agreements = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.engagementId, id), eq(auditLog.action, 'roadmap_agree')));
      expect(agreements).toHaveLength(10);
      console.info('double agreement outcomes:', Object.fromEntries(outcomes));
    },
  );
});
