import {
  type AddMemberBody,
  allowedTeamRoles,
  type CreateObserverGrantBody,
  type Member,
  type MemberCandidate,
  type MemberRole,
  type ObserverGrant,
  observerScopes,
  policyRoleOfTeamRole,
  type TeamPageQuery,
  type TeamRole,
  type UpdateMemberBody,
} from '@banso/shared';
import type { ServiceContext } from '../../lib/context.js';
import { recordAudit } from '../../lib/audit.js';
import { isUniqueViolation } from '../../lib/unique-violation.js';
import { BadRequest, Conflict, NotFound, PreconditionFailed } from '../../lib/errors.js';
import { authorize } from '../access/access.service.js';
import * as repo from './teams.repository.js';

type MemberRow = NonNullable<Awaited<ReturnType<typeof repo.findMember>>>;
type GrantRow = NonNullable<Awaited<ReturnType<typeof repo.findGrant>>>;

const toMember = (m: MemberRow): Member => ({ ...m, createdAt: m.createdAt.toISOString() });

const toGrant = (g: GrantRow, today: string): ObserverGrant => {
  const state = g.grant.revokedAt !== null ? 'revoked' : g.grant.validUntil < today ? 'expired' : 'active';
  return {
    id: g.grant.id,
    engagementId: g.grant.engagementId,
    municipality: g.municipality,
    scope: observerScopes.find((s) => s === g.grant.scope) ?? 'process',
    validUntil: g.grant.validUntil,
    revokedAt: g.grant.revokedAt ? g.grant.revokedAt.toISOString() : null,
    active: state === 'active',
    state,
    grantedBy: g.grant.grantedBy && g.grantedByName ? { id: g.grant.grantedBy, name: g.grantedByName } : null,
    createdAt: g.grant.createdAt.toISOString(),
  };
};

/** The policy roles a user may hold in an engagement: those of the team roles they may take (shared allowedTeamRoles). */
export function allowedRolesFor(user: { municipalityId: string | null }, engagementMunicipalityId: string): MemberRole[] {
  return [...new Set(allowedTeamRoles(user, engagementMunicipalityId).map((r) => policyRoleOfTeamRole[r]))];
}

/** One page of rows fetched with limit + 1: the items and the cursor (last item's id) when more follow. */
function pageOf<T>(rows: T[], limit: number, idOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? idOf(last) : null };
}

export async function listMembers(ctx: ServiceContext, engagementId: string): Promise<Member[]> {
  const { db } = ctx;
  await authorize(ctx, engagementId, 'team.read');
  return (await repo.listMembers(db, engagementId)).map(toMember);
}

export async function listCandidates(
  ctx: ServiceContext,
  engagementId: string,
  query: TeamPageQuery = { limit: 50 },
): Promise<{ items: MemberCandidate[]; nextCursor: string | null }> {
  const { db } = ctx;
  const access = await authorize(ctx, engagementId, 'team.manage');
  const rows = await repo.listCandidates(db, engagementId, { limit: query.limit, ...(query.cursor ? { afterUserId: query.cursor } : {}) });
  const page = pageOf(rows, query.limit, (u) => u.userId);
  return {
    items: page.items.map((u) => ({
      userId: u.userId,
      name: u.name,
      email: u.email,
      organization: u.organization,
      municipality: u.municipalityId && u.municipalityName ? { id: u.municipalityId, name: u.municipalityName } : null,
      allowedRoles: allowedRolesFor(u, access.engagement.municipalityId),
      allowedTeamRoles: allowedTeamRoles(u, access.engagement.municipalityId),
      pending: Boolean(u.pending),
    })),
    nextCursor: page.nextCursor,
  };
}

function refuseTeamRole(teamRole: TeamRole): never {
  throw new Conflict(
    'role_not_allowed',
    teamRole === 'municipal_member'
      ? 'A municipal member must work for the engagement’s municipality'
      : 'Staff of the supported municipality take part as municipal members; staff of other municipalities may only advise',
  );
}

export async function addMember(ctx: ServiceContext, engagementId: string, body: AddMemberBody): Promise<Member> {
  const { db, actor } = ctx;
  const access = await authorize(ctx, engagementId, 'team.manage');
  const user = await repo.findUser(db, body.userId);
  if (!user || !user.active) throw new BadRequest('Unknown user', [{ path: 'body.userId', message: 'No such active user' }]);
  if (user.organizerId) throw new Conflict('program_office_user', 'Program office staff hold their role through the program, not the team');
  if (await repo.findMember(db, engagementId, user.id)) throw new Conflict('already_member', `${user.name} is already on the team`);
  const teamRole: TeamRole = body.teamRole ?? body.role ?? 'advisor';
  if (body.role && body.role !== policyRoleOfTeamRole[teamRole])
    throw new BadRequest('role and teamRole disagree', [
      { path: 'body.role', message: `${teamRole} acts as ${policyRoleOfTeamRole[teamRole]}` },
    ]);
  if (!allowedTeamRoles(user, access.engagement.municipalityId).includes(teamRole)) refuseTeamRole(teamRole);
  return db.transaction(async (tx) => {
    await repo.insertMember(tx, { engagementId, userId: user.id, teamRole, title: body.title ?? null });
    const member = await repo.findMember(tx, engagementId, user.id);
    if (!member) throw new NotFound('Member');
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'member',
      entityId: user.id,
      action: 'create',
      after: { userId: user.id, role: member.role, teamRole: member.teamRole, title: member.title },
    });
    return toMember(member);
  });
}

