import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import { eventOfAudit, publishEvent } from './events.js';

export interface AuditEntry {
  actorId: string | null;
  engagementId: string | null;
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Records a write, and announces it to live readers when they should hear of it; call it with the same transaction as the write itself. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    engagementId: entry.engagementId,
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
  const event = eventOfAudit(entry);
  if (event) await publishEvent(db, { ...event, actorId: entry.actorId });
}
