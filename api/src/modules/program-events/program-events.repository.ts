import type { AttendanceStatus, ProgramEventKind } from '@banso/shared';
import { and, asc, count, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  engagements,
  municipalities,
  programEventAttendance,
  programEventEngagements,
  programEvents,
  programs,
  reports,
  users,
} from '../../db/schema/index.js';

export type EventRow = typeof programEvents.$inferSelect;
export type EventInsert = typeof programEvents.$inferInsert;

export async function findProgram(db: Db, programId: string) {
  const [row] = await db.select().from(programs).where(eq(programs.id, programId)).limit(1);
  return row;
}

/** A page of the program's events, by first day then id, after the cursor's (startDate, id). */
export async function listEvents(
  db: Db,
  programId: string,
  q: { kind?: ProgramEventKind; after: { startDate: string; id: string } | null; limit: number },
): Promise<EventRow[]> {
  const conditions = [eq(programEvents.programId, programId)];
  if (q.kind) conditions.push(eq(programEvents.kind, q.kind));
  if (q.after) {
    const after = or(
      gt(programEvents.startDate, q.after.startDate),
      and(eq(programEvents.startDate, q.after.startDate), gt(programEvents.id, q.after.id)),
    );
    if (after) conditions.push(after);
  }
  return db
    .select()
    .from(programEvents)
    .where(and(...conditions))
    .orderBy(asc(programEvents.startDate), asc(programEvents.id))
    .limit(q.limit);
}

export async function findEvent(db: Db, programId: string, eventId: string): Promise<EventRow | undefined> {
  const [row] = await db
    .select()
    .from(programEvents)
    .where(and(eq(programEvents.programId, programId), eq(programEvents.id, eventId)))
    .limit(1);
  return row;
}

export async function lockEvent(db: Db, programId: string, eventId: string): Promise<EventRow | undefined> {
  const [row] = await db
    .select()
    .from(programEvents)
    .where(and(eq(programEvents.programId, programId), eq(programEvents.id, eventId)))
    .for('update');
  return row;
}

export async function insertEvent(db: Db, values: EventInsert): Promise<EventRow> {
  const [row] = await db.insert(programEvents).values(values).returning();
  if (!row) throw new Error('program event insert failed');
  return row;
}

export async function updateEvent(
  db: Db,
  eventId: string,
  version: number,
  changes: Partial<Pick<EventInsert, 'kind' | 'title' | 'startDate' | 'endDate' | 'venue' | 'onlineUrl' | 'agenda' | 'minutes'>>,
  now: Date,
): Promise<EventRow | undefined> {
  const [row] = await db
    .update(programEvents)
    .set({ ...changes, version: sql`${programEvents.version} + 1`, updatedAt: now })
    .where(and(eq(programEvents.id, eventId), eq(programEvents.version, version)))
    .returning();
  return row;
}

export async function deleteEvent(db: Db, eventId: string, version: number): Promise<number> {
  const rows = await db
    .delete(programEvents)
    .where(and(eq(programEvents.id, eventId), eq(programEvents.version, version)))
    .returning({ id: programEvents.id });
  return rows.length;
}

