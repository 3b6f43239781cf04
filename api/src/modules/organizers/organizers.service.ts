import type { Insurer, InsurerBody, InsurerList, JurisdictionPage, JurisdictionQuery, Organizer, UpdateOrganizerBody } from '@banso/shared';
import { recordAudit } from '../../lib/audit.js';
import type { ServiceContext } from '../../lib/context.js';
import { BadRequest, Conflict, NotFound, PreconditionFailed } from '../../lib/errors.js';
import { authorizeOffice } from '../access/access.service.js';
import * as repo from './organizers.repository.js';

/**
 * The caller's organizer (実施主体), its jurisdiction and the insurers that are not municipalities.
 * Office-wide: the program office of the organizer, nobody else (organizer.manage).
 */
async function toOrganizer(ctx: Pick<ServiceContext, 'db'>, row: repo.OrganizerRow): Promise<Organizer> {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    prefectureCode: row.prefectureCode,
    municipalityCount: await repo.jurisdictionCount(ctx.db, row.id),
    version: row.version,
  };
}

export async function getOrganizer(ctx: ServiceContext): Promise<Organizer> {
  const { organizerId } = authorizeOffice(ctx, 'organizer.manage');
  const row = await repo.findOrganizer(ctx.db, organizerId);
  if (!row) throw new NotFound('Organizer');
  return toOrganizer(ctx, row);
}

export async function updateOrganizer(ctx: ServiceContext, body: UpdateOrganizerBody, ifMatchOf: () => number): Promise<Organizer> {
  const { organizerId } = authorizeOffice(ctx, 'organizer.manage');
  const version = ifMatchOf();
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findOrganizer(tx, organizerId, true);
    if (!before) throw new NotFound('Organizer');
    if (before.version !== version) throw new PreconditionFailed(await toOrganizer({ db: tx }, before));
    const values = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    const after = await repo.updateOrganizer(tx, organizerId, values);
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      engagementId: null,
      entity: 'organizer',
      entityId: organizerId,
      action: 'update',
      before: { name: before.name, kind: before.kind, prefectureCode: before.prefectureCode },
      after: values,
    });
    return toOrganizer({ db: tx }, after);
  });
}

// ── Jurisdiction ──────────────────────────────────────────────────────────────────────────────────

export async function listJurisdiction(ctx: ServiceContext, query: JurisdictionQuery): Promise<JurisdictionPage> {
  const { organizerId } = authorizeOffice(ctx, 'organizer.manage');
  const { rows, total } = await repo.jurisdictionPage(ctx.db, organizerId, {
    q: query.q,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      prefecture: r.prefecture,
      nameKana: r.nameKana,
      insurer: r.insurerId ? { id: r.insurerId, name: r.insurerName ?? '' } : null,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Adds one municipality to the jurisdiction (idempotent). */
export async function addMunicipality(ctx: ServiceContext, municipalityId: string): Promise<{ added: boolean }> {
  const { organizerId } = authorizeOffice(ctx, 'organizer.manage');
  if (!(await repo.municipalityExists(ctx.db, municipalityId))) throw new NotFound('Municipality');
  return ctx.db.transaction(async (tx) => {
    const added = (await repo.addToJurisdiction(tx, organizerId, [municipalityId])) > 0;
    if (added)
      await recordAudit(tx, {
        actorId: ctx.actor.id,
        engagementId: null,
        entity: 'organizer',
        entityId: organizerId,
        action: 'jurisdiction_add',
        after: { municipalityId },
      });
    return { added };
  });
}

/** Removes one municipality from the jurisdiction (idempotent; 404 only for an unknown municipality). */
export async function removeMunicipality(ctx: ServiceContext, municipalityId: string): Promise<void> {
  const { organizerId } = authorizeOffice(ctx, 'organizer.manage');
  if (!(await repo.municipalityExists(ctx.db, municipalityId))) throw new NotFound('Municipality');
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.removeFromJurisdiction(tx, organizerId, municipalityId))) return;
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      engagementId: null,
      entity: 'organizer',
      entityId: organizerId,
      action: 'jurisdiction_remove',
      before: { municipalityId },
    });
  });
}

