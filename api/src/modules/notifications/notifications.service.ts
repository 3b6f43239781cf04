/**
 * Notifications (issue 15 item 3). A write that others should hear of calls `enqueueNotification`
 * inside its transaction: a job waits the grace delay (NOTIFY_GRACE_MS), then checks that the fact
 * still holds (the homework is still assigned to that user and open, the comment still exists and
 * still mentions them) and delivers to each recipient: a row in their inbox, and an e-mail through the
 * mail outbox at once or in the next daily digest, per their preferences. The daily job (08:00 JST)
 * sends the homework reminders, the delayed-milestone notices and the digests.
 *
 * Exactly once: every notification has a dedupe key (for a reminder: homework + kind + due date +
 * user), unique in the table; the e-mail is queued in the transaction that inserted the row, so a
 * second replica, a re-run of the daily job or a retried job finds the row there and sends nothing.
 */
import {
  defaultNotificationPreference,
  type Notification,
  type NotificationKind,
  notificationKinds,
  notificationLink,
  type NotificationPage,
  type NotificationParams,
  type NotificationPreferences,
  type NotificationReadAll,
  type NotificationsQuery,
  type NotificationSubjectType,
  notificationTitle,
  type UpdateNotificationPreferencesBody,
} from '@banso/shared';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { ServiceContext } from '../../lib/context.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../lib/cursor.js';
import { NotFound } from '../../lib/errors.js';
import type { Jobs } from '../../lib/jobs.js';
import { sendMail } from '../mail/mail.service.js';
import * as repo from './notifications.repository.js';

export const NOTIFY_EVENT_JOB = 'notifications.event';
export const NOTIFY_DAILY_JOB = 'notifications.daily';

/** What happened; the job resolves it into recipients when it runs (after the grace delay). */
export type NotifyEvent =
  | { kind: 'homework_assigned'; homeworkId: string; userId: string }
  | { kind: 'mention'; commentId: string; userId: string }
  | { kind: 'question_answered'; commentId: string }
  | { kind: 'roadmap_agreement_requested'; engagementId: string; proposedAt: string }
  | { kind: 'report_published'; reportId: string }
  /** `attachmentId` and `by` (the uploader, not told of their own post) came with the attachments; older jobs lack them. */
  | { kind: 'visit_materials_posted'; visitId: string; attachmentId?: string; by?: string }
  /** 傍聴申請 decided: the requester hears of it (an approval opens the engagement to their municipality, read-only). */
  | { kind: 'observation_decided'; requestId: string };

/**
 * Queues the event's notification job in the write's transaction `tx` (rolled back: nothing is sent).
 * Without a queue (a seed, a script) it does nothing.
 */
export async function enqueueNotification(ctx: { jobs?: Jobs | undefined }, tx: Db, event: NotifyEvent): Promise<void> {
  if (!ctx.jobs) return;
  await ctx.jobs.send(NOTIFY_EVENT_JOB, event, { db: tx });
}

/** One notification for one user, ready to deliver. */
export interface Delivery {
  userId: string;
  kind: NotificationKind;
  engagementId: string | null;
  subjectType: NotificationSubjectType;
  subjectId: string;
  params: NotificationParams;
  dedupeKey: string;
}

export interface NotifierOptions {
  /** The address links in e-mails start with (PUBLIC_URL, else the local server). */
  origin: string;
  clock: Clock;
}

const short = (text: string, max = 60) => {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
};

/** Japanese first, English after (the account has no locale of its own). */
function mailOf(d: Delivery, name: string, origin: string) {
  const ja = notificationTitle(d.kind, d.params, 'ja');
  const en = notificationTitle(d.kind, d.params, 'en');
  const url = `${origin}${notificationLink(d)}`;
  return {
    subject: `【伴走型支援】${ja}`,
    text: `${name} 様\n\n${ja}\n\n${url}\n\n通知の設定: ${origin}/notifications\n\n---\n${en}\n\n${url}\n\nNotification settings: ${origin}/notifications\n`,
  };
}

/**
 * Delivers one notification in one transaction: the inbox row (skipped when its dedupe key exists),
 * and, if the row is new, the e-mail at once or the digest mark. Returns whether it was new.
 */