/** PATCH a member's team role and title (If-Match: the membership's version). */
export async function updateMember(
  ctx: ServiceContext,
  { engagementId, userId, ifMatch, body }: { engagementId: string; userId: string; ifMatch: () => number; body: UpdateMemberBody },
): Promise<Member> {
  const { db, actor } = ctx;
  const access = await authorize(ctx, engagementId, 'team.manage');
  const before = await repo.findMember(db, engagementId, userId);
  if (!before) throw new NotFound('Member');
  const version = ifMatch();
  if (body.teamRole !== undefined) {
    const user = await repo.findUser(db, userId);
    if (!user || !allowedTeamRoles(user, access.engagement.municipalityId).includes(body.teamRole)) refuseTeamRole(body.teamRole);
  }
  return db.transaction(async (tx) => {
    const changes = {
      ...(body.teamRole !== undefined ? { teamRole: body.teamRole } : {}),
      ...(body.title !== undefined ? { title: body.title } : {}),
    };
    if (!(await repo.updateMember(tx, engagementId, userId, version, changes))) {
      const current = await repo.findMember(tx, engagementId, userId);
      if (!current) throw new NotFound('Member');
      throw new PreconditionFailed(toMember(current));
    }
    const after = await repo.findMember(tx, engagementId, userId);
    if (!after) throw new NotFound('Member');
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'member',
      entityId: userId,
      action: 'update',
      before: { role: before.role, teamRole: before.teamRole, title: before.title },
      after: { role: after.role, teamRole: after.teamRole, title: after.title },
    });
    return toMember(after);
  });
}

export async function removeMember(ctx: ServiceContext, engagementId: string, userId: string): Promise<void> {
  const { db, actor } = ctx;
  await authorize(ctx, engagementId, 'team.manage');
  await db.transaction(async (tx) => {
    const member = await repo.findMember(tx, engagementId, userId);
    if (!member) throw new NotFound('Member');
    await repo.deleteMember(tx, engagementId, userId);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'member',
      entityId: userId,
      action: 'delete',
      before: { userId, role: member.role, teamRole: member.teamRole, title: member.title },
    });
  });
}

export async function listGrants(
  ctx: ServiceContext,
  engagementId: string,
  query: TeamPageQuery = { limit: 50 },
): Promise<{ items: ObserverGrant[]; nextCursor: string | null }> {
  const { db, clock } = ctx;
  await authorize(ctx, engagementId, 'observer.read');
  const rows = await repo.listGrants(db, engagementId, { limit: query.limit, ...(query.cursor ? { afterId: query.cursor } : {}) });
  const page = pageOf(rows, query.limit, (g) => g.grant.id);
  return { items: page.items.map((g) => toGrant(g, clock.today())), nextCursor: page.nextCursor };
}

export async function createGrant(ctx: ServiceContext, engagementId: string, body: CreateObserverGrantBody): Promise<ObserverGrant> {
  const { db, actor, clock } = ctx;
  const today = clock.today();
  const access = await authorize(ctx, engagementId, 'observer.manage');
  const municipality = await repo.findMunicipality(db, body.municipalityId);
  if (!municipality) throw new BadRequest('Unknown municipality', [{ path: 'body.municipalityId', message: 'No such municipality' }]);
  if (body.validUntil < today)
    throw new BadRequest('validUntil is in the past', [{ path: 'body.validUntil', message: `Must be ${today} or later` }]);
  if (municipality.id === access.engagement.municipalityId)
    throw new Conflict('own_municipality', 'The supported municipality takes part as members, not observers');
  const exists = () => new Conflict('grant_exists', `${municipality.name} already holds an active grant; revoke it first`);
  const existing = await repo.listGrants(db, engagementId);
  if (existing.some((g) => g.grant.municipalityId === municipality.id && toGrant(g, today).active)) throw exists();
  try {
    return await db.transaction(async (tx) => {
      // An expired grant that was never revoked gives way to the new one (one unrevoked grant per pair, by index).
      await repo.revokeExpiredGrants(tx, engagementId, municipality.id, today, clock.now());
      const id = await repo.insertGrant(tx, {
        engagementId,
        municipalityId: municipality.id,
        scope: body.scope,
        validUntil: body.validUntil,
        grantedBy: actor.id,
      });
      const grant = await repo.findGrant(tx, engagementId, id);
      if (!grant) throw new NotFound('Observer grant');
      const view = toGrant(grant, today);
      await recordAudit(tx, { actorId: actor.id, engagementId, entity: 'observer_grant', entityId: id, action: 'create', after: view });
      return view;
    });
  } catch (error) {
    // A simultaneous creation won the race for the partial unique index.
    if (isUniqueViolation(error, 'observer_grants_one_active')) throw exists();
    throw error;
  }
}

export async function revokeGrant(ctx: ServiceContext, engagementId: string, grantId: string): Promise<ObserverGrant> {
  const { db, actor, clock } = ctx;
  const today = clock.today();
  await authorize(ctx, engagementId, 'observer.manage');
  return db.transaction(async (tx) => {
    const before = await repo.findGrant(tx, engagementId, grantId);
    if (!before) throw new NotFound('Observer grant');
    if (before.grant.revokedAt) throw new Conflict('already_revoked', 'This grant is already revoked');
    await repo.revokeGrant(tx, engagementId, grantId, clock.now());
    const after = await repo.findGrant(tx, engagementId, grantId);
    if (!after) throw new NotFound('Observer grant');
    const view = toGrant(after, today);
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'observer_grant',
      entityId: grantId,
      action: 'revoke',
      before: toGrant(before, today),
      after: view,
    });
    return view;
  });
}
