/**
 * Runs export jobs in the API process without blocking requests: jobs wait in `export_jobs`, at most
 * `concurrency` run at a time, each under a timeout. Any replica may take any queued job (claimed
 * atomically), so the worker keeps nothing in memory that another process would need.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import { collectRecord } from '../facts.js';
import { reportHtml } from '../render/report-html.js';
import * as reports from '../reports.repository.js';
import { normalizeNarratives } from '../reports.service.js';
import * as repo from './exports.repository.js';
import { PdfPrinter } from './pdf.js';
import { renderPresentation } from './pptx.js';
import { renderWorkbook } from './xlsx.js';

export interface ExportWorkerOptions {
  concurrency?: number;
  timeoutMs?: number;
  /** How long a finished job's file stays downloadable (default one day). */
  retentionMs?: number;
  chromiumPath?: string;
}

type Job = NonNullable<Awaited<ReturnType<typeof repo.claimNextJob>>>;

export interface ExportFile {
  result: Buffer;
  fileName: string;
  contentType: string;
}

const contentTypes = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
} as const;

/** Characters that are not safe in a file name on common systems. */
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 120);

class TimeoutError extends Error {}

export class ExportWorker {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retentionMs: number;
  private readonly printer: PdfPrinter;
  private running = 0;
  private closed = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
    opts: ExportWorkerOptions = {},
  ) {
    this.concurrency = Math.max(1, Math.min(2, opts.concurrency ?? 1));
    this.timeoutMs = opts.timeoutMs ?? 90_000;
    this.retentionMs = opts.retentionMs ?? 24 * 3600_000;
    this.printer = new PdfPrinter(opts.chromiumPath);
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
    const now = this.clock.now();
    await repo.failStaleJobs(this.db, new Date(now.getTime() - this.timeoutMs * 2), now);
    await repo.deleteFinishedJobs(this.db, new Date(now.getTime() - this.retentionMs));
    while (!this.closed) {
      const job = await repo.claimNextJob(this.db, this.clock.now());
      if (!job) return;
      await this.run(job);
    }
  }

  private async run(job: Job): Promise<void> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new TimeoutError(`timed out after ${Math.round(this.timeoutMs / 1000)} s`));
      }, this.timeoutMs);
    });
    try {
      const file = await Promise.race([this.render(job, controller.signal), timeout]);
      await repo.finishJob(this.db, job.id, file, this.clock.now());
    } catch (err) {
      const message = err instanceof TimeoutError ? err.message : 'the export could not be made';
      this.log.error({ err, jobId: job.id, format: job.format }, 'export job failed');
      await repo.failJob(this.db, job.id, message, this.clock.now()).catch(() => {});
    } finally {
      clearTimeout(timer);
    }
  }

  /** Makes the file of one job; public for tests that render without the queue. */
  async render(job: Pick<Job, 'id' | 'engagementId' | 'reportId' | 'format'>, signal?: AbortSignal): Promise<ExportFile> {
    const progress = (p: number) => repo.setProgress(this.db, job.id, p);
    if (job.format === 'pdf') {
      if (!job.reportId) throw new Error('a PDF export needs a report');
      const row = await reports.getReport(this.db, job.engagementId, job.reportId);
      if (!row) throw new Error('report not found');
      await progress(20);
      const r = row.report;
      const html = reportHtml({
        title: r.title,
        status: r.status,
        versionNumber: r.versionNumber,
        publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
        facts: r.facts,
        narratives: normalizeNarratives(r.narratives),
      });
      await progress(40);
      const pdf = await this.printer.print(html, signal);
      await progress(95);
      return {
        result: pdf,
        fileName: safeName(`${r.facts.municipality.name}_${r.facts.fiscalYearLabel}_報告書_第${r.versionNumber}版${r.status === 'draft' ? '_下書き' : ''}.pdf`),
        contentType: contentTypes.pdf,
      };
    }
    const record = await collectRecord(this.db, job.engagementId, { today: this.clock.today(), now: this.clock.now() });
    await progress(40);
    const f = record.facts;
    const title = `${f.fiscalYearLabel} ${f.municipality.name} ${f.engagement.theme}`;
    if (job.format === 'xlsx') {
      const result = await renderWorkbook(record, title);
      await progress(95);
      return { result, fileName: safeName(`${f.municipality.name}_${f.fiscalYearLabel}_伴走支援.xlsx`), contentType: contentTypes.xlsx };
    }
    const result = await renderPresentation(f, `${f.fiscalYearLabel} ${f.municipality.name} 伴走型支援`);
    await progress(95);
    return { result, fileName: safeName(`${f.municipality.name}_${f.fiscalYearLabel}_ツリーとロードマップ.pptx`), contentType: contentTypes.pptx };
  }

  /** Stops taking jobs, waits for the running ones (bounded), and closes Chromium. */
  async close(graceMs = 10_000): Promise<void> {
    this.closed = true;
    const pending = [...this.inFlight];
    if (pending.length > 0) await Promise.race([Promise.allSettled(pending), new Promise((r) => setTimeout(r, graceMs).unref())]);
    await this.printer.close();
  }
}
