/**
 * Contracts of 横展開: the March-meeting report (facts snapshot + per-section narrative, versions,
 * publication), export jobs (PDF / Excel / PowerPoint), the case library (事例ライブラリ) and
 * applications with selection (希望制).
 */
import { z } from 'zod';
import {
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
} from '../domain.js';
import { IsoDateSchema, IsoDateTimeSchema, ShortText, UuidSchema, YearMonthSchema } from './common.js';

// ---------------------------------------------------------------- reports

export const reportStatuses = ['draft', 'published'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** The sections of the report, in print order. Each has generated facts and a narrative advisors write. */
export const reportSections = ['summary', 'profile', 'theme', 'findings', 'tree', 'actions', 'roadmap', 'verification', 'review'] as const;
export type ReportSection = (typeof reportSections)[number];

export const reportSectionLabels: Record<ReportSection, string> = {
  summary: '総括',
  profile: '自治体の概要',
  theme: 'テーマと目指す姿',
  findings: 'ヒアリングで分かったこと',
  tree: 'ロジックツリー',
  actions: '選定した取組',
  roadmap: 'ロードマップ',
  verification: '検証方法と進捗',
  review: '振り返り(PDCA)',
};

export const caseCategoryLabels: Record<(typeof municipalityCategories)[number], string> = {
  ward: '区部',
  city: '市部',
  town_village: '町村部',
};
export const caseRegionTypeLabels: Record<(typeof regionTypes)[number], string> = {
  metro: '大都市型',
  urban: '都市型',
  island_mountain: '離島・中山間型',
};

const NarrativeText = z.string().max(20_000);

export const ReportNarrativesSchema = z.object(
  Object.fromEntries(reportSections.map((s) => [s, NarrativeText])) as Record<ReportSection, typeof NarrativeText>,
);
export type ReportNarratives = z.infer<typeof ReportNarrativesSchema>;

/** PATCH narratives: any subset of the sections; an unknown section name is a 400 naming it. */
export const ReportNarrativesPatchSchema = ReportNarrativesSchema.partial().strict();

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
  actionId: UuidSchema,
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
  verification: z.array(ReportVerificationSchema),
  review: z
    .object({
      fiscalYear: z.number().int(),
      assessment: z.enum(pdcaAssessments),
      mark: z.string(),
      comment: z.string(),
      nextActions: z.string(),
    })
    .nullable(),
});
export type ReportFacts = z.infer<typeof ReportFactsSchema>;

const PersonRefSchema = z.object({ id: UuidSchema, name: z.string() }).nullable();

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

// ---------------------------------------------------------------- exports

