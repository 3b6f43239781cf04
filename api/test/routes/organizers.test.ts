/**
 * Organizers (実施主体): an office administers the programs, users and invitations of its own
 * organizer only; the jurisdiction and insurers are the office's; the case library reaches every
 * user of a municipality in the jurisdiction; public links open a published report signed out.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engagements, municipalities, organizerMunicipalities, programs, users } from '../../src/db/schema/index.js';
import { hashPassword } from '../../src/modules/auth/auth.service.js';
import {
  createTestContext,
  DEMO_PASSWORD,
  demo,
  engagementIdOf,
  organizerIdOf,
  type Session,
  type TestContext,
} from '../support/test-app.js';

let ctx: TestContext;
let office: Session;
let otherOffice: Session;
let otherProgramId: string;
let otherOrganizerId: string;
let midori: string;
let publishedReportId: string;
/** A municipality in the demo organizer's jurisdiction that no engagement, grant or team involves. */
let insideMunicipalityId: string;
let outsideMunicipalityId: string;
const INSIDE = 'inside@example.test';
const OUTSIDE = 'outside@example.test';
const OTHER_OFFICE = 'other-office@example.test';

async function addUser(values: Partial<typeof users.$inferInsert> & { email: string }) {
  const [row] = await ctx.database.db
    .insert(users)
    .values({ name: values.email.split('@')[0]!, passwordHash: await hashPassword(DEMO_PASSWORD), ...values })
    .returning();
  return row!;
}

async function addMunicipality(code: string, name: string) {
  const [row] = await ctx.database.db
    .insert(municipalities)
    .values({ code, name, category: 'town_village', regionType: 'island_mountain' })
    .returning();
  return row!.id;
}

beforeAll(async () => {
  ctx = await createTestContext({ today: '2026-03-10' });
  const db = ctx.database.db;
  office = await ctx.login(demo.office);
  midori = await engagementIdOf(ctx, 'みどり区');
  // Another organizer, its program (with an engagement) and its office.
  otherOrganizerId = await organizerIdOf(db, '別県 長寿社会課');
  const [program] = await db
    .insert(programs)
    .values({ fiscalYear: 2025, name: '別県 伴走支援', organizerId: otherOrganizerId })
    .returning();
  otherProgramId = program!.id;
  const betsu = await addMunicipality('999911', 'べつ町');
  await db.insert(engagements).values({ programId: otherProgramId, municipalityId: betsu, theme: '介護予防', status: 'selected' });
  await db.insert(organizerMunicipalities).values({ organizerId: otherOrganizerId, municipalityId: betsu });
  await addUser({ email: OTHER_OFFICE, organizerId: otherOrganizerId });
  await addUser({ email: 'betsu@example.test', municipalityId: betsu });
  otherOffice = await ctx.login(OTHER_OFFICE);
  // Municipalities with no tie to the demo program: one the demo organizer serves, one it does not.
  insideMunicipalityId = await addMunicipality('999920', 'うちがわ村');
  outsideMunicipalityId = await addMunicipality('999939', 'そとがわ村');
  await addUser({ email: INSIDE, municipalityId: insideMunicipalityId });
  await addUser({ email: OUTSIDE, municipalityId: outsideMunicipalityId });
  // A published report of みどり区.
  const draft = await (await ctx.login(demo.morikawa)).post(`/api/engagements/${midori}/reports`, {});
  expect(draft.statusCode).toBe(201);
  const published = await office.post(`/api/engagements/${midori}/reports/${draft.json().id}/publish`, undefined, {
    'if-match': `"${draft.json().version}"`,
  });
  expect(published.statusCode).toBe(200);
  publishedReportId = published.json().id;
});
afterAll(() => ctx.close());

