/**
 * Attachments (横展開 part 4): files on visits (事前資料), findings, homework results and reports, and
 * a program's reference materials (参考資料). A file is read exactly by those who read its parent —
 * a finding's file by the readers of the finding's visibility, homework's by homework readers, a
 * report's by report readers — and observers additionally only when it is marked shareable; anything
 * else is 404, as the parent would be. Writing takes the parent's write permission. Reference
 * materials are the program office's to post and everyone tied to the organizer's to read (as the
 * case library). The bytes go to the file storage under the attachment's id, then the row is written
 * with its audit entry; a failed write removes the stored object again.
 */
import {
  type Attachment,
  type AttachmentParentType,
  can,
  readableFindingVisibilities,
  type UpdateAttachmentBody,
  type UpdateReferenceMaterialBody,
  writableFindingVisibilities,
} from '@banso/shared';
import type { Readable } from 'node:stream';
import { recordAudit } from '../../lib/audit.js';
import type { Db } from '../../db/client.js';
import type { ServiceContext } from '../../lib/context.js';
import { BadRequest, ContentTooLarge, Forbidden, NotFound, PreconditionFailed } from '../../lib/errors.js';
import { attachmentKey, type FileStorage } from '../../lib/storage.js';
import { sanitizeFileName, type StagedFile, stageUpload } from '../../lib/uploads.js';
import { authorize, authorizeProgram, type EngagementAccess, loadAccess } from '../access/access.service.js';
import { enqueueNotification } from '../notifications/notifications.service.js';
import { findEvent } from '../program-events/program-events.repository.js';
import * as repo from './attachments.repository.js';

export type EngagementParentType = Exclude<AttachmentParentType, 'program' | 'event'>;

/** An incoming file: the multipart part's stream and the name the browser gave. */
export interface IncomingFile {
  stream: Readable;
  fileName: string;
}

const parentIdOf = (a: repo.AttachmentRow): string => {
  const id = { visit: a.visitId, finding: a.findingId, homework: a.homeworkId, report: a.reportId, program: a.programId, event: a.eventId }[
    a.parentType
  ];
  if (!id) throw new Error(`attachment ${a.id} has no ${a.parentType}`);
  return id;
};

/**
 * Who uploaded a file is named to the people who work with them, never to other municipalities:
 * observers of an engagement read the file without its uploader, and so does any municipality's
 * account reading the program's reference materials (the office's staff are not theirs to know).
 */
const namesUploader = (role: EngagementAccess['role']) => role !== 'observer';
const namesOfficeStaff = (ctx: ServiceContext) => ctx.actor.municipalityId === null;

const toAttachment = (r: repo.AttachmentWithFacts, withUploader: boolean): Attachment => ({
  id: r.attachment.id,
  parentType: r.attachment.parentType,
  parentId: parentIdOf(r.attachment),
  engagementId: r.attachment.engagementId,
  name: r.attachment.name,
  size: r.attachment.size,
  sha256: r.attachment.sha256,
  mediaType: r.attachment.mediaType,
  shareable: r.attachment.shareable,
  uploadedBy: withUploader && r.attachment.uploadedBy && r.uploaderName ? { id: r.attachment.uploadedBy, name: r.uploaderName } : null,
  createdAt: r.attachment.createdAt.toISOString(),
  version: r.attachment.version,
});

/** Whether the reader may see this engagement file: its parent's read rule, and for observers the shareable mark. */
function readable(access: EngagementAccess, r: repo.AttachmentWithFacts): boolean {
  if (access.role === 'observer' && !r.attachment.shareable) return false;
  switch (r.attachment.parentType) {
    case 'visit':
      return can(access, 'visit.read');
    case 'finding':
      return r.findingVisibility !== null && readableFindingVisibilities(access.role).includes(r.findingVisibility);
    case 'homework':
      return can(access, 'homework.read');
    case 'report':
      return can(access, 'report.read');
    case 'program':
    case 'event':
      return false;
  }
}

/**
 * The caller may write files on the parent: its write permission (visit.materials, finding.write with a
 * visibility the role writes, homework.write or the assignee's homework.complete, report.edit).
 * 404 when the engagement or the parent is not the caller's to see, 403 when the role may not write.
 */
