/**
 * Every enum of shared/ that a person reads, keyed by the name its labels go under. The label
 * tables in ja.ts and en.ts are typed against this registry, and a test walks it (and every
 * string-array export of @banso/shared) so an enum without labels fails the build or the suite.
 */
import { grantImportReasons, indicatorImportReasons } from '../contracts/analysis.js';
import { periodKinds } from '../period.js';
import {
  actionPriorities,
  actionStatuses,
  attendanceStatuses,
  engagementRoles,
  engagementStatuses,
  evidenceKinds,
  findingKinds,
  findingVisibilities,
  hypothesisStates,
  indicatorDirections,
  indicatorLevels,
  indicatorFigureKinds,
  referenceAreaKinds,
  grantKinds,
  milestoneStatuses,
  municipalityCategories,
  nodeKinds,
  observationRequestStatuses,
  observerScopes,
  pdcaAssessments,
  regionTypes,
  roadmapAgreementStates,
  verificationPlanParts,
  programEventKinds,
  visitKinds,
  visitStatuses,
} from '../domain.js';
import { applicationStatuses } from '../contracts/applications.js';
import { exportFormats, exportStatuses } from '../contracts/exports.js';
import { homeItemKinds } from '../contracts/home.js';
import { mailStatuses } from '../contracts/mail.js';
import { municipalityImportReasons } from '../contracts/municipalities.js';
import { reportNarrativeKeys, reportParticipantRoles, reportSections, reportStatuses } from '../contracts/reports.js';
import { treeRuleNames } from '../tree/rules.js';
import { organizationKinds, userStatuses } from '../contracts/users.js';
import { observerGrantStates, teamRoles } from '../contracts/teams.js';
import { insurerKinds, organizerKinds } from '../contracts/organizers.js';
import { commentKinds, commentSubjectTypes } from '../contracts/comments.js';
import { notificationKinds, notificationSubjectTypes } from '../contracts/notifications.js';
import { agingBands, insurerTypes, librarySorts, populationBands } from '../contracts/library.js';
import { selfEvaluationDirections, selfEvaluationMarks } from '../contracts/self-evaluations.js';

/** A measure node's badge: the status of the action selected from it, or `not_selected`. */
export const actionBadges = ['not_selected', ...actionStatuses] as const;
export type ActionBadge = (typeof actionBadges)[number];

export const labelledEnums = {
  nodeKind: nodeKinds,
  hypothesisState: hypothesisStates,
  evidenceKind: evidenceKinds,
  engagementStatus: engagementStatuses,
  actionStatus: actionStatuses,
  actionBadge: actionBadges,
  priority: actionPriorities,
  milestoneStatus: milestoneStatuses,
  roadmapAgreementState: roadmapAgreementStates,
  category: municipalityCategories,
  regionType: regionTypes,
  visitKind: visitKinds,
  programEventKind: programEventKinds,
  visitStatus: visitStatuses,
  findingKind: findingKinds,
  visibility: findingVisibilities,
  direction: indicatorDirections,
  indicatorLevel: indicatorLevels,
  indicatorFigureKind: indicatorFigureKinds,
  referenceAreaKind: referenceAreaKinds,
  grantKind: grantKinds,
  periodKind: periodKinds,
  indicatorImportReason: indicatorImportReasons,
  grantImportReason: grantImportReasons,
  assessment: pdcaAssessments,
  role: engagementRoles,
  observerScope: observerScopes,
  planPart: verificationPlanParts,
  reportStatus: reportStatuses,
  reportSection: reportSections,
  reportNarrative: reportNarrativeKeys,
  reportParticipantRole: reportParticipantRoles,
  exportFormat: exportFormats,
  exportStatus: exportStatuses,
  applicationStatus: applicationStatuses,
  mailStatus: mailStatuses,
  importReason: municipalityImportReasons,
  treeRule: treeRuleNames,
  homeItemKind: homeItemKinds,
  organizationKind: organizationKinds,
  userStatus: userStatuses,
  teamRole: teamRoles,
  observerGrantState: observerGrantStates,
  organizerKind: organizerKinds,
  insurerKind: insurerKinds,
  commentSubjectType: commentSubjectTypes,
  commentKind: commentKinds,
  attendanceStatus: attendanceStatuses,
  observationRequestStatus: observationRequestStatuses,
  notificationKind: notificationKinds,
  notificationSubjectType: notificationSubjectTypes,
  populationBand: populationBands,
  agingBand: agingBands,
  insurerType: insurerTypes,
  librarySort: librarySorts,
  selfEvaluationMark: selfEvaluationMarks,
  selfEvaluationDirection: selfEvaluationDirections,
} as const;
export type LabelledEnum = keyof typeof labelledEnums;

/** String-array exports of shared that nobody reads on screen (names in code, not words): no labels. */
export const notForDisplay = [
  'labelLocales',
  'notForDisplay',
  'programActions',
  // refusal codes: their reasons are sentences, in the web catalog (common:problem.<code>)
  'problemCodes',
  // the engagement tab a to-do item opens, and the kind of a one-time link: code, not words
  'homeTargets',
  'tokenKinds',
  // the kinds of live-update events: code the web reacts to, not words
  'engagementEventKinds',
  // the engagement workbook's round trip: keys of its sheets and kinds of its rows (the sheets show their names from terms)
  'workbookSheetKeys',
  'workbookEntities',
  // command-line flags of headless Chromium
  'chromiumArgs',
  // what a file hangs on (visit, finding …): a path segment of the upload routes, shown as the place it is listed
  'attachmentParentTypes',
  // the indicator template's CSV columns and sample row: the file's own header, the same whatever the screen's language
  'indicatorTemplateColumns',
  'indicatorTemplateSample',
  'grantTemplateColumns',
  'grantTemplateSample',
  // tree import: its error codes and modes are sentences in the web catalog (treeImport:…)
  'outlineErrorCodes',
  'treeImportModes',
  // report sections shown only once written: a subset of reportSection, labelled there
  'narrativeOnlySections',
] as const;

/** String-array exports of shared that are subsets of a labelled enum, so they share its labels. */
export const enumSubsets = {
  openActionStatuses: 'actionStatus',
  memberRoles: 'role',
  planNodeKinds: 'nodeKind',
  qualitativePlanParts: 'planPart',
} as const satisfies Record<string, LabelledEnum>;

export type EnumLabels = { readonly [K in LabelledEnum]: { readonly [V in (typeof labelledEnums)[K][number]]: string } };
