import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { TreeNodeShape, TreeOperation } from '@banso/shared';
import { engagements } from './engagements.js';
import { evidenceKindEnum, hypothesisStateEnum, nodeKindEnum } from './enums.js';
import { findings } from './hearing.js';
import { grantScores, indicatorValues } from './indicators.js';
import { users } from './users.js';

/** One logic tree per engagement; `revision` is the tree's ETag and grows by one per batch. */
export const trees = pgTable(
  'trees',
  {
    engagementId: uuid()
      .primaryKey()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    revision: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('trees_revision_non_negative', sql`${t.revision} >= 0`)],
);

export const treeNodes = pgTable(
  'tree_nodes',
  {
    id: uuid().primaryKey(),
    engagementId: uuid()
      .notNull()
      .references(() => trees.engagementId, { onDelete: 'cascade' }),
    parentId: uuid().references((): AnyPgColumn => treeNodes.id, { onDelete: 'cascade' }),
    position: integer().notNull().default(0),
    kind: nodeKindEnum().notNull(),
    title: text().notNull(),
    detail: text().notNull().default(''),
    hypothesisState: hypothesisStateEnum(),
    /** The node this one was copied from when a next-year engagement continued the tree. */
    originNodeId: uuid(),
  },
  (t) => [
    index().on(t.engagementId),
    index().on(t.parentId),
    check('tree_nodes_root_is_goal', sql`(${t.parentId} is null) = (${t.kind} = 'goal')`),
    check('tree_nodes_not_own_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
    check('tree_nodes_title_not_blank', sql`length(trim(${t.title})) > 0`),
  ],
);

/** What a revision changed: the nodes it added or changed, as they stood after it, and the ids it removed. */
export interface TreeRevisionDelta {
  set: TreeNodeShape[];
  removed: string[];
}

/**
 * Every batch is one revision, stored in proportion to its change: a revision holds either `nodes`,
 * the whole tree as it stood after the batch (a snapshot: the first revision, every 50th, and any
 * revision that changed at least half the tree), or `delta` against the revision before it. Any
 * revision is rebuilt exactly from the last snapshot at or before it and the deltas after that one
 * (see tree.repository findRevisionNodes).
 */
export const treeRevisions = pgTable(
  'tree_revisions',
  {
    engagementId: uuid()
      .notNull()
      .references(() => trees.engagementId, { onDelete: 'cascade' }),
    revision: integer().notNull(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    summary: text().notNull(),
    operations: jsonb().$type<TreeOperation[]>().notNull(),
    nodes: jsonb().$type<TreeNodeShape[]>(),
    delta: jsonb().$type<TreeRevisionDelta>(),
  },
  (t) => [
    primaryKey({ columns: [t.engagementId, t.revision] }),
    check('tree_revisions_snapshot_or_delta', sql`(${t.nodes} is null) <> (${t.delta} is null)`),
  ],
);

/** Evidence backing a node: an indicator value, a hearing finding, or free text with its source. */
export const evidence = pgTable(
  'evidence',
  {
    id: uuid().primaryKey().defaultRandom(),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    nodeId: uuid()
      .notNull()
      .references(() => treeNodes.id, { onDelete: 'cascade' }),
    kind: evidenceKindEnum().notNull(),
    indicatorValueId: uuid().references(() => indicatorValues.id, { onDelete: 'cascade' }),
    findingId: uuid().references(() => findings.id, { onDelete: 'cascade' }),
    grantScoreId: uuid().references(() => grantScores.id, { onDelete: 'cascade' }),
    text: text(),
    source: text(),
    period: text(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.nodeId),
    index().on(t.engagementId),
    check(
      'evidence_kind_columns',
      sql`(${t.kind} = 'indicator_value' and ${t.indicatorValueId} is not null)
        or (${t.kind} = 'finding' and ${t.findingId} is not null)
        or (${t.kind} = 'text' and ${t.text} is not null and length(trim(${t.text})) > 0)
        or (${t.kind}::text = 'grant_score' and ${t.grantScoreId} is not null)`,
    ),
  ],
);
