/**
 * `npx -y pnpm@10 build:devhost` (issue 12): builds the device-conditions host, the simulator's third firmware
 * host beside Node and xsnap — the firmware PRELOADED by the Moddable SDK's `xsl` with the exact `creation` and
 * `strip` of firmware/manifest.json, in a 32-bit Linux program (../devhost/devhost.c) that the simulator drives
 * like xsnap (src/xs/machine.ts, src/xs/bridge.ts `engine: 'device'`).
 *
 * 1. The Moddable tools, built once per SDK snapshot (firmware/scripts/moddable-tools.ts).
 * 2. The module `streetlight`: src/devhost/entry.ts bundled as the device's firmware module is (esbuild, ES2022,
 *    one module; the SDK's crypt modules and the host functions `devhost/native` stay imports).
 * 3. A manifest for the SDK's Linux command-line target (`mcconfig -p x-cli-lin`): that module, the program's
 *    `main` (../devhost/main.js), its host functions (../devhost/native.js + devhost.c), the SDK's digest and
 *    elliptic-curve modules with their C, the firmware manifest's `creation` and `strip`, and the same preloads.
 *    mcconfig writes the makefile; `make mc.xs.c` runs xsc, xsid and xsl (link + preload) for real.
 * 4. The C compile, here rather than by the target's makefile (which builds a 64-bit GLib program): the XS engine
 *    of the snapshot, the SDK's natives, `mc.xs.c` and devhost.c with `gcc -m32` (Debian's gcc-multilib,
 *    installed with apt-get when running as root), XS's computation meter on (`mxMetering`), the engine's objects
 *    cached per snapshot.
 *
 * The result is cached outside the checkout under a key of everything that goes into it (tools, module, C, manifest
 * fields), so a test run builds it once per change: `ensureDevhost()` (tests' global setup) returns it. The first
 * build takes about a minute on 2 cores (plus the tools, if not built yet). Prints the preload summary, the linked
 * creation, the preloaded image size; fails on any error, a creation that differs from the firmware manifest's, or
 * a preload with holes.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleDeviceModule, FIRMWARE_DIR, forbiddenConstructs } from '../../firmware/scripts/bundle.js';
import { creationMismatch, parseLinkedCreation, type LinkedCreation, type WantedCreation } from '../../firmware/scripts/device-build.js';
import { cacheRoot, ensureTools, must, run, sdkTarball, snapshotKey, withLock, type Say, type Sdk } from '../../firmware/scripts/moddable-tools.js';
import { parseXslOutput, type XslPreload } from '../../firmware/scripts/xsl-report.js';

const SIM_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const C_DIR = join(SIM_DIR, 'devhost');
const ENTRY = join(SIM_DIR, 'src', 'devhost', 'entry.ts');
/** The firmware manifest's modules the entry imports (besides the host functions), and what it preloads. */
const EXTERNALS = ['devhost/native', 'crypt', 'curve', 'ecdsa', 'ecp'];
const CRYPTO_PRELOADS = ['curve', 'ecdsa', 'ber', 'pkcs1', 'rng', 'ec', 'ecp', 'mont', 'modular'];
const NAME = 'streetlight-devhost';
/** Raised when the build itself changes in a way the key would not see. */
const BUILD_VERSION = 1;

const C_FLAGS = [
  '-m32', '-O2', '-fno-strict-aliasing', '-DXS_ARCHIVE=1', '-DINCLUDE_XSPLATFORM=1', '-DXSPLATFORM="devhost_xs.h"',
  '-DmxStringInfoCacheLength=4', '-DmxMetering=1', '-D_RELEASE=1', '-Wno-misleading-indentation', '-Wno-implicit-fallthrough',
  '-Wno-empty-body', '-Wno-format-truncation',
];

export interface DevhostReport {
  key: string;
  bin: string;
  builtNow: boolean;
  seconds: number;
  moduleBytes: number;
  linked: LinkedCreation | undefined;
  creationMismatch: string[];
  preload: XslPreload | undefined;
  imageBytes: number;
  xslWarnings: string[];
}

interface FirmwareManifest { creation: WantedCreation & Record<string, unknown>; strip?: unknown }

