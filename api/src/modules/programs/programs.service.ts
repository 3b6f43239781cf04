import { type CreateProgramBody, type Municipality, type Program, programScheduleIssues, type UpdateProgramBody } from '@banso/shared';
import type { ServiceContext } from '../../lib/context.js';
import type { programs } from '../../db/schema/index.js';
import { recordAudit } from '../../lib/audit.js';
import { BadRequest, Conflict, NotFound, PreconditionFailed } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/unique-violation.js';
import { authorizeOffice, authorizeProgram } from '../access/access.service.js';
import * as repo from './programs.repository.js';

type ProgramRow = typeof programs.$inferSelect;

const toProgram = (p: ProgramRow, organizer: string | null, administered: boolean): Program => ({
  id: p.id,
  fiscalYear: p.fiscalYear,
  name: p.name,
  planPeriod: p.planPeriod,
  organizer,
  visitWindows: p.visitWindows,
  reportMeeting: p.reportMeeting,
  version: p.version,
  administered,
  createdAt: p.createdAt.toISOString(),
});

export async function listPrograms(ctx: ServiceContext): Promise<Program[]> {
  const { db, actor } = ctx;
  const rows = await repo.listPrograms(db, actor);
  return rows.map((r) => toProgram(r.program, r.organizer, Boolean(r.administered)));
}

/**
 * Program office opens a program (typically the next fiscal year's). The new program belongs to the
 * creator's organizer (users.organizerId), and an office administers every program of its organizer
 * (access.service administersProgram), so the creator — and their colleagues — administer it at once.
 */
/** 400 naming each field of the schedule that falls outside the fiscal year or runs backwards. */
function checkSchedule(p: Parameters<typeof programScheduleIssues>[0]) {
  const issues = programScheduleIssues(p);
  if (issues.length > 0)
    throw new BadRequest(
      `Invalid ${issues.map((i) => `body.${i.path}`).join(', ')}`,
      issues.map((i) => ({ path: `body.${i.path}`, message: i.message, rule: i.rule })),
      'validation',
    );
}

export async function createProgram(ctx: ServiceContext, body: CreateProgramBody): Promise<Program> {
  const { db, actor } = ctx;
  // A new program belongs to the creator's organizer.
  const { organizerId } = authorizeOffice(ctx, 'program.create');
  checkSchedule(body);
  const own = await repo.latestProgramOf(db, organizerId);
  const organizer = (await repo.organizerName(db, organizerId)) ?? null;
  if (await repo.findProgramByName(db, body.fiscalYear, body.name))
    throw new Conflict('program_exists', `A program named ${body.name} already exists for ${body.fiscalYear}`);
  const row = await db.transaction(async (tx) => {
    const created = await repo.insertProgram(tx, {
      fiscalYear: body.fiscalYear,
      name: body.name,
      planPeriod: body.planPeriod ?? own?.planPeriod ?? null,
      organizerId,
      visitWindows: body.visitWindows,
      reportMeeting: body.reportMeeting ?? null,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: null,
      entity: 'program',
      entityId: created.id,
      action: 'create',
      after: toProgram(created, organizer, true),
    });
    return created;
  });
  return toProgram(row, organizer, true);
}

/**
 * The office edits a program it administers (If-Match: the program's version). The schedule is
 * checked whole against the (possibly new) fiscal year. The organizer is not editable here.
 */
export async function updateProgram(
  ctx: ServiceContext,
  { id, ifMatch, body }: { id: string; ifMatch: () => number; body: UpdateProgramBody },
): Promise<Program> {
  const { db, actor } = ctx;
  await authorizeProgram(ctx, id, 'program.update');
  const version = ifMatch();
  const before = await repo.findProgram(db, id);
  if (!before) throw new NotFound('Program');
  const organizer = (await repo.organizerName(db, before.organizerId)) ?? null;
  const merged = {
    fiscalYear: body.fiscalYear ?? before.fiscalYear,
    name: body.name ?? before.name,
    planPeriod: body.planPeriod !== undefined ? body.planPeriod : before.planPeriod,
    visitWindows: body.visitWindows ?? before.visitWindows,
    reportMeeting: body.reportMeeting !== undefined ? body.reportMeeting : before.reportMeeting,
  };
  checkSchedule(merged);
  if (
    (merged.fiscalYear !== before.fiscalYear || merged.name !== before.name) &&
    (await repo.findProgramByName(db, merged.fiscalYear, merged.name))
  )
    throw new Conflict('program_exists', `A program named ${merged.name} already exists for ${merged.fiscalYear}`);
  try {
    const row = await db.transaction(async (tx) => {
      const updated = await repo.updateProgram(tx, id, version, merged);
      if (!updated) {
        const current = await repo.findProgram(tx, id);
        throw new PreconditionFailed(current ? toProgram(current, organizer, true) : undefined);
      }
      await recordAudit(tx, {
        actorId: actor.id,
        engagementId: null,
        entity: 'program',
        entityId: id,
        action: 'update',
        before: toProgram(before, organizer, true),
        after: toProgram(updated, organizer, true),
      });
      return updated;
    });
    return toProgram(row, organizer, true);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new Conflict('program_exists', `A program named ${merged.name} already exists for ${merged.fiscalYear}`);
    throw error;
  }
}

export async function listMunicipalities({ db }: ServiceContext): Promise<Municipality[]> {
  const rows = await repo.listMunicipalities(db);
  return rows.map((m) => ({
    id: m.id,
    code: m.code,
    name: m.name,
    category: m.category,
    regionType: m.regionType,
    population: m.population,
    agingRate: m.agingRate,
    pop85Rate: m.pop85Rate,
    neighbourIds: m.neighbourIds,
  }));
}
