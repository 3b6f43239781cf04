import {
  can,
  canMoveVisit,
  isMinutesApproval,
  type CreateFindingBody,
  type CreateHomeworkBody,
  type CreateVisitBody,
  type Finding,
  type Homework,
  type ObserverFinding,
  ObserverFindingSchema,
  readableFindingVisibilities,
  writableFindingVisibilities,
  type EngagementRole,
  type FindingVisibility,
  type UpdateFindingBody,
  type UpdateHomeworkBody,
  type UpdateVisitBody,
  type Visit,
  type VisitScheduleItem,
  type VisitView,
} from '@banso/shared';
import type { Db } from '../../db/client.js';
import type { ServiceContext } from '../../lib/context.js';
import { recordAudit } from '../../lib/audit.js';
import { BadRequest, Conflict, Forbidden, NotFound, PreconditionFailed } from '../../lib/errors.js';
import { authorize, type EngagementAccess, loadAccess } from '../access/access.service.js';
import { enqueueNotification } from '../notifications/notifications.service.js';
import * as repo from './hearing.repository.js';

type FindingWithLinks = NonNullable<Awaited<ReturnType<typeof repo.findFinding>>>;

// Views: each is an explicit allow-list of fields.

const toVisit = (v: repo.VisitRow): Visit => ({
  view: 'full',
  id: v.id,
  engagementId: v.engagementId,
  seq: v.seq,
  kind: v.kind,
  date: v.date,
  endDate: v.endDate ?? v.date,
  venue: v.venue,
  attendees: v.attendees,
  agenda: v.agenda,
  minutes: v.minutes,
  observerSummary: v.observerSummary,
  status: v.status,
  version: v.version,
  updatedAt: v.updatedAt.toISOString(),
});

/** Observers see when a visit is, what kind, its agenda and the observer summary; never its attendees or minutes. */
const toScheduleItem = (v: repo.VisitRow): VisitScheduleItem => ({
  view: 'schedule',
  id: v.id,
  seq: v.seq,
  kind: v.kind,
  date: v.date,
  endDate: v.endDate ?? v.date,
  venue: v.venue,
  status: v.status,
  agenda: v.agenda,
  observerSummary: v.observerSummary,
});

/** A visit of several days ends on or after its first day: 400 naming the field that breaks it. */
function checkVisitSpan(date: string, endDate: string | null, path: 'body.endDate' | 'body.date') {
  if (endDate !== null && endDate < date)
    throw new BadRequest(
      `Invalid ${path}`,
      [{ path, message: 'The last day of the visit is before its first day', rule: 'end_before_start' }],
      'validation',
    );
}

const visitViewFor =
  (access: EngagementAccess) =>
  (v: repo.VisitRow): VisitView =>
    can(access, 'minutes.read') ? toVisit(v) : toScheduleItem(v);

const toFinding = (f: FindingWithLinks): Finding => ({
  id: f.finding.id,
  engagementId: f.finding.engagementId,
  visitId: f.finding.visitId,
  kind: f.finding.kind,
  text: f.finding.text,
  source: f.finding.source,
  visibility: f.finding.visibility,
  nodeIds: f.nodeIds,
  createdBy: f.finding.createdBy && f.createdByName ? { id: f.finding.createdBy, name: f.createdByName } : null,
  createdAt: f.finding.createdAt.toISOString(),
  updatedAt: f.finding.updatedAt.toISOString(),
  version: f.finding.version,
});

const toHomework = (h: repo.HomeworkRow): Homework => ({
  id: h.id,
  engagementId: h.engagementId,
  visitId: h.visitId,
  text: h.text,
  assigneeUserId: h.assigneeUserId,
  assigneeName: h.assigneeName,
  due: h.due,
  done: h.done,
  result: h.result,
  doneAt: h.doneAt ? h.doneAt.toISOString() : null,
  version: h.version,
  createdAt: h.createdAt.toISOString(),
});

async function requireVisitOf(db: Db, engagementId: string, visitId: string | null | undefined, path: string) {
  if (!visitId) return;
  if (!(await repo.findVisit(db, engagementId, visitId)))
    throw new BadRequest('Unknown visit', [{ path, message: 'No such visit in this engagement' }]);
}

// Visits

