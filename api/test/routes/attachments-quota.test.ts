/**
 * Attachment storage is bounded (issue 11, finding 10): an engagement's files together, and a
 * program's reference materials together, hold at most ATTACHMENT_QUOTA_BYTES. An upload past it
 * answers 413 `attachment_quota_exceeded` and stores nothing; deleting a file frees its bytes;
 * simultaneous uploads never overshoot the quota.
 */
import { readdir } from 'node:fs/promises';
import type { Attachment } from '@banso/shared';
import { and, eq, sum } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, visits } from '../../src/db/schema/index.js';
import { multipart } from '../support/multipart.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

const KIB = 1024;
const QUOTA = 100 * KIB;
let ctx: TestContext;
let midori: string;
let visitUrl: string;
let programId: string;
let advisor: Session;
let office: Session;

beforeAll(async () => {
  ctx = await createTestContext({
    today: '2025-12-15',
    env: { UPLOAD_MAX_BYTES: String(64 * KIB), ATTACHMENT_QUOTA_BYTES: String(QUOTA) },
  });
  midori = await engagementIdOf(ctx, 'みどり区');
  const [visit] = await ctx.database.db.select({ id: visits.id }).from(visits).where(eq(visits.engagementId, midori)).limit(1);
  visitUrl = `/api/engagements/${midori}/visits/${visit!.id}/attachments`;
  advisor = await ctx.login(demo.morikawa);
  office = await ctx.login(demo.office);
  programId = ((await office.get(`/api/engagements/${midori}`)).json() as { programId: string }).programId;
});
afterAll(() => ctx.close());

const text = (bytes: number) => Buffer.alloc(bytes, 'a');
const upload = (who: Session, url: string, bytes: number, name = 'notes.txt') =>
  who.request({ method: 'POST', url, ...multipart(name, text(bytes)) });
const stored = async () => (await readdir(String(ctx.app.config.FILES_DIR))).sort();
const engagementBytes = async () =>
  Number(
    (
      await ctx.database.db
        .select({ total: sum(attachments.size) })
        .from(attachments)
        .where(eq(attachments.engagementId, midori))
    )[0]?.total ?? 0,
  );

describe('attachment quota', () => {
  it('refuses the upload that would pass the engagement’s quota (413 naming the limit), storing nothing; a delete frees the space', async () => {
    const first = await upload(advisor, visitUrl, 60 * KIB);
    expect(first.statusCode, first.body).toBe(201);
    const before = await stored();
    const refused = await upload(advisor, visitUrl, 60 * KIB);
    expect(refused.statusCode, refused.body).toBe(413);
    expect(refused.json()).toMatchObject({ code: 'attachment_quota_exceeded', quotaBytes: QUOTA });
    expect(await stored()).toEqual(before);
    expect(await engagementBytes()).toBe(60 * KIB);

    const a = first.json() as Attachment;
    const del = await advisor.request({
      method: 'DELETE',
      url: `/api/engagements/${midori}/attachments/${a.id}`,
      headers: { 'if-match': `"${a.version}"` },
    });
    expect(del.statusCode, del.body).toBe(204);
    expect((await upload(advisor, visitUrl, 60 * KIB)).statusCode).toBe(201);
  });

  it('never overshoots under simultaneous uploads: of five 30 KiB files into 40 KiB of room, one fits', async () => {
    // 60 KiB are stored from the test before; 40 KiB remain.
    const results = await Promise.all(Array.from({ length: 5 }, () => upload(advisor, visitUrl, 30 * KIB)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 413, 413, 413, 413]);
    expect(await engagementBytes()).toBe(90 * KIB);
  });

  it('bounds a program’s reference materials the same way', async () => {
    const url = `/api/programs/${programId}/reference-materials`;
    expect((await upload(office, url, 64 * KIB, 'guide.txt')).statusCode).toBe(201);
    const refused = await upload(office, url, 64 * KIB, 'guide2.txt');
    expect(refused.statusCode, refused.body).toBe(413);
    expect(refused.json()).toMatchObject({ code: 'attachment_quota_exceeded' });
    const rows = await ctx.database.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.programId, programId)));
    expect(rows.reduce((n, r) => n + r.size, 0)).toBeLessThanOrEqual(QUOTA);
  });
});
