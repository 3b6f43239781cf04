import type { FastifyPluginAsync } from 'fastify';
import { actionRoutes } from './actions/actions.routes.js';
import { applicationRoutes } from './applications/applications.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { engagementRoutes } from './engagements/engagements.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { hearingRoutes } from './hearing/hearing.routes.js';
import { indicatorRoutes } from './indicators/indicators.routes.js';
import { libraryRoutes } from './library/library.routes.js';
import { mailRoutes } from './mail/mail.routes.js';
import { municipalityRoutes } from './municipalities/municipalities.routes.js';
import { pdcaRoutes } from './pdca/pdca.routes.js';
import { programRoutes } from './programs/programs.routes.js';
import { reportRoutes } from './reports/reports.routes.js';
import { roadmapRoutes } from './roadmap/roadmap.routes.js';
import { teamRoutes } from './teams/teams.routes.js';
import { treeRoutes } from './tree/tree.routes.js';

/** Every API module, mounted under /api. Add a module here and the authorization matrix test asks for its rows. */
export const registerModules: FastifyPluginAsync = async (app) => {
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(programRoutes);
  await app.register(engagementRoutes);
  await app.register(teamRoutes);
  await app.register(hearingRoutes);
  await app.register(indicatorRoutes);
  await app.register(treeRoutes);
  await app.register(actionRoutes);
  await app.register(roadmapRoutes);
  await app.register(pdcaRoutes);
  await app.register(auditRoutes);
  await app.register(reportRoutes);
  await app.register(libraryRoutes);
  await app.register(applicationRoutes);
  await app.register(mailRoutes);
  await app.register(municipalityRoutes);
};
