import {
  type ContinuationBody,
  type CreateEngagementBody,
  type EngagementDetail,
  type EngagementRole,
  type EngagementStatus,
  type EngagementSummary,
  canMoveEngagement,
  fiscalYearLabel,
  hasReachedStatus,
  meanProgress,
  nextEngagementStatuses,
  progressTowardTarget,
  type PortfolioItem,
  type PortfolioQuery,
  type Readiness,
  type RoadmapGap,
  roadmapGaps,
  type UpdateEngagementBody,
  afterRoadmapWithdrawal,
  canAgreeRoadmap,
  canProposeRoadmap,
  canWithdrawRoadmapAgreement,
  roadmapAgreementAfterMove,
  roadmapAgreementState,
  type RoadmapAgreementState,
  statusChangeTargets,
} from '@banso/shared';
import type { Db } from '../../db/client.js';
import type { ServiceContext } from '../../lib/context.js';
import type { municipalities } from '../../db/schema/index.js';
import { recordAudit } from '../../lib/audit.js';
import { BadRequest, Conflict, NotFound, PreconditionFailed } from '../../lib/errors.js';
import { authorize, authorizeOffice, authorizeProgram, type EngagementRow, lockEngagement, roleOf } from '../access/access.service.js';
import { findProgram } from '../programs/programs.repository.js';
import * as actionsRepo from '../actions/actions.repository.js';
import * as roadmapRepo from '../roadmap/roadmap.repository.js';
import { enqueueNotification } from '../notifications/notifications.service.js';
import * as teamsRepo from '../teams/teams.repository.js';
import * as treeRepo from '../tree/tree.repository.js';
import * as repo from './engagements.repository.js';

type MunicipalityRow = typeof municipalities.$inferSelect;

