import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder: routes of the pdca module are added here. */
export const pdcaRoutes: FastifyPluginAsyncZod = async () => {};
