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

describe('PATCH and DELETE /api/engagements/:id/verification-plans/:planId/measurements/:measurementId', () => {
  interface Recorded {
    id: string;
    version: number;
    value: number;
    comment: string;
    period: string;
    enteredBy: { name: string } | null;
  }
  const record = async (s: Session, planId: string, body: { period: string; value: number; comment?: string }) => {
    const res = await s.post(url(planId), body);
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    return res.json() as Recorded;
  };
  const one = (planId: string, measurementId: string, engagementId = aoba) => `${url(planId, engagementId)}/${measurementId}`;
  const audit = async (entityId: string) =>
    (await ctx.database.db.select().from(auditLog).where(eq(auditLog.entityId, entityId))).map((e) => e.action).sort();

  it('corrects the value and comment with If-Match (200, version and ETag bumped, the corrector as author, audited)', async () => {
    const i04 = await planOf('I04');
    const m = await record(member, i04.id, { period: '2026-01', value: 3.2, comment: '速報値' });
    expect(m.version).toBe(1);
    const res = await advisor.patch(one(i04.id, m.id), { value: 3.3, comment: '確定値' }, { 'if-match': '"1"' });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({
      id: m.id,
      period: '2026-01',
      value: 3.3,
      comment: '確定値',
      version: 2,
      enteredBy: { name: '森川 恵子' },
    });
    const after = await planOf('I04');
    expect(after.measurements.find((x) => x.id === m.id)).toMatchObject({ value: 3.3, comment: '確定値', version: 2 });
    expect(after.latest).toEqual({ period: '2026-01', value: 3.3 });
    const [entry] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, m.id), eq(auditLog.action, 'measurement.update')));
    expect(entry).toMatchObject({
      engagementId: aoba,
      before: { value: 3.2, comment: '速報値' },
      after: { value: 3.3, comment: '確定値' },
    });
  });

  it('refuses another user’s stale correction (412 with the current measurement) and keeps the value', async () => {
    const i04 = await planOf('I04');
    const m = i04.measurements.find((x) => x.period === '2026-01') as unknown as Recorded;
    expect(m.version).toBe(2);
    // The municipal member still holds version 1.
    const stale = await member.patch(one(i04.id, m.id), { value: 9.9 }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'precondition_failed', current: { id: m.id, value: 3.3, version: 2 } });
    expect((await planOf('I04')).measurements.find((x) => x.id === m.id)).toMatchObject({ value: 3.3 });
  });

  it('requires If-Match (428) and a body naming at least one known field (400)', async () => {
    const i04 = await planOf('I04');
    const m = i04.measurements.find((x) => x.period === '2026-01') as unknown as Recorded;
    expect((await advisor.patch(one(i04.id, m.id), { value: 1 })).statusCode).toBe(428);
    expect((await advisor.delete(one(i04.id, m.id))).statusCode).toBe(428);
    expect((await advisor.patch(one(i04.id, m.id), {}, { 'if-match': '"2"' })).statusCode).toBe(400);
    const badValue = await advisor.patch(one(i04.id, m.id), { value: 'many' }, { 'if-match': '"2"' });
    expect(badValue.statusCode).toBe(400);
    expect(badValue.json().errors[0].path).toBe('body.value');
    const extra = await advisor.patch(one(i04.id, m.id), { planId: i04.id }, { 'if-match': '"2"' });
    expect(extra.json().errors[0].path).toBe('body.planId');
    expect((await planOf('I04')).measurements.find((x) => x.id === m.id)).toMatchObject({ value: 3.3, version: 2 });
  });

  it('moves a value to another period, but not onto a period that has one (409 measurement_exists)', async () => {
    const i04 = await planOf('I04');
    const m = await record(member, i04.id, { period: '2026-02', value: 3.4 });
    const taken = await member.patch(one(i04.id, m.id), { period: '2026-01' }, { 'if-match': '"1"' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'measurement_exists', errors: [{ path: 'body.period' }] });
    const moved = await member.patch(one(i04.id, m.id), { period: '2026-03' }, { 'if-match': '"1"' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ period: '2026-03', value: 3.4, version: 2 });
    expect((await planOf('I04')).latest).toEqual({ period: '2026-03', value: 3.4 });
  });

  it('deletes with If-Match (204; stale 412 first), then the value is gone (404) and the deletion audited', async () => {
    const i04 = await planOf('I04');
    const m = i04.measurements.find((x) => x.period === '2026-03') as unknown as Recorded;
    const stale = await member.delete(one(i04.id, m.id), { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ current: { id: m.id, version: 2 } });
    const res = await member.delete(one(i04.id, m.id), { 'if-match': '"2"' });
    expect(res.statusCode).toBe(204);
    const after = await planOf('I04');
    expect(after.measurements.map((x) => x.period)).toEqual(['2026-01']);
    expect(after.latest).toEqual({ period: '2026-01', value: 3.3 });
    expect((await member.delete(one(i04.id, m.id), { 'if-match': '"2"' })).statusCode).toBe(404);
    expect((await member.patch(one(i04.id, m.id), { value: 1 }, { 'if-match': '"2"' })).statusCode).toBe(404);
    expect(await audit(m.id)).toEqual(['measurement.create', 'measurement.delete', 'measurement.update']);
    // The period is free again.
    expect((await member.post(url(i04.id), { period: '2026-03', value: 3.5 })).statusCode).toBe(201);
  });

  it('simultaneous corrections with one If-Match: exactly one 200, the others 412 (never a lost update)', async () => {
    const i04 = await planOf('I04');
    const m = await record(advisor, i04.id, { period: '2026-04', value: 1 });
    const codes = await Promise.all(
      [2, 3, 4, 5, 6].map((v) =>
        (v % 2 ? member : advisor).patch(one(i04.id, m.id), { value: v }, { 'if-match': '"1"' }).then((r) => r.statusCode),
      ),
    );
    expect(codes.sort()).toEqual([200, 412, 412, 412, 412]);
    const after = (await planOf('I04')).measurements.find((x) => x.id === m.id);
    expect(after).toMatchObject({ version: 2 });
    expect(await audit(m.id)).toEqual(['measurement.create', 'measurement.update']);
  });

  it('answers 404 for a measurement through another plan or another engagement', async () => {
    const i04 = await planOf('I04');
    const i01 = await planOf('I01');
    const m = i04.measurements.find((x) => x.period === '2026-01') as unknown as Recorded;
    expect((await advisor.patch(one(i01.id, m.id), { value: 1 }, { 'if-match': '"2"' })).statusCode).toBe(404);
    expect((await advisor.delete(one(i01.id, m.id), { 'if-match': '"2"' })).statusCode).toBe(404);
    const midori = await engagementIdOf(ctx, 'みどり区');
    expect((await advisor.patch(one(i04.id, m.id, midori), { value: 1 }, { 'if-match': '"2"' })).statusCode).toBe(404);
    expect((await advisor.delete(one(i04.id, m.id, midori), { 'if-match': '"2"' })).statusCode).toBe(404);
    expect((await planOf('I04')).measurements.find((x) => x.id === m.id)).toMatchObject({ value: 3.3, version: 2 });
  });

  it('lets advisors and the municipality correct; refuses observers and the program office (403) and others (404)', async () => {
    const i04 = await planOf('I04');
    const m = i04.measurements.find((x) => x.period === '2026-01') as unknown as Recorded;
    const h = { 'if-match': '"2"' };
    for (const [who, code] of [
      [demo.higashi, 403],
      [demo.office, 403],
      [demo.midori, 404],
      [demo.sakura, 404],
    ] as const) {
      const s = await ctx.login(who);
      expect((await s.patch(one(i04.id, m.id), { value: 0 }, h)).statusCode, who).toBe(code);
      expect((await s.delete(one(i04.id, m.id), h)).statusCode, who).toBe(code);
    }
    expect((await ctx.anonymous.patch(one(i04.id, m.id), { value: 0 }, h)).statusCode).toBe(401);
    expect((await ctx.anonymous.delete(one(i04.id, m.id), h)).statusCode).toBe(401);
    const kitano = await ctx.login(demo.kitano);
    expect((await kitano.patch(one(i04.id, m.id), { comment: '北野が確認' }, h)).statusCode).toBe(200);
    expect((await planOf('I04')).measurements.find((x) => x.id === m.id)).toMatchObject({ value: 3.3, comment: '北野が確認', version: 3 });
  });
});