function toSummary(
  e: EngagementRow,
  m: MunicipalityRow,
  fiscalYear: number,
  myRole: EngagementRole,
  delayedMilestones: number,
): EngagementSummary {
  return {
    id: e.id,
    programId: e.programId,
    fiscalYear,
    municipality: {
      id: m.id,
      code: m.code,
      name: m.name,
      category: m.category,
      regionType: m.regionType,
      population: m.population,
      agingRate: m.agingRate,
    },
    theme: e.theme,
    desiredState: e.desiredState,
    status: e.status,
    myRole,
    delayedMilestones,
    previousEngagementId: e.previousEngagementId,
    version: e.version,
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** The plain fields of an engagement row, as recorded in the audit log. */
const auditView = (e: EngagementRow) => ({
  id: e.id,
  programId: e.programId,
  municipalityId: e.municipalityId,
  theme: e.theme,
  desiredState: e.desiredState,
  status: e.status,
  previousEngagementId: e.previousEngagementId,
  version: e.version,
});

export async function listEngagements(ctx: ServiceContext): Promise<EngagementSummary[]> {
  const { db, actor, clock } = ctx;
  const rows = await repo.listVisibleEngagements(db, actor, clock.today());
  return rows.flatMap((r) => {
    const role = roleOf(r.memberRole, Boolean(r.observing), Boolean(r.administers));
    return role ? [toSummary(r.engagement, r.municipality, r.fiscalYear, role, r.delayedMilestones)] : [];
  });
}

async function detail(db: Db, id: string, role: EngagementRole, today: string): Promise<EngagementDetail> {
  const row = await repo.getEngagementWithProgram(db, id, today);
  if (!row) throw new NotFound('Engagement');
  const e = row.engagement;
  // Observers see that the roadmap is proposed and agreed, and when; never by whom.
  const person = (userId: string | null, name: string | null) =>
    userId && name !== null && role !== 'observer' ? { id: userId, name } : null;
  return {
    ...toSummary(e, row.municipality, row.program.fiscalYear, role, row.delayedMilestones),
    roadmapAgreement: {
      state: roadmapAgreementState({ proposedAt: e.roadmapProposedAt, agreedAt: e.roadmapAgreedAt }),
      proposedBy: person(e.roadmapProposedBy, row.proposedByName),
      proposedAt: e.roadmapProposedAt?.toISOString() ?? null,
      agreedBy: person(e.roadmapAgreedBy, row.agreedByName),
      agreedAt: e.roadmapAgreedAt?.toISOString() ?? null,
    },
    program: {
      id: row.program.id,
      name: row.program.name,
      fiscalYear: row.program.fiscalYear,
      planPeriod: row.program.planPeriod,
      visitWindows: row.program.visitWindows,
      reportMeeting: row.program.reportMeeting,
    },
  };
}

export async function getEngagement(ctx: ServiceContext, id: string): Promise<EngagementDetail> {
  const { db, clock } = ctx;
  const access = await authorize(ctx, id, 'engagement.read');
  return detail(db, id, access.role, clock.today());
}

/** Checks that the actor administers `programId`: unknown program → 400 naming the field, another office's → 403. */
async function requireAdministeredProgram(ctx: ServiceContext, programId: string) {
  const { db } = ctx;
  const program = await findProgram(db, programId);
  if (!program) throw new BadRequest('Unknown program', [{ path: 'body.programId', message: 'No such program' }]);
  await authorizeProgram(ctx, programId, 'engagement.create');
  return program;
}

/**
 * The one way an engagement comes to be — the office's create, a continuation, an application's
 * selection: its row and its tree, empty or copied from the engagement it continues (see
 * copyIntoContinuation). Call inside the caller's transaction.
 */
export async function openEngagement(
  tx: Db,
  values: repo.EngagementInsert,
  continueFrom?: { sourceId: string; actorId: string; summary: string },
): Promise<{ row: EngagementRow; copied: Awaited<ReturnType<typeof copyIntoContinuation>> | null }> {
  const row = await repo.insertEngagement(tx, values);
  if (!continueFrom) {
    // An empty logic tree (revision 0); the first batch of the tree editor adds the goal.
    await treeRepo.ensureTree(tx, row.id);
    return { row, copied: null };
  }
  return { row, copied: await copyIntoContinuation(tx, { ...continueFrom, targetId: row.id }) };
}

/**
 * Copies an engagement's logic tree, open actions, their verification plans and the team into
 * `target` (a fresh engagement): new ids everywhere, each copy linked to its origin; the tree starts
 * at revision 1 with a snapshot. Roadmap items, milestones and measurements stay behind: the new
 * year plans its own roadmap. Each table is written by its own module's repository.
 */
async function copyIntoContinuation(tx: Db, opts: { sourceId: string; targetId: string; actorId: string; summary: string }) {
  const nodeIds = await treeRepo.copyTree(tx, opts);
  const actionIds = await actionsRepo.copyOpenActions(tx, opts.sourceId, opts.targetId, nodeIds);
  const plans = await roadmapRepo.copyPlans(tx, opts.targetId, actionIds, nodeIds);
  const members = await teamsRepo.copyMembers(tx, opts.sourceId, opts.targetId);
  return { nodes: nodeIds.size, actions: actionIds.size, plans, members };
}

export async function createEngagement(ctx: ServiceContext, body: CreateEngagementBody): Promise<EngagementDetail> {
  const { db, actor, clock } = ctx;
  // Someone with no program office is refused before the body is looked at.
  authorizeOffice(ctx, 'engagement.create');
  await requireAdministeredProgram(ctx, body.programId);
  const municipality = await repo.findMunicipality(db, body.municipalityId);
  if (!municipality) throw new BadRequest('Unknown municipality', [{ path: 'body.municipalityId', message: 'No such municipality' }]);
  if (await repo.findEngagementOf(db, body.programId, body.municipalityId))
    throw new Conflict('engagement_exists', `${municipality.name} already has an engagement in this program`);
  const created = await db.transaction(async (tx) => {
    const { row } = await openEngagement(tx, {
      programId: body.programId,
      municipalityId: body.municipalityId,
      theme: body.theme,
      desiredState: body.desiredState,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: row.id,
      entity: 'engagement',
      entityId: row.id,
      action: 'create',
      after: auditView(row),
    });
    return row;
  });
  return detail(db, created.id, 'program_office', clock.today());
}

export async function updateEngagement(
  ctx: ServiceContext,
  { id, ifMatch, body }: { id: string; ifMatch: () => number; body: UpdateEngagementBody },
): Promise<EngagementDetail> {
  const { db, actor, clock } = ctx;
  // Theme and 目指す姿: the office, and the team once the hearing has shown what the municipality aims at.
  const access = await authorize(ctx, id, 'engagement.vision');
  const version = ifMatch();
  const before = access.engagement;
  const changes = {
    ...(body.theme !== undefined ? { theme: body.theme } : {}),
    ...(body.desiredState !== undefined ? { desiredState: body.desiredState } : {}),
  };
  await db.transaction(async (tx) => {
    const row = await repo.updateEngagement(tx, id, version, changes, clock.now());
    if (!row) throw new PreconditionFailed(await detail(tx, id, access.role, clock.today()));
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: id,
      entity: 'engagement',
      entityId: id,
      action: 'update',
      before: auditView(before),
      after: auditView(row),
    });
  });
  return detail(db, id, access.role, clock.today());
}

