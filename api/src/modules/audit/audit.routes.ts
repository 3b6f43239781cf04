import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder: routes of the audit module are added here. */
export const auditRoutes: FastifyPluginAsyncZod = async () => {};