describe('organizer scoping', () => {
  it('an office of another organizer neither administers nor sees the demo organizer’s programs, engagements, users or invitations', async () => {
    const programsSeen = (await otherOffice.get('/api/programs')).json().items as {
      id: string;
      administered: boolean;
      organizer: string;
    }[];
    expect(programsSeen.filter((p) => p.administered).map((p) => p.id)).toEqual([otherProgramId]);
    expect(programsSeen.find((p) => p.id === otherProgramId)!.organizer).toBe('別県 長寿社会課');
    // The demo office's engagements: 404 (no role), portfolio of the demo program 403.
    expect((await otherOffice.get(`/api/engagements/${midori}`)).statusCode).toBe(404);
    const demoProgram = programsSeen.find((p) => p.id !== otherProgramId && !p.administered)!;
    expect((await otherOffice.get(`/api/portfolio?programId=${demoProgram.id}`)).statusCode).toBe(403);
    // Users: only its own office and its own municipality's staff.
    const listed = (await otherOffice.get('/api/users')).json().items.map((u: { email: string }) => u.email);
    expect(listed.sort()).toEqual(['betsu@example.test', OTHER_OFFICE]);
    // The demo office sees none of those.
    const demoListed = (await office.get('/api/users?limit=100')).json().items.map((u: { email: string }) => u.email);
    expect(demoListed).toContain(demo.midori);
    expect(demoListed).not.toContain(OTHER_OFFICE);
    expect(demoListed).not.toContain('betsu@example.test');
    expect(demoListed).not.toContain(OUTSIDE);
  });

  it('an invitation belongs to the inviting organizer: the other office cannot see, deactivate or reset it', async () => {
    const res = await office.post('/api/invitations', {
      email: 'invitee@example.test',
      name: '招待 太郎',
      organizationKind: 'advisor_organization',
      organization: '大学',
    });
    expect(res.statusCode).toBe(201);
    const invitee = res.json().user as { id: string; version: number };
    expect((await office.get('/api/users?limit=100')).json().items.map((u: { email: string }) => u.email)).toContain(
      'invitee@example.test',
    );
    expect((await otherOffice.get('/api/users?limit=100')).json().items.map((u: { email: string }) => u.email)).not.toContain(
      'invitee@example.test',
    );
    expect(
      (await otherOffice.post(`/api/users/${invitee.id}/deactivate`, undefined, { 'if-match': `"${invitee.version}"` })).statusCode,
    ).toBe(404);
    expect((await otherOffice.post(`/api/users/${invitee.id}/reset`)).statusCode).toBe(404);
    // The other office's mail outbox does not hold the demo office's invitation.
    const outbox = (await otherOffice.get('/api/mail/outbox')).json().items as { to: string }[];
    expect(outbox.map((m) => m.to)).not.toContain('invitee@example.test');
  });

  it('a program the other office opens belongs to its organizer, and the demo office does not administer it', async () => {
    const res = await otherOffice.post('/api/programs', { fiscalYear: 2026, name: '別県 伴走支援（2026）' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ organizer: '別県 長寿社会課', administered: true });
    const mine = (await office.get('/api/programs')).json().items.find((p: { id: string }) => p.id === res.json().id);
    expect(mine.administered).toBe(false);
  });
});