/** The ids among `ids` that are engagements of the program. */
export async function engagementsOfProgram(db: Db, programId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: engagements.id })
    .from(engagements)
    .where(and(eq(engagements.programId, programId), inArray(engagements.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}

export async function setEngagements(db: Db, eventId: string, ids: readonly string[]): Promise<void> {
  await db.delete(programEventEngagements).where(eq(programEventEngagements.eventId, eventId));
  if (ids.length > 0)
    await db.insert(programEventEngagements).values(ids.map((engagementId, position) => ({ eventId, engagementId, position })));
}

export interface EventEngagement {
  eventId: string;
  id: string;
  theme: string;
  municipality: { id: string; name: string };
}

/** The participating engagements of the events, in their order. */
export async function engagementsOf(db: Db, eventIds: readonly string[]): Promise<EventEngagement[]> {
  if (eventIds.length === 0) return [];
  return db
    .select({
      eventId: programEventEngagements.eventId,
      id: engagements.id,
      theme: engagements.theme,
      municipality: { id: municipalities.id, name: municipalities.name },
    })
    .from(programEventEngagements)
    .innerJoin(engagements, eq(engagements.id, programEventEngagements.engagementId))
    .innerJoin(municipalities, eq(municipalities.id, engagements.municipalityId))
    .where(inArray(programEventEngagements.eventId, [...eventIds]))
    .orderBy(asc(programEventEngagements.position), asc(municipalities.code));
}

/** Registrations per event, and the reader's own line. */
export async function registrationsOf(db: Db, eventIds: readonly string[], userId: string) {
  if (eventIds.length === 0)
    return { counts: new Map<string, number>(), mine: new Map<string, { id: string; status: AttendanceStatus }>() };
  const counted = await db
    .select({ eventId: programEventAttendance.eventId, n: count() })
    .from(programEventAttendance)
    .where(inArray(programEventAttendance.eventId, [...eventIds]))
    .groupBy(programEventAttendance.eventId);
  const own = await db
    .select({ eventId: programEventAttendance.eventId, id: programEventAttendance.id, status: programEventAttendance.status })
    .from(programEventAttendance)
    .where(and(inArray(programEventAttendance.eventId, [...eventIds]), eq(programEventAttendance.userId, userId)));
  return {
    counts: new Map(counted.map((r) => [r.eventId, Number(r.n)])),
    mine: new Map(own.map((r) => [r.eventId, { id: r.id, status: r.status }])),
  };
}

// 参加登録 and attendance

const attendanceColumns = { attendance: programEventAttendance, userName: users.name };

export async function listAttendance(db: Db, eventId: string) {
  return db
    .select(attendanceColumns)
    .from(programEventAttendance)
    .innerJoin(users, eq(users.id, programEventAttendance.userId))
    .where(eq(programEventAttendance.eventId, eventId))
    .orderBy(asc(programEventAttendance.organizationName), asc(programEventAttendance.registeredAt), asc(programEventAttendance.id));
}
export type AttendanceWithName = Awaited<ReturnType<typeof listAttendance>>[number];

export async function findAttendance(db: Db, eventId: string, attendanceId: string): Promise<AttendanceWithName | undefined> {
  const [row] = await db
    .select(attendanceColumns)
    .from(programEventAttendance)
    .innerJoin(users, eq(users.id, programEventAttendance.userId))
    .where(and(eq(programEventAttendance.eventId, eventId), eq(programEventAttendance.id, attendanceId)))
    .limit(1);
  return row;
}

export async function findOwnAttendance(db: Db, eventId: string, userId: string): Promise<AttendanceWithName | undefined> {
  const [row] = await db
    .select(attendanceColumns)
    .from(programEventAttendance)
    .innerJoin(users, eq(users.id, programEventAttendance.userId))
    .where(and(eq(programEventAttendance.eventId, eventId), eq(programEventAttendance.userId, userId)))
    .limit(1);
  return row;
}

/** Inserts the registration unless there is one; true when it was new. */
export async function insertAttendance(
  db: Db,
  values: { eventId: string; userId: string; organizationName: string; registeredAt: Date },
): Promise<boolean> {
  const rows = await db.insert(programEventAttendance).values(values).onConflictDoNothing().returning({ id: programEventAttendance.id });
  return rows.length > 0;
}

export async function deleteOwnAttendance(db: Db, eventId: string, userId: string): Promise<void> {
  await db
    .delete(programEventAttendance)
    .where(and(eq(programEventAttendance.eventId, eventId), eq(programEventAttendance.userId, userId)));
}

export async function recordAttendance(
  db: Db,
  p: { eventId: string; attendanceId: string; version: number },
  changes: { status: AttendanceStatus; recordedBy: string; recordedAt: Date },
): Promise<number> {
  const rows = await db
    .update(programEventAttendance)
    .set({ ...changes, version: sql`${programEventAttendance.version} + 1` })
    .where(
      and(
        eq(programEventAttendance.eventId, p.eventId),
        eq(programEventAttendance.id, p.attendanceId),
        eq(programEventAttendance.version, p.version),
      ),
    )
    .returning({ id: programEventAttendance.id });
  return rows.length;
}

/** The newest published report of the engagement (latest fiscal year, then version), if any. */
export async function latestPublishedReport(db: Db, engagementId: string) {
  const [row] = await db
    .select()
    .from(reports)
    .where(and(eq(reports.engagementId, engagementId), eq(reports.status, 'published')))
    .orderBy(desc(reports.fiscalYear), desc(reports.versionNumber))
    .limit(1);
  return row;
}