export async function listVisits(ctx: ServiceContext, engagementId: string): Promise<VisitView[]> {
  const { db } = ctx;
  const access = await authorize(ctx, engagementId, 'visit.read');
  return (await repo.listVisits(db, engagementId)).map(visitViewFor(access));
}

export async function getVisit(ctx: ServiceContext, engagementId: string, visitId: string): Promise<VisitView> {
  const { db } = ctx;
  const access = await authorize(ctx, engagementId, 'visit.read');
  const row = await repo.findVisit(db, engagementId, visitId);
  if (!row) throw new NotFound('Visit');
  return visitViewFor(access)(row);
}

export async function createVisit(ctx: ServiceContext, engagementId: string, body: CreateVisitBody): Promise<Visit> {
  const { db, actor } = ctx;
  await authorize(ctx, engagementId, 'visit.write');
  checkVisitSpan(body.date, body.endDate ?? null, 'body.endDate');
  return db.transaction(async (tx) => {
    const seq = body.seq ?? (await repo.nextVisitSeq(tx, engagementId));
    if (await repo.findVisitBySeq(tx, engagementId, seq)) throw new Conflict('seq_taken', `Visit ${seq} already exists`);
    const row = await repo.insertVisit(tx, {
      engagementId,
      seq,
      kind: body.kind,
      date: body.date,
      endDate: body.endDate && body.endDate !== body.date ? body.endDate : null,
      venue: body.venue,
      attendees: body.attendees,
      agenda: body.agenda,
    });
    const view = toVisit(row);
    await recordAudit(tx, { actorId: actor.id, engagementId, entity: 'visit', entityId: row.id, action: 'create', after: view });
    return view;
  });
}

/** Edits a visit; `status` moves only along canMoveVisit (planned → held → minutes_approved, or one step back). */
export async function updateVisit(
  ctx: ServiceContext,
  {
    engagementId,
    visitId,
    ifMatch,
    body,
  }: {
    engagementId: string;
    visitId: string;
    ifMatch: () => number;
    body: UpdateVisitBody;
  },
): Promise<Visit> {
  const { db, actor, clock } = ctx;
  // Advisors edit visits; a municipal member approves the minutes (議事録承認): `{status}` only, held ⇄ minutes_approved.
  const access = await loadAccess(db, actor, engagementId, clock.today());
  if (!access) throw new NotFound('Engagement');
  const writes = can(access, 'visit.write');
  if (!writes && !can(access, 'minutes.approve')) throw new Forbidden(`Your role (${access.role}) may not visit.write`);
  if (!writes && !Object.keys(body).every((k) => k === 'status'))
    throw new Forbidden(`Your role (${access.role}) may only approve the minutes (status)`);
  const version = ifMatch();
  return db.transaction(async (tx) => {
    const before = await repo.findVisit(tx, engagementId, visitId);
    if (!before) throw new NotFound('Visit');
    if (!writes && body.status !== undefined && body.status !== before.status && !isMinutesApproval(before.status, body.status))
      throw new Forbidden(`Your role (${access.role}) may only approve the minutes or withdraw the approval`);
    if (before.version !== version) throw new PreconditionFailed(toVisit(before));
    if (body.status !== undefined && body.status !== before.status && !canMoveVisit(before.status, body.status))
      throw new Conflict('transition_not_allowed', `A visit cannot move from ${before.status} to ${body.status}`, { from: before.status });
    if (body.seq !== undefined && body.seq !== before.seq && (await repo.findVisitBySeq(tx, engagementId, body.seq)))
      throw new Conflict('seq_taken', `Visit ${body.seq} already exists`);
    const date = body.date ?? before.date;
    const requestedEnd = body.endDate !== undefined ? body.endDate : before.endDate;
    checkVisitSpan(date, requestedEnd, body.endDate !== undefined ? 'body.endDate' : 'body.date');
    const { endDate: _end, ...rest } = body;
    const changes = {
      ...rest,
      ...(body.endDate !== undefined || body.date !== undefined
        ? { endDate: requestedEnd && requestedEnd !== date ? requestedEnd : null }
        : {}),
    };
    const row = await repo.updateVisit(tx, engagementId, visitId, version, changes, clock.now());
    if (!row) throw new PreconditionFailed(toVisit(before));
    const view = toVisit(row);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'visit',
      entityId: visitId,
      action: 'update',
      before: toVisit(before),
      after: view,
    });
    return view;
  });
}

