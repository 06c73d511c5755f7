/**
 * `npx -y pnpm@10 build:device` (issue 12): the firmware built as the ESP32 build builds it, with the real
 * Moddable tools, as far as a machine without ESP-IDF goes: `mcconfig -m -p esp32 manifest.json` writes the
 * build's makefile, and its JavaScript steps run for real — `xsc` on every module, `xsid`, then `xsl` linking and
 * PRELOADING the firmware (module bodies run at build time; what they create is frozen) into `mc.xs.c`, with
 * the manifest's `creation` and `"strip": "*"`. Only the C compile and the flash image need ESP-IDF.
 *
 * 1. The Moddable host tools (`xsc`, `xsid`, `xsl`, `mcconfig`, …) are built from the SDK snapshot in
 *    ../shared/moddable-sdk/ (MODDABLE_SDK_TARBALL overrides) into a cache outside the checkout, keyed by the
 *    snapshot's hash: `$STREETLIGHT_CACHE` or `$XDG_CACHE_HOME/streetlight` or `~/.cache/streetlight`. The
 *    first build takes 3–6 minutes on 2 cores and needs Debian's `libglib2.0-dev` and `pkg-config` (installed
 *    with apt-get when running as root). Builds on one machine take turns (a lock folder in the cache).
 * 2. The firmware module `dist/device/streetlight.js` (esbuild, as `pnpm --filter @streetlight/firmware build`;
 *    `--readable` keeps names, for reading the warnings).
 * 3. `mcconfig`, then `make … mc.xs.c` in the build folder mcconfig wrote (`IDF_PATH` names an empty git work
 *    tree: the makefile asks it for a version only).
 *
 * Prints the preload summary (`xsl`: instances, keys, colors, holes), the `creation` it was linked with, the size
 * of the preloaded image (`mc.xs.c`) and xsl's warnings, grouped. Fails on any error and on any warning not in
 * firmware/moddable/xsl-reviewed.txt (one warning per line, as xsl prints it after `### warning: `; `#`
 * comments). A "no const" or "not frozen" warning names module-scope state a function captures: preloaded,
 * it is read-only on the device (issue 12, item 2).
 *
 * Options: `--readable` (unminified module), `--json` (the report as JSON on stdout), `--cache DIR`,
 * `--max-unreviewed N` (allow up to N unreviewed warnings: the ratchet `pnpm check` uses while issue 12 removes
 * the module-scope state the firmware and its crypto dependencies still have; default 0).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleDeviceModule, FIRMWARE_DIR, forbiddenConstructs } from './bundle.js';
import { parseXslOutput, readReviewed, type XslPreload } from './xsl-report.js';
import { cacheRoot, ensureTools, must, run, sdkTarball, withLock } from './moddable-tools.js';

/** The command line (parsed when run as a script: importing this module for its helpers parses nothing). */
function cli(): { readable: boolean; json: boolean; cache?: string | undefined; 'max-unreviewed': string } {
  const { values } = parseArgs({
    options: {
      readable: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, cache: { type: 'string' },
      'max-unreviewed': { type: 'string', default: '0' },
    },
  });
  return values;
}

const MANIFEST = join(FIRMWARE_DIR, 'manifest.json');
const REVIEWED = join(FIRMWARE_DIR, 'moddable', 'xsl-reviewed.txt');

export interface DeviceBuildReport {
  sdk: { key: string; toolsBuiltNow: boolean; toolsSeconds: number };
  moduleBytes: number;
  creation: unknown;
  /** The creation mcconfig actually linked with (its makefile's CREATION), and where it differs from the manifest. */
  linked: LinkedCreation | undefined;
  creationMismatch: string[];
  preload: XslPreload | undefined;
  imageBytes: number;
  warnings: { total: number; unreviewed: number; byKind: Record<string, number>; unreviewedLines: string[] };
  ok: boolean;
}

export interface LinkedCreation {
  chunk: { initial: number; incremental: number };
  heap: { initial: number; incremental: number };
  stack: number;
  keys: { initial: number; incremental: number; name: number; symbol: number };
}

