/**
 * Export jobs on the app's job queue (pg-boss, `app.jobs`; ADR 0004). The `export_jobs` row is what the
 * user sees (status, progress, the file); the queue decides who runs it and when:
 * - a request inserts the row and sends `exports.run` in the same transaction;
 * - any replica's worker takes it (at most EXPORT_CONCURRENCY at once per replica, one Chromium reused);
 * - pg-boss keeps a heartbeat while the handler runs; a replica killed mid-export stops beating, and the
 *   queue's supervisor fails the attempt and retries it on whichever replica polls next;
 * - each attempt is counted on the row; beyond EXPORT_MAX_ATTEMPTS the job fails with the reason;
 * - a replica that stops (SIGTERM) hands its running exports back at once: the row is queued again
 *   without counting the attempt and a fresh queue job is sent, in one transaction.
 * A render that throws or times out fails the export (no retry): retries are for dead workers.
 */
import { existsSync } from 'node:fs';
import type { ExportFormat } from '@banso/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import type { JobInfo, Jobs } from '../../../lib/jobs.js';
import { collectRecord } from '../facts.js';
import { reportHtml } from '../render/report-html.js';
import * as reports from '../reports.repository.js';
import { normalizeNarratives } from '../reports.service.js';
import * as repo from './exports.repository.js';
import { CHROMIUM_PATH, PdfPrinter } from './pdf.js';
import { renderPresentation } from './pptx.js';
import { renderWorkbook } from './xlsx.js';

export const EXPORT_JOB = 'exports.run';
export const EXPORT_PURGE_JOB = 'exports.purge';

export interface ExportJobData {
  exportId: string;
}

export interface ExportRunnerOptions {
  /** Exports this replica runs at once (default 1; 0 runs none here). */
  concurrency?: number;
  timeoutMs?: number;
  /** How long a finished job's file stays downloadable (default one day). */
  retentionMs?: number;
  chromiumPath?: string;
  /** The queue's heartbeat for a running export, seconds (default 30, at least 10). */
  heartbeatSeconds?: number;
  /** Attempts before a job whose workers keep dying fails (default 3). */
  maxAttempts?: number;
  /** Queued or running exports one user may have at once (default 10). */
  quotaPerUser?: number;
  /** Runs before each render (tests: a stand-in for a long PDF). */
  beforeRender?: (job: RenderJob, signal: AbortSignal) => Promise<void>;
}

export type RenderJob = Pick<NonNullable<Awaited<ReturnType<typeof repo.claimJob>>>, 'id' | 'engagementId' | 'reportId' | 'format'>;
type Log = Pick<FastifyBaseLogger, 'error' | 'warn' | 'info'>;

export interface ExportFile {
  result: Buffer;
  fileName: string;
  contentType: string;
}

/** What an exporter gets: the job, the database and clock, the PDF printer, a progress reporter and an abort signal. */
interface ExportContext {
  job: RenderJob;
  db: Db;
  clock: Clock;
  printer: PdfPrinter;
  progress(p: number): Promise<void>;
  signal: AbortSignal | undefined;
}
type Exporter = (ctx: ExportContext) => Promise<ExportFile>;

/** Characters that are not safe in a file name on common systems. */
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 120);

async function engagementRecord(ctx: ExportContext) {
  const record = await collectRecord(ctx.db, ctx.job.engagementId, { today: ctx.clock.today(), now: ctx.clock.now() });
  await ctx.progress(40);
  return record;
}