describe('organizer and jurisdiction', () => {
  it('reads and renames the organizer with If-Match (428 without, 412 stale)', async () => {
    const got = await office.get('/api/organizer');
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ name: '都 福祉局 保険者支援担当', kind: 'prefecture' });
    expect(got.headers.etag).toBe(`"${got.json().version}"`);
    expect((await office.patch('/api/organizer', { prefectureCode: '13' })).statusCode).toBe(428);
    const ok = await office.patch('/api/organizer', { prefectureCode: '13' }, { 'if-match': got.headers.etag as string });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().prefectureCode).toBe('13');
    expect((await office.patch('/api/organizer', { kind: 'regional_bureau' }, { 'if-match': got.headers.etag as string })).statusCode).toBe(
      412,
    );
    const bad = await office.patch('/api/organizer', { prefectureCode: '99' }, { 'if-match': ok.headers.etag as string });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.prefectureCode');
    for (const who of [demo.morikawa, demo.midori]) expect((await (await ctx.login(who)).get('/api/organizer')).statusCode).toBe(403);
  });

  it('adds, searches, pages and removes jurisdiction municipalities', async () => {
    expect((await office.put(`/api/organizer/jurisdiction/${insideMunicipalityId}`)).json()).toEqual({ added: true });
    expect((await office.put(`/api/organizer/jurisdiction/${insideMunicipalityId}`)).json()).toEqual({ added: false });
    const found = (await office.get(`/api/organizer/jurisdiction?q=${encodeURIComponent('うちがわ')}`)).json();
    expect(found).toMatchObject({ total: 1, items: [{ id: insideMunicipalityId, code: '999920', insurer: null }] });
    const page1 = (await office.get('/api/organizer/jurisdiction?pageSize=2&page=1')).json();
    const page2 = (await office.get('/api/organizer/jurisdiction?pageSize=2&page=2')).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThan(2);
    expect(page2.items[0].code > page1.items[1].code).toBe(true);
    expect((await otherOffice.get(`/api/organizer/jurisdiction?q=${encodeURIComponent('うちがわ')}`)).json().total).toBe(0);
    expect((await office.delete(`/api/organizer/jurisdiction/${outsideMunicipalityId}`)).statusCode).toBe(204);
    expect((await office.delete('/api/organizer/jurisdiction/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await office.put('/api/organizer/jurisdiction/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('records an insurer covering several municipalities; a municipality has one insurer (409 insurer_overlap); If-Match on change', async () => {
    const all = (await office.get('/api/organizer/jurisdiction?pageSize=200')).json().items as { id: string }[];
    const [a, b, c] = all;
    const created = await office.post('/api/insurers', {
      name: '試験広域連合',
      kind: 'wide_area_union',
      insurerNumber: '139999',
      municipalityIds: [a!.id, b!.id],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().municipalities).toHaveLength(2);
    const overlap = await office.post('/api/insurers', { name: '試験組合', kind: 'partial_affairs_association', municipalityIds: [b!.id] });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().code).toBe('insurer_overlap');
    const unknown = await office.post('/api/insurers', {
      name: '試験組合',
      kind: 'partial_affairs_association',
      municipalityIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('body.municipalityIds.0');
    const id = created.json().id as string;
    const body = { name: '試験広域連合', kind: 'wide_area_union', insurerNumber: '139999', municipalityIds: [a!.id, b!.id, c!.id] };
    expect((await office.put(`/api/insurers/${id}`, body)).statusCode).toBe(428);
    const updated = await office.put(`/api/insurers/${id}`, body, { 'if-match': '"1"' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ version: 2 });
    expect((await office.put(`/api/insurers/${id}`, body, { 'if-match': '"1"' })).statusCode).toBe(412);
    expect((await otherOffice.put(`/api/insurers/${id}`, body, { 'if-match': '"2"' })).statusCode).toBe(404);
    expect((await otherOffice.get('/api/insurers')).json().items).toEqual([]);
    const listed = (await office.get(`/api/organizer/jurisdiction?pageSize=200`)).json().items as {
      id: string;
      insurer: { name: string } | null;
    }[];
    expect(listed.find((m) => m.id === c!.id)!.insurer).toMatchObject({ name: '試験広域連合' });
  });
});

describe('library reach', () => {
  it('a user of a municipality in the jurisdiction with no other tie reads published cases; outside the jurisdiction: 404', async () => {
    await office.put(`/api/organizer/jurisdiction/${insideMunicipalityId}`);
    const inside = await ctx.login(INSIDE);
    const list = (await inside.get('/api/library')).json().items as { reportId: string }[];
    expect(list.map((i) => i.reportId)).toContain(publishedReportId);
    expect((await inside.get(`/api/library/${publishedReportId}`)).statusCode).toBe(200);
    const outside = await ctx.login(OUTSIDE);
    expect((await outside.get('/api/library')).json().items).toEqual([]);
    expect((await outside.get(`/api/library/${publishedReportId}`)).statusCode).toBe(404);
    // Leaving the jurisdiction ends the reach.
    expect((await office.delete(`/api/organizer/jurisdiction/${insideMunicipalityId}`)).statusCode).toBe(204);
    expect((await inside.get(`/api/library/${publishedReportId}`)).statusCode).toBe(404);
    // The other organizer's office does not read the demo organizer's cases.
    expect((await otherOffice.get(`/api/library/${publishedReportId}`)).statusCode).toBe(404);
  });
});

describe('public links', () => {
  const linksUrl = () => `/api/engagements/${midori}/reports/${publishedReportId}/public-links`;

  it('the office creates a link that opens the report signed out; revoking stops it at once', async () => {
    const created = await office.post(linksUrl(), { expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { token, path, id } = created.json() as { token: string; path: string; id: string };
    expect(path).toBe(`/p/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const read = await ctx.anonymous.get(`/api/public/reports/${token}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ reportId: publishedReportId, versions: [{ reportId: publishedReportId }] });
    // Team-only material never reaches it: the published facts carry no team findings.
    expect(read.body).not.toContain('"visibility":"team"');
    const svg = await ctx.anonymous.get(`/api/public/reports/${token}/tree.svg`);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    const listed = (await office.get(linksUrl())).json().items as { id: string; active: boolean }[];
    expect(listed).toEqual([expect.objectContaining({ id, active: true })]);
    expect(JSON.stringify(listed)).not.toContain(token);
    const revoked = await office.post(`${linksUrl()}/${id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().active).toBe(false);
    expect((await ctx.anonymous.get(`/api/public/reports/${token}`)).statusCode).toBe(404);
    expect((await ctx.anonymous.get(`/api/public/reports/${token}/tree.svg`)).statusCode).toBe(404);
    const again = await office.post(`${linksUrl()}/${id}/revoke`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('link_already_revoked');
  });

  it('only the program office shares; a draft cannot be shared; an unknown token is 404', async () => {
    for (const who of [demo.morikawa, demo.midori]) expect((await (await ctx.login(who)).post(linksUrl(), {})).statusCode).toBe(403);
    expect((await otherOffice.post(linksUrl(), {})).statusCode).toBe(404);
    const draft = await (await ctx.login(demo.morikawa)).post(`/api/engagements/${await engagementIdOf(ctx, 'あおば市')}/reports`, {});
    const res = await office.post(`/api/engagements/${await engagementIdOf(ctx, 'あおば市')}/reports/${draft.json().id}/public-links`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('report_not_shareable');
    expect((await ctx.anonymous.get(`/api/public/reports/${'x'.repeat(43)}`)).statusCode).toBe(404);
    expect((await ctx.anonymous.get('/api/public/reports/short')).statusCode).toBe(400);
  });

  it('an expired link is 404', async () => {
    const created = (await office.post(linksUrl(), { expiresInDays: 1 })).json() as { token: string; id: string };
    const db = ctx.database.db;
    const { reportPublicLinks } = await import('../../src/db/schema/index.js');
    await db
      .update(reportPublicLinks)
      .set({ expiresAt: new Date('2020-01-01T00:00:00Z') })
      .where(eq(reportPublicLinks.id, created.id));
    expect((await ctx.anonymous.get(`/api/public/reports/${created.token}`)).statusCode).toBe(404);
  });
});

describe('rate limit', () => {
  it('answers 429 rate_limited beyond PUBLIC_LINK_RATE_PER_MINUTE reads', async () => {
    const limited = await createTestContext({ today: '2026-03-10', env: { PUBLIC_LINK_RATE_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.anonymous.get(`/api/public/reports/${'y'.repeat(43)}`)).statusCode);
      expect(statuses.slice(0, 3)).toEqual([404, 404, 404]);
      const res = await limited.anonymous.get(`/api/public/reports/${'y'.repeat(43)}`);
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});