async function authorizeParentWrite(
  ctx: ServiceContext,
  type: EngagementParentType,
  engagementId: string,
  parentId: string,
): Promise<{ access: EngagementAccess; parent: repo.ParentFacts }> {
  const notFound = () => new NotFound(type === 'homework' ? 'Homework' : type[0]!.toUpperCase() + type.slice(1));
  switch (type) {
    case 'visit': {
      const access = await authorize(ctx, engagementId, 'visit.materials');
      const parent = await repo.findParent(ctx.db, 'visit', engagementId, parentId);
      if (!parent) throw notFound();
      return { access, parent };
    }
    case 'finding': {
      const access = await authorize(ctx, engagementId, 'finding.write');
      const parent = await repo.findParent(ctx.db, 'finding', engagementId, parentId);
      if (!parent?.findingVisibility || !writableFindingVisibilities(access.role).includes(parent.findingVisibility)) throw notFound();
      return { access, parent };
    }
    case 'homework': {
      const access = await loadAccess(ctx.db, ctx.actor, engagementId, ctx.clock.today());
      if (!access) throw new NotFound('Engagement');
      if (!can(access, 'homework.write') && !can(access, 'homework.complete', { assigneeUserId: access.userId }))
        throw new Forbidden(`Your role (${access.role}) may not change homework`);
      const parent = await repo.findParent(ctx.db, 'homework', engagementId, parentId);
      if (!parent) throw notFound();
      if (!can(access, 'homework.write') && !can(access, 'homework.complete', { assigneeUserId: parent.assigneeUserId ?? null }))
        throw new Forbidden('Only the assignee may attach the result of this homework');
      return { access, parent };
    }
    case 'report': {
      const access = await authorize(ctx, engagementId, 'report.edit');
      const parent = await repo.findParent(ctx.db, 'report', engagementId, parentId);
      if (!parent) throw notFound();
      return { access, parent };
    }
  }
}

/** How much one upload may carry, and how much its scope (the engagement, or the program's reference materials) may hold. */
export interface UploadLimits {
  maxBytes: number;
  quotaBytes: number;
}

/** Inside the upload's transaction: 413 `attachment_quota_exceeded` when the file would pass its scope's quota. */
async function withinQuota(tx: Db, scope: { engagementId: string } | { programId: string }, size: number, quotaBytes: number) {
  const held = await repo.lockedBytes(tx, scope);
  if (held + size > quotaBytes)
    throw new ContentTooLarge('attachment_quota_exceeded', `The files here may hold at most ${quotaBytes} bytes together`, {
      quotaBytes,
      usedBytes: held,
    });
}

/** Stores the staged bytes, then runs `write` (the row and its audit); removes the object when `write` fails. */
async function storeThenWrite<T>(storage: FileStorage, id: string, staged: StagedFile, write: () => Promise<T>): Promise<T> {
  const key = attachmentKey(id);
  await storage.put(key, staged.path, staged);
  try {
    return await write();
  } catch (err) {
    await storage.delete(key).catch(() => undefined);
    throw err;
  } finally {
    await staged.discard();
  }
}

async function receive(file: () => Promise<IncomingFile | undefined>, maxBytes: number): Promise<StagedFile> {
  const incoming = await file();
  if (!incoming)
    throw new BadRequest('Send one file', [{ path: 'body.file', message: 'A multipart/form-data part named file is required' }]);
  return stageUpload(incoming.stream, { fileName: incoming.fileName, maxBytes });
}

// ── Engagement files ────────────────────────────────────────────────────────────────────────────

export async function listAttachments(ctx: ServiceContext, engagementId: string): Promise<Attachment[]> {
  const access = await authorize(ctx, engagementId, 'engagement.read');
  const rows = await repo.listOfEngagement(ctx.db, engagementId);
  return rows.filter((r) => readable(access, r)).map((r) => toAttachment(r, namesUploader(access.role)));
}

