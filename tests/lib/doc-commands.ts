/**
 * The commands the Markdown files show, and how tests run them as written (tests/e2e/doc-commands.test.ts and
 * doc-benchmarks.test.ts; the standard and the rules are in the first one's header).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { freePort } from './fleet-processes.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const MACHINE_MQTT = 'mqtt://127.0.0.1:1883';
/** A command that builds, serves or benchmarks: minutes on a loaded machine (its own deadline is in `run`). */
export const LONG = 1_200_000;

// ---- the commands the documents show ------------------------------------------------------------------------

export interface Shown { file: string; line: number; command: string }

const COMMAND = /^(?:[A-Z_]+=\S+\s+)*(?:npx|pnpm|node|bash|mcconfig|python3?|esptool\.py|cd)\s+\S/;

export function shownCommands(): Shown[] {
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

export type How =
  | { run: string }                    // the name of the `it` that runs it (doc-commands or doc-benchmarks.test.ts)
  | { by: string; names: string }      // a test file that runs it, and the text that file holds to show it does
  | { not: string };                   // why it cannot run on this machine

export const FLEET = 'npx -y pnpm@10 --filter @streetlight/fleet-server';
export const HOW: Record<string, How> = {
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
  [`npx -y pnpm@10 --silent --filter @streetlight/fleet-server run device provision --tenant sarlat --devices SRL-0101..SRL-0120 --model SL-ESP32 --broker mqtt://127.0.0.1:1884 --out-dir ./batch --json`]: { by: 'fleet-server/test/device-cli.test.ts', names: 'Device identities' },
  'npx -y pnpm@10 --filter @streetlight/hardware-sim run image --version 1.4.0 --model SL-ESP32 --out ./streetlight-1.4.0.slimg': { by: 'fleet-server/test/device-cli.test.ts', names: 'Device identities' },
  [`${FLEET} run device flash --devices SRL-0101..SRL-0120 --identity-dir ./batch --image ./streetlight-1.4.0.slimg --sim-dir ./boards --model SL-ESP32`]: { by: 'fleet-server/test/device-cli.test.ts', names: 'Device identities' },
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
  'npx -y pnpm@10 bench:adaptive': { run: 'bench:adaptive' },
};

/** The pnpm script a command runs, and the package.json that must have it. */
export function pnpmScript(command: string): { pkgDir: string; script: string } | undefined {
  const m = /npx -y pnpm@10 (?:--silent )?(?:--filter (\S+) )?(?:run )?([\w:-]+)/.exec(command);
  if (!m) return undefined;
  const [, filter, script] = m;
  if (['install', 'exec', 'dlx'].includes(script!)) return undefined;
  const pkgDir = filter ? filter.replace('@streetlight/', '') : '.';
  return { pkgDir, script: script! };
}

// ---- running them -------------------------------------------------------------------------------------------

export interface Ran { code: number | null; stdout: string; stderr: string }

/** What a user's shell has, without what vitest adds to its workers. */
export function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(VITEST|NODE_ENV$|NODE_OPTIONS$|TEST$)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

const temps: string[] = [];
/** A temporary folder, removed by `removeTemps()` (a suite's afterAll). */
export const temp = (prefix: string): string => { const d = mkdtempSync(join(tmpdir(), prefix)); temps.push(d); return d; };
export function removeTemps(): void { for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true }); }

/** A command as written, by bash, from the repository root; the whole process group killed if it overruns. */
export function run(command: string, extra: Record<string, string> = {}, timeoutMs = 600_000): Promise<Ran> {
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

export const expectOk = (r: Ran, command: string): void => {
  expect(r.code, `\`${command}\` exited ${r.code}\n--- stdout\n${r.stdout.slice(-4000)}\n--- stderr\n${r.stderr.slice(-4000)}`).toBe(0);
};

/**
 * A long-running command (a server, the demo): started as written, until its output shows `ready`; then the
 * terminal's Ctrl-C (SIGINT to its process group), after which the whole group must be gone within a minute.
 */
export async function serve(command: string, extra: Record<string, string>, ready: RegExp, check: (m: RegExpExecArray, out: () => string) => Promise<void>): Promise<Ran> {
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

export async function ports(): Promise<{ HTTP_PORT: string; MQTT_PORT: string }> {
  return { HTTP_PORT: String(await freePort()), MQTT_PORT: String(await freePort()) };
}

export async function getOk(url: string): Promise<void> {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  await res.arrayBuffer();
}

export const SERVER_READY = /fleet server: (http:\/\/\S+)/;
