/**
 * Public read-only links to a published report version (報告書の公開リンク): the program office
 * creates, lists and revokes them; anyone holding the token reads the report's observer-safe
 * projection (the library case) without signing in. Only the SHA-256 of a token is stored.
 */
import type { LibraryCase, PublicLink, PublicLinkBody, PublicLinkCreated } from '@banso/shared';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../../lib/audit.js';
import type { ServiceContext } from '../../lib/context.js';
import { Conflict, NotFound } from '../../lib/errors.js';
import { authorize } from '../access/access.service.js';
import * as library from '../library/library.repository.js';
import { caseTreeSvg, toLibraryCase } from '../library/library.service.js';
import { newToken, tokenHashOf } from '../users/users.service.js';
import * as repo from './public-links.repository.js';

const isActive = (l: repo.LinkRow, now: Date) => l.revokedAt === null && (l.expiresAt === null || l.expiresAt.getTime() > now.getTime());

const toLink = (l: repo.LinkRow, creatorName: string | null, now: Date): PublicLink => ({
  id: l.id,
  reportId: l.reportId,
  createdAt: l.createdAt.toISOString(),
  createdBy: l.createdBy ? { id: l.createdBy, name: creatorName ?? '' } : null,
  expiresAt: l.expiresAt?.toISOString() ?? null,
  revokedAt: l.revokedAt?.toISOString() ?? null,
  active: isActive(l, now),
});

async function shareable(ctx: ServiceContext, engagementId: string, reportId: string) {
  await authorize(ctx, engagementId, 'report.share');
  const report = await repo.findReport(ctx.db, engagementId, reportId);
  if (!report) throw new NotFound('Report');
  return report;
}

export async function createLink(
  ctx: ServiceContext,
  engagementId: string,
  reportId: string,
  body: PublicLinkBody,
): Promise<PublicLinkCreated> {
  const report = await shareable(ctx, engagementId, reportId);
  if (report.status !== 'published') throw new Conflict('report_not_shareable', 'Only a published report can be shared by a public link');
  const now = ctx.clock.now();
  const token = newToken();
  const expiresAt = body.expiresInDays ? new Date(now.getTime() + body.expiresInDays * 86_400_000) : null;
  return ctx.db.transaction(async (tx) => {
    const link = await repo.insertLink(tx, { reportId, tokenHash: tokenHashOf(token), createdBy: ctx.actor.id, createdAt: now, expiresAt });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      engagementId,
      entity: 'public_link',
      entityId: link.id,
      action: 'create',
      after: { reportId, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { ...toLink(link, ctx.actor.name, now), token, path: `/p/${token}` };
  });
}

export async function listLinks(ctx: ServiceContext, engagementId: string, reportId: string): Promise<PublicLink[]> {
  await shareable(ctx, engagementId, reportId);
  const now = ctx.clock.now();
  return (await repo.listLinks(ctx.db, reportId)).map((r) => toLink(r.link, r.creatorName, now));
}

/** Revoking stops the link at once; 409 link_already_revoked the second time. */
export async function revokeLink(ctx: ServiceContext, engagementId: string, reportId: string, linkId: string): Promise<PublicLink> {
  await shareable(ctx, engagementId, reportId);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const link = await repo.findLinkForUpdate(tx, reportId, linkId);
    if (!link) throw new NotFound('Public link');
    if (link.revokedAt) throw new Conflict('link_already_revoked', 'This public link has been revoked already');
    const revoked = await repo.revokeLink(tx, linkId, now);
    await recordAudit(tx, { actorId: ctx.actor.id, engagementId, entity: 'public_link', entityId: linkId, action: 'revoke' });
    return toLink(revoked, await repo.creatorName(tx, revoked.createdBy), now);
  });
}

/** The published report behind a live token; 404 for an unknown, revoked or expired token (they look alike). */
async function caseOf(db: Db, token: string, now: Date) {
  const link = await repo.findByTokenHash(db, tokenHashOf(token));
  if (!link || !isActive(link, now)) throw new NotFound('Report');
  const row = await library.getPublishedCase(db, link.reportId);
  if (!row) throw new NotFound('Report');
  return row;
}

export async function readPublic(db: Db, token: string, now: Date): Promise<LibraryCase> {
  const row = await caseOf(db, token, now);
  // Only this version: the link names one report, not its history.
  return toLibraryCase(row, [{ reportId: row.id, versionNumber: row.versionNumber, publishedAt: row.publishedAt }]);
}

export async function publicTreeSvg(db: Db, token: string, now: Date): Promise<string> {
  return caseTreeSvg(await caseOf(db, token, now));
}