async function gapsOf(db: Db, engagementId: string): Promise<RoadmapGap[]> {
  return roadmapGaps(await repo.loadReadiness(db, engagementId), await repo.loadNodePlanReadiness(db, engagementId));
}

/**
 * Inside a write that can break readiness, after the write and under the engagement's lock (see
 * lockEngagement): an engagement that has reached roadmap_agreed keeps every action's roadmap item
 * and complete verification plan, so the write is refused (409 roadmap_incomplete) and rolled back.
 */
export async function keepAgreedRoadmapComplete(tx: Db, engagementId: string): Promise<void> {
  const engagement = await lockEngagement(tx, engagementId);
  if (!engagement || !hasReachedStatus(engagement.status, 'roadmap_agreed')) return;
  const missing = await gapsOf(tx, engagementId);
  if (missing.length > 0)
    throw new Conflict('roadmap_incomplete', 'The agreed roadmap needs every action’s roadmap item and a complete verification plan', {
      missing,
    });
}

export async function getReadiness(ctx: ServiceContext, id: string): Promise<Readiness> {
  const { db } = ctx;
  const access = await authorize(ctx, id, 'engagement.readiness');
  const missing = await gapsOf(db, id);
  return {
    status: access.engagement.status,
    nextStatuses: statusChangeTargets(access.engagement.status),
    ready: missing.length === 0,
    missing,
    version: access.engagement.version,
  };
}

/**
 * Moves the engagement along the workflow. A stale If-Match answers 412 before any rule is
 * checked; moves outside the transition table answer 409 transition_not_allowed; roadmap_agreed
 * is refused (409 roadmap_incomplete, with `missing`) while an action lacks its roadmap item or a
 * complete verification plan. The gate is checked inside the transaction that writes the status.
 */
export async function moveStatus(
  ctx: ServiceContext,
  { id, ifMatch, status }: { id: string; ifMatch: () => number; status: EngagementStatus },
): Promise<EngagementDetail> {
  const { db, actor, clock } = ctx;
  const access = await authorize(ctx, id, 'engagement.status');
  const version = ifMatch();
  const current = access.engagement;
  if (current.version !== version) throw new PreconditionFailed(await detail(db, id, access.role, clock.today()));
  if (!canMoveEngagement(current.status, status))
    throw new Conflict('transition_not_allowed', `An engagement cannot move from ${current.status} to ${status}`, {
      from: current.status,
      allowed: nextEngagementStatuses(current.status),
    });
  // roadmap_agreed is reached by the two-party agreement (agreeRoadmap), not by a status move; stepping back from monitoring keeps it.
  if (status === 'roadmap_agreed' && current.status === 'actions_selected')
    throw new Conflict('roadmap_agreement_required', 'The team proposes the roadmap and a municipal member agrees to it', {
      state: roadmapAgreementState({ proposedAt: current.roadmapProposedAt, agreedAt: current.roadmapAgreedAt }),
    });
  await db.transaction(async (tx) => {
    const locked = await lockEngagement(tx, id);
    if (!locked || locked.version !== version) throw new PreconditionFailed(await detail(tx, id, access.role, clock.today()));
    const state = roadmapAgreementState({ proposedAt: locked.roadmapProposedAt, agreedAt: locked.roadmapAgreedAt });
    const after = roadmapAgreementAfterMove(status, state);
    const row = await repo.updateEngagement(tx, id, version, { status, ...agreementFields(after, locked) }, clock.now());
    if (!row) throw new PreconditionFailed(await detail(tx, id, access.role, clock.today()));
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: id,
      entity: 'engagement',
      entityId: id,
      action: 'status',
      before: { status: current.status, version: current.version },
      after: { status: row.status, version: row.version },
    });
  });
  return detail(db, id, access.role, clock.today());
}