/** One exporter per format: adding a format to the shared enum fails the build until it has one. */
const exporters = {
  pdf: async (ctx) => {
    const { job } = ctx;
    if (!job.reportId) throw new Error('a PDF export needs a report');
    const row = await reports.getReport(ctx.db, job.engagementId, job.reportId);
    if (!row) throw new Error('report not found');
    await ctx.progress(20);
    const r = row.report;
    const html = reportHtml({
      title: r.title,
      status: r.status,
      versionNumber: r.versionNumber,
      publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
      facts: r.facts,
      narratives: normalizeNarratives(r.narratives),
    });
    await ctx.progress(40);
    const pdf = await ctx.printer.print(html, ctx.signal);
    await ctx.progress(95);
    return {
      result: pdf,
      fileName: safeName(
        `${r.facts.municipality.name}_${r.facts.fiscalYearLabel}_報告書_第${r.versionNumber}版${r.status === 'draft' ? '_下書き' : ''}.pdf`,
      ),
      contentType: 'application/pdf',
    };
  },
  xlsx: async (ctx) => {
    const record = await engagementRecord(ctx);
    const f = record.facts;
    const result = await renderWorkbook(record, `${f.fiscalYearLabel} ${f.municipality.name} ${f.engagement.theme}`);
    await ctx.progress(95);
    return {
      result,
      fileName: safeName(`${f.municipality.name}_${f.fiscalYearLabel}_伴走支援.xlsx`),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  },
  pptx: async (ctx) => {
    const f = (await engagementRecord(ctx)).facts;
    const result = await renderPresentation(f, `${f.fiscalYearLabel} ${f.municipality.name} 伴走型支援`);
    await ctx.progress(95);
    return {
      result,
      fileName: safeName(`${f.municipality.name}_${f.fiscalYearLabel}_ツリーとロードマップ.pptx`),
      contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    };
  },
} satisfies Record<ExportFormat, Exporter>;

class TimeoutError extends Error {}

export class ExportRunner {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retentionMs: number;
  readonly heartbeatSeconds: number;
  readonly maxAttempts: number;
  readonly quotaPerUser: number;
  readonly chromiumPath: string;
  private readonly printer: PdfPrinter;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Log,
    private readonly opts: ExportRunnerOptions = {},
  ) {
    this.concurrency = Math.max(0, Math.min(4, opts.concurrency ?? 1));
    this.timeoutMs = opts.timeoutMs ?? 90_000;
    this.retentionMs = opts.retentionMs ?? 24 * 3600_000;
    this.heartbeatSeconds = Math.max(10, opts.heartbeatSeconds ?? 30);
    this.maxAttempts = opts.maxAttempts ?? 3;
    this.quotaPerUser = opts.quotaPerUser ?? 10;
    this.chromiumPath = opts.chromiumPath ?? CHROMIUM_PATH;
    this.printer = new PdfPrinter(this.chromiumPath);
  }

  /** Whether this replica can make PDFs (Chromium is where CHROMIUM_PATH says). */
  pdfAvailable(): boolean {
    return existsSync(this.chromiumPath);
  }

  /**
   * Defines the queue's jobs (before the app is ready). pg-boss retries an attempt whose heartbeat or expiry
   * lapsed; one retry more than the attempts allowed, so the last one records the failure on the row.
   */
  define(jobs: Jobs): void {
    jobs.define<ExportJobData>(EXPORT_JOB, (data, job) => this.run(jobs, data.exportId, job), {
      concurrency: this.concurrency,
      retryLimit: this.maxAttempts,
      retryDelaySeconds: 0,
      retryBackoff: false,
      heartbeatSeconds: this.heartbeatSeconds,
      // The handler's own timeout fails the export first; the queue's expiry is the backstop for a hung handler.
      expireInSeconds: Math.ceil(this.timeoutMs / 1000) + 60,
    });
    jobs.define(
      EXPORT_PURGE_JOB,
      async () => {
        await repo.deleteFinishedJobs(this.db, new Date(this.clock.now().getTime() - this.retentionMs));
      },
      { cron: { expression: '17 * * * *' }, retryLimit: 1 },
    );
  }

  /** One attempt of one export, as the queue runs it. */
  private async run(jobs: Jobs, exportId: string, attempt: JobInfo): Promise<void> {
    if (jobs.stopping.aborted) {
      // Taken while the replica was already stopping: straight back.
      await this.handBack(jobs, exportId, null);
      return;
    }
    const holder = `${attempt.id}/${attempt.retryCount}`;
    const job = await repo.claimJob(this.db, exportId, holder, this.clock.now());
    if (!job) return; // finished, failed or purged meanwhile
    if (job.attempts > this.maxAttempts) {
      this.log.warn({ exportId, attempts: job.attempts - 1 }, 'export job failed: its workers kept stopping');
      await repo.failJob(
        this.db,
        exportId,
        holder,
        `the export was interrupted ${this.maxAttempts} times (its worker stopped)`,
        this.clock.now(),
      );
      return;
    }
    const controller = new AbortController();
    const abort = () => controller.abort();
    jobs.stopping.addEventListener('abort', abort, { once: true });
    attempt.signal.addEventListener('abort', abort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const stopped = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
        reject(new TimeoutError(`timed out after ${Math.round(this.timeoutMs / 1000)} s`));
      }, this.timeoutMs);
      controller.signal.addEventListener('abort', () => reject(new Error('the export was stopped')), { once: true });
    });
    stopped.catch(() => {});
    try {
      const file = await Promise.race([this.render(job, controller.signal, holder), stopped]);
      await repo.finishJob(this.db, job.id, holder, file, this.clock.now());
    } catch (err) {
      if (!timedOut && jobs.stopping.aborted) {
        await this.handBack(jobs, exportId, holder);
        return;
      }
      if (!timedOut && attempt.signal.aborted) return; // the queue gave up on this attempt and retries it
      const message = err instanceof TimeoutError ? err.message : this.failureMessage(job, err);
      this.log.error({ err, jobId: job.id, format: job.format }, 'export job failed');
      await repo.failJob(this.db, job.id, holder, message, this.clock.now());
    } finally {
      clearTimeout(timer);
      jobs.stopping.removeEventListener('abort', abort);
      attempt.signal.removeEventListener('abort', abort);
    }
  }

  /** Queues the export again without counting the attempt, with a fresh queue job (this one then completes). */
  private async handBack(jobs: Jobs, exportId: string, holder: string | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (holder && !(await repo.releaseJob(tx, exportId, holder))) return;
      await jobs.send<ExportJobData>(EXPORT_JOB, { exportId }, { db: tx });
    });
    this.log.info({ exportId }, 'export handed back to the queue (the replica is stopping)');
  }

  private failureMessage(job: RenderJob, _err: unknown): string {
    if (job.format === 'pdf' && !this.pdfAvailable()) return 'PDF export needs Chromium, which is not installed on the server';
    return 'the export could not be made';
  }

  /**
   * Prints one self-contained page now (the 報告会 pack, asked for by a GET), with this worker's
   * Chromium and under its timeout, so there is one PDF printer per process.
   */
  async printNow(html: string): Promise<Buffer> {
    return this.printer.print(html, AbortSignal.timeout(this.timeoutMs));
  }

  /** Makes the file of one job; public for tests that render without the queue. */
  async render(job: RenderJob, signal?: AbortSignal, holder?: string): Promise<ExportFile> {
    if (this.opts.beforeRender) await this.opts.beforeRender(job, signal ?? new AbortController().signal);
    signal?.throwIfAborted();
    const progress = async (p: number) => {
      if (holder) await repo.setProgress(this.db, job.id, holder, p);
    };
    return exporters[job.format]({ job, db: this.db, clock: this.clock, printer: this.printer, progress, signal });
  }

  /** Closes Chromium (the queue has stopped its workers by then). */
  async close(): Promise<void> {
    await this.printer.close();
  }
}