/**
 * Deletes a visit (advisor, If-Match). Refused with 409 `visit_has_findings` while findings are
 * recorded under it (`findings`, and how many of them back tree evidence: `evidence`): a finding is
 * part of the reasoning, so it goes only by its own deletion or by moving it to another visit. Refused
 * with 409 `minutes_approved` while its minutes stand approved by the municipality (move the status
 * back first). Its homework stays, unlinked from the visit. The row is locked first, so a finding
 * recorded meanwhile either waits for the deletion or is counted.
 */
export async function deleteVisit(
  ctx: ServiceContext,
  { engagementId, visitId, ifMatch }: { engagementId: string; visitId: string; ifMatch: () => number },
): Promise<void> {
  const { db, actor } = ctx;
  await authorize(ctx, engagementId, 'visit.write');
  const version = ifMatch();
  await db.transaction(async (tx) => {
    const before = await repo.lockVisit(tx, engagementId, visitId);
    if (!before) throw new NotFound('Visit');
    if (before.version !== version) throw new PreconditionFailed(toVisit(before));
    const dependants = await repo.visitDependants(tx, engagementId, visitId);
    if (dependants.findings > 0)
      throw new Conflict(
        'visit_has_findings',
        `Visit ${before.seq} has ${dependants.findings} finding(s), ${dependants.evidence} of them evidence on the tree; delete or move them first`,
        { findings: dependants.findings, evidence: dependants.evidence },
      );
    if (before.status === 'minutes_approved')
      throw new Conflict('minutes_approved', `The minutes of visit ${before.seq} are approved; move it back to held first`);
    await repo.detachHomework(tx, engagementId, visitId);
    if ((await repo.deleteVisit(tx, engagementId, visitId, version)) === 0) throw new PreconditionFailed(toVisit(before));
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'visit',
      entityId: visitId,
      action: 'delete',
      before: { ...toVisit(before), detachedHomeworkIds: dependants.homeworkIds },
    });
  });
}

// Findings

/** Findings the caller may read: by role, via readableFindingVisibilities (observers: `observers` only). */
export async function listFindings(
  ctx: ServiceContext,
  engagementId: string,
  query: { visitId?: string | undefined; nodeId?: string | undefined },
): Promise<(Finding | ObserverFinding)[]> {
  const { db } = ctx;
  const access = await authorize(ctx, engagementId, 'engagement.read');
  const rows = await repo.listFindings(db, engagementId, { visibilities: readableFindingVisibilities(access.role), ...query });
  const findings = rows.map(toFinding);
  return access.role === 'observer' ? findings.map(toObserverFinding) : findings;
}

/** Observers' allow-list (ObserverFindingSchema picks the fields): no author. */
const toObserverFinding = (f: Finding): ObserverFinding => ObserverFindingSchema.parse({ ...f, createdBy: null });

async function validateNodes(db: Db, engagementId: string, nodeIds: readonly string[]) {
  const known = await repo.existingNodeIds(db, engagementId, nodeIds);
  const errors = nodeIds.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `body.nodeIds.${i}`, message: 'No such node in this engagement’s tree' }],
  );
  if (errors.length > 0) throw new BadRequest('Unknown tree nodes', errors);
}

/** A municipal member writes findings for the municipality or observers, never team-only ones: 400 naming body.visibility. */
function requireWritableVisibility(role: EngagementRole, visibility: FindingVisibility) {
  if (!writableFindingVisibilities(role).includes(visibility))
    throw new BadRequest('This visibility is not yours to write', [
      { path: 'body.visibility', message: `Your role (${role}) writes ${writableFindingVisibilities(role).join(' or ')} findings` },
    ]);
}

export async function createFinding(ctx: ServiceContext, engagementId: string, body: CreateFindingBody): Promise<Finding> {
  const { db, actor } = ctx;
  const access = await authorize(ctx, engagementId, 'finding.write');
  requireWritableVisibility(access.role, body.visibility);
  const nodeIds = [...new Set(body.nodeIds)];
  await requireVisitOf(db, engagementId, body.visitId, 'body.visitId');
  await validateNodes(db, engagementId, nodeIds);
  return db.transaction(async (tx) => {
    const id = await repo.insertFinding(tx, {
      engagementId,
      visitId: body.visitId ?? null,
      kind: body.kind,
      text: body.text,
      source: body.source,
      visibility: body.visibility,
      createdBy: actor.id,
    });
    await repo.replaceFindingNodes(tx, id, nodeIds);
    const row = await repo.findFinding(tx, engagementId, id);
    if (!row) throw new NotFound('Finding');
    const view = toFinding(row);
    await recordAudit(tx, { actorId: actor.id, engagementId, entity: 'finding', entityId: id, action: 'create', after: view });
    return view;
  });
}