/** The stored columns of an agreement state, keeping what remains of `current`'s proposal and agreement. */
function agreementFields(state: RoadmapAgreementState, current: EngagementRow) {
  return {
    roadmapProposedBy: state === 'none' ? null : current.roadmapProposedBy,
    roadmapProposedAt: state === 'none' ? null : current.roadmapProposedAt,
    roadmapAgreedBy: state === 'agreed' ? current.roadmapAgreedBy : null,
    roadmapAgreedAt: state === 'agreed' ? current.roadmapAgreedAt : null,
  };
}

type AgreementStep = 'propose' | 'agree' | 'withdraw';
const stepAction = { propose: 'roadmap.propose', agree: 'roadmap.agree', withdraw: 'roadmap.withdraw' } as const;

/**
 * ロードマップ合意, one step of it (see roadmapAgreementState in shared): the team proposes, a
 * municipal member agrees (the engagement becomes roadmap_agreed), either withdraws before
 * monitoring. If-Match on the engagement (412 before any rule); the rules and the completeness gate
 * are checked under the engagement's row lock (lockEngagement), so two agreements pressed at once
 * on two replicas give one agreement and one 412. Audited as `roadmap_<step>`.
 */
export async function roadmapAgreementStep(
  ctx: ServiceContext,
  { id, ifMatch, step }: { id: string; ifMatch: () => number; step: AgreementStep },
): Promise<EngagementDetail> {
  const { db, actor, clock } = ctx;
  const access = await authorize(ctx, id, stepAction[step]);
  const version = ifMatch();
  await db.transaction(async (tx) => {
    const current = await lockEngagement(tx, id);
    if (!current) throw new NotFound('Engagement');
    if (current.version !== version) throw new PreconditionFailed(await detail(tx, id, access.role, clock.today()));
    const state = roadmapAgreementState({ proposedAt: current.roadmapProposedAt, agreedAt: current.roadmapAgreedAt });
    const now = clock.now();
    let changes: Parameters<typeof repo.updateEngagement>[3];
    if (step === 'withdraw') {
      if (state === 'none') throw new Conflict('roadmap_not_proposed', 'There is no proposal or agreement to withdraw', { state });
      if (!canWithdrawRoadmapAgreement(current.status, state))
        throw new Conflict('roadmap_agreement_locked', 'Monitoring has started: the agreement stands', { from: current.status });
      const after = afterRoadmapWithdrawal(state);
      changes = { status: after.status, ...agreementFields(after.state, current) };
    } else {
      if (step === 'propose' && !canProposeRoadmap(current.status, state)) {
        if (state !== 'none') throw new Conflict('roadmap_already_proposed', 'The roadmap is already proposed', { state });
        throw new Conflict('transition_not_allowed', 'The roadmap is proposed once the actions are selected', {
          from: current.status,
          allowed: nextEngagementStatuses(current.status),
        });
      }
      if (step === 'agree' && !canAgreeRoadmap(current.status, state)) {
        if (state === 'none') throw new Conflict('roadmap_not_proposed', 'The team has not proposed the roadmap yet', { state });
        throw new Conflict('transition_not_allowed', `The roadmap cannot be agreed at ${current.status}`, { from: current.status, state });
      }
      const missing = await gapsOf(tx, id);
      if (missing.length > 0)
        throw new Conflict('roadmap_incomplete', 'Every action needs a roadmap item and a complete verification plan', { missing });
      changes =
        step === 'propose'
          ? { roadmapProposedBy: actor.id, roadmapProposedAt: now }
          : { status: 'roadmap_agreed', roadmapAgreedBy: actor.id, roadmapAgreedAt: now };
    }
    const row = await repo.updateEngagement(tx, id, version, changes, now);
    if (!row) throw new PreconditionFailed(await detail(tx, id, access.role, clock.today()));
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: id,
      entity: 'engagement',
      entityId: id,
      action: `roadmap_${step}`,
      before: { status: current.status, agreement: state, version: current.version },
      after: {
        status: row.status,
        agreement: roadmapAgreementState({ proposedAt: row.roadmapProposedAt, agreedAt: row.roadmapAgreedAt }),
        version: row.version,
      },
    });
    if (step === 'propose' && row.roadmapProposedAt)
      await enqueueNotification(ctx, tx, {
        kind: 'roadmap_agreement_requested',
        engagementId: id,
        proposedAt: row.roadmapProposedAt.toISOString(),
      });
  });
  return detail(db, id, access.role, clock.today());
}

