import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, observerGrants } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15' });
});
afterAll(() => ctx.close());

const lastAudit = async (engagementId: string) =>
  (await ctx.database.db.select().from(auditLog).where(eq(auditLog.engagementId, engagementId)).orderBy(desc(auditLog.id)).limit(1))[0];

async function municipalityId(name: string) {
  const items = (await (await ctx.login(demo.office)).get('/api/municipalities')).json().items as { id: string; name: string }[];
  return items.find((m) => m.name === name)!.id;
}

describe('GET /api/engagements/:id/members', () => {
  it('lists the team with roles and titles for the team, the municipality and the office', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    const res = await (await ctx.login(demo.midori)).get(`/api/engagements/${id}/members`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { name: string; role: string; title: string | null }[];
    expect(items.map((m) => [m.name, m.role]).sort()).toEqual(
      [
        ['森川 恵子', 'advisor'],
        ['高田 悠', 'advisor'],
        ['中村 陽子', 'municipal_member'],
      ].sort(),
    );
    expect(items.find((m) => m.name === '森川 恵子')!.title).toBe('主任アドバイザー');
    for (const who of [demo.office, demo.takada])
      expect((await (await ctx.login(who)).get(`/api/engagements/${id}/members`)).statusCode).toBe(200);
  });

  it('refuses observers with 403 and outsiders with 404', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    expect((await (await ctx.login(demo.sakura)).get(`/api/engagements/${id}/members`)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.kitano)).get(`/api/engagements/${id}/members`)).statusCode).toBe(404);
  });
});

describe('POST /api/engagements/:id/members', () => {
  it('lets the program office add an advisor, who then sees the engagement', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    const kitano = await ctx.login(demo.kitano);
    const office = await ctx.login(demo.office);
    const candidates = (await office.get(`/api/engagements/${id}/member-candidates`)).json().items as {
      userId: string;
      allowedRoles: string[];
    }[];
    expect(candidates.find((c) => c.userId === kitano.userId)?.allowedRoles).toEqual(['advisor']);
    const sakura = await ctx.login(demo.sakura);
    expect(candidates.some((c) => c.userId === sakura.userId)).toBe(false);

    const res = await office.post(`/api/engagements/${id}/members`, {
      userId: kitano.userId,
      role: 'advisor',
      title: '先進自治体アドバイザー',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ userId: kitano.userId, name: '北野 修', role: 'advisor', title: '先進自治体アドバイザー' });
    expect((await kitano.get(`/api/engagements/${id}`)).json().myRole).toBe('advisor');
    expect(await lastAudit(id)).toMatchObject({ entity: 'member', entityId: kitano.userId, action: 'create', actorId: office.userId });
  });

  it('rejects a second membership, a neighbour’s staff and another municipality’s member with 409', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    const office = await ctx.login(demo.office);
    const dup = await office.post(`/api/engagements/${id}/members`, { userId: (await ctx.login(demo.morikawa)).userId, role: 'advisor' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('already_member');
    const neighbour = await office.post(`/api/engagements/${id}/members`, {
      userId: (await ctx.login(demo.sakura)).userId,
      role: 'municipal_member',
    });
    expect(neighbour.statusCode).toBe(409);
    expect(neighbour.json().code).toBe('role_not_allowed');
    const asAdvisor = await office.post(`/api/engagements/${id}/members`, { userId: (await ctx.login(demo.aoba)).userId, role: 'advisor' });
    expect(asAdvisor.statusCode).toBe(409);
  });

  it('answers 400 for an unknown user or role', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    const office = await ctx.login(demo.office);
    const unknown = await office.post(`/api/engagements/${id}/members`, {
      userId: '00000000-0000-4000-8000-000000000000',
      role: 'advisor',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('body.userId');
    expect((await office.post(`/api/engagements/${id}/members`, { userId: office.userId, role: 'observer' })).statusCode).toBe(400);
  });

  it('is for the program office only', async () => {
    const id = await engagementIdOf(ctx, 'やまなみ町');
    const body = { userId: (await ctx.login(demo.takada)).userId, role: 'advisor' };
    for (const who of [demo.morikawa, demo.yamanami, demo.shiosai])
      expect((await (await ctx.login(who)).post(`/api/engagements/${id}/members`, body)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.midori)).post(`/api/engagements/${id}/members`, body)).statusCode).toBe(404);
    expect((await (await ctx.login(demo.morikawa)).get(`/api/engagements/${id}/member-candidates`)).statusCode).toBe(403);
  });
});

describe('DELETE /api/engagements/:id/members/:userId', () => {
  it('removes a member, who then has no access (404), and records it', async () => {
    const id = await engagementIdOf(ctx, 'あおば市');
    const office = await ctx.login(demo.office);
    const kitano = await ctx.login(demo.kitano);
    expect((await (await ctx.login(demo.morikawa)).delete(`/api/engagements/${id}/members/${kitano.userId}`)).statusCode).toBe(403);
    const res = await office.delete(`/api/engagements/${id}/members/${kitano.userId}`);
    expect(res.statusCode).toBe(204);
    expect((await kitano.get(`/api/engagements/${id}`)).statusCode).toBe(404);
    expect(await lastAudit(id)).toMatchObject({ entity: 'member', action: 'delete', before: { role: 'advisor' } });
    expect((await office.delete(`/api/engagements/${id}/members/${kitano.userId}`)).statusCode).toBe(404);
  });
});

