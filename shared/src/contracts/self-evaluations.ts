/**
 * 「取組と目標」に対する自己評価シート: every fiscal year the municipality (保険者) evaluates each
 * 取組と目標 of its 介護保険事業計画 — indicator, target, actual, a mark (◎ 達成 ○ 概ね達成 △ 一部未達
 * × 未達) with a comment, and 今後の方向性 — and reports it to the prefecture. One item per 取組と目標
 * and fiscal year, in the sheet's order; an item may name the engagement's actions (取組) it covers.
 * PATCH and DELETE need If-Match; the labels of marks and directions are in shared/src/labels.
 */
import { z } from 'zod';
import { IsoDateTimeSchema, PersonRefSchema, ShortText, UuidSchema } from './common.js';

/** The self-evaluation marks, best first: ◎ 達成, ○ 概ね達成, △ 一部未達, × 未達 (symbols: selfEvaluationMarkSymbols). */
export const selfEvaluationMarks = ['achieved', 'mostly_achieved', 'partly_unmet', 'unmet'] as const;
export type SelfEvaluationMark = (typeof selfEvaluationMarks)[number];

/** 今後の方向性: continue as it is, improve, review (見直し), or end. */
export const selfEvaluationDirections = ['continue', 'improve', 'review', 'end'] as const;
export type SelfEvaluationDirection = (typeof selfEvaluationDirections)[number];

const FiscalYear = z.coerce.number().int().min(2000).max(2100);

export const SelfEvaluationItemSchema = z.object({
  id: UuidSchema,
  engagementId: UuidSchema,
  fiscalYear: z.number().int(),
  /** 1, 2, 3 … within the fiscal year: the sheet's row order. */
  position: z.number().int(),
  /** 区分 / 施策の柱 (e.g. 介護予防・重度化防止); may be empty. */
  theme: z.string(),
  /** The 取組と目標 itself. */
  title: z.string(),
  /** The indicator of the catalogue, when the item is measured by one. */
  indicator: z.object({ id: UuidSchema, code: z.string(), name: z.string(), unit: z.string() }).nullable(),
  /** The indicator as the plan words it (shown instead of, or beside, the catalogue's name). */
  indicatorName: z.string(),
  /** The unit of target and actual (the catalogue indicator's when empty). */
  unit: z.string(),
  targetValue: z.number().nullable(),
  actualValue: z.number().nullable(),
  mark: z.enum(selfEvaluationMarks).nullable(),
  comment: z.string(),
  direction: z.enum(selfEvaluationDirections).nullable(),
  directionText: z.string(),
  /** The engagement’s actions (取組) this item corresponds to, as chosen. */
  actionIds: z.array(UuidSchema),
  updatedBy: PersonRefSchema,
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  version: z.number().int(),
});
export type SelfEvaluationItem = z.infer<typeof SelfEvaluationItemSchema>;

/** The 介護保険事業計画 period a fiscal year falls in (第9期 = 令和6〜8年度). */
export const CarePlanPeriodSchema = z.object({ term: z.number().int(), firstYear: z.number().int(), lastYear: z.number().int() });

export const SelfEvaluationListSchema = z.object({
  fiscalYear: z.number().int(),
  /** The plan period of the engagement's program: the years a sheet may be kept for. */
  planPeriod: CarePlanPeriodSchema,
  items: z.array(SelfEvaluationItemSchema),
});
export type SelfEvaluationList = z.infer<typeof SelfEvaluationListSchema>;

/** GET …/self-evaluations and …/self-evaluations.xlsx: one fiscal year, the current one when absent. */
export const SelfEvaluationQuerySchema = z.object({ fiscalYear: FiscalYear.optional() }).strict();

/** GET …/self-evaluations.xlsx: the sheet of one fiscal year, its words in Japanese (default) or English. */
export const SelfEvaluationExportQuerySchema = z
  .object({ fiscalYear: FiscalYear.optional(), locale: z.enum(['ja', 'en']).default('ja') })
  .strict();

export const SelfEvaluationParamsSchema = z.object({ id: UuidSchema, itemId: UuidSchema }).strict();

