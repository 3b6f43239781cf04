/**
 * Attachments and reference materials: a file is read exactly by the readers of its parent (observers
 * only when it is marked shareable), the type comes from the bytes, the name never reaches the disk,
 * the size limit answers 413, downloads are safe attachments; If-Match on update and delete; audit.
 */
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Attachment } from '@banso/shared';
import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, auditLog, findings, homework, users, visits } from '../../src/db/schema/index.js';
import { hashPassword } from '../../src/modules/auth/auth.service.js';
import { freshMunicipality } from '../quality/support/fixtures.js';
import { multipart } from '../support/multipart.js';
import { createTestContext, demo, DEMO_PASSWORD, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

const MAX = 64 * 1024;
let ctx: TestContext;
let midori: string;
let aoba: string;
let plannedVisit: string;
let teamFinding: string;
let municipalityFinding: string;
let midoriHomework: string;
let programId: string;
let advisor: Session;
let member: Session;
let observer: Session;
let office: Session;
const filesDir = () => String(ctx.app.config.FILES_DIR);

beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-15', env: { UPLOAD_MAX_BYTES: String(MAX) } });
  midori = await engagementIdOf(ctx, 'みどり区');
  aoba = await engagementIdOf(ctx, 'あおば市');
  const db = ctx.database.db;
  const [visit] = await db
    .select({ id: visits.id })
    .from(visits)
    .where(and(eq(visits.engagementId, midori), eq(visits.status, 'planned')));
  plannedVisit = visit!.id;
  const [team] = await db
    .select({ id: findings.id })
    .from(findings)
    .where(and(eq(findings.engagementId, midori), eq(findings.visibility, 'team')));
  teamFinding = team!.id;
  advisor = await ctx.login(demo.morikawa);
  member = await ctx.login(demo.midori);
  const made = await member.post(`/api/engagements/${midori}/findings`, {
    kind: 'qualitative_fact',
    text: '添付テスト',
    visibility: 'municipality',
  });
  municipalityFinding = (made.json() as { id: string }).id;
  observer = await ctx.login(demo.sakura);
  office = await ctx.login(demo.office);
  const [hw] = await db
    .select({ id: homework.id })
    .from(homework)
    .where(and(eq(homework.engagementId, midori), eq(homework.assigneeUserId, member.userId)));
  midoriHomework = hw!.id;
  const eng = await office.get(`/api/engagements/${midori}`);
  programId = (eng.json() as { programId: string }).programId;
});
afterAll(() => ctx.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

const upload = (who: Session, url: string, fileName: string, bytes: Buffer, query = '') =>
  who.request({ method: 'POST', url: `${url}/attachments${query}`, ...multipart(fileName, bytes) });
const visitUrl = (visitId = plannedVisit, eng = midori) => `/api/engagements/${eng}/visits/${visitId}`;
const content = (a: { id: string }, eng = midori) => `/api/engagements/${eng}/attachments/${a.id}/content`;
const listed = async (who: Session, eng = midori) => {
  const res = await who.get(`/api/engagements/${eng}/attachments`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Attachment[] }).items.map((a) => a.id);
};
const stored = async () => readdir(path.join(filesDir(), 'attachments')).catch(() => [] as string[]);

describe('POST …/visits/:visitId/attachments and the download', () => {
  it('stores a shareable visit material the observer downloads byte for byte, as a safe attachment with its Japanese name', async () => {
    const res = await upload(advisor, visitUrl(), '第3回 事前資料（認知症）.pdf', PDF, '?shareable=true');
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json() as Attachment;
    expect(a).toMatchObject({
      parentType: 'visit',
      parentId: plannedVisit,
      engagementId: midori,
      name: '第3回 事前資料（認知症）.pdf',
      size: PDF.length,
      mediaType: 'application/pdf',
      shareable: true,
      uploadedBy: { id: advisor.userId, name: '森川 恵子' },
    });
    expect(res.headers.etag).toBe('"1"');

    const got = await observer.get(content(a));
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PDF)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(got.headers['content-disposition']);
    expect(disposition.startsWith('attachment;')).toBe(true);
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent('第3回 事前資料（認知症）.pdf').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    // Observers see roles, not the names of the staff.
    const seen = (await observer.get(`/api/engagements/${midori}/attachments`)).json() as { items: Attachment[] };
    expect(seen.items.find((x) => x.id === a.id)?.uploadedBy).toBeNull();

    const [audit] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'attachment'), eq(auditLog.entityId, a.id)))
      .orderBy(desc(auditLog.id));
    expect(audit).toMatchObject({ action: 'create', actorId: advisor.userId, engagementId: midori });
  });

  it('keeps a visit material not marked shareable from the observer (absent from the list, 404), not from the municipality', async () => {
    const a = (await upload(advisor, visitUrl(), 'internal.pdf', PDF)).json() as Attachment;
    expect(await listed(observer)).not.toContain(a.id);
    expect((await observer.get(content(a))).statusCode).toBe(404);
    expect(await listed(member)).toContain(a.id);
    expect((await member.get(content(a))).statusCode).toBe(200);
  });

  it('lets the municipality post materials for the visit; observers may not (403), strangers find nothing (404)', async () => {
    const mine = await upload(member, visitUrl(), '資料.png', PNG);
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json()).toMatchObject({ mediaType: 'image/png' });
    expect((await upload(observer, visitUrl(), 'q.pdf', PDF)).statusCode).toBe(403);
    const kitano = await ctx.login(demo.kitano);
    expect((await upload(kitano, visitUrl(), 'q.pdf', PDF)).statusCode).toBe(404);
    // A visit of another engagement under みどり区's path: 404.
    const [other] = await ctx.database.db.select({ id: visits.id }).from(visits).where(eq(visits.engagementId, aoba));
    expect((await upload(advisor, visitUrl(other!.id), 'q.pdf', PDF)).statusCode).toBe(404);
  });
});

