/**
 * Authorization matrix: every registered route × every kind of caller × own / foreign / observed
 * engagement. The expected outcome of each cell comes from the table below (operationId → policy
 * action, or public / signed-in / program-level policy action) combined with the shared `can()` and the role the
 * caller holds in the engagement (resolved here from the database, independently of the API).
 * A route without a row fails the test: add the row when you add the route.
 *
 * Expected: allowed → 2xx, or a domain 4xx other than 401/403/404 (writes are sent without If-Match,
 * so most allowed writes answer 428 and change nothing); role without the permission → 403; no role
 * in the engagement → 404; anonymous → 401.
 */
import { randomUUID } from 'node:crypto';
import { can, policyTable, type EngagementRole, type PolicyAction, type PolicyResource, type ProgramAction } from '@banso/shared';
import { and, eq, gte, isNull } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as s from '../../src/db/schema/index.js';
import { roleOf } from '../../src/modules/access/access.service.js';
import { hashPassword } from '../../src/modules/auth/auth.service.js';
import { newToken, tokenHashOf } from '../../src/modules/users/users.service.js';
import type { RouteEntry } from '../../src/plugins/security.js';
import { createTestContext, demo, DEMO_PASSWORD, type Session, type TestContext } from '../support/test-app.js';
import {
  type EngagementFixture,
  type EngagementName,
  engagementNames,
  freshMunicipality,
  freshRows,
  loadFixtures,
  municipalityIdByName,
  userIdByEmail,
} from './support/fixtures.js';
import { httpMethod } from './support/http.js';

const TODAY = '2025-12-01';
/** A live invitation link of the spare user, inserted below. */
const INVITATION_TOKEN = `matrix-invitation-${randomUUID()}`;

// ── The table ─────────────────────────────────────────────────────────────────────────────────────

type Access =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  /** Program-scoped: the caller's role in the program (program office of its organizer, or none) must allow `action`. */
  | { kind: 'program'; action: ProgramAction }
  /** Engagement-scoped: the caller's role in `:id` must allow `action`. */
  | {
      kind: 'engagement';
      action: PolicyAction;
      resource?: (eng: EngagementFixture) => PolicyResource;
      /** The row belongs to one caller (an export job is its requester's): other permitted callers get 404. */
      ownedBy?: ActorKey;
      /**
       * The resource rule is read from the loaded row (a comment's author): a row of another engagement
       * is not found before the rule is met, so every role of the table gets 404 on it.
       */
      resourceFromRow?: true;
    }
  /** Program-scoped rules that depend on who the caller is (applications): an explicit answer per caller. */
  | { kind: 'caller'; rule: string; expect: (actor: Actor) => Expectation };

interface CellInput {
  eng: EngagementFixture;
  world: World;
  ctx: TestContext;
}

interface Row {
  access: Access;
  /** A minimal valid body, so that callers without permission meet the policy check, not validation. */
  body?: (c: CellInput) => unknown;
  query?: string;
  /** Path parameters whose target an allowed request consumes (delete, revoke): a fresh row per cell. */
  fresh?: readonly string[];
  /** Its :planId is a plan on the goal node (…/nodes/{nodeId}/verification-plans/{planId}), not an action's. */
  nodePlan?: true;
  /** The request ends the session (logout): each cell signs in anew. */
  ownSession?: boolean;
}

const pub: Access = { kind: 'public' };
const signedIn: Access = { kind: 'signed-in' };
const prog = (action: ProgramAction): Access => ({ kind: 'program', action });
const caller = (rule: string, expect: (actor: Actor) => Expectation): Access => ({ kind: 'caller', rule, expect });
const isOffice = (a: Actor) => a.organizerId !== null;
/** Published cases: every caller but the user of a municipality outside the organizer's jurisdiction (404). */
const libraryReader = (a: Actor): Expectation => (a.key === 'outside' ? 404 : 'allowed');
const isApplicant = (a: Actor) => a.municipalityId !== null && a.municipalityId === world.application.municipalityId;
const eng = (action: PolicyAction, resource?: (e: EngagementFixture) => PolicyResource): Access => ({
  kind: 'engagement',
  action,
  ...(resource ? { resource } : {}),
});

/** A rule on the comment's author, read from the row (see resourceFromRow). */
const byAuthor = (action: PolicyAction): Access => ({
  kind: 'engagement',
  action,
  resource: (e) => ({ authorUserId: e.commentAuthorId }),
  resourceFromRow: true,
});

