import type { AttendanceStatus, ObservationRequestStatus } from '@banso/shared';
import { aliasedTable, and, asc, eq, gt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  engagements,
  municipalities,
  municipalityNeighbours,
  observationRequests,
  observerGrants,
  organizerMunicipalities,
  programs,
  users,
  visitAttendance,
  visits,
} from '../../db/schema/index.js';
import { activeGrant } from '../access/access.service.js';

// 参加登録

const attendanceColumns = { attendance: visitAttendance, userName: users.name };

export async function listAttendance(db: Db, engagementId: string, visitId: string) {
  return db
    .select(attendanceColumns)
    .from(visitAttendance)
    .innerJoin(users, eq(users.id, visitAttendance.userId))
    .where(and(eq(visitAttendance.engagementId, engagementId), eq(visitAttendance.visitId, visitId)))
    .orderBy(asc(visitAttendance.organizationName), asc(visitAttendance.registeredAt), asc(visitAttendance.id));
}

export async function findAttendance(db: Db, engagementId: string, visitId: string, attendanceId: string) {
  const [row] = await db
    .select(attendanceColumns)
    .from(visitAttendance)
    .innerJoin(users, eq(users.id, visitAttendance.userId))
    .where(and(eq(visitAttendance.engagementId, engagementId), eq(visitAttendance.visitId, visitId), eq(visitAttendance.id, attendanceId)))
    .limit(1);
  return row;
}

export async function findOwnAttendance(db: Db, engagementId: string, visitId: string, userId: string) {
  const [row] = await db
    .select(attendanceColumns)
    .from(visitAttendance)
    .innerJoin(users, eq(users.id, visitAttendance.userId))
    .where(and(eq(visitAttendance.engagementId, engagementId), eq(visitAttendance.visitId, visitId), eq(visitAttendance.userId, userId)))
    .limit(1);
  return row;
}

/** Inserts the registration unless one exists (a simultaneous PUT wins quietly); returns whether this call created it. */
export async function insertAttendance(
  db: Db,
  values: { engagementId: string; visitId: string; userId: string; organizationName: string; registeredAt: Date },
): Promise<boolean> {
  const rows = await db
    .insert(visitAttendance)
    .values(values)
    .onConflictDoNothing({ target: [visitAttendance.visitId, visitAttendance.userId] })
    .returning({ id: visitAttendance.id });
  return rows.length > 0;
}

export async function deleteOwnAttendance(db: Db, engagementId: string, visitId: string, userId: string): Promise<number> {
  const rows = await db
    .delete(visitAttendance)
    .where(and(eq(visitAttendance.engagementId, engagementId), eq(visitAttendance.visitId, visitId), eq(visitAttendance.userId, userId)))
    .returning({ id: visitAttendance.id });
  return rows.length;
}

export async function recordAttendance(
  db: Db,
  where: { engagementId: string; visitId: string; attendanceId: string; version: number },
  change: { status: AttendanceStatus; recordedBy: string; recordedAt: Date },
): Promise<number> {
  const rows = await db
    .update(visitAttendance)
    .set({ ...change, version: sql`${visitAttendance.version} + 1` })
    .where(
      and(
        eq(visitAttendance.engagementId, where.engagementId),
        eq(visitAttendance.visitId, where.visitId),
        eq(visitAttendance.id, where.attendanceId),
        eq(visitAttendance.version, where.version),
      ),
    )
    .returning({ id: visitAttendance.id });
  return rows.length;
}

/** The organization a user attends for: their municipality's name, else their account's organization. */
export async function organizationOf(db: Db, userId: string): Promise<string> {
  const [row] = await db
    .select({ municipality: municipalities.name, organization: users.organization })
    .from(users)
    .leftJoin(municipalities, eq(municipalities.id, users.municipalityId))
    .where(eq(users.id, userId))
    .limit(1);
  return row?.municipality ?? row?.organization ?? '';
}

// 傍聴申請

const deciders = aliasedTable(users, 'deciders');
const requesters = aliasedTable(users, 'requesters');
const engagementMunicipalities = aliasedTable(municipalities, 'engagement_municipalities');

const requestColumns = {
  request: observationRequests,
  engagement: { id: engagements.id, programId: engagements.programId, theme: engagements.theme },
  engagementMunicipality: { id: engagementMunicipalities.id, name: engagementMunicipalities.name },
  municipality: { id: municipalities.id, name: municipalities.name },
  requesterName: requesters.name,
  deciderName: deciders.name,
};

function requestQuery(db: Db) {
  return db
    .select(requestColumns)
    .from(observationRequests)
    .innerJoin(engagements, eq(engagements.id, observationRequests.engagementId))
    .innerJoin(engagementMunicipalities, eq(engagementMunicipalities.id, engagements.municipalityId))
    .innerJoin(municipalities, eq(municipalities.id, observationRequests.municipalityId))
    .leftJoin(requesters, eq(requesters.id, observationRequests.requestedBy))
    .leftJoin(deciders, eq(deciders.id, observationRequests.decidedBy));
}
export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export async function findRequest(db: Db, engagementId: string, requestId: string) {
  const [row] = await requestQuery(db)
    .where(and(eq(observationRequests.engagementId, engagementId), eq(observationRequests.id, requestId)))
    .limit(1);
  return row;
}

