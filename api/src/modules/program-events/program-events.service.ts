/**
 * Program events (横展開): the March 報告会, 合同ヒアリング, 先進地視察 and 研修・情報交換会 of a program.
 * The program office of the program's organizer creates, edits (If-Match; the 議事録 too) and deletes
 * them and records attendance; everyone tied to the organizer — users of its jurisdiction's
 * municipalities, team members and observers of its engagements, the office (connectedToProgram, as
 * the case library) — reads them and registers themselves (参加登録) until the event is over. Others
 * find no program (404). Every write is audited.
 */
import {
  type CreateProgramEventBody,
  eventOver,
  type ProgramEvent,
  type ProgramEventAttendance,
  type ProgramEventList,
  type ProgramEventQuery,
  type RecordProgramEventAttendanceBody,
  spanIssues,
  type UpdateProgramEventBody,
} from '@banso/shared';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../../lib/audit.js';
import type { ServiceContext } from '../../lib/context.js';
import { BadRequest, Conflict, NotFound, PreconditionFailed } from '../../lib/errors.js';
import { loadProgramAccess, authorizeProgram } from '../access/access.service.js';
import { listEventMaterials } from '../attachments/attachments.service.js';
import { programReadable } from '../attachments/attachments.repository.js';
import { organizationOf } from '../attendance/attendance.repository.js';
import * as repo from './program-events.repository.js';

/** Everyone tied to the program's organizer reads its events; others find no program. Returns whether the reader manages them. */
async function requireReader(ctx: ServiceContext, programId: string): Promise<{ manageable: boolean }> {
  if (!(await programReadable(ctx.db, ctx.actor, programId, ctx.clock.today()))) throw new NotFound('Program');
  const access = await loadProgramAccess(ctx.db, ctx.actor, programId);
  return { manageable: Boolean(access) };
}

async function requireEvent(ctx: ServiceContext, programId: string, eventId: string) {
  const event = await repo.findEvent(ctx.db, programId, eventId);
  if (!event) throw new NotFound('Event');
  return event;
}

async function views(ctx: ServiceContext, rows: repo.EventRow[], manageable: boolean): Promise<ProgramEvent[]> {
  const ids = rows.map((r) => r.id);
  const engagements = await repo.engagementsOf(ctx.db, ids);
  const { counts, mine } = await repo.registrationsOf(ctx.db, ids, ctx.actor.id);
  const out: ProgramEvent[] = [];
  for (const r of rows)
    out.push({
      id: r.id,
      programId: r.programId,
      kind: r.kind,
      title: r.title,
      startDate: r.startDate,
      endDate: r.endDate,
      venue: r.venue,
      onlineUrl: r.onlineUrl,
      engagements: engagements.filter((e) => e.eventId === r.id).map((e) => ({ id: e.id, theme: e.theme, municipality: e.municipality })),
      agenda: r.agenda,
      minutes: r.minutes,
      materials: await listEventMaterials(ctx, r.id),
      registeredCount: counts.get(r.id) ?? 0,
      myRegistration: mine.get(r.id) ?? null,
      manageable,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    });
  return out;
}

async function view(ctx: ServiceContext, row: repo.EventRow, manageable: boolean): Promise<ProgramEvent> {
  const [v] = await views(ctx, [row], manageable);
  if (!v) throw new NotFound('Event');
  return v;
}

/** The audit's copy of an event: what the office wrote, without the reader's own registration. */
const auditView = (v: ProgramEvent) => {
  const { myRegistration: _m, manageable: _g, materials: _a, ...rest } = v;
  return rest;
};

function invalid(issues: { path: string; message: string; rule?: string }[]): never {
  throw new BadRequest(
    `Invalid ${issues.map((i) => i.path).join(', ')}`,
    issues.map((i) => ({ ...i })),
    'validation',
  );
}