const matrix: Record<string, Row> = {
  // health, auth
  getHealth: { access: pub },
  login: { access: pub, body: () => ({ email: demo.yamanami, password: DEMO_PASSWORD }) },
  getMe: { access: signedIn },
  logout: { access: signedIn, ownSession: true },
  // programs, municipalities, portfolio
  listPrograms: { access: signedIn },
  createProgram: { access: prog('program.create'), body: () => ({ fiscalYear: 2031, name: `行列テスト ${randomUUID().slice(0, 8)}` }) },
  // Without If-Match: 428 for the office, after the policy check.
  updateProgram: { access: prog('program.update'), body: () => ({ name: `行列テスト ${randomUUID().slice(0, 8)}` }) },
  listMunicipalities: { access: signedIn },
  getPortfolio: { access: prog('portfolio.read') },
  // engagements
  listEngagements: { access: signedIn },
  getHome: { access: signedIn },
  // notifications: the caller's own; the id in the path is an engagement's, so nobody's notification (404)
  listNotifications: { access: signedIn },
  readNotification: { access: caller('a notification is read only by its recipient', () => 404) },
  readAllNotifications: { access: signedIn },
  getNotificationPreferences: { access: signedIn },
  updateNotificationPreferences: {
    access: signedIn,
    body: () => ({ items: [{ kind: 'report_published', inApp: true, email: false, digest: false }] }),
  },
  createEngagement: {
    access: prog('engagement.create'),
    body: ({ world }) => ({ programId: world.programId, municipalityId: world.municipalities.sakura, theme: '行列テスト' }),
  },
  getEngagement: { access: eng('engagement.read') },
  updateEngagement: { access: eng('engagement.vision'), body: () => ({ theme: '行列テスト' }) },
  moveEngagementStatus: { access: eng('engagement.status'), body: () => ({ status: 'hearing' }) },
  getEngagementReadiness: { access: eng('engagement.readiness') },
  // ロードマップ合意: the rules (409) come after the policy check, so every permitted caller meets them, not 403.
  proposeRoadmap: { access: eng('roadmap.propose') },
  agreeRoadmap: { access: eng('roadmap.agree') },
  withdrawRoadmapAgreement: { access: eng('roadmap.withdraw') },
  continueEngagement: { access: eng('engagement.continue'), body: ({ world }) => ({ programId: world.nextProgramId }) },
  // teams
  listMembers: { access: eng('team.read') },
  listMemberCandidates: { access: eng('team.manage') },
  addMember: { access: eng('team.manage'), body: ({ world }) => ({ userId: world.spareUserId, role: 'advisor' }) },
  removeMember: { access: eng('team.manage'), fresh: ['userId'] },
  // A member made per cell, so the office meets If-Match (428), not a missing member.
  updateMember: { access: eng('team.manage'), body: () => ({ teamRole: 'secretariat' }), fresh: ['userId'] },
  listObserverGrants: { access: eng('observer.read') },
  createObserverGrant: {
    access: eng('observer.manage'),
    body: ({ world }) => ({ municipalityId: world.municipalities.shiosai, validUntil: '2027-03-31' }),
  },
  revokeObserverGrant: { access: eng('observer.manage'), fresh: ['grantId'] },
  // hearing
  listVisits: { access: eng('visit.read') },
  createVisit: { access: eng('visit.write'), body: () => ({ kind: 'hearing', date: '2026-01-20' }) },
  getVisit: { access: eng('visit.read') },
  // Editing a visit is the team's; municipal members approve the minutes only (`{status}`, held ⇄ minutes_approved).
  updateVisit: { access: eng('visit.write'), body: () => ({ agenda: '行列テスト' }) },
  deleteVisit: { access: eng('visit.write'), fresh: ['visitId'] },
  listFindings: { access: eng('engagement.read') },
  // Municipal members write findings the municipality reads (a `team` one is 400 on body.visibility for them).
  createFinding: { access: eng('finding.write'), body: () => ({ kind: 'advice', text: '行列テスト', visibility: 'municipality' }) },
  updateFinding: { access: eng('finding.write'), body: () => ({ text: '行列テスト' }) },
  deleteFinding: { access: eng('finding.write'), fresh: ['findingId'] },
  listHomework: { access: eng('homework.read') },
  createHomework: { access: eng('homework.write'), body: () => ({ text: '行列テスト', assigneeName: '行列' }) },
  // `{done}` (and `{result}`) is what the assignee among the municipal staff may send.
  updateHomework: { access: eng('homework.complete', (e) => ({ assigneeUserId: e.homeworkAssigneeId })), body: () => ({ done: true }) },
  // Deleting is editing: advisors only (the assignee may only tick it done).
  deleteHomework: { access: eng('homework.write'), fresh: ['homeworkId'] },
  // indicators
  listIndicators: { access: signedIn },
  listIndicatorValues: { access: eng('indicator.read') },
  getEngagementAnalysis: { access: eng('analysis.read') },
  // tree
  getTree: { access: eng('tree.read') },
  applyTreeOperations: {
    access: eng('tree.edit'),
    body: ({ eng: e }) => ({ operations: [{ op: 'update', id: e.nodeId, title: '行列テスト' }] }),
  },
  // Importing an outline (issue 17.2): editing this tree; the preview writes nothing, the import needs If-Match (428 after the policy check)
  // The engagement workbook's round trip (issue 17.1): whoever may export may preview (each change says whether the role may make it);
  // apply checks every row against the policy table, after If-Match (428 here: no file and no digest).
  previewWorkbookImport: { access: eng('export.read') },
  applyWorkbookImport: { access: eng('export.read') },
  previewTreeImport: { access: eng('tree.edit'), body: () => ({ text: '目指す姿\n  課題' }) },
  importTree: {
    access: eng('tree.edit'),
    body: ({ eng: e }) => ({
      mode: 'append',
      parentId: e.nodeId,
      nodes: [{ ref: '1', row: 1, parentRef: null, kind: 'cause', title: '行列テスト' }],
    }),
  },
  listTreeRevisions: { access: eng('tree.read') },
  restoreTreeRevision: { access: eng('tree.edit') },
  listNodeEvidence: { access: eng('tree.read') },
  addNodeEvidence: { access: eng('tree.edit'), body: () => ({ kind: 'text', text: '行列テスト', source: 'quality' }) },
  removeNodeEvidence: { access: eng('tree.edit'), fresh: ['evidenceId'] },
  // 事例を使う: editing this tree, from a case the caller reads (without If-Match: 428 after the policy check)
  adoptLibraryCase: {
    access: eng('tree.edit'),
    body: ({ eng: e, world: w }) => ({ reportId: w.publishedReportId, sourceNodeId: e.nodeId, parentId: e.nodeId }),
  },
  listTreeNodeSources: { access: eng('tree.read') },
  // actions, roadmap, verification
  listActions: { access: eng('action.read') },
  createAction: { access: eng('action.write'), body: ({ eng: e }) => ({ nodeId: e.freeMeasureNodeId, rationale: '行列テスト' }) },
  updateAction: { access: eng('action.write'), body: () => ({ rationale: '行列テスト' }) },
  getRoadmap: { access: eng('roadmap.read') },
  putRoadmapItem: { access: eng('roadmap.write'), body: () => ({ startMonth: '2025-10', endMonth: '2026-09' }) },
  createMilestone: { access: eng('roadmap.write'), body: () => ({ due: '2026-02-28', title: '行列テスト' }) },
  // `{status: 'done'}` is what municipal members may send.
  updateMilestone: { access: eng('milestone.complete'), body: () => ({ status: 'done' }) },
  deleteMilestone: { access: eng('roadmap.write'), fresh: ['milestoneId'] },
  createVerificationPlan: { access: eng('roadmap.write'), body: () => ({ indicatorName: '行列テスト' }) },
  updateVerificationPlan: { access: eng('roadmap.write'), body: () => ({ timing: '毎年度末' }) },
  deleteVerificationPlan: { access: eng('roadmap.write'), fresh: ['planId'] },
  createNodeVerificationPlan: { access: eng('roadmap.write'), body: () => ({ qualitative: true, method: '行列テスト' }) },
  updateNodeVerificationPlan: { access: eng('roadmap.write'), body: () => ({ timing: '毎年度末' }), fresh: ['planId'], nodePlan: true },
  deleteNodeVerificationPlan: { access: eng('roadmap.write'), fresh: ['planId'], nodePlan: true },
  recordMeasurement: { access: eng('measurement.write'), body: () => ({ period: '2025-09', value: 1 }) },
  // A measurement of the fixture plan made per cell (the demo records none before the matrix's today in some engagements).
  updateMeasurement: { access: eng('measurement.write'), body: () => ({ value: 2 }), fresh: ['measurementId'] },
  deleteMeasurement: { access: eng('measurement.write'), fresh: ['measurementId'] },
  // PDCA, audit
  listPdcaReviews: { access: eng('pdca.read') },
  getPdcaReview: { access: eng('pdca.read') },
  putPdcaReview: { access: eng('pdca.self'), body: () => ({ assessment: 'good' }) },
  putPdcaAdvisorComment: { access: eng('pdca.comment'), body: () => ({ comment: '行列テストの講評' }) },
  listAuditEntries: { access: eng('audit.read') },
  getEngagementEvents: { access: eng('engagement.read') },
  // reports (March meeting)
  listReports: { access: eng('report.read') },
  createReport: { access: eng('report.edit'), body: () => ({}) },
  getReport: { access: eng('report.read') },
  updateReport: { access: eng('report.edit'), body: () => ({ title: '行列テスト' }) },
  refreshReport: { access: eng('report.edit') },
  publishReport: { access: eng('report.publish') },
  createReportVersion: { access: eng('report.edit') },
  getReportTreeSvg: { access: eng('report.read') },
  getReportPreview: { access: eng('report.read') },
  // exports (jobs)
  createExport: { access: eng('export.read'), body: () => ({ format: 'xlsx' }) },
  // A job is its requester's (the fixture jobs are morikawa's): other permitted callers get 404.
  getExport: { access: { kind: 'engagement', action: 'export.read', ownedBy: 'morikawa' } },
  downloadExport: { access: { kind: 'engagement', action: 'export.read', ownedBy: 'morikawa' } },
  // case library: every signed-in user tied to the program's organizer (all demo accounts are) or of a
  // municipality in its jurisdiction (inside); a user of a municipality outside it finds nothing (404).
  listLibraryCases: { access: signedIn },
  getLibraryCase: { access: caller('tied to the organizer or in its jurisdiction', libraryReader) },
  getLibraryCasePreview: { access: caller('tied to the organizer or in its jurisdiction', libraryReader) },
  getLibraryCaseTreeSvg: { access: caller('tied to the organizer or in its jurisdiction', libraryReader) },
  // applications to next year's program (希望制)
  listApplications: { access: caller('program office or municipal staff', (a) => (isOffice(a) || a.municipalityId ? 'allowed' : 403)) },
  createApplication: {
    access: caller('municipal staff, for their own municipality', (a) => (a.municipalityId ? 'allowed' : 403)),
    body: () => ({ theme: '行列テスト', motivation: '行列テストの応募', contactName: '行列 太郎', contactEmail: 'matrix@example.test' }),
  },
  // Other municipalities must not learn that an application exists: 404.
  getApplication: {
    access: caller('program office or the applying municipality', (a) => (isOffice(a) || isApplicant(a) ? 'allowed' : 404)),
  },
  updateApplication: {
    access: caller('the applying municipality', (a) => (isApplicant(a) ? 'allowed' : isOffice(a) ? 403 : 404)),
    body: () => ({ theme: '行列テスト' }),
  },
  // The program-office check does not look at the application, so a 403 reveals nothing.
  selectApplication: {
    access: prog('application.select'),
    body: () => ({ advisorIds: [world.advisorId] }),
  },
  declineApplication: { access: prog('application.select') },
  listAdvisorCandidates: { access: prog('application.select') },
  // ── issue 13: mail outbox and municipality master (program office only, policy actions mail.outbox.read, municipality.import) ──
  listMailOutbox: { access: prog('mail.outbox.read') },
  previewMunicipalityImport: { access: prog('municipality.import') },
  importMunicipalities: { access: prog('municipality.import') },
  // ── issue h7: regional analysis (indicator.import for the office, analysis.read like the engagement's other reads) ──
  previewIndicatorImport: { access: prog('indicator.import') },
  importIndicatorValues: { access: prog('indicator.import') },
  previewGrantImport: { access: prog('grant.import') },
  importGrantScores: { access: prog('grant.import') },
  // The catalogue is the office's (indicator.catalogue); a figure entered one at a time is an import of one (indicator.import).
  createIndicator: {
    access: prog('indicator.catalogue'),
    body: () => ({ code: `MX${randomUUID().slice(0, 6)}`, name: '行列テスト指標', direction: 'higher', level: 'output' }),
  },
  updateIndicator: { access: prog('indicator.catalogue'), body: () => ({ definition: '行列テスト' }) },
  // A month for a yearly indicator: the office gets 400 (nothing written), every other caller 403 first.
  enterIndicatorValue: {
    access: prog('indicator.import'),
    body: () => ({ indicatorId: world.indicatorId, municipalityId: world.spareMunicipalityId, period: '2030-07', value: 1 }),
  },
  // ── issue 13: accounts (policy action user.manage; one-time links and first-run setup are public) ──
  createInvitation: {
    access: prog('user.manage'),
    body: () => ({
      email: `matrix-${randomUUID().slice(0, 8)}@example.test`,
      name: '行列 招待',
      organizationKind: 'advisor_organization',
      organization: '行列テスト研究所',
    }),
  },
  // A weak password: 400 for everyone, and the link stays unused.
  getInvitation: { access: pub },
  acceptInvitation: { access: pub, body: () => ({ password: 'password1234' }) },
  listUsers: { access: prog('user.manage') },
  deactivateUser: { access: prog('user.manage') },
  reactivateUser: { access: prog('user.manage') },
  sendPasswordReset: { access: prog('user.manage') },
  // A too-short new password: 400 before anything is checked (no failure counted against the account).
  changePassword: { access: signedIn, body: () => ({ currentPassword: 'x', newPassword: 'short' }) },
  // Two-factor sign-in: a malformed code is 400 before anything is checked (no failure counted against the account).
  startTotpEnrolment: { access: signedIn },
  confirmTotpEnrolment: { access: signedIn, body: () => ({ code: 'abc' }) },
  renewRecoveryCodes: { access: signedIn, body: () => ({ code: 'abc' }) },
  disableTotp: { access: signedIn, body: () => ({ password: 'x', code: 'abc' }) },
  getTwoFactorRequirement: { access: prog('user.manage') },
  setTwoFactorRequirement: { access: prog('user.manage'), body: () => ({ required: false }) },
  resetTwoFactor: { access: prog('user.manage') },
  getSetupStatus: { access: pub },
  // ── issue 13: organizer, jurisdiction, insurers (policy action organizer.manage), public report links (report.share) ──
  getOrganizer: { access: prog('organizer.manage') },
  updateOrganizer: { access: prog('organizer.manage'), body: () => ({ prefectureCode: '13' }) },
  listJurisdiction: { access: prog('organizer.manage'), query: 'q=%E5%8C%BA&page=1&pageSize=10' },
  addToJurisdiction: { access: prog('organizer.manage') },
  removeFromJurisdiction: { access: prog('organizer.manage') },
  listInsurers: { access: prog('organizer.manage') },
  createInsurer: {
    access: prog('organizer.manage'),
    body: ({ world }) => ({ name: '行列テスト広域連合', kind: 'wide_area_union', municipalityIds: [world.spareMunicipalityId] }),
  },
  updateInsurer: {
    access: prog('organizer.manage'),
    body: ({ world }) => ({ name: '行列テスト広域連合', kind: 'wide_area_union', municipalityIds: [world.spareMunicipalityId] }),
  },
  // ── issue 15: comment threads and observers' questions ──
  listComments: { access: eng('comment.read') },
  getCommentCounts: { access: eng('comment.read'), query: 'subjectType=node' },
  getComment: { access: eng('comment.read') },
  // A question visible to observers: what every reader may write (team and municipality comments are comment.create).
  createComment: {
    access: eng('comment.question'),
    body: ({ eng: e }) => ({ subjectType: 'node', subjectId: e.nodeId, kind: 'question', visibility: 'observers', body: '行列テスト' }),
  },
  // Own comments only: the fixture thread is the lead advisor's (森川); the others read it and get 403.
  updateComment: { access: byAuthor('comment.edit'), body: () => ({ body: '行列テスト' }) },
  deleteComment: { access: byAuthor('comment.edit'), fresh: ['commentId'] },
  // The team and the municipality resolve any thread they read; an observer only its own question.
  setCommentResolution: { access: byAuthor('comment.resolve'), body: () => ({ resolved: true }) },
  // ── issue 15: observers who attend (参加登録, 傍聴申請) ──
  listVisitAttendance: { access: eng('visit.attendance.read') },
  // The fixture visit may be past: 409 visit_past for a permitted caller, after the policy check.
  registerAttendance: { access: eng('visit.attend') },
  withdrawAttendance: { access: eng('visit.attend') },
  recordAttendance: { access: eng('visit.attendance.record'), body: () => ({ status: 'attended' }) },
  listObservableEngagements: { access: signedIn },
  // For みどり区: staff of a municipality without a role there (409 when a grant or a request already stands);
  // its own staff and those outside the jurisdiction find nothing (404); users of no municipality may not ask (403).
  createObservationRequest: {
    access: caller('municipal staff of the jurisdiction, not of the engagement’s municipality', (a) =>
      !a.municipalityId ? 403 : a.key === 'midori' || a.key === 'outside' ? 404 : 'allowed',
    ),
    body: ({ world }) => ({ engagementId: world.fixtures.みどり区.id, message: '行列テスト' }),
  },
  listObservationRequests: { access: prog('observation.review') },
  approveObservationRequest: { access: eng('observer.manage'), body: () => ({ validUntil: '2027-03-31' }) },
  declineObservationRequest: { access: eng('observer.manage') },
  createPublicLink: { access: eng('report.share'), body: () => ({ expiresInDays: 7 }) },
  listPublicLinks: { access: eng('report.share') },
  revokePublicLink: { access: eng('report.share'), fresh: ['linkId'] },
  // The token of a live link to the published みどり区 report: public, read-only.
  getPublicReport: { access: pub },
  getPublicReportTreeSvg: { access: pub },
  // ── 横展開 part 4: attachments (as their parent; the fixture file is a shareable visit material) and reference materials ──
  listAttachments: { access: eng('engagement.read') },
  // Sent without a multipart body: a permitted caller meets 406 after the policy check, and nothing is stored.
  uploadVisitAttachment: { access: eng('visit.materials') },
  uploadFindingAttachment: { access: eng('finding.write') },
  uploadHomeworkAttachment: { access: eng('homework.complete', (e) => ({ assigneeUserId: e.homeworkAssigneeId })) },
  uploadReportAttachment: { access: eng('report.edit') },
  downloadAttachment: { access: eng('visit.read') },
  updateAttachment: { access: eng('visit.materials'), body: () => ({ shareable: true }) },
  deleteAttachment: { access: eng('visit.materials') },
  listReferenceMaterials: { access: caller('tied to the organizer or in its jurisdiction', libraryReader) },
  uploadReferenceMaterial: { access: prog('reference.manage') },
  downloadReferenceMaterial: { access: caller('tied to the organizer or in its jurisdiction', libraryReader) },
  updateReferenceMaterial: { access: prog('reference.manage'), body: () => ({ name: '行列の手引き.txt' }) },
  deleteReferenceMaterial: { access: prog('reference.manage') },
  // ── issue 16.1: program events (read and registered for by everyone tied to the organizer; planned by the office) ──
  listProgramEvents: { access: caller('tied to the organizer or in its jurisdiction', libraryReader) },
  getProgramEvent: { access: caller('tied to the organizer or in its jurisdiction', libraryReader) },
  createProgramEvent: {
    access: prog('program_event.manage'),
    body: () => ({ kind: 'training', title: `行列テスト ${randomUUID().slice(0, 8)}`, startDate: '2026-01-15' }),
  },
  updateProgramEvent: { access: prog('program_event.manage'), body: () => ({ minutes: '行列テストの議事録' }) },
  deleteProgramEvent: { access: prog('program_event.manage') },
  registerForProgramEvent: { access: caller('tied to the organizer or in its jurisdiction', libraryReader) },
  withdrawFromProgramEvent: { access: caller('tied to the organizer or in its jurisdiction', libraryReader) },
  listProgramEventAttendance: { access: prog('program_event.attendance.record') },
  recordProgramEventAttendance: { access: prog('program_event.attendance.record'), body: () => ({ status: 'attended' }) },
  uploadProgramEventMaterial: { access: prog('program_event.manage') },
  downloadProgramEventMaterial: { access: caller('tied to the organizer or in its jurisdiction', libraryReader) },
  deleteProgramEventMaterial: { access: prog('program_event.manage') },
  downloadProgramEventPack: { access: caller('tied to the organizer or in its jurisdiction', libraryReader) },
  // ── issue 17.4: the 「取組と目標」 self-evaluation sheet (read like the actions; written by the municipality, advisors and office) ──
  listSelfEvaluations: { access: eng('self_evaluation.read') },
  exportSelfEvaluations: { access: eng('self_evaluation.read'), query: 'fiscalYear=2025' },
  createSelfEvaluation: {
    access: eng('self_evaluation.write'),
    body: ({ eng: e }) => ({ fiscalYear: e.fiscalYear, title: `行列テスト ${randomUUID().slice(0, 8)}` }),
  },
  // Without If-Match: 428 for a permitted caller, after the policy check.
  updateSelfEvaluation: { access: eng('self_evaluation.write'), body: () => ({ comment: '行列テスト' }) },
  deleteSelfEvaluation: { access: eng('self_evaluation.write') },
  // An empty list: 409 list_changed while the year has items, after the policy check.
  reorderSelfEvaluations: { access: eng('self_evaluation.write'), body: ({ eng: e }) => ({ fiscalYear: e.fiscalYear, itemIds: [] }) },
  // The demo database has its office: 409 setup_done.
  completeSetup: {
    access: pub,
    body: () => ({
      token: 'x'.repeat(43),
      email: 'setup@example.test',
      name: '初期 設定',
      organization: '行列',
      password: 'kawasemi-tsuyu-akari-2025!',
    }),
  },
};

