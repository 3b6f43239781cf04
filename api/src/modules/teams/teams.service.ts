import {
  type AddMemberBody,
  type CreateObserverGrantBody,
  type Member,
  type MemberCandidate,
  type MemberRole,
  type ObserverGrant,
  observerScopes,
} from '@banso/shared';
import type { ServiceContext } from '../../lib/context.js';
import { recordAudit } from '../../lib/audit.js';
import { isUniqueViolation } from '../../lib/unique-violation.js';
import { BadRequest, Conflict, NotFound } from '../../lib/errors.js';
import { authorize } from '../access/access.service.js';
import * as repo from './teams.repository.js';

type MemberRow = NonNullable<Awaited<ReturnType<typeof repo.findMember>>>;
type GrantRow = NonNullable<Awaited<ReturnType<typeof repo.findGrant>>>;

const toMember = (m: MemberRow): Member => ({ ...m, createdAt: m.createdAt.toISOString() });

const toGrant = (g: GrantRow, today: string): ObserverGrant => ({
  id: g.grant.id,
  engagementId: g.grant.engagementId,
  municipality: g.municipality,
  scope: observerScopes.find((s) => s === g.grant.scope) ?? 'process',
  validUntil: g.grant.validUntil,
  revokedAt: g.grant.revokedAt ? g.grant.revokedAt.toISOString() : null,
  active: g.grant.revokedAt === null && g.grant.validUntil >= today,
  grantedBy: g.grant.grantedBy && g.grantedByName ? { id: g.grant.grantedBy, name: g.grantedByName } : null,
  createdAt: g.grant.createdAt.toISOString(),
});

/**
 * Which team roles a user may take in an engagement: staff of the engagement's municipality may be
 * municipal members; people outside any municipality (advisors, secretariat) may be advisors.
 * Staff of other municipalities take part only as observers, through a grant.
 */
export function allowedRolesFor(user: { municipalityId: string | null }, engagementMunicipalityId: string): MemberRole[] {
  if (user.municipalityId === null) return ['advisor'];
  if (user.municipalityId === engagementMunicipalityId) return ['municipal_member'];
  return [];
}

export async function listMembers(ctx: ServiceContext, engagementId: string): Promise<Member[]> {
  const { db } = ctx;
  await authorize(ctx, engagementId, 'team.read');
  return (await repo.listMembers(db, engagementId)).map(toMember);
}

export async function listCandidates(ctx: ServiceContext, engagementId: string): Promise<MemberCandidate[]> {
  const { db } = ctx;
  const access = await authorize(ctx, engagementId, 'team.manage');
  const rows = await repo.listCandidates(db, engagementId);
  return rows.flatMap((u) => {
    const allowedRoles = allowedRolesFor(u, access.engagement.municipalityId);
    if (allowedRoles.length === 0) return [];
    return [
      {
        userId: u.userId,
        name: u.name,
        email: u.email,
        organization: u.organization,
        municipality: u.municipalityId && u.municipalityName ? { id: u.municipalityId, name: u.municipalityName } : null,
        allowedRoles,
      },
    ];
  });
}

export async function addMember(ctx: ServiceContext, engagementId: string, body: AddMemberBody): Promise<Member> {
  const { db, actor } = ctx;
  const access = await authorize(ctx, engagementId, 'team.manage');
  const user = await repo.findUser(db, body.userId);
  if (!user || !user.active) throw new BadRequest('Unknown user', [{ path: 'body.userId', message: 'No such active user' }]);
  if (user.organizerId) throw new Conflict('program_office_user', 'Program office staff hold their role through the program, not the team');
  if (await repo.findMember(db, engagementId, user.id)) throw new Conflict('already_member', `${user.name} is already on the team`);
  if (!allowedRolesFor(user, access.engagement.municipalityId).includes(body.role))
    throw new Conflict(
      'role_not_allowed',
      body.role === 'municipal_member'
        ? 'A municipal member must work for the engagement’s municipality'
        : 'Municipal staff cannot be advisors; grant their municipality observer access instead',
    );
  return db.transaction(async (tx) => {
    await repo.insertMember(tx, { engagementId, userId: user.id, role: body.role, title: body.title ?? null });
    const member = await repo.findMember(tx, engagementId, user.id);
    if (!member) throw new NotFound('Member');
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'member',
      entityId: user.id,
      action: 'create',
      after: { userId: user.id, role: member.role, title: member.title },
    });
    return toMember(member);
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
      before: { userId, role: member.role, title: member.title },
    });
  });
}

export async function listGrants(ctx: ServiceContext, engagementId: string): Promise<ObserverGrant[]> {
  const { db, clock } = ctx;
  await authorize(ctx, engagementId, 'observer.read');
  return (await repo.listGrants(db, engagementId)).map((g) => toGrant(g, clock.today()));
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
