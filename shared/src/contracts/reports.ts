/**
 * Contracts of the March-meeting report (報告書): facts snapshot + per-section narrative, versions,
 * publication. Exports, the case library and applications have their own files; their labels are
 * in shared/src/labels.
 */
import { z } from 'zod';
import {
  grantKinds,
  actionPriorities,
  actionStatuses,
  engagementStatuses,
  findingKinds,
  hypothesisStates,
  indicatorDirections,
  milestoneStatuses,
  municipalityCategories,
  nodeKinds,
  pdcaAssessments,
  regionTypes,
  visitKinds,
  visitStatuses,
} from '../domain.js';
import { IsoDateSchema, IsoDateTimeSchema, PersonRefSchema, ShortText, UuidSchema, YearMonthSchema } from './common.js';
import { teamRoles } from './teams.js';
import { ReportSelfEvaluationSchema } from './self-evaluations.js';

export const reportStatuses = ['draft', 'published'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/**
 * The sections of the report, in print order. Most have generated facts and a narrative the team
 * writes; 問い (questions), 成功要因・苦労した点 (lessons) and 今後の展開 (nextSteps) are narrative
 * only — what another municipality learns from the case (横展開).
 */
export const reportSections = [
  'summary',
  'profile',
  'theme',
  'process',
  'findings',
  'tree',
  'actions',
  'roadmap',
  'verification',
  'beforeAfter',
  'review',
  'questions',
  'lessons',
  'nextSteps',
] as const;
export type ReportSection = (typeof reportSections)[number];

/**
 * The narrative fields: one per section, except the lessons, which are two — 成功要因 (what made it
 * work) and 苦労した点 (what was hard). Before ⇒ After has one more per theme (`byTheme`).
 */
export const reportNarrativeKeys = [
  'summary',
  'profile',
  'theme',
  'process',
  'findings',
  'tree',
  'actions',
  'roadmap',
  'verification',
  'beforeAfter',
  'review',
  'questions',
  'successFactors',
  'difficulties',
  'nextSteps',
] as const;
export type ReportNarrativeKey = (typeof reportNarrativeKeys)[number];

/** Which narrative fields each section shows, in order. */
export const sectionNarrativeKeys: Record<ReportSection, readonly ReportNarrativeKey[]> = {
  summary: ['summary'],
  profile: ['profile'],
  theme: ['theme'],
  process: ['process'],
  findings: ['findings'],
  tree: ['tree'],
  actions: ['actions'],
  roadmap: ['roadmap'],
  verification: ['verification'],
  beforeAfter: ['beforeAfter'],
  review: ['review'],
  questions: ['questions'],
  lessons: ['successFactors', 'difficulties'],
  nextSteps: ['nextSteps'],
};

/** Sections with no generated facts: shown only once something is written in them. */
export const narrativeOnlySections = ['summary', 'questions', 'lessons', 'nextSteps'] as const satisfies readonly ReportSection[];

const NarrativeText = z.string().max(20_000);
/** Before ⇒ After per theme: tree node id → text. */
const MAX_THEME_NARRATIVES = 200;

export const ReportNarrativesSchema = z.object({
  ...(Object.fromEntries(reportNarrativeKeys.map((k) => [k, NarrativeText])) as Record<ReportNarrativeKey, typeof NarrativeText>),
  /** Before ⇒ After of each theme (the facts' `themes`), by tree node id. */
  byTheme: z.record(z.string(), NarrativeText),
});
export type ReportNarratives = z.infer<typeof ReportNarrativesSchema>;

/**
 * PATCH narratives: any subset of the fields; an unknown field is a 400 naming it. `byTheme` merges:
 * the themes sent replace theirs, the others stay.
 */
export const ReportNarrativesPatchSchema = z
  .object({
    ...(Object.fromEntries(reportNarrativeKeys.map((k) => [k, NarrativeText.optional()])) as Record<
      ReportNarrativeKey,
      z.ZodOptional<typeof NarrativeText>
    >),
    byTheme: z
      .record(UuidSchema, NarrativeText)
      .refine((r) => Object.keys(r).length <= MAX_THEME_NARRATIVES, `At most ${MAX_THEME_NARRATIVES} themes`)
      .optional(),
  })
  .strict();
export type ReportNarrativesPatch = z.infer<typeof ReportNarrativesPatchSchema>;

/** Every narrative text of a report, in print order (for search and for checks that nothing is written). */
export function narrativeTexts(n: ReportNarratives): string[] {
  return [...reportNarrativeKeys.map((k) => n[k]), ...Object.values(n.byTheme)];
}

export const ReportIndicatorValueSchema = z.object({
  indicatorId: UuidSchema,
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(indicatorDirections),
  period: z.string(),
  value: z.number(),
  source: z.string(),
});
export type ReportIndicatorValue = z.infer<typeof ReportIndicatorValueSchema>;

export const ReportTreeNodeSchema = z.object({
  id: UuidSchema,
  parentId: UuidSchema.nullable(),
  position: z.number().int(),
  kind: z.enum(nodeKinds),
  title: z.string(),
  hypothesisState: z.enum(hypothesisStates).nullable(),
  /** Status of the action selected from this measure, or null when not selected. */
  actionStatus: z.enum(actionStatuses).nullable(),
});
export type ReportTreeNode = z.infer<typeof ReportTreeNodeSchema>;

export const ReportMilestoneSchema = z.object({
  id: UuidSchema,
  due: IsoDateSchema,
  title: z.string(),
  /** Effective status on the day the facts were generated (overdue planned → delayed). */
  status: z.enum(milestoneStatuses),
});

export const ReportActionSchema = z.object({
  id: UuidSchema,
  nodeId: UuidSchema,
  title: z.string(),
  ownerDepartment: z.string(),
  partners: z.array(z.string()),
  priority: z.enum(actionPriorities),
  rationale: z.string(),
  status: z.enum(actionStatuses),
});
export type ReportAction = z.infer<typeof ReportActionSchema>;

export const ReportRoadmapRowSchema = z.object({
  actionId: UuidSchema,
  title: z.string(),
  status: z.enum(actionStatuses),
  startMonth: YearMonthSchema.nullable(),
  endMonth: YearMonthSchema.nullable(),
  milestones: z.array(ReportMilestoneSchema),
});
export type ReportRoadmapRow = z.infer<typeof ReportRoadmapRowSchema>;

export const ReportMeasurementSchema = z.object({ period: z.string(), value: z.number() });

export const ReportVerificationSchema = z.object({
  planId: UuidSchema,
  /** null for a plan on a goal or outcome node (nodeId); reports drafted before always have one. */
  actionId: UuidSchema.nullable(),
  nodeId: UuidSchema.nullable().optional(),
  /** A qualitative plan (method, evidence, timing; no numeric target). Absent from reports drafted before. */
  qualitative: z.boolean().optional(),
  /** The action's measure title, or the goal or outcome node's title for a node-level plan. */
  actionTitle: z.string(),
  indicatorCode: z.string().nullable(),
  indicatorName: z.string(),
  unit: z.string(),
  direction: z.enum(indicatorDirections).nullable(),
  baselineValue: z.number().nullable(),
  baselineAsOf: z.string().nullable(),
  baselineNote: z.string().nullable(),
  targetValue: z.number().nullable(),
  targetBy: z.string().nullable(),
  timing: z.string(),
  dataSource: z.string(),
  responsible: z.string(),
  method: z.string(),
  measurements: z.array(ReportMeasurementSchema),
  latest: ReportMeasurementSchema.nullable(),
  /** progressTowardTarget of the latest measurement (0 = baseline, 1 = target). */
  progress: z.number().nullable(),
});
export type ReportVerification = z.infer<typeof ReportVerificationSchema>;

export const ReportFindingSchema = z.object({
  id: UuidSchema,
  kind: z.enum(findingKinds),
  text: z.string(),
  source: z.string(),
  visitSeq: z.number().int().nullable(),
  visitDate: IsoDateSchema.nullable(),
});
export type ReportFinding = z.infer<typeof ReportFindingSchema>;

/** Who took part in a visit, by role: a published report names no one (roles and organizations only). */
export const reportParticipantRoles = [...teamRoles, 'observer', 'other'] as const;
export type ReportParticipantRole = (typeof reportParticipantRoles)[number];

export const ReportParticipantGroupSchema = z.object({
  role: z.enum(reportParticipantRoles),
  /** The organization (a team member's, an observer's municipality); null for other attendees. */
  organization: z.string().nullable(),
  count: z.number().int().min(1),
});
export type ReportParticipantGroup = z.infer<typeof ReportParticipantGroupSchema>;

/** One visit (支援回) of the visit log: what observers may read of it, and who came by role. */
export const ReportVisitSchema = z.object({
  seq: z.number().int(),
  kind: z.enum(visitKinds),
  date: IsoDateSchema,
  /** The last day of a visit of several days (absent for one day, and in reports drafted before it existed). */
  endDate: IsoDateSchema.optional(),
  /** 会場, when recorded. */
  venue: z.string().optional(),
  status: z.enum(visitStatuses),
  /** The visit's purpose (議題), as the schedule shows it. */
  agenda: z.string(),
  /** What was done: the observer summary (傍聴者向け要旨), never the internal minutes. */
  summary: z.string(),
  participants: z.array(ReportParticipantGroupSchema),
});
export type ReportVisit = z.infer<typeof ReportVisitSchema>;

/** One member of the support team, by role, title and organization (no name, no e-mail). */
export const ReportTeamMemberSchema = z.object({
  teamRole: z.enum(teamRoles),
  title: z.string().nullable(),
  organization: z.string().nullable(),
});
export type ReportTeamMember = z.infer<typeof ReportTeamMemberSchema>;

/**
 * A theme of Before ⇒ After: a 課題 of the tree (or the outcome or goal above an action when its
 * branch has no 課題) with the verification plans of the actions beneath it.
 */
export const ReportThemeSchema = z.object({
  nodeId: UuidSchema,
  kind: z.enum(nodeKinds),
  title: z.string(),
  /** The plans (facts.verification) whose indicators show the theme's before and after, in order. */
  planIds: z.array(UuidSchema),
});
export type ReportTheme = z.infer<typeof ReportThemeSchema>;

/**
 * What the record said when the report was generated. The report is shared with other
 * municipalities, so only findings with visibility `observers` are in it, and no measurement comments.
 */
export const ReportFactsSchema = z.object({
  generatedAt: IsoDateTimeSchema,
  asOf: IsoDateSchema,
  fiscalYear: z.number().int(),
  fiscalYearLabel: z.string(),
  program: z.object({ id: UuidSchema, name: z.string(), fiscalYear: z.number().int() }),
  municipality: z.object({
    id: UuidSchema,
    code: z.string(),
    name: z.string(),
    category: z.enum(municipalityCategories),
    regionType: z.enum(regionTypes),
    population: z.number().int().nullable(),
    agingRate: z.number().nullable(),
    pop85Rate: z.number().nullable(),
  }),
  keyIndicators: z.array(ReportIndicatorValueSchema),
  /**
   * 交付金: both grants' scores by evaluation area for the report's latest fiscal year and the one
   * before, with the national and prefectural averages. Absent from reports drafted before.
   */
  grants: z
    .array(
      z.object({
        fiscalYear: z.number().int(),
        grant: z.enum(grantKinds),
        areaCode: z.string(),
        area: z.string(),
        position: z.number().int(),
        score: z.number(),
        maxScore: z.number(),
        nationalAverage: z.number().nullable(),
        prefectureAverage: z.number().nullable(),
      }),
    )
    .optional(),
  engagement: z.object({
    id: UuidSchema,
    theme: z.string(),
    desiredState: z.string(),
    status: z.enum(engagementStatuses),
    previousEngagementId: UuidSchema.nullable(),
  }),
  findings: z.array(ReportFindingSchema),
  tree: z.object({ revision: z.number().int(), nodes: z.array(ReportTreeNodeSchema) }),
  actions: z.array(ReportActionSchema),
  roadmap: z.array(ReportRoadmapRowSchema),
  /**
   * ロードマップ合意: who proposed and agreed, and when. The names are the team's and the municipality's
   * (a published report keeps the times only: see shareableFacts). Absent from reports drafted before.
   */
  roadmapAgreement: z
    .object({
      proposedBy: z.string().nullable(),
      proposedAt: IsoDateTimeSchema.nullable(),
      agreedBy: z.string().nullable(),
      agreedAt: IsoDateTimeSchema.nullable(),
    })
    .optional(),
  verification: z.array(ReportVerificationSchema),
  /** 支援の経過: the visit log, oldest first. Absent from reports drafted before issue 16. */
  visits: z.array(ReportVisitSchema).optional(),
  /** The support team by role. Absent from reports drafted before issue 16. */
  team: z.array(ReportTeamMemberSchema).optional(),
  /** Before ⇒ After: the themes in tree order. Absent from reports drafted before issue 16. */
  themes: z.array(ReportThemeSchema).optional(),
  review: z
    .object({
      fiscalYear: z.number().int(),
      assessment: z.enum(pdcaAssessments),
      mark: z.string(),
      /**
       * The review's text. Absent from reports drafted since issue 11: a published report shows only
       * what observers may read, and the PDCA review's comment and next actions are not (pdca.read);
       * the team writes what it wants to share in the section's narrative. Versions published before
       * keep theirs (published versions never change).
       */
      comment: z.string().optional(),
      nextActions: z.string().optional(),
    })
    .nullable(),
  /** 「取組と目標」 self-evaluation sheet of the report's fiscal year, in its order. Absent from reports drafted before issue 17.4. */
  selfEvaluations: z.array(ReportSelfEvaluationSchema).optional(),
});
export type ReportFacts = z.infer<typeof ReportFactsSchema>;

export const ReportSummarySchema = z.object({
  id: UuidSchema,
  engagementId: UuidSchema,
  fiscalYear: z.number().int(),
  /** 1 for the first report of the year; each correction of a published report adds one. */
  versionNumber: z.number().int(),
  previousReportId: UuidSchema.nullable(),
  status: z.enum(reportStatuses),
  title: z.string(),
  /** Whether this is the newest version of the engagement's report for the year. */
  isLatest: z.boolean(),
  createdBy: PersonRefSchema,
  createdAt: IsoDateTimeSchema,
  updatedBy: PersonRefSchema,
  updatedAt: IsoDateTimeSchema,
  publishedBy: PersonRefSchema,
  publishedAt: IsoDateTimeSchema.nullable(),
  /** Concurrency token (ETag), not the report version. */
  version: z.number().int(),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export const ReportListSchema = z.object({ items: z.array(ReportSummarySchema) });
export type ReportList = z.infer<typeof ReportListSchema>;

export const ReportSchema = ReportSummarySchema.extend({
  facts: ReportFactsSchema,
  narratives: ReportNarrativesSchema,
});
export type Report = z.infer<typeof ReportSchema>;

export const ReportParamsSchema = z.object({ id: UuidSchema, reportId: UuidSchema }).strict();

/** POST /engagements/{id}/reports: the first draft of a fiscal year's report, generated from the record. */
export const CreateReportBodySchema = z
  .object({
    /** Defaults to the fiscal year of the engagement's program. */
    fiscalYear: z.number().int().min(2000).max(2100).optional(),
    title: ShortText(200).optional(),
  })
  .strict();
export type CreateReportBody = z.infer<typeof CreateReportBodySchema>;

/** PATCH /engagements/{id}/reports/{reportId} with If-Match: a draft's title and narratives. */
export const UpdateReportBodySchema = z
  .object({
    title: ShortText(200).optional(),
    narratives: ReportNarrativesPatchSchema.optional(),
  })
  .strict()
  .refine((b) => b.title !== undefined || b.narratives !== undefined, 'Send title or narratives');
export type UpdateReportBody = z.infer<typeof UpdateReportBodySchema>;

/** Before ⇒ After of one theme: its plans' baseline (before) and latest measurement (after). */
export interface ReportThemeFigures {
  theme: ReportTheme;
  plans: ReportVerification[];
}

/** The themes with their plans resolved from the facts; null when the facts predate themes (issue 16). */
export function beforeAfterOf(facts: ReportFacts): ReportThemeFigures[] | null {
  if (!facts.themes) return null;
  const byId = new Map(facts.verification.map((p) => [p.planId, p]));
  return facts.themes.map((theme) => ({
    theme,
    plans: theme.planIds.map((id) => byId.get(id)).filter((p): p is ReportVerification => p !== undefined),
  }));
}