/** Routes without an operationId: hidden from the OpenAPI document, matched by path prefix. */
const assets: { prefix: string; access: Access }[] = [
  { prefix: '/api/openapi.json', access: pub },
  // The API documentation is public (DESIGN §1), like the document it shows.
  { prefix: '/api/docs', access: pub },
];
const assetRow = (r: RouteEntry): Row | undefined => {
  const a = assets.find((x) => r.url === x.prefix || r.url.startsWith(`${x.prefix}/`));
  return a ? { access: a.access } : undefined;
};

// ── Actors and roles ─────────────────────────────────────────────────────────────────────────────

const actorKeys = ['anonymous', 'office', 'morikawa', 'kitano', 'midori', 'aoba', 'sakura', 'higashi', 'inside', 'outside'] as const;
type ActorKey = (typeof actorKeys)[number];
/**
 * The callers' accounts: the demo's, plus staff of a municipality in the organizer's jurisdiction with
 * no engagement, grant or team (inside) and of one outside it (outside), both made below.
 */
const emails: Record<Exclude<ActorKey, 'anonymous'>, string> = {
  ...demo,
  inside: 'matrix-inside@example.test',
  outside: 'matrix-outside@example.test',
};

interface Actor {
  key: ActorKey;
  session: Session;
  organizerId: string | null;
  municipalityId: string | null;
  roles: Record<EngagementName, EngagementRole | null>;
}

