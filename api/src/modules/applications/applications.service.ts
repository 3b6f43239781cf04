/**
 * 希望制: municipalities apply to a (next year's) program; the program office compares the
 * applicants side by side and selects, which creates the engagement with its team. The program
 * aims at one 区部, one 市部 and one 町村部: a second of a category needs `force`.
 */
import {
  type AdvisorCandidate,
  type Application,
  type ApplicationList,
  can,
  type CreateApplicationBody,
  fiscalYearOf,
  type SelectApplicationBody,
  type SelectionResult,
  type UpdateApplicationBody,
  caseCategoryLabels,
} from '@banso/shared';
import type { Db } from '../../db/client.js';
import type { ServiceContext } from '../../lib/context.js';
import { recordAudit } from '../../lib/audit.js';
import { BadRequest, Conflict, Forbidden, NotFound, PreconditionFailed } from '../../lib/errors.js';
import * as engagementsRepo from '../engagements/engagements.repository.js';
import { openEngagement } from '../engagements/engagements.service.js';
import * as teamsRepo from '../teams/teams.repository.js';
import { authorizeProgram, loadProgramAccess } from '../access/access.service.js';
import { findProgram } from '../programs/programs.repository.js';
import * as repo from './applications.repository.js';

type Program = NonNullable<Awaited<ReturnType<typeof findProgram>>>;

async function programContext(ctx: ServiceContext, programId: string) {
  const { db, actor } = ctx;
  const program = await findProgram(db, programId);
  if (!program) throw new NotFound('Program');
  const access = await loadProgramAccess(db, actor, programId);
  return { program, office: can(access ?? null, 'application.review') };
}

async function toApplications(db: Db, program: Program, rows: repo.ApplicationWithMunicipality[]): Promise<Application[]> {
  const ids = rows.map((r) => r.municipality.id);
  const values = await repo.latestIndicatorValues(db, ids);
  const previous = await repo.previousEngagements(db, program, ids);
  return rows.map(({ application: a, municipality: m, applicantName }) => {
    const prev = previous.find((p) => p.municipalityId === m.id);
    return {
      id: a.id,
      programId: a.programId,
      municipality: {
        id: m.id,
        code: m.code,
        name: m.name,
        category: m.category,
        regionType: m.regionType,
        population: m.population,
        agingRate: m.agingRate,
        pop85Rate: m.pop85Rate,
      },
      theme: a.theme,
      motivation: a.motivation,
      contactName: a.contactName,
      contactEmail: a.contactEmail,
      contactPhone: a.contactPhone,
      status: a.status,
      applicant: a.applicantId ? { id: a.applicantId, name: applicantName ?? '' } : null,
      previousEngagement: prev ? { id: prev.id, fiscalYear: prev.fiscalYear, theme: prev.theme } : null,
      engagementId: a.engagementId,
      indicators: values
        .filter((v) => v.municipalityId === m.id)
        .map((v) => ({ code: v.code, name: v.name, unit: v.unit, direction: v.direction, period: v.period, value: v.value }))
        .sort((x, y) => x.code.localeCompare(y.code)),
      decidedAt: a.decidedAt ? a.decidedAt.toISOString() : null,
      createdAt: a.createdAt.toISOString(),
      version: a.version,
    };
  });
}

async function loadOne(db: Db, program: Program, applicationId: string): Promise<Application> {
  const row = await repo.getApplication(db, program.id, applicationId);
  if (!row) throw new NotFound('Application');
  const [app] = await toApplications(db, program, [row]);
  return app!;
}

export async function listApplications(ctx: ServiceContext, programId: string): Promise<ApplicationList> {
  const { db, actor } = ctx;
  const { program, office } = await programContext(ctx, programId);
  if (!office && !actor.municipalityId) throw new Forbidden('Only the program office and municipal staff see applications');
  const rows = await repo.listApplications(db, programId, office ? null : actor.municipalityId);
  const taken = await repo.takenCategories(db, programId);
  return {
    program: { id: program.id, name: program.name, fiscalYear: program.fiscalYear },
    administered: office,
    items: await toApplications(db, program, rows),
    selectedCategories: [...new Set(taken.map((t) => t.category))],
  };
}

/** The application if the actor may see it: program office, or staff of the applying municipality (others: 404). */
async function visibleApplication(ctx: ServiceContext, programId: string, applicationId: string) {
  const { db, actor } = ctx;
  const pc = await programContext(ctx, programId);
  const row = await repo.getApplication(db, programId, applicationId);
  if (!row || (!pc.office && row.application.municipalityId !== actor.municipalityId)) throw new NotFound('Application');
  return { ...pc, row };
}

