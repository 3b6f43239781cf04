import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder: routes of the programs module are added here. */
export const programRoutes: FastifyPluginAsyncZod = async () => {};
