import { z } from 'zod';
import { indicatorDirections, indicatorFigureKinds, indicatorLevels } from '../domain.js';
import { periodKinds } from '../period.js';
import { UuidSchema } from './common.js';

export const IndicatorSchema = z.object({
  id: UuidSchema,
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(indicatorDirections),
  level: z.enum(indicatorLevels),
  source: z.string(),
  definition: z.string(),
  frequency: z.string().nullable(),
  /** Theme it belongs to (介護予防, 認知症 …), for grouping. */
  theme: z.string(),
  figureKind: z.enum(indicatorFigureKinds),
  /** A running total (累計) rather than a figure of each period. */
  cumulative: z.boolean(),
  periodKind: z.enum(periodKinds),
  decimals: z.number().int(),
  /** Plausible range: a value outside is refused on entry and import. */
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  version: z.number().int(),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

const CatalogueText = (max: number) => z.string().trim().max(max);

/** What the program office writes for a catalogue entry (POST whole, PATCH any subset with If-Match). */
const IndicatorFieldsSchema = z.object({
  /** Stable key used by files and imports: letters, digits, '-' and '_'. */
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, - and _'),
  name: CatalogueText(200).min(1),
  unit: CatalogueText(40),
  direction: z.enum(indicatorDirections),
  level: z.enum(indicatorLevels),
  source: CatalogueText(200),
  definition: CatalogueText(4000),
  frequency: CatalogueText(100).nullable(),
  theme: CatalogueText(100),
  figureKind: z.enum(indicatorFigureKinds),
  cumulative: z.boolean(),
  periodKind: z.enum(periodKinds),
  decimals: z.number().int().min(0).max(6),
  minValue: z.number().finite().nullable(),
  maxValue: z.number().finite().nullable(),
});

const rangeInOrder = (b: { minValue?: number | null; maxValue?: number | null }) =>
  b.minValue === undefined || b.maxValue === undefined || b.minValue === null || b.maxValue === null || b.minValue <= b.maxValue;
const rangeIssue = { message: 'minValue must not exceed maxValue', path: ['maxValue'] };

export const CreateIndicatorBodySchema = IndicatorFieldsSchema.partial({
  unit: true,
  source: true,
  definition: true,
  frequency: true,
  theme: true,
  figureKind: true,
  cumulative: true,
  periodKind: true,
  decimals: true,
  minValue: true,
  maxValue: true,
})
  .strict()
  .refine(rangeInOrder, rangeIssue);
export type CreateIndicatorBody = z.infer<typeof CreateIndicatorBodySchema>;

export const UpdateIndicatorBodySchema = IndicatorFieldsSchema.partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Send at least one field')
  .refine(rangeInOrder, rangeIssue);
export type UpdateIndicatorBody = z.infer<typeof UpdateIndicatorBodySchema>;

export const IndicatorListSchema = z.object({ items: z.array(IndicatorSchema) });
export type IndicatorList = z.infer<typeof IndicatorListSchema>;

/** A value of the engagement's municipality, with its indicator. */
export const IndicatorValueSchema = z.object({
  id: UuidSchema,
  indicatorId: UuidSchema,
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(indicatorDirections),
  level: z.enum(indicatorLevels),
  /** As the source reports it: 2024, 2025-03, R6 … */
  period: z.string(),
  value: z.number(),
  source: z.string(),
});
export type IndicatorValue = z.infer<typeof IndicatorValueSchema>;

export const IndicatorValueListSchema = z.object({ items: z.array(IndicatorValueSchema) });
export type IndicatorValueList = z.infer<typeof IndicatorValueListSchema>;