describe('observer grants', () => {
  it('lists grants with municipality, validity and whether active', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    const res = await (await ctx.login(demo.morikawa)).get(`/api/engagements/${id}/observer-grants`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        municipality: expect.objectContaining({ name: 'さくら区' }),
        scope: 'process',
        validUntil: '2027-03-31',
        active: true,
        revokedAt: null,
      }),
    ]);
    expect((await (await ctx.login(demo.sakura)).get(`/api/engagements/${id}/observer-grants`)).statusCode).toBe(403);
  });

  it('lets the program office grant a neighbour, who then observes until the grant is revoked', async () => {
    const id = await engagementIdOf(ctx, 'やまなみ町');
    const office = await ctx.login(demo.office);
    const sakura = await ctx.login(demo.sakura);
    expect((await sakura.get(`/api/engagements/${id}`)).statusCode).toBe(404);

    const res = await office.post(`/api/engagements/${id}/observer-grants`, {
      municipalityId: await municipalityId('さくら区'),
      validUntil: '2026-03-31',
    });
    expect(res.statusCode).toBe(201);
    const grant = res.json();
    expect(grant).toMatchObject({ active: true, scope: 'process', grantedBy: { name: '佐伯 真理' } });
    expect(await lastAudit(id)).toMatchObject({ entity: 'observer_grant', entityId: grant.id, action: 'create' });
    expect((await sakura.get(`/api/engagements/${id}`)).json().myRole).toBe('observer');

    const again = await office.post(`/api/engagements/${id}/observer-grants`, {
      municipalityId: await municipalityId('さくら区'),
      validUntil: '2026-03-31',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('grant_exists');

    expect((await (await ctx.login(demo.morikawa)).post(`/api/engagements/${id}/observer-grants/${grant.id}/revoke`)).statusCode).toBe(403);
    const revoked = await office.post(`/api/engagements/${id}/observer-grants/${grant.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ active: false });
    expect(revoked.json().revokedAt).not.toBeNull();
    expect(await lastAudit(id)).toMatchObject({ entity: 'observer_grant', action: 'revoke' });
    // A revoked grant is no grant.
    expect((await sakura.get(`/api/engagements/${id}`)).statusCode).toBe(404);
    expect((await sakura.get(`/api/engagements/${id}/visits`)).statusCode).toBe(404);
    const twice = await office.post(`/api/engagements/${id}/observer-grants/${grant.id}/revoke`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('already_revoked');
  });

  it('rejects the engagement’s own municipality (409), a past date and unknown fields (400), an unknown grant (404)', async () => {
    const id = await engagementIdOf(ctx, 'あおば市');
    const office = await ctx.login(demo.office);
    const own = await office.post(`/api/engagements/${id}/observer-grants`, {
      municipalityId: await municipalityId('あおば市'),
      validUntil: '2026-03-31',
    });
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe('own_municipality');
    const past = await office.post(`/api/engagements/${id}/observer-grants`, {
      municipalityId: await municipalityId('さくら区'),
      validUntil: '2025-01-31',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].path).toBe('body.validUntil');
    const extra = await office.post(`/api/engagements/${id}/observer-grants`, {
      municipalityId: await municipalityId('さくら区'),
      validUntil: '2026-03-31',
      write: true,
    });
    expect(extra.statusCode).toBe(400);
    expect((await office.post(`/api/engagements/${id}/observer-grants/00000000-0000-4000-8000-000000000000/revoke`)).statusCode).toBe(404);
  });

  it('is managed by the program office only', async () => {
    const id = await engagementIdOf(ctx, 'あおば市');
    const body = { municipalityId: await municipalityId('さくら区'), validUntil: '2026-03-31' };
    for (const who of [demo.morikawa, demo.aoba, demo.higashi])
      expect((await (await ctx.login(who)).post(`/api/engagements/${id}/observer-grants`, body)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.sakura)).post(`/api/engagements/${id}/observer-grants`, body)).statusCode).toBe(404);
  });

  it('gives four simultaneous creations for one neighbour one 201 and three 409, so revoking that grant ends access', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    const office = await ctx.login(demo.office);
    const shiosai = await ctx.login(demo.shiosai);
    expect((await shiosai.get(`/api/engagements/${id}`)).statusCode).toBe(404);
    const body = { municipalityId: await municipalityId('しおさい村'), validUntil: '2026-03-31' };
    const results = await Promise.all([1, 2, 3, 4].map(() => office.post(`/api/engagements/${id}/observer-grants`, body)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('grant_exists');
    const grant = results.find((r) => r.statusCode === 201)!.json();
    expect((await shiosai.get(`/api/engagements/${id}`)).statusCode).toBe(200);
    expect((await office.post(`/api/engagements/${id}/observer-grants/${grant.id}/revoke`)).statusCode).toBe(200);
    expect((await shiosai.get(`/api/engagements/${id}`)).statusCode).toBe(404);
  });

  it('replaces a grant that expired without being revoked', async () => {
    const id = await engagementIdOf(ctx, 'やまなみ町');
    const office = await ctx.login(demo.office);
    const municipality = await municipalityId('ひがし市');
    await ctx.database.db.insert(observerGrants).values({ engagementId: id, municipalityId: municipality, validUntil: '2025-06-30' });
    const res = await office.post(`/api/engagements/${id}/observer-grants`, { municipalityId: municipality, validUntil: '2026-03-31' });
    expect(res.statusCode).toBe(201);
    const grants = (await office.get(`/api/engagements/${id}/observer-grants`)).json().items as {
      municipality: { id: string };
      active: boolean;
    }[];
    expect(
      grants
        .filter((g) => g.municipality.id === municipality)
        .map((g) => g.active)
        .sort(),
    ).toEqual([false, true]);
  });
});
