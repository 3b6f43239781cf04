import { engagementScope } from '../../../lib/query-client';

export const actionKeys = {
  all: (engagementId: string) => [...engagementScope(engagementId), 'actions'] as const,
  list: (engagementId: string) => [...actionKeys.all(engagementId), 'list'] as const,
  /** The current tree as the action picker needs it (measure nodes). */
  tree: (engagementId: string) => [...actionKeys.all(engagementId), 'tree'] as const,
};