export async function deliver(db: Db, d: Delivery, opts: NotifierOptions): Promise<boolean> {
  return db.transaction(async (tx) => {
    const user = await repo.recipient(tx, d.userId);
    if (!user?.active) return false;
    const pref = (await repo.findPreference(tx, d.userId, d.kind)) ?? defaultNotificationPreference(d.kind);
    if (!pref.inApp && !pref.email && !pref.digest) return false;
    const row = await repo.insertNotification(tx, {
      userId: d.userId,
      kind: d.kind,
      engagementId: d.engagementId,
      subjectType: d.subjectType,
      subjectId: d.subjectId,
      params: d.params,
      dedupeKey: d.dedupeKey,
      inApp: pref.inApp,
      digestPending: pref.digest,
    });
    if (!row) return false;
    if (pref.email && !pref.digest) {
      const info = d.engagementId ? await repo.engagementInfo(tx, d.engagementId) : undefined;
      await sendMail(tx, { to: user.email, ...mailOf(d, user.name, opts.origin), programId: info?.programId ?? null });
      await repo.markEmailed(tx, row.id, opts.clock.now());
    }
    return true;
  });
}

/** The recipients of an event if it still holds; none if it no longer does. */
export async function resolveEvent(db: Db, event: NotifyEvent, today: string): Promise<Delivery[]> {
  switch (event.kind) {
    case 'homework_assigned': {
      const hw = await repo.findHomework(db, event.homeworkId);
      if (!hw || hw.done || hw.assigneeUserId !== event.userId) return [];
      const info = await repo.engagementInfo(db, hw.engagementId);
      return [
        {
          userId: event.userId,
          kind: 'homework_assigned',
          engagementId: hw.engagementId,
          subjectType: 'homework',
          subjectId: hw.id,
          params: { text: short(hw.text), municipality: info?.municipality ?? '', due: hw.due ?? '' },
          dedupeKey: `homework_assigned:${hw.id}:${event.userId}:${today}`,
        },
      ];
    }
    case 'mention': {
      const c = await repo.findComment(db, event.commentId);
      if (!c || c.deletedAt || c.authorId === event.userId || !(await repo.isMentioned(db, c.id, event.userId))) return [];
      const info = await repo.engagementInfo(db, c.engagementId);
      return [
        {
          userId: event.userId,
          kind: 'mention',
          engagementId: c.engagementId,
          subjectType: 'comment',
          subjectId: c.id,
          params: { author: c.authorName ?? '', municipality: info?.municipality ?? '', on: c.subjectType },
          dedupeKey: `mention:${c.id}:${event.userId}`,
        },
      ];
    }
    case 'question_answered': {
      const reply = await repo.findComment(db, event.commentId);
      if (!reply || reply.deletedAt || !reply.parentId || reply.authorRole === 'observer') return [];
      const question = await repo.findComment(db, reply.parentId);
      if (!question || question.kind !== 'question' || !question.authorId || question.authorId === reply.authorId) return [];
      const info = await repo.engagementInfo(db, reply.engagementId);
      return [
        {
          userId: question.authorId,
          kind: 'question_answered',
          engagementId: reply.engagementId,
          subjectType: 'comment',
          subjectId: reply.id,
          params: { municipality: info?.municipality ?? '', on: reply.subjectType },
          dedupeKey: `question_answered:${reply.id}`,
        },
      ];
    }
    case 'roadmap_agreement_requested': {
      const p = await repo.roadmapProposal(db, event.engagementId);
      if (!p?.proposedAt || p.agreedAt || p.proposedAt.toISOString() !== event.proposedAt) return [];
      const info = await repo.engagementInfo(db, event.engagementId);
      return (await repo.membersOf(db, event.engagementId, 'municipal_member')).map((userId) => ({
        userId,
        kind: 'roadmap_agreement_requested' as const,
        engagementId: event.engagementId,
        subjectType: 'engagement' as const,
        subjectId: event.engagementId,
        params: { municipality: info?.municipality ?? '' },
        dedupeKey: `roadmap_agreement_requested:${event.engagementId}:${event.proposedAt}:${userId}`,
      }));
    }
    case 'report_published': {
      const r = await repo.findReport(db, event.reportId);
      if (!r || r.status !== 'published') return [];
      const info = await repo.engagementInfo(db, r.engagementId);
      const team = [
        ...(await repo.membersOf(db, r.engagementId, 'advisor')),
        ...(await repo.membersOf(db, r.engagementId, 'municipal_member')),
      ];
      return [...new Set(team)].map((userId) => ({
        userId,
        kind: 'report_published' as const,
        engagementId: r.engagementId,
        subjectType: 'report' as const,
        subjectId: r.id,
        params: { municipality: info?.municipality ?? '', version: r.versionNumber },
        dedupeKey: `report_published:${r.id}:${userId}`,
      }));
    }
    case 'observation_decided': {
      const r = await repo.findObservationRequest(db, event.requestId);
      if (!r?.requestedBy || r.status === 'pending') return [];
      const info = await repo.engagementInfo(db, r.engagementId);
      const approved = r.status === 'approved';
      return [
        {
          userId: r.requestedBy,
          kind: approved ? 'observation_approved' : 'observation_declined',
          // A declined request does not open the engagement: its notice links to the inbox only.
          engagementId: approved ? r.engagementId : null,
          subjectType: 'engagement',
          subjectId: r.engagementId,
          params: { municipality: info?.municipality ?? '' },
          dedupeKey: `observation_decided:${r.id}`,
        },
      ];
    }
    case 'visit_materials_posted': {
      const v = await repo.findVisit(db, event.visitId);
      if (!v || v.status !== 'planned') return [];
      // The file must still be there; observers hear of it only while it is marked shareable.
      const file = event.attachmentId ? await repo.findAttachment(db, event.attachmentId) : undefined;
      if (event.attachmentId && !file) return [];
      const info = await repo.engagementInfo(db, v.engagementId);
      const readers = [
        ...(await repo.membersOf(db, v.engagementId, 'advisor')),
        ...(await repo.membersOf(db, v.engagementId, 'municipal_member')),
        ...(file?.shareable ? await repo.observersOf(db, v.engagementId, today) : []),
      ];
      return [...new Set(readers)]
        .filter((userId) => userId !== event.by)
        .map((userId) => ({
          userId,
          kind: 'visit_materials_posted' as const,
          engagementId: v.engagementId,
          subjectType: 'visit' as const,
          subjectId: v.id,
          params: { municipality: info?.municipality ?? '', seq: v.seq },
          dedupeKey: `visit_materials_posted:${v.id}:${userId}:${today}`,
        }));
    }
  }
}