const fields = {
  theme: z.string().trim().max(100),
  title: ShortText(300),
  indicatorId: UuidSchema.nullable(),
  indicatorName: z.string().trim().max(200),
  unit: z.string().trim().max(30),
  targetValue: z.number().finite().nullable(),
  actualValue: z.number().finite().nullable(),
  mark: z.enum(selfEvaluationMarks).nullable(),
  comment: z.string().max(5_000),
  direction: z.enum(selfEvaluationDirections).nullable(),
  directionText: z.string().max(5_000),
  /** Actions of this engagement only: another engagement's id is a 400 naming `body.actionIds.N`. */
  actionIds: z
    .array(UuidSchema)
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, 'An action is named twice'),
};

/**
 * POST …/self-evaluations: a new item at the end of its fiscal year's sheet. The year lies in the
 * program's plan period (400 on `body.fiscalYear` otherwise); a title twice in one year is 409 already_exists.
 */
export const CreateSelfEvaluationBodySchema = z
  .object({
    fiscalYear: FiscalYear,
    theme: fields.theme.default(''),
    title: fields.title,
    indicatorId: fields.indicatorId.default(null),
    indicatorName: fields.indicatorName.default(''),
    unit: fields.unit.default(''),
    targetValue: fields.targetValue.default(null),
    actualValue: fields.actualValue.default(null),
    mark: fields.mark.default(null),
    comment: fields.comment.default(''),
    direction: fields.direction.default(null),
    directionText: fields.directionText.default(''),
    actionIds: fields.actionIds.default([]),
  })
  .strict();
export type CreateSelfEvaluationBody = z.infer<typeof CreateSelfEvaluationBodySchema>;
export type CreateSelfEvaluationInput = z.input<typeof CreateSelfEvaluationBodySchema>;

/** PATCH …/self-evaluations/{itemId} with If-Match: any of the fields (the fiscal year stays). */
export const UpdateSelfEvaluationBodySchema = z
  .object({
    theme: fields.theme.optional(),
    title: fields.title.optional(),
    indicatorId: fields.indicatorId.optional(),
    indicatorName: fields.indicatorName.optional(),
    unit: fields.unit.optional(),
    targetValue: fields.targetValue.optional(),
    actualValue: fields.actualValue.optional(),
    mark: fields.mark.optional(),
    comment: fields.comment.optional(),
    direction: fields.direction.optional(),
    directionText: fields.directionText.optional(),
    actionIds: fields.actionIds.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Send at least one field');
export type UpdateSelfEvaluationBody = z.infer<typeof UpdateSelfEvaluationBodySchema>;

/**
 * PUT …/self-evaluations/order: the year's items in their new order. The list must name every item
 * of the year once; one that no longer matches (an item added or deleted meanwhile) is 409 list_changed.
 */
export const ReorderSelfEvaluationsBodySchema = z
  .object({
    fiscalYear: FiscalYear,
    itemIds: z
      .array(UuidSchema)
      .max(200)
      .refine((ids) => new Set(ids).size === ids.length, 'An item is named twice'),
  })
  .strict();
export type ReorderSelfEvaluationsBody = z.infer<typeof ReorderSelfEvaluationsBodySchema>;

/**
 * One row of the sheet as the report's facts keep it (ReportFacts.selfEvaluations): the indicator and
 * unit resolved, the linked actions with their titles; no ids of people.
 */
export const ReportSelfEvaluationSchema = z.object({
  position: z.number().int(),
  theme: z.string(),
  title: z.string(),
  indicatorName: z.string(),
  unit: z.string(),
  targetValue: z.number().nullable(),
  actualValue: z.number().nullable(),
  mark: z.enum(selfEvaluationMarks).nullable(),
  comment: z.string(),
  direction: z.enum(selfEvaluationDirections).nullable(),
  directionText: z.string(),
  actions: z.array(z.object({ id: UuidSchema, title: z.string() })),
});
export type ReportSelfEvaluation = z.infer<typeof ReportSelfEvaluationSchema>;
