/**
 * The clock of a data directory. A server whose clock is not the real one — the demo's town runs 60× faster than
 * real time (`build({ now })`) — writes it to `<DATA_DIR>/clock.json`, so that the command-line tools opening the
 * same database (`admin:create`, `device provision`) stamp what they write (audit entries, roles, tenants, key
 * generations) in the server's time frame. Stamped in real time, an `admin:create` entry landed days before the
 * demo's own entries in the audit log, whose order and dates then made no sense.
 *
 * The file says where the server clock stood at a real instant and how fast it runs while its process lives: a tool
 * reads the clock as the server would now (the process still running), or from where it stopped (the process gone —
 * stopped, or killed before it could say so). No file: the real clock, as on any installation.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVER_CLOCK_FILE = 'clock.json';

export interface ServerClockState {
  /** The server clock (ms since the epoch) at `realAt`. */
  now: number;
  /** The real clock (ms) when `now` was read. */
  realAt: number;
  /** Server-clock seconds per real second while the process runs (0: stopped). */
  speed: number;
  /** The process whose clock it is, while it runs; absent once it stopped. */
  pid?: number;
}

/** Writes the clock of `dataDir` (atomically: a reader never sees half a file). */
export function writeServerClock(dataDir: string, s: ServerClockState): void {
  const file = join(dataDir, SERVER_CLOCK_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify({ ...s, iso: new Date(s.now).toISOString() }));
  renameSync(`${file}.tmp`, file);
}

/** What `dataDir`'s clock file says, or undefined (no file, or not one this module wrote). */
export function readServerClock(dataDir: string): ServerClockState | undefined {
  const file = join(dataDir, SERVER_CLOCK_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<ServerClockState>;
    if (typeof s.now !== 'number' || !Number.isFinite(s.now)) return undefined;
    return { now: s.now, realAt: typeof s.realAt === 'number' ? s.realAt : Date.now(), speed: typeof s.speed === 'number' ? s.speed : 0, ...(typeof s.pid === 'number' ? { pid: s.pid } : {}) };
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM'; }
}

/**
 * The clock a tool working on `dataDir` should stamp with: the server's as its clock file says (running on from
 * `realAt` at `speed` while its process lives), else `Date.now`.
 */
export function serverClockOf(dataDir: string, realNow: () => number = Date.now): () => number {
  const s = readServerClock(dataDir);
  if (!s) return realNow;
  if (s.pid !== undefined && s.speed > 0 && alive(s.pid)) return () => s.now + (realNow() - s.realAt) * s.speed;
  // Stopped: from where it stopped, at real speed for the tool's own run (its entries keep their order).
  const t0 = realNow();
  return () => s.now + (realNow() - t0);
}
