import { z } from 'zod';
import { municipalityCategories, regionTypes } from '../domain.js';
import { fiscalYearRange } from '../fiscal-year.js';
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
  /** Optimistic-concurrency version (If-Match on PATCH). */
  version: z.number().int(),
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
    visitWindows: z.array(VisitWindowSchema.strict()).max(12).default([]),
    reportMeeting: IsoDateSchema.nullable().optional(),
  })
  .strict();
export type CreateProgramBody = z.infer<typeof CreateProgramBodySchema>;

/** PATCH /programs/{id} with If-Match: any of the fields; the schedule is checked whole (programScheduleIssues). */
export const UpdateProgramBodySchema = z
  .object({
    fiscalYear: z.number().int().min(2000).max(2100).optional(),
    name: ShortText(200).optional(),
    planPeriod: z.string().trim().max(50).nullable().optional(),
    visitWindows: z.array(VisitWindowSchema.strict()).max(12).optional(),
    reportMeeting: IsoDateSchema.nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Send at least one field');
export type UpdateProgramBody = z.infer<typeof UpdateProgramBodySchema>;

export interface ScheduleIssue {
  /** Field path inside the body, e.g. `visitWindows.1.end`. */
  path: string;
  rule: 'outside_fiscal_year' | 'end_before_start' | 'duplicate_seq';
  message: string;
}

/**
 * What is wrong with a program's schedule: every visit window and the report meeting inside the
 * fiscal year (April–March), each window starting no later than it ends, window numbers unique.
 * One rule for the API (400 naming the field) and the program form.
 */
export function programScheduleIssues(p: {
  fiscalYear: number;
  visitWindows: readonly { seq: number; start: string; end: string }[];
  reportMeeting?: string | null;
}): ScheduleIssue[] {
  const { start, end } = fiscalYearRange(p.fiscalYear);
  const inYear = (d: string) => d >= start && d <= end;
  const outside = `Must be within the fiscal year (${start} – ${end})`;
  const issues: ScheduleIssue[] = [];
  const seen = new Set<number>();
  p.visitWindows.forEach((w, i) => {
    if (seen.has(w.seq)) issues.push({ path: `visitWindows.${i}.seq`, rule: 'duplicate_seq', message: 'Window numbers must be unique' });
    seen.add(w.seq);
    if (!inYear(w.start)) issues.push({ path: `visitWindows.${i}.start`, rule: 'outside_fiscal_year', message: outside });
    if (!inYear(w.end)) issues.push({ path: `visitWindows.${i}.end`, rule: 'outside_fiscal_year', message: outside });
    else if (w.start > w.end)
      issues.push({ path: `visitWindows.${i}.end`, rule: 'end_before_start', message: 'Must not be before the start' });
  });
  if (p.reportMeeting && !inYear(p.reportMeeting)) issues.push({ path: 'reportMeeting', rule: 'outside_fiscal_year', message: outside });
  return issues;
}

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
