import type { AttachmentParentType, FindingVisibility, VisitStatus } from '@banso/shared';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { attachments, findings, homework, programs, reports, users, visits } from '../../db/schema/index.js';
import type { Actor } from '../auth/auth.service.js';
import { connectedToProgram } from '../library/library.repository.js';

export type AttachmentRow = typeof attachments.$inferSelect;
export type AttachmentInsert = typeof attachments.$inferInsert;

/** An attachment with its uploader's name and, for a finding's file, the finding's visibility. */
const columns = { attachment: attachments, uploaderName: users.name, findingVisibility: findings.visibility };

function withFacts(db: Db, where: SQL | undefined) {
  return db
    .select(columns)
    .from(attachments)
    .leftJoin(users, eq(users.id, attachments.uploadedBy))
    .leftJoin(findings, eq(findings.id, attachments.findingId))
    .where(where)
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}
export type AttachmentWithFacts = Awaited<ReturnType<typeof withFacts>>[number];

/** Every file of the engagement (the service filters them by what the reader may see). */
export const listOfEngagement = (db: Db, engagementId: string) => withFacts(db, eq(attachments.engagementId, engagementId));

export async function findInEngagement(db: Db, engagementId: string, id: string): Promise<AttachmentWithFacts | undefined> {
  const [row] = await withFacts(db, and(eq(attachments.engagementId, engagementId), eq(attachments.id, id)));
  return row;
}

export const listOfProgram = (db: Db, programId: string) =>
  withFacts(db, and(eq(attachments.parentType, 'program'), eq(attachments.programId, programId)));

export async function findInProgram(db: Db, programId: string, id: string): Promise<AttachmentWithFacts | undefined> {
  const [row] = await withFacts(
    db,
    and(eq(attachments.parentType, 'program'), eq(attachments.programId, programId), eq(attachments.id, id)),
  );
  return row;
}

/**
 * The bytes a quota scope (an engagement's files, or a program's own: reference materials and event materials) holds, read under
 * the scope's transaction-scoped lock, so simultaneous uploads into one scope are counted one after the
 * other and never overshoot together.
 */
export async function lockedBytes(tx: Db, scope: { engagementId: string } | { programId: string }): Promise<number> {
  const [key, where] =
    'engagementId' in scope
      ? [`attachments:engagement:${scope.engagementId}`, eq(attachments.engagementId, scope.engagementId)]
      : [`attachments:program:${scope.programId}`, eq(attachments.programId, scope.programId)];
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${attachments.size}), 0)` })
    .from(attachments)
    .where(where);
  return Number(row?.total ?? 0);
}

export const listOfEvent = (db: Db, eventId: string) =>
  withFacts(db, and(eq(attachments.parentType, 'event'), eq(attachments.eventId, eventId)));

export async function findInEvent(db: Db, eventId: string, id: string): Promise<AttachmentWithFacts | undefined> {
  const [row] = await withFacts(db, and(eq(attachments.parentType, 'event'), eq(attachments.eventId, eventId), eq(attachments.id, id)));
  return row;
}

export async function insert(db: Db, values: AttachmentInsert): Promise<AttachmentRow> {
  const [row] = await db.insert(attachments).values(values).returning();
  if (!row) throw new Error('attachment insert failed');
  return row;
}

export async function update(
  db: Db,
  id: string,
  version: number,
  changes: Partial<Pick<AttachmentInsert, 'shareable' | 'name'>>,
): Promise<AttachmentRow | undefined> {
  const [row] = await db
    .update(attachments)
    .set({ ...changes, version: sql`${attachments.version} + 1` })
    .where(and(eq(attachments.id, id), eq(attachments.version, version)))
    .returning();
  return row;
}

export async function remove(db: Db, id: string, version: number): Promise<number> {
  const rows = await db
    .delete(attachments)
    .where(and(eq(attachments.id, id), eq(attachments.version, version)))
    .returning({ id: attachments.id });
  return rows.length;
}

/** The parent record, scoped to the engagement: what the service checks the reader's access against. */
export interface ParentFacts {
  id: string;
  visitStatus?: VisitStatus;
  findingVisibility?: FindingVisibility;
  assigneeUserId?: string | null;
}

export async function findParent(
  db: Db,
  type: Exclude<AttachmentParentType, 'program' | 'event'>,
  engagementId: string,
  id: string,
): Promise<ParentFacts | undefined> {
  switch (type) {
    case 'visit': {
      const [row] = await db
        .select({ id: visits.id, status: visits.status })
        .from(visits)
        .where(and(eq(visits.engagementId, engagementId), eq(visits.id, id)));
      return row ? { id: row.id, visitStatus: row.status } : undefined;
    }
    case 'finding': {
      const [row] = await db
        .select({ id: findings.id, visibility: findings.visibility })
        .from(findings)
        .where(and(eq(findings.engagementId, engagementId), eq(findings.id, id)));
      return row ? { id: row.id, findingVisibility: row.visibility } : undefined;
    }
    case 'homework': {
      const [row] = await db
        .select({ id: homework.id, assigneeUserId: homework.assigneeUserId })
        .from(homework)
        .where(and(eq(homework.engagementId, engagementId), eq(homework.id, id)));
      return row ? { id: row.id, assigneeUserId: row.assigneeUserId } : undefined;
    }
    case 'report': {
      const [row] = await db
        .select({ id: reports.id })
        .from(reports)
        .where(and(eq(reports.engagementId, engagementId), eq(reports.id, id)));
      return row;
    }
  }
}

/** The program exists and the actor is tied to its organizer (the case library's readers). */
export async function programReadable(db: Db, actor: Actor, programId: string, today: string): Promise<boolean> {
  const [row] = await db
    .select({ id: programs.id })
    .from(programs)
    .where(and(eq(programs.id, programId), connectedToProgram(actor, sql`${programId}::uuid`, today)));
  return Boolean(row);
}
