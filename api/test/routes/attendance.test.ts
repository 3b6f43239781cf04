import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFY_EVENT_JOB } from '../../src/modules/notifications/notifications.service.js';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-05' });
});
afterAll(() => ctx.close());

interface VisitLike {
  id: string;
  seq: number;
  view: string;
  date: string;
  agenda?: string;
  minutes?: string;
  observerSummary?: string;
  attendees?: string[];
}
async function visitsOf(email: string, engagementId: string): Promise<VisitLike[]> {
  return (await (await ctx.login(email)).get(`/api/engagements/${engagementId}/visits`)).json().items;
}
async function visitBySeq(engagementId: string, seq: number) {
  return (await visitsOf(demo.morikawa, engagementId)).find((v) => v.seq === seq)!;
}

describe('visits: the observer summary', () => {
  it('shows observers the agenda and the summary of a visit, never its minutes or attendees', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    const first = (await visitsOf(demo.sakura, id)).find((v) => v.seq === 1)!;
    expect(first.view).toBe('schedule');
    expect(first.agenda).not.toBe('');
    expect(first.observerSummary).toContain('かかりつけ医');
    expect(first).not.toHaveProperty('minutes');
    expect(first).not.toHaveProperty('attendees');
    const one = (await (await ctx.login(demo.sakura)).get(`/api/engagements/${id}/visits/${first.id}`)).json();
    expect(Object.keys(one).sort()).toEqual([
      'agenda',
      'date',
      'endDate',
      'id',
      'kind',
      'observerSummary',
      'seq',
      'status',
      'venue',
      'view',
    ]);
  });

  it('lets the advisors edit the summary apart from the minutes, with If-Match', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    const advisor = await ctx.login(demo.morikawa);
    const visit = await visitBySeq(id, 2);
    const full = (await advisor.get(`/api/engagements/${id}/visits/${visit.id}`)).json() as { version: number; minutes: string };
    const url = `/api/engagements/${id}/visits/${visit.id}`;
    expect((await advisor.patch(url, { observerSummary: 'x' })).statusCode).toBe(428);
    expect((await advisor.patch(url, { observerSummary: 'x' }, { 'if-match': `"${full.version + 5}"` })).statusCode).toBe(412);
    const res = await advisor.patch(
      url,
      { observerSummary: '第2回の要旨', minutes: '内部の議事録: 非公開の検討' },
      { 'if-match': `"${full.version}"` },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().observerSummary).toBe('第2回の要旨');
    const seen = (await visitsOf(demo.sakura, id)).find((v) => v.seq === 2)!;
    expect(seen.observerSummary).toBe('第2回の要旨');
    expect(JSON.stringify(seen)).not.toContain('非公開');
    // Observers and municipal members do not write the summary.
    const mine = (await (await ctx.login(demo.midori)).get(url)).json() as { version: number };
    expect(
      (await (await ctx.login(demo.midori)).patch(url, { observerSummary: 'y' }, { 'if-match': `"${mine.version}"` })).statusCode,
    ).toBe(403);
    expect(
      (await (await ctx.login(demo.sakura)).patch(url, { observerSummary: 'y' }, { 'if-match': `"${mine.version}"` })).statusCode,
    ).toBe(403);
  });
});

describe('PUT/DELETE /api/engagements/:id/visits/:visitId/attendance/mine (参加登録)', () => {
  it('shows the demo observer registered for the next visit', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    const next = await visitBySeq(id, 3);
    const res = await (await ctx.login(demo.sakura)).get(`/api/engagements/${id}/visits/${next.id}/attendance`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ organizationName: 'さくら区', status: 'registered', mine: true })]);
  });

  it('registers an observer and a municipal member for a future visit, idempotently, and withdraws', async () => {
    const id = await engagementIdOf(ctx, 'あおば市');
    const next = await visitBySeq(id, 3);
    const url = `/api/engagements/${id}/visits/${next.id}/attendance`;
    const higashi = await ctx.login(demo.higashi);
    const first = await higashi.put(`${url}/mine`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ organizationName: 'ひがし市', status: 'registered', mine: true, user: { name: '田中 美紀' } });
    expect(first.headers.etag).toBe('"1"');
    expect((await higashi.put(`${url}/mine`)).json().id).toBe(first.json().id);
    expect((await (await ctx.login(demo.aoba)).put(`${url}/mine`)).statusCode).toBe(200);

    // Observers see the other lines by organization only; the team sees the names.
    const seenByObserver = (await higashi.get(url)).json().items as { organizationName: string; user: unknown; mine: boolean }[];
    expect(seenByObserver).toHaveLength(2);
    expect(seenByObserver.find((a) => !a.mine)).toMatchObject({ organizationName: 'あおば市', user: null });
    const seenByTeam = (await (await ctx.login(demo.kitano)).get(url)).json().items as { user: { name: string } }[];
    expect(seenByTeam.map((a) => a.user.name).sort()).toEqual(['小池 健', '田中 美紀'].sort());

    expect((await higashi.delete(`${url}/mine`)).statusCode).toBe(204);
    expect((await higashi.delete(`${url}/mine`)).statusCode).toBe(204);
    expect(((await higashi.get(url)).json().items as unknown[]).length).toBe(1);
  });

  it('refuses a past visit with 409 visit_past', async () => {
    const id = await engagementIdOf(ctx, 'あおば市');
    const past = await visitBySeq(id, 1);
    const higashi = await ctx.login(demo.higashi);
    const res = await higashi.put(`/api/engagements/${id}/visits/${past.id}/attendance/mine`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code ?? res.json().type).toMatch(/visit_past/);
    expect((await higashi.delete(`/api/engagements/${id}/visits/${past.id}/attendance/mine`)).statusCode).toBe(409);
  });

  it('refuses the team with 403 (advisors do not register) and outsiders with 404', async () => {
    const id = await engagementIdOf(ctx, 'あおば市');
    const next = await visitBySeq(id, 3);
    const url = `/api/engagements/${id}/visits/${next.id}/attendance/mine`;
    expect((await (await ctx.login(demo.kitano)).put(url)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.sakura)).put(url)).statusCode).toBe(404);
  });
});

