import { randomUUID } from 'node:crypto';
import { diffTrees, type FindingVisibility, orderTree, type TreeNodeShape, type TreeOperation, treeOrderIndex } from '@banso/shared';
import { and, asc, desc, eq, inArray, isNotNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  actions,
  engagements,
  evidence,
  findings,
  indicators,
  grantScores,
  indicatorValues,
  treeNodes,
  type TreeRevisionDelta,
  treeRevisions,
  trees,
  users,
} from '../../db/schema/index.js';
import { publishEvent } from '../../lib/events.js';

const nodeColumns = {
  id: treeNodes.id,
  parentId: treeNodes.parentId,
  position: treeNodes.position,
  kind: treeNodes.kind,
  title: treeNodes.title,
  detail: treeNodes.detail,
  hypothesisState: treeNodes.hypothesisState,
};

/**
 * The tree's current revision and a stamp of everything else the tree response shows (evidence on
 * nodes, findings' visibility, actions' status), in one round trip. Equal stamps mean an equal body.
 */
export async function treeStamp(db: Db, engagementId: string): Promise<{ revision: number; stamp: string }> {
  // Subqueries filter by the parameter, not by correlation: drizzle leaves columns of a one-table
  // select unqualified, so a correlated "engagement_id = id" would bind to the inner table.
  const [row] = await db
    .select({
      revision: sql<number | null>`(select ${trees.revision} from ${trees} where ${trees.engagementId} = ${engagementId})`,
      // Count and order-free hash of each set: any row added, removed or (by version) changed moves the stamp.
      stamp: sql<string>`concat_ws(':',
        (select concat_ws('/', count(*), sum(hashtext(${evidence.id}::text)::bigint)) from ${evidence} where ${evidence.engagementId} = ${engagementId}),
        (select concat_ws('/', count(*), sum(hashtext(${findings.id}::text || '@' || ${findings.version} || ${findings.visibility})::bigint)) from ${findings} where ${findings.engagementId} = ${engagementId}),
        (select concat_ws('/', count(*), sum(hashtext(${actions.id}::text || '@' || ${actions.version} || ${actions.status})::bigint)) from ${actions} where ${actions.engagementId} = ${engagementId}))`,
    })
    .from(engagements)
    .where(eq(engagements.id, engagementId));
  return { revision: Number(row?.revision ?? 0), stamp: String(row?.stamp ?? '') };
}

/** Creates the engagement's tree row at revision 0 when it has none yet. */
export async function ensureTree(db: Db, engagementId: string): Promise<void> {
  await db.insert(trees).values({ engagementId, revision: 0 }).onConflictDoNothing();
}

export async function listNodes(db: Db, engagementId: string): Promise<TreeNodeShape[]> {
  return db.select(nodeColumns).from(treeNodes).where(eq(treeNodes.engagementId, engagementId));
}

/** Each node's index in the tree's depth-first order (the order the tree is read in), for ordering lists by the tree. */
export async function nodeOrder(db: Db, engagementId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: treeNodes.id, parentId: treeNodes.parentId, position: treeNodes.position })
    .from(treeNodes)
    .where(eq(treeNodes.engagementId, engagementId));
  return treeOrderIndex(rows);
}

export async function findNode(db: Db, engagementId: string, nodeId: string): Promise<TreeNodeShape | undefined> {
  const [row] = await db
    .select(nodeColumns)
    .from(treeNodes)
    .where(and(eq(treeNodes.engagementId, engagementId), eq(treeNodes.id, nodeId)))
    .limit(1);
  return row;
}

