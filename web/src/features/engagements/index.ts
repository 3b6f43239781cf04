export { useEngagements } from './api/get-engagements';
export { useEngagement } from './api/get-engagement';
export { engagementKeys } from './api/keys';
export { EngagementList } from './components/engagement-list';
export { EngagementHeader } from './components/engagement-header';
export { EngagementStatusBadge } from './components/status-badge';
