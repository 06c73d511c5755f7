/**
 * Every command the documentation shows works exactly as written (DEVELOPERS standard: `run admin:create -- …`
 * once broke on pnpm 10 and nothing noticed; `bench:plans` once failed on a fresh clone).
 *
 * The commands are read from every tracked Markdown file: each line of a ```sh block (comments dropped, `\`
 * continuations joined) and each inline code span that starts like a command (`npx …`, `node …`, `pnpm …`,
 * `mcconfig …`, `VAR=value npx …`). Each one is, in the table below, either
 *  - run here, by the shell, as written: from the repository root, with the environment a user would set around
 *    it: a temporary DATA_DIR, free ports through HTTP_PORT / MQTT_PORT (so nothing here takes a fixed port), and
 *    for benchmarks a small size through their documented variables and BENCH_RESULTS_DIR (the committed figures
 *    in bench/results/ stay untouched);
 *  - run by another test, named (the test file must exist and name what it runs);
 *  - or not runnable on this machine, with the reason (flashing an ESP32 over USB).
 * A command in a document that the table does not know fails the suite, naming the file and line; so does a
 * `pnpm …` command (pnpm is not installed on a fresh machine: `npx -y pnpm@10 …`) and a pnpm script that does not
 * exist where the command runs it.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { holdSharedResource } from '@streetlight/fleet-server/testing';
import { freePort } from '../lib/fleet-processes.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MACHINE_MQTT = 'mqtt://127.0.0.1:1883';

// ---- the commands the documents show ------------------------------------------------------------------------

interface Shown { file: string; line: number; command: string }

const COMMAND = /^(?:[A-Z_]+=\S+\s+)*(?:npx|pnpm|node|bash|mcconfig|python3?|esptool\.py|cd)\s+\S/;

function shownCommands(): Shown[] {
  const files = execFileSync('git', ['ls-files', '*.md'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter((f) => f && !f.includes('node_modules'));
  const out: Shown[] = [];
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const lineOf = (index: number): number => text.slice(0, index).split('\n').length;
    // Shell blocks, line by line.
    for (const block of text.matchAll(/^```(?:sh|bash|shell|console)[ \t]*\n([\s\S]*?)^```/gm)) {
      const first = lineOf(block.index) + 1;
      let pending = '';
      block[1]!.split('\n').forEach((raw, i) => {
        const line = raw.replace(/(^|\s)#.*$/, '').trim();
        if (line.endsWith('\\')) { pending += `${line.slice(0, -1).trim()} `; return; }
        const command = (pending + line).trim();
        pending = '';
        if (command) out.push({ file, line: first + i, command });
      });
    }
    // Inline code outside the blocks (a span may wrap onto the next line).
    const prose = text.replace(/^```[\s\S]*?^```/gm, (b) => b.replace(/[^\n]/g, ' '));
    for (const span of prose.matchAll(/`([^`\n]+(?:\n[^`\n]+)?)`/g)) {
      const command = span[1]!.replace(/\s+/g, ' ').trim();
      if (COMMAND.test(command) && !command.includes('…')) out.push({ file, line: lineOf(span.index), command });
    }
  }
  return out;
}

// ---- how each one is checked --------------------------------------------------------------------------------

type How =
  | { run: string }                    // the name of the `it` below that runs it
  | { by: string; names: string }      // a test file that runs it, and the text that file holds to show it does
  | { not: string };                   // why it cannot run on this machine

const FLEET = 'npx -y pnpm@10 --filter @streetlight/fleet-server';
const HOW: Record<string, How> = {
  // The two commands of a fresh machine.
  'npx -y pnpm@10 install && npx -y pnpm@10 demo': { run: 'the demo' },
  'npx -y pnpm@10 install --frozen-lockfile && npx -y pnpm@10 test': { by: '.ci/run', names: "TEST_CMD='npx -y pnpm@10 install --frozen-lockfile && npx -y pnpm@10 test'" },
  'npx -y pnpm@10 test': { by: '.ci/run', names: 'npx -y pnpm@10 test' },
  'npx -y pnpm@10 install': { by: '.ci/run', names: 'npx -y pnpm@10 install' },
  'bash .ci/run': { not: 'it is CI itself: it runs this suite' },
  'npx -y pnpm@10 demo': { run: 'the demo' },
  'npx -y pnpm@10 demo --speed 600 --boards 40': { run: 'the demo' },
  'npx -y pnpm@10 check': { by: 'package.json', names: '"test": "pnpm run check && vitest run"' },
  'npx -y pnpm@10 gen': { by: 'package.json', names: '"check": "pnpm run typecheck && pnpm run lint && pnpm run gen:check' },
  'npx -y pnpm@10 gen:check': { by: 'package.json', names: 'pnpm run gen:check' },
  'npx -y pnpm@10 --filter @streetlight/protocol run vectors': { by: 'protocol/test/vectors.test.ts', names: 'VECTORS' },
  'npx -y pnpm@10 build:device': { by: 'package.json', names: '"check:device": "node --conditions=@streetlight/source --import tsx firmware/scripts/device-build.ts' },
  'npx -y pnpm@10 build:devhost': { by: 'tests/vitest.config.ts', names: 'devhost-setup.ts' },
  'npx -y pnpm@10 test:chaos': { run: 'the chaos month, small' },
  // vitest projects, type-check and lint: what `npx -y pnpm@10 test` runs, with the same configurations.
  'npx vitest run --project firmware': { by: 'vitest.config.ts', names: "'firmware'" },
  'npx vitest run --project fleet-server': { by: 'vitest.config.ts', names: "'fleet-server'" },
  'npx vitest run --project protocol': { by: 'vitest.config.ts', names: "'protocol'" },
  'npx vitest run --project hardware-sim': { by: 'vitest.config.ts', names: "'hardware-sim'" },
  'npx vitest run --project tests': { by: 'vitest.config.ts', names: "'tests'" },
  'npx vitest run --project tests scenarios': { by: 'tests/vitest.config.ts', names: "'scenarios/**/*.test.ts'" },
  'npx tsc -p firmware/tsconfig.json': { by: 'firmware/package.json', names: '"typecheck": "tsc -p tsconfig.json' },
  'npx tsc -p hardware-sim/tsconfig.json': { by: 'hardware-sim/package.json', names: '"typecheck": "tsc -p tsconfig.json"' },
  'npx eslint hardware-sim': { by: 'package.json', names: '"lint": "eslint ."' },
  // The fleet server's commands.
  [`${FLEET} start`]: { run: 'the fleet server, embedded broker and SQLite' },
  [`${FLEET} start -- --mqtt-url mqtt://127.0.0.1:1883`]: { run: "the fleet server on the machine's Mosquitto" },
  [`DATABASE_URL=postgres://postgres@127.0.0.1:5432/fleet ${FLEET} start`]: { run: 'the fleet server on PostgreSQL' },
  [`${FLEET} run admin:create -- --email admin@sarlat.fr --tenant sarlat --tenant-name "Sarlat-la-Canéda"`]: { run: 'admin:create' },
  [`${FLEET} run admin:create -- --email admin@sarlat.fr --tenant sarlat`]: { run: 'admin:create' },
  [`${FLEET} run admin:create -- --email it@sde24.fr --tenant '*'`]: { run: 'admin:create' },
  [`${FLEET} run admin:create -- --email chef@sde24.fr --tenant sde24 --kind syndicate --tenant-name "SDE 24"`]: { run: 'admin:create' },
  [`${FLEET} run ota:keygen -- --out "$OTA_SIGNING_KEY"`]: { run: 'ota:keygen' },
  [`${FLEET} run build:ui`]: { run: 'build:ui' },
  [`${FLEET} run passwords:generate`]: { by: 'fleet-server/test/password-policy.test.ts', names: 'commonPasswordList' },
  [`${FLEET} run db:generate`]: { run: 'db:generate' },
  [`${FLEET} run device provision --tenant sarlat --device SRL-0001 --model SL-ESP32 --broker mqtt://127.0.0.1:1884 --out ./SRL-0001.identity`]: { by: 'fleet-server/test/device-cli.test.ts', names: 'Device identities' },
  [`${FLEET} run device revoke --device SRL-0001`]: { by: 'fleet-server/test/device-cli.test.ts', names: 'Device identities' },
  [`MQTT_USERNAME=fleet MQTT_PASSWORD=change-me ${FLEET} run device broker-config --out ./mosquitto --listener 127.0.0.1:1883`]: { by: 'fleet-server/test/device-cli.test.ts', names: 'Device identities' },
  // The firmware.
  'npx -y pnpm@10 --filter @streetlight/firmware build': { run: 'the firmware build' },
  'cd firmware': { not: 'the first step of flashing an ESP32 (below)' },
  'mcconfig -d -m -p esp32/nodemcu manifest.json ssid="<wifi>" password="<key>"': { not: 'flashes an ESP32 over USB with ESP-IDF; the same manifest is built through xsl by check:device' },
  'mcconfig -m -p esp32/<board> firmware/manifest.json': { not: 'flashes an ESP32 over USB with ESP-IDF' },
  'mcconfig -m -p esp32 manifest.json': { not: 'flashes an ESP32 over USB with ESP-IDF' },
  'python $IDF_PATH/components/nvs_flash/nvs_partition_generator/nvs_partition_gen.py generate SRL-0001.identity.csv nvs.bin 0x6000': { not: "ESP-IDF's NVS tool, for a board on USB; the CSV it reads is checked by device-cli.test.ts" },
  'esptool.py --chip esp32 write_flash 0x9000 nvs.bin': { not: 'writes a board on USB' },
  // The simulator.
  'node --expose-gc --conditions=@streetlight/source --import tsx hardware-sim/scripts/measure-memory.ts 1000': { run: 'measure-memory' },
  'node --expose-gc --conditions=@streetlight/source --import tsx hardware-sim/scripts/measure-memory.ts 1000 --mqtt 127.0.0.1:1883': { run: 'measure-memory' },
  // Benchmarks: run small (their sizes are documented variables), each must pass its own checks.
  'npx -y pnpm@10 bench:firmware': { run: 'bench:firmware' },
  'npx -y pnpm@10 bench:plans': { run: 'bench:plans' },
  'npx -y pnpm@10 bench:ingest': { run: 'bench:ingest' },
  'npx -y pnpm@10 bench:api': { run: 'bench:api' },
  'npx -y pnpm@10 bench:reconnect': { run: 'bench:reconnect' },
  'npx -y pnpm@10 bench:sim': { run: 'bench:sim' },
  'npx -y pnpm@10 bench:ota': { run: 'bench:ota' },
  'npx -y pnpm@10 bench:ui-map': { run: 'bench:ui-map' },
};

