import { z } from 'zod';
import { findingKinds, findingVisibilities, visitKinds, visitStatuses } from '../domain.js';
import { IsoDateSchema, IsoDateTimeSchema, UuidSchema } from './common.js';

/*
 * Visits are served in two shapes, told apart by `view`: the team and the municipality get the
 * full visit (`view: 'full'`, with agenda, attendees and minutes); observers get the schedule with
 * the agenda and the observer summary (`view: 'schedule'`). Each is an allow-list, so a schedule
 * item never carries the minutes or the attendee names.
 */

/** The full visit (支援回) for the team, municipality and program office. */
export const VisitSchema = z.object({
  view: z.literal('full'),
  id: UuidSchema,
  engagementId: UuidSchema,
  seq: z.number().int(),
  kind: z.enum(visitKinds),
  date: IsoDateSchema,
  /** The last day of a visit of several days (the same as date for one day). */
  endDate: IsoDateSchema,
  venue: z.string(),
  attendees: z.array(z.string()),
  agenda: z.string(),
  minutes: z.string(),
  /** 傍聴者向け要旨: what observers read of the visit, apart from the internal minutes. */
  observerSummary: z.string(),
  status: z.enum(visitStatuses),
  version: z.number().int(),
  updatedAt: IsoDateTimeSchema,
});
export type Visit = z.infer<typeof VisitSchema>;

/** What observers see of a visit: when, what kind, the agenda and the observer summary; never the minutes. */
export const VisitScheduleItemSchema = z.object({
  view: z.literal('schedule'),
  id: UuidSchema,
  seq: z.number().int(),
  kind: z.enum(visitKinds),
  date: IsoDateSchema,
  endDate: IsoDateSchema,
  venue: z.string(),
  status: z.enum(visitStatuses),
  agenda: z.string(),
  observerSummary: z.string(),
});
export type VisitScheduleItem = z.infer<typeof VisitScheduleItemSchema>;

export const VisitViewSchema = z.discriminatedUnion('view', [VisitSchema, VisitScheduleItemSchema]);
export type VisitView = z.infer<typeof VisitViewSchema>;

export const VisitListSchema = z.object({ items: z.array(VisitViewSchema) });
export type VisitList = z.infer<typeof VisitListSchema>;

export const VisitParamsSchema = z.object({ id: UuidSchema, visitId: UuidSchema }).strict();

const attendees = z.array(z.string().trim().min(1).max(100)).max(50);

/** POST /engagements/{id}/visits; `seq` defaults to the next free number. New visits are `planned`. */
export const CreateVisitBodySchema = z
  .object({
    seq: z.number().int().min(1).max(99).optional(),
    kind: z.enum(visitKinds),
    date: IsoDateSchema,
    /** The last day of a visit of several days; defaults to date, never before it (400 naming body.endDate). */
    endDate: IsoDateSchema.optional(),
    venue: z.string().trim().max(300).default(''),
    attendees: attendees.default([]),
    agenda: z.string().max(5_000).default(''),
  })
  .strict();
export type CreateVisitBody = z.infer<typeof CreateVisitBodySchema>;

