import { z } from 'zod';
import { IsoDateSchema, UuidSchema, YearMonthSchema } from './common.js';

/**
 * Home (GET /api/me/todo): what is the caller's to do across the engagements they can access.
 * Each kind is bounded (`limit` items, newest-due first after the overdue ones) with its total count.
 */
export const homeItemKinds = ['homework', 'milestone', 'measurement', 'pdca_review', 'visit', 'delayed_engagement', 'application'] as const;
export type HomeItemKind = (typeof homeItemKinds)[number];

/** Where an item opens: a tab of its engagement, or the program's applications (選定). */
export const homeTargets = ['hearing', 'tree', 'actions', 'roadmap', 'review', 'applications'] as const;
export type HomeTarget = (typeof homeTargets)[number];

export const HomeQuerySchema = z
  .object({
    /** Items per kind (the total is always counted). */
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();
export type HomeQuery = z.infer<typeof HomeQuerySchema>;

export const HomeItemSchema = z.object({
  kind: z.enum(homeItemKinds),
  /** The record the item is about (homework, milestone, plan, visit, engagement, application). */
  id: UuidSchema,
  /** Null for an application (it has no engagement yet). */
  engagementId: UuidSchema.nullable(),
  programId: UuidSchema,
  fiscalYear: z.number().int(),
  municipality: z.object({ id: UuidSchema, name: z.string() }),
  /** The record's own words: homework text, milestone title, indicator name, theme. */
  title: z.string(),
  due: IsoDateSchema.nullable(),
  /** For a measurement: the period (YYYY-MM) whose value is missing. */
  period: YearMonthSchema.nullable(),
  /** Past due and not done. */
  overdue: z.boolean(),
  target: z.enum(homeTargets),
});
export type HomeItem = z.infer<typeof HomeItemSchema>;

export const HomeGroupSchema = z.object({
  kind: z.enum(homeItemKinds),
  /** How many there are in all (items holds at most `limit`). */
  total: z.number().int(),
  items: z.array(HomeItemSchema),
});
export type HomeGroup = z.infer<typeof HomeGroupSchema>;

export const HomeSchema = z.object({
  /** The day the list was made for (the server's today, YYYY-MM-DD). */
  today: IsoDateSchema,
  /** Only kinds with at least one item, in the order of homeItemKinds. */
  groups: z.array(HomeGroupSchema),
});
export type Home = z.infer<typeof HomeSchema>;
