/**
 * The Moddable SDK's host tools, shared by the device build (device-build.ts) and the device-conditions host
 * (hardware-sim/scripts/devhost-build.ts): the snapshot in ../shared/moddable-sdk/ (MODDABLE_SDK_TARBALL
 * overrides), its tools built once per snapshot into a cache outside the checkout (`$STREETLIGHT_CACHE`, or
 * `$XDG_CACHE_HOME/streetlight`, or `~/.cache/streetlight`), and a lock so that builds on one machine take turns.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { FIRMWARE_DIR } from './bundle.js';

const REPO = resolve(FIRMWARE_DIR, '..');
/** Progress lines (the tools build takes minutes): to stdout unless a caller silences them. */
export type Say = (text: string) => void;

export function sdkTarball(): string {
  const given = process.env.MODDABLE_SDK_TARBALL;
  if (given) return given;
  const dir = resolve(REPO, '..', 'shared', 'moddable-sdk');
  const found = existsSync(dir) ? readdirSync(dir).filter((f) => /^moddable-sdk-.*\.tar\.xz$/.test(f)) : [];
  if (found.length !== 1) throw new Error(`no Moddable SDK snapshot in ${dir} (expected one moddable-sdk-*.tar.xz); set MODDABLE_SDK_TARBALL`);
  return join(dir, found[0]!);
}

export function cacheRoot(given?: string): string {
  return given ?? process.env.STREETLIGHT_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'streetlight');
}

export function run(cmd: string, argv: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { status: number; output: string } {
  const r = spawnSync(cmd, argv, { cwd: opts.cwd, env: opts.env ?? process.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return { status: r.status ?? 1, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

export function must(cmd: string, argv: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = run(cmd, argv, opts);
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (exit ${r.status}):\n${r.output.slice(-4000)}`);
  return r.output;
}

/** Runs `fn` holding a lock folder; waits for another holder (a dead holder's lock is taken over). */
export async function withLock<T>(dir: string, fn: () => T | Promise<T>): Promise<T> {
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(existsSync(join(lock, 'pid')) ? readFileSync(join(lock, 'pid'), 'utf8') : NaN);
      let alive = true;
      try { process.kill(pid, 0); } catch { alive = Number.isNaN(pid) && Date.now() - statSync(lock).mtimeMs < 10_000; }
      if (!alive) { rmSync(lock, { recursive: true, force: true }); continue; }
      if (Date.now() > deadline) throw new Error(`${lock} held by process ${pid} for 30 minutes`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function ensureBuildDeps(say: Say): void {
  const probe = spawnSync('pkg-config', ['--exists', 'glib-2.0']);
  if (!probe.error && probe.status === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) throw new Error('the Moddable tools need Debian\'s libglib2.0-dev and pkg-config: apt-get install -y libglib2.0-dev pkg-config');
  say('installing libglib2.0-dev and pkg-config (apt-get)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['install', '-y', '-q', 'libglib2.0-dev', 'pkg-config'], { env }).status !== 0) {
    must('apt-get', ['update', '-q'], { env });
    must('apt-get', ['install', '-y', '-q', 'libglib2.0-dev', 'pkg-config'], { env });
  }
}

/** The key of an SDK snapshot in the cache (its hash, memoised per process: the tarball is tens of megabytes). */
const snapshotKeys = new Map<string, string>();
export function snapshotKey(tarball: string): string {
  let key = snapshotKeys.get(tarball);
  if (!key) {
    key = createHash('sha256').update(readFileSync(tarball)).digest('hex').slice(0, 16);
    snapshotKeys.set(tarball, key);
  }
  return key;
}

export interface Sdk { moddable: string; buildDir: string; bin: string; key: string; builtNow: boolean; seconds: number }

/** The Moddable tools of the snapshot, built once per snapshot into the cache. */
export function ensureTools(tarball: string, root: string, say: Say): Sdk {
  const key = snapshotKey(tarball);
  const dir = join(root, `moddable-${key}`);
  const moddable = join(dir, 'moddable');
  const buildDir = join(moddable, 'build');
  const bin = join(buildDir, 'bin', 'lin', 'release');
  const done = join(dir, '.tools-built');
  if (existsSync(done)) return { moddable, buildDir, bin, key, builtNow: false, seconds: 0 };
  const t0 = Date.now();
  ensureBuildDeps(say);
  say(`building the Moddable tools from ${basename(tarball)} into ${dir} (once per snapshot; a few minutes)`);
  rmSync(dir, { recursive: true, force: true });
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  must('tar', ['xJf', tarball, '-C', staging]);
  renameSync(staging, dir);
  const env = { ...process.env, MODDABLE: moddable, XS_DIR: join(moddable, 'xs'), BUILD_DIR: buildDir };
  for (const tool of ['xsc', 'xsid', 'xsl']) must('make', ['GOAL=release', '-j2', '-f', join(moddable, 'xs', 'makefiles', 'lin', `${tool}.mk`)], { cwd: dir, env });
  must('make', ['GOAL=release', '-j2', '-f', join(buildDir, 'makefiles', 'lin', 'tools.mk')], { cwd: dir, env });
  for (const tool of ['xsc', 'xsid', 'xsl', 'mcconfig']) if (!existsSync(join(bin, tool))) throw new Error(`the tools build made no ${tool} in ${bin}`);
  writeFileSync(done, new Date().toISOString());
  return { moddable, buildDir, bin, key, builtNow: true, seconds: (Date.now() - t0) / 1000 };
}

