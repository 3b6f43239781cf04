import type { ExportFormat } from '@banso/shared';
import { and, count, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
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
 * Atomically takes the oldest queued job for `workerId` with a lease until `leaseUntil` (any replica may run
 * it; SKIP LOCKED keeps two from taking the same) and counts the attempt.
 */
export async function claimNextJob(db: Db, workerId: string, now: Date, leaseUntil: Date) {
  const [row] = await db
    .update(exportJobs)
    .set({ status: 'running', startedAt: now, progress: 5, workerId, leaseUntil, attempts: sql`${exportJobs.attempts} + 1` })
    .where(
      and(
        eq(exportJobs.status, 'queued'),
        eq(
          exportJobs.id,
          sql`(select ${exportJobs.id} from ${exportJobs} where ${exportJobs.status} = 'queued' order by ${exportJobs.createdAt}, ${exportJobs.id} limit 1 for update skip locked)`,
        ),
      ),
    )
    .returning({ ...jobColumns, attempts: exportJobs.attempts });
  return row;
}

/** A live worker renews the leases of the jobs it runs. */
export async function renewLeases(db: Db, workerId: string, leaseUntil: Date) {
  await db
    .update(exportJobs)
    .set({ leaseUntil })
    .where(and(eq(exportJobs.status, 'running'), eq(exportJobs.workerId, workerId)));
}

/**
 * Jobs whose worker stopped renewing (killed, frozen, cut off) go back to the queue; those that have used
 * `maxAttempts` fail with the reason. Returns how many were re-queued and failed.
 */
export async function sweepExpiredLeases(db: Db, now: Date, maxAttempts: number) {
  const expired = and(eq(exportJobs.status, 'running'), or(lt(exportJobs.leaseUntil, now), isNull(exportJobs.leaseUntil)));
  const failed = await db
    .update(exportJobs)
    .set({
      status: 'failed',
      error: `the export was interrupted ${maxAttempts} times (its worker stopped)`,
      finishedAt: now,
      workerId: null,
      leaseUntil: null,
    })
    .where(and(expired, gte(exportJobs.attempts, maxAttempts)))
    .returning({ id: exportJobs.id });
  const requeued = await db
    .update(exportJobs)
    .set({ status: 'queued', progress: 0, startedAt: null, workerId: null, leaseUntil: null })
    .where(and(expired, lt(exportJobs.attempts, maxAttempts)))
    .returning({ id: exportJobs.id });
  return { requeued: requeued.length, failed: failed.length };
}

/** A worker shutting down hands its running jobs back (the attempt does not count). */
export async function releaseJobs(db: Db, workerId: string) {
  await db
    .update(exportJobs)
    .set({
      status: 'queued',
      progress: 0,
      startedAt: null,
      workerId: null,
      leaseUntil: null,
      attempts: sql`greatest(${exportJobs.attempts} - 1, 0)`,
    })
    .where(and(eq(exportJobs.status, 'running'), eq(exportJobs.workerId, workerId)));
}

/** Queued or running jobs of one user (the per-user export quota). */
export async function countActiveJobs(db: Db, requestedBy: string) {
  const [row] = await db
    .select({ n: count() })
    .from(exportJobs)
    .where(and(eq(exportJobs.requestedBy, requestedBy), inArray(exportJobs.status, ['queued', 'running'])));
  return row?.n ?? 0;
}

export async function setProgress(db: Db, jobId: string, workerId: string, progress: number) {
  await db
    .update(exportJobs)
    .set({ progress: Math.max(0, Math.min(99, Math.round(progress))) })
    .where(and(eq(exportJobs.id, jobId), eq(exportJobs.status, 'running'), eq(exportJobs.workerId, workerId)));
}

/** Stores the file, if the job is still this worker's (a swept job belongs to whoever took it next). */
export async function finishJob(
  db: Db,
  jobId: string,
  workerId: string,
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
      leaseUntil: null,
    })
    .where(and(eq(exportJobs.id, jobId), eq(exportJobs.status, 'running'), eq(exportJobs.workerId, workerId)));
}

export async function failJob(db: Db, jobId: string, workerId: string, error: string, now: Date) {
  await db
    .update(exportJobs)
    .set({ status: 'failed', error: error.slice(0, 500), finishedAt: now, workerId: null, leaseUntil: null })
    .where(and(eq(exportJobs.id, jobId), eq(exportJobs.status, 'running'), eq(exportJobs.workerId, workerId)));
}

/** Finished jobs (and their files) are kept for a while only. */
export async function deleteFinishedJobs(db: Db, finishedBefore: Date) {
  await db.delete(exportJobs).where(and(inArray(exportJobs.status, ['done', 'failed']), lt(exportJobs.finishedAt, finishedBefore)));
}
