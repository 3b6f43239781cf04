/**
 * Notifications (issue 15 item 3), on both databases, with TWO app instances on one database (two
 * replicas: each runs the job queue and the mail dispatcher) and a real SMTP server in this process.
 * The clock's date is injected (the reminders read it); the grace delay is 1.5 s.
 *
 * - a homework reminder (due in 3 days, then overdue) is e-mailed exactly once, to the assignee, however
 *   often and on however many replicas the daily job runs;
 * - an assignment undone within the grace delay sends nothing, one that stays is notified and e-mailed;
 * - a mention puts an item in the mentioned user's inbox; read / read-all; nobody else reads it;
 * - preferences turn e-mail off (inbox only) or gather a kind into the daily digest.
 */
import { type Notification, notificationKinds, type NotificationPage, type NotificationPreferences } from '@banso/shared';
import { and, eq, isNull, like, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { actions, mailMessages, milestones, notifications, treeNodes, visits } from '../../src/db/schema/index.js';
import type { Clock } from '../../src/lib/clock.js';
import { NOTIFY_DAILY_JOB } from '../../src/modules/notifications/notifications.service.js';
import { queryRows } from '../quality/support/digest.js';
import { multipart } from '../support/multipart.js';
import { startSmtp, type TestSmtp, waitFor } from '../support/smtp.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

const GRACE_MS = 1_500;
let today = '2025-12-01';
/** Real time (sessions stay valid), an injected date (what the reminders go by). */
const clock: Clock = { now: () => new Date(), today: () => today };

let smtp: TestSmtp;
let ctx: TestContext;
let second: FastifyInstance;
let engagementId: string;
let nodeId: string;
let advisor: Session;
let member: Session;

beforeAll(async () => {
  smtp = await startSmtp();
  const env = {
    SMTP_URL: smtp.url,
    MAIL_POLL_MS: '200',
    NOTIFY_GRACE_MS: String(GRACE_MS),
    JOBS_POLL_MS: '500',
    PUBLIC_URL: 'https://banso.example.jp',
  };
  ctx = await createTestContext({ clock, env });
  second = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env }),
    database: ctx.database,
    clock,
    logger: false,
  });
  await second.ready();
  engagementId = await engagementIdOf(ctx, 'みどり区');
  const [root] = await ctx.database.db
    .select({ id: treeNodes.id })
    .from(treeNodes)
    .where(and(eq(treeNodes.engagementId, engagementId), isNull(treeNodes.parentId)));
  nodeId = root!.id;
  advisor = await ctx.login(demo.morikawa);
  member = await ctx.login(demo.midori);
}, 120_000);

afterAll(async () => {
  await second?.close();
  await ctx?.close();
  await smtp?.close();
});

const mailsTo = (email: string, subjectPart: string) =>
  smtp.received.filter((m) => m.envelopeTo.includes(email) && (m.mail.subject ?? '').includes(subjectPart));

