/**
 * One process per embedded database. PGlite takes no lock on its directory: a second process that
 * opens the same DATA_DIR (a second `pnpm start`, `pnpm admin:create` beside the running server)
 * writes beside the first and leaves the directory unreadable — the next start dies with PGlite's
 * bare `RuntimeError: Aborted()` (electric-sql/pglite#1106, #884). So whoever opens DATA_DIR first
 * writes its process id to `<DATA_DIR>.lock` (beside the directory, so backups never carry it), and
 * every other opener fails at once, naming the holder. A lock whose process is gone (killed, power
 * cut) is taken over; so is one naming this very process (a container restarted as pid 1).
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export class DataDirLocked extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid}. Stop that process first ` +
        `(a second process on the same directory would corrupt it), or set DATA_DIR to another directory.`,
    );
  }
}

const lockFileOf = (dataDir: string) => `${path.resolve(dataDir)}.lock`;

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live process holding `dataDir`, or null when it is free (no lock, or a stale one). */
export function dataDirHolder(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(lockFileOf(dataDir), 'utf8').trim());
    return alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Takes `dataDir` for this process; throws DataDirLocked when a live process holds it. Returns the release. */
export function lockDataDir(dataDir: string): () => void {
  const file = lockFileOf(dataDir);
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; ; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const holder = dataDirHolder(dataDir);
      if (holder !== null) throw new DataDirLocked(dataDir, holder);
      // Stale: its process is gone. Removed, then taken with `wx` again, so two starters racing for it cannot both win.
      unlinkSync(file);
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return release;
}
