/**
 * Publishing live-update events (read by modules/events). An event is stored with the narrowest
 * audience that may read it and announced with pg_notify, which PostgreSQL (and PGlite) deliver to
 * every listener when the transaction commits.
 */
import type { EngagementEventKind, FindingVisibility } from '@banso/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { engagementEvents, engagements } from '../db/schema/index.js';

export const EVENTS_CHANNEL = 'banso_events';

export interface NewEvent {
  engagementId: string;
  kind: EngagementEventKind;
  /** The narrowest readership: `team` (office, advisors), `municipality` (+ its members), `observers` (+ observers). */
  audience: FindingVisibility;
  actorId: string | null;
  data?: Record<string, unknown>;
  at?: Date;
}

/**
 * Records an event and notifies every replica on commit; call it inside the write's transaction
 * (a savepoint here), after the write. It takes the engagement's row lock (`for no key update`, the
 * same row `lockEngagement` locks, so no new lock order) and holds it to commit: an engagement's event
 * ids then follow commit order, and a reader that has seen id n never misses a later commit below n.
 */
export async function publishEvent(db: Db, e: NewEvent): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from ${engagements} where ${engagements.id} = ${e.engagementId} for no key update`);
    await tx.insert(engagementEvents).values({
      engagementId: e.engagementId,
      kind: e.kind,
      audience: e.audience,
      actorId: e.actorId,
      data: e.data ?? {},
      ...(e.at && { at: e.at }),
    });
    await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${e.engagementId})`);
  });
}

const visibilityOf = (v: unknown): FindingVisibility | undefined => {
  const visibility = (v as { visibility?: unknown } | null | undefined)?.visibility;
  return visibility === 'team' || visibility === 'municipality' || visibility === 'observers' ? visibility : undefined;
};
const widest = (...vs: (FindingVisibility | undefined)[]): FindingVisibility =>
  vs.includes('observers') ? 'observers' : vs.includes('municipality') ? 'municipality' : 'team';

/**
 * The live-update event of an audited engagement write, or null when others need not hear of it.
 * A finding's event reaches whoever could read it before or after the change (only its id travels).
 */
export function eventOfAudit(entry: {
  engagementId: string | null;
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}): Omit<NewEvent, 'actorId'> | null {
  if (!entry.engagementId) return null;
  const base = { engagementId: entry.engagementId };
  switch (entry.entity) {
    case 'engagement':
      return entry.action === 'status' || entry.action.startsWith('roadmap_')
        ? { ...base, kind: 'engagement.status', audience: 'observers', data: { action: entry.action } }
        : null;
    case 'finding':
      return {
        ...base,
        kind: 'finding.changed',
        audience: widest(visibilityOf(entry.before), visibilityOf(entry.after)),
        data: { findingId: entry.entityId, action: entry.action },
      };
    case 'milestone':
      return { ...base, kind: 'milestone.changed', audience: 'observers', data: { milestoneId: entry.entityId, action: entry.action } };
    case 'measurement':
      return { ...base, kind: 'measurement.changed', audience: 'observers', data: { measurementId: entry.entityId, action: entry.action } };
    case 'comment': {
      // A thread's visibility never changes, so its audience is the visibility before or after.
      const c = (entry.after ?? entry.before) as { subjectType?: unknown; subjectId?: unknown } | undefined;
      return {
        ...base,
        kind: 'comment.changed',
        audience: widest(visibilityOf(entry.before), visibilityOf(entry.after)),
        data: { commentId: entry.entityId, subjectType: c?.subjectType, subjectId: c?.subjectId, action: entry.action },
      };
    }
    case 'member':
    case 'observer_grant':
      return { ...base, kind: 'access.changed', audience: 'team', data: { entity: entry.entity, action: entry.action } };
    default:
      return null;
  }
}