/** PATCH …/visits/{visitId} with If-Match; `status` moves planned → held → minutes_approved (or one step back). */
export const UpdateVisitBodySchema = z
  .object({
    seq: z.number().int().min(1).max(99).optional(),
    kind: z.enum(visitKinds).optional(),
    date: IsoDateSchema.optional(),
    endDate: IsoDateSchema.optional(),
    venue: z.string().trim().max(300).optional(),
    attendees: attendees.optional(),
    agenda: z.string().max(5_000).optional(),
    minutes: z.string().max(50_000).optional(),
    observerSummary: z.string().max(10_000).optional(),
    status: z.enum(visitStatuses).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Send at least one field');
export type UpdateVisitBody = z.infer<typeof UpdateVisitBodySchema>;

export const FindingSchema = z.object({
  id: UuidSchema,
  engagementId: UuidSchema,
  visitId: UuidSchema.nullable(),
  kind: z.enum(findingKinds),
  text: z.string(),
  source: z.string(),
  visibility: z.enum(findingVisibilities),
  /** Logic-tree nodes the finding bears on. */
  nodeIds: z.array(UuidSchema),
  createdBy: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  version: z.number().int(),
});
export type Finding = z.infer<typeof FindingSchema>;

/**
 * A finding as observers read it: an explicit allow-list (a field added to FindingSchema does not
 * reach observers until it is listed here), with no author — observers learn the reasoning, not who
 * of the municipality's or the team's staff wrote what.
 */
export const ObserverFindingSchema = FindingSchema.pick({
  id: true,
  engagementId: true,
  visitId: true,
  kind: true,
  text: true,
  source: true,
  visibility: true,
  nodeIds: true,
  createdAt: true,
  updatedAt: true,
  version: true,
}).extend({ createdBy: z.null() });
export type ObserverFinding = z.infer<typeof ObserverFindingSchema>;

export const FindingListSchema = z.object({ items: z.array(FindingSchema) });
export type FindingList = z.infer<typeof FindingListSchema>;

export const FindingQuerySchema = z.object({ visitId: UuidSchema.optional(), nodeId: UuidSchema.optional() }).strict();
export const FindingParamsSchema = z.object({ id: UuidSchema, findingId: UuidSchema }).strict();

const nodeIds = z.array(UuidSchema).max(50);

export const CreateFindingBodySchema = z
  .object({
    visitId: UuidSchema.nullable().optional(),
    kind: z.enum(findingKinds),
    text: z.string().trim().min(1).max(5_000),
    source: z.string().trim().max(200).default(''),
    visibility: z.enum(findingVisibilities).default('team'),
    nodeIds: nodeIds.default([]),
  })
  .strict();
export type CreateFindingBody = z.infer<typeof CreateFindingBodySchema>;

/** PATCH …/findings/{findingId} with If-Match; `nodeIds`, when sent, replaces the links. */
export const UpdateFindingBodySchema = z
  .object({
    visitId: UuidSchema.nullable().optional(),
    kind: z.enum(findingKinds).optional(),
    text: z.string().trim().min(1).max(5_000).optional(),
    source: z.string().trim().max(200).optional(),
    visibility: z.enum(findingVisibilities).optional(),
    nodeIds: nodeIds.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Send at least one field');
export type UpdateFindingBody = z.infer<typeof UpdateFindingBodySchema>;

/** 宿題 */
export const HomeworkSchema = z.object({
  id: UuidSchema,
  engagementId: UuidSchema,
  visitId: UuidSchema.nullable(),
  text: z.string(),
  /** The assignee's account, when they have one in this engagement. */
  assigneeUserId: UuidSchema.nullable(),
  assigneeName: z.string(),
  due: IsoDateSchema.nullable(),
  done: z.boolean(),
  /** What the assignee reports back (宿題の結果). */
  result: z.string(),
  doneAt: IsoDateTimeSchema.nullable(),
  version: z.number().int(),
  createdAt: IsoDateTimeSchema,
});
export type Homework = z.infer<typeof HomeworkSchema>;

export const HomeworkListSchema = z.object({ items: z.array(HomeworkSchema) });
export type HomeworkList = z.infer<typeof HomeworkListSchema>;

export const HomeworkParamsSchema = z.object({ id: UuidSchema, homeworkId: UuidSchema }).strict();

/** POST …/homework: an assignee account (team or municipal member) and/or a name (defaults to the account's name). */
export const CreateHomeworkBodySchema = z
  .object({
    visitId: UuidSchema.nullable().optional(),
    text: z.string().trim().min(1).max(2_000),
    assigneeUserId: UuidSchema.nullable().optional(),
    assigneeName: z.string().trim().min(1).max(100).optional(),
    due: IsoDateSchema.nullable().optional(),
  })
  .strict()
  .refine((b) => Boolean(b.assigneeUserId) || b.assigneeName !== undefined, {
    message: 'Name an assignee (assigneeUserId or assigneeName)',
    path: ['assigneeName'],
  });
export type CreateHomeworkBody = z.infer<typeof CreateHomeworkBodySchema>;

/** PATCH …/homework/{homeworkId} with If-Match. A municipal member may send only `{done}`, on homework assigned to them. */
export const UpdateHomeworkBodySchema = z
  .object({
    visitId: UuidSchema.nullable().optional(),
    text: z.string().trim().min(1).max(2_000).optional(),
    assigneeUserId: UuidSchema.nullable().optional(),
    assigneeName: z.string().trim().min(1).max(100).optional(),
    due: IsoDateSchema.nullable().optional(),
    done: z.boolean().optional(),
    /** The assignee's result (text); a municipal member assignee may send only `done` and `result`. */
    result: z.string().trim().max(4_000).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Send at least one field');
export type UpdateHomeworkBody = z.infer<typeof UpdateHomeworkBodySchema>;
