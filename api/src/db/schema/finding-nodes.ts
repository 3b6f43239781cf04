import { index, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { findings } from './hearing.js';
import { treeNodes } from './tree.js';

/** Which tree nodes a finding supports: its own file, so hearing.ts and tree.ts do not import each other. */
export const findingNodes = pgTable(
  'finding_nodes',
  {
    findingId: uuid()
      .notNull()
      .references(() => findings.id, { onDelete: 'cascade' }),
    nodeId: uuid()
      .notNull()
      .references(() => treeNodes.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.findingId, t.nodeId] }), index().on(t.nodeId)],
);
