import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder: routes of the tree module are added here. */
export const treeRoutes: FastifyPluginAsyncZod = async () => {};
