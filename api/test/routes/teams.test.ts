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
    // Staff of another municipality may advise (an advanced municipality's staff), not be members.
    const sakura = await ctx.login(demo.sakura);
    expect(candidates.find((c) => c.userId === sakura.userId)?.allowedRoles).toEqual(['advisor']);

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
    // The supported municipality's own staff are municipal members, never advisors.
    const asAdvisor = await office.post(`/api/engagements/${id}/members`, {
      userId: (await ctx.login(demo.midori)).userId,
      role: 'advisor',
    });
    expect(asAdvisor.statusCode).toBe(409);
    const asSecretariat = await office.post(`/api/engagements/${id}/members`, {
      userId: (await ctx.login(demo.aoba)).userId,
      teamRole: 'secretariat',
    });
    expect(asSecretariat.statusCode).toBe(409);
    expect(asSecretariat.json().code).toBe('role_not_allowed');
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
    const noRole = await office.post(`/api/engagements/${id}/members`, { userId: office.userId });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json().errors[0].path).toBe('body.teamRole');
    const disagree = await office.post(`/api/engagements/${id}/members`, {
      userId: (await ctx.login(demo.shiosai)).userId,
      teamRole: 'lead_advisor',
      role: 'municipal_member',
    });
    expect(disagree.statusCode).toBe(400);
    expect(disagree.json().errors[0].path).toBe('body.role');
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
        state: 'active',
        revokedAt: null,
      }),
    ]);
    expect(res.json().nextCursor).toBeNull();
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

