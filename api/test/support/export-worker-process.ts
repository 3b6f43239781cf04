/**
 * A worker process for the export tests: opens the database at DATABASE_URL and runs an ExportWorker whose
 * exports take SLOW_MS (a stand-in for a long PDF), printing `claimed <id>` when it has taken a job. SIGTERM
 * closes the worker (which hands its jobs back) and exits; SIGKILL leaves its lease to expire.
 */
import { openDatabase } from '../../src/db/client.js';
import { systemClock } from '../../src/lib/clock.js';
import { type ExportFile, ExportWorker } from '../../src/modules/reports/exports/export-worker.js';

const database = await openDatabase({ url: process.env.DATABASE_URL, poolSize: 3 });
const slowMs = Number(process.env.SLOW_MS ?? 60_000);
const log = {
  info: () => {},
  warn: () => {},
  error: (...args: unknown[]) => console.error(...args),
};

class SlowWorker extends ExportWorker {
  override async render(job: Parameters<ExportWorker['render']>[0], signal?: AbortSignal): Promise<ExportFile> {
    console.log(`claimed ${job.id}`);
    await new Promise((resolve) => {
      const t = setTimeout(resolve, slowMs);
      signal?.addEventListener('abort', () => {
        clearTimeout(t);
        resolve(undefined);
      });
    });
    return super.render(job, signal);
  }
}

const worker = new SlowWorker(database.db, systemClock, log as never, {
  leaseMs: Number(process.env.EXPORT_LEASE_MS ?? 1_500),
  pollIntervalMs: Number(process.env.EXPORT_POLL_INTERVAL_MS ?? 200),
});
process.once('SIGTERM', () => {
  void worker
    .close()
    .then(() => database.close())
    .then(() => {
      console.log('closed');
      process.exit(0);
    });
});
worker.start();
console.log('ready');