const inbox = async (who: Session, query = '') => {
  const res = await who.get(`/api/me/notifications${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as NotificationPage;
};

const assign = async (text: string, due?: string) => {
  const res = await advisor.post(`/api/engagements/${engagementId}/homework`, {
    text,
    assigneeUserId: member.userId,
    ...(due ? { due } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
};

const rowsFor = (subjectId: string) => ctx.database.db.select().from(notifications).where(eq(notifications.subjectId, subjectId));

/** The daily job on both replicas at once, and once more on each: what two replicas and a re-run would do. */
async function runDailyEverywhere() {
  await Promise.all([ctx.app.jobs.runNow(NOTIFY_DAILY_JOB, {}), second.jobs.runNow(NOTIFY_DAILY_JOB, {})]);
  await ctx.app.jobs.runNow(NOTIFY_DAILY_JOB, {});
  await second.jobs.runNow(NOTIFY_DAILY_JOB, {});
}

describe('homework reminders', () => {
  it('e-mails "due in 3 days" and then "overdue" exactly once each, to the assignee, over SMTP, with two replicas', async () => {
    const text = 'リマインダー確認用: 地域ケア会議の議事録を共有する';
    const hw = await assign(text, '2025-12-04');
    today = '2025-12-01';
    await runDailyEverywhere();
    const dueSoon = await waitFor('the due-soon e-mail', () =>
      mailsTo(demo.midori, '期限が近づいています').find((m) => m.mail.text?.includes('地域ケア会議')),
    );
    expect(dueSoon.envelopeTo).toEqual([demo.midori]);
    expect(dueSoon.mail.subject).toBe(
      '【伴走型支援】宿題の期限が近づいています(2025-12-04):「リマインダー確認用: 地域ケア会議の議事録を共有する」',
    );
    expect(dueSoon.mail.text).toContain('中村 陽子 様');
    expect(dueSoon.mail.text).toContain(`https://banso.example.jp/engagements/${engagementId}/hearing`);
    expect(dueSoon.mail.text).toContain('Homework due soon (2025-12-04)');

    // The next day: the same reminder is not sent again.
    today = '2025-12-02';
    await runDailyEverywhere();
    // After the due date: overdue, once.
    today = '2025-12-05';
    await runDailyEverywhere();
    today = '2025-12-06';
    await runDailyEverywhere();
    await waitFor('the overdue e-mail', () =>
      mailsTo(demo.midori, '期限が過ぎています').find((m) => m.mail.text?.includes('地域ケア会議')),
    );
    // Both replicas deliver the outbox; give a second delivery every chance to happen.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(mailsTo(demo.midori, '期限が近づいています').filter((m) => m.mail.text?.includes('地域ケア会議'))).toHaveLength(1);
    expect(mailsTo(demo.midori, '期限が過ぎています').filter((m) => m.mail.text?.includes('地域ケア会議'))).toHaveLength(1);
    expect(smtp.received.filter((m) => m.mail.text?.includes('地域ケア会議') && !m.envelopeTo.includes(demo.midori))).toEqual([]);
    const rows = await rowsFor(hw.id);
    expect(rows.filter((r) => r.kind === 'homework_due_soon')).toHaveLength(1);
    expect(rows.filter((r) => r.kind === 'homework_overdue')).toHaveLength(1);
    expect(rows.every((r) => r.userId === member.userId && r.emailedAt !== null)).toBe(true);

    // Done homework is not reminded of.
    const done = await assign('完了済みの宿題はリマインドしない', '2025-12-08');
    const patched = await advisor.patch(
      `/api/engagements/${engagementId}/homework/${done.id}`,
      { done: true },
      { 'if-match': `"${done.version}"` },
    );
    expect(patched.statusCode, patched.body).toBe(200);
    await runDailyEverywhere();
    expect((await rowsFor(done.id)).filter((r) => r.kind !== 'homework_assigned')).toEqual([]);
    today = '2025-12-01';
  });
});

describe('delayed milestones', () => {
  it('tell the engagement’s advisors once per milestone and due date, past due or marked delayed early', async () => {
    const [m] = await ctx.database.db
      .select({ id: milestones.id })
      .from(milestones)
      .innerJoin(actions, eq(actions.id, milestones.actionId))
      .where(and(eq(actions.engagementId, engagementId), eq(milestones.status, 'planned')))
      .limit(1);
    await ctx.database.db.update(milestones).set({ status: 'delayed', due: '2026-03-31' }).where(eq(milestones.id, m!.id));
    await runDailyEverywhere();
    await runDailyEverywhere();
    const rows = (await rowsFor(m!.id)).filter((r) => r.kind === 'milestone_delayed');
    expect(rows.map((r) => r.userId)).toContain(advisor.userId);
    expect(rows.map((r) => r.userId)).not.toContain(member.userId);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(rows.length);
    const item = (await inbox(advisor)).items.find((n) => n.subjectId === m!.id)!;
    expect(item.link).toBe(`/engagements/${engagementId}/roadmap`);
    expect(item.title.ja).toContain('マイルストーンが遅れています');
  });
});

