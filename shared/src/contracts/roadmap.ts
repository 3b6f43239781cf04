import { z } from 'zod';
import { actionPriorities, actionStatuses, indicatorDirections, milestoneStatuses, nodeKinds, planNodeKinds } from '../domain.js';
import { parseYearMonth } from '../fiscal-year.js';
import { IsoDateSchema, IsoDateTimeSchema, UuidSchema, YearMonthSchema } from './common.js';

/*
 * Roadmap (ロードマップ) and verification (検証方法). GET …/roadmap answers in two shapes told apart by
 * `view`: `full` for the team, the municipality and the program office; `observer` for observers,
 * whose milestones, plans and measurements carry no author, plan note or comment (an allow-list, not
 * a filter: the observer schemas pick their fields, so a field added to the full view stays with the team).
 */

export const FiscalQuarterSchema = z.object({ fiscalYear: z.number().int(), quarter: z.number().int().min(1).max(4) });
export type FiscalQuarter = z.infer<typeof FiscalQuarterSchema>;

export const RoadmapItemSchema = z.object({
  id: UuidSchema,
  actionId: UuidSchema,
  /** YYYY-MM; the span may cross fiscal years. */
  startMonth: YearMonthSchema,
  endMonth: YearMonthSchema,
  /** Derived: the fiscal years (April–March) the span touches, e.g. [2025, 2026]. */
  fiscalYears: z.array(z.number().int()),
  /** Derived: the fiscal quarters the span touches, in order. */
  quarters: z.array(FiscalQuarterSchema),
  version: z.number().int(),
  updatedAt: IsoDateTimeSchema,
});
export type RoadmapItem = z.infer<typeof RoadmapItemSchema>;

export const MilestoneSchema = z.object({
  id: UuidSchema,
  actionId: UuidSchema,
  due: IsoDateSchema,
  title: z.string(),
  /** What the milestone shows: a stored `planned` milestone past its due date shows `delayed`. */
  status: z.enum(milestoneStatuses),
  storedStatus: z.enum(milestoneStatuses),
  completedAt: IsoDateTimeSchema.nullable(),
  completedBy: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  version: z.number().int(),
});
export type Milestone = z.infer<typeof MilestoneSchema>;

/** A milestone as observers see it (allow-list): whether and when it was done, not by whom. */
export const ObserverMilestoneSchema = MilestoneSchema.pick({
  id: true,
  actionId: true,
  due: true,
  title: true,
  status: true,
  storedStatus: true,
  completedAt: true,
  version: true,
}).extend({ completedBy: z.null() });
export type ObserverMilestone = z.infer<typeof ObserverMilestoneSchema>;

/** A measurement as the team and the municipality see it. */
export const MeasurementSchema = z.object({
  id: UuidSchema,
  planId: UuidSchema,
  /** YYYY-MM the value describes. */
  period: YearMonthSchema,
  value: z.number(),
  comment: z.string(),
  /** Who entered the value shown (the last to correct it). */
  enteredBy: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  createdAt: IsoDateTimeSchema,
  /** The ETag of PATCH/DELETE …/measurements/{measurementId}. */
  version: z.number().int(),
});
export type Measurement = z.infer<typeof MeasurementSchema>;

/** A measurement as observers see it: no comment, no author. */
export const ObserverMeasurementSchema = z.object({
  id: UuidSchema,
  planId: UuidSchema,
  period: YearMonthSchema,
  value: z.number(),
});
export type ObserverMeasurement = z.infer<typeof ObserverMeasurementSchema>;

