/**
 * Runs export jobs in the API process without blocking requests: jobs wait in `export_jobs`, at most
 * `concurrency` run at a time, each under a timeout. Any replica may take any queued job (claimed
 * atomically with a lease), so the worker keeps nothing in memory that another process would need:
 * - a live worker renews the leases of its jobs (every third of the lease);
 * - at start and every poll interval, every worker re-queues the jobs whose lease expired (their worker
 *   died), failing those that have used up their attempts, and then takes queued jobs;
 * - closing (SIGTERM) hands the running jobs back to the queue for another replica.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import type { ExportFormat } from '@banso/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import { collectRecord } from '../facts.js';
import { reportHtml } from '../render/report-html.js';
import * as reports from '../reports.repository.js';
import { normalizeNarratives } from '../reports.service.js';
import * as repo from './exports.repository.js';
import { CHROMIUM_PATH, PdfPrinter } from './pdf.js';
import { renderPresentation } from './pptx.js';
import { renderWorkbook } from './xlsx.js';

export interface ExportWorkerOptions {
  concurrency?: number;
  timeoutMs?: number;
  /** How long a finished job's file stays downloadable (default one day). */
  retentionMs?: number;
  chromiumPath?: string;
  /** A running job's lease (default 30 s); renewed every third of it. */
  leaseMs?: number;
  /** How often to sweep expired leases and look for queued jobs (default 5 s). */
  pollIntervalMs?: number;
  /** Attempts before a job whose workers keep dying fails (default 3). */
  maxAttempts?: number;
  /** Queued or running exports one user may have at once (default 10). */
  quotaPerUser?: number;
}

type Job = NonNullable<Awaited<ReturnType<typeof repo.claimNextJob>>>;
type RenderJob = Pick<Job, 'id' | 'engagementId' | 'reportId' | 'format'>;
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
class ClosingError extends Error {}

export class ExportWorker {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retentionMs: number;
  readonly leaseMs: number;
  readonly pollIntervalMs: number;
  readonly maxAttempts: number;
  readonly quotaPerUser: number;
  readonly chromiumPath: string;
  /** Unique per worker: leases name their holder. */
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly printer: PdfPrinter;
  private running = 0;
  private closed = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly aborts = new Set<AbortController>();
  private pollTimer: NodeJS.Timeout | undefined;
  private leaseTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Log,
    opts: ExportWorkerOptions = {},
  ) {
    this.concurrency = Math.max(1, Math.min(4, opts.concurrency ?? 1));
    this.timeoutMs = opts.timeoutMs ?? 90_000;
    this.retentionMs = opts.retentionMs ?? 24 * 3600_000;
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.pollIntervalMs = opts.pollIntervalMs ?? 5_000;
    this.maxAttempts = opts.maxAttempts ?? 3;
    this.quotaPerUser = opts.quotaPerUser ?? 10;
    this.chromiumPath = opts.chromiumPath ?? CHROMIUM_PATH;
    this.printer = new PdfPrinter(this.chromiumPath);
  }

  /** Whether this worker can make PDFs (Chromium is where CHROMIUM_PATH says). */
  pdfAvailable(): boolean {
    return existsSync(this.chromiumPath);
  }

  /** Sweeps once and takes queued jobs now, then every poll interval; renews leases while jobs run. */
  start(): void {
    if (this.closed || this.pollTimer) return;
    this.pollTimer = setInterval(() => this.kick(), this.pollIntervalMs);
    this.pollTimer.unref();
    this.leaseTimer = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.leaseMs / 3)));
    this.leaseTimer.unref();
    this.kick();
  }

  private async renew(): Promise<void> {
    if (this.running === 0) return;
    await repo
      .renewLeases(this.db, this.id, new Date(this.clock.now().getTime() + this.leaseMs))
      .catch((err: unknown) => this.log.warn({ err }, 'renewing export leases failed'));
  }

  /** Re-queues what dead workers held; returns the counts. */
  async sweep(): Promise<{ requeued: number; failed: number }> {
    const result = await repo.sweepExpiredLeases(this.db, this.clock.now(), this.maxAttempts);
    if (result.requeued + result.failed > 0) this.log.warn(result, 'export jobs of a stopped worker swept');
    return result;
  }

  /** Starts workers for queued jobs, up to the concurrency limit. Never throws, never waits for the job. */
  kick(): void {
    while (!this.closed && this.running < this.concurrency) {
      this.running += 1;
      const loop = this.drain()
        .catch((err: unknown) => this.log.error({ err }, 'export worker loop failed'))
        .finally(() => {
          this.running -= 1;
          this.inFlight.delete(loop);
        });
      this.inFlight.add(loop);
    }
  }

  private async drain(): Promise<void> {
    // Let the request that queued the job answer first.
    await new Promise((r) => setImmediate(r));
    if (this.closed) return;
    await this.sweep();
    await repo.deleteFinishedJobs(this.db, new Date(this.clock.now().getTime() - this.retentionMs));
    while (!this.closed) {
      const now = this.clock.now();
      const job = await repo.claimNextJob(this.db, this.id, now, new Date(now.getTime() + this.leaseMs));
      if (!job) return;
      await this.run(job);
    }
  }

  private async run(job: Job): Promise<void> {
    const controller = new AbortController();
    this.aborts.add(controller);
    let timer: NodeJS.Timeout | undefined;
    const stopped = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new TimeoutError(`timed out after ${Math.round(this.timeoutMs / 1000)} s`));
      }, this.timeoutMs);
      controller.signal.addEventListener('abort', () => reject(new ClosingError('the worker is shutting down')), { once: true });
    });
    stopped.catch(() => {});
    try {
      const file = await Promise.race([this.render(job, controller.signal), stopped]);
      await repo.finishJob(this.db, job.id, this.id, file, this.clock.now());
    } catch (err) {
      if (this.closed && !(err instanceof TimeoutError)) return; // handed back to the queue by close()
      const message = err instanceof TimeoutError ? err.message : this.failureMessage(job, err);
      this.log.error({ err, jobId: job.id, format: job.format }, 'export job failed');
      await repo.failJob(this.db, job.id, this.id, message, this.clock.now()).catch(() => {});
    } finally {
      clearTimeout(timer);
      this.aborts.delete(controller);
    }
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
    const controller = new AbortController();
    this.aborts.add(controller);
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      return await this.printer.print(html, controller.signal);
    } finally {
      clearTimeout(timer);
      this.aborts.delete(controller);
    }
  }

  /** Makes the file of one job; public for tests that render without the queue. */
  async render(job: RenderJob, signal?: AbortSignal): Promise<ExportFile> {
    const progress = (p: number) => repo.setProgress(this.db, job.id, this.id, p);
    return exporters[job.format]({ job, db: this.db, clock: this.clock, printer: this.printer, progress, signal });
  }

  /** Stops taking jobs, hands the running ones back to the queue, and closes Chromium. */
  async close(graceMs = 5_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pollTimer);
    clearInterval(this.leaseTimer);
    for (const c of this.aborts) c.abort();
    await repo.releaseJobs(this.db, this.id).catch((err: unknown) => this.log.error({ err }, 'handing export jobs back failed'));
    const pending = [...this.inFlight];
    if (pending.length > 0) await Promise.race([Promise.allSettled(pending), new Promise((r) => setTimeout(r, graceMs).unref())]);
    await this.printer.close();
  }
}
