/**
 * One time frame in a data directory (src/server-clock.ts): the command-line tools stamp what they write with the
 * clock of the server that owns the directory. The demo's server runs days ahead of real time; an `admin:create`
 * entry stamped in real time sat among the demo's entries at the wrong place in the audit log.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../src/app.js';
import { authedInject } from '../src/testing.js';
import { serverClockOf, writeServerClock } from '../src/server-clock.js';

const PKG = resolve(import.meta.dirname, '..');
const DAY = 86_400_000;

describe('the server clock of a data directory', () => {
  const dirs: string[] = [];
  const temp = (): string => { const d = mkdtempSync(join(tmpdir(), 'sl-clock-')); dirs.push(d); return d; };
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  it('runs on from the file while its process lives, from where it stopped once it is gone, and is real time without a file', () => {
    const dir = temp();
    let real = 1_000_000;
    const realNow = (): number => real;
    expect(serverClockOf(dir, realNow)()).toBe(real);
    writeServerClock(dir, { now: 5 * DAY, realAt: real, speed: 60, pid: process.pid });
    const running = serverClockOf(dir, realNow);
    real += 1000;
    expect(running()).toBe(5 * DAY + 60_000);
    // A process that no longer exists (pid 2^22 + 1 is above Linux's pid_max): the clock stopped where the file says.
    writeServerClock(dir, { now: 5 * DAY, realAt: real, speed: 60, pid: 4_194_305 });
    const stopped = serverClockOf(dir, realNow);
    real += 1000;
    expect(stopped()).toBe(5 * DAY + 1000);
  });

  it('admin:create stamps its audit entry, role and tenant with the server clock of the data directory', async () => {
    const dataDir = temp();
    // The demo's town is three days ahead of real time and running (this process stands for it).
    const ahead = Date.now() + 3 * DAY;
    writeServerClock(dataDir, { now: ahead, realAt: Date.now(), speed: 1, pid: process.pid });
    execFileSync(process.execPath, ['--conditions=@streetlight/source', '--import', 'tsx', 'src/admin-cli.ts', '--email', 'it@sarlat.fr', '--tenant', 'sarlat', '--data-dir', dataDir, '--password', 'lampadaire-2026!'], {
      cwd: PKG, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    });
    const after = Date.now() + 3 * DAY;
    const app = await build({ config: { dataDir, httpPort: 0, mqttPort: 0 }, logger: false, now: () => after });
    try {
      const inject = await authedInject(app);
      const audit = (await inject('/api/tenants/sarlat/audit')).json() as Array<{ at: string; actor: string }>;
      const cli = audit.find((e) => e.actor === 'cli');
      expect(cli, JSON.stringify(audit)).toBeDefined();
      const at = Date.parse(cli!.at);
      expect(at).toBeGreaterThanOrEqual(ahead);
      expect(at).toBeLessThanOrEqual(after);
    } finally {
      await app.close();
    }
  });
});