describe('PATCH /api/engagements/:id/visits/:visitId/attendance/:attendanceId', () => {
  it('lets the team record attendance with If-Match (428 without, 412 when stale); others get 403', async () => {
    const id = await engagementIdOf(ctx, 'みどり区');
    const next = await visitBySeq(id, 3);
    const url = `/api/engagements/${id}/visits/${next.id}/attendance`;
    const advisor = await ctx.login(demo.morikawa);
    const [line] = (await advisor.get(url)).json().items as { id: string; version: number }[];
    expect(line).toBeDefined();
    expect((await advisor.patch(`${url}/${line!.id}`, { status: 'attended' })).statusCode).toBe(428);
    expect((await advisor.patch(`${url}/${line!.id}`, { status: 'attended' }, { 'if-match': '"9"' })).statusCode).toBe(412);
    expect(
      (await (await ctx.login(demo.sakura)).patch(`${url}/${line!.id}`, { status: 'attended' }, { 'if-match': `"${line!.version}"` }))
        .statusCode,
    ).toBe(403);
    expect(
      (await (await ctx.login(demo.midori)).patch(`${url}/${line!.id}`, { status: 'attended' }, { 'if-match': `"${line!.version}"` }))
        .statusCode,
    ).toBe(403);
    const res = await advisor.patch(`${url}/${line!.id}`, { status: 'attended' }, { 'if-match': `"${line!.version}"` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'attended', version: line!.version + 1 });
    expect(res.json().recordedAt).not.toBeNull();
    expect(((await (await ctx.login(demo.sakura)).get(url)).json().items as { status: string }[])[0]!.status).toBe('attended');
  });
});