const planFields = {
  id: UuidSchema,
  /** The action the plan verifies; null for a plan on a goal or outcome node. */
  actionId: UuidSchema.nullable(),
  /** The goal (目指す姿) or outcome/課題 node the plan verifies; null for an action's plan. */
  nodeId: UuidSchema.nullable(),
  /** Qualitative: method, evidence (dataSource) and timing, no numeric target; the gate asks for method and timing. */
  qualitative: z.boolean(),
  /** Catalogue indicator, or null when the plan names its own (indicatorName). */
  indicatorId: UuidSchema.nullable(),
  indicatorName: z.string(),
  /** The catalogue indicator's details; null for a named indicator. */
  indicator: z
    .object({ id: UuidSchema, code: z.string(), name: z.string(), unit: z.string(), direction: z.enum(indicatorDirections) })
    .nullable(),
  unit: z.string(),
  /** higher/lower is better: the catalogue's, else inferred from baseline → target; null when unknown. */
  direction: z.enum(indicatorDirections).nullable(),
  baselineValue: z.number().nullable(),
  /** YYYY-MM */
  baselineAsOf: z.string().nullable(),
  /** Why there is no baseline value yet (e.g. 未把握), or a remark on it. */
  baselineNote: z.string().nullable(),
  targetValue: z.number().nullable(),
  /** YYYY-MM */
  targetBy: z.string().nullable(),
  timing: z.string(),
  dataSource: z.string(),
  responsible: z.string(),
  method: z.string(),
  note: z.string().nullable(),
  /** What the plan still lacks for the roadmap gate (verificationPlanGaps); empty when complete. */
  gaps: z.array(z.string()),
  /** The newest measurement by period, or null. */
  latest: z.object({ period: YearMonthSchema, value: z.number() }).nullable(),
  /** planProgress: 0 = baseline, 1 = target, read by the indicator's direction and kind of figure; null when not derivable. */
  progress: z.number().nullable(),
  originPlanId: UuidSchema.nullable(),
  version: z.number().int(),
  updatedAt: IsoDateTimeSchema,
};

export const VerificationPlanSchema = z.object({ ...planFields, measurements: z.array(MeasurementSchema) });
export type VerificationPlan = z.infer<typeof VerificationPlanSchema>;

/** A plan as observers see it (allow-list): no internal note, measurements without comment or author. */
export const ObserverVerificationPlanSchema = VerificationPlanSchema.pick({
  id: true,
  actionId: true,
  nodeId: true,
  qualitative: true,
  indicatorId: true,
  indicatorName: true,
  indicator: true,
  unit: true,
  direction: true,
  baselineValue: true,
  baselineAsOf: true,
  baselineNote: true,
  targetValue: true,
  targetBy: true,
  timing: true,
  dataSource: true,
  responsible: true,
  method: true,
  gaps: true,
  latest: true,
  progress: true,
  originPlanId: true,
  version: true,
  updatedAt: true,
}).extend({ measurements: z.array(ObserverMeasurementSchema) });
export type ObserverVerificationPlan = z.infer<typeof ObserverVerificationPlanSchema>;

const roadmapAction = z.object({
  id: UuidSchema,
  nodeId: UuidSchema,
  status: z.enum(actionStatuses),
  priority: z.enum(actionPriorities),
  ownerDepartment: z.string(),
  /** Dropped actions are listed last, flagged. */
  dropped: z.boolean(),
  version: z.number().int(),
});

const roadmapRowFields = {
  action: roadmapAction,
  node: z.object({ id: UuidSchema, title: z.string(), kind: z.enum(nodeKinds) }),
  roadmapItem: RoadmapItemSchema.nullable(),
  milestones: z.array(MilestoneSchema),
};

export const RoadmapRowSchema = z.object({ ...roadmapRowFields, plans: z.array(VerificationPlanSchema) });

const planNode = z.object({ id: UuidSchema, title: z.string(), kind: z.enum(planNodeKinds) });

/** A goal or outcome node with its verification plans (the vision-level outcome indicators), in tree order. */
export const NodePlansSchema = z.object({ node: planNode, plans: z.array(VerificationPlanSchema) });
export type NodePlans = z.infer<typeof NodePlansSchema>;
export const ObserverNodePlansSchema = z.object({ node: planNode, plans: z.array(ObserverVerificationPlanSchema) });
export type RoadmapRow = z.infer<typeof RoadmapRowSchema>;
export const ObserverRoadmapRowSchema = z.object({
  action: roadmapAction,
  node: roadmapRowFields.node,
  roadmapItem: roadmapRowFields.roadmapItem,
  milestones: z.array(ObserverMilestoneSchema),
  plans: z.array(ObserverVerificationPlanSchema),
});
export type ObserverRoadmapRow = z.infer<typeof ObserverRoadmapRowSchema>;