/** The `CREATION = -c …` line of mcconfig's makefile (the numbers xsl links into mc.xs.c). */
export function parseLinkedCreation(makefile: string): LinkedCreation | undefined {
  const m = /^CREATION = -c ([\d,]+),\w+,\d+$/m.exec(makefile);
  if (!m) return undefined;
  const n = (m[1] as string).split(',').map(Number);
  return {
    chunk: { initial: n[0] as number, incremental: n[1] as number }, heap: { initial: n[2] as number, incremental: n[3] as number },
    stack: n[4] as number, keys: { initial: n[5] as number, incremental: n[6] as number, name: n[7] as number, symbol: n[8] as number },
  };
}

/**
 * Where the linked creation differs from what the manifest asks: a field the tools ignore (issue 12: `keys.available`
 * under an included manifest's `keys.initial` gave 32 + 32 keys) fails the build instead of going unnoticed.
 */
export interface WantedCreation {
  chunk?: Partial<LinkedCreation['chunk']>;
  heap?: Partial<LinkedCreation['heap']>;
  stack?: number;
  keys?: Partial<LinkedCreation['keys']> & { available?: number };
}

export function creationMismatch(wanted: WantedCreation, linked: LinkedCreation): string[] {
  const out: string[] = [];
  const check = (name: string, want: number | undefined, got: number): void => {
    if (want !== undefined && want !== got) out.push(`${name}: manifest ${want}, linked ${got}`);
  };
  check('chunk.initial', wanted.chunk?.initial, linked.chunk.initial);
  check('chunk.incremental', wanted.chunk?.incremental, linked.chunk.incremental);
  check('heap.initial', wanted.heap?.initial, linked.heap.initial);
  check('heap.incremental', wanted.heap?.incremental, linked.heap.incremental);
  check('stack', wanted.stack, linked.stack);
  check('keys.initial', wanted.keys?.initial ?? wanted.keys?.available, linked.keys.initial);
  check('keys.incremental', wanted.keys?.incremental, linked.keys.incremental);
  check('keys.name', wanted.keys?.name, linked.keys.name);
  check('keys.symbol', wanted.keys?.symbol, linked.keys.symbol);
  return out;
}

