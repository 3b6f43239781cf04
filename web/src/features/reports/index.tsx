import type { Me } from '@banso/shared';
import type { ReactNode } from 'react';
import { EngagementReportsPage } from './components/engagement-reports-page';
import { ReportPage } from './components/report-page';
import { ReportsHomePage } from './components/reports-home-page';
import { parseReportRoute } from './lib/paths';

export { EngagementReportsPage, ReportPage, ReportsHomePage };

/** Everything under /reports: the router passes the rest of the path. */
export function ReportsSection({ rest, me, notFound }: { rest: string; me: Me; notFound: ReactNode }) {
  const route = parseReportRoute(rest);
  switch (route.view) {
    case 'home':
      return <ReportsHomePage me={me} />;
    case 'engagement':
      return <EngagementReportsPage engagementId={route.engagementId} me={me} />;
    case 'report':
      return <ReportPage engagementId={route.engagementId} reportId={route.reportId} me={me} />;
    case 'notFound':
      return notFound;
  }
}
