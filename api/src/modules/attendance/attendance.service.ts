import {
  type ApproveObservationRequestBody,
  type Attendance,
  type CreateObservationRequestBody,
  type ObservableEngagement,
  type ObservationRequest,
  type ObservationRequestList,
  type ObservationRequestQuery,
  type RecordAttendanceBody,
  visitKinds,
} from '@banso/shared';
import type { ServiceContext } from '../../lib/context.js';
import { recordAudit } from '../../lib/audit.js';
import { isUniqueViolation } from '../../lib/unique-violation.js';
import { Conflict, Forbidden, NotFound, PreconditionFailed } from '../../lib/errors.js';
import { authorize, authorizeProgram, type EngagementAccess } from '../access/access.service.js';
import { findVisit } from '../hearing/hearing.repository.js';
import { createGrant } from '../teams/teams.service.js';
import { enqueueNotification } from '../notifications/notifications.service.js';
import * as repo from './attendance.repository.js';

type AttendanceWithName = NonNullable<Awaited<ReturnType<typeof repo.findAttendance>>>;

/** Observers read the list by organization: a person's name only on their own line. */
const toAttendance =
  (access: EngagementAccess) =>
  (a: AttendanceWithName): Attendance => {
    const mine = a.attendance.userId === access.userId;
    return {
      id: a.attendance.id,
      visitId: a.attendance.visitId,
      user: mine || access.role !== 'observer' ? { id: a.attendance.userId, name: a.userName } : null,
      organizationName: a.attendance.organizationName,
      status: a.attendance.status,
      mine,
      registeredAt: a.attendance.registeredAt.toISOString(),
      recordedAt: a.attendance.recordedAt ? a.attendance.recordedAt.toISOString() : null,
      version: a.attendance.version,
    };
  };

async function requireVisit(ctx: ServiceContext, engagementId: string, visitId: string) {
  const visit = await findVisit(ctx.db, engagementId, visitId);
  if (!visit) throw new NotFound('Visit');
  return visit;
}

// 参加登録

export async function listAttendance(ctx: ServiceContext, engagementId: string, visitId: string): Promise<Attendance[]> {
  const access = await authorize(ctx, engagementId, 'visit.attendance.read');
  await requireVisit(ctx, engagementId, visitId);
  return (await repo.listAttendance(ctx.db, engagementId, visitId)).map(toAttendance(access));
}

/** Registers the actor for a visit still to come (idempotent); a visit whose date has passed answers 409 `visit_past`. */
export async function registerMine(ctx: ServiceContext, engagementId: string, visitId: string): Promise<Attendance> {
  const { db, actor, clock } = ctx;
  const access = await authorize(ctx, engagementId, 'visit.attend');
  const visit = await requireVisit(ctx, engagementId, visitId);
  if (visit.date < clock.today()) throw new Conflict('visit_past', `Visit ${visit.seq} was on ${visit.date}`);
  return db.transaction(async (tx) => {
    const organizationName = await repo.organizationOf(tx, actor.id);
    const created = await repo.insertAttendance(tx, {
      engagementId,
      visitId,
      userId: actor.id,
      organizationName,
      registeredAt: clock.now(),
    });
    const row = await repo.findOwnAttendance(tx, engagementId, visitId, actor.id);
    if (!row) throw new NotFound('Attendance');
    const view = toAttendance(access)(row);
    if (created)
      await recordAudit(tx, {
        actorId: actor.id,
        engagementId,
        entity: 'visit_attendance',
        entityId: view.id,
        action: 'register',
        after: view,
      });
    return view;
  });
}

