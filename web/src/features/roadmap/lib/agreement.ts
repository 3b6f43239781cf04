/**
 * What the roadmap agreement panel offers (ロードマップ合意): the steps the shared rules allow at
 * the engagement's status and agreement state, for the roles the shared policy lets take them.
 * The server decides again; this only hides what would be refused.
 */
import {
  type Access,
  can,
  canAgreeRoadmap,
  canProposeRoadmap,
  canWithdrawRoadmapAgreement,
  type EngagementStatus,
  type RoadmapAgreementState,
} from '@banso/shared';
import type { RoadmapAgreementStep } from '../../../api/engagements/roadmap-agreement';

export function agreementSteps(status: EngagementStatus, state: RoadmapAgreementState, access: Access | null): RoadmapAgreementStep[] {
  const steps: RoadmapAgreementStep[] = [];
  if (can(access, 'roadmap.propose') && canProposeRoadmap(status, state)) steps.push('propose');
  if (can(access, 'roadmap.agree') && canAgreeRoadmap(status, state)) steps.push('agree');
  if (can(access, 'roadmap.withdraw') && canWithdrawRoadmapAgreement(status, state)) steps.push('withdraw');
  return steps;
}