describe('team roles (issue 13 item 5)', () => {
  it('stores the team role on the membership: the demo marks its lead advisor and secretariat', async () => {
    const id = await engagementIdOf(ctx, 'やまなみ町');
    const items = (await (await ctx.login(demo.office)).get(`/api/engagements/${id}/members`)).json().items as {
      name: string;
      role: string;
      teamRole: string;
    }[];
    const of = (name: string) => items.find((m) => m.name === name);
    expect(of('森川 恵子')).toMatchObject({ role: 'advisor', teamRole: 'lead_advisor' });
    expect(of('高田 悠')).toMatchObject({ role: 'advisor', teamRole: 'secretariat' });
    expect(items.find((m) => m.role === 'municipal_member')).toMatchObject({ teamRole: 'municipal_member' });
  });

  it('lets one person be a municipal member of their own municipality’s engagement and an advisor on another', async () => {
    const office = await ctx.login(demo.office);
    const midori = await ctx.login(demo.midori);
    const yamanamiId = await engagementIdOf(ctx, 'やまなみ町');
    const midoriId = await engagementIdOf(ctx, 'みどり区');
    const res = await office.post(`/api/engagements/${yamanamiId}/members`, {
      userId: midori.userId,
      teamRole: 'advisor',
      title: '先進自治体職員',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ role: 'advisor', teamRole: 'advisor', version: 1 });
    expect(res.headers.etag).toBe('"1"');
    expect((await midori.get(`/api/engagements/${yamanamiId}`)).json().myRole).toBe('advisor');
    expect((await midori.get(`/api/engagements/${midoriId}`)).json().myRole).toBe('municipal_member');
    // As the advisor there they may edit the tree's engagement vision; at home they may not.
    const there = (await midori.get(`/api/engagements/${yamanamiId}`)).json();
    expect(
      (await midori.patch(`/api/engagements/${yamanamiId}`, { theme: there.theme }, { 'if-match': `"${there.version}"` })).statusCode,
    ).toBe(200);
    const home = (await midori.get(`/api/engagements/${midoriId}`)).json();
    expect(
      (await midori.patch(`/api/engagements/${midoriId}`, { theme: home.theme }, { 'if-match': `"${home.version}"` })).statusCode,
    ).toBe(403);
  });

  it('PATCH sets the team role and title with If-Match (428 / 412), mapping the policy role', async () => {
    const id = await engagementIdOf(ctx, 'あおば市');
    const office = await ctx.login(demo.office);
    const takada = await ctx.login(demo.takada);
    const url = `/api/engagements/${id}/members/${takada.userId}`;
    expect((await office.patch(url, { teamRole: 'organizer_staff' })).statusCode).toBe(428);
    const member = ((await office.get(`/api/engagements/${id}/members`)).json().items as { userId: string; version: number }[]).find(
      (m) => m.userId === takada.userId,
    )!;
    expect((await office.patch(url, { teamRole: 'organizer_staff' }, { 'if-match': `"${member.version + 5}"` })).statusCode).toBe(412);
    const res = await office.patch(url, { teamRole: 'organizer_staff', title: '都 福祉局' }, { 'if-match': `"${member.version}"` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ teamRole: 'organizer_staff', role: 'advisor', title: '都 福祉局', version: member.version + 1 });
    expect(res.headers.etag).toBe(`"${member.version + 1}"`);
    expect(await lastAudit(id)).toMatchObject({ entity: 'member', action: 'update', after: { teamRole: 'organizer_staff' } });
    // An advising person cannot be made a municipal member (409), nor an empty change sent (400 naming the field).
    const wrong = await office.patch(url, { teamRole: 'municipal_member' }, { 'if-match': `"${member.version + 1}"` });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe('role_not_allowed');
    const empty = await office.patch(url, {}, { 'if-match': `"${member.version + 1}"` });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].path).toBe('body.teamRole');
    const bad = await office.patch(url, { teamRole: 'chair' }, { 'if-match': `"${member.version + 1}"` });
    expect(bad.json().errors[0].path).toBe('body.teamRole');
    // Not a member: 404; not the office: 403.
    expect((await office.patch(`/api/engagements/${id}/members/${office.userId}`, { title: 'x' }, { 'if-match': '"1"' })).statusCode).toBe(
      404,
    );
    expect((await takada.patch(url, { title: 'x' }, { 'if-match': '"1"' })).statusCode).toBe(403);
  });

  it('pages the member candidates by e-mail', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    const office = await ctx.login(demo.office);
    const all = (await office.get(`/api/engagements/${id}/member-candidates?limit=100`)).json();
    expect(all.nextCursor).toBeNull();
    const first = (await office.get(`/api/engagements/${id}/member-candidates?limit=1`)).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBe(first.items[0].userId);
    const second = (await office.get(`/api/engagements/${id}/member-candidates?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].email > first.items[0].email).toBe(true);
    expect(all.items[1].userId).toBe(second.items[0].userId);
    expect(all.items[0]).toHaveProperty('allowedTeamRoles');
    expect((await office.get(`/api/engagements/${id}/member-candidates?cursor=nope`)).json().errors[0].path).toBe('querystring.cursor');
  });
});

describe('observer grant states and pages', () => {
  it('lists each grant as active, expired or revoked, a page at a time', async () => {
    const id = await engagementIdOf(ctx, 'あおば市');
    const office = await ctx.login(demo.office);
    const munis = (await office.get('/api/municipalities')).json().items as { id: string; name: string }[];
    const target = munis.find((m) => m.name === 'しおさい村')!;
    const created = await office.post(`/api/engagements/${id}/observer-grants`, { municipalityId: target.id, validUntil: '2026-03-31' });
    expect(created.statusCode).toBe(201);
    await office.post(`/api/engagements/${id}/observer-grants/${created.json().id}/revoke`, {});
    await ctx.database.db.insert(observerGrants).values({ engagementId: id, municipalityId: target.id, validUntil: '2025-01-31' });
    const items = (await office.get(`/api/engagements/${id}/observer-grants?limit=100`)).json().items as {
      municipality: { name: string };
      state: string;
      validUntil: string;
    }[];
    const states = items.filter((g) => g.municipality.name === 'しおさい村').map((g) => g.state);
    expect(states.sort()).toEqual(['expired', 'revoked']);
    const page = (await office.get(`/api/engagements/${id}/observer-grants?limit=1`)).json();
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).toBe(page.items[0].id);
    const rest = (await office.get(`/api/engagements/${id}/observer-grants?limit=100&cursor=${page.nextCursor}`)).json();
    expect(rest.items.map((g: { id: string }) => g.id)).not.toContain(page.items[0].id);
    expect(rest.items).toHaveLength(items.length - 1);
  });
});
