/**
 * What every benchmark prints and keeps (issue 14): `RESULT <name> <value> <unit>` lines on stdout, and
 * `bench/results/<bench>.json` at the repository root (or in `BENCH_RESULTS_DIR`) with the figures, the checks and goals, the machine (CPU
 * model, cores, memory, Node version), the date, the commit measured (and any tracked file modified in the working
 * tree: a shared tree measures those too), the machine's load (below), and the CPU time of each
 * process the benchmark measured (its own, and any it names: a fleet-server child, PostgreSQL back ends, the
 * broker), so that two runs can be compared and a README figure can say under what load it was measured.
 *
 *   const report = benchReport('ingest');
 *   report.result('sqlite_frames_per_s', 812, 'frames/s');
 *   report.check('every record stored', stored === sent, `${stored} of ${sent}`);   // a failed check fails the run
 *   report.goal('≥ half the pass-through', rate >= limit / 2, `${rate} of ${limit}`); // reported, never fails the run
 *   report.cpu('fleet-server', { userMs, systemMs });                               // or report.cpuOfPid(pid, name)
 *   await report.finish();                                                          // writes the JSON, sets exitCode
 *
 * The JSON's `load` says under what load the figures were taken: the 1-minute load average at the start, its
 * highest value sampled every 5 s during the run, and at the end; and `busyCores`, the CPU time the whole machine
 * spent (every process, from /proc/stat) per second of the run, and `selfCores`, the benchmark process's own part
 * of it. A benchmark that also knows its other processes' CPU can subtract it per phase: what is left is what other
 * work on the machine took (`machineCpu()`, `machineMark()` / `busyCoresSince()`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface BenchResult { name: string; value: number; unit: string }
export interface BenchCheck { what: string; ok: boolean; detail?: string | undefined }
export interface BenchGoal { what: string; met: boolean; detail?: string | undefined }
export interface CpuTime { userMs: number; systemMs: number }

export interface BenchReport {
  /** One figure: printed at once as a RESULT line, kept for the JSON. */
  result(name: string, value: number, unit: string): void;
  /** A claim the benchmark verified (row counts, acks…): printed; a false one fails the run (exit code 1). */
  check(what: string, ok: boolean, detail?: string): void;
  /** A target the figures are held against (speed, latency): printed and kept; a missed goal does not fail the run. */
  goal(what: string, met: boolean, detail?: string): void;
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

let clockTicks: number | undefined;
/** Clock ticks per second of /proc's CPU times (asked once). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try { clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100; } catch { clockTicks = 100; }
  }
  return clockTicks;
}

/** CPU time of the process `pid` from /proc (Linux), in ms. */
export function processCpu(pid: number): CpuTime | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const hz = ticksPerSecond();
    // Fields after the command: state is [0]; utime [11], stime [12] (man 5 proc, counted from 1 after the name).
    return { userMs: (Number(fields[11]) * 1000) / hz, systemMs: (Number(fields[12]) * 1000) / hz };
  } catch {
    return undefined;
  }
}

/** The child processes of `pid` (Linux, /proc/<pid>/task/<tid>/children) with their command names. */
export function childProcesses(pid = process.pid): Array<{ pid: number; comm: string }> {
  const out: Array<{ pid: number; comm: string }> = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      for (const c of text ? text.split(/\s+/).map(Number) : []) {
        let comm = '';
        try { comm = readFileSync(`/proc/${c}/comm`, 'utf8').trim(); } catch { /* gone */ }
        out.push({ pid: c, comm });
      }
    }
  } catch { /* not Linux */ }
  return out;
}

/** CPU time of `pid` and every process below it (children, grandchildren…) alive now, in ms. */
export function processTreeCpu(pid: number): CpuTime | undefined {
  const own = processCpu(pid);
  if (!own) return undefined;
  let userMs = own.userMs;
  let systemMs = own.systemMs;
  for (const c of childProcesses(pid)) {
    const t = processTreeCpu(c.pid);
    if (t) { userMs += t.userMs; systemMs += t.systemMs; }
  }
  return { userMs, systemMs };
}

