/**
 * Program events (issue 16.1): the office plans a 報告会 / 合同ヒアリング of the program (days, venue,
 * participating engagements, agenda), writes its minutes and records attendance; everyone tied to the
 * organizer reads it and registers; others find no program. Visits get a span of days and a venue.
 * The March pack is one tagged PDF: cover and agenda, then each participating engagement's newest
 * published report, a bookmark per report, its pages exactly the reports' own.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ProgramEvent } from '@banso/shared';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, engagements, organizerMunicipalities, programEvents, programs, users } from '../../src/db/schema/index.js';
import { hashPassword } from '../../src/modules/auth/auth.service.js';
import { packHtml } from '../../src/modules/program-events/pack-html.js';
import { packSourceOf } from '../../src/modules/program-events/program-events.service.js';
import { PdfPrinter } from '../../src/modules/reports/exports/pdf.js';
import { freshMunicipality } from '../quality/support/fixtures.js';
import { multipart } from '../support/multipart.js';
import { createTestContext, demo, DEMO_PASSWORD, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

const run = promisify(execFile);
const TODAY = '2026-02-20';

let ctx: TestContext;
let dir: string;
let programId: string;
let office: Session;
let advisor: Session;
let inside: Session;
let outside: Session;
const ids: Record<'みどり区' | 'あおば市' | 'やまなみ町', string> = { みどり区: '', あおば市: '', やまなみ町: '' };
let meeting: ProgramEvent;
let meetingEtag: string;

const base = () => `/api/programs/${programId}/events`;

async function userOf(name: string, inJurisdiction: boolean, organizerId: string): Promise<string> {
  const db = ctx.database.db;
  const municipalityId = await freshMunicipality(db, name);
  if (inJurisdiction) await db.insert(organizerMunicipalities).values({ organizerId, municipalityId });
  const email = `${inJurisdiction ? 'inside' : 'outside'}-${municipalityId}@example.test`;
  await db.insert(users).values({ email, name: `${name} 職員`, municipalityId, passwordHash: await hashPassword(DEMO_PASSWORD) });
  return email;
}

beforeAll(async () => {
  ctx = await createTestContext({ today: TODAY });
  ctx.database.pool?.on('error', () => {});
  dir = await mkdtemp(path.join(tmpdir(), 'banso-events-'));
  for (const name of Object.keys(ids) as (keyof typeof ids)[]) ids[name] = await engagementIdOf(ctx, name);
  const [row] = await ctx.database.db
    .select({ programId: engagements.programId, organizerId: programs.organizerId })
    .from(engagements)
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .where(eq(engagements.id, ids.みどり区));
  programId = row!.programId;
  office = await ctx.login(demo.office);
  advisor = await ctx.login(demo.morikawa);
  inside = await ctx.login(await userOf('うちがわ町', true, row!.organizerId));
  outside = await ctx.login(await userOf('そとがわ町', false, row!.organizerId));
});
afterAll(async () => {
  await ctx.close();
  await rm(dir, { recursive: true, force: true });
});

describe('program events', () => {
  it('are planned by the office: kind, days, venue, participants and an agenda; audited', async () => {
    const res = await office.post(base(), {
      kind: 'report_meeting',
      title: '令和7年度 伴走型支援 報告会',
      startDate: '2026-03-16',
      venue: '都庁第一本庁舎 5階大会議場',
      onlineUrl: 'https://meet.example.test/houkokukai',
      engagementIds: [ids.みどり区, ids.あおば市, ids.やまなみ町],
      agenda: [
        { time: '13:30', title: '開会・趣旨説明', presenter: '都 福祉局' },
        { time: '13:40', title: 'みどり区の取組', presenter: '高齢福祉課', engagementId: ids.みどり区 },
        { time: '14:10', title: 'あおば市の取組', engagementId: ids.あおば市 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    meeting = res.json();
    meetingEtag = String(res.headers.etag);
    expect(meeting).toMatchObject({
      kind: 'report_meeting',
      startDate: '2026-03-16',
      endDate: '2026-03-16',
      manageable: true,
      registeredCount: 0,
    });
    expect(meeting.engagements.map((e) => e.municipality.name)).toEqual(['みどり区', 'あおば市', 'やまなみ町']);
    expect(meeting.agenda[2]).toEqual({ time: '14:10', title: 'あおば市の取組', presenter: '', engagementId: ids.あおば市 });
    const [audit] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'program_event'), eq(auditLog.entityId, meeting.id)));
    expect(audit?.action).toBe('create');
  });

  it('refuse a last day before the first, naming the field, and engagements of another program', async () => {
    const backwards = await office.post(base(), { kind: 'training', title: '研修', startDate: '2026-02-10', endDate: '2026-02-09' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors.map((e: { path: string }) => e.path)).toContain('body.endDate');
    const foreign = await office.post(base(), {
      kind: 'joint_hearing',
      title: '合同',
      startDate: '2026-02-10',
      engagementIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].path).toBe('body.engagementIds.0');
    const presenter = await office.post(base(), {
      kind: 'joint_hearing',
      title: '合同',
      startDate: '2026-02-10',
      agenda: [{ title: '発表', engagementId: ids.みどり区 }],
    });
    expect(presenter.statusCode).toBe(400);
    expect(presenter.json().errors[0].path).toBe('body.agenda.0.engagementId');
  });

  it('are listed by first day, a page at a time, to everyone tied to the organizer; others find no program', async () => {
    for (const [kind, startDate, endDate] of [
      ['joint_hearing', '2025-11-05', '2025-11-06'],
      ['advanced_site_visit', '2025-10-01', '2025-10-01'],
    ] as const) {
      const res = await office.post(base(), { kind, title: `${kind} ${startDate}`, startDate, endDate, engagementIds: [ids.やまなみ町] });
      expect(res.statusCode, res.body).toBe(201);
    }
    // Page through everything, two at a time: by first day, then id; the demo's own events are there too.
    const all: ProgramEvent[] = [];
    let cursor: string | null = null;
    do {
      const page = await inside.get(`${base()}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json().items.length).toBeLessThanOrEqual(2);
      all.push(...page.json().items);
      cursor = page.json().nextCursor;
    } while (cursor);
    const days = all.map((e) => e.startDate);
    expect(days).toEqual([...days].sort());
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.map((e) => e.id)).toContain(meeting.id);
    expect(all.find((e) => e.startDate === '2025-11-05')).toMatchObject({ endDate: '2025-11-06', manageable: false });
    const hearings = (await inside.get(`${base()}?kind=joint_hearing`)).json().items as ProgramEvent[];
    expect(hearings.map((e) => e.kind)).toEqual(hearings.map(() => 'joint_hearing'));
    expect(hearings.map((e) => e.startDate)).toContain('2025-11-05');
    expect((await inside.get(`${base()}?cursor=nonsense`)).statusCode).toBe(400);
    expect((await outside.get(base())).statusCode).toBe(404);
    expect((await outside.get(`${base()}/${meeting.id}`)).statusCode).toBe(404);
    expect((await (await ctx.login(demo.sakura)).get(`${base()}/${meeting.id}`)).statusCode).toBe(200);
  });

  it('are edited and deleted by the office only, with If-Match; the minutes too', async () => {
    const patch = { minutes: '3団体から報告。質疑では見守りの担い手確保について意見交換した。' };
    expect((await inside.patch(`${base()}/${meeting.id}`, patch, { 'if-match': meetingEtag })).statusCode).toBe(403);
    expect((await office.patch(`${base()}/${meeting.id}`, patch)).statusCode).toBe(428);
    const ok = await office.patch(`${base()}/${meeting.id}`, patch, { 'if-match': meetingEtag });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().minutes).toBe(patch.minutes);
    expect((await office.patch(`${base()}/${meeting.id}`, { title: '古い版' }, { 'if-match': meetingEtag })).statusCode).toBe(412);
    meetingEtag = String(ok.headers.etag);
    const backwards = await office.patch(`${base()}/${meeting.id}`, { endDate: '2026-03-01' }, { 'if-match': meetingEtag });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].path).toBe('body.endDate');
    const spare = (await office.post(base(), { kind: 'training', title: '消す研修', startDate: '2026-01-15' })).json();
    expect((await inside.delete(`${base()}/${spare.id}`, { 'if-match': '"1"' })).statusCode).toBe(403);
    expect((await office.delete(`${base()}/${spare.id}`, { 'if-match': '"1"' })).statusCode).toBe(204);
    expect((await office.get(`${base()}/${spare.id}`)).statusCode).toBe(404);
  });

  it('take registrations from anyone of the jurisdiction; the office records who attended', async () => {
    const reg = await inside.put(`${base()}/${meeting.id}/registration`);
    expect(reg.statusCode, reg.body).toBe(200);
    expect(reg.json()).toMatchObject({ status: 'registered', mine: true, organizationName: 'うちがわ町' });
    expect((await inside.put(`${base()}/${meeting.id}/registration`)).json().id).toBe(reg.json().id);
    expect((await outside.put(`${base()}/${meeting.id}/registration`)).statusCode).toBe(404);
    const seen = (await inside.get(`${base()}/${meeting.id}`)).json();
    expect(seen).toMatchObject({ registeredCount: 1, myRegistration: { id: reg.json().id, status: 'registered' } });
    expect((await inside.get(`${base()}/${meeting.id}/attendance`)).statusCode).toBe(403);
    const list = await office.get(`${base()}/${meeting.id}/attendance`);
    expect(list.json().items.map((a: { user: { name: string } }) => a.user.name)).toEqual(['うちがわ町 職員']);
    const url = `${base()}/${meeting.id}/attendance/${reg.json().id}`;
    expect((await office.patch(url, { status: 'attended' })).statusCode).toBe(428);
    const marked = await office.patch(url, { status: 'attended' }, { 'if-match': String(reg.headers.etag) });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json().status).toBe('attended');
    // A past event takes no registration.
    const past = (await inside.get(`${base()}?kind=advanced_site_visit`)).json().items[0];
    expect((await inside.put(`${base()}/${past.id}/registration`)).json()).toMatchObject({ code: 'event_past' });
    const extra = await (await ctx.login(demo.sakura)).put(`${base()}/${meeting.id}/registration`);
    expect(extra.statusCode).toBe(200);
    expect((await (await ctx.login(demo.sakura)).delete(`${base()}/${meeting.id}/registration`)).statusCode).toBe(204);
  });

  it('hold materials the office posts and the jurisdiction downloads', async () => {
    const upload = await office.request({
      method: 'POST',
      url: `${base()}/${meeting.id}/materials`,
      ...multipart('次第.txt', Buffer.from('報告会の次第')),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    expect(upload.json()).toMatchObject({ parentType: 'event', parentId: meeting.id, engagementId: null });
    const refused = await inside.request({
      method: 'POST',
      url: `${base()}/${meeting.id}/materials`,
      ...multipart('x.txt', Buffer.from('x')),
    });
    expect(refused.statusCode).toBe(403);
    const content = `${base()}/${meeting.id}/materials/${upload.json().id}/content`;
    const got = await inside.get(content);
    expect(got.statusCode).toBe(200);
    expect(got.body).toBe('報告会の次第');
    expect((await outside.get(content)).statusCode).toBe(404);
    expect((await inside.get(`${base()}/${meeting.id}`)).json().materials.map((m: { name: string }) => m.name)).toEqual(['次第.txt']);
    // Not a reference material of the program.
    expect((await inside.get(`/api/programs/${programId}/reference-materials`)).json().items).toEqual([]);
  });
});

describe('visits of several days at a venue', () => {
  it('keep the last day and the venue; a last day before the first is 400 naming body.endDate', async () => {
    const url = `/api/engagements/${ids.やまなみ町}/visits`;
    const bad = await advisor.post(url, { kind: 'site_visit', date: '2026-02-26', endDate: '2026-02-25' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.endDate');
    const made = await advisor.post(url, {
      kind: 'site_visit',
      date: '2026-02-26',
      endDate: '2026-02-27',
      venue: 'やまなみ町 保健センター',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ date: '2026-02-26', endDate: '2026-02-27', venue: 'やまなみ町 保健センター' });
    const moved = await advisor.patch(`${url}/${made.json().id}`, { date: '2026-02-28' }, { 'if-match': String(made.headers.etag) });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().errors[0].path).toBe('body.date');
    const oneDay = await advisor.post(url, { kind: 'hearing', date: '2026-03-02' });
    expect(oneDay.json()).toMatchObject({ endDate: '2026-03-02', venue: '' });
  });
});

async function publishReport(engagementId: string): Promise<string> {
  const created = await advisor.post(`/api/engagements/${engagementId}/reports`, {});
  expect(created.statusCode, created.body).toBe(201);
  const published = await office.post(`/api/engagements/${engagementId}/reports/${created.json().id}/publish`, undefined, {
    'if-match': String(created.headers.etag),
  });
  expect(published.statusCode, published.body).toBe(200);
  return created.json().id;
}

async function reportPdf(engagementId: string, reportId: string): Promise<Buffer> {
  const res = await advisor.post(`/api/engagements/${engagementId}/exports`, { format: 'pdf', reportId });
  expect(res.statusCode).toBe(202);
  let job = res.json();
  for (let i = 0; i < 900 && job.status !== 'done' && job.status !== 'failed'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    job = (await advisor.get(`/api/engagements/${engagementId}/exports/${job.id}`)).json();
  }
  expect(job).toMatchObject({ status: 'done' });
  return (await advisor.get(`/api/engagements/${engagementId}/exports/${job.id}/file`)).rawPayload;
}

async function pages(pdf: Buffer, name: string): Promise<number> {
  const file = path.join(dir, name);
  await writeFile(file, pdf);
  const { stdout } = await run('pdfinfo', [file]);
  return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
}

/** The top-level bookmarks of a PDF, from poppler's XML (outline items nest as <outline> in <item>). */
async function topLevelBookmarks(file: string): Promise<string[]> {
  const { stdout } = await run('pdftohtml', ['-xml', '-i', '-stdout', '-q', file]);
  const outline = /<outline>([\s\S]*)<\/outline>\s*<\/pdf2xml>/.exec(stdout)?.[1] ?? '';
  const top: string[] = [];
  let depth = 0;
  for (const m of outline.matchAll(/<outline>|<\/outline>|<item[^>]*>([^<]*)<\/item>/g)) {
    if (m[0] === '<outline>') depth += 1;
    else if (m[0] === '</outline>') depth -= 1;
    else if (depth === 0) top.push(m[1]!.replace(/&amp;/g, '&'));
  }
  return top;
}