/** Node ids that already exist anywhere (ids are global, so a client-generated id may collide with another tree's). */
export async function existingNodeIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 1_000) {
    const chunk = ids.slice(i, i + 1_000);
    const rows = await db.select({ id: treeNodes.id }).from(treeNodes).where(inArray(treeNodes.id, chunk));
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/** Compare-and-set: moves the revision on by one when it still is `expected`; returns the new revision or null. */
export async function bumpRevision(db: Db, engagementId: string, expected: number, at: Date): Promise<number | null> {
  const [row] = await db
    .update(trees)
    .set({ revision: sql`${trees.revision} + 1`, updatedAt: at })
    .where(and(eq(trees.engagementId, engagementId), eq(trees.revision, expected)))
    .returning({ revision: trees.revision });
  return row?.revision ?? null;
}

const CHUNK = 500;

/** Inserts nodes in the given order (callers put parents before children: parent_id has a foreign key). */
export async function insertNodes(db: Db, engagementId: string, nodes: readonly TreeNodeShape[]): Promise<void> {
  for (let i = 0; i < nodes.length; i += CHUNK) {
    await db.insert(treeNodes).values(nodes.slice(i, i + CHUNK).map((n) => ({ ...n, engagementId })));
  }
}

/** Writes the given rows' fields in one statement per chunk (`update … from (values …)`). */
export async function updateNodes(db: Db, engagementId: string, nodes: readonly TreeNodeShape[]): Promise<void> {
  for (let i = 0; i < nodes.length; i += CHUNK) {
    const values = sql.join(
      nodes
        .slice(i, i + CHUNK)
        .map(
          (n) =>
            sql`(${n.id}::uuid, ${n.parentId}::uuid, ${n.position}::int, ${n.kind}::node_kind, ${n.title}::text, ${n.detail}::text, ${n.hypothesisState}::hypothesis_state)`,
        ),
      sql`, `,
    );
    await db.execute(sql`
      update ${treeNodes} as t
      set parent_id = v.parent_id, position = v.position, kind = v.kind, title = v.title, detail = v.detail, hypothesis_state = v.hypothesis_state
      from (values ${values}) as v(id, parent_id, position, kind, title, detail, hypothesis_state)
      where t.id = v.id and t.engagement_id = ${engagementId}`);
  }
}

export async function deleteNodes(db: Db, engagementId: string, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1_000) {
    await db.delete(treeNodes).where(and(eq(treeNodes.engagementId, engagementId), inArray(treeNodes.id, ids.slice(i, i + 1_000))));
  }
}

/**
 * A full snapshot every SNAPSHOT_EVERY revisions bounds what rebuilding an old revision reads: one
 * snapshot and at most 49 deltas, one query. At 50, a 2,000-node tree edited 1,000 times keeps
 * 20 snapshots (40,000 node copies) plus small deltas instead of two million node copies; the
 * history is read only for replay and restore, so the 49 small deltas cost little there.
 */
export const SNAPSHOT_EVERY = 50;

/**
 * What the revision stores: its delta against `previous` (the tree before the batch), or the whole
 * tree on every SNAPSHOT_EVERY-th revision, on the first, and when the delta would not be smaller
 * than half the tree (an import, a restore far back).
 */
export function revisionBody(
  revision: number,
  previous: readonly TreeNodeShape[] | null,
  nodes: TreeNodeShape[],
): { nodes: TreeNodeShape[]; delta: null } | { nodes: null; delta: TreeRevisionDelta } {
  if (previous === null || revision % SNAPSHOT_EVERY === 0) return { nodes, delta: null };
  const diff = diffTrees(previous, nodes);
  const delta = { set: [...diff.added, ...diff.changed], removed: diff.removed };
  return (delta.set.length + delta.removed.length) * 2 >= nodes.length ? { nodes, delta: null } : { nodes: null, delta };
}

export async function insertRevision(
  db: Db,
  row: {
    engagementId: string;
    revision: number;
    actorId: string;
    summary: string;
    operations: TreeOperation[];
    /** The tree after the batch, and before it (null: store a snapshot). */
    nodes: TreeNodeShape[];
    previous: readonly TreeNodeShape[] | null;
    at: Date;
  },
): Promise<void> {
  await db.insert(treeRevisions).values({
    engagementId: row.engagementId,
    revision: row.revision,
    actorId: row.actorId,
    summary: row.summary,
    operations: row.operations,
    ...revisionBody(row.revision, row.previous, row.nodes),
    createdAt: row.at,
  });
  // Everyone who reads the tree (observers too) is told of the new revision.
  await publishEvent(db, {
    engagementId: row.engagementId,
    kind: 'tree.revision',
    audience: 'observers',
    actorId: row.actorId,
    data: { revision: row.revision, summary: row.summary },
    at: row.at,
  });
}

/**
 * The tree as it stood after `revision`, rebuilt from the last snapshot at or before it and the deltas
 * after that one, in one query; undefined when there is no such revision. Ordered as the snapshot was.
 */
