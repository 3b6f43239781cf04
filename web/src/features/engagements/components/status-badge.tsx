import type { EngagementStatus } from '@banso/shared';
import { Badge, type BadgeTone } from '../../../components/ui/feedback';
import { useLabels } from '../../../i18n';

const tones: Record<EngagementStatus, BadgeTone> = {
  selected: 'neutral',
  hearing: 'info',
  structuring: 'info',
  actions_selected: 'accent',
  roadmap_agreed: 'success',
  monitoring: 'success',
  reported: 'neutral',
  closed: 'muted',
};

export function EngagementStatusBadge({ status }: { status: EngagementStatus }) {
  const L = useLabels();
  return <Badge tone={tones[status]}>{L.engagementStatus[status]}</Badge>;
}
