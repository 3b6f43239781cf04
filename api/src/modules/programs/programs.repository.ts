import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { municipalities, municipalityNeighbours, organizers, programs } from '../../db/schema/index.js';
import { administersProgram } from '../access/access.service.js';
import type { Actor } from '../auth/auth.service.js';

export type ProgramInsert = typeof programs.$inferInsert;

/** Every program, newest fiscal year first, with whether the actor administers it. */
export async function listPrograms(db: Db, actor: Actor) {
  return db
    .select({ program: programs, organizer: organizers.name, administered: administersProgram(actor, programs.id) })
    .from(programs)
    .innerJoin(organizers, eq(organizers.id, programs.organizerId))
    .orderBy(desc(programs.fiscalYear), asc(programs.name));
}

export async function findProgram(db: Db, id: string) {
  const [row] = await db.select().from(programs).where(eq(programs.id, id)).limit(1);
  return row;
}

/** The organizer's latest program (a new one inherits its plan period). */
export async function latestProgramOf(db: Db, organizerId: string) {
  const [row] = await db
    .select()
    .from(programs)
    .where(eq(programs.organizerId, organizerId))
    .orderBy(desc(programs.fiscalYear), desc(programs.createdAt))
    .limit(1);
  return row;
}

export async function organizerName(db: Db, organizerId: string) {
  const [row] = await db.select({ name: organizers.name }).from(organizers).where(eq(organizers.id, organizerId));
  return row?.name;
}

export async function findProgramByName(db: Db, fiscalYear: number, name: string) {
  const [row] = await db
    .select({ id: programs.id })
    .from(programs)
    .where(and(eq(programs.fiscalYear, fiscalYear), eq(programs.name, name)))
    .limit(1);
  return row;
}

export async function insertProgram(db: Db, values: ProgramInsert) {
  const [row] = await db.insert(programs).values(values).returning();
  if (!row) throw new Error('program insert failed');
  return row;
}

/** Writes the changes when the version matches; undefined when it does not. */
export async function updateProgram(db: Db, id: string, version: number, changes: Partial<ProgramInsert>) {
  const [row] = await db
    .update(programs)
    .set({ ...changes, version: sql`${programs.version} + 1` })
    .where(and(eq(programs.id, id), eq(programs.version, version)))
    .returning();
  return row;
}

export async function listMunicipalities(db: Db) {
  const [rows, neighbours] = await Promise.all([
    db.select().from(municipalities).orderBy(asc(municipalities.category), asc(municipalities.code)),
    db.select().from(municipalityNeighbours),
  ]);
  return rows.map((m) => ({ ...m, neighbourIds: neighbours.filter((n) => n.municipalityId === m.id).map((n) => n.neighbourId) }));
}