export async function findRevisionNodes(db: Db, engagementId: string, revision: number): Promise<TreeNodeShape[] | undefined> {
  const ofTree = eq(treeRevisions.engagementId, engagementId);
  const lastSnapshot = db
    .select({ revision: sql<number>`coalesce(max(${treeRevisions.revision}), 0)` })
    .from(treeRevisions)
    .where(and(ofTree, lte(treeRevisions.revision, revision), isNotNull(treeRevisions.nodes)));
  const rows = await db
    .select({ revision: treeRevisions.revision, nodes: treeRevisions.nodes, delta: treeRevisions.delta })
    .from(treeRevisions)
    .where(and(ofTree, lte(treeRevisions.revision, revision), sql`${treeRevisions.revision} >= (${lastSnapshot})`))
    .orderBy(asc(treeRevisions.revision));
  if (rows.at(-1)?.revision !== revision) return undefined;
  const tree = new Map<string, TreeNodeShape>();
  for (const row of rows) {
    if (row.nodes) {
      tree.clear();
      for (const n of row.nodes) tree.set(n.id, n);
    } else if (row.delta) {
      for (const n of row.delta.set) tree.set(n.id, n);
      for (const id of row.delta.removed) tree.delete(id);
    }
  }
  return orderTree([...tree.values()]);
}

export async function listRevisions(db: Db, engagementId: string) {
  return db
    .select({
      revision: treeRevisions.revision,
      actorId: treeRevisions.actorId,
      actorName: users.name,
      createdAt: treeRevisions.createdAt,
      summary: treeRevisions.summary,
    })
    .from(treeRevisions)
    .leftJoin(users, eq(users.id, treeRevisions.actorId))
    .where(eq(treeRevisions.engagementId, engagementId))
    .orderBy(desc(treeRevisions.revision));
}

/** Visible evidence items per node: findings count only when the caller may read their visibility. */
function visibleEvidence(visibilities: readonly FindingVisibility[]) {
  return or(sql`${evidence.kind} <> 'finding'`, visibilities.length > 0 ? inArray(findings.visibility, [...visibilities]) : sql`false`);
}

export async function evidenceCounts(
  db: Db,
  engagementId: string,
  visibilities: readonly FindingVisibility[],
): Promise<Map<string, number>> {
  const rows = await db
    .select({ nodeId: evidence.nodeId, n: sql<number>`count(*)::int` })
    .from(evidence)
    .leftJoin(findings, eq(findings.id, evidence.findingId))
    .where(and(eq(evidence.engagementId, engagementId), visibleEvidence(visibilities)))
    .groupBy(evidence.nodeId);
  return new Map(rows.map((r) => [r.nodeId, Number(r.n)]));
}

export async function actionsByNode(db: Db, engagementId: string) {
  const rows = await db
    .select({ id: actions.id, nodeId: actions.nodeId, status: actions.status })
    .from(actions)
    .where(eq(actions.engagementId, engagementId));
  return new Map(rows.map((r) => [r.nodeId, { id: r.id, status: r.status }]));
}

// ── Evidence ─────────────────────────────────────────────────────────────────────────────────────

