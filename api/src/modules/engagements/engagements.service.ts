import type { EngagementDetail, EngagementRole, EngagementSummary } from '@banso/shared';
import type { Db } from '../../db/client.js';
import type { municipalities } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { NotFound } from '../../lib/errors.js';
import { authorize, type EngagementRow, roleOf } from '../access/access.service.js';
import type { Actor } from '../auth/auth.service.js';
import * as repo from './engagements.repository.js';

type MunicipalityRow = typeof municipalities.$inferSelect;

function toSummary(
  e: EngagementRow,
  m: MunicipalityRow,
  fiscalYear: number,
  myRole: EngagementRole,
  delayedMilestones: number,
): EngagementSummary {
  return {
    id: e.id,
    programId: e.programId,
    fiscalYear,
    municipality: {
      id: m.id,
      code: m.code,
      name: m.name,
      category: m.category,
      regionType: m.regionType,
      population: m.population,
      agingRate: m.agingRate,
    },
    theme: e.theme,
    desiredState: e.desiredState,
    status: e.status,
    myRole,
    delayedMilestones,
    previousEngagementId: e.previousEngagementId,
    version: e.version,
    updatedAt: e.updatedAt.toISOString(),
  };
}

export async function listEngagements(db: Db, actor: Actor, clock: Clock): Promise<EngagementSummary[]> {
  const rows = await repo.listVisibleEngagements(db, actor, clock.today());
  return rows.flatMap((r) => {
    const role = roleOf(actor, r.engagement.programId, r.memberRole, Boolean(r.observing));
    return role ? [toSummary(r.engagement, r.municipality, r.fiscalYear, role, r.delayedMilestones)] : [];
  });
}

export async function getEngagement(db: Db, actor: Actor, clock: Clock, id: string): Promise<EngagementDetail> {
  const access = await authorize(db, actor, id, 'engagement.read', clock.today());
  const row = await repo.getEngagementWithProgram(db, id, clock.today());
  if (!row) throw new NotFound('Engagement');
  return {
    ...toSummary(row.engagement, row.municipality, row.program.fiscalYear, access.role, row.delayedMilestones),
    program: {
      id: row.program.id,
      name: row.program.name,
      fiscalYear: row.program.fiscalYear,
      visitWindows: row.program.visitWindows,
      reportMeeting: row.program.reportMeeting,
    },
  };
}
