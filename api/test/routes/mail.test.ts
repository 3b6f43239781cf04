/**
 * Mail: a real SMTP server started in this process (smtp-server) receives what the app sends, parsed
 * with mailparser; without SMTP the message stays in the outbox the program office reads; a server
 * that hangs up leaves the message failed, with its error and attempts counted.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailMessages } from '../../src/db/schema/index.js';
import { sendMail, startMailDispatcher } from '../../src/modules/mail/mail.service.js';
import { startSmtp, waitFor } from '../support/smtp.js';
import { createTestContext, demo, type TestContext } from '../support/test-app.js';

const japanese = {
  to: 'yamada.hanako@example.jp',
  subject: '【伴走型支援】アカウントのご案内（みどり区）',
  text: '山田 花子 様\n\n令和7年度 保険者機能強化 伴走型支援へようこそ。\n下記のリンクからパスワードを設定してください。\n— 都 福祉局 保険者支援担当',
  html: '<p>山田 花子 様</p><p>令和7年度 伴走型支援へようこそ。</p>',
};

describe('with SMTP configured', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let ctx: TestContext;
  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createTestContext({
      env: { SMTP_URL: smtp.url, MAIL_FROM: '伴走支援 事務局 <office@banso.example>', MAIL_POLL_MS: '200' },
    });
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  it('delivers a queued message over SMTP with subject, recipient and Japanese body intact (UTF-8), and marks it sent', async () => {
    const queued = await sendMail(ctx.database.db, japanese);
    expect(queued.status).toBe('outbox');
    const got = await waitFor('the message at the SMTP server', () => smtp.received[0]);
    expect(got.envelopeTo).toEqual([japanese.to]);
    expect(got.mail.subject).toBe(japanese.subject);
    expect(got.mail.text?.trim()).toBe(japanese.text);
    expect(got.mail.html).toContain('山田 花子 様');
    expect(got.mail.from?.value[0]).toMatchObject({ address: 'office@banso.example', name: '伴走支援 事務局' });
    const row = await waitFor('the row marked sent', async () => {
      const [r] = await ctx.database.db.select().from(mailMessages).where(eq(mailMessages.id, queued.id));
      return r?.status === 'sent' ? r : undefined;
    });
    expect(row).toMatchObject({ attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(smtp.received).toHaveLength(1);
  });

  it('sends nothing for a message written in a transaction that rolls back', async () => {
    const before = smtp.received.length;
    await expect(
      ctx.database.db.transaction(async (tx) => {
        await sendMail(tx, { ...japanese, subject: '取り消された招待' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await sendMail({ db: ctx.database.db }, { ...japanese, subject: '次の招待' });
    await waitFor('the next message', () => (smtp.received.length > before ? true : undefined));
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.slice(before).map((m) => m.mail.subject)).toEqual(['次の招待']);
  });
});

describe('without SMTP (embedded start, offline)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('keeps the message in the outbox, which the program office reads newest first', async () => {
    const queued = await sendMail(ctx.database.db, japanese);
    const office = await ctx.login(demo.office);
    const res = await office.get('/api/mail/outbox');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.items[0]).toMatchObject({
      id: queued.id,
      to: japanese.to,
      subject: japanese.subject,
      text: japanese.text,
      status: 'outbox',
      attempts: 0,
      sentAt: null,
    });
  });

  it('pages with ?cursor=&limit= without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) {
      await sendMail(ctx.database.db, { to: `p${i}@example.jp`, subject: `ページ ${i}`, text: '本文' });
      // Distinct milliseconds, so "newest first" has one answer (ties are ordered by id).
      await new Promise((r) => setTimeout(r, 3));
    }
    const office = await ctx.login(demo.office);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await office.get(`/api/mail/outbox?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page: { items: { subject: string; createdAt: string }[]; nextCursor: string | null } = res.json();
      seen.push(...page.items.map((m) => m.subject));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    // 8 messages in all (one from the test above): 3 + 3 + 2.
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(8);
    expect(seen.slice(0, 7)).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `ページ ${i}`));
    expect(seen[7]).toBe(japanese.subject);
  });

  it('refuses a cursor it did not hand out (400 naming it), and everyone but the program office (403, 401)', async () => {
    const office = await ctx.login(demo.office);
    const bad = await office.get('/api/mail/outbox?cursor=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('querystring.cursor');
    for (const who of [demo.morikawa, demo.midori, demo.sakura])
      expect((await (await ctx.login(who)).get('/api/mail/outbox')).statusCode).toBe(403);
    expect((await ctx.anonymous.get('/api/mail/outbox')).statusCode).toBe(401);
  });
});

describe('an SMTP server that hangs up', () => {
  let ctx: TestContext;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await ctx.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('leaves the message failed with the error, counts every attempt and stops at the limit', async () => {
    const queued = await sendMail(ctx.database.db, japanese);
    const dispatcher = startMailDispatcher({
      db: ctx.database.db,
      smtpUrl: url,
      from: 'office@banso.example',
      pollMs: 60_000,
      maxAttempts: 3,
      retryAfterSeconds: 0,
    });
    try {
      const row = async () => (await ctx.database.db.select().from(mailMessages).where(eq(mailMessages.id, queued.id)))[0]!;
      await waitFor('the first failed attempt', async () => ((await row()).attempts >= 1 ? true : undefined));
      const first = await row();
      expect(first.status).toBe('failed');
      expect(first.lastError).toMatch(/close|ECONNRESET|Greeting|connection/i);
      expect(first.sentAt).toBeNull();
      await dispatcher.deliverDue();
      await dispatcher.deliverDue();
      await dispatcher.deliverDue();
      expect(await row()).toMatchObject({ status: 'failed', attempts: 3 });
      const office = await ctx.login(demo.office);
      const listed = (await office.get('/api/mail/outbox?status=failed')).json().items;
      expect(listed.map((m: { id: string }) => m.id)).toEqual([queued.id]);
      expect(listed[0].lastError).toBe(first.lastError);
    } finally {
      await dispatcher.stop();
    }
  });
});
