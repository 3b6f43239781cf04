import { pgEnum } from 'drizzle-orm/pg-core';
import {
  actionPriorities,
  actionStatuses,
  engagementRoles,
  engagementStatuses,
  evidenceKinds,
  findingKinds,
  findingVisibilities,
  hypothesisStates,
  grantKinds,
  indicatorDirections,
  indicatorFigureKinds,
  indicatorLevels,
  insurerKinds,
  milestoneStatuses,
  municipalityCategories,
  nodeKinds,
  organizerKinds,
  pdcaAssessments,
  periodKinds,
  referenceAreaKinds,
  regionTypes,
  selfEvaluationDirections,
  selfEvaluationMarks,
  visitKinds,
  visitStatuses,
  teamRoles,
} from '@banso/shared';

export const municipalityCategoryEnum = pgEnum('municipality_category', municipalityCategories);
export const regionTypeEnum = pgEnum('region_type', regionTypes);
export const engagementStatusEnum = pgEnum('engagement_status', engagementStatuses);
export const memberRoleEnum = pgEnum('member_role', ['advisor', 'municipal_member']);
export const teamRoleEnum = pgEnum('team_role', teamRoles);
export const visitKindEnum = pgEnum('visit_kind', visitKinds);
export const visitStatusEnum = pgEnum('visit_status', visitStatuses);
export const findingKindEnum = pgEnum('finding_kind', findingKinds);
export const findingVisibilityEnum = pgEnum('finding_visibility', findingVisibilities);
export const nodeKindEnum = pgEnum('node_kind', nodeKinds);
export const hypothesisStateEnum = pgEnum('hypothesis_state', hypothesisStates);
export const evidenceKindEnum = pgEnum('evidence_kind', evidenceKinds);
export const indicatorDirectionEnum = pgEnum('indicator_direction', indicatorDirections);
export const indicatorLevelEnum = pgEnum('indicator_level', indicatorLevels);
export const indicatorFigureKindEnum = pgEnum('indicator_figure_kind', indicatorFigureKinds);
export const periodKindEnum = pgEnum('period_kind', periodKinds);
export const referenceAreaKindEnum = pgEnum('reference_area_kind', referenceAreaKinds);
export const grantKindEnum = pgEnum('grant_kind', grantKinds);
export const actionStatusEnum = pgEnum('action_status', actionStatuses);
export const actionPriorityEnum = pgEnum('action_priority', actionPriorities);
export const milestoneStatusEnum = pgEnum('milestone_status', milestoneStatuses);
export const pdcaAssessmentEnum = pgEnum('pdca_assessment', pdcaAssessments);
export const organizerKindEnum = pgEnum('organizer_kind', organizerKinds);
export const insurerKindEnum = pgEnum('insurer_kind', insurerKinds);
export const engagementRoleEnum = pgEnum('engagement_role', engagementRoles);
// ── issue 17.4: the 「取組と目標」 self-evaluation sheet ──
export const selfEvaluationMarkEnum = pgEnum('self_evaluation_mark', selfEvaluationMarks);
export const selfEvaluationDirectionEnum = pgEnum('self_evaluation_direction', selfEvaluationDirections);
