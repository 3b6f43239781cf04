import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const libraryRoutes: FastifyPluginAsyncZod = async () => {};
