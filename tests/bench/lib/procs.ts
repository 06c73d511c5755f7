/**
 * Processes a benchmark runs and measures (issue 14): its own Mosquitto with known settings, a plain counting
 * subscriber in a child process, and the CPU time of a group of processes that come and go (PostgreSQL back
 * ends) sampled from /proc.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../../lib/fleet-processes.js';
import { processCpu, type CpuTime } from './report.js';

async function waitPort(port: number, timeoutMs: number): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface BenchBroker {
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  /** The configuration file's text (kept with the results: the settings the figures were taken with). */
  readonly config: string;
  stop(): Promise<void>;
}

/**
 * A Mosquitto of the benchmark's own on a free port: anonymous, no persistence, queues long enough to hold any
 * stream the benchmark publishes (`max_queued_messages`, no byte limit), `max_inflight_messages` QoS 1 messages
 * in flight to each client (the project's test brokers use the same 100), Nagle off.
 */
export async function startBenchBroker(o: { maxInflight?: number; maxQueued?: number } = {}): Promise<BenchBroker> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-mosq-'));
  const port = await freePort();
  const config = [
    `listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false',
    `max_queued_messages ${o.maxQueued ?? 1_000_000}`, 'max_queued_bytes 0', `max_inflight_messages ${o.maxInflight ?? 100}`,
    'set_tcp_nodelay true', 'log_dest none', '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'mosquitto.conf'), config);
  const proc: ChildProcess = spawn(process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto', ['-c', path.join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  try {
    await waitPort(port, 10_000);
  } catch (err) {
    proc.kill('SIGKILL');
    throw err;
  }
  return {
    port, url: `mqtt://127.0.0.1:${port}`, pid: proc.pid ?? 0, config,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CountingSubscriber {
  readonly pid: number;
  /** Frames received so far (as last reported by the child, at most ~5 ms old). */
  readonly count: number;
  /** When the last count arrived (performance.now()). */
  readonly lastAt: number;
  /** Resolves once the count reaches `n` (or rejects after `timeoutMs` without progress). */
  reached(n: number, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

const SUBSCRIBER = fileURLToPath(new URL('./count-subscriber.ts', import.meta.url));

/** Forks count-subscriber.ts: a plain mqtt.js client subscribed to `filter` at QoS 1 that only counts. */
export async function startCountingSubscriber(url: string, filter: string): Promise<CountingSubscriber> {
  const child = fork(SUBSCRIBER, [], { env: { ...process.env, BENCH_MQTT_URL: url, BENCH_FILTER: filter }, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let count = 0;
  let at = performance.now();
  const waiters = new Set<() => void>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('counting subscriber did not subscribe within 30 s')), 30_000);
    child.on('message', (m: unknown) => {
      const msg = m as { ready?: boolean; count?: number };
      if (msg.ready) { clearTimeout(timer); resolve(); }
      if (typeof msg.count === 'number') {
        count = msg.count;
        at = performance.now();
        for (const w of waiters) w();
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`counting subscriber exited with ${code}`)); });
  });
  return {
    pid: child.pid ?? 0,
    get count() { return count; },
    get lastAt() { return at; },
    reached: (n, timeoutMs = 30_000) => new Promise<number>((resolve, reject) => {
      const check = (): void => {
        if (count >= n) { waiters.delete(check); clearInterval(watchdog); resolve(at); }
      };
      const watchdog = setInterval(() => {
        if (performance.now() - at > timeoutMs) { waiters.delete(check); clearInterval(watchdog); reject(new Error(`counting subscriber stuck at ${count} of ${n}`)); }
      }, 500);
      waiters.add(check);
      check();
    }),
    stop: async () => {
      if (child.connected) child.send({ stop: true });
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

/**
 * CPU time of the PostgreSQL back ends serving connections whose `application_name` is `app`, over a window:
 * back ends are listed from pg_stat_activity and their CPU read from /proc every `everyMs` (a back end that
 * exits between two samples loses what it spent since the last one; a pool under load keeps its connections).
 * Also the CPU of PostgreSQL's own processes (WAL writer, checkpointer, background writer, autovacuum), which
 * every user of the cluster shares, so they are reported apart.
 */
export class PgBackendCpu {
  private readonly client: pg.Client;
  private readonly base = new Map<number, CpuTime>();
  private readonly last = new Map<number, CpuTime>();
  private readonly bgBase = new Map<number, CpuTime>();
  private readonly bgLast = new Map<number, CpuTime>();
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> = Promise.resolve();
  private readonly pids = new Set<number>();

  private constructor(client: pg.Client, private readonly app: string, private readonly everyMs: number) {
    this.client = client;
  }

  /** A monitor connection on `url` (application_name `bench-monitor`) for the back ends named `app`. */
  static async open(url: string, app: string, everyMs = 200): Promise<PgBackendCpu> {
    const client = new pg.Client({ connectionString: url, application_name: 'bench-monitor' });
    await client.connect();
    return new PgBackendCpu(client, app, everyMs);
  }

  private async sample(first: boolean): Promise<void> {
    const r = await this.client.query<{ pid: number; backend_type: string }>(
      'select pid, backend_type from pg_stat_activity where application_name = $1 or backend_type <> \'client backend\'', [this.app]);
    for (const row of r.rows) {
      const t = processCpu(row.pid);
      if (!t) continue;
      const bg = row.backend_type !== 'client backend';
      const [base, last] = bg ? [this.bgBase, this.bgLast] : [this.base, this.last];
      // A back end first seen after the window opened started inside it: all its CPU counts.
      if (!base.has(row.pid)) base.set(row.pid, first ? t : { userMs: 0, systemMs: 0 });
      last.set(row.pid, t);
      if (!bg) this.pids.add(row.pid);
    }
  }

  /** Opens the window (baseline) and samples every `everyMs` until stop(). */
  async start(): Promise<void> {
    this.base.clear(); this.last.clear(); this.bgBase.clear(); this.bgLast.clear(); this.pids.clear();
    await this.sample(true);
    this.timer = setInterval(() => { this.sampling = this.sampling.then(() => this.sample(false)).catch(() => undefined); }, this.everyMs);
  }

  /** Closes the window: CPU of the back ends and of PostgreSQL's background processes, and how many back ends. */
  async stop(): Promise<{ backends: CpuTime; background: CpuTime; count: number }> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.sampling;
    await this.sample(false);
    const sum = (base: Map<number, CpuTime>, last: Map<number, CpuTime>): CpuTime => {
      let userMs = 0;
      let systemMs = 0;
      for (const [pid, t] of last) {
        const b = base.get(pid) ?? { userMs: 0, systemMs: 0 };
        userMs += t.userMs - b.userMs;
        systemMs += t.systemMs - b.systemMs;
      }
      return { userMs, systemMs };
    };
    return { backends: sum(this.base, this.last), background: sum(this.bgBase, this.bgLast), count: this.pids.size };
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.client.end().catch(() => undefined);
  }
}

/** CPU of `pid` since `from` (a processCpu() reading); zero when it cannot be read. */
export function cpuSince(pid: number, from: CpuTime | undefined): CpuTime {
  const now = processCpu(pid);
  if (!now || !from) return { userMs: 0, systemMs: 0 };
  return { userMs: now.userMs - from.userMs, systemMs: now.systemMs - from.systemMs };
}

/** Peak resident memory of `pid` (VmHWM), MiB; undefined when it cannot be read. */
export function peakRssMiB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}