describe('files on findings and homework are read as their parent is', () => {
  it('keeps a file on a team-only finding from the municipal member and the observer (404), even marked shareable', async () => {
    const res = await upload(
      advisor,
      `/api/engagements/${midori}/findings/${teamFinding}`,
      'memo.txt',
      Buffer.from('非公開メモ'),
      '?shareable=true',
    );
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json() as Attachment;
    expect(a.mediaType).toBe('text/plain');
    for (const who of [member, observer]) {
      expect((await who.get(content(a))).statusCode).toBe(404);
      expect(await listed(who)).not.toContain(a.id);
    }
    expect((await office.get(content(a))).statusCode).toBe(200);
    // Nor may the municipal member write on it: the finding is not theirs to see.
    expect((await upload(member, `/api/engagements/${midori}/findings/${teamFinding}`, 'x.txt', Buffer.from('x'))).statusCode).toBe(404);
    expect(
      (await member.request({ method: 'DELETE', url: `/api/engagements/${midori}/attachments/${a.id}`, headers: { 'if-match': '"1"' } }))
        .statusCode,
    ).toBe(404);
  });

  it('lets the municipal member attach to a municipality finding, and the assignee the result of their homework', async () => {
    const f = await upload(
      member,
      `/api/engagements/${midori}/findings/${municipalityFinding}`,
      '集計.csv',
      Buffer.from('地区,人数\n北,12\n'),
    );
    expect(f.statusCode, f.body).toBe(201);
    expect(f.json()).toMatchObject({ mediaType: 'text/csv', name: '集計.csv' });
    // A municipality finding is not the observers' to read.
    expect((await observer.get(content(f.json()))).statusCode).toBe(404);

    const book = new ExcelJS.Workbook();
    book.addWorksheet('結果').addRow(['地区', '人数']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const h = await upload(member, `/api/engagements/${midori}/homework/${midoriHomework}`, '宿題の結果.xlsx', xlsx);
    expect(h.statusCode, h.body).toBe(201);
    expect(h.json()).toMatchObject({
      parentType: 'homework',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect((await observer.get(content(h.json()))).statusCode).toBe(404);
    expect((await advisor.get(content(h.json()))).statusCode).toBe(200);
  });
});

describe('what is accepted', () => {
  it('reads the type from the bytes: an executable named .pdf, a zip and a binary are 415, nothing is stored', async () => {
    const before = await stored();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const zip = Buffer.from('504b0304140000000000000000000000000000000000000000000100000061', 'hex');
    for (const [name, bytes] of [
      ['report.pdf', exe],
      ['archive.zip', zip],
      ['data.txt', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff])],
    ] as const) {
      const res = await upload(advisor, visitUrl(), name, bytes);
      expect(res.statusCode, name).toBe(415);
      expect(res.json()).toMatchObject({ code: 'file_type_not_allowed' });
    }
    expect(await stored()).toEqual(before);
  });

  it('answers 413 file_too_large beyond UPLOAD_MAX_BYTES, storing nothing', async () => {
    const before = await stored();
    const rows = await ctx.database.db.select({ id: attachments.id }).from(attachments);
    const res = await upload(advisor, visitUrl(), 'big.txt', Buffer.alloc(MAX + 1, 'a'));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'file_too_large' });
    expect(await stored()).toEqual(before);
    expect(await ctx.database.db.select({ id: attachments.id }).from(attachments)).toHaveLength(rows.length);
    expect((await upload(advisor, visitUrl(), 'fits.txt', Buffer.alloc(MAX, 'a'))).statusCode).toBe(201);
  });

  it('keeps a path-like name as a harmless display name; the bytes are stored under the id only', async () => {
    const res = await upload(advisor, visitUrl(), '../../etc/passwd', Buffer.from('root:x:0:0'));
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json() as Attachment;
    expect(a.name).toBe('passwd');
    expect(await stored()).toContain(a.id);
    expect((await stored()).every((f) => /^[0-9a-f-]{36}$/.test(f))).toBe(true);
    expect(String((await advisor.get(content(a))).headers['content-disposition'])).toContain('filename="passwd"');
  });

  it('asks for one file part (400) and refuses a request that is not multipart', async () => {
    const res = await advisor.post(`${visitUrl()}/attachments`, { file: 'x' });
    expect([400, 406, 415]).toContain(res.statusCode);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
  });

  it('answers a malformed multipart body or a foreign type with a 4xx problem, never 500, and stores nothing', async () => {
    const before = await stored();
    const url = `${visitUrl()}/attachments`;
    for (const [type, payload] of [
      ['multipart/form-data; boundary=x', '{}'],
      ['multipart/form-data', '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4'],
      ['text/plain', '{}'],
      ['application/x-www-form-urlencoded', 'file=x'],
    ]) {
      const res = await advisor.request({ method: 'POST', url, payload, headers: { 'content-type': type! } });
      expect(res.statusCode, `${type}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${type}: ${res.body}`).toBeLessThan(500);
      expect(String(res.headers['content-type'])).toContain('application/problem+json');
    }
    // Elsewhere a multipart body is not taken at all: a JSON write answers 415.
    const elsewhere = await advisor.request({
      method: 'POST',
      url: `/api/engagements/${midori}/findings`,
      ...multipart('x.pdf', PDF),
    });
    expect(elsewhere.statusCode).toBe(415);
    expect(await stored()).toEqual(before);
  });
});

