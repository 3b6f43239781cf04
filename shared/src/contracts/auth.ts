import { z } from 'zod';
import { UuidSchema } from './common.js';

export const LoginBodySchema = z
  .object({
    email: z.email().max(254),
    password: z.string().min(1).max(200),
  })
  .strict();
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const MeSchema = z.object({
  user: z.object({
    id: UuidSchema,
    email: z.string(),
    name: z.string(),
    title: z.string().nullable(),
    organization: z.string().nullable(),
    isProgramOffice: z.boolean(),
    municipality: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  }),
  /** Send back in the `x-csrf-token` header on every state-changing request. */
  csrfToken: z.string(),
});
export type Me = z.infer<typeof MeSchema>;