/** CPU time the whole machine has spent so far, every core and process (/proc/stat: all but idle and iowait), in ms. */
export function machineCpu(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest and guest_nice are already in user and nice)
    const busy = (f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0) + (f[7] ?? 0);
    return (busy * 1000) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

/** A mark to measure the machine's busy cores from: `busyCoresSince(mark)` = CPU s spent per s since then. */
export function machineMark(): { at: number; cpuMs: number | undefined } {
  return { at: performance.now(), cpuMs: machineCpu() };
}

export function busyCoresSince(mark: { at: number; cpuMs: number | undefined }): number | undefined {
  const now = machineCpu();
  const wall = performance.now() - mark.at;
  if (now === undefined || mark.cpuMs === undefined || wall <= 0) return undefined;
  return (now - mark.cpuMs) / wall;
}

export const cpuMs = (t: CpuTime | undefined): number => (t ? t.userMs + t.systemMs : 0);

/** The commit measured, and the tracked files that differ from it (a shared working tree measures those too). */
function gitState(): { commit: string; modified: string[] } | undefined {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    const modified = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO, encoding: 'utf8' })
      .split('\n').map((l) => l.slice(3).trim()).filter(Boolean);
    return { commit, modified };
  } catch {
    return undefined;
  }
}

export function benchReport(bench: string): BenchReport {
  const started = new Date();
  const git = gitState();
  const loadStart = loadavg();
  const mark = machineMark();
  let loadMax = loadStart[0] ?? 0;
  const sampler = setInterval(() => { loadMax = Math.max(loadMax, loadavg()[0] ?? 0); }, 5000);
  sampler.unref();
  const results: BenchResult[] = [];
  const checks: BenchCheck[] = [];
  const goals: BenchGoal[] = [];
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
    goal(what, met, detail) {
      goals.push({ what, met, detail });
      process.stdout.write(`GOAL ${met ? 'met' : 'missed'} ${what}${detail ? ` (${detail})` : ''}\n`);
    },
    cpu(name, time) { cpu[name] = time; },
    cpuOfPid: (pid) => processCpu(pid),
    note(text) { notes.push(text); },
    async finish() {
      clearInterval(sampler);
      const busy = busyCoresSince(mark);
      const loadEnd = loadavg();
      loadMax = Math.max(loadMax, loadEnd[0] ?? 0);
      const self = process.cpuUsage(self0);
      cpu['bench process'] ??= { userMs: self.user / 1000, systemMs: self.system / 1000 };
      const out = {
        bench,
        date: started.toISOString(),
        seconds: (Date.now() - started.getTime()) / 1000,
        ...(git ? { git } : {}),
        machine: { cpu: cpuModel(), cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), freeGiB: Math.round(freemem() / 2 ** 30), node: process.version, platform: process.platform },
        load: {
          start: loadStart, max1m: loadMax, end: loadEnd,
          ...(busy !== undefined ? { busyCores: Math.round(busy * 100) / 100 } : {}),
          // This process's own share of busyCores (its children and the processes it measured are in `cpu`).
          selfCores: Math.round(((self.user + self.system) / 1000 / (Date.now() - started.getTime())) * 100) / 100,
        },
        cpu,
        results,
        checks,
        goals,
        notes,
      };
      // BENCH_RESULTS_DIR: elsewhere than the committed results (the documentation test runs every bench small).
      const dir = process.env.BENCH_RESULTS_DIR ? resolve(process.env.BENCH_RESULTS_DIR) : join(REPO, 'bench', 'results');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${bench}.json`);
      writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
      process.stdout.write(`load average ${loadStart.map((l) => l.toFixed(2)).join(' ')} → ${loadEnd.map((l) => l.toFixed(2)).join(' ')} (1-min max ${loadMax.toFixed(2)})${busy !== undefined ? `, machine busy ${busy.toFixed(2)} of ${cpus().length} cores over the run` : ''}; results in ${file}\n`);
      if (checks.some((c) => !c.ok)) process.exitCode = 1;
      return file;
    },
  };
}
