/**
 * The benchmarks and the chaos month the documentation shows, each run as written at a small size (their sizes are
 * documented variables; BENCH_RESULTS_DIR keeps the committed bench/results/ untouched): exit 0, RESULT lines, the
 * JSON written with every check passed. The rules are in doc-commands.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectOk, LONG, removeTemps, run, temp } from '../lib/doc-commands.js';

afterAll(removeTemps);

interface BenchJson { results: Array<{ name: string }>; checks: Array<{ what: string; ok: boolean; detail?: string }> }

describe('the documented benchmarks, run small', () => {
  /** A benchmark as written, at a small size: exit 0, RESULT lines, its JSON in BENCH_RESULTS_DIR with every check passed. */
  async function bench(name: string, size: Record<string, string>, json: string | false = name): Promise<void> {
    const dir = temp(`sl-doc-bench-${name}-`);
    const command = `npx -y pnpm@10 bench:${name}`;
    const r = await run(command, { ...size, BENCH_RESULTS_DIR: dir }, 900_000);
    expectOk(r, command);
    expect(r.stdout).toMatch(/^RESULT \S+ -?[\d.]+ \S+/m);
    if (json === false) return;
    const out = JSON.parse(readFileSync(join(dir, `${json}.json`), 'utf8')) as BenchJson;
    expect(out.results.length).toBeGreaterThan(0);
    expect(out.checks.filter((c) => !c.ok)).toEqual([]);
  }

  it('bench:plans', () => bench('plans', {}), LONG);
  it('bench:firmware', () => bench('firmware', {}, false), LONG);
  it('bench:ingest', () => bench('ingest', { BENCH_DEVICES: '40', BENCH_FRAMES: '400', BENCH_STREAM_SECONDS: '10', BENCH_LATENCY_SECONDS: '2', BENCH_BOARDS: '4', BENCH_BOARD_HOURS: '2', BENCH_REPORT_DEVICES: '50' }), LONG);
  it('bench:api', () => bench('api', { BENCH_LIGHTS: '8000', BENCH_REPEAT: '5' }), LONG);
  it('bench:reconnect', () => bench('reconnect', { BENCH_DEVICES: '100' }), LONG);
  it('bench:sim', () => bench('sim', { SIM_BOARDS: '40', SIM_EQUIV_BOARDS: '6', SIM_MQTT_BOARDS: '60', SIM_CONNECT_RATE: '200' }), LONG);
  it('bench:ota', () => bench('ota', { BENCH_BOARDS: '10', BENCH_FULL_BYTES: '65536', BENCH_MOD_BYTES: '8192' }), LONG);
  it('bench:ui-map', () => bench('ui-map', { BENCH_LIGHTS: '300' }), LONG);
  it('bench:adaptive', () => bench('adaptive', { BENCH_DAYS: '2', BENCH_XS_DAYS: '1' }), LONG);
  it('the chaos month, small', async () => {
    const command = 'npx -y pnpm@10 test:chaos';
    const r = await run(command, { CHAOS_BOARDS: '6', CHAOS_DAYS: '2' }, 900_000);
    expectOk(r, command);
    // The summary line of the repository's vitest reporter (scripts/summary-reporter.ts).
    expect(r.stdout).toMatch(/^tests: [1-9]\d* passed, 0 failed/m);
  }, LONG);
});