// ── Insurers that are not municipalities ──────────────────────────────────────────────────────────

const toInsurer = (r: Awaited<ReturnType<typeof repo.listInsurers>>[number]): Insurer => ({
  id: r.id,
  insurerNumber: r.insurerNumber,
  name: r.name,
  kind: r.kind,
  municipalities: r.municipalities,
  version: r.version,
});

export async function listInsurers(ctx: ServiceContext): Promise<InsurerList> {
  const { organizerId } = authorizeOffice(ctx, 'organizer.manage');
  return { items: (await repo.listInsurers(ctx.db, organizerId)).map(toInsurer) };
}

async function insurerOf(db: ServiceContext['db'], organizerId: string, id: string): Promise<Insurer> {
  const found = (await repo.listInsurers(db, organizerId)).find((i) => i.id === id);
  if (!found) throw new NotFound('Insurer');
  return toInsurer(found);
}

/** Every named municipality exists (400 naming the index otherwise) and no other insurer covers it (409 insurer_overlap). */
async function checkCoverage(db: ServiceContext['db'], ids: string[], insurerId: string | null) {
  const unique = [...new Set(ids)];
  const known = await repo.existingMunicipalities(db, unique);
  const unknown = ids.map((id, index) => ({ id, index })).filter((x) => !known.has(x.id));
  if (unknown.length)
    throw new BadRequest(
      'Unknown municipality',
      unknown.map((u) => ({ path: `body.municipalityIds.${u.index}`, index: u.index, message: 'No such municipality' })),
    );
  const taken = await repo.coveredElsewhere(db, unique, insurerId);
  if (taken.length)
    throw new Conflict('insurer_overlap', 'A municipality is covered by another insurer already', {
      errors: taken.map((t) => ({ path: `body.municipalityIds.${ids.indexOf(t.municipalityId)}`, message: 'Covered by another insurer' })),
    });
  return unique;
}

export async function createInsurer(ctx: ServiceContext, body: InsurerBody): Promise<Insurer> {
  const { organizerId } = authorizeOffice(ctx, 'organizer.manage');
  return ctx.db.transaction(async (tx) => {
    const ids = await checkCoverage(tx, body.municipalityIds, null);
    const row = await repo.insertInsurer(tx, { organizerId, name: body.name, kind: body.kind, insurerNumber: body.insurerNumber ?? null });
    await repo.setCoverage(tx, row.id, ids);
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      engagementId: null,
      entity: 'insurer',
      entityId: row.id,
      action: 'create',
      after: { ...body, municipalityIds: ids },
    });
    return insurerOf(tx, organizerId, row.id);
  });
}

export async function updateInsurer(ctx: ServiceContext, id: string, body: InsurerBody, ifMatchOf: () => number): Promise<Insurer> {
  const { organizerId } = authorizeOffice(ctx, 'organizer.manage');
  const version = ifMatchOf();
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findInsurer(tx, organizerId, id, true);
    if (!before) throw new NotFound('Insurer');
    if (before.version !== version) throw new PreconditionFailed(await insurerOf(tx, organizerId, id));
    const ids = await checkCoverage(tx, body.municipalityIds, id);
    await repo.updateInsurer(tx, id, { name: body.name, kind: body.kind, insurerNumber: body.insurerNumber ?? null });
    await repo.setCoverage(tx, id, ids);
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      engagementId: null,
      entity: 'insurer',
      entityId: id,
      action: 'update',
      before: { name: before.name, kind: before.kind, insurerNumber: before.insurerNumber },
      after: { ...body, municipalityIds: ids },
    });
    return insurerOf(tx, organizerId, id);
  });
}
