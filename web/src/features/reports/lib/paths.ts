/** URLs of the report screens (the app's router hands everything under /reports to the feature). */
export const reportPaths = {
  home: () => '/reports',
  engagement: (engagementId: string) => `/reports/${encodeURIComponent(engagementId)}`,
  report: (engagementId: string, reportId: string) => `/reports/${encodeURIComponent(engagementId)}/${encodeURIComponent(reportId)}`,
};

export type ReportRoute =
  | { view: 'home' }
  | { view: 'engagement'; engagementId: string }
  | { view: 'report'; engagementId: string; reportId: string }
  | { view: 'notFound' };

/** Parses the part of the path after /reports/. */
export function parseReportRoute(rest: string): ReportRoute {
  const parts = rest.split('/').filter(Boolean);
  if (parts.length === 0) return { view: 'home' };
  if (parts.length === 1) return { view: 'engagement', engagementId: parts[0]! };
  if (parts.length === 2) return { view: 'report', engagementId: parts[0]!, reportId: parts[1]! };
  return { view: 'notFound' };
}