async function main(): Promise<void> {
  const args = cli();
  const say = (text: string): void => { if (!args.json) process.stdout.write(`${text}\n`); };
  const tarball = sdkTarball();
  const root = cacheRoot(args.cache);
  mkdirSync(root, { recursive: true });
  const sdk = await withLock(join(root, 'moddable'), () => ensureTools(tarball, root, say));
  if (sdk.builtNow) say(`tools built in ${sdk.seconds.toFixed(0)} s`);

  // The firmware module the manifest preloads.
  const device = bundleDeviceModule({ minify: !args.readable });
  const bad = forbiddenConstructs(device);
  if (bad.length > 0) throw new Error(`device module contains ${bad.join(', ')}`);
  mkdirSync(join(FIRMWARE_DIR, 'dist', 'device'), { recursive: true });
  writeFileSync(join(FIRMWARE_DIR, 'dist', 'device', 'streetlight.js'), device);

  const env = {
    ...process.env, MODDABLE: sdk.moddable, XS_DIR: join(sdk.moddable, 'xs'), BUILD_DIR: sdk.buildDir,
    PATH: `${sdk.bin}:${process.env.PATH ?? ''}`,
  };
  const { output, mcxs, makefileText } = await withLock(join(root, `build-${sdk.key}`), () => {
    // mcconfig's makefile only asks IDF_PATH's git work tree for a version.
    const idf = mkdtempSync(join(tmpdir(), 'sl-idf-'));
    try {
      must('git', ['init', '-q'], { cwd: idf });
      must('git', ['-c', 'user.email=build@streetlight', '-c', 'user.name=build', 'commit', '-q', '--allow-empty', '-m', 'IDF_PATH stand-in'], { cwd: idf });
      const withIdf = { ...env, IDF_PATH: idf };
      const tmp = join(sdk.buildDir, 'tmp', 'esp32', 'release', basename(FIRMWARE_DIR));
      rmSync(tmp, { recursive: true, force: true });
      // Without ESP-IDF, mcconfig fails once the makefile is written (it sources $IDF_PATH/export.sh to run make).
      const mc = run('mcconfig', ['-m', '-p', 'esp32', MANIFEST], { cwd: FIRMWARE_DIR, env: withIdf });
      const makefile = join(tmp, 'makefile');
      if (!existsSync(makefile)) throw new Error(`mcconfig wrote no ${makefile}:\n${mc.output.slice(-4000)}`);
      const sdkconfigH = join(tmp, 'xsProj-esp32', 'build', 'config', 'sdkconfig.h');
      const target = join(tmp, 'mc.xs.c');
      const r = run('make', ['-f', makefile, '-o', sdkconfigH, target], { cwd: tmp, env: withIdf });
      if (r.status !== 0) throw new Error(`make ${target} failed (exit ${r.status}):\n${r.output.slice(-6000)}`);
      return { output: r.output, mcxs: target, makefileText: readFileSync(makefile, 'utf8') };
    } finally {
      rmSync(idf, { recursive: true, force: true });
    }
  });

  const parsed = parseXslOutput(output);
  const maxUnreviewed = Number(args['max-unreviewed']);
  if (!Number.isInteger(maxUnreviewed) || maxUnreviewed < 0) throw new Error(`--max-unreviewed must be a count, not ${args['max-unreviewed']}`);
  const reviewed = existsSync(REVIEWED) ? readReviewed(readFileSync(REVIEWED, 'utf8')) : new Set<string>();
  const unreviewed = parsed.warnings.filter((w) => !reviewed.has(w.line));
  const byKind: Record<string, number> = {};
  for (const w of parsed.warnings) byKind[w.what] = (byKind[w.what] ?? 0) + 1;
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { creation: Parameters<typeof creationMismatch>[0] };
  const linked = parseLinkedCreation(makefileText);
  const mismatch = linked ? creationMismatch(manifest.creation, linked) : ['no CREATION line in the makefile'];
  const report: DeviceBuildReport = {
    sdk: { key: sdk.key, toolsBuiltNow: sdk.builtNow, toolsSeconds: sdk.seconds },
    moduleBytes: Buffer.byteLength(device),
    creation: manifest.creation,
    linked,
    creationMismatch: mismatch,
    preload: parsed.preload,
    imageBytes: statSync(mcxs).size,
    warnings: { total: parsed.warnings.length, unreviewed: unreviewed.length, byKind, unreviewedLines: unreviewed.map((w) => w.line) },
    ok: mismatch.length === 0 && parsed.errors.length === 0 && parsed.preload !== undefined && parsed.preload.holes === 0 && unreviewed.length <= maxUnreviewed,
  };
  if (args.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    say(`firmware module dist/device/streetlight.js: ${report.moduleBytes.toLocaleString('en')} bytes${args.readable ? ' (readable)' : ''}`);
    say(`creation (linked): ${JSON.stringify(linked)}`);
    for (const m of mismatch) say(`error: creation ${m}`);
    say(parsed.preload ? `preload (xsl): ${parsed.preload.instances} instances, ${parsed.preload.keys} keys, ${parsed.preload.colors} colors, ${parsed.preload.holes} holes` : 'preload: xsl printed no summary');
    say(`preloaded image mc.xs.c: ${report.imageBytes.toLocaleString('en')} bytes`);
    say(`xsl warnings: ${report.warnings.total} (${Object.entries(byKind).map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}), ${unreviewed.length} not reviewed`);
    // The list when it fails the build or is short; a long allowance is only counted.
    if (unreviewed.length > maxUnreviewed || unreviewed.length <= 10) {
      for (const w of unreviewed.slice(0, 40)) say(`  ${w.line}`);
      if (unreviewed.length > 40) say(`  … and ${unreviewed.length - 40} more (--json lists them all)`);
    }
    for (const e of parsed.errors) say(`error: ${e}`);
    if (unreviewed.length < maxUnreviewed) say(`${maxUnreviewed - unreviewed.length} fewer unreviewed warnings than allowed: lower --max-unreviewed to ${unreviewed.length}`);
  }
  if (!report.ok) {
    process.stderr.write(`build:device failed: ${mismatch.length ? `creation differs from the manifest (${mismatch.join('; ')}), ` : ''}${parsed.errors.length} error(s), ${unreviewed.length} unreviewed xsl warning(s) (${maxUnreviewed} allowed)${parsed.preload?.holes ? `, ${parsed.preload.holes} holes` : ''}${parsed.preload ? '' : ', no preload summary'}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(FIRMWARE_DIR, 'scripts', 'device-build.ts')) {
  main().catch((err: unknown) => {
    process.stderr.write(`build:device: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