interface World {
  programId: string;
  /** A municipality in the jurisdiction for the jurisdiction and insurer routes. */
  spareMunicipalityId: string;
  /** An insurer of the demo organizer. */
  insurerId: string;
  /** An indicator of the catalogue. */
  indicatorId: string;
  /** The token of a live public link to the published report. */
  publicToken: string;
  /** The lead advisor, for bodies naming an advisor. */
  advisorId: string;
  /** An application of さくら区 (by sakura) to the next year's program. */
  application: { id: string; municipalityId: string };
  /** Per engagement: a finished export job. */
  exportJobs: Map<string, string>;
  /** A published report (みどり区), for the case library. */
  publishedReportId: string;
  nextProgramId: string;
  spareUserId: string;
  municipalities: { sakura: string; higashi: string; shiosai: string };
  fixtures: Record<EngagementName, EngagementFixture>;
  actors: Actor[];
}

/** What the demo says each caller is in each engagement; the matrix relies on every kind being present. */
const expectedRoles: Record<Exclude<ActorKey, 'anonymous'>, Record<EngagementName, EngagementRole | null>> = {
  office: { みどり区: 'program_office', あおば市: 'program_office', やまなみ町: 'program_office' },
  morikawa: { みどり区: 'advisor', あおば市: 'advisor', やまなみ町: 'advisor' },
  // Advisor of other engagements: no role in みどり区.
  kitano: { みどり区: null, あおば市: 'advisor', やまなみ町: 'advisor' },
  midori: { みどり区: 'municipal_member', あおば市: null, やまなみ町: null },
  aoba: { みどり区: null, あおば市: 'municipal_member', やまなみ町: null },
  // Observer with an active grant on みどり区.
  sakura: { みどり区: 'observer', あおば市: null, やまなみ町: null },
  // ひがし市 observes あおば市 (active) and holds an expired grant on みどり区 (inserted below).
  higashi: { みどり区: null, あおば市: 'observer', やまなみ町: null },
  // No role anywhere: only the jurisdiction (inside) or nothing (outside).
  inside: { みどり区: null, あおば市: null, やまなみ町: null },
  outside: { みどり区: null, あおば市: null, やまなみ町: null },
};