describe('the grace delay', () => {
  it('sends nothing for an assignment undone within it, and notifies and e-mails one that stays', async () => {
    const undone = await assign('取り消される割り当て: 住民アンケートの配布');
    const res = await advisor.patch(
      `/api/engagements/${engagementId}/homework/${undone.id}`,
      { assigneeUserId: null, assigneeName: '未定' },
      { 'if-match': `"${undone.version}"` },
    );
    expect(res.statusCode, res.body).toBe(200);
    const kept = await assign('残る割り当て: 介護予防教室の参加者名簿を整える');
    // Not before the grace delay has passed.
    await new Promise((r) => setTimeout(r, GRACE_MS / 2));
    expect(await rowsFor(kept.id)).toEqual([]);
    const [row] = await waitFor('the kept assignment notified', async () => {
      const rows = await rowsFor(kept.id);
      return rows.length ? rows : undefined;
    });
    expect(row).toMatchObject({ userId: member.userId, kind: 'homework_assigned', subjectType: 'homework' });
    await waitFor('its e-mail', () =>
      mailsTo(demo.midori, '宿題が割り当てられました').find((m) => m.mail.subject?.includes('介護予防教室')),
    );
    // The undone one's job ran too (before or beside the kept one's) and found nothing to send.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await rowsFor(undone.id)).toEqual([]);
    expect(smtp.received.filter((m) => m.mail.subject?.includes('住民アンケート'))).toEqual([]);
    const item = (await inbox(member)).items.find((n) => n.subjectId === kept.id)!;
    expect(item.title.ja).toBe('宿題が割り当てられました:「残る割り当て: 介護予防教室の参加者名簿を整える」(みどり区)');
    expect(item.link).toBe(`/engagements/${engagementId}/hearing`);
  });
});

