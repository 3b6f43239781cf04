import type { ExportFormat } from '@banso/shared';
import { and, count, eq, inArray, lt, sql } from 'drizzle-orm';
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

/**
 * An attempt of the queue takes the job: running, held by `holder` (the queue job and its retry count),
 * with the attempt counted. A job that is done, failed or gone gives nothing. A job still `running` was
 * held by an attempt the queue gave up on (its replica died): this attempt takes it over.
 */
export async function claimJob(db: Db, jobId: string, holder: string, now: Date) {
  const [row] = await db
    .update(exportJobs)
    .set({ status: 'running', startedAt: now, progress: 5, workerId: holder, attempts: sql`${exportJobs.attempts} + 1` })
    .where(and(eq(exportJobs.id, jobId), inArray(exportJobs.status, ['queued', 'running'])))
    .returning({ ...jobColumns, attempts: exportJobs.attempts });
  return row;
}

/** A replica shutting down hands its running job back (the attempt does not count); false if it was no longer its. */
export async function releaseJob(db: Db, jobId: string, holder: string): Promise<boolean> {
  const rows = await db
    .update(exportJobs)
    .set({ status: 'queued', progress: 0, startedAt: null, workerId: null, attempts: sql`greatest(${exportJobs.attempts} - 1, 0)` })
    .where(and(eq(exportJobs.id, jobId), eq(exportJobs.status, 'running'), eq(exportJobs.workerId, holder)))
    .returning({ id: exportJobs.id });
  return rows.length > 0;
}

/** Queued or running jobs of one user (the per-user export quota). */
export async function countActiveJobs(db: Db, requestedBy: string) {
  const [row] = await db
    .select({ n: count() })
    .from(exportJobs)
    .where(and(eq(exportJobs.requestedBy, requestedBy), inArray(exportJobs.status, ['queued', 'running'])));
  return row?.n ?? 0;
}

export async function setProgress(db: Db, jobId: string, holder: string, progress: number) {
  await db
    .update(exportJobs)
    .set({ progress: Math.max(0, Math.min(99, Math.round(progress))) })
    .where(and(eq(exportJobs.id, jobId), eq(exportJobs.status, 'running'), eq(exportJobs.workerId, holder)));
}

/** Stores the file, if the job is still this attempt's (a retried job belongs to whichever attempt took it next). */
export async function finishJob(
  db: Db,
  jobId: string,
  holder: string,
  file: { result: Buffer; fileName: string; contentType: string },
  now: Date,
) {
  await db
    .update(exportJobs)
    .set({
      status: 'done',
      progress: 100,
      result: file.result,
      size: file.result.byteLength,
      fileName: file.fileName,
      contentType: file.contentType,
      finishedAt: now,
      workerId: null,
    })
    .where(and(eq(exportJobs.id, jobId), eq(exportJobs.status, 'running'), eq(exportJobs.workerId, holder)));
}

export async function failJob(db: Db, jobId: string, holder: string, error: string, now: Date) {
  await db
    .update(exportJobs)
    .set({ status: 'failed', error: error.slice(0, 500), finishedAt: now, workerId: null })
    .where(and(eq(exportJobs.id, jobId), eq(exportJobs.status, 'running'), eq(exportJobs.workerId, holder)));
}

/** Finished jobs (and their files) are kept for a while only. */
export async function deleteFinishedJobs(db: Db, finishedBefore: Date) {
  await db.delete(exportJobs).where(and(inArray(exportJobs.status, ['done', 'failed']), lt(exportJobs.finishedAt, finishedBefore)));
}
