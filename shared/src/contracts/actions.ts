import { z } from 'zod';
import { actionPriorities, actionStatuses, nodeKinds } from '../domain.js';
import { IsoDateTimeSchema, UuidSchema } from './common.js';

/*
 * 取組: an action is made by selecting a `measure` node of the tree; the link to the node stays.
 * Status moves by the transition table in domain.ts (canMoveAction); PATCH needs If-Match.
 */

export const ActionSchema = z.object({
  id: UuidSchema,
  engagementId: UuidSchema,
  nodeId: UuidSchema,
  /** The measure node the action was selected from. */
  node: z.object({ id: UuidSchema, title: z.string(), kind: z.enum(nodeKinds) }),
  ownerDepartment: z.string(),
  partners: z.array(z.string()),
  priority: z.enum(actionPriorities),
  rationale: z.string(),
  status: z.enum(actionStatuses),
  /** Statuses the action may move to next. */
  nextStatuses: z.array(z.enum(actionStatuses)),
  hasRoadmapItem: z.boolean(),
  verificationPlanCount: z.number().int(),
  milestoneCount: z.number().int(),
  /** The previous year's action this one continues, if any. */
  originActionId: UuidSchema.nullable(),
  version: z.number().int(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});
export type Action = z.infer<typeof ActionSchema>;

export const ActionListSchema = z.object({ items: z.array(ActionSchema) });
export type ActionList = z.infer<typeof ActionListSchema>;

export const ActionParamsSchema = z.object({ id: UuidSchema, actionId: UuidSchema }).strict();

const department = z.string().trim().max(100);
const partners = z.array(z.string().trim().min(1).max(100)).max(30);
const rationale = z.string().trim().min(1, 'A rationale is required').max(5_000);

/**
 * POST /engagements/{id}/actions (advisor): select a measure node. 409 `not_a_measure` when the node
 * is not a measure, 409 `already_selected` when it already has an action.
 */
export const CreateActionBodySchema = z
  .object({
    nodeId: UuidSchema,
    rationale,
    ownerDepartment: department.default(''),
    partners: partners.default([]),
    priority: z.enum(actionPriorities).default('medium'),
  })
  .strict();
export type CreateActionBody = z.infer<typeof CreateActionBodySchema>;
export type CreateActionInput = z.input<typeof CreateActionBodySchema>;

/** PATCH /engagements/{id}/actions/{actionId} with If-Match (advisor); `status` by canMoveAction (409 `transition_not_allowed`). */
export const UpdateActionBodySchema = z
  .object({
    rationale: rationale.optional(),
    ownerDepartment: department.optional(),
    partners: partners.optional(),
    priority: z.enum(actionPriorities).optional(),
    status: z.enum(actionStatuses).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'Send at least one field');
export type UpdateActionBody = z.infer<typeof UpdateActionBodySchema>;