export const exportFormats = ['pdf', 'xlsx', 'pptx'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const exportStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type ExportStatus = (typeof exportStatuses)[number];

/** POST /engagements/{id}/exports: pdf needs the report; xlsx and pptx are of the engagement. */
export const CreateExportBodySchema = z
  .object({
    format: z.enum(exportFormats),
    reportId: UuidSchema.optional(),
  })
  .strict()
  .refine((b) => b.format !== 'pdf' || b.reportId !== undefined, { message: 'A PDF export needs reportId', path: ['reportId'] });
export type CreateExportBody = z.infer<typeof CreateExportBodySchema>;

export const ExportJobSchema = z.object({
  id: UuidSchema,
  engagementId: UuidSchema,
  reportId: UuidSchema.nullable(),
  format: z.enum(exportFormats),
  status: z.enum(exportStatuses),
  /** 0–100 */
  progress: z.number().int(),
  error: z.string().nullable(),
  fileName: z.string().nullable(),
  size: z.number().int().nullable(),
  createdAt: IsoDateTimeSchema,
  startedAt: IsoDateTimeSchema.nullable(),
  finishedAt: IsoDateTimeSchema.nullable(),
});
export type ExportJob = z.infer<typeof ExportJobSchema>;

export const ExportJobParamsSchema = z.object({ id: UuidSchema, jobId: UuidSchema }).strict();

// ---------------------------------------------------------------- case library

export const LibraryQuerySchema = z
  .object({
    /** Free text over municipality, theme, desired state, actions and tree. */
    q: z.string().trim().max(100).optional(),
    theme: z.string().trim().max(100).optional(),
    category: z.enum(municipalityCategories).optional(),
    regionType: z.enum(regionTypes).optional(),
    /** Indicator code (e.g. I05) used by a verification plan or among the key indicators. */
    indicator: z.string().trim().max(40).optional(),
    fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
  })
  .strict();
export type LibraryQuery = z.infer<typeof LibraryQuerySchema>;

export const LibraryIndicatorSchema = z.object({ code: z.string(), name: z.string() });

export const LibraryCaseSummarySchema = z.object({
  reportId: UuidSchema,
  engagementId: UuidSchema,
  fiscalYear: z.number().int(),
  fiscalYearLabel: z.string(),
  versionNumber: z.number().int(),
  title: z.string(),
  theme: z.string(),
  desiredState: z.string(),
  municipality: z.object({
    name: z.string(),
    category: z.enum(municipalityCategories),
    regionType: z.enum(regionTypes),
    population: z.number().int().nullable(),
    agingRate: z.number().nullable(),
  }),
  publishedAt: IsoDateTimeSchema,
  actionCount: z.number().int(),
  actionTitles: z.array(z.string()),
  indicators: z.array(LibraryIndicatorSchema),
  /** Mean progress toward target over the measured plans, or null. */
  progress: z.number().nullable(),
});
export type LibraryCaseSummary = z.infer<typeof LibraryCaseSummarySchema>;

export const LibraryListSchema = z.object({
  items: z.array(LibraryCaseSummarySchema),
  facets: z.object({ themes: z.array(z.string()), indicators: z.array(LibraryIndicatorSchema), fiscalYears: z.array(z.number().int()) }),
});
export type LibraryList = z.infer<typeof LibraryListSchema>;

export const LibraryCaseSchema = z.object({
  reportId: UuidSchema,
  engagementId: UuidSchema,
  fiscalYear: z.number().int(),
  versionNumber: z.number().int(),
  title: z.string(),
  publishedAt: IsoDateTimeSchema,
  facts: ReportFactsSchema,
  narratives: ReportNarrativesSchema,
  /** Every published version of this report, newest first. */
  versions: z.array(z.object({ reportId: UuidSchema, versionNumber: z.number().int(), publishedAt: IsoDateTimeSchema })),
});
export type LibraryCase = z.infer<typeof LibraryCaseSchema>;

export const LibraryParamsSchema = z.object({ reportId: UuidSchema }).strict();

// ---------------------------------------------------------------- applications (希望制)

export const applicationStatuses = ['submitted', 'selected', 'declined', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const ProgramApplicationsParamsSchema = z.object({ programId: UuidSchema }).strict();
export const ApplicationParamsSchema = z.object({ programId: UuidSchema, applicationId: UuidSchema }).strict();

/** POST /programs/{programId}/applications: a municipal user applies for their own municipality. */
export const CreateApplicationBodySchema = z
  .object({
    theme: ShortText(100),
    /** 応募の動機: what the municipality wants to solve. */
    motivation: z.string().trim().min(1).max(5_000),
    contactName: ShortText(100),
    contactEmail: z.email().max(200),
    contactPhone: z.string().trim().max(40).optional(),
  })
  .strict();
export type CreateApplicationBody = z.infer<typeof CreateApplicationBodySchema>;

/** PATCH …/applications/{applicationId} with If-Match, while submitted: the applicant municipality edits or withdraws. */
export const UpdateApplicationBodySchema = z
  .object({
    theme: ShortText(100).optional(),
    motivation: z.string().trim().min(1).max(5_000).optional(),
    contactName: ShortText(100).optional(),
    contactEmail: z.email().max(200).optional(),
    contactPhone: z.string().trim().max(40).optional(),
    withdraw: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Send at least one field');
export type UpdateApplicationBody = z.infer<typeof UpdateApplicationBodySchema>;

/** POST …/applications/{applicationId}/selection with If-Match (program office). */
export const SelectApplicationBodySchema = z
  .object({
    /** The advisory team of the new engagement. */
    advisorIds: z.array(UuidSchema).min(1).max(10),
    /** 目指す姿, if already known. */
    desiredState: z.string().trim().max(1000).optional(),
    /** Select although another selected application has the same category (the program aims at one of each). */
    force: z.boolean().optional(),
    /**
     * When the municipality had an engagement the year before: copy its tree, open actions,
     * verification plans and team into the new one (default), or only link it.
     */
    carryOver: z.boolean().optional(),
  })
  .strict();
export type SelectApplicationBody = z.infer<typeof SelectApplicationBodySchema>;

export const ApplicationIndicatorSchema = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(indicatorDirections),
  period: z.string(),
  value: z.number(),
});

export const ApplicationSchema = z.object({
  id: UuidSchema,
  programId: UuidSchema,
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
  theme: z.string(),
  motivation: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  contactPhone: z.string(),
  status: z.enum(applicationStatuses),
  applicant: PersonRefSchema,
  /** The municipality's engagement of the previous fiscal year, which a selection continues. */
  previousEngagement: z.object({ id: UuidSchema, fiscalYear: z.number().int(), theme: z.string() }).nullable(),
  /** The engagement created at selection. */
  engagementId: UuidSchema.nullable(),
  /** The municipality's latest value of each indicator, for the side-by-side comparison. */
  indicators: z.array(ApplicationIndicatorSchema),
  decidedAt: IsoDateTimeSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  version: z.number().int(),
});
export type Application = z.infer<typeof ApplicationSchema>;

export const ApplicationListSchema = z.object({
  program: z.object({ id: UuidSchema, name: z.string(), fiscalYear: z.number().int() }),
  /** Whether the caller administers the program (sees every application, may select). */
  administered: z.boolean(),
  items: z.array(ApplicationSchema),
  /** Categories already taken by a selected application. */
  selectedCategories: z.array(z.enum(municipalityCategories)),
});
export type ApplicationList = z.infer<typeof ApplicationListSchema>;

export const SelectionResultSchema = z.object({
  application: ApplicationSchema,
  engagementId: UuidSchema,
  /** Set when `force` overrode a category already taken. */
  warning: z.string().nullable(),
});
export type SelectionResult = z.infer<typeof SelectionResultSchema>;

export const AdvisorCandidateSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  title: z.string().nullable(),
  organization: z.string().nullable(),
  /** Engagements of the program's organizer the person advises. */
  engagementCount: z.number().int(),
});
export const AdvisorCandidateListSchema = z.object({ items: z.array(AdvisorCandidateSchema) });
export type AdvisorCandidate = z.infer<typeof AdvisorCandidateSchema>;

