import { engagementScope } from '../../../lib/query-client';

export const roadmapKeys = {
  roadmap: (engagementId: string) => [...engagementScope(engagementId), 'roadmap'] as const,
  indicators: () => ['indicators', 'catalogue'] as const,
};