describe('PATCH and DELETE /api/engagements/:id/attachments/:attachmentId', () => {
  it('marks a file shareable with If-Match (428 without, 412 stale), then the observer reads it; delete removes row and bytes', async () => {
    const a = (await upload(advisor, visitUrl(), 'later.pdf', PDF)).json() as Attachment;
    const url = `/api/engagements/${midori}/attachments/${a.id}`;
    expect((await advisor.patch(url, { shareable: true })).statusCode).toBe(428);
    expect((await advisor.patch(url, { shareable: true }, { 'if-match': '"9"' })).statusCode).toBe(412);
    // Observers change nothing: 403 by their role.
    expect((await observer.patch(url, { shareable: true }, { 'if-match': '"1"' })).statusCode).toBe(403);
    const ok = await advisor.patch(url, { shareable: true }, { 'if-match': '"1"' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ shareable: true, version: 2 });
    expect((await observer.get(content(a))).statusCode).toBe(200);

    expect((await advisor.delete(url)).statusCode).toBe(428);
    expect((await advisor.delete(url, { 'if-match': '"1"' })).statusCode).toBe(412);
    expect((await advisor.delete(url, { 'if-match': '"2"' })).statusCode).toBe(204);
    expect((await advisor.get(content(a))).statusCode).toBe(404);
    expect(await stored()).not.toContain(a.id);
  });
});

describe('reference materials (参考資料) of a program', () => {
  it('the program office posts; the jurisdiction reads; an advisor may not post; a municipality outside finds nothing', async () => {
    const url = `/api/programs/${programId}/reference-materials`;
    const res = await office.request({ method: 'POST', url, ...multipart('介護予防の手引き.pdf', PDF) });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json() as Attachment;
    expect(m).toMatchObject({ parentType: 'program', parentId: programId, engagementId: null, shareable: true });
    expect((await advisor.request({ method: 'POST', url, ...multipart('x.pdf', PDF) })).statusCode).toBe(403);

    expect(m.uploadedBy).toEqual({ id: office.userId, name: '佐伯 真理' });
    for (const who of [member, observer, advisor]) {
      const list = await who.get(url);
      expect(list.statusCode).toBe(200);
      const listed = (list.json() as { items: Attachment[] }).items.find((x) => x.id === m.id);
      // The office's staff are named to the advisors, not to a municipality's accounts.
      expect(listed?.uploadedBy, who === advisor ? 'advisor' : 'municipality').toEqual(who === advisor ? m.uploadedBy : null);
      const got = await who.get(`${url}/${m.id}/content`);
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(PDF)).toBe(true);
    }
    const db = ctx.database.db;
    const outsideEmail = `outside-${randomUUID().slice(0, 8)}@example.test`;
    await db.insert(users).values({
      email: outsideEmail,
      name: '外部 職員',
      municipalityId: await freshMunicipality(db, '管轄外町'),
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
    const outside = await ctx.login(outsideEmail);
    expect((await outside.get(url)).statusCode).toBe(404);
    expect((await outside.get(`${url}/${m.id}/content`)).statusCode).toBe(404);

    // The title the list shows: the office renames it (If-Match); an advisor may not.
    const rename = (who: typeof office, version: string, name: string) => who.patch(`${url}/${m.id}`, { name }, { 'if-match': version });
    expect((await rename(advisor, '"1"', '別名.pdf')).statusCode).toBe(403);
    expect((await rename(office, '"0"', '別名.pdf')).statusCode).toBe(412);
    const renamed = await rename(office, '"1"', '豊明市の取組 ../事例.pdf');
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ id: m.id, version: 2, name: expect.not.stringContaining('/') });
    expect((await member.get(url)).json()).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ version: 2 })]) });

    expect((await office.delete(`${url}/${m.id}`)).statusCode).toBe(428);
    expect((await office.delete(`${url}/${m.id}`, { 'if-match': '"2"' })).statusCode).toBe(204);
    expect((await member.get(`${url}/${m.id}/content`)).statusCode).toBe(404);
  });
});