export async function uploadAttachment(
  ctx: ServiceContext,
  p: {
    storage: FileStorage;
    limits: UploadLimits;
    engagementId: string;
    parentType: EngagementParentType;
    parentId: string;
    shareable: boolean;
    /** Read only after the caller is authorized, so a refused upload is never stored. */
    file: () => Promise<IncomingFile | undefined>;
  },
): Promise<Attachment> {
  const { access, parent } = await authorizeParentWrite(ctx, p.parentType, p.engagementId, p.parentId);
  const staged = await receive(p.file, p.limits.maxBytes);
  const id = crypto.randomUUID();
  return storeThenWrite(p.storage, id, staged, () =>
    ctx.db.transaction(async (tx) => {
      await withinQuota(tx, { engagementId: p.engagementId }, staged.size, p.limits.quotaBytes);
      const row = await repo.insert(tx, {
        id,
        parentType: p.parentType,
        engagementId: p.engagementId,
        [`${p.parentType}Id`]: p.parentId,
        name: staged.name,
        size: staged.size,
        sha256: staged.sha256,
        mediaType: staged.mediaType,
        shareable: p.shareable,
        uploadedBy: ctx.actor.id,
      });
      const view = toAttachment({ attachment: row, uploaderName: ctx.actor.name, findingVisibility: null }, namesUploader(access.role));
      await recordAudit(tx, {
        actorId: ctx.actor.id,
        engagementId: p.engagementId,
        entity: 'attachment',
        entityId: id,
        action: 'create',
        after: view,
      });
      // 事前資料: materials posted to a visit still to come tell its team, members and (when shareable) observers.
      if (p.parentType === 'visit' && parent.visitStatus === 'planned')
        await enqueueNotification(ctx, tx, { kind: 'visit_materials_posted', visitId: p.parentId, attachmentId: id, by: ctx.actor.id });
      return view;
    }),
  );
}

/** The file the reader may read, or 404 (also for an observer and a file not marked shareable). */
async function readableAttachment(ctx: ServiceContext, engagementId: string, attachmentId: string) {
  const access = await authorize(ctx, engagementId, 'engagement.read');
  const row = await repo.findInEngagement(ctx.db, engagementId, attachmentId);
  if (!row || !readable(access, row)) throw new NotFound('Attachment');
  return { access, row };
}

export interface FileDownload {
  attachment: Attachment;
  stream: Readable;
}

async function open(storage: FileStorage, row: repo.AttachmentWithFacts, withUploader: boolean): Promise<FileDownload> {
  const stream = await storage.get(attachmentKey(row.attachment.id));
  if (!stream) throw new NotFound('Attachment content');
  return { attachment: toAttachment(row, withUploader), stream };
}

export async function downloadAttachment(
  ctx: ServiceContext,
  p: { storage: FileStorage; engagementId: string; attachmentId: string },
): Promise<FileDownload> {
  const { access, row } = await readableAttachment(ctx, p.engagementId, p.attachmentId);
  return open(p.storage, row, namesUploader(access.role));
}

/** What writes a file on some parent (visit.materials, finding.write, homework.write or .complete, report.edit). */
const parentWriteActions = ['visit.materials', 'finding.write', 'homework.write', 'homework.complete', 'report.edit'] as const;

/**
 * A writable file of the engagement: a role that writes no parent at all is refused first (403, whether
 * or not the file exists); then the file must be readable to the caller (else 404) and its parent
 * writable (403/404 as the parent's own rule says).
 */
async function writableAttachment(ctx: ServiceContext, engagementId: string, attachmentId: string) {
  const reader = await loadAccess(ctx.db, ctx.actor, engagementId, ctx.clock.today());
  if (!reader) throw new NotFound('Engagement');
  if (!parentWriteActions.some((action) => can(reader, action, { assigneeUserId: reader.userId })))
    throw new Forbidden(`Your role (${reader.role}) may not change files`);
  const row = await repo.findInEngagement(ctx.db, engagementId, attachmentId);
  if (!row || !readable(reader, row)) throw new NotFound('Attachment');
  const type = row.attachment.parentType;
  if (type === 'program' || type === 'event') throw new NotFound('Attachment');
  const { access } = await authorizeParentWrite(ctx, type, engagementId, parentIdOf(row.attachment));
  return { access, row };
}

export async function updateAttachment(
  ctx: ServiceContext,
  p: { engagementId: string; attachmentId: string; ifMatch: () => number; body: UpdateAttachmentBody },
): Promise<Attachment> {
  const { access, row } = await writableAttachment(ctx, p.engagementId, p.attachmentId);
  const version = p.ifMatch();
  const before = toAttachment(row, namesUploader(access.role));
  if (row.attachment.version !== version) throw new PreconditionFailed(before);
  return ctx.db.transaction(async (tx) => {
    const changes = { ...p.body, ...(p.body.name !== undefined ? { name: sanitizeFileName(p.body.name) } : {}) };
    const updated = await repo.update(tx, p.attachmentId, version, changes);
    if (!updated) throw new PreconditionFailed(before);
    const view = toAttachment({ ...row, attachment: updated }, namesUploader(access.role));
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      engagementId: p.engagementId,
      entity: 'attachment',
      entityId: p.attachmentId,
      action: 'update',
      before,
      after: view,
    });
    return view;
  });
}