/** A program's requests, oldest first (cursor: the last id of the previous page). */
export async function listProgramRequests(
  db: Db,
  programId: string,
  q: { status?: ObservationRequestStatus | undefined; afterId?: string | undefined; limit: number },
) {
  const after = q.afterId ? sql`(select r2.created_at from ${observationRequests} r2 where r2.id = ${q.afterId})` : undefined;
  return requestQuery(db)
    .where(
      and(
        eq(engagements.programId, programId),
        q.status ? eq(observationRequests.status, q.status) : undefined,
        after && q.afterId
          ? or(
              gt(observationRequests.createdAt, after),
              and(eq(observationRequests.createdAt, after), gt(observationRequests.id, q.afterId)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(observationRequests.createdAt), asc(observationRequests.id))
    .limit(q.limit + 1);
}

export async function lockRequest(db: Db, engagementId: string, requestId: string) {
  const [row] = await db
    .select()
    .from(observationRequests)
    .where(and(eq(observationRequests.engagementId, engagementId), eq(observationRequests.id, requestId)))
    .for('update');
  return row;
}

export async function insertRequest(
  db: Db,
  values: { engagementId: string; requestedBy: string; municipalityId: string; message: string; createdAt: Date },
): Promise<string> {
  const [row] = await db.insert(observationRequests).values(values).returning({ id: observationRequests.id });
  if (!row) throw new Error('observation request insert failed');
  return row.id;
}

export async function decideRequest(
  db: Db,
  where: { requestId: string; version: number },
  change: { status: 'approved' | 'declined'; decidedBy: string; decidedAt: Date; grantId: string | null },
): Promise<number> {
  const rows = await db
    .update(observationRequests)
    .set({ ...change, version: sql`${observationRequests.version} + 1` })
    .where(
      and(
        eq(observationRequests.id, where.requestId),
        eq(observationRequests.version, where.version),
        eq(observationRequests.status, 'pending'),
      ),
    )
    .returning({ id: observationRequests.id });
  return rows.length;
}

/**
 * Engagements a municipality's staff may ask to observe: of a program whose organizer serves their
 * municipality (organizer_municipalities) or of a municipality bordering theirs, not their own
 * municipality's, not closed, and with no grant of theirs active on `today`. Neighbours first.
 */
export async function listObservable(db: Db, municipalityId: string, today: string, engagementId?: string) {
  const neighbour = sql<boolean>`exists (select 1 from ${municipalityNeighbours} n
    where (n.municipality_id = ${municipalityId} and n.neighbour_id = ${engagements.municipalityId})
       or (n.neighbour_id = ${municipalityId} and n.municipality_id = ${engagements.municipalityId}))`;
  const served = sql<boolean>`exists (select 1 from ${organizerMunicipalities} om
    where om.organizer_id = ${programs.organizerId} and om.municipality_id = ${municipalityId})`;
  const granted = sql<boolean>`exists (select 1 from ${observerGrants}
    where ${observerGrants.engagementId} = ${engagements.id} and ${observerGrants.municipalityId} = ${municipalityId} and ${activeGrant(today)})`;
  return db
    .select({
      id: engagements.id,
      programId: engagements.programId,
      programName: programs.name,
      theme: engagements.theme,
      status: engagements.status,
      municipality: { id: municipalities.id, name: municipalities.name },
      neighbour,
      pendingRequestId: sql<string | null>`(select r.id from ${observationRequests} r
        where r.engagement_id = ${engagements.id} and r.municipality_id = ${municipalityId} and r.status = 'pending' limit 1)`,
      nextVisitDate: sql<
        string | null
      >`(select min(v.date)::text from ${visits} v where v.engagement_id = ${engagements.id} and v.date >= ${today})`,
      nextVisitKind: sql<
        string | null
      >`(select v.kind::text from ${visits} v where v.engagement_id = ${engagements.id} and v.date >= ${today}
        order by v.date, v.seq limit 1)`,
    })
    .from(engagements)
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .innerJoin(municipalities, eq(municipalities.id, engagements.municipalityId))
    .where(
      and(
        engagementId ? eq(engagements.id, engagementId) : undefined,
        ne(engagements.municipalityId, municipalityId),
        ne(engagements.status, 'closed'),
        or(served, neighbour),
        sql`not ${granted}`,
      ),
    )
    .orderBy(sql`${neighbour} desc`, asc(municipalities.name), asc(engagements.id))
    .limit(200);
}

/** Whether the municipality holds a grant on the engagement active on `today`. */
export async function hasActiveGrant(db: Db, engagementId: string, municipalityId: string, today: string): Promise<boolean> {
  const [row] = await db
    .select({ id: observerGrants.id })
    .from(observerGrants)
    .where(and(eq(observerGrants.engagementId, engagementId), eq(observerGrants.municipalityId, municipalityId), activeGrant(today)))
    .limit(1);
  return Boolean(row);
}