/** GET /engagements/{id}/roadmap: one row per action, not dropped first. */
export const FullRoadmapSchema = z.object({
  view: z.literal('full'),
  engagementId: UuidSchema,
  /** The server's today (YYYY-MM-DD, Japan time) that milestone statuses were derived against. */
  today: IsoDateSchema,
  items: z.array(RoadmapRowSchema),
  /** Plans on goal and outcome nodes: every goal, outcome and issue node that holds one. */
  nodePlans: z.array(NodePlansSchema),
});
export const ObserverRoadmapSchema = z.object({
  view: z.literal('observer'),
  engagementId: UuidSchema,
  today: IsoDateSchema,
  items: z.array(ObserverRoadmapRowSchema),
  nodePlans: z.array(ObserverNodePlansSchema),
});
export const RoadmapSchema = z.discriminatedUnion('view', [FullRoadmapSchema, ObserverRoadmapSchema]);
export type Roadmap = z.infer<typeof RoadmapSchema>;

// ── Writes ───────────────────────────────────────────────────────────────────────────────────────

/** Months from a to b (YYYY-MM); 0 when either is malformed (its own field reports that). */
const monthsBetween = (a: string, b: string) => {
  if (!/^\d{4}-\d{2}$/.test(a) || !/^\d{4}-\d{2}$/.test(b)) return 0;
  const [ay, am] = parseYearMonth(a);
  const [by, bm] = parseYearMonth(b);
  return by * 12 + bm - (ay * 12 + am);
};

/** PUT /engagements/{id}/actions/{actionId}/roadmap-item: create without If-Match, replace with it. */
export const PutRoadmapItemBodySchema = z
  .object({ startMonth: YearMonthSchema, endMonth: YearMonthSchema })
  .strict()
  .refine((b) => monthsBetween(b.startMonth, b.endMonth) >= 0, { message: 'endMonth must not be before startMonth', path: ['endMonth'] })
  .refine((b) => monthsBetween(b.startMonth, b.endMonth) < 120, { message: 'A roadmap item spans at most ten years', path: ['endMonth'] });
export type PutRoadmapItemBody = z.infer<typeof PutRoadmapItemBodySchema>;

export const MilestoneParamsSchema = z.object({ id: UuidSchema, actionId: UuidSchema, milestoneId: UuidSchema }).strict();

const milestoneTitle = z.string().trim().min(1).max(200);

/** POST …/actions/{actionId}/milestones (advisor). */
export const CreateMilestoneBodySchema = z
  .object({ due: IsoDateSchema, title: milestoneTitle, status: z.enum(milestoneStatuses).default('planned') })
  .strict();
export type CreateMilestoneBody = z.infer<typeof CreateMilestoneBodySchema>;