function firmwareManifest(): FirmwareManifest {
  return JSON.parse(readFileSync(join(FIRMWARE_DIR, 'manifest.json'), 'utf8')) as FirmwareManifest;
}

/** The module `streetlight` of the device-conditions host. */
export function devhostModule(): string {
  const text = bundleDeviceModule({ entry: ENTRY, external: EXTERNALS });
  const bad = forbiddenConstructs(text);
  if (bad.length > 0) throw new Error(`device-conditions module contains ${bad.join(', ')}`);
  return text;
}

function keyOf(sdkKey: string, moduleText: string): string {
  const h = createHash('sha256');
  h.update(`v${BUILD_VERSION}\0${sdkKey}\0${C_FLAGS.join(' ')}\0`);
  h.update(moduleText);
  for (const f of ['devhost.c', 'devhost_xs.h', 'native.js', 'main.js']) h.update(readFileSync(join(C_DIR, f)));
  const manifest = firmwareManifest();
  h.update(JSON.stringify([manifest.creation, manifest.strip]));
  return h.digest('hex').slice(0, 16);
}

function ensureMultilib(say: Say): void {
  const probeDir = join(cacheRoot(), 'm32-probe');
  mkdirSync(probeDir, { recursive: true });
  const src = join(probeDir, 'probe.c');
  writeFileSync(src, 'int main(void) { return sizeof(void *) == 4 ? 0 : 1; }\n');
  const probe = (): boolean => run('gcc', ['-m32', src, '-o', join(probeDir, 'probe')]).status === 0 && run(join(probeDir, 'probe'), []).status === 0;
  if (probe()) return;
  if (process.getuid?.() !== 0) throw new Error('the device-conditions host is a 32-bit program: apt-get install -y gcc-multilib');
  say('installing gcc-multilib (apt-get)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['install', '-y', '-q', 'gcc-multilib'], { env }).status !== 0) {
    must('apt-get', ['update', '-q'], { env });
    must('apt-get', ['install', '-y', '-q', 'gcc-multilib'], { env });
  }
  if (!probe()) throw new Error('gcc -m32 still fails after installing gcc-multilib');
}

/** Runs the compile jobs, two at a time (the machine's cores); rejects with the first failure's output. */
async function compileAll(jobs: { src: string; obj: string; includes: string[] }[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++] as (typeof jobs)[number];
      await new Promise<void>((done, fail) => {
        const child = spawn('gcc', [...C_FLAGS, ...job.includes.map((d) => `-I${d}`), '-c', job.src, '-o', job.obj], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
        child.on('error', fail);
        child.on('close', (code) => (code === 0 ? done() : fail(new Error(`gcc ${basename(job.src)} failed (exit ${code}):\n${err.slice(-4000)}`))));
      });
    }
  };
  await Promise.all([worker(), worker()]);
}

function makeVariableList(makefile: string, name: string): string[] {
  const m = new RegExp(`^${name} =\\s*\\\\?\\n((?:\\t.*\\n)*)`, 'm').exec(makefile);
  if (!m) return [];
  return (m[1] as string).split('\n').map((l) => l.trim().replace(/\\$/, '').trim()).filter(Boolean);
}

