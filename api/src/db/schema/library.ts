import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { engagements } from './engagements.js';
import { reports } from './reports.js';
import { treeNodes } from './tree.js';
import { users } from './users.js';

/**
 * 事例を使う: where a node adopted from the case library came from — the published report version
 * and the node of its tree (an id inside the report's facts, not a live node). The row goes with its
 * node; the case's municipality, report title and node title are copied so the tree's side panel
 * names the source without reading the report.
 */
export const treeNodeSources = pgTable(
  'tree_node_sources',
  {
    nodeId: uuid()
      .primaryKey()
      .references(() => treeNodes.id, { onDelete: 'cascade' }),
    engagementId: uuid()
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    reportId: uuid()
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    sourceEngagementId: uuid().notNull(),
    sourceNodeId: uuid().notNull(),
    sourceNodeTitle: text().notNull(),
    municipalityName: text().notNull(),
    reportTitle: text().notNull(),
    fiscalYear: integer().notNull(),
    /** The tree revision that adopted it. */
    revision: integer().notNull(),
    adoptedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    adoptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.engagementId), index().on(t.reportId)],
);