/**
 * Continues an engagement into a later fiscal year's program: a new engagement for the same
 * municipality, linked by previousEngagementId, with a copy of the tree, the open actions, their
 * verification plans and the team (openEngagement). One transaction, audited on both.
 */
export async function continueEngagement(ctx: ServiceContext, id: string, body: ContinuationBody): Promise<EngagementDetail> {
  const { db, actor, clock } = ctx;
  const access = await authorize(ctx, id, 'engagement.continue');
  const source = access.engagement;
  const target = await requireAdministeredProgram(ctx, body.programId);
  const sourceProgram = await findProgram(db, source.programId);
  if (!sourceProgram) throw new NotFound('Program');
  if (target.fiscalYear <= sourceProgram.fiscalYear)
    throw new Conflict('not_a_later_year', `A continuation goes into a later fiscal year than ${sourceProgram.fiscalYear}`);
  if (await repo.findEngagementOf(db, target.id, source.municipalityId))
    throw new Conflict('engagement_exists', 'The municipality already has an engagement in that program');
  const created = await db.transaction(async (tx) => {
    const { row, copied } = await openEngagement(
      tx,
      {
        programId: target.id,
        municipalityId: source.municipalityId,
        theme: source.theme,
        desiredState: source.desiredState,
        previousEngagementId: source.id,
      },
      { sourceId: source.id, actorId: actor.id, summary: `${fiscalYearLabel(sourceProgram.fiscalYear)}から継続` },
    );
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: row.id,
      entity: 'engagement',
      entityId: row.id,
      action: 'continue',
      after: { ...auditView(row), copied },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId: source.id,
      entity: 'engagement',
      entityId: source.id,
      action: 'continued',
      after: { continuationId: row.id, programId: target.id, copied },
    });
    return row;
  });
  return detail(db, created.id, 'program_office', clock.today());
}

/** Every engagement of the programs the caller administers, with the figures the office follows. */
export async function getPortfolio(ctx: ServiceContext, query: PortfolioQuery): Promise<PortfolioItem[]> {
  const { db, actor, clock } = ctx;
  const { programId, fiscalYear } = query;
  // Without a program: the portfolio of every program of the office's organizer.
  if (programId) await authorizeProgram(ctx, programId, 'portfolio.read');
  else authorizeOffice(ctx, 'portfolio.read');
  const rows = await repo.listPortfolio(db, actor, clock.today(), { programId, fiscalYear });
  const plans = await repo.latestPlanValues(
    db,
    rows.map((r) => r.engagement.id),
  );
  return rows.map((r) => {
    const own = plans.filter((p) => p.engagementId === r.engagement.id);
    const progress = meanProgress(own);
    return {
      engagementId: r.engagement.id,
      programId: r.engagement.programId,
      fiscalYear: r.fiscalYear,
      municipality: toSummary(r.engagement, r.municipality, r.fiscalYear, 'program_office', r.delayedMilestones).municipality,
      theme: r.engagement.theme,
      status: r.engagement.status,
      roadmapAgreed: hasReachedStatus(r.engagement.status, 'roadmap_agreed'),
      delayedMilestones: r.delayedMilestones,
      latestProgress: progress,
      measuredPlans: own.filter((p) => progressTowardTarget(p.baseline, p.target, p.latest) !== null).length,
      lastActivityAt: r.lastActivityAt.toISOString(),
      previousEngagementId: r.engagement.previousEngagementId,
    };
  });
}