// ---------------------------------------------------------------- Japanese labels used in exports and the report views

export const reportLabels = {
  nodeKind: { goal: '目指す姿', outcome: '中間アウトカム', issue: '課題', cause: '要因', measure: '取組案' },
  actionStatus: { selected: '選定', in_progress: '実施中', done: '完了', on_hold: '保留', dropped: '中止' },
  priority: { high: '高', medium: '中', low: '低' },
  milestoneStatus: { planned: '予定', done: '完了', delayed: '遅延', cancelled: '中止' },
  findingKind: { quantitative_fact: '定量的事実', qualitative_fact: '定性的事実', hypothesis: '仮説', advice: '助言', decision: '決定事項' },
  hypothesisState: { hypothesis: '仮説', supported: '検証済', rejected: '棄却' },
  reportStatus: { draft: '下書き', published: '公開済' },
  exportFormat: { pdf: 'PDF', xlsx: 'Excel', pptx: 'PowerPoint' },
  exportStatus: { queued: '待機中', running: '作成中', done: '完了', failed: '失敗' },
  applicationStatus: { submitted: '応募中', selected: '選定', declined: '見送り', withdrawn: '取下げ' },
  assessment: { excellent: '◎', good: '○', fair: '△', poor: '×' },
} as const satisfies {
  nodeKind: Record<(typeof nodeKinds)[number], string>;
  actionStatus: Record<(typeof actionStatuses)[number], string>;
  priority: Record<(typeof actionPriorities)[number], string>;
  milestoneStatus: Record<(typeof milestoneStatuses)[number], string>;
  findingKind: Record<(typeof findingKinds)[number], string>;
  hypothesisState: Record<(typeof hypothesisStates)[number], string>;
  reportStatus: Record<ReportStatus, string>;
  exportFormat: Record<ExportFormat, string>;
  exportStatus: Record<ExportStatus, string>;
  applicationStatus: Record<ApplicationStatus, string>;
  assessment: Record<(typeof pdcaAssessments)[number], string>;
};