describe('mentions and the inbox', () => {
  let mentioned: Notification;

  it('puts a mention in the mentioned member’s inbox (and e-mails it), not in anyone else’s', async () => {
    const res = await advisor.post(`/api/engagements/${engagementId}/comments`, {
      subjectType: 'node',
      subjectId: nodeId,
      body: '@中村 陽子 さん、この指標の出典を確認できますか',
      visibility: 'municipality',
      mentions: [member.userId],
    });
    expect(res.statusCode, res.body).toBe(201);
    const commentId = (res.json() as { id: string }).id;
    mentioned = await waitFor('the mention in the inbox', async () => (await inbox(member)).items.find((n) => n.subjectId === commentId));
    expect(mentioned).toMatchObject({
      kind: 'mention',
      engagementId,
      subjectType: 'comment',
      readAt: null,
      link: `/engagements/${engagementId}/tree`,
    });
    expect(mentioned.title.ja).toBe('森川 恵子さんがコメントであなたに言及しました(みどり区)');
    expect(mentioned.title.en).toBe('森川 恵子 mentioned you in a comment (みどり区)');
    expect((await inbox(member)).unreadCount).toBeGreaterThan(0);
    expect((await inbox(advisor)).items.some((n) => n.subjectId === commentId)).toBe(false);
    await waitFor('the mention e-mail', () => mailsTo(demo.midori, '言及しました')[0]);
  });

  it('marks one read, then all; another user cannot read or mark it (404)', async () => {
    expect((await advisor.post(`/api/me/notifications/${mentioned.id}/read`)).statusCode).toBe(404);
    const read = await member.post(`/api/me/notifications/${mentioned.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect((read.json() as Notification).readAt).not.toBeNull();
    expect((await inbox(member, '?unread=true')).items.some((n) => n.id === mentioned.id)).toBe(false);
    const all = await member.post('/api/me/notifications/read-all');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ unreadCount: 0 });
    expect((await inbox(member)).unreadCount).toBe(0);
  });

  it('tells the observer who asked a question that the team answered it (and not for the observer’s own follow-up)', async () => {
    const observer = await ctx.login(demo.sakura);
    const asked = await observer.post(`/api/engagements/${engagementId}/comments`, {
      subjectType: 'node',
      subjectId: nodeId,
      kind: 'question',
      body: 'この指標は毎年度測定するのですか',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const question = asked.json() as { id: string };
    const followUp = await observer.post(`/api/engagements/${engagementId}/comments`, {
      subjectType: 'node',
      subjectId: nodeId,
      parentId: question.id,
      body: '補足: 比較は前年度とです',
    });
    expect(followUp.statusCode, followUp.body).toBe(201);
    const answer = await advisor.post(`/api/engagements/${engagementId}/comments`, {
      subjectType: 'node',
      subjectId: nodeId,
      parentId: question.id,
      body: 'はい、毎年度6月に測定します',
    });
    expect(answer.statusCode, answer.body).toBe(201);
    const answerId = (answer.json() as { id: string }).id;
    const item = await waitFor('the answer in the observer’s inbox', async () =>
      (await inbox(observer)).items.find((n) => n.subjectId === answerId),
    );
    expect(item).toMatchObject({ kind: 'question_answered', link: `/engagements/${engagementId}/tree` });
    expect(item.title.ja).toBe('質問に回答がありました(みどり区)');
    expect(await rowsFor((followUp.json() as { id: string }).id)).toEqual([]);
  });

  it('pages with a cursor, newest first', async () => {
    const first = await inbox(member, '?limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const next = await inbox(member, `?limit=1&cursor=${first.nextCursor}`);
    expect(next.items[0]!.createdAt <= first.items[0]!.createdAt).toBe(true);
    expect(next.items[0]!.id).not.toBe(first.items[0]!.id);
    expect((await member.get('/api/me/notifications?cursor=nonsense')).statusCode).toBe(400);
  });
});

describe('visit materials', () => {
  it('tells the team and the municipality when materials are posted for a planned visit, observers only of a shareable file, never the uploader', async () => {
    const [visit] = await ctx.database.db
      .select({ id: visits.id, seq: visits.seq })
      .from(visits)
      .where(and(eq(visits.engagementId, engagementId), eq(visits.status, 'planned')))
      .limit(1);
    const observer = await ctx.login(demo.sakura);
    const post = async (name: string, shareable: boolean) => {
      const res = await advisor.request({
        method: 'POST',
        url: `/api/engagements/${engagementId}/visits/${visit!.id}/attachments${shareable ? '?shareable=true' : ''}`,
        ...multipart(name, Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')),
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    const materialsFor = async (who: Session) =>
      (await inbox(who)).items.filter((n) => n.kind === 'visit_materials_posted' && n.subjectId === visit!.id);

    await post('内部資料.pdf', false);
    const [forMember] = await waitFor('the member told of the materials', async () => {
      const found = await materialsFor(member);
      return found.length ? found : undefined;
    });
    expect(forMember).toMatchObject({ engagementId, subjectType: 'visit' });
    expect(forMember!.title.ja).toBe(`第${visit!.seq}回の支援の資料が掲載されました(みどり区)`);
    await waitFor('the member’s e-mail', () => mailsTo(demo.midori, '資料が掲載されました')[0]);
    expect(await materialsFor(observer)).toEqual([]);
    expect(await materialsFor(advisor)).toEqual([]);

    await post('事前資料.pdf', true);
    await waitFor('the observer told of the shareable file', async () => (await materialsFor(observer))[0]);
    // One item a day per visit and reader, however many files are posted.
    expect(await materialsFor(member)).toHaveLength(1);
    expect(await materialsFor(advisor)).toEqual([]);
  });
});

describe('preferences', () => {
  it('lists every kind with its default, and turning e-mail off keeps a mention in the inbox only', async () => {
    const before = (await member.get('/api/me/notification-preferences')).json() as NotificationPreferences;
    expect(before.items).toHaveLength(notificationKinds.length);
    expect(before.items.find((p) => p.kind === 'mention')).toEqual({ kind: 'mention', inApp: true, email: true, digest: false });
    const put = await member.put('/api/me/notification-preferences', {
      items: [{ kind: 'mention', inApp: true, email: false, digest: false }],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((put.json() as NotificationPreferences).items.find((p) => p.kind === 'mention')).toMatchObject({ email: false });
    const mailsBefore = await ctx.database.db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.to, demo.midori), like(mailMessages.subject, '%言及%')));

    const res = await advisor.post(`/api/engagements/${engagementId}/comments`, {
      subjectType: 'node',
      subjectId: nodeId,
      body: '@中村 陽子 さん、もう一点お願いします',
      visibility: 'municipality',
      mentions: [member.userId],
    });
    const commentId = (res.json() as { id: string }).id;
    await waitFor('the second mention in the inbox', async () => (await inbox(member)).items.find((n) => n.subjectId === commentId));
    // The e-mail would have been queued in the transaction that wrote the inbox row: none was.
    const mailsAfter = await ctx.database.db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.to, demo.midori), like(mailMessages.subject, '%言及%')));
    expect(mailsAfter).toHaveLength(mailsBefore.length);
    const [row] = await rowsFor(commentId);
    expect(row!.emailedAt).toBeNull();
  });

  it('gathers a digest kind into one daily e-mail instead of one per event', async () => {
    const put = await member.put('/api/me/notification-preferences', {
      items: [{ kind: 'homework_assigned', inApp: true, email: true, digest: true }],
    });
    expect(put.statusCode, put.body).toBe(200);
    const a = await assign('まとめ送信: 認知症カフェの案内を作る');
    const b = await assign('まとめ送信: 通いの場の一覧を更新する');
    await waitFor('both in the inbox', async () => ((await rowsFor(a.id)).length && (await rowsFor(b.id)).length ? true : undefined));
    expect(mailsTo(demo.midori, 'まとめ送信')).toEqual([]);
    await runDailyEverywhere();
    const digest = await waitFor('the digest', () =>
      mailsTo(demo.midori, 'お知らせのまとめ').find((m) => m.mail.text?.includes('認知症カフェ')),
    );
    expect(digest.mail.text).toContain('通いの場の一覧');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(mailsTo(demo.midori, 'お知らせのまとめ').filter((m) => m.mail.text?.includes('認知症カフェ'))).toHaveLength(1);
    const [row] = await rowsFor(a.id);
    expect(row).toMatchObject({ digestPending: false });
    expect(row!.emailedAt).not.toBeNull();
    expect(mailsTo(demo.midori, 'まとめ送信')).toEqual([]);
  });

  it('refuses an unknown kind or a kind named twice (400 naming body)', async () => {
    const unknown = await member.put('/api/me/notification-preferences', {
      items: [{ kind: 'nope', inApp: true, email: true, digest: false }],
    });
    expect(unknown.statusCode).toBe(400);
    const twice = await member.put('/api/me/notification-preferences', {
      items: [
        { kind: 'mention', inApp: true, email: true, digest: false },
        { kind: 'mention', inApp: false, email: true, digest: false },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(JSON.stringify(twice.json().errors)).toContain('body');
  });
});

describe('a rolled-back write', () => {
  it('sends no job: a job sent in a transaction that is undone does not exist', async () => {
    const marker = '00000000-0000-4000-8000-00000000beef';
    await expect(
      ctx.database.db.transaction(async (tx) => {
        await ctx.app.jobs.send(
          'notifications.event',
          { kind: 'homework_assigned', homeworkId: marker, userId: member.userId },
          { db: tx },
        );
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    await ctx.app.jobs.send(
      'notifications.event',
      { kind: 'homework_assigned', homeworkId: marker, userId: advisor.userId },
      { db: ctx.database.db },
    );
    const jobs = await queryRows(
      ctx.database.db,
      sql`select data->>'userId' as user_id from pgboss.job where data->>'homeworkId' = ${marker}`,
    );
    expect(jobs.map((r) => r.user_id)).toEqual([advisor.userId]);
  });
});
