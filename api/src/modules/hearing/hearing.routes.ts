import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder: routes of the hearing module are added here. */
export const hearingRoutes: FastifyPluginAsyncZod = async () => {};
