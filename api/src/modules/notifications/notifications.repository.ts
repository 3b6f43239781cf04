import type { NotificationKind, NotificationPreference } from '@banso/shared';
import { and, asc, desc, eq, isNotNull, isNull, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  actions,
  attachments,
  commentMentions,
  comments,
  engagements,
  homework,
  memberships,
  milestones,
  municipalities,
  notificationPreferences,
  notifications,
  observationRequests,
  observerGrants,
  reports,
  users,
  visits,
} from '../../db/schema/index.js';
import { activeGrant } from '../access/access.service.js';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

/** The row, or null when one with its dedupe key exists already (another replica or attempt delivered it). */
export async function insertNotification(db: Db, values: NewNotification): Promise<NotificationRow | null> {
  const [row] = await db.insert(notifications).values(values).onConflictDoNothing({ target: notifications.dedupeKey }).returning();
  return row ?? null;
}

export async function markEmailed(db: Db, id: string, at: Date): Promise<void> {
  await db.update(notifications).set({ emailedAt: at }).where(eq(notifications.id, id));
}

/** The caller's inbox, newest first, after the (createdAt, id) cursor. */
export async function listPage(db: Db, userId: string, opts: { limit: number; after?: { createdAt: Date; id: string }; unread: boolean }) {
  const { after } = opts;
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.inApp, true),
        opts.unread ? isNull(notifications.readAt) : undefined,
        after
          ? or(
              lt(notifications.createdAt, after.createdAt),
              and(eq(notifications.createdAt, after.createdAt), lt(notifications.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit);
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.inApp, true), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function findOwn(db: Db, userId: string, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), eq(notifications.inApp, true)));
  return row;
}

export async function markRead(db: Db, userId: string, id: string, at: Date): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)));
}

export async function markAllRead(db: Db, userId: string, at: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), eq(notifications.inApp, true), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

// ── Preferences ──────────────────────────────────────────────────────────────────────────────────

export async function listPreferences(db: Db, userId: string) {
  return db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
}

export async function findPreference(db: Db, userId: string, kind: NotificationKind) {
  const [row] = await db
    .select()
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind)));
  return row;
}

export async function upsertPreferences(db: Db, userId: string, items: NotificationPreference[]): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values(items.map((i) => ({ userId, kind: i.kind, inApp: i.inApp, email: i.email, digest: i.digest })))
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: {
        inApp: sql`excluded.in_app`,
        email: sql`excluded.email`,
        digest: sql`excluded.digest`,
        updatedAt: sql`now()`,
      },
    });
}

// ── Digest ───────────────────────────────────────────────────────────────────────────────────────

export async function usersWithPendingDigest(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ userId: notifications.userId }).from(notifications).where(eq(notifications.digestPending, true));
  return rows.map((r) => r.userId);
}

/**
 * Takes the user's waiting digest items (the row locks make a second replica find none), oldest first.
 */
export async function claimDigest(db: Db, userId: string, at: Date): Promise<NotificationRow[]> {
  const rows = await db
    .update(notifications)
    .set({ digestPending: false, emailedAt: at })
    .where(and(eq(notifications.userId, userId), eq(notifications.digestPending, true)))
    .returning();
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

// ── What the jobs read ───────────────────────────────────────────────────────────────────────────

export async function recipient(db: Db, userId: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, active: users.active })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

export async function engagementInfo(db: Db, engagementId: string) {
  const [row] = await db
    .select({ id: engagements.id, programId: engagements.programId, municipality: municipalities.name })
    .from(engagements)
    .innerJoin(municipalities, eq(municipalities.id, engagements.municipalityId))
    .where(eq(engagements.id, engagementId));
  return row;
}

/** The engagement's team members of a role (municipal members, or the advisors). */
export async function membersOf(db: Db, engagementId: string, role: 'advisor' | 'municipal_member'): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.engagementId, engagementId), eq(memberships.role, role)));
  return rows.map((r) => r.userId);
}

export async function findHomework(db: Db, id: string) {
  const [row] = await db.select().from(homework).where(eq(homework.id, id));
  return row;
}

/** Open homework with an assignee account and a due date up to `until` (the reminders' candidates). */
export async function openHomeworkDueBy(db: Db, until: string) {
  return db
    .select()
    .from(homework)
    .where(and(eq(homework.done, false), isNotNull(homework.assigneeUserId), isNotNull(homework.due), lte(homework.due, until)))
    .orderBy(asc(homework.due), asc(homework.id));
}

/** Delayed milestones: marked `delayed`, or still `planned` past their due date; with their engagement. */
export async function overdueMilestones(db: Db, today: string) {
  return db
    .select({ id: milestones.id, title: milestones.title, due: milestones.due, engagementId: actions.engagementId })
    .from(milestones)
    .innerJoin(actions, eq(actions.id, milestones.actionId))
    .where(
      and(
        or(eq(milestones.status, 'delayed'), and(eq(milestones.status, 'planned'), lt(milestones.due, today))),
        notInArray(actions.status, ['done', 'dropped']),
      ),
    )
    .orderBy(asc(milestones.due), asc(milestones.id));
}

export async function findComment(db: Db, id: string) {
  const [row] = await db
    .select({
      id: comments.id,
      engagementId: comments.engagementId,
      subjectType: comments.subjectType,
      parentId: comments.parentId,
      kind: comments.kind,
      authorId: comments.authorId,
      authorRole: comments.authorRole,
      deletedAt: comments.deletedAt,
      authorName: users.name,
    })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.id, id));
  return row;
}

export async function isMentioned(db: Db, commentId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: commentMentions.userId })
    .from(commentMentions)
    .where(and(eq(commentMentions.commentId, commentId), eq(commentMentions.userId, userId)));
  return Boolean(row);
}

export async function findVisit(db: Db, id: string) {
  const [row] = await db
    .select({ id: visits.id, engagementId: visits.engagementId, seq: visits.seq, status: visits.status })
    .from(visits)
    .where(eq(visits.id, id));
  return row;
}

export async function findReport(db: Db, id: string) {
  const [row] = await db
    .select({ id: reports.id, engagementId: reports.engagementId, status: reports.status, versionNumber: reports.versionNumber })
    .from(reports)
    .where(eq(reports.id, id));
  return row;
}

export async function findObservationRequest(db: Db, id: string) {
  const [row] = await db
    .select({
      id: observationRequests.id,
      engagementId: observationRequests.engagementId,
      requestedBy: observationRequests.requestedBy,
      status: observationRequests.status,
    })
    .from(observationRequests)
    .where(eq(observationRequests.id, id));
  return row;
}

export async function roadmapProposal(db: Db, engagementId: string) {
  const [row] = await db
    .select({ proposedAt: engagements.roadmapProposedAt, agreedAt: engagements.roadmapAgreedAt })
    .from(engagements)
    .where(eq(engagements.id, engagementId));
  return row;
}

export async function findAttachment(db: Db, id: string) {
  const [row] = await db.select({ id: attachments.id, shareable: attachments.shareable }).from(attachments).where(eq(attachments.id, id));
  return row;
}

/** The staff of the municipalities observing the engagement on `today` (an active grant): its observers. */
export async function observersOf(db: Db, engagementId: string, today: string): Promise<string[]> {
  const rows = await db
    .select({ userId: users.id })
    .from(users)
    .innerJoin(observerGrants, eq(observerGrants.municipalityId, users.municipalityId))
    .where(and(eq(observerGrants.engagementId, engagementId), activeGrant(today)));
  return rows.map((r) => r.userId);
}