/** PATCH …/milestones/{milestoneId} with If-Match. A municipal member may send only `{status: 'done'}`. */
export const UpdateMilestoneBodySchema = z
  .object({ due: IsoDateSchema.optional(), title: milestoneTitle.optional(), status: z.enum(milestoneStatuses).optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Send at least one field');
export type UpdateMilestoneBody = z.infer<typeof UpdateMilestoneBodySchema>;

export const PlanParamsSchema = z.object({ id: UuidSchema, actionId: UuidSchema, planId: UuidSchema }).strict();
export const NodePlanParamsSchema = z.object({ id: UuidSchema, nodeId: UuidSchema, planId: UuidSchema }).strict();
export const PlanMeasurementParamsSchema = z.object({ id: UuidSchema, planId: UuidSchema }).strict();
export const MeasurementParamsSchema = z.object({ id: UuidSchema, planId: UuidSchema, measurementId: UuidSchema }).strict();

const optionalText = (max: number) => z.string().trim().max(max);
const finite = z.number().finite();

const planBody = {
  qualitative: z.boolean(),
  indicatorId: UuidSchema.nullable(),
  indicatorName: optionalText(200),
  unit: optionalText(50),
  baselineValue: finite.nullable(),
  baselineAsOf: YearMonthSchema.nullable(),
  baselineNote: optionalText(1_000).nullable(),
  targetValue: finite.nullable(),
  targetBy: YearMonthSchema.nullable(),
  timing: optionalText(200),
  dataSource: optionalText(200),
  responsible: optionalText(200),
  method: optionalText(2_000),
  note: optionalText(2_000).nullable(),
};

/**
 * POST …/actions/{actionId}/verification-plans or …/nodes/{nodeId}/verification-plans (a goal,
 * outcome or issue node). The indicator is a catalogue id or a name (one of them is required unless
 * the plan is qualitative); the rest may be filled in later — the roadmap gate asks for a complete plan.
 * With a catalogue indicator, indicatorName and unit default to the catalogue's.
 */
export const CreateVerificationPlanBodySchema = z
  .object({
    qualitative: planBody.qualitative.default(false),
    indicatorId: planBody.indicatorId.default(null),
    indicatorName: planBody.indicatorName.default(''),
    unit: planBody.unit.optional(),
    baselineValue: planBody.baselineValue.default(null),
    baselineAsOf: planBody.baselineAsOf.default(null),
    baselineNote: planBody.baselineNote.default(null),
    targetValue: planBody.targetValue.default(null),
    targetBy: planBody.targetBy.default(null),
    timing: planBody.timing.default(''),
    dataSource: planBody.dataSource.default(''),
    responsible: planBody.responsible.default(''),
    method: planBody.method.default(''),
    note: planBody.note.default(null),
  })
  .strict()
  .refine((b) => b.qualitative || b.indicatorId !== null || (typeof b.indicatorName === 'string' && b.indicatorName.length > 0), {
    message: 'Choose an indicator or name one (a qualitative plan may go without)',
    path: ['indicatorName'],
  });
export type CreateVerificationPlanBody = z.infer<typeof CreateVerificationPlanBodySchema>;
export type CreateVerificationPlanInput = z.input<typeof CreateVerificationPlanBodySchema>;

/** PATCH …/verification-plans/{planId} with If-Match (advisor); fields sent replace the stored ones. */
export const UpdateVerificationPlanBodySchema = z
  .object({
    qualitative: planBody.qualitative.optional(),
    indicatorId: planBody.indicatorId.optional(),
    indicatorName: planBody.indicatorName.optional(),
    unit: planBody.unit.optional(),
    baselineValue: planBody.baselineValue.optional(),
    baselineAsOf: planBody.baselineAsOf.optional(),
    baselineNote: planBody.baselineNote.optional(),
    targetValue: planBody.targetValue.optional(),
    targetBy: planBody.targetBy.optional(),
    timing: planBody.timing.optional(),
    dataSource: planBody.dataSource.optional(),
    responsible: planBody.responsible.optional(),
    method: planBody.method.optional(),
    note: planBody.note.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Send at least one field');
export type UpdateVerificationPlanBody = z.infer<typeof UpdateVerificationPlanBodySchema>;

const measurementComment = z.string().trim().max(2_000);

/**
 * POST /engagements/{id}/verification-plans/{planId}/measurements (advisor, municipal member):
 * one value per period — a second post for the same period is refused (409 measurement_exists);
 * correct the recorded value with PATCH instead.
 */
export const RecordMeasurementBodySchema = z
  .object({ period: YearMonthSchema, value: finite, comment: measurementComment.default('') })
  .strict();
export type RecordMeasurementBody = z.infer<typeof RecordMeasurementBodySchema>;

/**
 * PATCH …/measurements/{measurementId} with If-Match (advisor, municipal member): corrects the value,
 * the comment or the period (409 measurement_exists when the new period already has a value).
 */
export const UpdateMeasurementBodySchema = z
  .object({ period: YearMonthSchema.optional(), value: finite.optional(), comment: measurementComment.optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Send at least one field');
export type UpdateMeasurementBody = z.infer<typeof UpdateMeasurementBodySchema>;