let ctx: TestContext;
let world: World;
/** Per engagement: a registration for its fixture visit, and a pending 傍聴申請 (しおさい村's, or さくら区's on やまなみ町). */
const attendanceOf = new Map<string, string>();
const requestOf = new Map<string, string>();
/** Per engagement: a shareable material on its fixture visit; and a reference material of the next year's program. */
const attachmentOf = new Map<string, string>();
/** Per engagement: an item of its 「取組と目標」 self-evaluation sheet. */
const selfEvaluationOf = new Map<string, string>();
let referenceMaterialId = '';
/** A 報告会 of the next year's program, with a material and a registration. */
let programEventId = '';
let programEventMaterialId = '';
let programEventAttendanceId = '';

/** The caller's role, from memberships, program office and observer grants read directly from the database. */
async function resolveRole(
  user: { id: string; organizerId: string | null; municipalityId: string | null },
  e: EngagementFixture,
): Promise<EngagementRole | null> {
  const db = ctx.database.db;
  const [member] = await db
    .select({ role: s.memberships.role })
    .from(s.memberships)
    .where(and(eq(s.memberships.engagementId, e.id), eq(s.memberships.userId, user.id)));
  let administers = false;
  if (user.organizerId) {
    const programs = await db.select({ id: s.programs.id, organizerId: s.programs.organizerId }).from(s.programs);
    const target = programs.find((p) => p.id === e.programId);
    administers = target !== undefined && target.organizerId === user.organizerId;
  }
  const grants = user.municipalityId
    ? await db
        .select({ id: s.observerGrants.id })
        .from(s.observerGrants)
        .where(
          and(
            eq(s.observerGrants.engagementId, e.id),
            eq(s.observerGrants.municipalityId, user.municipalityId),
            isNull(s.observerGrants.revokedAt),
            gte(s.observerGrants.validUntil, TODAY),
          ),
        )
    : [];
  return roleOf(member?.role ?? null, grants.length > 0, administers);
}

