/**
 * Regenerates every generated file of the protocol package from proto/streetlight/v1/*.proto:
 *   src/generated/streetlight.js, src/generated/streetlight.d.ts   protobufjs static module (pbjs, pbts)
 *   src/lean/generated.ts                                          lean codec tables (scripts/lean-gen.ts)
 *
 *   tsx scripts/gen.ts           write the files
 *   tsx scripts/gen.ts --check   generate into a temp dir and fail (exit 1) if a committed file differs
 *
 * Generation is deterministic (no timestamps, stable order), so the check is a byte comparison.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLean } from './lean-gen.js';
import { PROTO_FILES, PROTO_PACKAGE } from './proto-files.js';

const PKG_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROTO_DIR = path.join(PKG_DIR, 'proto');

/** Generated file → path relative to the package. */
const TARGETS = {
  pbjs: 'src/generated/streetlight.js',
  pbts: 'src/generated/streetlight.d.ts',
  lean: 'src/lean/generated.ts',
} as const;

const require = createRequire(import.meta.url);

function run(bin: 'pbjs' | 'pbts', args: string[]): void {
  const cli = require.resolve(`protobufjs-cli/bin/${bin}`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: PKG_DIR, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`${bin} failed with exit code ${r.status}`);
  }
}

/** Writes every generated file under `outDir` (same relative paths as in the package). */
function generate(outDir: string): void {
  const out = (t: keyof typeof TARGETS): string => path.join(outDir, path.basename(TARGETS[t]));
  run('pbjs', ['-t', 'static-module', '-w', 'esm', '--es6', '--force-number', '-p', 'proto', '-o', out('pbjs'), ...PROTO_FILES]);
  run('pbts', ['-o', out('pbts'), out('pbjs')]);
  writeFileSync(out('lean'), generateLean(PROTO_DIR, PROTO_FILES.map((f) => path.join(PKG_DIR, f)), PROTO_PACKAGE));
}

function main(): number {
  const check = process.argv.includes('--check');
  const tmp = mkdtempSync(path.join(tmpdir(), 'streetlight-gen-'));
  try {
    generate(tmp);
    const stale: string[] = [];
    for (const target of Object.values(TARGETS)) {
      const fresh = readFileSync(path.join(tmp, path.basename(target)));
      const file = path.join(PKG_DIR, target);
      const committed = existsSync(file) ? readFileSync(file) : undefined;
      if (committed && committed.equals(fresh)) continue;
      stale.push(target);
      if (!check) writeFileSync(file, fresh);
    }
    if (check) {
      if (stale.length) {
        process.stderr.write(
          `gen:check failed: generated files are out of date with proto/ or the generators:\n${stale.map((s) => `  protocol/${s}\n`).join('')}` +
            'Run `pnpm gen` and commit the result.\n',
        );
        return 1;
      }
      process.stdout.write('gen:check: generated files are up to date\n');
    } else {
      process.stdout.write(stale.length ? `gen: wrote ${stale.join(', ')}\n` : 'gen: nothing changed\n');
    }
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = main();
