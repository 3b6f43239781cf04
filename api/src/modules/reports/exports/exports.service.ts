import type { CreateExportBody, ExportJob } from '@banso/shared';
import type { ServiceContext } from '../../../lib/context.js';
import { recordAudit } from '../../../lib/audit.js';
import { Conflict, NotFound, ServiceUnavailable, TooManyRequests } from '../../../lib/errors.js';
import { authorize } from '../../access/access.service.js';
import * as reports from '../reports.repository.js';
import { EXPORT_JOB, type ExportJobData, type ExportRunner } from './export-runner.js';
import * as repo from './exports.repository.js';

type JobRow = NonNullable<Awaited<ReturnType<typeof repo.getJob>>>;

function toJob(row: JobRow): ExportJob {
  return {
    id: row.id,
    engagementId: row.engagementId,
    reportId: row.reportId,
    format: row.format,
    status: row.status,
    progress: row.progress,
    error: row.error,
    fileName: row.fileName,
    size: row.size,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt ? row.startedAt.toISOString() : null,
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

/** Queues an export (the row and its queue job in one transaction); answers at once with the job. */
export async function createExport(
  ctx: ServiceContext,
  {
    runner,
    engagementId,
    body,
  }: {
    runner: ExportRunner;
    engagementId: string;
    body: CreateExportBody;
  },
): Promise<ExportJob> {
  const { db, actor, clock, jobs } = ctx;
  if (!jobs) throw new Error('exports need the job queue');
  await authorize(ctx, engagementId, 'export.read');
  if (body.format === 'pdf' || body.reportId) {
    if (!body.reportId || !(await reports.getReport(db, engagementId, body.reportId))) throw new NotFound('Report');
  }
  if (body.format === 'pdf' && !runner.pdfAvailable())
    throw new ServiceUnavailable(
      'pdf_unavailable',
      'PDF export needs Chromium, which is not installed on the server; Excel and PowerPoint work',
      3600,
    );
  // Quota: a user's exports wait in one shared queue; a few at a time each.
  if ((await repo.countActiveJobs(db, actor.id)) >= runner.quotaPerUser)
    throw new TooManyRequests(
      'export_quota',
      `At most ${runner.quotaPerUser} exports may wait or run at once; try again when one has finished`,
      30,
    );
  const job = await db.transaction(async (tx) => {
    const row = await repo.insertJob(tx, {
      engagementId,
      reportId: body.reportId ?? null,
      format: body.format,
      requestedBy: actor.id,
      createdAt: clock.now(),
    });
    await recordAudit(tx, {
      actorId: actor.id,
      engagementId,
      entity: 'export_job',
      entityId: row.id,
      action: 'create',
      after: { format: row.format, reportId: row.reportId },
    });
    await jobs.send<ExportJobData>(EXPORT_JOB, { exportId: row.id }, { db: tx });
    return row;
  });
  return toJob(job);
}

export async function getExport(ctx: ServiceContext, engagementId: string, jobId: string): Promise<ExportJob> {
  const { db, actor } = ctx;
  await authorize(ctx, engagementId, 'export.read');
  const row = await repo.getJob(db, engagementId, jobId, actor.id);
  if (!row) throw new NotFound('Export');
  return toJob(row);
}

export async function getExportFile(ctx: ServiceContext, engagementId: string, jobId: string) {
  const { db, actor } = ctx;
  await authorize(ctx, engagementId, 'export.read');
  const row = await repo.getJobFile(db, engagementId, jobId, actor.id);
  if (!row) throw new NotFound('Export');
  if (row.status !== 'done' || !row.result || !row.fileName || !row.contentType)
    throw new Conflict(
      'export_not_ready',
      row.status === 'failed' ? `The export failed: ${row.error ?? 'unknown error'}` : 'The export is not finished yet',
      {
        current: toJob(row),
      },
    );
  return { bytes: Buffer.from(row.result), fileName: row.fileName, contentType: row.contentType };
}