beforeAll(async () => {
  ctx = await createTestContext({ today: TODAY });
  const db = ctx.database.db;
  const fixtures = await loadFixtures(db);
  const municipalities = {
    sakura: await municipalityIdByName(db, 'さくら区'),
    higashi: await municipalityIdByName(db, 'ひがし市'),
    shiosai: await municipalityIdByName(db, 'しおさい村'),
  };
  // The expired observer: ひがし市's grant on みどり区 ended before today.
  await db
    .insert(s.observerGrants)
    .values({ engagementId: fixtures.みどり区.id, municipalityId: municipalities.higashi, validUntil: '2025-06-30' });
  // 参加登録 and 傍聴申請 rows for the attendance routes.
  for (const name of engagementNames) {
    const e = fixtures[name];
    const [line] = await db
      .insert(s.visitAttendance)
      .values({ engagementId: e.id, visitId: e.visitId, userId: await userIdByEmail(db, demo.morikawa), organizationName: '行列' })
      .returning({ id: s.visitAttendance.id });
    attendanceOf.set(e.id, line!.id);
    const [request] = await db
      .insert(s.observationRequests)
      .values({
        engagementId: e.id,
        municipalityId: name === 'やまなみ町' ? municipalities.sakura : municipalities.shiosai,
        message: '行列テスト',
      })
      .returning({ id: s.observationRequests.id });
    requestOf.set(e.id, request!.id);
  }
  // A next fiscal year's program of the same organizer, for continuations.
  const [program] = await db.select().from(s.programs).where(eq(s.programs.id, fixtures.みどり区.programId));
  if (!program) throw new Error('no demo program');
  const nextProgramId = randomUUID();
  await db.insert(s.programs).values({
    id: nextProgramId,
    fiscalYear: program.fiscalYear + 1,
    name: `${program.name}（次年度・行列テスト）`,
    organizerId: program.organizerId,
  });
  // A PDCA review of the current fiscal year in every engagement, for getPdcaReview.
  for (const name of engagementNames)
    await db
      .insert(s.pdcaReviews)
      .values({ engagementId: fixtures[name].id, fiscalYear: fixtures[name].fiscalYear, assessment: 'good' })
      .onConflictDoNothing();
  // An item of the self-evaluation sheet in every engagement, for the item routes.
  for (const name of engagementNames) {
    const [item] = await db
      .insert(s.selfEvaluationItems)
      .values({ engagementId: fixtures[name].id, fiscalYear: fixtures[name].fiscalYear, position: 100, title: '行列テストの取組と目標' })
      .returning({ id: s.selfEvaluationItems.id });
    selfEvaluationOf.set(fixtures[name].id, item!.id);
  }
  // A user no engagement knows, for addMember.
  const spareUserId = randomUUID();
  await db
    .insert(s.users)
    .values({ id: spareUserId, email: `spare-${spareUserId}@example.test`, name: '予備 ユーザー', passwordHash: 'not-a-hash' });
  await db.insert(s.userTokens).values({
    userId: spareUserId,
    kind: 'invitation',
    tokenHash: tokenHashOf(INVITATION_TOKEN),
    expiresAt: new Date('2099-01-01T00:00:00Z'),
  });

  // Staff of a municipality in the jurisdiction (inside) and outside it, tied to nothing else.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const spareMunicipalityId = await freshMunicipality(db, '行列テスト 予備町');
  for (const [key, name] of [
    ['inside', '行列テスト うちがわ町'],
    ['outside', '行列テスト そとがわ町'],
  ] as const) {
    const municipalityId = await freshMunicipality(db, name);
    if (key === 'inside') await db.insert(s.organizerMunicipalities).values({ organizerId: program.organizerId, municipalityId });
    await db.insert(s.users).values({ email: emails[key], name, municipalityId, passwordHash });
  }
  await db.insert(s.organizerMunicipalities).values({ organizerId: program.organizerId, municipalityId: spareMunicipalityId });
  const [insurer] = await db
    .insert(s.insurers)
    .values({ organizerId: program.organizerId, name: '行列テスト 一部事務組合', kind: 'partial_affairs_association' })
    .returning();

  const actors: Actor[] = [];
  for (const key of actorKeys) {
    if (key === 'anonymous') {
      actors.push({
        key,
        session: ctx.anonymous,
        organizerId: null,
        municipalityId: null,
        roles: { みどり区: null, あおば市: null, やまなみ町: null },
      });
      continue;
    }
    const session = await ctx.login(emails[key]);
    const [user] = await db
      .select({ id: s.users.id, organizerId: s.users.organizerId, municipalityId: s.users.municipalityId })
      .from(s.users)
      .where(eq(s.users.id, await userIdByEmail(db, emails[key])));
    if (!user) throw new Error(`no user ${key}`);
    const roles: Record<EngagementName, EngagementRole | null> = { みどり区: null, あおば市: null, やまなみ町: null };
    for (const name of engagementNames) roles[name] = await resolveRole(user, fixtures[name]);
    actors.push({ key, session, organizerId: user.organizerId, municipalityId: user.municipalityId, roles });
  }
  const has = (op: string) => ctx.app.routeInventory.some((r) => r.operationId === op);
  if (has('createReport')) for (const name of engagementNames) await makeReport(fixtures[name]);
  const publishedReportId = has('publishReport') ? await publishReport(fixtures.みどり区) : '';
  const exportJobs = new Map<string, string>();
  if (has('createExport')) for (const name of engagementNames) exportJobs.set(fixtures[name].id, await finishedExport(fixtures[name]));
  const application = has('createApplication') ? await makeApplication(nextProgramId) : { id: '', municipalityId: '' };
  const advisorId = await userIdByEmail(db, demo.morikawa);
  if (has('uploadVisitAttachment')) {
    const advisor = await ctx.login(demo.morikawa);
    for (const name of engagementNames) {
      const e = fixtures[name];
      const res = await advisor.request({
        method: 'POST',
        url: `/api/engagements/${e.id}/visits/${e.visitId}/attachments?shareable=true`,
        ...multipartFile('行列テスト.txt', '行列テストの資料'),
      });
      if (res.statusCode !== 201) throw new Error(`could not attach to ${name}: ${res.statusCode} ${res.body}`);
      attachmentOf.set(e.id, z.object({ id: z.uuid() }).parse(res.json()).id);
    }
    const res = await (
      await ctx.login(demo.office)
    ).request({
      method: 'POST',
      url: `/api/programs/${nextProgramId}/reference-materials`,
      ...multipartFile('手引き.txt', '行列テストの手引き'),
    });
    if (res.statusCode !== 201) throw new Error(`could not post a reference material: ${res.statusCode} ${res.body}`);
    referenceMaterialId = z.object({ id: z.uuid() }).parse(res.json()).id;
  }
  if (has('createProgramEvent')) {
    const [event] = await db
      .insert(s.programEvents)
      .values({
        programId: nextProgramId,
        kind: 'report_meeting',
        title: '行列テスト 報告会',
        startDate: '2026-03-16',
        endDate: '2026-03-16',
      })
      .returning({ id: s.programEvents.id });
    programEventId = event!.id;
    const office = await ctx.login(demo.office);
    const res = await office.request({
      method: 'POST',
      url: `/api/programs/${nextProgramId}/events/${programEventId}/materials`,
      ...multipartFile('次第.txt', '行列テストの次第'),
    });
    if (res.statusCode !== 201) throw new Error(`could not post an event material: ${res.statusCode} ${res.body}`);
    programEventMaterialId = z.object({ id: z.uuid() }).parse(res.json()).id;
    const reg = await office.put(`/api/programs/${nextProgramId}/events/${programEventId}/registration`);
    programEventAttendanceId = z.object({ id: z.uuid() }).parse(reg.json()).id;
  }
  const publicToken = newToken();
  if (publishedReportId)
    await db.insert(s.reportPublicLinks).values({ reportId: publishedReportId, tokenHash: tokenHashOf(publicToken), createdBy: null });
  world = {
    spareMunicipalityId,
    insurerId: insurer!.id,
    indicatorId: fixtures.みどり区.indicatorId,
    publicToken,
    advisorId,
    application,
    exportJobs,
    publishedReportId,
    programId: program.id,
    nextProgramId,
    spareUserId,
    municipalities,
    fixtures,
    actors,
  };
});
afterAll(() => ctx.close());

// ── Cells ─────────────────────────────────────────────────────────────────────────────────────────

type Expectation = 'allowed' | 401 | 403 | 404;

function expectationFor(row: Row, actor: Actor, e: EngagementFixture | null): Expectation {
  if (row.access.kind === 'public') return 'allowed';
  if (actor.key === 'anonymous') return 401;
  switch (row.access.kind) {
    case 'signed-in':
      return 'allowed';
    case 'program': {
      // Every program of the fixtures has the demo organizer, so a program office administers them all.
      const role: EngagementRole | null = actor.organizerId ? 'program_office' : null;
      if (!role) return 403;
      return can({ userId: actor.session.userId, role }, row.access.action) ? 'allowed' : 403;
    }
    case 'caller':
      return row.access.expect(actor);
    case 'engagement': {
      if (!e) throw new Error('engagement row on a route without :id');
      const role = actor.roles[e.name];
      if (!role) return 404;
      const resource = row.access.resource?.(e) ?? {};
      if (!can({ userId: actor.session.userId, role }, row.access.action, resource)) return 403;
      return row.access.ownedBy && row.access.ownedBy !== actor.key ? 404 : 'allowed';
    }
  }
}