export async function updateFinding(
  ctx: ServiceContext,
  {
    engagementId,
    findingId,
    ifMatch,
    body,
  }: {
    engagementId: string;
    findingId: string;
    ifMatch: () => number;
    body: UpdateFindingBody;
  },
): Promise<Finding> {
  const { db, actor, clock } = ctx;
  const access = await authorize(ctx, engagementId, 'finding.write');
  const version = ifMatch();
  if (body.visibility !== undefined) requireWritableVisibility(access.role, body.visibility);
  const nodeIds = body.nodeIds ? [...new Set(body.nodeIds)] : undefined;
  return db.transaction(async (tx) => {
    const before = await repo.findFinding(tx, engagementId, findingId);
    if (!before || !writableFindingVisibilities(access.role).includes(before.finding.visibility)) throw new NotFound('Finding');
    if (before.finding.version !== version) throw new PreconditionFailed(toFinding(before));
    await requireVisitOf(tx, engagementId, body.visitId, 'body.visitId');
    if (nodeIds) await validateNodes(tx, engagementId, nodeIds);
    const { nodeIds: _links, ...fields } = body;
    const updated = await repo.updateFinding(tx, engagementId, findingId, version, fields, clock.now());
    if (updated === 0) throw new PreconditionFailed(toFinding(before));
    if (nodeIds) await repo.replaceFindingNodes(tx, findingId, nodeIds);
    const row = await repo.findFinding(tx, engagementId, findingId);
    if (!row) throw new NotFound('Finding');
    const view = toFinding(row);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'finding',
      entityId: findingId,
      action: 'update',
      before: toFinding(before),
      after: view,
    });
    return view;
  });
}

export async function deleteFinding(
  ctx: ServiceContext,
  {
    engagementId,
    findingId,
    ifMatch,
  }: {
    engagementId: string;
    findingId: string;
    ifMatch: () => number;
  },
): Promise<void> {
  const { db, actor } = ctx;
  const access = await authorize(ctx, engagementId, 'finding.write');
  const version = ifMatch();
  await db.transaction(async (tx) => {
    const before = await repo.findFinding(tx, engagementId, findingId);
    if (!before || !writableFindingVisibilities(access.role).includes(before.finding.visibility)) throw new NotFound('Finding');
    if (before.finding.version !== version || (await repo.deleteFinding(tx, engagementId, findingId, version)) === 0)
      throw new PreconditionFailed(toFinding(before));
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'finding',
      entityId: findingId,
      action: 'delete',
      before: toFinding(before),
    });
  });
}

// Homework (宿題)

export async function listHomework(ctx: ServiceContext, engagementId: string): Promise<Homework[]> {
  const { db } = ctx;
  await authorize(ctx, engagementId, 'homework.read');
  return (await repo.listHomework(db, engagementId)).map(toHomework);
}

/** The assignee must be on the team (advisor or municipal member); their name is the default assignee name. */
async function requireAssignee(db: Db, engagementId: string, userId: string) {
  const member = await repo.findTeamMember(db, engagementId, userId);
  if (!member)
    throw new BadRequest('The assignee is not on the team', [{ path: 'body.assigneeUserId', message: 'Not a member of this engagement' }]);
  return member;
}