/** The engagements must be the program's, and an agenda item's presenter one of the participants. */
async function checkParticipants(
  ctx: ServiceContext,
  programId: string,
  engagementIds: readonly string[],
  agenda: CreateProgramEventBody['agenda'],
) {
  const known = await repo.engagementsOfProgram(ctx.db, programId, engagementIds);
  const issues: { path: string; message: string; rule?: string }[] = [];
  engagementIds.forEach((id, i) => {
    if (!known.has(id)) issues.push({ path: `body.engagementIds.${i}`, message: 'No such engagement in this program' });
    if (engagementIds.indexOf(id) !== i) issues.push({ path: `body.engagementIds.${i}`, message: 'Listed twice' });
  });
  agenda.forEach((item, i) => {
    if (item.engagementId && !engagementIds.includes(item.engagementId))
      issues.push({ path: `body.agenda.${i}.engagementId`, message: 'The presenting engagement must take part in the event' });
  });
  if (issues.length > 0) invalid(issues);
}

// ── Events ──────────────────────────────────────────────────────────────────────────────────────

const encodeCursor = (r: repo.EventRow) => `${r.startDate}_${r.id}`;
function decodeCursor(cursor: string | undefined) {
  if (!cursor) return null;
  const m = /^(\d{4}-\d{2}-\d{2})_([0-9a-f-]{36})$/i.exec(cursor);
  if (!m) invalid([{ path: 'querystring.cursor', message: 'Not a cursor of this list' }]);
  return { startDate: m[1]!, id: m[2]! };
}

export async function listEvents(ctx: ServiceContext, programId: string, query: ProgramEventQuery): Promise<ProgramEventList> {
  const { manageable } = await requireReader(ctx, programId);
  const rows = await repo.listEvents(ctx.db, programId, { kind: query.kind, after: decodeCursor(query.cursor), limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: await views(ctx, page, manageable), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

export async function getEvent(ctx: ServiceContext, programId: string, eventId: string): Promise<ProgramEvent> {
  const { manageable } = await requireReader(ctx, programId);
  return view(ctx, await requireEvent(ctx, programId, eventId), manageable);
}

export async function createEvent(ctx: ServiceContext, programId: string, body: CreateProgramEventBody): Promise<ProgramEvent> {
  const { db, actor } = ctx;
  await authorizeProgram(ctx, programId, 'program_event.manage');
  const endDate = body.endDate ?? body.startDate;
  const issues = spanIssues(body.startDate, endDate, 'body.endDate');
  if (issues.length > 0) invalid(issues);
  await checkParticipants(ctx, programId, body.engagementIds, body.agenda);
  return db.transaction(async (tx) => {
    const row = await repo.insertEvent(tx, {
      programId,
      kind: body.kind,
      title: body.title,
      startDate: body.startDate,
      endDate,
      venue: body.venue,
      onlineUrl: body.onlineUrl,
      agenda: body.agenda,
      createdBy: actor.id,
    });
    await repo.setEngagements(tx, row.id, body.engagementIds);
    const created = await view({ ...ctx, db: tx }, row, true);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: null,
      entity: 'program_event',
      entityId: row.id,
      action: 'create',
      after: auditView(created),
    });
    return created;
  });
}

export async function updateEvent(
  ctx: ServiceContext,
  p: { programId: string; eventId: string; ifMatch: () => number; body: UpdateProgramEventBody },
): Promise<ProgramEvent> {
  const { db, actor, clock } = ctx;
  await authorizeProgram(ctx, p.programId, 'program_event.manage');
  const version = p.ifMatch();
  const { body } = p;
  return db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await repo.lockEvent(tx, p.programId, p.eventId);
    if (!before) throw new NotFound('Event');
    const beforeView = await view(txCtx, before, true);
    if (before.version !== version) throw new PreconditionFailed(beforeView);
    const startDate = body.startDate ?? before.startDate;
    const endDate = body.endDate ?? (body.startDate !== undefined && before.startDate === before.endDate ? startDate : before.endDate);
    const issues = spanIssues(startDate, endDate, body.endDate !== undefined ? 'body.endDate' : 'body.startDate');
    if (issues.length > 0) invalid(issues);
    const engagementIds = body.engagementIds ?? beforeView.engagements.map((e) => e.id);
    await checkParticipants(txCtx, p.programId, engagementIds, body.agenda ?? before.agenda);
    const { engagementIds: _ids, ...changes } = body;
    const row = await repo.updateEvent(tx, p.eventId, version, { ...changes, startDate, endDate }, clock.now());
    if (!row) throw new PreconditionFailed(beforeView);
    if (body.engagementIds) await repo.setEngagements(tx, p.eventId, body.engagementIds);
    const after = await view(txCtx, row, true);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: null,
      entity: 'program_event',
      entityId: p.eventId,
      action: 'update',
      before: auditView(beforeView),
      after: auditView(after),
    });
    return after;
  });
}