describe('傍聴申請 (observation requests)', () => {
  it('lists the engagements a municipal user may ask to observe, with the pending request', async () => {
    const items = (await (await ctx.login(demo.higashi)).get('/api/me/observable-engagements')).json().items as {
      id: string;
      municipality: { name: string };
      pendingRequestId: string | null;
      neighbour: boolean;
    }[];
    const names = items.map((i) => i.municipality.name);
    expect(names).toContain('みどり区');
    expect(names).not.toContain('あおば市'); // already observed
    expect(items.find((i) => i.municipality.name === 'みどり区')!.pendingRequestId).not.toBeNull();
    expect((await (await ctx.login(demo.morikawa)).get('/api/me/observable-engagements')).json().items).toEqual([]);
  });

  it('lets the office list pending requests; a non-office user gets 403', async () => {
    const office = await ctx.login(demo.office);
    const programId = (await office.get('/api/programs')).json().items[0].id as string;
    const res = await office.get(`/api/programs/${programId}/observation-requests?status=pending`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        municipality: expect.objectContaining({ name: 'ひがし市' }),
        status: 'pending',
        requestedBy: expect.objectContaining({ name: '田中 美紀' }),
      }),
    ]);
    for (const who of [demo.morikawa, demo.higashi, demo.midori])
      expect((await (await ctx.login(who)).get(`/api/programs/${programId}/observation-requests`)).statusCode).toBe(403);
  });

  it('refuses a second pending request (409) and one for an engagement already observed (409)', async () => {
    const higashi = await ctx.login(demo.higashi);
    const midori = await engagementIdOf(ctx, 'みどり区');
    const aoba = await engagementIdOf(ctx, 'あおば市');
    expect((await higashi.post('/api/observation-requests', { engagementId: midori, message: 'again' })).statusCode).toBe(409);
    expect((await higashi.post('/api/observation-requests', { engagementId: aoba })).statusCode).toBe(409);
    // The supported municipality's own staff and users of no municipality cannot ask.
    expect((await (await ctx.login(demo.midori)).post('/api/observation-requests', { engagementId: midori })).statusCode).toBe(404);
    expect((await (await ctx.login(demo.kitano)).post('/api/observation-requests', { engagementId: midori })).statusCode).toBe(403);
  });

  it('approves a request into a grant: the requester can then read the engagement', async () => {
    const midori = await engagementIdOf(ctx, 'みどり区');
    const higashi = await ctx.login(demo.higashi);
    expect((await higashi.get(`/api/engagements/${midori}`)).statusCode).toBe(404);
    const office = await ctx.login(demo.office);
    const programId = (await office.get('/api/programs')).json().items[0].id as string;
    const [request] = (await office.get(`/api/programs/${programId}/observation-requests?status=pending`)).json().items as {
      id: string;
      version: number;
    }[];
    const url = `/api/engagements/${midori}/observation-requests/${request!.id}`;
    const body = { validUntil: '2026-03-31' };
    // Only the office decides: the team gets 403, an outsider 404.
    expect((await (await ctx.login(demo.morikawa)).post(`${url}/approve`, body, { 'if-match': `"${request!.version}"` })).statusCode).toBe(
      403,
    );
    expect((await (await ctx.login(demo.kitano)).post(`${url}/approve`, body, { 'if-match': `"${request!.version}"` })).statusCode).toBe(
      404,
    );
    expect((await office.post(`${url}/approve`, body)).statusCode).toBe(428);
    expect((await office.post(`${url}/approve`, body, { 'if-match': '"7"' })).statusCode).toBe(412);
    const res = await office.post(`${url}/approve`, body, { 'if-match': `"${request!.version}"` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', decidedBy: { name: '佐伯 真理' } });
    expect(res.json().grantId).not.toBeNull();
    const grants = (await office.get(`/api/engagements/${midori}/observer-grants`)).json().items as {
      id: string;
      municipality: { name: string };
      active: boolean;
    }[];
    expect(grants.find((g) => g.id === res.json().grantId)).toMatchObject({
      municipality: expect.objectContaining({ name: 'ひがし市' }),
      active: true,
    });
    expect((await higashi.get(`/api/engagements/${midori}`)).statusCode).toBe(200);
    // The requester is told (the queued notification, run here without its grace delay), with a link to the engagement.
    await ctx.app.jobs.runNow(NOTIFY_EVENT_JOB, { kind: 'observation_decided', requestId: request!.id });
    const inbox = (await higashi.get('/api/me/notifications')).json().items as { kind: string; link: string; title: { ja: string } }[];
    expect(inbox.find((n) => n.kind === 'observation_approved')).toMatchObject({
      link: `/engagements/${midori}/roadmap`,
      title: { ja: '傍聴申請が承認されました:みどり区(閲覧のみ)' },
    });
    // A decided request is not decided again.
    expect((await office.post(`${url}/decline`, undefined, { 'if-match': `"${res.json().version}"` })).statusCode).toBe(409);
  });

  it('declines a request: no grant, the requester still cannot read', async () => {
    const yamanami = await engagementIdOf(ctx, 'やまなみ町');
    const sakura = await ctx.login(demo.sakura);
    const created = await sakura.post('/api/observation-requests', { engagementId: yamanami, message: '在宅医療の連携を学びたい' });
    expect(created.statusCode).toBe(201);
    const office = await ctx.login(demo.office);
    const res = await office.post(`/api/engagements/${yamanami}/observation-requests/${created.json().id}/decline`, undefined, {
      'if-match': `"${created.json().version}"`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'declined', grantId: null });
    expect((await sakura.get(`/api/engagements/${yamanami}`)).statusCode).toBe(404);
    await ctx.app.jobs.runNow(NOTIFY_EVENT_JOB, { kind: 'observation_decided', requestId: created.json().id });
    const inbox = (await sakura.get('/api/me/notifications')).json().items as { kind: string; link: string }[];
    // Declined: the notice links to the inbox, not to an engagement the requester cannot open.
    expect(inbox.find((n) => n.kind === 'observation_declined')).toMatchObject({ link: '/notifications' });
  });

  it('a user of a municipality the program serves may ask to observe the published case’s engagement (the library’s 傍聴を申請)', async () => {
    const midori = await engagementIdOf(ctx, 'みどり区');
    const user = await ctx.login(demo.yamanami);
    const items = (await user.get('/api/me/observable-engagements')).json().items as { id: string; pendingRequestId: string | null }[];
    expect(items.find((e) => e.id === midori)).toMatchObject({ pendingRequestId: null });
  });
});
