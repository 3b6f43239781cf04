import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

interface Plan {
  id: string;
  indicator: { code: string } | null;
  direction: string | null;
  baselineValue: number | null;
  targetValue: number | null;
  latest: { period: string; value: number } | null;
  progress: number | null;
  measurements: Record<string, unknown>[];
}
interface Roadmap {
  view: string;
  items: { plans: Plan[] }[];
}

let ctx: TestContext;
let aoba: string;
let advisor: Session;
let member: Session;

beforeAll(async () => {
  ctx = await createTestContext({ today: '2026-08-01' });
  aoba = await engagementIdOf(ctx, 'あおば市');
  advisor = await ctx.login(demo.morikawa);
  member = await ctx.login(demo.aoba);
});
afterAll(() => ctx.close());

const plans = async (s: Session = advisor, engagementId = aoba) => {
  const res = await s.get(`/api/engagements/${engagementId}/roadmap`);
  expect(res.statusCode).toBe(200);
  const body = res.json() as Roadmap;
  return { view: body.view, plans: body.items.flatMap((i) => i.plans) };
};
const planOf = async (code: string, s: Session = advisor) => (await plans(s)).plans.find((p) => p.indicator?.code === code)!;
const url = (planId: string, engagementId = aoba) => `/api/engagements/${engagementId}/verification-plans/${planId}/measurements`;

describe('POST /api/engagements/:id/verification-plans/:planId/measurements', () => {
  it('a municipal member records a value; progress respects a lower-is-better indicator (I01 31 → 25, measured 28 → 0.5)', async () => {
    const i01 = await planOf('I01');
    // The demo recorded last July's value (30): one sixth of the way from 31 to 25.
    expect(i01).toMatchObject({ direction: 'lower', baselineValue: 31, targetValue: 25, latest: { period: '2025-07', value: 30 } });
    expect(i01.progress).toBeCloseTo(1 / 6);
    const res = await member.post(url(i01.id), { period: '2026-07', value: 28, comment: '速報値' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ planId: i01.id, period: '2026-07', value: 28, comment: '速報値', enteredBy: { name: '小池 健' } });
    const after = await planOf('I01');
    expect(after.latest).toEqual({ period: '2026-07', value: 28 });
    expect(after.progress).toBeCloseTo(0.5);
  });

  it('progress on a higher-is-better indicator (I02 18 → 80, measured 49 → 0.5), latest by period', async () => {
    const i02 = await planOf('I02');
    expect((await advisor.post(url(i02.id), { period: '2026-06', value: 49 })).statusCode).toBe(201);
    expect((await advisor.post(url(i02.id), { period: '2026-03', value: 30 })).statusCode).toBe(201);
    const after = await planOf('I02');
    expect(after.direction).toBe('higher');
    // After the demo's quarterly values of 2025-06 and 2025-09.
    expect(after.measurements.map((m) => m.period)).toEqual(['2025-06', '2025-09', '2026-03', '2026-06']);
    expect(after.latest).toEqual({ period: '2026-06', value: 49 });
    expect(after.progress).toBeCloseTo(0.5);
  });

  it('a second value for the same period is refused (409 measurement_exists naming body.period); the first stays', async () => {
    const i01 = await planOf('I01');
    const res = await advisor.post(url(i01.id), { period: '2026-07', value: 27, comment: '確定値' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'measurement_exists', errors: [{ path: 'body.period' }] });
    const after = await planOf('I01');
    expect(after.measurements.map((m) => m.period)).toEqual(['2025-07', '2026-07']);
    expect(after.measurements.find((m) => m.period === '2026-07')).toMatchObject({
      value: 28,
      comment: '速報値',
      enteredBy: { name: '小池 健' },
    });
    const entries = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.engagementId, aoba), eq(auditLog.entity, 'measurement')));
    expect(entries.map((e) => e.action).sort()).toEqual(['measurement.create', 'measurement.create', 'measurement.create']);
  });

  it('simultaneous records of one period: one 201, the others 409 (never 500)', async () => {
    const i01 = await planOf('I01');
    const codes = await Promise.all(
      [1, 2, 3].map((v) => advisor.post(url(i01.id), { period: '2026-05', value: v }).then((r) => r.statusCode)),
    );
    expect(codes.sort()).toEqual([201, 409, 409]);
  });

  it('shows observers values without comments or authors', async () => {
    const observed = await plans(await ctx.login(demo.higashi));
    expect(observed.view).toBe('observer');
    const i01 = observed.plans.find((p) => p.indicator?.code === 'I01')!;
    expect(i01.measurements).toEqual([
      { id: expect.any(String), planId: i01.id, period: '2025-07', value: 30 },
      { id: expect.any(String), planId: i01.id, period: '2026-05', value: expect.any(Number) },
      { id: expect.any(String), planId: i01.id, period: '2026-07', value: 28 },
    ]);
    expect(i01.progress).toBeCloseTo(0.5);
    // The municipality sees the comment.
    expect((await planOf('I01', member)).measurements.find((m) => m.period === '2026-07')).toMatchObject({ comment: '速報値' });
  });

  it('rejects malformed values with 400 naming the field', async () => {
    const i01 = await planOf('I01');
    const badPeriod = await member.post(url(i01.id), { period: '2026-13', value: 1 });
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json().errors[0].path).toBe('body.period');
    const badValue = await member.post(url(i01.id), { period: '2026-08', value: 'many' });
    expect(badValue.json().errors[0].path).toBe('body.value');
    const extra = await member.post(url(i01.id), { period: '2026-08', value: 1, unit: '%' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].path).toBe('body.unit');
  });

  it('answers 404 for a plan of another engagement and for an unknown plan', async () => {
    const midori = await engagementIdOf(ctx, 'みどり区');
    const foreign = (await plans(advisor, midori)).plans[0]!;
    expect((await advisor.post(url(foreign.id), { period: '2026-07', value: 1 })).statusCode).toBe(404);
    expect((await advisor.post(url('00000000-0000-4000-8000-000000000000'), { period: '2026-07', value: 1 })).statusCode).toBe(404);
  });

  it('lets advisors and the municipality record; refuses observers and the program office (403) and others (404)', async () => {
    const i03 = await planOf('I03');
    const body = { period: '2026-06', value: 20 };
    expect((await (await ctx.login(demo.kitano)).post(url(i03.id), body)).statusCode).toBe(201);
    expect((await (await ctx.login(demo.higashi)).post(url(i03.id), body)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.office)).post(url(i03.id), body)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.midori)).post(url(i03.id), body)).statusCode).toBe(404);
    expect((await (await ctx.login(demo.sakura)).post(url(i03.id), body)).statusCode).toBe(404);
    expect((await ctx.anonymous.post(url(i03.id), body)).statusCode).toBe(401);
    expect((await planOf('I03')).measurements).toHaveLength(1);
  });
});