/** Deletes an event with its registrations and materials (their bytes too, after the commit). */
export async function deleteEvent(
  ctx: ServiceContext,
  p: { programId: string; eventId: string; ifMatch: () => number; removeFiles: (ids: string[]) => Promise<void> },
): Promise<void> {
  const { db, actor } = ctx;
  await authorizeProgram(ctx, p.programId, 'program_event.manage');
  const version = p.ifMatch();
  const materialIds = await db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await repo.lockEvent(tx, p.programId, p.eventId);
    if (!before) throw new NotFound('Event');
    const beforeView = await view(txCtx, before, true);
    if (before.version !== version || (await repo.deleteEvent(tx, p.eventId, version)) === 0) throw new PreconditionFailed(beforeView);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: null,
      entity: 'program_event',
      entityId: p.eventId,
      action: 'delete',
      before: auditView(beforeView),
    });
    return beforeView.materials.map((m) => m.id);
  });
  await p.removeFiles(materialIds);
}

// ── 参加登録 and attendance ─────────────────────────────────────────────────────────────────────────

const toAttendance =
  (userId: string) =>
  (a: repo.AttendanceWithName): ProgramEventAttendance => ({
    id: a.attendance.id,
    eventId: a.attendance.eventId,
    user: { id: a.attendance.userId, name: a.userName },
    organizationName: a.attendance.organizationName,
    status: a.attendance.status,
    mine: a.attendance.userId === userId,
    registeredAt: a.attendance.registeredAt.toISOString(),
    recordedAt: a.attendance.recordedAt ? a.attendance.recordedAt.toISOString() : null,
    version: a.attendance.version,
  });

/** Registers the reader for an event not yet over (idempotent); after its last day, 409 `event_past`. */
export async function registerMine(ctx: ServiceContext, programId: string, eventId: string): Promise<ProgramEventAttendance> {
  const { db, actor, clock } = ctx;
  await requireReader(ctx, programId);
  const event = await requireEvent(ctx, programId, eventId);
  if (eventOver(event, clock.today())) throw new Conflict('event_past', `The event ended on ${event.endDate}`);
  return db.transaction(async (tx) => {
    const organizationName = (await organizationOf(tx, actor.id)) || actor.organization || '';
    const created = await repo.insertAttendance(tx, { eventId, userId: actor.id, organizationName, registeredAt: clock.now() });
    const row = await repo.findOwnAttendance(tx, eventId, actor.id);
    if (!row) throw new NotFound('Registration');
    const v = toAttendance(actor.id)(row);
    if (created)
      await recordAudit(tx, {
        actorId: actor.id,
        engagementId: null,
        entity: 'program_event_attendance',
        entityId: v.id,
        action: 'register',
        after: v,
      });
    return v;
  });
}

