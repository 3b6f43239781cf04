/**
 * The one query-key factory of the web: every endpoint's data lives under one key, whichever
 * feature shows it, so an invalidation reaches every view. Engagement-scoped keys start with
 * `engagementScope(id)`, so one invalidation refreshes a whole engagement.
 */
import type { CommentSubjectType, LibraryQuery, PortfolioQuery } from '@banso/shared';
import { engagementScope } from '../lib/query-client';

export const queryKeys = {
  auth: {
    all: ['auth'] as const,
    me: () => [...queryKeys.auth.all, 'me'] as const,
  },
  /** The caller's notifications (GET /me/notifications) and their preferences. */
  notifications: {
    all: ['notifications'] as const,
    page: (cursor: string | null, unread: boolean) => [...queryKeys.notifications.all, 'page', cursor ?? 'first', unread] as const,
    unread: () => [...queryKeys.notifications.all, 'unread'] as const,
    preferences: () => ['notification-preferences'] as const,
  },
  /** The caller's to-do list (GET /me/todo), spanning engagements: fetched afresh whenever the home is shown. */
  home: () => ['home'] as const,
  engagements: {
    list: () => ['engagements', 'list'] as const,
    detail: (id: string) => [...engagementScope(id), 'detail'] as const,
    readiness: (id: string) => [...engagementScope(id), 'readiness'] as const,
  },
  tree: {
    all: (engagementId: string) => [...engagementScope(engagementId), 'tree'] as const,
    current: (engagementId: string) => [...queryKeys.tree.all(engagementId), 'current'] as const,
    revision: (engagementId: string, revision: number) => [...queryKeys.tree.all(engagementId), 'revision', revision] as const,
    revisions: (engagementId: string) => [...queryKeys.tree.all(engagementId), 'revisions'] as const,
    evidence: (engagementId: string, nodeId: string) => [...queryKeys.tree.all(engagementId), 'evidence', nodeId] as const,
    /** Where adopted nodes came from (事例を使う). */
    sources: (engagementId: string) => [...queryKeys.tree.all(engagementId), 'sources'] as const,
  },
  comments: {
    all: (engagementId: string) => [...engagementScope(engagementId), 'comments'] as const,
    threads: (engagementId: string, subjectType: CommentSubjectType, subjectId: string) =>
      [...queryKeys.comments.all(engagementId), 'threads', subjectType, subjectId] as const,
    counts: (engagementId: string, subjectType: CommentSubjectType) =>
      [...queryKeys.comments.all(engagementId), 'counts', subjectType] as const,
  },
  findings: (engagementId: string) => [...engagementScope(engagementId), 'findings'] as const,
  indicatorValues: (engagementId: string) => [...engagementScope(engagementId), 'indicator-values'] as const,
  indicators: () => ['indicators', 'catalogue'] as const,
  /** 地域分析 (GET /engagements/{id}/analysis): the municipality's indicators beside the others, and the 交付金 scores. */
  analysis: (engagementId: string) => [...engagementScope(engagementId), 'analysis'] as const,
  actions: (engagementId: string) => [...engagementScope(engagementId), 'actions'] as const,
  roadmap: (engagementId: string) => [...engagementScope(engagementId), 'roadmap'] as const,
  visits: (engagementId: string) => [...engagementScope(engagementId), 'visits'] as const,
  /** 参加登録: a visit's attendance list. */
  attendance: (engagementId: string, visitId: string) => [...engagementScope(engagementId), 'attendance', visitId] as const,
  /** 傍聴申請: what the caller may ask to observe, and a program's requests (the office). */
  observation: {
    all: () => ['observation'] as const,
    observable: () => [...queryKeys.observation.all(), 'observable'] as const,
    requests: (programId: string) => [...queryKeys.observation.all(), 'requests', programId] as const,
  },
  /** Every file of an engagement the caller may read (visits, findings, homework, reports). */
  attachments: (engagementId: string) => [...engagementScope(engagementId), 'attachments'] as const,
  /** A program's reference materials (参考資料). */
  referenceMaterials: (programId: string) => ['reference-materials', programId] as const,
  homework: (engagementId: string) => [...engagementScope(engagementId), 'homework'] as const,
  members: (engagementId: string) => [...engagementScope(engagementId), 'members'] as const,
  teams: {
    all: (engagementId: string) => [...engagementScope(engagementId), 'team'] as const,
    candidates: (engagementId: string, cursor: string | null) =>
      [...queryKeys.teams.all(engagementId), 'candidates', cursor ?? 'first'] as const,
    grants: (engagementId: string, cursor: string | null) => [...queryKeys.teams.all(engagementId), 'grants', cursor ?? 'first'] as const,
  },
  pdcaReviews: (engagementId: string) => [...engagementScope(engagementId), 'pdca'] as const,
  /** 「取組と目標」 self-evaluation sheet of one fiscal year (null: the server's default, the current year). */
  selfEvaluations: (engagementId: string, fiscalYear: number | null) =>
    [...engagementScope(engagementId), 'self-evaluations', fiscalYear ?? 'current'] as const,
  reports: {
    list: (engagementId: string) => [...engagementScope(engagementId), 'reports'] as const,
    detail: (engagementId: string, reportId: string) => [...queryKeys.reports.list(engagementId), reportId] as const,
    exportJob: (engagementId: string, jobId: string) => [...engagementScope(engagementId), 'exports', jobId] as const,
  },
  portfolio: {
    all: ['portfolio'] as const,
    list: (query: PortfolioQuery = {}) => [...queryKeys.portfolio.all, query] as const,
  },
  library: {
    all: () => ['library'] as const,
    pages: (query: LibraryQuery) => [...queryKeys.library.all(), 'pages', query] as const,
    case: (reportId: string) => [...queryKeys.library.all(), 'case', reportId] as const,
  },
  municipalities: () => ['municipalities'] as const,
  organizer: {
    all: () => ['organizer'] as const,
    detail: () => [...queryKeys.organizer.all(), 'detail'] as const,
    jurisdiction: (q: string, page: number) => [...queryKeys.organizer.all(), 'jurisdiction', q, page] as const,
    insurers: () => [...queryKeys.organizer.all(), 'insurers'] as const,
  },
  publicLinks: (engagementId: string, reportId: string) => [...engagementScope(engagementId), 'public-links', reportId] as const,
  publicReport: (token: string) => ['public-report', token] as const,
  users: {
    all: () => ['users'] as const,
    list: (cursor: string | null) => [...queryKeys.users.all(), 'list', cursor ?? 'first'] as const,
    invitation: (token: string) => ['invitation', token] as const,
    setup: () => ['setup'] as const,
    twoFactorRequirement: () => [...queryKeys.users.all(), 'two-factor-requirement'] as const,
  },
  mail: {
    all: () => ['mail'] as const,
    outbox: (cursor: string | null) => [...queryKeys.mail.all(), 'outbox', cursor ?? 'first'] as const,
  },
  programs: {
    list: () => ['applications', 'programs'] as const,
    applications: (programId: string) => ['applications', programId] as const,
    advisorCandidates: (programId: string) => ['applications', programId, 'advisor-candidates'] as const,
  },
};

export const enc = encodeURIComponent;