/** The pnpm script a command runs, and the package.json that must have it. */
function pnpmScript(command: string): { pkgDir: string; script: string } | undefined {
  const m = /npx -y pnpm@10 (?:--filter (\S+) )?(?:run )?([\w:-]+)/.exec(command);
  if (!m) return undefined;
  const [, filter, script] = m;
  if (['install', 'exec', 'dlx'].includes(script!)) return undefined;
  const pkgDir = filter ? filter.replace('@streetlight/', '') : '.';
  return { pkgDir, script: script! };
}

describe('the commands the documentation shows', () => {
  const shown = shownCommands();

  it('are all known: run here, run by a named test, or named as not runnable on this machine', () => {
    expect(shown.length).toBeGreaterThan(40);
    const unknown = shown.filter((s) => !(s.command in HOW)).map((s) => `${s.file}:${s.line}: \`${s.command}\``);
    expect(unknown, 'add each to HOW in tests/e2e/doc-commands.test.ts, with how it is checked').toEqual([]);
    const stale = Object.keys(HOW).filter((c) => !shown.some((s) => s.command === c));
    expect(stale, 'HOW names commands no document shows any more').toEqual([]);
  });

  it('use pnpm through npx (it is not installed on a fresh machine) and name scripts that exist', () => {
    const bare = shown.filter((s) => /(^|&& |\s)pnpm\s/.test(s.command.replace(/npx -y pnpm@10/g, ''))).map((s) => `${s.file}:${s.line}: \`${s.command}\``);
    expect(bare).toEqual([]);
    const missing: string[] = [];
    for (const s of shown) {
      for (const part of s.command.split(' && ')) {
        const p = pnpmScript(part);
        if (!p) continue;
        const pkg = JSON.parse(readFileSync(join(ROOT, p.pkgDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
        if (p.script !== 'test' && !pkg.scripts?.[p.script]) missing.push(`${s.file}:${s.line}: ${p.pkgDir}/package.json has no script ${p.script}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('run here have their test in this file', () => {
    const self = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const missing = Object.values(HOW).filter((h): h is { run: string } => 'run' in h).map((h) => h.run)
      .filter((name) => !self.includes(`it('${name}'`) && !self.includes(`it("${name}"`));
    expect(missing).toEqual([]);
  });

  it('run elsewhere are run there: the named file holds what it runs', () => {
    const wrong: string[] = [];
    for (const [command, how] of Object.entries(HOW)) {
      if (!('by' in how)) continue;
      const file = join(ROOT, how.by);
      if (!existsSync(file) || !readFileSync(file, 'utf8').includes(how.names)) wrong.push(`${command}: ${how.by} does not hold ${how.names}`);
    }
    expect(wrong).toEqual([]);
  });
});

// ---- running them -------------------------------------------------------------------------------------------

interface Ran { code: number | null; stdout: string; stderr: string }

/** What a user's shell has, without what vitest adds to its workers. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(VITEST|NODE_ENV$|NODE_OPTIONS$|TEST$)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

const temps: string[] = [];
const temp = (prefix: string): string => { const d = mkdtempSync(join(tmpdir(), prefix)); temps.push(d); return d; };
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

/** A command as written, by bash, from the repository root; the whole process group killed if it overruns. */
function run(command: string, extra: Record<string, string> = {}, timeoutMs = 600_000): Promise<Ran> {
  expect(HOW[command], `not a documented command: ${command}`).toBeDefined();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: ROOT, env: userEnv(extra), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    const timer = setTimeout(() => {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
      reject(new Error(`\`${command}\` still running after ${timeoutMs} ms\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

const expectOk = (r: Ran, command: string): void => {
  expect(r.code, `\`${command}\` exited ${r.code}\n--- stdout\n${r.stdout.slice(-4000)}\n--- stderr\n${r.stderr.slice(-4000)}`).toBe(0);
};

/**
 * A long-running command (a server, the demo): started as written, until its output shows `ready`; then the
 * terminal's Ctrl-C (SIGINT to its process group), after which the whole group must be gone within a minute.
 */
async function serve(command: string, extra: Record<string, string>, ready: RegExp, check: (m: RegExpExecArray, out: () => string) => Promise<void>): Promise<Ran> {
  expect(HOW[command], `not a documented command: ${command}`).toBeDefined();
  const child = spawn('bash', ['-c', command], { cwd: ROOT, env: userEnv(extra), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let exited = false;
  void closed.then(() => { exited = true; });
  const kill = (signal: NodeJS.Signals): void => { try { process.kill(-child.pid!, signal); } catch { /* gone */ } };
  try {
    const deadline = Date.now() + 300_000;
    let m: RegExpExecArray | null = null;
    while (!(m = ready.exec(stdout))) {
      if (exited) throw new Error(`\`${command}\` ended before it was ready\n--- stdout\n${stdout.slice(-4000)}\n--- stderr\n${stderr.slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`\`${command}\` not ready after 300 s\n--- stdout\n${stdout.slice(-4000)}\n--- stderr\n${stderr.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await check(m, () => stdout);
  } finally {
    kill('SIGINT');
    const gone = await Promise.race([closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 60_000))]);
    if (!gone) kill('SIGKILL');
    expect(gone, `\`${command}\` did not stop within 60 s of Ctrl-C`).toBe(true);
  }
  return { code: await closed, stdout, stderr };
}

async function ports(): Promise<{ HTTP_PORT: string; MQTT_PORT: string }> {
  return { HTTP_PORT: String(await freePort()), MQTT_PORT: String(await freePort()) };
}

async function getOk(url: string): Promise<void> {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  await res.arrayBuffer();
}

const SERVER_READY = /fleet server: (http:\/\/\S+)/;

describe('the documented commands, run as written', () => {
  it('admin:create', async () => {
    const env = { DATA_DIR: temp('sl-doc-admin-') };
    const first = `${FLEET} run admin:create -- --email admin@sarlat.fr --tenant sarlat --tenant-name "Sarlat-la-Canéda"`;
    let r = await run(first, env);
    expectOk(r, first);
    expect(r.stdout).toMatch(/admin@sarlat\.fr: admin on sarlat\npassword: \S{12,}/);
    // The README's shorter form, on the same installation: the account exists, its role is kept.
    const again = `${FLEET} run admin:create -- --email admin@sarlat.fr --tenant sarlat`;
    r = await run(again, env);
    expectOk(r, again);
    expect(r.stdout).toMatch(/admin@sarlat\.fr: admin on sarlat/);
    const platform = `${FLEET} run admin:create -- --email it@sde24.fr --tenant '*'`;
    r = await run(platform, env);
    expectOk(r, platform);
    expect(r.stdout).toMatch(/it@sde24\.fr: admin on every tenant/);
    const syndicate = `${FLEET} run admin:create -- --email chef@sde24.fr --tenant sde24 --kind syndicate --tenant-name "SDE 24"`;
    r = await run(syndicate, env);
    expectOk(r, syndicate);
    expect(r.stdout).toMatch(/chef@sde24\.fr: admin on sde24/);
  });

  it('ota:keygen', async () => {
    const key = join(temp('sl-doc-key-'), 'ota.pem');
    const command = `${FLEET} run ota:keygen -- --out "$OTA_SIGNING_KEY"`;
    const r = await run(command, { OTA_SIGNING_KEY: key });
    expectOk(r, command);
    expect(readFileSync(key, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(r.stdout).toContain(`private key   ${key} (mode 0600)`);
    // Never overwrites.
    const again = await run(command, { OTA_SIGNING_KEY: key });
    expect(again.code).not.toBe(0);
  });

  it('build:ui', async () => {
    const command = `${FLEET} run build:ui`;
    expectOk(await run(command), command);
    expect(readdirSync(join(ROOT, 'fleet-server', 'dist-ui'))).toContain('index.html');
  });

  it('db:generate', async () => {
    // With the schema and the committed migrations in step, drizzle-kit has nothing to write.
    const command = `${FLEET} run db:generate`;
    const status = (): string => execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'fleet-server/drizzle'], { cwd: ROOT, encoding: 'utf8' });
    const before = status();
    const r = await run(command);
    expectOk(r, command);
    expect(r.stdout.match(/No schema changes/g), r.stdout).toHaveLength(2);
    expect(status(), 'db:generate wrote a migration: the schema and the migrations are not in step').toBe(before);
  });

  it('the firmware build', async () => {
    const command = 'npx -y pnpm@10 --filter @streetlight/firmware build';
    const r = await run(command);
    expectOk(r, command);
    for (const f of ['dist/xs/streetlight.js', 'dist/device/streetlight.js']) expect(existsSync(join(ROOT, 'firmware', f)), f).toBe(true);
  });

  it('measure-memory', async () => {
    const plain = 'node --expose-gc --conditions=@streetlight/source --import tsx hardware-sim/scripts/measure-memory.ts 1000';
    let r = await run(plain);
    expectOk(r, plain);
    expect(r.stdout).toMatch(/1000 boards/);
    const release = await holdSharedResource(PG_URL, MACHINE_MQTT);
    try {
      const mqtt = 'node --expose-gc --conditions=@streetlight/source --import tsx hardware-sim/scripts/measure-memory.ts 1000 --mqtt 127.0.0.1:1883';
      r = await run(mqtt);
      expectOk(r, mqtt);
      expect(r.stdout).toMatch(/1000 boards/);
    } finally {
      await release();
    }
  });

  it('the fleet server, embedded broker and SQLite', async () => {
    const env = { ...(await ports()), DATA_DIR: temp('sl-doc-start-') };
    await serve(`${FLEET} start`, env, SERVER_READY, async (m, out) => {
      await getOk(`${m[1]}/api/openapi.json`);
      expect(out()).toContain(`MQTT broker for devices: mqtt://127.0.0.1:${env.MQTT_PORT}`);
    });
    expect(existsSync(join(env.DATA_DIR, 'fleet.sqlite'))).toBe(true);
  });

  it("the fleet server on the machine's Mosquitto", async () => {
    // It joins the servers' shared subscription on the machine's broker: one suite there at a time.
    const release = await holdSharedResource(PG_URL, MACHINE_MQTT);
    try {
      const env = { HTTP_PORT: String(await freePort()), DATA_DIR: temp('sl-doc-mqtt-') };
      await serve(`${FLEET} start -- --mqtt-url mqtt://127.0.0.1:1883`, env, SERVER_READY, async (m, out) => {
        await getOk(`${m[1]}/api/openapi.json`);
        expect(out()).toContain('MQTT broker for devices: mqtt://127.0.0.1:1883');
      });
    } finally {
      await release();
    }
  });

  it('the fleet server on PostgreSQL', async () => {
    // The database the command names: created as a deployment creates it (docs/deployment.md), once.
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      const { rowCount } = await admin.query("select 1 from pg_database where datname = 'fleet'");
      if (!rowCount) await admin.query('create database fleet').catch((err: { code?: string }) => { if (err.code !== '42P04') throw err; });
    } finally {
      await admin.end();
    }
    const env = { ...(await ports()), DATA_DIR: temp('sl-doc-pg-') };
    await serve(`DATABASE_URL=postgres://postgres@127.0.0.1:5432/fleet ${FLEET} start`, env, SERVER_READY, async (m) => {
      await getOk(`${m[1]}/api/openapi.json`);
    });
    expect(existsSync(join(env.DATA_DIR, 'fleet.sqlite')), 'PostgreSQL, not a SQLite file').toBe(false);
  });

  it('the demo', async () => {
    for (const command of ['npx -y pnpm@10 demo', 'npx -y pnpm@10 demo --speed 600 --boards 40']) {
      const env = { ...(await ports()), DATA_DIR: temp('sl-doc-demo-') };
      const expected = command.includes('--boards 40') ? 40 : 150;
      // Ready when it has printed its addresses and a first status line with every controller online.
      const statusLine = new RegExp(`online ${expected}/${expected}`);
      await serve(command, env, /UI\s+(http:\/\/\S+)\/\n/, async (m, out) => {
        await getOk(`${m[1]}/`);
        expect(out()).toMatch(new RegExp(`Sarlat-la-Canéda: ${expected} simulated controllers`));
        expect(out()).toMatch(/sign in as\s+manager@sarlat\.demo\s+\/\s+\S{12,}/);
        const deadline = Date.now() + 240_000;
        while (!statusLine.test(out())) {
          expect(Date.now() < deadline, `no "online ${expected}/${expected}" status line:\n${out().slice(-2000)}`).toBe(true);
          await new Promise((r) => setTimeout(r, 250));
        }
      });
      expect(existsSync(join(env.DATA_DIR, 'fleet.sqlite'))).toBe(true);
      expect(existsSync(join(env.DATA_DIR, 'clock.json'))).toBe(true);
    }
    // The fresh-machine line: `install` is what CI ran first; then the demo as above.
    expect(HOW['npx -y pnpm@10 install && npx -y pnpm@10 demo']).toEqual({ run: 'the demo' });
  });
});

// ---- the benchmarks, small ----------------------------------------------------------------------------------

interface BenchJson { results: Array<{ name: string }>; checks: Array<{ what: string; ok: boolean; detail?: string }> }

describe('the documented benchmarks, run small', () => {
  /** A benchmark as written, at a small size: exit 0, RESULT lines, its JSON in BENCH_RESULTS_DIR with every check passed. */
  async function bench(name: string, size: Record<string, string>, json: string | undefined = name): Promise<void> {
    const dir = temp(`sl-doc-bench-${name}-`);
    const command = `npx -y pnpm@10 bench:${name}`;
    const r = await run(command, { ...size, BENCH_RESULTS_DIR: dir }, 900_000);
    expectOk(r, command);
    expect(r.stdout).toMatch(/^RESULT \S+ -?[\d.]+ \S+/m);
    if (json === undefined) return;
    const out = JSON.parse(readFileSync(join(dir, `${json}.json`), 'utf8')) as BenchJson;
    expect(out.results.length).toBeGreaterThan(0);
    expect(out.checks.filter((c) => !c.ok)).toEqual([]);
  }

  it('bench:plans', () => bench('plans', {}));
  it('bench:firmware', () => bench('firmware', {}, undefined));
  it('bench:ingest', () => bench('ingest', { BENCH_DEVICES: '40', BENCH_FRAMES: '400', BENCH_STREAM_SECONDS: '10', BENCH_LATENCY_SECONDS: '2', BENCH_BOARDS: '4', BENCH_BOARD_HOURS: '2', BENCH_REPORT_DEVICES: '50' }));
  it('bench:api', () => bench('api', { BENCH_LIGHTS: '2000', BENCH_REPEAT: '5' }));
  it('bench:reconnect', () => bench('reconnect', { BENCH_DEVICES: '100' }));
  it('bench:sim', () => bench('sim', { SIM_BOARDS: '40', SIM_EQUIV_BOARDS: '6', SIM_MQTT_BOARDS: '60', SIM_CONNECT_RATE: '200' }));
  it('bench:ota', () => bench('ota', { BENCH_BOARDS: '10', BENCH_FULL_BYTES: '65536', BENCH_MOD_BYTES: '8192' }));
  it('bench:ui-map', () => bench('ui-map', { BENCH_LIGHTS: '300' }));
  it('the chaos month, small', async () => {
    const command = 'npx -y pnpm@10 test:chaos';
    const r = await run(command, { CHAOS_BOARDS: '6', CHAOS_DAYS: '2' }, 900_000);
    expectOk(r, command);
    expect(r.stdout).toMatch(/Tests\s+\S*\d+ passed/);
  });
});