/** Withdraws the reader's registration for an event not yet over (idempotent). */
export async function withdrawMine(ctx: ServiceContext, programId: string, eventId: string): Promise<void> {
  const { db, actor, clock } = ctx;
  await requireReader(ctx, programId);
  const event = await requireEvent(ctx, programId, eventId);
  if (eventOver(event, clock.today())) throw new Conflict('event_past', `The event ended on ${event.endDate}`);
  await db.transaction(async (tx) => {
    const before = await repo.findOwnAttendance(tx, eventId, actor.id);
    if (!before) return;
    await repo.deleteOwnAttendance(tx, eventId, actor.id);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: null,
      entity: 'program_event_attendance',
      entityId: before.attendance.id,
      action: 'withdraw',
      before: toAttendance(actor.id)(before),
    });
  });
}

/** The program office reads who registered and who attended. */
export async function listAttendance(ctx: ServiceContext, programId: string, eventId: string): Promise<ProgramEventAttendance[]> {
  await authorizeProgram(ctx, programId, 'program_event.attendance.record');
  await requireEvent(ctx, programId, eventId);
  return (await repo.listAttendance(ctx.db, eventId)).map(toAttendance(ctx.actor.id));
}

/** The program office records 出席 / 欠席 (If-Match). */
export async function recordAttendance(
  ctx: ServiceContext,
  p: { programId: string; eventId: string; attendanceId: string; ifMatch: () => number; body: RecordProgramEventAttendanceBody },
): Promise<ProgramEventAttendance> {
  const { db, actor, clock } = ctx;
  await authorizeProgram(ctx, p.programId, 'program_event.attendance.record');
  const version = p.ifMatch();
  await requireEvent(ctx, p.programId, p.eventId);
  const v = toAttendance(actor.id);
  return db.transaction(async (tx) => {
    const before = await repo.findAttendance(tx, p.eventId, p.attendanceId);
    if (!before) throw new NotFound('Registration');
    if (before.attendance.version !== version) throw new PreconditionFailed(v(before));
    const changed = await repo.recordAttendance(
      tx,
      { eventId: p.eventId, attendanceId: p.attendanceId, version },
      { status: p.body.status, recordedBy: actor.id, recordedAt: clock.now() },
    );
    if (changed === 0) throw new PreconditionFailed(v(before));
    const after = await repo.findAttendance(tx, p.eventId, p.attendanceId);
    if (!after) throw new NotFound('Registration');
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: null,
      entity: 'program_event_attendance',
      entityId: p.attendanceId,
      action: 'record',
      before: v(before),
      after: v(after),
    });
    return v(after);
  });
}

// ── The March pack ───────────────────────────────────────────────────────────────────────────────

export interface PackSource {
  program: { name: string };
  event: repo.EventRow;
  engagements: repo.EventEngagement[];
  /** The newest published report of each participating engagement (null where none is published). */
  reports: (repo.EventEngagement & { report: Awaited<ReturnType<typeof repo.latestPublishedReport>> | null })[];
}

/** What the pack of a 報告会 holds; 409 `not_report_meeting` for other kinds of events. */
export async function packSource(ctx: ServiceContext, programId: string, eventId: string): Promise<PackSource> {
  await requireReader(ctx, programId);
  const event = await requireEvent(ctx, programId, eventId);
  if (event.kind !== 'report_meeting') throw new Conflict('not_report_meeting', 'Only a report meeting (報告会) has a meeting pack');
  return packSourceOf(ctx.db, event);
}

/** The pack's content for an event (no authorization: the caller has checked it). */
export async function packSourceOf(db: Db, event: repo.EventRow): Promise<PackSource> {
  const program = await repo.findProgram(db, event.programId);
  if (!program) throw new NotFound('Program');
  const engagements = await repo.engagementsOf(db, [event.id]);
  const reports = [];
  for (const e of engagements) reports.push({ ...e, report: (await repo.latestPublishedReport(db, e.id)) ?? null });
  return { program: { name: program.name }, event, engagements, reports };
}
