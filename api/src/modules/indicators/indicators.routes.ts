import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder: routes of the indicators module are added here. */
export const indicatorRoutes: FastifyPluginAsyncZod = async () => {};