function meets(expectation: Expectation, method: string, res: LightMyRequestResponse): boolean {
  if (res.statusCode >= 500) return false;
  if (expectation !== 'allowed')
    return res.statusCode === expectation && String(res.headers['content-type']).startsWith('application/problem+json');
  // Reads succeed; docs assets may redirect (…/static/index.html → …/docs/).
  if (method === 'GET') return res.statusCode >= 200 && res.statusCode < 400;
  return ![401, 403, 404].includes(res.statusCode);
}

/** Path parameter values: from `own` (the engagement in the path) or, for sub-resources, from `target`. */
async function paramValue(name: string, row: Row, own: EngagementFixture, target: EngagementFixture): Promise<string> {
  const db = ctx.database.db;
  if (name === 'id') return own.id;
  if (row.fresh?.includes(name)) {
    switch (name) {
      case 'linkId': {
        const [link] = await db
          .insert(s.reportPublicLinks)
          .values({ reportId: reportOf(target), tokenHash: tokenHashOf(newToken()) })
          .returning({ id: s.reportPublicLinks.id });
        return link!.id;
      }
      case 'evidenceId':
        return freshRows.textEvidence(db, target);
      case 'userId':
        return freshRows.member(db, target);
      case 'grantId':
        return freshRows.observerGrant(db, target);
      case 'findingId':
        return freshRows.finding(db, target);
      case 'commentId':
        return freshRows.comment(db, target);
      case 'visitId':
        return freshRows.visit(db, target);
      case 'homeworkId':
        return freshRows.homework(db, target);
      case 'milestoneId':
        return freshRows.milestone(db, target);
      case 'planId':
        return row.nodePlan ? freshRows.nodePlan(db, target) : freshRows.plan(db, target);
      case 'measurementId':
        return freshRows.measurement(db, target);
    }
    throw new Error(`no fresh-row maker for parameter :${name}`);
  }
  switch (name) {
    case 'visitId':
      return target.visitId;
    case 'findingId':
      return target.findingId;
    case 'commentId':
      return target.commentId;
    case 'homeworkId':
      return target.homeworkId;
    case 'nodeId':
      return target.nodeId;
    case 'actionId':
      return target.actionId;
    case 'milestoneId':
      return target.milestoneId;
    case 'planId':
      return target.planId;
    case 'attendanceId':
      return attendanceOf.get(target.id)!;
    case 'requestId':
      return requestOf.get(target.id)!;
    case 'attachmentId':
      return attachmentOf.get(target.id)!;
    case 'itemId':
      return selfEvaluationOf.get(target.id)!;
    case 'fiscalYear':
      return String(own.fiscalYear);
    case 'revision':
      return '1';
    case 'reportId':
      return reportOf(target);
    case 'jobId': {
      const job = world.exportJobs.get(target.id);
      if (!job) throw new Error(`no export job for ${target.name}`);
      return job;
    }
  }
  throw new Error(`no fixture for path parameter :${name} — add it to paramValue`);
}

const reports = new Map<string, string>();
/** A draft report of the engagement, made through the API by its lead advisor before any cell runs. */
async function makeReport(e: EngagementFixture): Promise<void> {
  const advisor = await ctx.login(demo.morikawa);
  const res = await advisor.post(`/api/engagements/${e.id}/reports`, {});
  if (res.statusCode !== 201) throw new Error(`could not create a report for ${e.name}: ${res.statusCode} ${res.body}`);
  reports.set(e.id, z.object({ id: z.uuid() }).parse(res.json()).id);
}
function reportOf(e: EngagementFixture): string {
  const id = reports.get(e.id);
  if (!id) throw new Error(`no report made for ${e.name}`);
  return id;
}

/** Publishes an engagement's draft report as the program office (the case library needs one). */
async function publishReport(e: EngagementFixture): Promise<string> {
  const reportId = reportOf(e);
  const officeSession = await ctx.login(demo.office);
  const current = await officeSession.get(`/api/engagements/${e.id}/reports/${reportId}`);
  const etag = String(current.headers.etag ?? '');
  const res = await officeSession.post(`/api/engagements/${e.id}/reports/${reportId}/publish`, undefined, { 'if-match': etag });
  if (res.statusCode !== 200) throw new Error(`could not publish the report of ${e.name}: ${res.statusCode} ${res.body}`);
  return reportId;
}

