import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder: routes of the teams module are added here. */
export const teamRoutes: FastifyPluginAsyncZod = async () => {};
