import { z } from 'zod';
import { indicatorDirections, indicatorLevels } from '../domain.js';
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
});
export type Indicator = z.infer<typeof IndicatorSchema>;

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
