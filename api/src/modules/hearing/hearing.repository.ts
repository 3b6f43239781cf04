import { and, asc, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { FindingVisibility } from '@banso/shared';
import type { Db } from '../../db/client.js';
import { evidence, findingNodes, findings, homework, memberships, treeNodes, users, visits } from '../../db/schema/index.js';

export type VisitRow = typeof visits.$inferSelect;
export type VisitInsert = typeof visits.$inferInsert;
export type FindingRow = typeof findings.$inferSelect;
export type FindingInsert = typeof findings.$inferInsert;
export type HomeworkRow = typeof homework.$inferSelect;
export type HomeworkInsert = typeof homework.$inferInsert;

// Visits

export async function listVisits(db: Db, engagementId: string) {
  return db.select().from(visits).where(eq(visits.engagementId, engagementId)).orderBy(asc(visits.seq));
}

export async function findVisit(db: Db, engagementId: string, visitId: string) {
  const [row] = await db
    .select()
    .from(visits)
    .where(and(eq(visits.engagementId, engagementId), eq(visits.id, visitId)))
    .limit(1);
  return row;
}

export async function findVisitBySeq(db: Db, engagementId: string, seq: number) {
  const [row] = await db
    .select({ id: visits.id })
    .from(visits)
    .where(and(eq(visits.engagementId, engagementId), eq(visits.seq, seq)))
    .limit(1);
  return row;
}

export async function nextVisitSeq(db: Db, engagementId: string): Promise<number> {
  const [row] = await db
    .select({ top: max(visits.seq) })
    .from(visits)
    .where(eq(visits.engagementId, engagementId));
  return (row?.top ?? 0) + 1;
}

export async function insertVisit(db: Db, values: VisitInsert) {
  const [row] = await db.insert(visits).values(values).returning();
  if (!row) throw new Error('visit insert failed');
  return row;
}

export async function updateVisit(
  db: Db,
  engagementId: string,
  visitId: string,
  version: number,
  changes: Partial<
    Pick<VisitInsert, 'seq' | 'kind' | 'date' | 'endDate' | 'venue' | 'attendees' | 'agenda' | 'minutes' | 'observerSummary' | 'status'>
  >,
  now: Date,
) {
  const [row] = await db
    .update(visits)
    .set({ ...changes, version: sql`${visits.version} + 1`, updatedAt: now })
    .where(and(eq(visits.engagementId, engagementId), eq(visits.id, visitId), eq(visits.version, version)))
    .returning();
  return row;
}

/** The visit's row, locked for the rest of the transaction (a finding or homework referring to it waits, and vice versa). */
export async function lockVisit(db: Db, engagementId: string, visitId: string) {
  const [row] = await db
    .select()
    .from(visits)
    .where(and(eq(visits.engagementId, engagementId), eq(visits.id, visitId)))
    .for('update');
  return row;
}

/** What hangs on a visit: its findings (and how many of them back tree evidence or are linked to nodes) and its homework. */
export async function visitDependants(db: Db, engagementId: string, visitId: string) {
  const [row] = await db
    .select({
      findings: sql<number>`count(*)::int`,
      // Qualified by hand: drizzle leaves the columns of a one-table select unqualified, which would bind inside the subquery.
      evidence: sql<number>`count(*) filter (where exists (select 1 from ${evidence} e where e.finding_id = "findings"."id"))::int`,
      linked: sql<number>`count(*) filter (where exists (select 1 from ${findingNodes} l where l.finding_id = "findings"."id"))::int`,
    })
    .from(findings)
    .where(and(eq(findings.engagementId, engagementId), eq(findings.visitId, visitId)));
  const hw = await db
    .select({ id: homework.id })
    .from(homework)
    .where(and(eq(homework.engagementId, engagementId), eq(homework.visitId, visitId)));
  return {
    findings: Number(row?.findings ?? 0),
    evidence: Number(row?.evidence ?? 0),
    linked: Number(row?.linked ?? 0),
    homeworkIds: hw.map((h) => h.id),
  };
}

export async function deleteVisit(db: Db, engagementId: string, visitId: string, version: number) {
  const rows = await db
    .delete(visits)
    .where(and(eq(visits.engagementId, engagementId), eq(visits.id, visitId), eq(visits.version, version)))
    .returning({ id: visits.id });
  return rows.length;
}

// Findings

const findingColumns = { finding: findings, createdByName: users.name };

export interface FindingFilter {
  visibilities: readonly FindingVisibility[];
  visitId?: string | undefined;
  nodeId?: string | undefined;
}

/** Findings of an engagement restricted to the visibilities the reader may see, with their node links. */
export async function listFindings(db: Db, engagementId: string, filter: FindingFilter) {
  if (filter.visibilities.length === 0) return [];
  const rows = await db
    .select(findingColumns)
    .from(findings)
    .leftJoin(users, eq(users.id, findings.createdBy))
    .where(
      and(
        eq(findings.engagementId, engagementId),
        inArray(findings.visibility, [...filter.visibilities]),
        filter.visitId ? eq(findings.visitId, filter.visitId) : undefined,
        filter.nodeId
          ? sql`exists (select 1 from ${findingNodes} where ${findingNodes.findingId} = ${findings.id} and ${findingNodes.nodeId} = ${filter.nodeId})`
          : undefined,
      ),
    )
    .orderBy(asc(findings.createdAt), asc(findings.id));
  return withNodeIds(db, rows);
}

export async function findFinding(db: Db, engagementId: string, findingId: string) {
  const rows = await db
    .select(findingColumns)
    .from(findings)
    .leftJoin(users, eq(users.id, findings.createdBy))
    .where(and(eq(findings.engagementId, engagementId), eq(findings.id, findingId)))
    .limit(1);
  const [row] = await withNodeIds(db, rows);
  return row;
}

async function withNodeIds(db: Db, rows: { finding: FindingRow; createdByName: string | null }[]) {
  if (rows.length === 0) return [];
  const links = await db
    .select()
    .from(findingNodes)
    .where(
      inArray(
        findingNodes.findingId,
        rows.map((r) => r.finding.id),
      ),
    );
  return rows.map((r) => ({ ...r, nodeIds: links.filter((l) => l.findingId === r.finding.id).map((l) => l.nodeId) }));
}

export async function insertFinding(db: Db, values: FindingInsert) {
  const [row] = await db.insert(findings).values(values).returning({ id: findings.id });
  if (!row) throw new Error('finding insert failed');
  return row.id;
}

export async function updateFinding(
  db: Db,
  engagementId: string,
  findingId: string,
  version: number,
  changes: Partial<Pick<FindingInsert, 'visitId' | 'kind' | 'text' | 'source' | 'visibility'>>,
  now: Date,
) {
  const rows = await db
    .update(findings)
    .set({ ...changes, version: sql`${findings.version} + 1`, updatedAt: now })
    .where(and(eq(findings.engagementId, engagementId), eq(findings.id, findingId), eq(findings.version, version)))
    .returning({ id: findings.id });
  return rows.length;
}

export async function deleteFinding(db: Db, engagementId: string, findingId: string, version: number) {
  const rows = await db
    .delete(findings)
    .where(and(eq(findings.engagementId, engagementId), eq(findings.id, findingId), eq(findings.version, version)))
    .returning({ id: findings.id });
  return rows.length;
}

export async function replaceFindingNodes(db: Db, findingId: string, nodeIds: readonly string[]) {
  await db.delete(findingNodes).where(eq(findingNodes.findingId, findingId));
  if (nodeIds.length > 0) await db.insert(findingNodes).values(nodeIds.map((nodeId) => ({ findingId, nodeId })));
}

/** Which of the ids are nodes of the engagement's tree. */
export async function existingNodeIds(db: Db, engagementId: string, nodeIds: readonly string[]): Promise<Set<string>> {
  if (nodeIds.length === 0) return new Set();
  const rows = await db
    .select({ id: treeNodes.id })
    .from(treeNodes)
    .where(and(eq(treeNodes.engagementId, engagementId), inArray(treeNodes.id, [...nodeIds])));
  return new Set(rows.map((r) => r.id));
}

// Homework

export async function listHomework(db: Db, engagementId: string) {
  return db
    .select()
    .from(homework)
    .where(eq(homework.engagementId, engagementId))
    .orderBy(asc(homework.done), sql`${homework.due} asc nulls last`, desc(homework.createdAt));
}

export async function findHomework(db: Db, engagementId: string, homeworkId: string) {
  const [row] = await db
    .select()
    .from(homework)
    .where(and(eq(homework.engagementId, engagementId), eq(homework.id, homeworkId)))
    .limit(1);
  return row;
}

export async function insertHomework(db: Db, values: HomeworkInsert) {
  const [row] = await db.insert(homework).values(values).returning();
  if (!row) throw new Error('homework insert failed');
  return row;
}

export async function updateHomework(
  db: Db,
  engagementId: string,
  homeworkId: string,
  version: number,
  changes: Partial<Pick<HomeworkInsert, 'visitId' | 'text' | 'assigneeUserId' | 'assigneeName' | 'due' | 'done' | 'result' | 'doneAt'>>,
) {
  const [row] = await db
    .update(homework)
    .set({ ...changes, version: sql`${homework.version} + 1` })
    .where(and(eq(homework.engagementId, engagementId), eq(homework.id, homeworkId), eq(homework.version, version)))
    .returning();
  return row;
}

/** Unlinks the homework of a visit about to be deleted (a new version each, so open edits see the change). */
export async function detachHomework(db: Db, engagementId: string, visitId: string) {
  await db
    .update(homework)
    .set({ visitId: null, version: sql`${homework.version} + 1` })
    .where(and(eq(homework.engagementId, engagementId), eq(homework.visitId, visitId)));
}

export async function deleteHomework(db: Db, engagementId: string, homeworkId: string, version: number) {
  const rows = await db
    .delete(homework)
    .where(and(eq(homework.engagementId, engagementId), eq(homework.id, homeworkId), eq(homework.version, version)))
    .returning({ id: homework.id });
  return rows.length;
}

/** A team member of the engagement (advisor or municipal member), with their name. */
export async function findTeamMember(db: Db, engagementId: string, userId: string) {
  const [row] = await db
    .select({ userId: memberships.userId, role: memberships.role, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.engagementId, engagementId), eq(memberships.userId, userId)))
    .limit(1);
  return row;
}
