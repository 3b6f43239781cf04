import { and, asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { insurerMunicipalities, insurers, municipalities, organizerMunicipalities, organizers } from '../../db/schema/index.js';

export type OrganizerRow = typeof organizers.$inferSelect;
export type InsurerRow = typeof insurers.$inferSelect;

export async function findOrganizer(db: Db, id: string, forUpdate = false): Promise<OrganizerRow | undefined> {
  const query = db.select().from(organizers).where(eq(organizers.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function jurisdictionCount(db: Db, organizerId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(organizerMunicipalities).where(eq(organizerMunicipalities.organizerId, organizerId));
  return row?.n ?? 0;
}

export async function updateOrganizer(db: Db, id: string, values: Partial<typeof organizers.$inferInsert>): Promise<OrganizerRow> {
  const [row] = await db
    .update(organizers)
    .set({ ...values, version: sql`${organizers.version} + 1` })
    .where(eq(organizers.id, id))
    .returning();
  return row!;
}

/** `%` and `_` in user text match literally. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function jurisdictionPage(db: Db, organizerId: string, opts: { q?: string | undefined; offset: number; limit: number }) {
  const like = opts.q ? `%${likeEscape(opts.q)}%` : null;
  const where = and(
    eq(organizerMunicipalities.organizerId, organizerId),
    like
      ? or(
          ilike(municipalities.name, like),
          ilike(municipalities.nameKana, like),
          ilike(municipalities.prefecture, like),
          ilike(municipalities.code, like),
        )
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: municipalities.id,
        code: municipalities.code,
        name: municipalities.name,
        prefecture: municipalities.prefecture,
        nameKana: municipalities.nameKana,
        insurerId: insurers.id,
        insurerName: insurers.name,
      })
      .from(organizerMunicipalities)
      .innerJoin(municipalities, eq(municipalities.id, organizerMunicipalities.municipalityId))
      .leftJoin(insurerMunicipalities, eq(insurerMunicipalities.municipalityId, municipalities.id))
      .leftJoin(insurers, eq(insurers.id, insurerMunicipalities.insurerId))
      .where(where)
      .orderBy(asc(municipalities.code))
      .offset(opts.offset)
      .limit(opts.limit),
    db
      .select({ n: count() })
      .from(organizerMunicipalities)
      .innerJoin(municipalities, eq(municipalities.id, organizerMunicipalities.municipalityId))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function municipalityExists(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.id, id));
  return row !== undefined;
}

/** Adds municipalities to the jurisdiction; returns how many were not in it yet. */
export async function addToJurisdiction(db: Db, organizerId: string, municipalityIds: string[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < municipalityIds.length; i += 500) {
    const part = municipalityIds.slice(i, i + 500);
    const rows = await db
      .insert(organizerMunicipalities)
      .values(part.map((municipalityId) => ({ organizerId, municipalityId })))
      .onConflictDoNothing()
      .returning({ id: organizerMunicipalities.municipalityId });
    added += rows.length;
  }
  return added;
}

/** How many of these municipalities are in the jurisdiction already. */
export async function inJurisdiction(db: Db, organizerId: string, municipalityIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < municipalityIds.length; i += 500) {
    const rows = await db
      .select({ id: organizerMunicipalities.municipalityId })
      .from(organizerMunicipalities)
      .where(
        and(
          eq(organizerMunicipalities.organizerId, organizerId),
          inArray(organizerMunicipalities.municipalityId, municipalityIds.slice(i, i + 500)),
        ),
      );
    for (const r of rows) found.add(r.id);
  }
  return found;
}

export async function removeFromJurisdiction(db: Db, organizerId: string, municipalityId: string): Promise<boolean> {
  const rows = await db
    .delete(organizerMunicipalities)
    .where(and(eq(organizerMunicipalities.organizerId, organizerId), eq(organizerMunicipalities.municipalityId, municipalityId)))
    .returning({ id: organizerMunicipalities.municipalityId });
  return rows.length > 0;
}

// ── Insurers ──────────────────────────────────────────────────────────────────────────────────────

export async function listInsurers(db: Db, organizerId: string) {
  const rows = await db.select().from(insurers).where(eq(insurers.organizerId, organizerId)).orderBy(asc(insurers.name));
  const covered =
    rows.length === 0
      ? []
      : await db
          .select({
            insurerId: insurerMunicipalities.insurerId,
            id: municipalities.id,
            code: municipalities.code,
            name: municipalities.name,
          })
          .from(insurerMunicipalities)
          .innerJoin(municipalities, eq(municipalities.id, insurerMunicipalities.municipalityId))
          .where(
            inArray(
              insurerMunicipalities.insurerId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(asc(municipalities.code));
  return rows.map((r) => ({
    ...r,
    municipalities: covered.filter((c) => c.insurerId === r.id).map(({ id, code, name }) => ({ id, code, name })),
  }));
}

export async function findInsurer(db: Db, organizerId: string, id: string, forUpdate = false): Promise<InsurerRow | undefined> {
  const query = db
    .select()
    .from(insurers)
    .where(and(eq(insurers.id, id), eq(insurers.organizerId, organizerId)));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function existingMunicipalities(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: municipalities.id }).from(municipalities).where(inArray(municipalities.id, ids));
  return new Set(rows.map((r) => r.id));
}

/** Municipalities among `ids` covered by another insurer than `exceptInsurerId`. */
export async function coveredElsewhere(db: Db, ids: string[], exceptInsurerId: string | null) {
  if (ids.length === 0) return [];
  return db
    .select({ municipalityId: insurerMunicipalities.municipalityId, insurerId: insurerMunicipalities.insurerId })
    .from(insurerMunicipalities)
    .where(
      and(
        inArray(insurerMunicipalities.municipalityId, ids),
        exceptInsurerId ? sql`${insurerMunicipalities.insurerId} <> ${exceptInsurerId}` : undefined,
      ),
    );
}

export async function insertInsurer(db: Db, values: typeof insurers.$inferInsert): Promise<InsurerRow> {
  const [row] = await db.insert(insurers).values(values).returning();
  return row!;
}

export async function updateInsurer(db: Db, id: string, values: Partial<typeof insurers.$inferInsert>): Promise<InsurerRow> {
  const [row] = await db
    .update(insurers)
    .set({ ...values, version: sql`${insurers.version} + 1` })
    .where(eq(insurers.id, id))
    .returning();
  return row!;
}

export async function setCoverage(db: Db, insurerId: string, municipalityIds: string[]): Promise<void> {
  await db.delete(insurerMunicipalities).where(eq(insurerMunicipalities.insurerId, insurerId));
  if (municipalityIds.length)
    await db.insert(insurerMunicipalities).values(municipalityIds.map((municipalityId) => ({ insurerId, municipalityId })));
}
