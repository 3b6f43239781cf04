/**
 * Program events (横展開): the March 報告会, joint hearings (合同ヒアリング), site visits to advanced
 * municipalities (先進地視察) and training / 情報交換会 — events of a program rather than of one
 * engagement. The program office plans them (title, days, venue or online link, participating
 * engagements, agenda, materials) and writes the minutes; everyone tied to the program's organizer
 * (its jurisdiction's municipalities, team members, the office) reads them and registers (参加登録);
 * the office records who attended.
 */
import { z } from 'zod';
import { attendanceStatuses, programEventKinds } from '../domain.js';
import { AttachmentSchema } from './attachments.js';
import { IsoDateSchema, IsoDateTimeSchema, ShortText, UuidSchema } from './common.js';

export const ProgramEventAgendaItemSchema = z
  .object({
    /** Start time of the item, HH:MM (empty when not fixed). */
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$|^$/, 'Expected HH:MM')
      .default(''),
    title: ShortText(200),
    /** Who presents (free text: a person or an organization). */
    presenter: z.string().trim().max(200).default(''),
    /** The participating engagement that presents this item, when it is one. */
    engagementId: UuidSchema.nullable().default(null),
  })
  .strict();
export type ProgramEventAgendaItem = z.infer<typeof ProgramEventAgendaItemSchema>;

const agenda = z.array(ProgramEventAgendaItemSchema).max(50);
const engagementIds = z.array(UuidSchema).max(100);
const onlineUrl = z
  .url({ protocol: /^https?$/ })
  .max(2_000)
  .nullable();

export const ProgramEventEngagementSchema = z.object({
  id: UuidSchema,
  theme: z.string(),
  municipality: z.object({ id: UuidSchema, name: z.string() }),
});

export const ProgramEventSchema = z.object({
  id: UuidSchema,
  programId: UuidSchema,
  kind: z.enum(programEventKinds),
  title: z.string(),
  startDate: IsoDateSchema,
  /** The last day (the same as startDate for a one-day event). */
  endDate: IsoDateSchema,
  venue: z.string(),
  onlineUrl: z.string().nullable(),
  engagements: z.array(ProgramEventEngagementSchema),
  agenda: z.array(z.object({ time: z.string(), title: z.string(), presenter: z.string(), engagementId: UuidSchema.nullable() })),
  /** 議事録: written by the program office. */
  minutes: z.string(),
  materials: z.array(AttachmentSchema),
  registeredCount: z.number().int(),
  /** The reader's own registration, if any. */
  myRegistration: z.object({ id: UuidSchema, status: z.enum(attendanceStatuses) }).nullable(),
  /** Whether the reader is the program office (edits, attendance, minutes). */
  manageable: z.boolean(),
  version: z.number().int(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});
export type ProgramEvent = z.infer<typeof ProgramEventSchema>;

export const ProgramEventListSchema = z.object({ items: z.array(ProgramEventSchema), nextCursor: z.string().nullable() });
export type ProgramEventList = z.infer<typeof ProgramEventListSchema>;

export const ProgramEventsParamsSchema = z.object({ programId: UuidSchema }).strict();
export const ProgramEventParamsSchema = z.object({ programId: UuidSchema, eventId: UuidSchema }).strict();
export const ProgramEventAttendanceParamsSchema = z
  .object({ programId: UuidSchema, eventId: UuidSchema, attendanceId: UuidSchema })
  .strict();
export const ProgramEventMaterialParamsSchema = z
  .object({ programId: UuidSchema, eventId: UuidSchema, eventMaterialId: UuidSchema })
  .strict();

export const ProgramEventQuerySchema = z
  .object({
    kind: z.enum(programEventKinds).optional(),
    /** The next page: the `nextCursor` of the previous one. */
    cursor: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ProgramEventQuery = z.infer<typeof ProgramEventQuerySchema>;

export const CreateProgramEventBodySchema = z
  .object({
    kind: z.enum(programEventKinds),
    title: ShortText(200),
    startDate: IsoDateSchema,
    /** Defaults to startDate; never before it (400 naming body.endDate). */
    endDate: IsoDateSchema.optional(),
    venue: z.string().trim().max(300).default(''),
    onlineUrl: onlineUrl.default(null),
    engagementIds: engagementIds.default([]),
    agenda: agenda.default([]),
  })
  .strict();
export type CreateProgramEventBody = z.infer<typeof CreateProgramEventBodySchema>;

/** PATCH with If-Match: any field, the minutes (議事録) too. */
export const UpdateProgramEventBodySchema = z
  .object({
    kind: z.enum(programEventKinds).optional(),
    title: ShortText(200).optional(),
    startDate: IsoDateSchema.optional(),
    endDate: IsoDateSchema.optional(),
    venue: z.string().trim().max(300).optional(),
    onlineUrl: onlineUrl.optional(),
    engagementIds: engagementIds.optional(),
    agenda: agenda.optional(),
    minutes: z.string().max(50_000).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Send at least one field');
export type UpdateProgramEventBody = z.infer<typeof UpdateProgramEventBodySchema>;

/** One line of an event's attendance list (the program office reads it whole). */
export const ProgramEventAttendanceSchema = z.object({
  id: UuidSchema,
  eventId: UuidSchema,
  user: z.object({ id: UuidSchema, name: z.string() }),
  organizationName: z.string(),
  status: z.enum(attendanceStatuses),
  mine: z.boolean(),
  registeredAt: IsoDateTimeSchema,
  recordedAt: IsoDateTimeSchema.nullable(),
  version: z.number().int(),
});
export type ProgramEventAttendance = z.infer<typeof ProgramEventAttendanceSchema>;
export const ProgramEventAttendanceListSchema = z.object({ items: z.array(ProgramEventAttendanceSchema) });

export const RecordProgramEventAttendanceBodySchema = z.object({ status: z.enum(attendanceStatuses) }).strict();
export type RecordProgramEventAttendanceBody = z.infer<typeof RecordProgramEventAttendanceBodySchema>;

/** The first day after which an event is over (registration closes): its last day. */
export const eventOver = (e: { endDate: string }, today: string) => e.endDate < today;

/** 400 issues of an event's or a visit's span: the last day before the first. */
export function spanIssues(start: string, end: string | null | undefined, path = 'endDate') {
  return end != null && end < start ? [{ path, message: 'The last day is before the first', rule: 'end_before_start' }] : [];
}
