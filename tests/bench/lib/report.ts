/**
 * What every benchmark prints and keeps (issue 14): `RESULT <name> <value> <unit>` lines on stdout, and
 * `bench/results/<bench>.json` at the repository root with the figures, the machine (CPU model, cores, memory,
 * Node version), the date, the machine's load average at the start and at the end, and the CPU time of each
 * process the benchmark measured (its own, and any it names: a fleet-server child, PostgreSQL back ends, the
 * broker), so that two runs can be compared and a README figure can say under what load it was measured.
 *
 *   const report = benchReport('ingest');
 *   report.result('sqlite_frames_per_s', 812, 'frames/s');
 *   report.check('every record stored', stored === sent, `${stored} of ${sent}`);   // a failed check fails the run
 *   report.cpu('fleet-server', { userMs, systemMs });                               // or report.cpuOfPid(pid, name)
 *   await report.finish();                                                          // writes the JSON, sets exitCode
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface BenchResult { name: string; value: number; unit: string }
export interface BenchCheck { what: string; ok: boolean; detail?: string | undefined }
export interface CpuTime { userMs: number; systemMs: number }

export interface BenchReport {
  /** One figure: printed at once as a RESULT line, kept for the JSON. */
  result(name: string, value: number, unit: string): void;
  /** A claim the benchmark verified (row counts, acks…): printed; a false one fails the run (exit code 1). */
  check(what: string, ok: boolean, detail?: string): void;
  /** CPU time of a process or part, measured by the caller. */
  cpu(name: string, time: CpuTime): void;
  /** CPU time so far of a Linux process (from /proc/<pid>/stat), or undefined when it cannot be read. */
  cpuOfPid(pid: number): CpuTime | undefined;
  /** Free text kept with the run (what was measured, parameters). */
  note(text: string): void;
  /** Writes bench/results/<bench>.json (path returned); sets process.exitCode = 1 when a check failed. */
  finish(): Promise<string>;
  readonly results: readonly BenchResult[];
}

function cpuModel(): string {
  return cpus()[0]?.model ?? 'unknown';
}

/** CPU time of the process `pid` from /proc (Linux), in ms. */
export function processCpu(pid: number): CpuTime | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    // Fields after the command: state is [0]; utime [11], stime [12] (man 5 proc, counted from 1 after the name).
    return { userMs: (Number(fields[11]) * 1000) / hz, systemMs: (Number(fields[12]) * 1000) / hz };
  } catch {
    return undefined;
  }
}

export function benchReport(bench: string): BenchReport {
  const started = new Date();
  const loadStart = loadavg();
  const results: BenchResult[] = [];
  const checks: BenchCheck[] = [];
  const cpu: Record<string, CpuTime> = {};
  const notes: string[] = [];
  const self0 = process.cpuUsage();
  return {
    results,
    result(name, value, unit) {
      results.push({ name, value, unit });
      process.stdout.write(`RESULT ${name} ${value} ${unit}\n`);
    },
    check(what, ok, detail) {
      checks.push({ what, ok, detail });
      process.stdout.write(`CHECK ${ok ? 'ok' : 'FAILED'} ${what}${detail ? ` (${detail})` : ''}\n`);
    },
    cpu(name, time) { cpu[name] = time; },
    cpuOfPid: (pid) => processCpu(pid),
    note(text) { notes.push(text); },
    async finish() {
      const self = process.cpuUsage(self0);
      cpu['bench process'] ??= { userMs: self.user / 1000, systemMs: self.system / 1000 };
      const out = {
        bench,
        date: started.toISOString(),
        seconds: (Date.now() - started.getTime()) / 1000,
        machine: { cpu: cpuModel(), cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), freeGiB: Math.round(freemem() / 2 ** 30), node: process.version, platform: process.platform },
        load: { start: loadStart, end: loadavg() },
        cpu,
        results,
        checks,
        notes,
      };
      const dir = join(REPO, 'bench', 'results');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${bench}.json`);
      writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
      process.stdout.write(`load average ${loadStart.map((l) => l.toFixed(2)).join(' ')} → ${out.load.end.map((l) => l.toFixed(2)).join(' ')}; results in ${file}\n`);
      if (checks.some((c) => !c.ok)) process.exitCode = 1;
      return file;
    },
  };
}
