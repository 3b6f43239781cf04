/** Query keys of the logic-tree feature, under the engagement's scope. */
import { engagementScope } from '../../../lib/query-client';

export const treeKeys = {
  all: (engagementId: string) => [...engagementScope(engagementId), 'tree'] as const,
  current: (engagementId: string) => [...treeKeys.all(engagementId), 'current'] as const,
  revision: (engagementId: string, revision: number) => [...treeKeys.all(engagementId), 'revision', revision] as const,
  revisions: (engagementId: string) => [...treeKeys.all(engagementId), 'revisions'] as const,
  evidence: (engagementId: string, nodeId: string) => [...treeKeys.all(engagementId), 'evidence', nodeId] as const,
  indicatorValues: (engagementId: string) => [...engagementScope(engagementId), 'indicator-values'] as const,
  findings: (engagementId: string) => [...engagementScope(engagementId), 'findings'] as const,
};