const creator = sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${sql.raw('"evidence"."created_by"')})`;

export async function listEvidence(
  db: Db,
  engagementId: string,
  filter: { nodeId?: string; evidenceId?: string },
  visibilities: readonly FindingVisibility[],
) {
  return db
    .select({
      evidence,
      creatorName: creator,
      finding: {
        kind: findings.kind,
        text: findings.text,
        source: findings.source,
        visibility: findings.visibility,
        visitId: findings.visitId,
      },
      value: { value: indicatorValues.value, period: indicatorValues.period, source: indicatorValues.source },
      grant: {
        grant: grantScores.grant,
        fiscalYear: grantScores.fiscalYear,
        areaCode: grantScores.areaCode,
        area: grantScores.area,
        score: grantScores.score,
        maxScore: grantScores.maxScore,
        nationalAverage: grantScores.nationalAverage,
        prefectureAverage: grantScores.prefectureAverage,
        source: grantScores.source,
      },
      indicator: {
        id: indicators.id,
        code: indicators.code,
        name: indicators.name,
        unit: indicators.unit,
        direction: indicators.direction,
      },
    })
    .from(evidence)
    .leftJoin(findings, and(eq(findings.id, evidence.findingId), eq(findings.engagementId, engagementId)))
    .leftJoin(indicatorValues, eq(indicatorValues.id, evidence.indicatorValueId))
    .leftJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .leftJoin(grantScores, eq(grantScores.id, evidence.grantScoreId))
    .where(
      and(
        eq(evidence.engagementId, engagementId),
        filter.nodeId ? eq(evidence.nodeId, filter.nodeId) : undefined,
        filter.evidenceId ? eq(evidence.id, filter.evidenceId) : undefined,
        visibleEvidence(visibilities),
      ),
    )
    .orderBy(asc(evidence.createdAt), asc(evidence.id));
}

export type EvidenceRow = Awaited<ReturnType<typeof listEvidence>>[number];

/** A 交付金 score of the municipality (evidence may only cite its own). */
export async function findGrantScore(db: Db, municipalityId: string, grantScoreId: string) {
  const [row] = await db
    .select({ id: grantScores.id, fiscalYear: grantScores.fiscalYear, source: grantScores.source })
    .from(grantScores)
    .where(and(eq(grantScores.id, grantScoreId), eq(grantScores.municipalityId, municipalityId)));
  return row;
}

export async function findIndicatorValue(db: Db, municipalityId: string, indicatorValueId: string) {
  const [row] = await db
    .select({ id: indicatorValues.id, period: indicatorValues.period })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.id, indicatorValueId), eq(indicatorValues.municipalityId, municipalityId)))
    .limit(1);
  return row;
}

export async function findFinding(db: Db, engagementId: string, findingId: string) {
  const [row] = await db
    .select({ id: findings.id, visibility: findings.visibility })
    .from(findings)
    .where(and(eq(findings.id, findingId), eq(findings.engagementId, engagementId)))
    .limit(1);
  return row;
}

export async function insertEvidence(db: Db, values: typeof evidence.$inferInsert): Promise<string> {
  const [row] = await db.insert(evidence).values(values).returning({ id: evidence.id });
  if (!row) throw new Error('evidence insert returned nothing');
  return row.id;
}

export async function deleteEvidence(db: Db, engagementId: string, evidenceId: string): Promise<void> {
  await db.delete(evidence).where(and(eq(evidence.engagementId, engagementId), eq(evidence.id, evidenceId)));
}

/**
 * Copies one engagement's tree into a fresh engagement: new ids, each node linked to its origin,
 * the tree at revision 1 with a snapshot (revision 0 when the source has no node). Returns the
 * old → new node ids.
 */
export async function copyTree(
  db: Db,
  opts: { sourceId: string; targetId: string; actorId: string; summary: string },
): Promise<Map<string, string>> {
  const sourceNodes = await db
    .select()
    .from(treeNodes)
    .where(eq(treeNodes.engagementId, opts.sourceId))
    .orderBy(asc(treeNodes.position), asc(treeNodes.id));
  const idMap = new Map(sourceNodes.map((n) => [n.id, randomUUID()]));
  const nodes: TreeNodeShape[] = sourceNodes.map((n) => ({
    id: idMap.get(n.id)!,
    parentId: n.parentId ? (idMap.get(n.parentId) ?? null) : null,
    position: n.position,
    kind: n.kind,
    title: n.title,
    detail: n.detail,
    hypothesisState: n.hypothesisState,
  }));
  await db.insert(trees).values({ engagementId: opts.targetId, revision: nodes.length > 0 ? 1 : 0 });
  if (nodes.length === 0) return idMap;
  await db.insert(treeNodes).values(sourceNodes.map((n, i) => ({ ...nodes[i]!, engagementId: opts.targetId, originNodeId: n.id })));
  await db.insert(treeRevisions).values({
    engagementId: opts.targetId,
    revision: 1,
    actorId: opts.actorId,
    summary: opts.summary,
    operations: nodes.map((n) => ({
      op: 'add' as const,
      id: n.id,
      parentId: n.parentId,
      kind: n.kind,
      title: n.title,
      detail: n.detail,
      hypothesisState: n.hypothesisState,
      position: n.position,
    })),
    nodes,
  });
  return idMap;
}
