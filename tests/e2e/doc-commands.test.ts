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
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { holdSharedResource } from '@streetlight/fleet-server/testing';
import { freePort } from '../lib/fleet-processes.js';
import {
  expectOk, FLEET, getOk, HOW, LONG, MACHINE_MQTT, PG_URL, pnpmScript, ports, removeTemps, ROOT, run, serve, SERVER_READY, shownCommands, temp,
} from '../lib/doc-commands.js';

afterAll(removeTemps);

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

  it('run here have their test in doc-commands.test.ts or doc-benchmarks.test.ts', () => {
    const self = ['doc-commands.test.ts', 'doc-benchmarks.test.ts'].map((f) => readFileSync(join(ROOT, 'tests', 'e2e', f), 'utf8')).join('\n');
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
  }, LONG);

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
  }, LONG);

  it('build:ui', async () => {
    const command = `${FLEET} run build:ui`;
    expectOk(await run(command), command);
    expect(readdirSync(join(ROOT, 'fleet-server', 'dist-ui'))).toContain('index.html');
  }, LONG);

  it('db:generate', async () => {
    // With the schema and the committed migrations in step, drizzle-kit has nothing to write.
    const command = `${FLEET} run db:generate`;
    const status = (): string => execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'fleet-server/drizzle'], { cwd: ROOT, encoding: 'utf8' });
    const before = status();
    const r = await run(command);
    expectOk(r, command);
    expect(r.stdout.match(/No schema changes/g), r.stdout).toHaveLength(2);
    expect(status(), 'db:generate wrote a migration: the schema and the migrations are not in step').toBe(before);
  }, LONG);

  it('the firmware build', async () => {
    const command = 'npx -y pnpm@10 --filter @streetlight/firmware build';
    const r = await run(command);
    expectOk(r, command);
    for (const f of ['dist/xs/streetlight.js', 'dist/device/streetlight.js']) expect(existsSync(join(ROOT, 'firmware', f)), f).toBe(true);
  }, LONG);

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
  }, LONG);

  it('the fleet server, embedded broker and SQLite', async () => {
    const env = { ...(await ports()), DATA_DIR: temp('sl-doc-start-') };
    await serve(`${FLEET} start`, env, SERVER_READY, async (m, out) => {
      await getOk(`${m[1]}/api/openapi.json`);
      expect(out()).toContain(`MQTT broker for devices: mqtt://127.0.0.1:${env.MQTT_PORT}`);
    });
    expect(existsSync(join(env.DATA_DIR, 'fleet.sqlite'))).toBe(true);
  }, LONG);

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
  }, LONG);

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
  }, LONG);

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
  }, LONG);
});
