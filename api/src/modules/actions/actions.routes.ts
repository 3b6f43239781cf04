import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder: routes of the actions module are added here. */
export const actionRoutes: FastifyPluginAsyncZod = async () => {};