/** Withdraws the actor's registration for a visit still to come (idempotent). */
export async function withdrawMine(ctx: ServiceContext, engagementId: string, visitId: string): Promise<void> {
  const { db, actor, clock } = ctx;
  const access = await authorize(ctx, engagementId, 'visit.attend');
  const visit = await requireVisit(ctx, engagementId, visitId);
  if (visit.date < clock.today()) throw new Conflict('visit_past', `Visit ${visit.seq} was on ${visit.date}`);
  await db.transaction(async (tx) => {
    const before = await repo.findOwnAttendance(tx, engagementId, visitId, actor.id);
    if (!before) return;
    await repo.deleteOwnAttendance(tx, engagementId, visitId, actor.id);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'visit_attendance',
      entityId: before.attendance.id,
      action: 'withdraw',
      before: toAttendance(access)(before),
    });
  });
}

/** The team records whether a registered person came (出席 / 欠席), with If-Match. */
export async function recordAttendance(
  ctx: ServiceContext,
  p: { engagementId: string; visitId: string; attendanceId: string; ifMatch: () => number; body: RecordAttendanceBody },
): Promise<Attendance> {
  const { db, actor, clock } = ctx;
  const access = await authorize(ctx, p.engagementId, 'visit.attendance.record');
  const version = p.ifMatch();
  return db.transaction(async (tx) => {
    const before = await repo.findAttendance(tx, p.engagementId, p.visitId, p.attendanceId);
    if (!before) throw new NotFound('Attendance');
    const view = toAttendance(access);
    if (before.attendance.version !== version) throw new PreconditionFailed(view(before));
    const changed = await repo.recordAttendance(
      tx,
      { engagementId: p.engagementId, visitId: p.visitId, attendanceId: p.attendanceId, version },
      { status: p.body.status, recordedBy: actor.id, recordedAt: clock.now() },
    );
    if (changed === 0) throw new PreconditionFailed(view(before));
    const after = await repo.findAttendance(tx, p.engagementId, p.visitId, p.attendanceId);
    if (!after) throw new NotFound('Attendance');
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: p.engagementId,
      entity: 'visit_attendance',
      entityId: p.attendanceId,
      action: 'record',
      before: view(before),
      after: view(after),
    });
    return view(after);
  });
}

// 傍聴申請

const person = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

const toRequest = (r: repo.RequestRow): ObservationRequest => ({
  id: r.request.id,
  engagement: { ...r.engagement, municipality: r.engagementMunicipality },
  municipality: r.municipality,
  requestedBy: person(r.request.requestedBy, r.requesterName),
  message: r.request.message,
  status: r.request.status,
  decidedBy: person(r.request.decidedBy, r.deciderName),
  decidedAt: r.request.decidedAt ? r.request.decidedAt.toISOString() : null,
  grantId: r.request.grantId,
  createdAt: r.request.createdAt.toISOString(),
  version: r.request.version,
});

/** Engagements the actor's municipality may ask to observe (empty for users of no municipality). */
export async function listObservable(ctx: ServiceContext): Promise<ObservableEngagement[]> {
  const { db, actor, clock } = ctx;
  if (!actor.municipalityId) return [];
  const rows = await repo.listObservable(db, actor.municipalityId, clock.today());
  return rows.map((r) => {
    const kind = visitKinds.find((k) => k === r.nextVisitKind);
    return {
      id: r.id,
      programId: r.programId,
      programName: r.programName,
      theme: r.theme,
      status: r.status,
      municipality: r.municipality,
      neighbour: Boolean(r.neighbour),
      pendingRequestId: r.pendingRequestId,
      nextVisit: r.nextVisitDate && kind ? { date: r.nextVisitDate, kind } : null,
    };
  });
}

/**
 * 傍聴申請: a municipal user asks to observe an engagement their municipality may not yet read. Only
 * engagements the actor could see in listObservable may be asked for (others answer 404, so their
 * existence does not leak); one pending request per engagement and municipality (409 `request_pending`).
 */