async function build(sdk: Sdk, moduleText: string, key: string, dir: string, say: Say): Promise<DevhostReport> {
  const t0 = Date.now();
  ensureMultilib(say);
  say(`building the device-conditions host into ${dir}`);
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  const project = join(staging, NAME);
  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(join(project, 'src', 'streetlight.js'), moduleText);
  const fw = firmwareManifest();
  const manifest = {
    include: ['$(MODDABLE)/modules/crypt/digest/manifest.json'],
    creation: fw.creation,
    modules: {
      main: join(C_DIR, 'main'),
      streetlight: join(project, 'src', 'streetlight'),
      'devhost/native': join(C_DIR, 'native'),
      devhost: join(C_DIR, 'devhost'),
      '*': ['$(MODDABLE)/modules/crypt/arith/*'],
      curve: '$(MODDABLE)/modules/crypt/etc/curve',
      ecdsa: '$(MODDABLE)/modules/crypt/etc/ecdsa',
      ber: '$(MODDABLE)/modules/crypt/etc/ber',
      pkcs1: '$(MODDABLE)/modules/crypt/etc/pkcs1',
      rng: '$(MODDABLE)/modules/crypt/etc/rng',
    },
    preload: ['streetlight', 'devhost/native', ...CRYPTO_PRELOADS],
    ...(fw.strip !== undefined ? { strip: fw.strip } : {}),
  };
  writeFileSync(join(project, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const env = { ...process.env, MODDABLE: sdk.moddable, XS_DIR: join(sdk.moddable, 'xs'), BUILD_DIR: sdk.buildDir, PATH: `${sdk.bin}:${process.env.PATH ?? ''}` };
  const out = join(staging, 'build');
  mkdirSync(out, { recursive: true });
  must('mcconfig', ['-p', 'x-cli-lin', '-o', out, join(project, 'manifest.json')], { cwd: project, env });
  const tmp = join(out, 'tmp', 'lin', 'release', NAME);
  const makefilePath = join(tmp, 'makefile');
  if (!existsSync(makefilePath)) throw new Error(`mcconfig wrote no ${makefilePath}`);
  const makefile = readFileSync(makefilePath, 'utf8');
  const mcxs = join(tmp, 'mc.xs.c');
  const linkRun = run('make', ['-f', makefilePath, mcxs], { cwd: tmp, env });
  if (linkRun.status !== 0) throw new Error(`make mc.xs.c failed (exit ${linkRun.status}):\n${linkRun.output.slice(-6000)}`);
  const xsl = parseXslOutput(linkRun.output);
  if (xsl.errors.length > 0) throw new Error(`xsl: ${xsl.errors.join('; ')}`);
  if (!xsl.preload || xsl.preload.holes !== 0) throw new Error(`xsl preload: ${xsl.preload ? `${xsl.preload.holes} holes` : 'no summary'}`);
  const linked = parseLinkedCreation(makefile);
  const mismatch = linked ? creationMismatch(fw.creation, linked) : ['no CREATION line in the makefile'];
  if (mismatch.length > 0) throw new Error(`the device-conditions host's creation differs from firmware/manifest.json: ${mismatch.join('; ')}`);

  // The C: the engine (cached per snapshot and flags), the natives the manifest brought, mc.xs.c, devhost.c.
  const xs = join(sdk.moddable, 'xs');
  const includes = [C_DIR, join(xs, 'includes'), join(xs, 'platforms'), join(xs, 'sources'), tmp,
    ...makeVariableList(makefile, 'DIRECTORIES').map((d) => d.replace(/^-I/, ''))];
  const engineKey = createHash('sha256').update(`${sdk.key}\0${C_FLAGS.join(' ')}\0`).update(readFileSync(join(C_DIR, 'devhost_xs.h'))).digest('hex').slice(0, 16);
  const engineDir = join(dirname(dir), `devhost-engine-${engineKey}`);
  const engineSources = makeVariableList(makefile, 'XS_OBJECTS')
    .map((o) => basename(o).replace(/\.o$/, ''))
    .filter((c) => c !== 'lin_xs.c');
  if (engineSources.length < 30) throw new Error(`unexpected XS_OBJECTS in ${makefilePath}`);
  await withLock(engineDir, async () => {
    if (existsSync(join(engineDir, '.built'))) return;
    say(`compiling the XS engine (${engineSources.length} files, -m32)`);
    mkdirSync(engineDir, { recursive: true });
    await compileAll(engineSources.map((c) => ({ src: join(xs, 'sources', c), obj: join(engineDir, `${c}.o`), includes })));
    writeFileSync(join(engineDir, '.built'), new Date().toISOString());
  });
  const natives = [...makefile.matchAll(/^\$\(TMP_DIR\)\/([^ ]+\.c)\.o: (\S+\.c) /gm)].map((m) => ({ name: m[1] as string, src: m[2] as string }))
    .filter((n) => n.name !== 'mc.xs.c');
  const objDir = join(staging, 'obj');
  mkdirSync(objDir, { recursive: true });
  say(`compiling mc.xs.c and ${natives.length} native sources (-m32)`);
  await compileAll([
    { src: mcxs, obj: join(objDir, 'mc.xs.c.o'), includes },
    ...natives.map((n) => ({ src: n.src, obj: join(objDir, `${n.name}.o`), includes })),
  ]);
  mkdirSync(join(staging, 'bin'), { recursive: true });
  const bin = join(staging, 'bin', NAME);
  must('gcc', ['-m32', ...engineSources.map((c) => join(engineDir, `${c}.o`)), join(objDir, 'mc.xs.c.o'), ...natives.map((n) => join(objDir, `${n.name}.o`)), '-lm', '-o', bin]);
  const report: DevhostReport = {
    key, bin: join(dir, 'bin', NAME), builtNow: true, seconds: (Date.now() - t0) / 1000, moduleBytes: Buffer.byteLength(moduleText),
    linked, creationMismatch: mismatch, preload: xsl.preload, imageBytes: statSync(mcxs).size, xslWarnings: xsl.warnings.map((w) => w.line),
  };
  writeFileSync(join(staging, 'report.json'), JSON.stringify(report, null, 2));
  rmSync(join(staging, 'build', 'tmp', 'lin', 'release', 'lib'), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return report;
}

/**
 * The device-conditions host for the current sources: built if needed (minutes the first time), else from the
 * cache at once. Builds on one machine take turns.
 */
export async function ensureDevhost(options: { say?: Say; cache?: string } = {}): Promise<DevhostReport> {
  const say = options.say ?? ((text: string) => process.stdout.write(`${text}\n`));
  const root = cacheRoot(options.cache);
  mkdirSync(root, { recursive: true });
  const sdk = await withLock(join(root, 'moddable'), () => ensureTools(sdkTarball(), root, say));
  const moduleText = devhostModule();
  const key = keyOf(sdk.key, moduleText);
  const dir = join(root, `devhost-${key}`);
  return withLock(dir, async () => {
    const reportPath = join(dir, 'report.json');
    if (existsSync(reportPath) && existsSync(join(dir, 'bin', NAME))) {
      return { ...(JSON.parse(readFileSync(reportPath, 'utf8')) as DevhostReport), builtNow: false };
    }
    return build(sdk, moduleText, key, dir, say);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, cache: { type: 'string' } } });
  const say: Say = (text) => { if (!values.json) process.stdout.write(`${text}\n`); };
  ensureDevhost({ say, ...(values.cache ? { cache: values.cache } : {}) }).then((r) => {
    if (values.json) { process.stdout.write(`${JSON.stringify(r, null, 2)}\n`); return; }
    say(`device-conditions host: ${r.bin}${r.builtNow ? ` (built in ${r.seconds.toFixed(0)} s)` : ' (cached)'}`);
    say(`module streetlight: ${r.moduleBytes.toLocaleString('en')} bytes`);
    say(`creation (linked, as firmware/manifest.json): ${JSON.stringify(r.linked)}`);
    if (r.preload) say(`preload (xsl): ${r.preload.instances} instances, ${r.preload.keys} keys, ${r.preload.colors} colors, ${r.preload.holes} holes`);
    say(`preloaded image mc.xs.c: ${r.imageBytes.toLocaleString('en')} bytes`);
    say(`xsl warnings: ${r.xslWarnings.length}`);
    for (const w of r.xslWarnings.slice(0, 20)) say(`  ${w}`);
  }).catch((err: unknown) => {
    process.stderr.write(`build:devhost: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}

/** The binary for the current sources, without building (the simulator's lookup; throws when it is not built). */
export function devhostBinary(options: { cache?: string } = {}): string {
  const given = process.env.STREETLIGHT_DEVHOST;
  if (given) return given;
  const root = cacheRoot(options.cache);
  const bin = join(root, `devhost-${keyOf(snapshotKey(sdkTarball()), devhostModule())}`, 'bin', NAME);
  if (!existsSync(bin)) throw new Error(`the device-conditions host is not built for these sources (${bin}): run npx -y pnpm@10 build:devhost`);
  return bin;
}