export async function getApplication(ctx: ServiceContext, programId: string, applicationId: string): Promise<Application> {
  const { db } = ctx;
  const { program } = await visibleApplication(ctx, programId, applicationId);
  return loadOne(db, program, applicationId);
}

export async function createApplication(ctx: ServiceContext, programId: string, body: CreateApplicationBody): Promise<Application> {
  const { db, actor, clock } = ctx;
  const program = await findProgram(db, programId);
  if (!program) throw new NotFound('Program');
  const municipalityId = actor.municipalityId;
  if (!municipalityId) throw new Forbidden('Only municipal staff apply, for their own municipality');
  if (program.fiscalYear < fiscalYearOf(clock.today()))
    throw new Conflict('program_closed', `Applications to a past fiscal year's program (${program.fiscalYear}) are closed`);
  if (await engagementsRepo.findEngagementOf(db, programId, municipalityId))
    throw new Conflict('already_in_program', 'Your municipality already has an engagement in this program');
  const id = await db.transaction(async (tx) => {
    const existing = await repo.findApplicationOf(tx, programId, municipalityId);
    const values = {
      theme: body.theme,
      motivation: body.motivation,
      contactName: body.contactName,
      contactEmail: body.contactEmail,
      contactPhone: body.contactPhone ?? '',
      applicantId: actor.id,
      updatedAt: clock.now(),
    };
    if (existing && existing.status !== 'withdrawn')
      throw new Conflict('already_applied', 'Your municipality has applied to this program already; edit that application');
    const row = existing
      ? await repo.updateApplication(tx, programId, existing.id, existing.version, {
          ...values,
          status: 'submitted',
          decidedAt: null,
          decidedBy: null,
        })
      : await repo.insertApplication(tx, { ...values, programId, municipalityId, createdAt: clock.now() });
    if (!row) throw new Conflict('already_applied', 'The application changed meanwhile; try again');
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: null,
      entity: 'application',
      entityId: row.id,
      action: existing ? 'resubmit' : 'create',
      before: existing ? { status: existing.status } : undefined,
      after: { programId, municipalityId, theme: row.theme },
    });
    return row.id;
  });
  return loadOne(db, program, id);
}

export async function updateApplication(
  ctx: ServiceContext,
  {
    programId,
    applicationId,
    body,
    ifMatchOf,
  }: {
    programId: string;
    applicationId: string;
    body: UpdateApplicationBody;
    ifMatchOf: () => number;
  },
): Promise<Application> {
  const { db, actor, clock } = ctx;
  const { program, row } = await visibleApplication(ctx, programId, applicationId);
  if (row.application.municipalityId !== actor.municipalityId) throw new Forbidden('Only the applying municipality edits its application');
  // Read after the access checks: a caller without the permission gets 403/404, not 428.
  const ifMatch = ifMatchOf();
  await db.transaction(async (tx) => {
    const current = await repo.getApplication(tx, programId, applicationId);
    if (!current) throw new NotFound('Application');
    if (current.application.status !== 'submitted')
      throw new Conflict('application_decided', `The application is ${current.application.status} and can no longer change`);
    if (current.application.version !== ifMatch) throw new PreconditionFailed(await loadOne(tx, program, applicationId));
    const { withdraw, ...fields } = body;
    const updated = await repo.updateApplication(tx, programId, applicationId, ifMatch, {
      ...fields,
      ...(withdraw ? { status: 'withdrawn' as const } : {}),
      updatedAt: clock.now(),
    });
    if (!updated) throw new PreconditionFailed(await loadOne(tx, program, applicationId));
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: null,
      entity: 'application',
      entityId: applicationId,
      action: withdraw ? 'withdraw' : 'update',
      before: { theme: current.application.theme, status: current.application.status },
      after: { theme: updated.theme, status: updated.status },
    });
  });
  return loadOne(db, program, applicationId);
}

async function requireOffice(ctx: ServiceContext, programId: string) {
  const pc = await programContext(ctx, programId);
  await authorizeProgram(ctx, programId, 'application.select');
  return pc.program;
}

