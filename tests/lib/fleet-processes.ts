/**
 * Real processes for chaos tests and benchmarks: a Mosquitto broker on a free port (restartable, with
 * persistence so QoS 1 sessions survive a restart as on a production broker) and the fleet server as a child
 * process (killable with SIGKILL, restartable on the same data directory).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve, reject) => { srv.once('error', reject); srv.listen(0, '127.0.0.1', () => resolve()); });
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

async function waitPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Mosquitto {
  readonly port: number;
  readonly url: string;
  /** Where it saves its sessions and queued messages (`persistence_location`). */
  readonly persistenceDir: string;
  /** SIGTERM (Mosquitto saves its persistence file) and start again on the same port. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `mosquitto` (MOSQUITTO_BIN or /usr/sbin/mosquitto) on a free port, anonymous, persistent sessions. */
export async function startMosquitto(): Promise<Mosquitto> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mosq-'));
  // Started as root, Mosquitto drops to its own user before it saves its persistence file: that user must be able
  // to write it (else every restart silently starts with no sessions and no queued messages).
  const data = path.join(dir, 'data');
  fs.mkdirSync(data);
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(data, 0o777);
  const port = await freePort();
  const conf = path.join(dir, 'mosquitto.conf');
  fs.writeFileSync(conf, [
    `listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence true', `persistence_location ${data}/`,
    'max_queued_messages 100000', 'max_inflight_messages 100', 'set_tcp_nodelay true', 'log_dest none', '',
  ].join('\n'));
  const bin = process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto';
  let proc: ChildProcess | undefined;
  const start = async () => {
    proc = spawn(bin, ['-c', conf], { stdio: 'ignore' });
    await waitPort(port, 10_000);
  };
  const stop = async () => {
    const p = proc;
    proc = undefined;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => { p.once('exit', () => resolve()); p.kill('SIGTERM'); });
  };
  await start();
  return {
    port, url: `mqtt://127.0.0.1:${port}`, persistenceDir: data,
    restart: async (downMs = 500) => { await stop(); await new Promise((r) => setTimeout(r, downMs)); await start(); },
    stop: async () => { await stop(); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}

export interface FleetChild {
  readonly httpUrl: string;
  readonly pid: number;
  /** Sends the virtual time (only with `virtualClock`). */
  setNow(ms: number): void;
  /**
   * Frames the server has taken from the broker and not finished (processing and batch commit: their PUBACK and
   * their answers are still to come), and frames received so far. A test that moves virtual time once the network
   * is quiet also waits for this (a loaded server can hold a frame longer than the broker stays quiet).
   */
  work(): Promise<{ pending: number; received: number }>;
  /** SIGKILL: no shutdown hook runs, in-flight transactions are cut. */
  kill(): Promise<void>;
  /** SIGTERM: graceful shutdown. */
  stop(): Promise<void>;
}

export interface FleetChildOptions {
  dataDir: string;
  mqttUrl: string;
  databaseUrl?: string | undefined;
  databaseSchema?: string | undefined;
  /** The server's clock follows `setNow` instead of the wall clock. */
  virtualClock?: boolean;
  logLevel?: string;
  env?: Record<string, string>;
  /** More Node options for the child (e.g. `--cpu-prof`). */
  execArgv?: string[];
}

const CHILD = fileURLToPath(new URL('./fleet-child.ts', import.meta.url));

/** Forks tests/lib/fleet-child.ts (the fleet server) and resolves once it listens. */
export async function startFleetChild(o: FleetChildOptions): Promise<FleetChild> {
  const env: Record<string, string> = {
    ...process.env as Record<string, string>, DATA_DIR: o.dataDir, MQTT_URL: o.mqttUrl, HTTP_PORT: '0', LOG_LEVEL: o.logLevel ?? 'warn',
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}), ...(o.databaseSchema ? { DATABASE_SCHEMA: o.databaseSchema } : {}),
    ...(o.virtualClock ? { FLEET_CLOCK: 'ipc' } : {}), ...o.env,
  };
  const child = fork(CHILD, [], { env, execArgv: ['--conditions=@streetlight/source', '--import', 'tsx', ...(o.execArgv ?? [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const httpUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('fleet server did not start within 60 s')), 60_000);
    child.on('message', (m: unknown) => {
      const ready = (m as { ready?: string } | null)?.ready;
      if (ready) { clearTimeout(timer); resolve(ready); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`fleet server exited with ${code} before listening`)); });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let asks = 0;
  return {
    httpUrl,
    pid: child.pid ?? 0,
    setNow: (ms) => { if (child.connected) child.send({ now: ms }); },
    work: () => new Promise((resolve, reject) => {
      const id = ++asks;
      const onMessage = (m: unknown): void => {
        const a = m as { work?: unknown; pending?: number; received?: number } | null;
        if (a?.work !== id) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve({ pending: a.pending ?? 0, received: a.received ?? 0 });
      };
      const onExit = (): void => { child.off('message', onMessage); reject(new Error('fleet server exited')); };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ work: id });
    }),
    kill: async () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); await exited; },
    stop: async () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM'); await exited; },
  };
}
