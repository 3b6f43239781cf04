import { engagementScope } from '../../../lib/query-client';

export const engagementKeys = {
  list: () => ['engagements', 'list'] as const,
  detail: (id: string) => [...engagementScope(id), 'detail'] as const,
  readiness: (id: string) => [...engagementScope(id), 'readiness'] as const,
};
