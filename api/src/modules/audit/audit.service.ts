import type { AuditPage, AuditQuery } from '@banso/shared';
import type { ServiceContext } from '../../lib/context.js';
import { authorize } from '../access/access.service.js';
import * as repo from './audit.repository.js';

/** The engagement's audit trail for advisors and the program office, newest first, paged by entry id. */
export async function listAudit(ctx: ServiceContext, engagementId: string, query: AuditQuery): Promise<AuditPage> {
  const { db } = ctx;
  await authorize(ctx, engagementId, 'audit.read');
  const rows = await repo.listEntries(db, engagementId, { limit: query.limit + 1, before: query.before });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ entry: e, actorName }) => ({
      id: e.id,
      at: e.at.toISOString(),
      actor: e.actorId && actorName ? { id: e.actorId, name: actorName } : null,
      entity: e.entity,
      entityId: e.entityId,
      action: e.action,
      before: e.before,
      after: e.after,
    })),
    nextBefore: rows.length > query.limit && last ? last.entry.id : null,
  };
}
