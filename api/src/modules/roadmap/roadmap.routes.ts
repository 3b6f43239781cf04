import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder: routes of the roadmap module are added here. */
export const roadmapRoutes: FastifyPluginAsyncZod = async () => {};
