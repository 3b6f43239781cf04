import { engagementScope } from '../../../lib/query-client';

/** Report queries live under the engagement's scope, so an engagement-wide invalidation refreshes them. */
export const reportKeys = {
  engagements: () => ['reports', 'engagements'] as const,
  engagement: (engagementId: string) => [...engagementScope(engagementId), 'detail-for-reports'] as const,
  list: (engagementId: string) => [...engagementScope(engagementId), 'reports'] as const,
  detail: (engagementId: string, reportId: string) => [...engagementScope(engagementId), 'reports', reportId] as const,
  job: (engagementId: string, jobId: string) => [...engagementScope(engagementId), 'exports', jobId] as const,
};

export const enc = encodeURIComponent;
