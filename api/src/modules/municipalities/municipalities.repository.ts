import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog, municipalities } from '../../db/schema/index.js';

export type MunicipalityRow = typeof municipalities.$inferSelect;
export type NewMunicipality = typeof municipalities.$inferInsert;

const CHUNK = 500;
const chunks = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

export async function findByCodes(db: Db, codes: string[]): Promise<MunicipalityRow[]> {
  const found: MunicipalityRow[] = [];
  for (const part of chunks(codes)) found.push(...(await db.select().from(municipalities).where(inArray(municipalities.code, part))));
  return found;
}

/** Serializes imports: two at once would both decide to create the same codes. */
export async function lockForImport(db: Db): Promise<void> {
  await db.execute(sql`lock table ${municipalities} in share row exclusive mode`);
}

export async function insertMany(db: Db, rows: NewMunicipality[]): Promise<MunicipalityRow[]> {
  const created: MunicipalityRow[] = [];
  for (const part of chunks(rows)) created.push(...(await db.insert(municipalities).values(part).returning()));
  return created;
}

export async function updateOne(db: Db, id: string, values: Partial<NewMunicipality>): Promise<void> {
  await db
    .update(municipalities)
    .set({ ...values, updatedAt: sql`now()` })
    .where(sql`${municipalities.id} = ${id}`);
}

export async function insertAuditEntries(db: Db, entries: (typeof auditLog.$inferInsert)[]): Promise<void> {
  for (const part of chunks(entries)) await db.insert(auditLog).values(part);
}
