import { z } from 'zod';
import { attendanceStatuses, engagementStatuses, observationRequestStatuses, observerScopes, visitKinds } from '../domain.js';
import { IsoDateSchema, IsoDateTimeSchema, UuidSchema } from './common.js';

/*
 * 参加登録 (registering to attend a visit) and 傍聴申請 (asking to observe an engagement).
 */

/** One line of a visit's attendance record. Observers read the list by organization (no user ids). */
export const AttendanceSchema = z.object({
  id: UuidSchema,
  visitId: UuidSchema,
  /** Null for readers who see the list by organization only (observers), except their own line. */
  user: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  organizationName: z.string(),
  status: z.enum(attendanceStatuses),
  /** Whether this line is the reader's own registration. */
  mine: z.boolean(),
  registeredAt: IsoDateTimeSchema,
  recordedAt: IsoDateTimeSchema.nullable(),
  version: z.number().int(),
});
export type Attendance = z.infer<typeof AttendanceSchema>;

export const AttendanceListSchema = z.object({ items: z.array(AttendanceSchema) });
export type AttendanceList = z.infer<typeof AttendanceListSchema>;

export const AttendanceParamsSchema = z.object({ id: UuidSchema, visitId: UuidSchema, attendanceId: UuidSchema }).strict();

/** PATCH …/attendance/{attendanceId} with If-Match: the team records whether the person came. */
export const RecordAttendanceBodySchema = z.object({ status: z.enum(attendanceStatuses) }).strict();
export type RecordAttendanceBody = z.infer<typeof RecordAttendanceBodySchema>;

/** 傍聴申請 */
export const ObservationRequestSchema = z.object({
  id: UuidSchema,
  engagement: z.object({
    id: UuidSchema,
    programId: UuidSchema,
    theme: z.string(),
    municipality: z.object({ id: UuidSchema, name: z.string() }),
  }),
  municipality: z.object({ id: UuidSchema, name: z.string() }),
  requestedBy: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  message: z.string(),
  status: z.enum(observationRequestStatuses),
  decidedBy: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  decidedAt: IsoDateTimeSchema.nullable(),
  grantId: UuidSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  version: z.number().int(),
});
export type ObservationRequest = z.infer<typeof ObservationRequestSchema>;

export const ObservationRequestListSchema = z.object({ items: z.array(ObservationRequestSchema), nextCursor: UuidSchema.nullable() });
export type ObservationRequestList = z.infer<typeof ObservationRequestListSchema>;

export const ObservationRequestQuerySchema = z
  .object({
    status: z.enum(observationRequestStatuses).optional(),
    cursor: UuidSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export type ObservationRequestQuery = z.infer<typeof ObservationRequestQuerySchema>;

export const ObservationRequestParamsSchema = z.object({ id: UuidSchema, requestId: UuidSchema }).strict();

/** POST /observation-requests: the requester has no role in the engagement yet, so it is named in the body. */
export const CreateObservationRequestBodySchema = z
  .object({ engagementId: UuidSchema, message: z.string().trim().max(2_000).default('') })
  .strict();
export type CreateObservationRequestBody = z.infer<typeof CreateObservationRequestBodySchema>;

/** POST …/observation-requests/{requestId}/approve with If-Match: the grant it creates. */
export const ApproveObservationRequestBodySchema = z
  .object({ validUntil: IsoDateSchema, scope: z.enum(observerScopes).default('process') })
  .strict();
export type ApproveObservationRequestBody = z.infer<typeof ApproveObservationRequestBodySchema>;

/**
 * An engagement the reader could ask to observe: of a program whose organizer serves the reader's
 * municipality, of another municipality, with no active grant for the reader's municipality.
 */
export const ObservableEngagementSchema = z.object({
  id: UuidSchema,
  programId: UuidSchema,
  programName: z.string(),
  theme: z.string(),
  status: z.enum(engagementStatuses),
  municipality: z.object({ id: UuidSchema, name: z.string() }),
  /** The engagement's municipality borders the reader's (隣接自治体). */
  neighbour: z.boolean(),
  /** The reader's municipality's pending request, if any. */
  pendingRequestId: UuidSchema.nullable(),
  /** The next planned visit, so the reader knows what they would attend. */
  nextVisit: z.object({ date: IsoDateSchema, kind: z.enum(visitKinds) }).nullable(),
});
export type ObservableEngagement = z.infer<typeof ObservableEngagementSchema>;
export const ObservableEngagementListSchema = z.object({ items: z.array(ObservableEngagementSchema) });
export type ObservableEngagementList = z.infer<typeof ObservableEngagementListSchema>;