export async function createHomework(ctx: ServiceContext, engagementId: string, body: CreateHomeworkBody): Promise<Homework> {
  const { db, actor } = ctx;
  await authorize(ctx, engagementId, 'homework.write');
  await requireVisitOf(db, engagementId, body.visitId, 'body.visitId');
  const member = body.assigneeUserId ? await requireAssignee(db, engagementId, body.assigneeUserId) : undefined;
  const assigneeName = body.assigneeName ?? member?.name;
  if (!assigneeName) throw new BadRequest('Name an assignee', [{ path: 'body.assigneeName', message: 'Required without assigneeUserId' }]);
  return db.transaction(async (tx) => {
    const row = await repo.insertHomework(tx, {
      engagementId,
      visitId: body.visitId ?? null,
      text: body.text,
      assigneeUserId: member?.userId ?? null,
      assigneeName,
      due: body.due ?? null,
    });
    const view = toHomework(row);
    await recordAudit(tx, { actorId: actor.id, engagementId, entity: 'homework', entityId: row.id, action: 'create', after: view });
    if (row.assigneeUserId && row.assigneeUserId !== actor.id)
      await enqueueNotification(ctx, tx, { kind: 'homework_assigned', homeworkId: row.id, userId: row.assigneeUserId });
    return view;
  });
}

/**
 * Advisors edit any field. A municipal member may only send `{done}`, and only on homework assigned
 * to them (policy homework.complete with the assignee); anything else answers 403.
 */
export async function updateHomework(
  ctx: ServiceContext,
  {
    engagementId,
    homeworkId,
    ifMatch,
    body,
  }: {
    engagementId: string;
    homeworkId: string;
    ifMatch: () => number;
    body: UpdateHomeworkBody;
  },
): Promise<Homework> {
  const { db, actor, clock } = ctx;
  const access = await loadAccess(db, actor, engagementId, clock.today());
  if (!access) throw new NotFound('Engagement');
  // Advisors write; a municipal member may complete their own homework (checked against the row below).
  if (!can(access, 'homework.write') && !can(access, 'homework.complete', { assigneeUserId: access.userId }))
    throw new Forbidden(`Your role (${access.role}) may not change homework`);
  const onlyDone = Object.keys(body).every((k) => k === 'done' || k === 'result');
  const version = ifMatch();
  return db.transaction(async (tx) => {
    const before = await repo.findHomework(tx, engagementId, homeworkId);
    if (!before) throw new NotFound('Homework');
    if (!can(access, 'homework.write')) {
      if (!onlyDone) throw new Forbidden('Municipal members may only mark homework done and write its result');
      if (!can(access, 'homework.complete', { assigneeUserId: before.assigneeUserId }))
        throw new Forbidden('Only the assignee may mark this homework done');
    }
    if (before.version !== version) throw new PreconditionFailed(toHomework(before));
    await requireVisitOf(tx, engagementId, body.visitId, 'body.visitId');
    let assigneeUserId: string | null | undefined;
    let assigneeName = body.assigneeName;
    if (body.assigneeUserId !== undefined) {
      assigneeUserId = body.assigneeUserId;
      if (body.assigneeUserId) assigneeName ??= (await requireAssignee(tx, engagementId, body.assigneeUserId)).name;
    }
    const done = body.done;
    const row = await repo.updateHomework(tx, engagementId, homeworkId, version, {
      visitId: body.visitId,
      text: body.text,
      assigneeUserId,
      assigneeName,
      due: body.due,
      done,
      result: body.result,
      doneAt: done === undefined || done === before.done ? undefined : done ? clock.now() : null,
    });
    if (!row) throw new PreconditionFailed(toHomework(before));
    const view = toHomework(row);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'homework',
      entityId: homeworkId,
      action: 'update',
      before: toHomework(before),
      after: view,
    });
    if (row.assigneeUserId && row.assigneeUserId !== before.assigneeUserId && row.assigneeUserId !== actor.id && !row.done)
      await enqueueNotification(ctx, tx, { kind: 'homework_assigned', homeworkId, userId: row.assigneeUserId });
    return view;
  });
}

/** Deletes homework (advisor, the permission that edits it; If-Match). */
export async function deleteHomework(
  ctx: ServiceContext,
  { engagementId, homeworkId, ifMatch }: { engagementId: string; homeworkId: string; ifMatch: () => number },
): Promise<void> {
  const { db, actor } = ctx;
  await authorize(ctx, engagementId, 'homework.write');
  const version = ifMatch();
  await db.transaction(async (tx) => {
    const before = await repo.findHomework(tx, engagementId, homeworkId);
    if (!before) throw new NotFound('Homework');
    if (before.version !== version || (await repo.deleteHomework(tx, engagementId, homeworkId, version)) === 0)
      throw new PreconditionFailed(toHomework(before));
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'homework',
      entityId: homeworkId,
      action: 'delete',
      before: toHomework(before),
    });
  });
}
