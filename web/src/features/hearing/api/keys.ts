import { engagementScope } from '../../../lib/query-client';

export const hearingKeys = {
  all: (engagementId: string) => [...engagementScope(engagementId), 'hearing'] as const,
  visits: (engagementId: string) => [...hearingKeys.all(engagementId), 'visits'] as const,
  findings: (engagementId: string) => [...hearingKeys.all(engagementId), 'findings'] as const,
  homework: (engagementId: string) => [...hearingKeys.all(engagementId), 'homework'] as const,
  members: (engagementId: string) => [...hearingKeys.all(engagementId), 'members'] as const,
  /** Tree nodes, for the titles of linked nodes. */
  tree: (engagementId: string) => [...hearingKeys.all(engagementId), 'tree'] as const,
};
