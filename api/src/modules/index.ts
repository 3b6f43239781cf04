import type { FastifyPluginAsync } from 'fastify';
import { authRoutes } from './auth/auth.routes.js';
import { engagementRoutes } from './engagements/engagements.routes.js';
import { healthRoutes } from './health/health.routes.js';

/** Every API module, mounted under /api. Add a module here and the authorization matrix test asks for its rows. */
export const registerModules: FastifyPluginAsync = async (app) => {
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(engagementRoutes);
};