/** The event job: re-checks, then delivers to each recipient. Returns how many were new. */
export async function runEvent(db: Db, event: NotifyEvent, opts: NotifierOptions): Promise<number> {
  let delivered = 0;
  for (const d of await resolveEvent(db, event, opts.clock.today())) if (await deliver(db, d, opts)) delivered++;
  return delivered;
}

const addDays = (isoDate: string, days: number) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The daily reminders of `today` (Japan date): homework due within 3 days or overdue, delayed milestones. */
export async function dailyDeliveries(db: Db, today: string): Promise<Delivery[]> {
  const out: Delivery[] = [];
  const municipality = new Map<string, string>();
  const nameOf = async (engagementId: string) => {
    if (!municipality.has(engagementId)) municipality.set(engagementId, (await repo.engagementInfo(db, engagementId))?.municipality ?? '');
    return municipality.get(engagementId)!;
  };
  for (const hw of await repo.openHomeworkDueBy(db, addDays(today, 3))) {
    const kind = hw.due! < today ? 'homework_overdue' : 'homework_due_soon';
    out.push({
      userId: hw.assigneeUserId!,
      kind,
      engagementId: hw.engagementId,
      subjectType: 'homework',
      subjectId: hw.id,
      params: { text: short(hw.text), municipality: await nameOf(hw.engagementId), due: hw.due! },
      dedupeKey: `${kind}:${hw.id}:${hw.due}:${hw.assigneeUserId}`,
    });
  }
  for (const m of await repo.overdueMilestones(db, today)) {
    for (const userId of await repo.membersOf(db, m.engagementId, 'advisor'))
      out.push({
        userId,
        kind: 'milestone_delayed',
        engagementId: m.engagementId,
        subjectType: 'milestone',
        subjectId: m.id,
        params: { title: short(m.title), municipality: await nameOf(m.engagementId), due: m.due },
        dedupeKey: `milestone_delayed:${m.id}:${m.due}:${userId}`,
      });
  }
  return out;
}