export async function deleteAttachment(
  ctx: ServiceContext,
  p: { storage: FileStorage; engagementId: string; attachmentId: string; ifMatch: () => number },
): Promise<void> {
  const { access, row } = await writableAttachment(ctx, p.engagementId, p.attachmentId);
  await removeRow(ctx, p.storage, row, p.ifMatch(), p.engagementId, namesUploader(access.role));
}

async function removeRow(
  ctx: ServiceContext,
  storage: FileStorage,
  row: repo.AttachmentWithFacts,
  version: number,
  engagementId: string | null,
  withUploader: boolean,
) {
  const before = toAttachment(row, withUploader);
  if (row.attachment.version !== version) throw new PreconditionFailed(before);
  await ctx.db.transaction(async (tx) => {
    if ((await repo.remove(tx, row.attachment.id, version)) === 0) throw new PreconditionFailed(before);
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      engagementId,
      entity: 'attachment',
      entityId: row.attachment.id,
      action: 'delete',
      before,
    });
  });
  // After the commit: a rolled-back deletion keeps its bytes. A failure here leaves an unreferenced object, never a dangling row.
  await storage.delete(attachmentKey(row.attachment.id));
}

// ── Program reference materials (参考資料) ─────────────────────────────────────────────────────────

/** Everyone tied to the program's organizer reads them (as the case library); others find no program (404). */
async function requireReader(ctx: ServiceContext, programId: string) {
  if (!(await repo.programReadable(ctx.db, ctx.actor, programId, ctx.clock.today()))) throw new NotFound('Program');
}

export async function listReferenceMaterials(ctx: ServiceContext, programId: string): Promise<Attachment[]> {
  await requireReader(ctx, programId);
  return (await repo.listOfProgram(ctx.db, programId)).map((r) => toAttachment(r, namesOfficeStaff(ctx)));
}

/**
 * Stores a file of the program itself (a reference material, or a material of one of its events):
 * shareable with every reader of the program, counted in the program's quota, audited.
 */
function storeProgramFile(
  ctx: ServiceContext,
  p: {
    storage: FileStorage;
    limits: UploadLimits;
    programId: string;
    staged: StagedFile;
    parent: { parentType: 'program' } | { parentType: 'event'; eventId: string };
  },
): Promise<Attachment> {
  const { staged } = p;
  const id = crypto.randomUUID();
  return storeThenWrite(p.storage, id, staged, () =>
    ctx.db.transaction(async (tx) => {
      await withinQuota(tx, { programId: p.programId }, staged.size, p.limits.quotaBytes);
      const row = await repo.insert(tx, {
        id,
        ...p.parent,
        programId: p.programId,
        name: staged.name,
        size: staged.size,
        sha256: staged.sha256,
        mediaType: staged.mediaType,
        shareable: true,
        uploadedBy: ctx.actor.id,
      });
      const view = toAttachment({ attachment: row, uploaderName: ctx.actor.name, findingVisibility: null }, namesOfficeStaff(ctx));
      await recordAudit(tx, {
        actorId: ctx.actor.id,
        engagementId: null,
        entity: 'attachment',
        entityId: id,
        action: 'create',
        after: view,
      });
      return view;
    }),
  );
}

export async function uploadReferenceMaterial(
  ctx: ServiceContext,
  p: { storage: FileStorage; limits: UploadLimits; programId: string; file: () => Promise<IncomingFile | undefined> },
): Promise<Attachment> {
  await authorizeProgram(ctx, p.programId, 'reference.manage');
  const staged = await receive(p.file, p.limits.maxBytes);
  return storeProgramFile(ctx, { ...p, staged, parent: { parentType: 'program' } });
}

export async function downloadReferenceMaterial(
  ctx: ServiceContext,
  p: { storage: FileStorage; programId: string; materialId: string },
): Promise<FileDownload> {
  await requireReader(ctx, p.programId);
  const row = await repo.findInProgram(ctx.db, p.programId, p.materialId);
  if (!row) throw new NotFound('Reference material');
  return open(p.storage, row, namesOfficeStaff(ctx));
}

