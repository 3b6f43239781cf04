/**
 * What the status control offers: the next statuses of the workflow (shared transition table) for
 * roles that may move the engagement (shared policy), with `roadmap_agreed` blocked — and the
 * reasons listed — while the roadmap gate is not met.
 */
import {
  type Access,
  can,
  type EngagementStatus,
  engagementStatusIndex,
  type Readiness,
  type RoadmapGapItem,
  statusChangeTargets,
} from '@banso/shared';

export interface StatusChoice {
  status: EngagementStatus;
  direction: 'forward' | 'back';
  blocked: boolean;
  /** Why it is blocked (roadmap_agreed only). */
  missing: RoadmapGapItem[];
}

export function statusChoices(status: EngagementStatus, access: Access | null, readiness: Readiness | null | undefined): StatusChoice[] {
  if (!can(access, 'engagement.status')) return [];
  // actions_selected → roadmap_agreed is the two-party agreement (the roadmap's agreement panel), not a status move.
  const choices = statusChangeTargets(status).map((to): StatusChoice => {
    const direction = engagementStatusIndex(to) > engagementStatusIndex(status) ? 'forward' : 'back';
    const blocked = to === 'roadmap_agreed' && readiness != null && !readiness.ready;
    return { status: to, direction, blocked, missing: blocked && readiness ? readiness.missing : [] };
  });
  // Forward first: that is what people usually want next.
  return choices.sort((a, b) => (a.direction === b.direction ? 0 : a.direction === 'forward' ? -1 : 1));
}

const lackKeys = [
  'roadmap_item',
  'verification_plan',
  'plan.indicator',
  'plan.baselineAsOf',
  'plan.baseline',
  'plan.targetValue',
  'plan.targetBy',
  'plan.timing',
  'plan.dataSource',
  'plan.method',
] as const;
export type KnownLack = (typeof lackKeys)[number];

export function isKnownLack(lack: string): lack is KnownLack {
  return (lackKeys as readonly string[]).includes(lack);
}