/** An Excel export of the engagement, made by its lead advisor and waited for. */
async function finishedExport(e: EngagementFixture): Promise<string> {
  const advisor = await ctx.login(demo.morikawa);
  const res = await advisor.post(`/api/engagements/${e.id}/exports`, { format: 'xlsx' });
  if (res.statusCode !== 202) throw new Error(`could not start an export for ${e.name}: ${res.statusCode} ${res.body}`);
  const jobId = z.object({ id: z.uuid() }).parse(res.json()).id;
  for (let i = 0; i < 300; i++) {
    const job = await advisor.get(`/api/engagements/${e.id}/exports/${jobId}`);
    const status = z.object({ status: z.string() }).parse(job.json()).status;
    if (status === 'done') return jobId;
    if (status === 'failed') throw new Error(`the export of ${e.name} failed: ${job.body}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the export of ${e.name} did not finish`);
}

/** さくら区 applies to the next year's program (sakura is municipal staff of さくら区). */
async function makeApplication(programId: string): Promise<{ id: string; municipalityId: string }> {
  const applicant = await ctx.login(demo.sakura);
  const res = await applicant.post(`/api/programs/${programId}/applications`, {
    theme: '見守りの担い手づくり',
    motivation: '行列テスト用の応募',
    contactName: '石井 聡',
    contactEmail: 'sakura@example.test',
  });
  if (res.statusCode !== 201) throw new Error(`could not apply: ${res.statusCode} ${res.body}`);
  return z
    .object({ id: z.uuid(), municipality: z.object({ id: z.uuid() }) })
    .transform((a) => ({ id: a.id, municipalityId: a.municipality.id }))
    .parse(res.json());
}

/** A multipart/form-data body with one text file part. */
function multipartFile(fileName: string, text: string) {
  const boundary = `----matrix${randomUUID()}`;
  return {
    payload: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--${boundary}--\r\n`,
    ),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Parameters of routes outside an engagement. */
function globalParam(name: string, url: string): string {
  switch (name) {
    case 'municipalityId':
      return world.spareMunicipalityId;
    case 'id': // /insurers/:id, /indicators/:id or /programs/:id
      if (url.startsWith('/api/insurers/')) return world.insurerId;
      return url.startsWith('/api/indicators/') ? world.indicatorId : world.nextProgramId;
    case 'programId':
      return world.nextProgramId;
    case 'applicationId':
      return world.application.id;
    case 'reportId':
      return world.publishedReportId;
    case 'userId':
      return world.spareUserId;
    case 'materialId':
      return referenceMaterialId;
    case 'eventId':
      return programEventId;
    case 'eventMaterialId':
      return programEventMaterialId;
    case 'attendanceId':
      return programEventAttendanceId;
    case 'token':
      return url.startsWith('/api/public/') ? world.publicToken : INVITATION_TOKEN;
  }
  throw new Error(`no fixture for path parameter :${name} outside an engagement — add it to globalParam`);
}

const paramNames = (url: string) => [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);

async function buildUrl(route: RouteEntry, row: Row, own: EngagementFixture | null, target: EngagementFixture | null): Promise<string> {
  let url = route.url;
  for (const name of paramNames(route.url)) {
    const value = own && target ? await paramValue(name, row, own, target) : globalParam(name, route.url);
    url = url.replace(`:${name}`, encodeURIComponent(value));
  }
  return url.replace('*', 'index.html') + (row.query ? `?${row.query}` : '');
}

async function send(
  route: RouteEntry,
  row: Row,
  actor: Actor,
  url: string,
  e: EngagementFixture | null,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  let session = actor.session;
  if (row.ownSession && actor.key !== 'anonymous') {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: emails[actor.key], password: DEMO_PASSWORD },
    });
    const token = res.cookies.find((c) => c.name === 'banso_session')?.value ?? '';
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    session = { ...session, cookie: `banso_session=${token}`, csrf };
    return ctx.app.inject({ method: 'POST', url, headers: { cookie: session.cookie, 'x-csrf-token': csrf } });
  }
  const body = row.body && e ? row.body({ eng: e, world, ctx }) : row.body?.({ eng: world.fixtures.みどり区, world, ctx });
  return session.request({
    method: httpMethod(route.method),
    url,
    headers,
    ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
  });
}

interface Failure {
  cell: string;
  expected: Expectation;
  got: number;
  body: string;
}

const describeFailure = (f: Failure) => `${f.cell}: expected ${f.expected}, got ${f.got} ${f.body}`;

let cellCount = 0;

function routeKey(r: RouteEntry) {
  return `${r.method} ${r.url}`;
}

const isEngagementScoped = (r: RouteEntry) => r.url.startsWith('/api/engagements/:id');

describe('authorization matrix over the registered route table', () => {
  it('has a row for every route (by operationId), and every route without one is a hidden public asset', () => {
    const problems: string[] = [];
    const seen = new Map<string, string>();
    for (const route of ctx.app.routeInventory) {
      if (!route.url.startsWith('/api/')) continue;
      if (route.operationId === null) {
        const asset = assetRow(route);
        if (!route.hidden || !asset) problems.push(`route ${routeKey(route)} has no operationId (and is no hidden docs asset)`);
        else if ((asset.access.kind === 'public') !== route.public)
          problems.push(`asset ${routeKey(route)}: public flag differs from the table`);
        continue;
      }
      const dup = seen.get(route.operationId);
      if (dup) problems.push(`operationId ${route.operationId} is used by ${dup} and ${routeKey(route)}`);
      seen.set(route.operationId, routeKey(route));
      const row = matrix[route.operationId];
      if (!row) {
        problems.push(`no matrix row for operationId ${route.operationId} (${routeKey(route)})`);
        continue;
      }
      if (row.access.kind === 'engagement' && !isEngagementScoped(route))
        problems.push(`${route.operationId}: engagement-scoped row on a route without /engagements/:id`);
      if (isEngagementScoped(route) && row.access.kind !== 'engagement')
        problems.push(`${route.operationId}: route under /engagements/:id needs a policy action`);
      if ((row.access.kind === 'public') !== route.public)
        problems.push(`${route.operationId}: the row says ${row.access.kind}, the route ${route.public ? 'is' : 'is not'} public`);
    }
    expect(problems).toEqual([]);
  });

  it('has no row for an operationId that no route uses (renamed or removed routes)', () => {
    const registered = new Set(ctx.app.routeInventory.map((r) => r.operationId));
    expect(Object.keys(matrix).filter((op) => !registered.has(op))).toEqual([]);
  });

  it('resolves the demo callers to every kind of role (own, foreign, observed, expired)', () => {
    for (const actor of world.actors)
      if (actor.key !== 'anonymous') expect({ [actor.key]: actor.roles }).toEqual({ [actor.key]: expectedRoles[actor.key] });
  });

  it('answers every route × caller × engagement cell as the table and the policy say', async () => {
    const failures: Failure[] = [];
    for (const route of ctx.app.routeInventory) {
      if (!route.url.startsWith('/api/')) continue;
      const row = route.operationId ? matrix[route.operationId] : assetRow(route);
      if (!row) continue; // reported by the first test
      const engagements: (EngagementFixture | null)[] = isEngagementScoped(route) ? engagementNames.map((n) => world.fixtures[n]) : [null];
      for (const e of engagements) {
        for (const actor of world.actors) {
          const expected = expectationFor(row, actor, e);
          const url = await buildUrl(route, row, e, e);
          const res = await send(route, row, actor, url, e);
          cellCount++;
          if (!meets(expected, route.method, res))
            failures.push({
              cell: `${route.operationId ?? routeKey(route)} × ${actor.key} × ${e?.name ?? '-'}  ${route.method} ${url}`,
              expected,
              got: res.statusCode,
              body: res.body.slice(0, 200),
            });
        }
      }
    }
    console.info(`authorization matrix: ${cellCount} cells so far`);
    expect(failures.map(describeFailure)).toEqual([]);
  }, 300_000);

  it('answers 404 (or 403 without permission) for a sub-resource of another engagement under an engagement the caller may use', async () => {
    const failures: Failure[] = [];
    const own = world.fixtures.みどり区;
    const foreign = world.fixtures.あおば市;
    const callers = world.actors.filter((a) => ['office', 'morikawa', 'midori', 'sakura'].includes(a.key));
    let cells = 0;
    for (const route of ctx.app.routeInventory) {
      if (!isEngagementScoped(route) || !route.operationId) continue;
      // A fiscal year or a tree revision number is not a row of another engagement: only ids are.
      const subParams = paramNames(route.url).filter((p) => p !== 'id' && p !== 'fiscalYear' && p !== 'revision');
      if (subParams.length === 0) continue;
      const row = matrix[route.operationId];
      if (!row) continue;
      for (const actor of callers) {
        const onOwn = expectationFor(row, actor, own);
        // Allowed in the path's engagement, but the resource belongs elsewhere: not found.
        const role = actor.roles[own.name];
        const rowRule =
          row.access.kind === 'engagement' && row.access.resourceFromRow && role && policyTable[row.access.action].includes(role);
        const expected: Expectation = onOwn === 'allowed' || (onOwn === 403 && rowRule) ? 404 : onOwn;
        const url = await buildUrl(route, row, own, foreign);
        // With a plausible If-Match, the only right answer for an allowed caller is 404: a 2xx would be
        // a write across engagements, a 412 would reveal the foreign row.
        const res = await send(route, row, actor, url, own, route.method === 'GET' ? {} : { 'if-match': '"1"' });
        cells++;
        if (!meets(expected, route.method, res))
          failures.push({
            cell: `${route.operationId} × ${actor.key} × みどり区 path, あおば市 resource  ${route.method} ${url}`,
            expected,
            got: res.statusCode,
            body: res.body.slice(0, 200),
          });
      }
    }
    cellCount += cells;
    console.info(`authorization matrix: ${cellCount} cells in all (${cells} foreign-resource cells)`);
    expect(failures.map(describeFailure)).toEqual([]);
  });
});