describe('the March pack', () => {
  it('is one tagged PDF: cover and agenda, then every participating engagement’s published report, a bookmark each', async () => {
    // Each participant publishes its report of the year.
    const reportIds = {
      みどり区: await publishReport(ids.みどり区),
      あおば市: await publishReport(ids.あおば市),
      やまなみ町: await publishReport(ids.やまなみ町),
    };
    const res = await inside.get(`${base()}/${meeting.id}/pack`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const packFile = path.join(dir, 'pack.pdf');
    const total = await pages(res.rawPayload, 'pack.pdf');

    // The front matter alone, printed by the same renderer.
    const [event] = await ctx.database.db.select().from(programEvents).where(eq(programEvents.id, meeting.id));
    const printer = new PdfPrinter();
    let front: number;
    try {
      front = await pages(
        await printer.print(packHtml(await packSourceOf(ctx.database.db, event!), { frontMatterOnly: true })),
        'front.pdf',
      );
    } finally {
      await printer.close();
    }
    let reportsPages = 0;
    for (const [name, id] of Object.entries(reportIds))
      reportsPages += await pages(await reportPdf(ids[name as keyof typeof ids], id), `${id}.pdf`);
    expect(front).toBeGreaterThanOrEqual(2);
    expect(total).toBe(front + reportsPages);

    const { stdout: text } = await run('pdftotext', [packFile, '-']);
    for (const name of ['みどり区', 'あおば市', 'やまなみ町', '令和7年度 伴走型支援 報告会', '開会・趣旨説明', '都庁第一本庁舎'])
      expect(text.replace(/\s+/g, ''), name).toContain(name.replace(/\s+/g, ''));
    const { stdout: info } = await run('pdfinfo', [packFile]);
    expect(info).toMatch(/Tagged:\s+yes/);
    const raw = res.rawPayload.toString('latin1');
    expect(raw).toMatch(/\/StructTreeRoot/);
    expect(raw).toMatch(/\/MarkInfo/);
    const bookmarks = await topLevelBookmarks(packFile);
    // The cover (the event's title, with the agenda under it), then one per report.
    expect(bookmarks[0]).toBe('令和7年度 伴走型支援 報告会');
    const reportTitles = bookmarks.slice(1);
    expect(reportTitles).toHaveLength(3);
    for (const [i, name] of ['みどり区', 'あおば市', 'やまなみ町'].entries()) expect(reportTitles[i]).toContain(name);
  });

  it('is only a 報告会’s; others are 409, and outsiders find no program', async () => {
    const hearing = (await inside.get(`${base()}?kind=joint_hearing`)).json().items[0];
    const res = await inside.get(`${base()}/${hearing.id}/pack`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('not_report_meeting');
    expect((await outside.get(`${base()}/${meeting.id}/pack`)).statusCode).toBe(404);
  });
});

it('audits registration and attendance', async () => {
  const rows = await ctx.database.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.entity, 'program_event_attendance'))
    .orderBy(desc(auditLog.at));
  expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['register', 'record', 'withdraw']));
});
