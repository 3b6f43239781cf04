/**
 * The roadmap gate across two app instances on one database: agreeing the roadmap on one while
 * deleting a verification plan on the other must never leave an agreed roadmap with a plan missing.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { actions, engagements, verificationPlans } from '../../src/db/schema/index.js';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

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
    const outcomes = new Map<string, number>();
    const broken: string[] = [];
    for (let i = 0; i < 50; i++) {
      // Reset: back to actions_selected with the plan in place.
      await db.update(engagements).set({ status: 'actions_selected' }).where(eq(engagements.id, id));
      const [current] = await db.select().from(verificationPlans).where(eq(verificationPlans.id, original.id));
      if (!current) await db.insert(verificationPlans).values(original);
      const [e] = await db.select().from(engagements).where(eq(engagements.id, id));
      const planVersion = current?.version ?? original.version;
      const [agree, remove] = await Promise.all([
        advisor.post(`/api/engagements/${id}/status`, { status: 'roadmap_agreed' }, { 'if-match': `"${e!.version}"` }),
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
    console.info('gate race outcomes (status/delete):', Object.fromEntries(outcomes));
    expect(broken).toEqual([]);
    // Both orders happen and each is refused its way: agreed first → delete 409; deleted first → agree 409.
    for (const key of outcomes.keys()) expect(['200/409', '409/204']).toContain(key);
  });
});
