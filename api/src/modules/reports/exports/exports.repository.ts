import type { ExportFormat } from '@banso/shared';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { exportJobs } from '../../../db/schema/index.js';

/** Every column but the file itself, so polling never loads the bytes. */
const jobColumns = {
  id: exportJobs.id,
  engagementId: exportJobs.engagementId,
  reportId: exportJobs.reportId,
  format: exportJobs.format,
  status: exportJobs.status,
  progress: exportJobs.progress,
  error: exportJobs.error,
  fileName: exportJobs.fileName,
  contentType: exportJobs.contentType,
  size: exportJobs.size,
  requestedBy: exportJobs.requestedBy,
  createdAt: exportJobs.createdAt,
  startedAt: exportJobs.startedAt,
  finishedAt: exportJobs.finishedAt,
};

export type ExportJobRow = Awaited<ReturnType<typeof getJob>> & {};

export async function insertJob(
  db: Db,
  values: { engagementId: string; reportId: string | null; format: ExportFormat; requestedBy: string; createdAt: Date },
) {
  const [row] = await db.insert(exportJobs).values(values).returning(jobColumns);
  if (!row) throw new Error('export job insert returned nothing');
  return row;
}

/** A job of the engagement requested by the user (others' jobs are not theirs to see). */
export async function getJob(db: Db, engagementId: string, jobId: string, requestedBy: string) {
  const [row] = await db
    .select(jobColumns)
    .from(exportJobs)
    .where(and(eq(exportJobs.id, jobId), eq(exportJobs.engagementId, engagementId), eq(exportJobs.requestedBy, requestedBy)))
    .limit(1);
  return row;
}

export async function getJobFile(db: Db, engagementId: string, jobId: string, requestedBy: string) {
  const [row] = await db
    .select({ ...jobColumns, result: exportJobs.result })
    .from(exportJobs)
    .where(and(eq(exportJobs.id, jobId), eq(exportJobs.engagementId, engagementId), eq(exportJobs.requestedBy, requestedBy)))
    .limit(1);
  return row;
}

/** Atomically takes the oldest queued job (any replica may run it; SKIP LOCKED keeps two from taking the same). */
export async function claimNextJob(db: Db, now: Date) {
  const [row] = await db
    .update(exportJobs)
    .set({ status: 'running', startedAt: now, progress: 5 })
    .where(
      and(
        eq(exportJobs.status, 'queued'),
        eq(
          exportJobs.id,
          sql`(select ${exportJobs.id} from ${exportJobs} where ${exportJobs.status} = 'queued' order by ${exportJobs.createdAt}, ${exportJobs.id} limit 1 for update skip locked)`,
        ),
      ),
    )
    .returning(jobColumns);
  return row;
}

/** Jobs left running by a process that stopped (started longer ago than `before`) are marked failed. */
export async function failStaleJobs(db: Db, before: Date, now: Date) {
  await db
    .update(exportJobs)
    .set({ status: 'failed', error: 'interrupted', finishedAt: now })
    .where(and(eq(exportJobs.status, 'running'), lt(exportJobs.startedAt, before)));
}

export async function setProgress(db: Db, jobId: string, progress: number) {
  await db
    .update(exportJobs)
    .set({ progress: Math.max(0, Math.min(99, Math.round(progress))) })
    .where(and(eq(exportJobs.id, jobId), eq(exportJobs.status, 'running')));
}

export async function finishJob(db: Db, jobId: string, file: { result: Buffer; fileName: string; contentType: string }, now: Date) {
  await db
    .update(exportJobs)
    .set({ status: 'done', progress: 100, result: file.result, size: file.result.byteLength, fileName: file.fileName, contentType: file.contentType, finishedAt: now })
    .where(and(eq(exportJobs.id, jobId), eq(exportJobs.status, 'running')));
}

export async function failJob(db: Db, jobId: string, error: string, now: Date) {
  await db
    .update(exportJobs)
    .set({ status: 'failed', error: error.slice(0, 500), finishedAt: now })
    .where(and(eq(exportJobs.id, jobId), eq(exportJobs.status, 'running')));
}

/** Finished jobs (and their files) are kept for a while only. */
export async function deleteFinishedJobs(db: Db, finishedBefore: Date) {
  await db.delete(exportJobs).where(and(inArray(exportJobs.status, ['done', 'failed']), lt(exportJobs.finishedAt, finishedBefore)));
}
