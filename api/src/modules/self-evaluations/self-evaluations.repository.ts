import { and, asc, eq, gt, inArray, max, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  actions,
  engagements,
  indicators,
  municipalities,
  programs,
  selfEvaluationItems,
  treeNodes,
  users,
} from '../../db/schema/index.js';

export type SelfEvaluationRow = typeof selfEvaluationItems.$inferSelect;
export type SelfEvaluationInsert = typeof selfEvaluationItems.$inferInsert;

const columns = {
  item: selfEvaluationItems,
  indicator: { id: indicators.id, code: indicators.code, name: indicators.name, unit: indicators.unit },
  updatedByName: users.name,
};

function select(db: Db) {
  return db
    .select(columns)
    .from(selfEvaluationItems)
    .leftJoin(indicators, eq(indicators.id, selfEvaluationItems.indicatorId))
    .leftJoin(users, eq(users.id, selfEvaluationItems.updatedBy));
}

export type SelfEvaluationView = Awaited<ReturnType<typeof listItems>>[number];

/** The items of one fiscal year, in the sheet's order. */
export async function listItems(db: Db, engagementId: string, fiscalYear: number) {
  return select(db)
    .where(and(eq(selfEvaluationItems.engagementId, engagementId), eq(selfEvaluationItems.fiscalYear, fiscalYear)))
    .orderBy(asc(selfEvaluationItems.position), asc(selfEvaluationItems.createdAt), asc(selfEvaluationItems.id));
}

export async function findItem(db: Db, engagementId: string, itemId: string): Promise<SelfEvaluationView | undefined> {
  const [row] = await select(db)
    .where(and(eq(selfEvaluationItems.engagementId, engagementId), eq(selfEvaluationItems.id, itemId)))
    .limit(1);
  return row;
}

/** What the sheet's title and the plan period need: the program's year and plan period, the municipality. */
export async function loadSheetHead(db: Db, engagementId: string) {
  const [row] = await db
    .select({
      programFiscalYear: programs.fiscalYear,
      programName: programs.name,
      planPeriod: programs.planPeriod,
      municipalityName: municipalities.name,
      municipalityCode: municipalities.code,
    })
    .from(engagements)
    .innerJoin(programs, eq(programs.id, engagements.programId))
    .innerJoin(municipalities, eq(municipalities.id, engagements.municipalityId))
    .where(eq(engagements.id, engagementId))
    .limit(1);
  return row;
}

/** Of `ids`, those that are actions of the engagement. */
export async function actionsOfEngagement(db: Db, engagementId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: actions.id })
    .from(actions)
    .where(and(eq(actions.engagementId, engagementId), inArray(actions.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}

/** The engagement's actions with their measure's title (for the sheet and the report). */
export async function actionTitles(db: Db, engagementId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: actions.id, title: treeNodes.title })
    .from(actions)
    .innerJoin(treeNodes, eq(treeNodes.id, actions.nodeId))
    .where(eq(actions.engagementId, engagementId));
  return new Map(rows.map((r) => [r.id, r.title]));
}

export async function indicatorExists(db: Db, indicatorId: string): Promise<boolean> {
  const [row] = await db.select({ id: indicators.id }).from(indicators).where(eq(indicators.id, indicatorId)).limit(1);
  return row !== undefined;
}

/** Another item of the same year with this title (`exceptId`: the item being edited). */
export async function findByTitle(db: Db, engagementId: string, fiscalYear: number, title: string, exceptId?: string) {
  const [row] = await db
    .select({ id: selfEvaluationItems.id })
    .from(selfEvaluationItems)
    .where(
      and(
        eq(selfEvaluationItems.engagementId, engagementId),
        eq(selfEvaluationItems.fiscalYear, fiscalYear),
        eq(selfEvaluationItems.title, title),
        exceptId ? ne(selfEvaluationItems.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row;
}

export async function nextPosition(db: Db, engagementId: string, fiscalYear: number): Promise<number> {
  const [row] = await db
    .select({ last: max(selfEvaluationItems.position) })
    .from(selfEvaluationItems)
    .where(and(eq(selfEvaluationItems.engagementId, engagementId), eq(selfEvaluationItems.fiscalYear, fiscalYear)));
  return (row?.last ?? 0) + 1;
}

export async function insertItem(db: Db, values: SelfEvaluationInsert): Promise<SelfEvaluationRow> {
  const [row] = await db.insert(selfEvaluationItems).values(values).returning();
  return row!;
}

/** Updates the item at `version`; false when it is gone or at another version. */
export async function updateItem(
  db: Db,
  engagementId: string,
  itemId: string,
  version: number,
  changes: Partial<SelfEvaluationInsert>,
): Promise<boolean> {
  const rows = await db
    .update(selfEvaluationItems)
    .set({ ...changes, version: sql`${selfEvaluationItems.version} + 1` })
    .where(
      and(eq(selfEvaluationItems.engagementId, engagementId), eq(selfEvaluationItems.id, itemId), eq(selfEvaluationItems.version, version)),
    )
    .returning({ id: selfEvaluationItems.id });
  return rows.length > 0;
}

/** Deletes the item at `version` and closes the gap in its year's order; false when it is gone or at another version. */
export async function deleteItem(db: Db, engagementId: string, itemId: string, version: number): Promise<boolean> {
  const [gone] = await db
    .delete(selfEvaluationItems)
    .where(
      and(eq(selfEvaluationItems.engagementId, engagementId), eq(selfEvaluationItems.id, itemId), eq(selfEvaluationItems.version, version)),
    )
    .returning({ fiscalYear: selfEvaluationItems.fiscalYear, position: selfEvaluationItems.position });
  if (!gone) return false;
  await db
    .update(selfEvaluationItems)
    .set({ position: sql`${selfEvaluationItems.position} - 1` })
    .where(
      and(
        eq(selfEvaluationItems.engagementId, engagementId),
        eq(selfEvaluationItems.fiscalYear, gone.fiscalYear),
        gt(selfEvaluationItems.position, gone.position),
      ),
    );
  return true;
}

/** Numbers the year's items 1, 2, 3 … in the order of `itemIds` (the order is not part of an item's version). */
export async function setPositions(db: Db, engagementId: string, itemIds: readonly string[]): Promise<void> {
  for (const [i, id] of itemIds.entries())
    await db
      .update(selfEvaluationItems)
      .set({ position: i + 1 })
      .where(and(eq(selfEvaluationItems.engagementId, engagementId), eq(selfEvaluationItems.id, id)));
}