export async function selectApplication(
  ctx: ServiceContext,
  {
    programId,
    applicationId,
    body,
    ifMatchOf,
  }: {
    programId: string;
    applicationId: string;
    body: SelectApplicationBody;
    ifMatchOf: () => number;
  },
): Promise<SelectionResult> {
  const { db, actor, clock } = ctx;
  const program = await requireOffice(ctx, programId);
  const ifMatch = ifMatchOf();
  const advisorIds = [...new Set(body.advisorIds)];
  const advisors = await repo.findAdvisors(db, advisorIds);
  const unknown = body.advisorIds.flatMap((id, index) =>
    advisors.some((a) => a.id === id)
      ? []
      : [{ path: `body.advisorIds.${index}`, message: 'Not an advisor (unknown, inactive, municipal staff or program office)' }],
  );
  if (unknown.length > 0) throw new BadRequest('Choose advisors from the advisor candidates', unknown);

  let warning: string | null = null;
  const engagementId = await db.transaction(async (tx) => {
    const current = await repo.getApplication(tx, programId, applicationId);
    if (!current) throw new NotFound('Application');
    const a = current.application;
    if (a.status !== 'submitted') throw new Conflict('application_decided', `The application is already ${a.status}`);
    if (a.version !== ifMatch) throw new PreconditionFailed(await loadOne(tx, program, applicationId));
    if (await engagementsRepo.findEngagementOf(tx, programId, a.municipalityId))
      throw new Conflict('already_in_program', `${current.municipality.name} already has an engagement in this program`);
    const taken = (await repo.takenCategories(tx, programId, a.municipalityId)).filter((t) => t.category === current.municipality.category);
    if (taken.length > 0) {
      const message = `${caseCategoryLabels[current.municipality.category]}は既に選定済みです(${taken.map((t) => t.name).join('、')})`;
      if (!body.force) throw new Conflict('category_taken', message, { takenBy: taken.map((t) => t.name) });
      warning = message;
    }
    const [previous] = await repo.previousEngagements(tx, program, [a.municipalityId]);
    const { row: engagement, copied: carried } = await openEngagement(
      tx,
      {
        programId,
        municipalityId: a.municipalityId,
        theme: a.theme,
        desiredState: body.desiredState ?? '',
        status: 'selected',
        previousEngagementId: previous?.id ?? null,
        createdAt: clock.now(),
        updatedAt: clock.now(),
      },
      previous && body.carryOver !== false
        ? { sourceId: previous.id, actorId: actor.id, summary: `${previous.fiscalYear}年度から継続(選定時)` }
        : undefined,
    );
    await teamsRepo.insertMembers(tx, [
      ...advisors.map((adv) => ({ engagementId: engagement.id, userId: adv.id, teamRole: 'advisor' as const, title: adv.title })),
      ...(a.applicantId
        ? [{ engagementId: engagement.id, userId: a.applicantId, teamRole: 'municipal_member' as const, title: null }]
        : []),
    ]);
    const decided = await repo.updateApplication(tx, programId, applicationId, ifMatch, {
      status: 'selected',
      engagementId: engagement.id,
      decidedBy: actor.id,
      decidedAt: clock.now(),
      updatedAt: clock.now(),
    });
    if (!decided) throw new PreconditionFailed(await loadOne(tx, program, applicationId));
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: engagement.id,
      entity: 'engagement',
      entityId: engagement.id,
      action: 'create_from_application',
      after: {
        applicationId,
        programId,
        municipalityId: a.municipalityId,
        theme: a.theme,
        advisorIds,
        previousEngagementId: previous?.id ?? null,
        carried,
        forced: warning !== null,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: engagement.id,
      entity: 'application',
      entityId: applicationId,
      action: 'select',
      before: { status: 'submitted' },
      after: { status: 'selected', engagementId: engagement.id },
    });
    return engagement.id;
  });
  return { application: await loadOne(db, program, applicationId), engagementId, warning };
}

export async function declineApplication(
  ctx: ServiceContext,
  {
    programId,
    applicationId,
    ifMatchOf,
  }: {
    programId: string;
    applicationId: string;
    ifMatchOf: () => number;
  },
): Promise<Application> {
  const { db, actor, clock } = ctx;
  const program = await requireOffice(ctx, programId);
  const ifMatch = ifMatchOf();
  await db.transaction(async (tx) => {
    const current = await repo.getApplication(tx, programId, applicationId);
    if (!current) throw new NotFound('Application');
    if (current.application.status !== 'submitted')
      throw new Conflict('application_decided', `The application is already ${current.application.status}`);
    if (current.application.version !== ifMatch) throw new PreconditionFailed(await loadOne(tx, program, applicationId));
    const updated = await repo.updateApplication(tx, programId, applicationId, ifMatch, {
      status: 'declined',
      decidedBy: actor.id,
      decidedAt: clock.now(),
      updatedAt: clock.now(),
    });
    if (!updated) throw new PreconditionFailed(await loadOne(tx, program, applicationId));
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: null,
      entity: 'application',
      entityId: applicationId,
      action: 'decline',
      before: { status: 'submitted' },
      after: { status: 'declined' },
    });
  });
  return loadOne(db, program, applicationId);
}

export async function listAdvisorCandidates(ctx: ServiceContext, programId: string): Promise<AdvisorCandidate[]> {
  const { db } = ctx;
  const program = await requireOffice(ctx, programId);
  return repo.advisorCandidates(db, program);
}