export async function createRequest(ctx: ServiceContext, body: CreateObservationRequestBody): Promise<ObservationRequest> {
  const { db, actor, clock } = ctx;
  const { engagementId } = body;
  const municipalityId = actor.municipalityId;
  if (!municipalityId) throw new Forbidden('Only staff of a municipality may ask to observe');
  const today = clock.today();
  if (await repo.hasActiveGrant(db, engagementId, municipalityId, today))
    throw new Conflict('already_observing', 'Your municipality may already observe this engagement');
  const [target] = await repo.listObservable(db, municipalityId, today, engagementId);
  if (!target) throw new NotFound('Engagement');
  if (target.pendingRequestId) throw new Conflict('request_pending', 'A request from your municipality is already pending');
  try {
    return await db.transaction(async (tx) => {
      const id = await repo.insertRequest(tx, {
        engagementId,
        requestedBy: actor.id,
        municipalityId,
        message: body.message,
        createdAt: clock.now(),
      });
      const row = await repo.findRequest(tx, engagementId, id);
      if (!row) throw new NotFound('Observation request');
      const view = toRequest(row);
      await recordAudit(tx, {
        actorId: actor.id,
        engagementId,
        entity: 'observation_request',
        entityId: id,
        action: 'create',
        after: view,
      });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'observation_requests_one_pending'))
      throw new Conflict('request_pending', 'A request from your municipality is already pending');
    throw error;
  }
}

/** The program office lists a program's 傍聴申請 (pending first by default: filter with `status`). */
export async function listProgramRequests(
  ctx: ServiceContext,
  programId: string,
  query: ObservationRequestQuery,
): Promise<ObservationRequestList> {
  await authorizeProgram(ctx, programId, 'observation.review');
  const rows = await repo.listProgramRequests(ctx.db, programId, { status: query.status, afterId: query.cursor, limit: query.limit });
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items: items.map(toRequest), nextCursor: rows.length > query.limit && last ? last.request.id : null };
}

/**
 * Decides a pending request (program office: observer.manage on the engagement), with If-Match.
 * Approval creates the observer grant through the same createGrant as the observer-grant route,
 * in the same transaction, so a refused grant (e.g. 409 `grant_exists`) leaves the request pending.
 */
export async function decideRequest(
  ctx: ServiceContext,
  p: { engagementId: string; requestId: string; ifMatch: () => number } & (
    { decision: 'approved'; body: ApproveObservationRequestBody } | { decision: 'declined' }
  ),
): Promise<ObservationRequest> {
  const { db, actor, clock } = ctx;
  await authorize(ctx, p.engagementId, 'observer.manage');
  const version = p.ifMatch();
  return db.transaction(async (tx) => {
    const locked = await repo.lockRequest(tx, p.engagementId, p.requestId);
    if (!locked) throw new NotFound('Observation request');
    const before = await repo.findRequest(tx, p.engagementId, p.requestId);
    if (!before) throw new NotFound('Observation request');
    if (locked.version !== version) throw new PreconditionFailed(toRequest(before));
    if (locked.status !== 'pending') throw new Conflict('request_decided', `This request is already ${locked.status}`);
    let grantId: string | null = null;
    if (p.decision === 'approved') {
      const grant = await createGrant({ ...ctx, db: tx }, p.engagementId, {
        municipalityId: locked.municipalityId,
        scope: p.body.scope,
        validUntil: p.body.validUntil,
      });
      grantId = grant.id;
    }
    const changed = await repo.decideRequest(
      tx,
      { requestId: p.requestId, version },
      { status: p.decision, decidedBy: actor.id, decidedAt: clock.now(), grantId },
    );
    if (changed === 0) throw new PreconditionFailed(toRequest(before));
    const after = await repo.findRequest(tx, p.engagementId, p.requestId);
    if (!after) throw new NotFound('Observation request');
    const view = toRequest(after);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: p.engagementId,
      entity: 'observation_request',
      entityId: p.requestId,
      action: p.decision === 'approved' ? 'approve' : 'decline',
      before: toRequest(before),
      after: view,
    });
    // The requester hears of the decision (after the grace delay, if it still holds).
    await enqueueNotification(ctx, tx, { kind: 'observation_decided', requestId: p.requestId });
    return view;
  });
}
