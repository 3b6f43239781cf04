/**
 * Live updates of one engagement (`GET /api/engagements/{id}/events`): a server-sent-events stream,
 * or, asked for JSON, the same events since an id (for clients behind proxies that buffer streams).
 * Each event is stored with the narrowest audience that may read it, as findings are (team ⊂
 * municipality ⊂ observers), and is sent only to readers whose role reads that audience.
 */
import { z } from 'zod';
import { engagementRoles, findingVisibilities } from '../domain.js';
import { IsoDateTimeSchema, UuidSchema } from './common.js';

export const engagementEventKinds = [
  /** A tree batch or restore saved a new revision: `data.revision`, `data.summary`. */
  'tree.revision',
  /** The engagement's status changed: `data.status`. */
  'engagement.status',
  /** A finding was recorded, corrected or deleted (audience: its visibility): `data.findingId`. */
  'finding.changed',
  /** A milestone was added, changed, completed or deleted: `data.milestoneId`. */
  'milestone.changed',
  /** A measurement was recorded, corrected or deleted: `data.planId`. */
  'measurement.changed',
  /** Team or observer grants changed: every open stream checks its reader's access again. */
  'access.changed',
  /** A comment or question was written, edited, deleted, resolved or reopened (audience: its thread's visibility): `data.commentId`, `data.subjectType`, `data.subjectId`. */
  'comment.changed',
] as const;
export type EngagementEventKind = (typeof engagementEventKinds)[number];

export const EngagementEventSchema = z.object({
  /** Increasing within the engagement; what `Last-Event-ID` names. */
  id: z.string(),
  kind: z.enum(engagementEventKinds),
  engagementId: UuidSchema,
  at: IsoDateTimeSchema,
  actor: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  audience: z.enum(findingVisibilities),
  data: z.record(z.string(), z.unknown()),
});
export type EngagementEvent = z.infer<typeof EngagementEventSchema>;

export const EngagementEventsQuerySchema = z.object({
  /** JSON only: events after this id (as `Last-Event-ID` does for the stream); absent → none before now. */
  after: z
    .string()
    .regex(/^[0-9]{1,18}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const EngagementEventListSchema = z.object({
  items: z.array(EngagementEventSchema),
  /** The id to ask after next time (the last event's, or the current end when there were none). */
  lastEventId: z.string(),
  /** True when more events follow (ask again with `after=lastEventId`). */
  more: z.boolean(),
});

/**
 * Who has the engagement open (the `presence` frames of the stream, sent whenever someone opens or
 * leaves it). One entry per person, however many tabs; an observer sees roles, not names.
 */
export const PresenceEntrySchema = z.object({
  /** Null where the reader is an observer (names of others are not shown to observers). */
  userId: UuidSchema.nullable(),
  name: z.string().nullable(),
  organization: z.string().nullable(),
  role: z.enum(engagementRoles),
  /** The reader themself. */
  self: z.boolean(),
});
export type PresenceEntry = z.infer<typeof PresenceEntrySchema>;
export const PresenceSchema = z.object({ users: z.array(PresenceEntrySchema) });
export type Presence = z.infer<typeof PresenceSchema>;