/** The program office renames a reference material (its title in the list; the bytes stay). */
export async function updateReferenceMaterial(
  ctx: ServiceContext,
  p: { programId: string; materialId: string; ifMatch: () => number; body: UpdateReferenceMaterialBody },
): Promise<Attachment> {
  await authorizeProgram(ctx, p.programId, 'reference.manage');
  const row = await repo.findInProgram(ctx.db, p.programId, p.materialId);
  if (!row) throw new NotFound('Reference material');
  const version = p.ifMatch();
  const before = toAttachment(row, namesOfficeStaff(ctx));
  if (row.attachment.version !== version) throw new PreconditionFailed(before);
  return ctx.db.transaction(async (tx) => {
    const updated = await repo.update(tx, p.materialId, version, { name: sanitizeFileName(p.body.name) });
    if (!updated) throw new PreconditionFailed(before);
    const view = toAttachment({ ...row, attachment: updated }, namesOfficeStaff(ctx));
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      engagementId: null,
      entity: 'attachment',
      entityId: p.materialId,
      action: 'update',
      before,
      after: view,
    });
    return view;
  });
}

export async function deleteReferenceMaterial(
  ctx: ServiceContext,
  p: { storage: FileStorage; programId: string; materialId: string; ifMatch: () => number },
): Promise<void> {
  await authorizeProgram(ctx, p.programId, 'reference.manage');
  const row = await repo.findInProgram(ctx.db, p.programId, p.materialId);
  if (!row) throw new NotFound('Reference material');
  await removeRow(ctx, p.storage, row, p.ifMatch(), null, namesOfficeStaff(ctx));
}

// ── Program event materials (イベント資料) ───────────────────────────────────────────────────────────

/** The event of the program, or 404 (an event of another program is not found either). */
async function requireEvent(ctx: ServiceContext, programId: string, eventId: string) {
  const event = await findEvent(ctx.db, programId, eventId);
  if (!event) throw new NotFound('Event');
  return event;
}

/** An event's materials, for the event's view (its readers are checked by the caller). */
export async function listEventMaterials(ctx: ServiceContext, eventId: string): Promise<Attachment[]> {
  return (await repo.listOfEvent(ctx.db, eventId)).map((r) => toAttachment(r, namesOfficeStaff(ctx)));
}

export async function uploadEventMaterial(
  ctx: ServiceContext,
  p: { storage: FileStorage; limits: UploadLimits; programId: string; eventId: string; file: () => Promise<IncomingFile | undefined> },
): Promise<Attachment> {
  await authorizeProgram(ctx, p.programId, 'program_event.manage');
  // The body is read (a JSON body refused with 415) before the event is looked up, as for the other uploads.
  const staged = await receive(p.file, p.limits.maxBytes);
  try {
    await requireEvent(ctx, p.programId, p.eventId);
  } catch (err) {
    await staged.discard();
    throw err;
  }
  return storeProgramFile(ctx, { ...p, staged, parent: { parentType: 'event', eventId: p.eventId } });
}

/** Everyone tied to the program's organizer reads an event's materials, as they read the event. */
export async function downloadEventMaterial(
  ctx: ServiceContext,
  p: { storage: FileStorage; programId: string; eventId: string; materialId: string },
): Promise<FileDownload> {
  await requireReader(ctx, p.programId);
  await requireEvent(ctx, p.programId, p.eventId);
  const row = await repo.findInEvent(ctx.db, p.eventId, p.materialId);
  if (!row) throw new NotFound('Event material');
  return open(p.storage, row, namesOfficeStaff(ctx));
}

export async function deleteEventMaterial(
  ctx: ServiceContext,
  p: { storage: FileStorage; programId: string; eventId: string; materialId: string; ifMatch: () => number },
): Promise<void> {
  await authorizeProgram(ctx, p.programId, 'program_event.manage');
  await requireEvent(ctx, p.programId, p.eventId);
  const row = await repo.findInEvent(ctx.db, p.eventId, p.materialId);
  if (!row) throw new NotFound('Event material');
  await removeRow(ctx, p.storage, row, p.ifMatch(), null, namesOfficeStaff(ctx));
}