/** Each user's waiting digest items in one e-mail; returns the number of e-mails. */
export async function sendDigests(db: Db, opts: NotifierOptions): Promise<number> {
  let sent = 0;
  for (const userId of await repo.usersWithPendingDigest(db)) {
    const mailed = await db.transaction(async (tx) => {
      const user = await repo.recipient(tx, userId);
      const items = await repo.claimDigest(tx, userId, opts.clock.now());
      if (!user?.active || items.length === 0) return false;
      const line = (n: repo.NotificationRow, locale: 'ja' | 'en') =>
        `・${notificationTitle(n.kind, n.params, locale)}\n  ${opts.origin}${notificationLink(n)}`;
      await sendMail(tx, {
        to: user.email,
        subject: `【伴走型支援】お知らせのまとめ(${items.length}件) / Your Bansō digest`,
        text: `${user.name} 様\n\n前回のまとめ以降のお知らせです。\n\n${items.map((n) => line(n, 'ja')).join('\n')}\n\n通知の設定: ${opts.origin}/notifications\n\n---\nYour notifications since the last digest:\n\n${items.map((n) => line(n, 'en')).join('\n')}\n`,
      });
      return true;
    });
    if (mailed) sent++;
  }
  return sent;
}

/** The daily job: reminders, then digests (which carry the reminders of digest kinds). */
export async function runDaily(db: Db, opts: NotifierOptions): Promise<{ delivered: number; digests: number }> {
  let delivered = 0;
  for (const d of await dailyDeliveries(db, opts.clock.today())) if (await deliver(db, d, opts)) delivered++;
  return { delivered, digests: await sendDigests(db, opts) };
}

// ── The caller's inbox and preferences ───────────────────────────────────────────────────────────

const toNotification = (r: repo.NotificationRow): Notification => ({
  id: r.id,
  kind: r.kind,
  engagementId: r.engagementId,
  subjectType: r.subjectType,
  subjectId: r.subjectId,
  params: r.params,
  title: { ja: notificationTitle(r.kind, r.params, 'ja'), en: notificationTitle(r.kind, r.params, 'en') },
  link: notificationLink(r),
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

export async function listNotifications(ctx: ServiceContext, query: NotificationsQuery): Promise<NotificationPage> {
  const { db, actor } = ctx;
  const rows = await repo.listPage(db, actor.id, {
    limit: query.limit + 1,
    unread: query.unread === 'true',
    ...(query.cursor ? { after: decodeTimeCursor(query.cursor) } : {}),
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toNotification),
    nextCursor: rows.length > query.limit ? encodeTimeCursor(page[page.length - 1]!) : null,
    unreadCount: await repo.unreadCount(db, actor.id),
  };
}

/** Marks one of the caller's notifications read (again: no change); someone else's is not found. */
export async function readNotification(ctx: ServiceContext, id: string): Promise<Notification> {
  const { db, actor, clock } = ctx;
  if (!(await repo.findOwn(db, actor.id, id))) throw new NotFound('Notification');
  await repo.markRead(db, actor.id, id, clock.now());
  return toNotification((await repo.findOwn(db, actor.id, id))!);
}

export async function readAllNotifications(ctx: ServiceContext): Promise<NotificationReadAll> {
  const { db, actor, clock } = ctx;
  const updated = await repo.markAllRead(db, actor.id, clock.now());
  return { updated, unreadCount: await repo.unreadCount(db, actor.id) };
}

export async function getPreferences(ctx: Pick<ServiceContext, 'db' | 'actor'>): Promise<NotificationPreferences> {
  const stored = new Map((await repo.listPreferences(ctx.db, ctx.actor.id)).map((p) => [p.kind, p]));
  return {
    items: notificationKinds.map((kind) => {
      const p = stored.get(kind);
      return p ? { kind, inApp: p.inApp, email: p.email, digest: p.digest } : defaultNotificationPreference(kind);
    }),
  };
}

export async function updatePreferences(ctx: ServiceContext, body: UpdateNotificationPreferencesBody): Promise<NotificationPreferences> {
  await repo.upsertPreferences(ctx.db, ctx.actor.id, body.items);
  return getPreferences(ctx);
}
