import { type CreateProgramBody, type Municipality, type Program } from '@banso/shared';
import type { ServiceContext } from '../../lib/context.js';
import type { programs } from '../../db/schema/index.js';
import { recordAudit } from '../../lib/audit.js';
import { Conflict } from '../../lib/errors.js';
import { authorizeOffice } from '../access/access.service.js';
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
export async function createProgram(ctx: ServiceContext, body: CreateProgramBody): Promise<Program> {
  const { db, actor } = ctx;
  // A new program belongs to the creator's organizer.
  const { organizerId } = authorizeOffice(ctx, 'program.create');
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
