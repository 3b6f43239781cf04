import { z } from 'zod';
import { municipalityCategories, regionTypes } from '../domain.js';
import { IsoDateSchema, IsoDateTimeSchema, ShortText, UuidSchema } from './common.js';

/** One of a program's visit windows (支援回の実施期間). */
export const VisitWindowSchema = z.object({
  seq: z.number().int().min(1).max(20),
  start: IsoDateSchema,
  end: IsoDateSchema,
  purpose: z.string().max(200),
});
export type VisitWindow = z.infer<typeof VisitWindowSchema>;

export const ProgramSchema = z.object({
  id: UuidSchema,
  fiscalYear: z.number().int(),
  name: z.string(),
  planPeriod: z.string().nullable(),
  organizer: z.string().nullable(),
  visitWindows: z.array(VisitWindowSchema),
  reportMeeting: IsoDateSchema.nullable(),
  /** Whether the caller is program office of this program (may create engagements in it). */
  administered: z.boolean(),
  createdAt: IsoDateTimeSchema,
});
export type Program = z.infer<typeof ProgramSchema>;

export const ProgramListSchema = z.object({ items: z.array(ProgramSchema) });
export type ProgramList = z.infer<typeof ProgramListSchema>;

/** POST /programs: program office opens a (next) fiscal year's program; it inherits the creator's organizer. */
export const CreateProgramBodySchema = z
  .object({
    fiscalYear: z.number().int().min(2000).max(2100),
    name: ShortText(200),
    planPeriod: z.string().trim().max(50).nullable().optional(),
    visitWindows: z
      .array(VisitWindowSchema.strict())
      .max(12)
      .refine((ws) => ws.every((w) => w.start <= w.end), 'A visit window must not end before it starts')
      .default([]),
    reportMeeting: IsoDateSchema.nullable().optional(),
  })
  .strict();
export type CreateProgramBody = z.infer<typeof CreateProgramBodySchema>;

/** A municipality for pickers (GET /municipalities). */
export const MunicipalitySchema = z.object({
  id: UuidSchema,
  code: z.string(),
  name: z.string(),
  category: z.enum(municipalityCategories),
  regionType: z.enum(regionTypes),
  population: z.number().int().nullable(),
  agingRate: z.number().nullable(),
  pop85Rate: z.number().nullable(),
  /** Ids of neighbouring municipalities (candidates for observer grants). */
  neighbourIds: z.array(UuidSchema),
});
export type Municipality = z.infer<typeof MunicipalitySchema>;

export const MunicipalityListSchema = z.object({ items: z.array(MunicipalitySchema) });
export type MunicipalityList = z.infer<typeof MunicipalityListSchema>;
