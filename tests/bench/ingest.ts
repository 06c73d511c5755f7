/**
 * `pnpm bench:ingest` — how fast the fleet server stores energy, next to what the broker alone can pass (issue 14).
 *
 * One run produces the issue's table. The same kind of stream — EnergyReport frames of BENCH_DEVICES provisioned
 * devices (default 2,000), round robin, sealed with each device's key, QoS 1 into a Mosquitto of the bench's own
 * on a free port (settings in the results) — goes to each receiver in turn:
 * - the broker pass-through: a plain mqtt.js subscriber in a child process that only counts frames (the limit);
 * - the fleet server as a child process (tests/lib/fleet-child.ts = server.ts) on SQLite, then on PostgreSQL
 *   (TEST_DATABASE_URL, a schema of its own), after every device said Hello and was answered;
 * with 1-record and with 32-record frames. A stream is BENCH_FRAMES frames (default 10,000) published with at
 * most BENCH_WINDOW outstanding (default: one per device, as devices draining a backlog do), no longer than
 * BENCH_STREAM_SECONDS (default 20; a slower receiver gets the first part of the stream). A frame counts when
 * acknowledged: the EnergyAck the server sends after the frame's records are committed, MAC checked as the
 * firmware does (the pass-through: when the subscriber counted it).
 *
 * Per stream: frames/s and records/s (from the first publish to the last ack), the ratio to the pass-through
 * (the better of its two runs, one before and one after the servers), p50/p99 publish-to-ack, and CPU per frame
 * of the receiver (the server process; SQLite runs inside it), of PostgreSQL (the back ends of the server's
 * connections, by application_name, from /proc; PostgreSQL's own processes apart), of Mosquitto and of the load
 * generator; and how many cores the rest of the machine was using meanwhile. Then a latency run per database:
 * 1-record frames paced at 80 % of the rate measured, BENCH_LATENCY_SECONDS (default 10), p50/p99 publish-to-ack.
 *
 * Checked (a failure fails the run): every frame acknowledged, no ack above what a device sent, every device's
 * last ack = its last record, every downlink's MAC valid, and in the database after each stream exactly the
 * records sent (energy_records rows, daily rollups' record count and energy: nothing lost, nothing counted
 * twice) and none quarantined. Goals, reported but never failing the run: ≥ half the pass-through frames/s with
 * 1-record frames on SQLite, ≥ a quarter on PostgreSQL, p99 publish-to-ack ≤ 1 s at 80 % of the sustained rate.
 * Results: RESULT lines, the table, bench/results/ingest.json.
 *
 * Other parts, on demand: BENCH_ONLY=boards (simulated boards with the real firmware draining a backlog,
 * bench/results/ingest-boards.json), BENCH_ONLY=report (report queries over a generated year of
 * BENCH_REPORT_DEVICES devices, default 10,000, bench/results/ingest-reports.json).
 *
 * Environment: BENCH_DEVICES, BENCH_FRAMES, BENCH_WINDOW, BENCH_STREAM_SECONDS, BENCH_LATENCY_SECONDS,
 * BENCH_PUBLISHERS (load-generator connections, default 4), BENCH_BROKER_INFLIGHT (Mosquitto
 * max_inflight_messages, default 100), BENCH_SKIP_PG=1, TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test), BENCH_BOARDS / BENCH_BOARD_HOURS (boards part), BENCH_SIZES (records per frame of
 * the streams, default `1,32`), BENCH_SERVER_NODE_ARGS (Node options for the server child: `--cpu-prof
 * --cpu-prof-dir=<dir>` profiles each server run).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { channelFilter } from '@streetlight/protocol';
import { openPostgres, openSqlite } from '@streetlight/fleet-server';
import { provisionWith, type TestDevice } from '@streetlight/fleet-server/testing';
import type { DrizzleRepository } from '../../fleet-server/src/db/drizzle-repository.js';
import { DeviceIdentities, loadMasterKey } from '../../fleet-server/src/devices/identity.js';
import { EnergyRepository } from '../../fleet-server/src/db/energy-repository.js';
import { EnergyService } from '../../fleet-server/src/energy/service.js';
import { startFirmware, type Firmware, type Host } from '@streetlight/firmware';
import { SimBoard, VirtualClock } from '@streetlight/hardware-sim';
import { DeviceService } from '@streetlight/fleet-server';
import { Metrics } from '../../fleet-server/src/metrics.js';
import { startFleetChild, startMosquitto } from '../lib/fleet-processes.js';
import { benchReport, cpuMs, machineCpu, processCpu, type BenchReport, type CpuTime } from './lib/report.js';
import { LoadGen, pacedStream, pct, windowedStream, type Frame } from './lib/loadgen.js';
import { PgBackendCpu, cpuSince, peakRssMiB, startBenchBroker, startCountingSubscriber } from './lib/procs.js';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DEVICES = Number(process.env.BENCH_DEVICES ?? 2000);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 10_000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? DEVICES);
const STREAM_S = Number(process.env.BENCH_STREAM_SECONDS ?? 20);
const LATENCY_S = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const PUBLISHERS = Number(process.env.BENCH_PUBLISHERS ?? 4);
const INFLIGHT = Number(process.env.BENCH_BROKER_INFLIGHT ?? 100);
const SKIP_PG = process.env.BENCH_SKIP_PG === '1';
/** More Node options for the server child, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (a profile per server run, written when it stops). */
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const REPORT_DEVICES = Number(process.env.BENCH_REPORT_DEVICES ?? 10_000);
const BOARDS = Number(process.env.BENCH_BOARDS ?? 100);
const BOARD_HOURS = Number(process.env.BENCH_BOARD_HOURS ?? 24);
/** Frame sizes streamed (BENCH_SIZES, e.g. `1` for the 1-record streams alone). */
const SIZES: readonly number[] = (process.env.BENCH_SIZES ?? '1,32').split(',').map(Number).filter((n) => n >= 1);
const TENANT = 'bench';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const round = (x: number, digits = 0): number => Math.round(x * 10 ** digits) / 10 ** digits;
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

/**
 * Issue 11: the installation's device master key, created in `dataDir` (give the child server
 * `DEVICE_MASTER_KEY: path`), and its DeviceIdentities on `repo` (the database the child server uses).
 */
function identitiesOn(repo: DrizzleRepository, dataDir: string, now: () => number): { identities: DeviceIdentities; masterPath: string } {
  const masterPath = path.join(dataDir, 'device-master.key');
  return { identities: new DeviceIdentities({ adapter: repo.adapter, master: loadMasterKey(masterPath, true), now }), masterPath };
}

/** Provisions `ids` of `tenant` (broker: 127.0.0.1:`port`), a map by device id. */
async function provision(identities: DeviceIdentities, tenant: string, ids: readonly string[], port: number): Promise<Map<string, TestDevice>> {
  const out = new Map<string, TestDevice>();
  for (const id of ids) out.set(id, await provisionWith(identities, tenant, id, { broker: { host: '127.0.0.1', port } }));
  return out;
}

async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try { await c.query(`drop schema if exists "${schema}" cascade`); } finally { await c.end(); }
}

// ---------------------------------------------------------------- 1. the ingest table

type Receiver = 'passthrough' | 'sqlite' | 'postgres';

/** One measured stream: a row of the table. */
interface Row {
  receiver: Receiver;
  size: number;
  frames: number;
  records: number;
  seconds: number;
  capped: boolean;
  framesPerS: number;
  recordsPerS: number;
  p50Ms?: number | undefined;
  p99Ms?: number | undefined;
  /** CPU µs per frame: the receiving process, the database's back ends, PostgreSQL's own processes, the broker, the load generator. */
  receiverUs: number;
  dbUs?: number | undefined;
  dbBackgroundUs?: number | undefined;
  brokerUs: number;
  loadgenUs: number;
  /** Cores the rest of the machine used meanwhile (all CPU minus the processes above). */
  otherCores?: number | undefined;
}

/** CPU of the processes a stream involves, over a window. */
class Meter {
  private from = new Map<string, CpuTime | undefined>();
  private self0 = process.cpuUsage();
  private machine0: number | undefined;
  private t0 = 0;

  constructor(private readonly pids: Record<string, number>, private readonly pgCpu?: PgBackendCpu) {}

  async start(): Promise<void> {
    for (const [name, pid] of Object.entries(this.pids)) this.from.set(name, processCpu(pid));
    await this.pgCpu?.start();
    this.self0 = process.cpuUsage();
    this.machine0 = machineCpu();
    this.t0 = performance.now();
  }

  async stop(): Promise<{ wallMs: number; cpu: Record<string, CpuTime>; otherCores: number | undefined }> {
    const wallMs = performance.now() - this.t0;
    const machine1 = machineCpu();
    const self = process.cpuUsage(this.self0);
    const cpu: Record<string, CpuTime> = { 'load generator': { userMs: self.user / 1000, systemMs: self.system / 1000 } };
    for (const [name, pid] of Object.entries(this.pids)) cpu[name] = cpuSince(pid, this.from.get(name));
    if (this.pgCpu) {
      const p = await this.pgCpu.stop();
      cpu['postgres back ends'] = p.backends;
      cpu['postgres background'] = p.background;
    }
    const ours = Object.values(cpu).reduce((a, t) => a + cpuMs(t), 0);
    const otherCores = machine1 !== undefined && this.machine0 !== undefined ? Math.max(0, (machine1 - this.machine0 - ours) / wallMs) : undefined;
    return { wallMs, cpu, otherCores };
  }
}

/** Makes `n` frames of `size` records, round robin over the devices from device `from`. */
function makeFrames(gen: LoadGen, n: number, size: number, from = 0): Frame[] {
  return Array.from({ length: n }, (_, i) => gen.energy((from + i) % gen.size, size));
}

function recordCpu(report: BenchReport, label: string, cpu: Record<string, CpuTime>): void {
  for (const [name, t] of Object.entries(cpu)) report.cpu(`${name}, ${label}`, { userMs: round(t.userMs, 1), systemMs: round(t.systemMs, 1) });
}

/** The broker alone: a counting subscriber receives the stream. Returns a row per frame size. */
async function passthrough(report: BenchReport, devices: readonly TestDevice[], run: number): Promise<Row[]> {
  const broker = await startBenchBroker({ maxInflight: INFLIGHT });
  const sub = await startCountingSubscriber(broker.url, channelFilter('up', TENANT));
  const gen = new LoadGen(broker.url, devices, PUBLISHERS);
  const rows: Row[] = [];
  try {
    await gen.connect(TENANT);
    for (const size of SIZES) {
      const frames = makeFrames(gen, FRAMES, size);
      const meter = new Meter({ 'counting subscriber': sub.pid, mosquitto: broker.pid });
      await meter.start();
      const out = await windowedStream(gen, frames, { window: WINDOW, capMs: STREAM_S * 1000, track: false, completed: () => sub.count, lastAt: () => sub.lastAt });
      const m = await meter.stop();
      gen.unmake(frames.slice(out.frames));
      const label = `pass-through run ${run}, ${size}-record frames`;
      report.check(`${label}: every frame published reached the subscriber`, out.completed === out.frames && gen.publishErrors === 0, `${out.completed} of ${out.frames}, ${gen.publishErrors} publish errors`);
      recordCpu(report, label, m.cpu);
      rows.push({
        receiver: 'passthrough', size, frames: out.frames, records: out.frames * size, seconds: out.ms / 1000, capped: out.capped,
        framesPerS: (out.completed * 1000) / out.ms, recordsPerS: (out.completed * size * 1000) / out.ms,
        receiverUs: (cpuMs(m.cpu['counting subscriber']) * 1000) / out.frames, brokerUs: (cpuMs(m.cpu.mosquitto) * 1000) / out.frames,
        loadgenUs: (cpuMs(m.cpu['load generator']) * 1000) / out.frames, otherCores: m.otherCores,
      });
    }
  } finally {
    await gen.close();
    await sub.stop();
    await broker.stop();
  }
  return rows;
}

interface Prepared {
  label: 'sqlite' | 'postgres';
  dataDir: string;
  masterPath: string;
  schema: string;
  repo: DrizzleRepository;
  devices: TestDevice[];
}

/** A database with the tenant's devices provisioned (identities on the server's master key). */
async function prepare(label: 'sqlite' | 'postgres'): Promise<Prepared> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-'));
  const schema = `bench_ingest_${process.pid}`;
  const repo = label === 'postgres' ? await openPostgres(PG_URL, schema) : openSqlite(path.join(dataDir, 'fleet.sqlite'));
  const { identities, masterPath } = identitiesOn(repo, dataDir, Date.now);
  const ids = Array.from({ length: DEVICES }, (_, i) => `b${String(i).padStart(5, '0')}`);
  const devices = [...(await provision(identities, TENANT, ids, 1883)).values()];
  return { label, dataDir, masterPath, schema, repo, devices };
}

/** What the database holds for the tenant: records, the daily rollups' record count and energy, quarantined records. */
async function stored(p: Prepared): Promise<{ records: number; rollupRecords: number; rollupMwh: number; quarantined: number }> {
  const q = [
    `select count(*) as n from energy_records where tenant_id = '${TENANT}'`,
    `select coalesce(sum(records), 0) as n from energy_daily where tenant_id = '${TENANT}'`,
    `select coalesce(sum(energy_mwh), 0) as n from energy_daily where tenant_id = '${TENANT}'`,
    `select count(*) as n from energy_quarantine where tenant_id = '${TENANT}'`,
  ];
  const out: number[] = [];
  for (const text of q) {
    if (p.repo.dialect === 'sqlite') {
      const db = p.repo.adapter.db as unknown as { get(q: unknown): { n: number } };
      out.push(Number(db.get(sql.raw(text)).n));
    } else {
      const db = p.repo.adapter.db as unknown as { execute(q: unknown): Promise<{ rows: Array<{ n: string | number }> }> };
      out.push(Number((await db.execute(sql.raw(text))).rows[0]?.n ?? 0));
    }
  }
  return { records: out[0] ?? 0, rollupRecords: out[1] ?? 0, rollupMwh: out[2] ?? 0, quarantined: out[3] ?? 0 };
}

/** The checks every server stream ends with: acks and the database against what was sent. */
async function verify(report: BenchReport, p: Prepared, gen: LoadGen, label: string, out: { frames: number; completed: number }): Promise<void> {
  report.check(`${label}: every frame acknowledged`, out.completed === out.frames, `${out.completed} of ${out.frames}`);
  report.check(`${label}: every device's last ack is its last record`, gen.unacknowledgedDevices() === 0, `${gen.unacknowledgedDevices()} devices behind`);
  report.check(`${label}: no ack above what a device sent, every downlink MAC valid, no publish error`,
    gen.ackBeyondSent === 0 && gen.badMac === 0 && gen.publishErrors === 0, `${gen.ackBeyondSent} acks beyond, ${gen.badMac} bad MACs, ${gen.publishErrors} publish errors`);
  const s = await stored(p);
  report.check(`${label}: the database holds every record sent, once`, s.records === gen.recordsSent && s.rollupRecords === gen.recordsSent && s.rollupMwh === gen.energySentMwh,
    `${s.records} records, rollups ${s.rollupRecords} records / ${s.rollupMwh} mWh, sent ${gen.recordsSent} / ${gen.energySentMwh} mWh`);
  report.check(`${label}: no record quarantined`, s.quarantined === 0, `${s.quarantined}`);
}

/** The fleet server on one database: Hellos, the 1-record stream, the latency run, the 32-record stream. */
async function serverRuns(report: BenchReport, p: Prepared, rows: Row[], latency: Row[]): Promise<void> {
  const broker = await startBenchBroker({ maxInflight: INFLIGHT });
  const app = `bench-ingest-${process.pid}`;
  const url = new URL(PG_URL);
  url.searchParams.set('application_name', app);
  const started = performance.now();
  const server = await startFleetChild({
    dataDir: p.dataDir, mqttUrl: broker.url, env: { DEVICE_MASTER_KEY: p.masterPath }, execArgv: SERVER_NODE_ARGS,
    ...(p.label === 'postgres' ? { databaseUrl: url.toString(), databaseSchema: p.schema } : {}),
  });
  report.result(`${p.label}_server_start`, round((performance.now() - started) / 1000, 1), 's');
  const pgCpu = p.label === 'postgres' ? await PgBackendCpu.open(PG_URL, app) : undefined;
  const gen = new LoadGen(broker.url, p.devices, PUBLISHERS);
  const pids = { 'fleet server': server.pid, mosquitto: broker.pid };
  try {
    await gen.connect(TENANT);
    // Every device says Hello and is answered (TimeSync, configuration) before anything is measured.
    const hellos = p.devices.map((_, d) => gen.hello(d));
    const h = await windowedStream(gen, hellos, { window: WINDOW, capMs: 300_000, track: false, completed: () => gen.answered, lastAt: () => gen.lastAnsweredAt });
    report.check(`${p.label}: every device's Hello answered`, h.completed === DEVICES, `${h.completed} of ${DEVICES}`);
    report.result(`${p.label}_hellos_per_s`, Math.round((h.completed * 1000) / h.ms), 'frames/s');

    const stream = async (size: number): Promise<void> => {
      const label = `${p.label}, ${size}-record frames`;
      const frames = makeFrames(gen, FRAMES, size);
      gen.takeLatencies();
      const meter = new Meter(pids, pgCpu);
      await meter.start();
      const out = await windowedStream(gen, frames, { window: WINDOW, capMs: STREAM_S * 1000, track: true, completed: () => gen.completed, lastAt: () => gen.lastCompletionAt });
      const m = await meter.stop();
      gen.unmake(frames.slice(out.frames));
      const lat = gen.takeLatencies();
      recordCpu(report, label, m.cpu);
      await verify(report, p, gen, label, out);
      rows.push({
        receiver: p.label, size, frames: out.frames, records: out.frames * size, seconds: out.ms / 1000, capped: out.capped,
        framesPerS: (out.completed * 1000) / out.ms, recordsPerS: (out.completed * size * 1000) / out.ms, p50Ms: pct(lat, 50), p99Ms: pct(lat, 99),
        receiverUs: (cpuMs(m.cpu['fleet server']) * 1000) / out.frames, brokerUs: (cpuMs(m.cpu.mosquitto) * 1000) / out.frames,
        loadgenUs: (cpuMs(m.cpu['load generator']) * 1000) / out.frames, otherCores: m.otherCores,
        ...(pgCpu ? { dbUs: (cpuMs(m.cpu['postgres back ends']) * 1000) / out.frames, dbBackgroundUs: (cpuMs(m.cpu['postgres background']) * 1000) / out.frames } : {}),
      });
    };

    // Latency at 80 % of the sustained rate (1-record frames), paced, right after that rate was measured.
    const latencyRun = async (): Promise<void> => {
      const sustained = rows.find((r) => r.receiver === p.label && r.size === 1)?.framesPerS ?? 0;
      const rate = Math.max(1, 0.8 * sustained);
      const label = `${p.label}, 1-record frames paced at 80 % (${Math.round(rate)} frames/s)`;
      gen.takeLatencies();
      const meter = new Meter(pids, pgCpu);
      await meter.start();
      const first = gen.published % DEVICES;
      const out = await pacedStream(gen, rate, LATENCY_S, (n) => gen.energy((first + n) % DEVICES, 1));
      const m = await meter.stop();
      const lat = gen.takeLatencies();
      recordCpu(report, label, m.cpu);
      await verify(report, p, gen, label, out);
      latency.push({
        receiver: p.label, size: 1, frames: out.frames, records: out.frames, seconds: out.ms / 1000, capped: false,
        framesPerS: (out.completed * 1000) / out.ms, recordsPerS: (out.completed * 1000) / out.ms, p50Ms: pct(lat, 50), p99Ms: pct(lat, 99),
        receiverUs: (cpuMs(m.cpu['fleet server']) * 1000) / Math.max(1, out.frames), brokerUs: (cpuMs(m.cpu.mosquitto) * 1000) / Math.max(1, out.frames),
        loadgenUs: (cpuMs(m.cpu['load generator']) * 1000) / Math.max(1, out.frames), otherCores: m.otherCores,
        ...(pgCpu ? { dbUs: (cpuMs(m.cpu['postgres back ends']) * 1000) / Math.max(1, out.frames) } : {}),
      });
    };

    if (SIZES.includes(1)) {
      await stream(1);
      await latencyRun();
    }
    for (const size of SIZES) if (size !== 1) await stream(size);
    const rss = peakRssMiB(server.pid);
    if (rss !== undefined) report.result(`${p.label}_server_peak_rss`, rss, 'MiB');
  } finally {
    await gen.close();
    await server.stop();
    await broker.stop();
    await pgCpu?.close();
    await p.repo.close();
    if (p.label === 'postgres') await dropSchema(p.schema);
    fs.rmSync(p.dataDir, { recursive: true, force: true });
  }
}

const RECEIVER: Record<Receiver, string> = {
  passthrough: 'broker pass-through: plain subscriber counting frames (the limit)',
  sqlite: 'this fleet server, SQLite',
  postgres: 'this fleet server, PostgreSQL',
};

async function ingestTable(): Promise<void> {
  const report = benchReport('ingest');
  const t0 = performance.now();
  report.note(`${DEVICES} provisioned devices, streams of up to ${FRAMES} EnergyReport frames (round robin) with at most ${WINDOW} outstanding, capped at ${STREAM_S} s; QoS 1 over ${PUBLISHERS} load-generator connections; latency runs ${LATENCY_S} s at 80 % of the 1-record rate`);
  const rows: Row[] = [];
  const latency: Row[] = [];
  const sqlitePrep = await prepare('sqlite');
  // The pass-through carries frames of the same size, sealed with the same keys, before and after the servers.
  const devices = sqlitePrep.devices;
  const pass = await passthrough(report, devices, 1);
  let brokerConfig = '';
  {
    const b = await startBenchBroker({ maxInflight: INFLIGHT });
    brokerConfig = b.config;
    await b.stop();
  }
  report.note(`Mosquitto ${brokerConfig.replace(/listener \d+/, 'listener <free port>').trim().split('\n').join('; ')}`);
  await serverRuns(report, sqlitePrep, rows, latency);
  if (!SKIP_PG) await serverRuns(report, await prepare('postgres'), rows, latency);
  pass.push(...(await passthrough(report, devices, 2)));

  const limit = (size: number): number => Math.max(0, ...pass.filter((r) => r.size === size).map((r) => r.framesPerS));
  for (const r of pass) {
    const run = pass.indexOf(r) < SIZES.length ? 1 : 2;
    report.result(`passthrough_run${run}_${r.size}rec_frames_per_s`, Math.round(r.framesPerS), 'frames/s');
    report.result(`passthrough_run${run}_${r.size}rec_subscriber_cpu_per_frame`, round(r.receiverUs, 1), 'us');
    report.result(`passthrough_run${run}_${r.size}rec_broker_cpu_per_frame`, round(r.brokerUs, 1), 'us');
  }
  for (const size of SIZES) report.result(`passthrough_${size}rec_frames_per_s`, Math.round(limit(size)), 'frames/s');
  for (const r of rows) {
    const k = `${r.receiver}_${r.size}rec`;
    report.result(`${k}_frames`, r.frames, 'frames');
    report.result(`${k}_frames_per_s`, Math.round(r.framesPerS), 'frames/s');
    report.result(`${k}_records_per_s`, Math.round(r.recordsPerS), 'records/s');
    report.result(`${k}_ratio_to_passthrough`, round(r.framesPerS / limit(r.size), 3), 'x');
    report.result(`${k}_ack_p50`, round(r.p50Ms ?? 0, 1), 'ms');
    report.result(`${k}_ack_p99`, round(r.p99Ms ?? 0, 1), 'ms');
    report.result(`${k}_server_cpu_per_frame`, Math.round(r.receiverUs), 'us');
    if (r.dbUs !== undefined) report.result(`${k}_db_cpu_per_frame`, Math.round(r.dbUs), 'us');
    if (r.dbBackgroundUs !== undefined) report.result(`${k}_db_background_cpu_per_frame`, Math.round(r.dbBackgroundUs), 'us');
    report.result(`${k}_broker_cpu_per_frame`, round(r.brokerUs, 1), 'us');
    if (r.otherCores !== undefined) report.result(`${k}_other_load`, round(r.otherCores, 2), 'cores');
  }
  for (const r of latency) {
    const k = `${r.receiver}_latency_80pct`;
    report.result(`${k}_rate`, Math.round(r.framesPerS), 'frames/s');
    report.result(`${k}_ack_p50`, round(r.p50Ms ?? 0, 1), 'ms');
    report.result(`${k}_ack_p99`, round(r.p99Ms ?? 0, 1), 'ms');
    if (r.otherCores !== undefined) report.result(`${k}_other_load`, round(r.otherCores, 2), 'cores');
  }

  // Goals: reported next to the figures, never failing the run.
  const one = (rcv: Receiver) => rows.find((r) => r.receiver === rcv && r.size === 1);
  const cores = os.cpus().length;
  const goal = (rcv: Receiver, share: number, words: string): void => {
    const r = one(rcv);
    if (!r) return;
    // What the rest of the stream costs on this machine: the load generator (publishing, and checking each EnergyAck's
    // MAC) and the broker (both directions) at their CPU per frame in this run. All the machine's cores spread over the
    // goal's rate, minus theirs, is what the server (and PostgreSQL) could spend per frame at the goal; all the cores
    // over theirs alone is the most any receiver could reach here.
    const rest = r.brokerUs + r.loadgenUs;
    const budget = (cores * 1e6) / (share * limit(1)) - rest;
    const ceiling = (cores * 1e6) / rest;
    report.result(`${rcv}_1rec_rest_cpu_per_frame`, Math.round(rest), 'us');
    report.result(`${rcv}_1rec_server_budget_at_goal`, Math.round(budget), 'us');
    report.result(`${rcv}_1rec_machine_ceiling`, Math.round(ceiling), 'frames/s');
    report.goal(`${RECEIVER[rcv]}: ≥ ${words} of the pass-through frames/s with 1-record frames`, r.framesPerS >= share * limit(1),
      `${fmt(r.framesPerS)} vs ${fmt(limit(1))} (${round(r.framesPerS / limit(1), 3)}×, goal ${share}×); at the goal's ${fmt(share * limit(1))} frames/s the ${cores} cores give ` +
      `${fmt((cores * 1e6) / (share * limit(1)))} µs per frame, of which the load generator and the broker take ${fmt(rest)} µs: ${budget > 0 ? `${fmt(budget)} µs` : 'nothing'} left ` +
      `for the server${rcv === 'postgres' ? ' and PostgreSQL' : ''} (it spent ${fmt(r.receiverUs + (r.dbUs ?? 0))} µs); no receiver could pass ${fmt(ceiling)} frames/s here`);
  };
  goal('sqlite', 0.5, 'half');
  goal('postgres', 0.25, 'a quarter');
  for (const r of latency) report.goal(`${RECEIVER[r.receiver]}: p99 publish-to-ack ≤ 1 s at 80 % of the sustained rate`, (r.p99Ms ?? Infinity) <= 1000, `p99 ${round(r.p99Ms ?? 0)} ms at ${fmt(r.framesPerS)} frames/s`);

  const table = [
    '| receiver | records/frame | frames (s) | frames/s | records/s | × pass-through | ack p50 / p99 | CPU per frame: receiver | database | broker | other load |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...[...pass, ...rows].map((r) => `| ${RECEIVER[r.receiver]}${r.receiver === 'passthrough' ? ` (run ${pass.indexOf(r) < SIZES.length ? 1 : 2})` : ''} | ${r.size} | ${fmt(r.frames)} (${r.seconds.toFixed(1)} s${r.capped ? ', capped' : ''}) | ${fmt(r.framesPerS)} | ${fmt(r.recordsPerS)} | ${round(r.framesPerS / limit(r.size), 3)} | ${r.p50Ms === undefined ? '—' : `${fmt(r.p50Ms)} / ${fmt(r.p99Ms ?? 0)} ms`} | ${fmt(r.receiverUs)} µs | ${r.dbUs === undefined ? (r.receiver === 'sqlite' ? 'in the server' : '—') : `${fmt(r.dbUs)} µs (+ ${fmt(r.dbBackgroundUs ?? 0)} µs shared)`} | ${fmt(r.brokerUs)} µs | ${r.otherCores === undefined ? '?' : `${r.otherCores.toFixed(2)} cores`} |`),
    ...latency.map((r) => `| ${RECEIVER[r.receiver]}, paced at 80 % | 1 | ${fmt(r.frames)} (${r.seconds.toFixed(1)} s) | ${fmt(r.framesPerS)} | ${fmt(r.recordsPerS)} | — | ${fmt(r.p50Ms ?? 0)} / ${fmt(r.p99Ms ?? 0)} ms | ${fmt(r.receiverUs)} µs | ${r.dbUs === undefined ? (r.receiver === 'sqlite' ? 'in the server' : '—') : `${fmt(r.dbUs)} µs`} | ${fmt(r.brokerUs)} µs | ${r.otherCores === undefined ? '?' : `${r.otherCores.toFixed(2)} cores`} |`),
  ].join('\n');
  process.stdout.write(`\n${table}\n\n`);
  report.note(table);
  process.stdout.write(`# ingest table in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  await report.finish();
}

// ---------------------------------------------------------------- 2. simulated boards (real firmware) draining a backlog

/**
 * BOARDS simulated boards with metering chips (the real firmware) log BOARD_HOURS of records with their link
 * down, then the links come back and the backlog drains through Mosquitto into the server child (SQLite):
 * records acknowledged per real second while draining. The firmware paces its catch-up (one batch of 32 in
 * flight, 2–4 virtual s between batches); the virtual clock runs as fast as the machine allows.
 */
async function boardsDrain(report: BenchReport): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-boards-'));
  const broker = await startMosquitto();
  const clock = new VirtualClock({ start: Date.UTC(2026, 0, 5, 16, 0, 0) }); // 17:00 in Sarlat: dusk
  const repo = openSqlite(path.join(dataDir, 'fleet.sqlite'));
  const log = { debug() {}, info() {}, warn() {}, error() {} };
  const ids = Array.from({ length: BOARDS }, (_, i) => `BB-${String(i).padStart(4, '0')}`);
  // Issue 11: commissioned and provisioned (identity in each board's NVS) on the server's database and master key.
  const { identities, masterPath } = identitiesOn(repo, dataDir, () => clock.now());
  let provisioned: Map<string, TestDevice>;
  try {
    await new DeviceService({ repo, identities, send: async () => undefined, now: () => clock.now(), metrics: new Metrics(), log })
      .commission('boards', ids.map((deviceId, i) => ({ deviceId, lat: 44.89 + (i % 10) * 0.001, lon: 1.21 + Math.floor(i / 10) * 0.001, nominalPowerW: 36 })));
    provisioned = await provision(identities, 'boards', ids, broker.port);
  } finally {
    await repo.close();
  }
  const server = await startFleetChild({ dataDir, mqttUrl: broker.url, virtualClock: true, logLevel: 'error', env: { DEVICE_MASTER_KEY: masterPath } });
  const serverCpu0 = processCpu(server.pid);
  const boards = ids.map((deviceId, i) => new SimBoard({
    clock, identity: (provisioned.get(deviceId) as TestDevice).identity, position: { lat: 44.89 + (i % 10) * 0.001, lon: 1.21 },
    nominalW: 36, meter: i % 2 ? 'hlw8012' : 'bl0940', rtc: 'kept', firmware: (host: Host) => startFirmware(host),
  }));
  const pending = () => boards.reduce((a, b) => a + ((b.firmware as unknown as Firmware | undefined)?.status().energy?.pending ?? 0), 0);
  const step = async (until: number, stepMs: number) => {
    while (clock.now() < until) {
      clock.advanceTo(Math.min(until, clock.now() + stepMs));
      server.setNow(clock.now());
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  try {
    for (const b of boards) b.powerOn();
    await step(clock.now() + 10 * 60_000, 1000); // connected and configured
    for (const b of boards) b.link.down();
    const b0 = performance.now();
    await step(clock.now() + BOARD_HOURS * 3_600_000, 60_000);
    const backlog = pending();
    process.stdout.write(`# boards: ${BOARDS} boards logged ${backlog} records offline (${((performance.now() - b0) / 1000).toFixed(0)} s to simulate ${BOARD_HOURS} h)\n`);
    for (const b of boards) b.link.up();
    const t = performance.now();
    // While draining, virtual time runs at most ~40× real time (200 ms per 5 ms turn), so a frame's round trip
    // through the broker and the server (tens of real ms) stays well inside the firmware's ack timeout: the
    // figure measures the path, not retransmissions caused by a clock racing ahead of the network.
    while (pending() > 0) {
      clock.advanceTo(clock.now() + 200);
      server.setNow(clock.now());
      await new Promise((r) => setTimeout(r, 5));
      if (performance.now() - t > 600_000) throw new Error('backlog did not drain in 10 min');
    }
    const s = (performance.now() - t) / 1000;
    process.stdout.write(`# boards: drained in ${s.toFixed(1)} s real (firmware pacing: one batch of 32 in flight, 2–4 virtual s between batches)\n`);
    report.result('ingest_e2e_sim_boards_records_per_s_sqlite', Math.round(backlog / s), 'records/s');
    report.cpu('fleet server (whole run)', cpuSince(server.pid, serverCpu0));
    const check = openSqlite(path.join(dataDir, 'fleet.sqlite'));
    try {
      const db = check.adapter.db as unknown as { get(q: unknown): { n: number } };
      const rows = Number(db.get(sql.raw("select count(*) as n from energy_records where tenant_id = 'boards'")).n);
      // Records logged before the drain (the backlog) and during it: at least the backlog, all acknowledged.
      report.check('boards: every record the firmware logged is stored and acknowledged', pending() === 0 && rows >= backlog, `${rows} rows, backlog ${backlog}, ${pending()} pending`);
    } finally {
      await check.close();
    }
  } finally {
    for (const b of boards) b.dispose();
    await server.stop();
    await broker.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- 3. reports over a year of N devices

async function generate(repo: DrizzleRepository, n: number): Promise<void> {
  const tenant = 'bench';
  await repo.ensureTenant(tenant, 0);
  const rows = Array.from({ length: n }, (_, i) => ({
    inventory: {
      deviceId: `d${String(i).padStart(5, '0')}`, tenantId: tenant, lat: 44.8 + (i % 100) * 0.002, lon: 1.2 + Math.floor(i / 100) * 0.002,
      groupId: `street-${String(i % 250).padStart(3, '0')}`, nominalPowerW: 40 + (i % 4) * 20, installedAt: 0, updatedAt: 0,
    },
    desired: { config: {}, configVersion: 1 },
  }));
  for (let i = 0; i < rows.length; i += 2000) await repo.commission(tenant, rows.slice(i, i + 2000), 0);
  // One row per device and day of 2025: night ≈ 8.5–15.5 h following the season, 60 % of full power.
  if (repo.dialect === 'sqlite') {
    const db = repo.adapter.db as unknown as { run(q: unknown): unknown };
    db.run(sql.raw(`insert into energy_daily (tenant_id, day, device_id, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records)
      with recursive days(d) as (select 0 union all select d + 1 from days where d < 364),
      devs(i) as (select 0 union all select i + 1 from devs where i < ${n - 1}),
      x as (select d, i, cast(43200 + 12600 * cos((d + 10) * 6.283185 / 365) as integer) as dark, 40 + (i % 4) * 20 as w from days, devs)
      select 'bench', date('2025-01-01', '+' || d || ' days'), 'd' || printf('%05d', i), dark * w * 600 / 3600, dark, dark * 600, 86400, dark, 96 from x`));
    db.run(sql.raw(`insert into energy_monthly select tenant_id, substr(day, 1, 7), device_id, sum(energy_mwh), sum(burning_s), sum(level_x10_s),
      sum(duration_s), sum(dark_s), sum(records) from energy_daily group by tenant_id, substr(day, 1, 7), device_id`));
    db.run(sql.raw('analyze'));
  } else {
    const db = repo.adapter.db as unknown as { execute(q: unknown): Promise<unknown> };
    await db.execute(sql.raw(`insert into energy_daily (tenant_id, day, device_id, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records)
      select 'bench', to_char(date '2025-01-01' + d, 'YYYY-MM-DD'), 'd' || lpad(i::text, 5, '0'), dark * w * 600 / 3600, dark, dark * 600, 86400, dark, 96
      from (select d, i, (43200 + 12600 * cos((d + 10) * 6.283185 / 365))::bigint as dark, 40 + (i % 4) * 20 as w
            from generate_series(0, 364) d, generate_series(0, ${n - 1}) i) x`));
    await db.execute(sql.raw(`insert into energy_monthly select tenant_id, substr(day, 1, 7), device_id, sum(energy_mwh), sum(burning_s), sum(level_x10_s),
      sum(duration_s), sum(dark_s), sum(records) from energy_daily group by tenant_id, substr(day, 1, 7), device_id`));
    await db.execute(sql.raw('analyze'));
  }
}

async function reports(report: BenchReport, label: 'sqlite' | 'postgres'): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
  const schema = `bench_r_${process.pid}`;
  const repo = label === 'sqlite' ? openSqlite(path.join(dir, 'r.sqlite')) : await openPostgres(PG_URL, schema);
  try {
    const g0 = performance.now();
    await generate(repo, REPORT_DEVICES);
    process.stdout.write(`# ${label}: generated ${REPORT_DEVICES} devices × 365 daily rollup rows (+ monthly) in ${((performance.now() - g0) / 1000).toFixed(1)} s\n`);
    const energy = new EnergyService({ energy: new EnergyRepository(repo.adapter), repo, now: Date.now, log: quiet });
    const cases: Array<[string, Parameters<EnergyService['report']>[0]]> = [
      ['year_by_month_tenant', { tenantId: 'bench', from: '2025-01-01', to: '2025-12-31', bucket: 'month', by: 'tenant' }],
      ['year_total_by_group', { tenantId: 'bench', from: '2025-01-01', to: '2025-12-31', bucket: 'total', by: 'group' }],
      ['year_total_by_device', { tenantId: 'bench', from: '2025-01-01', to: '2025-12-31', bucket: 'total', by: 'device' }],
      ['month_by_day_tenant', { tenantId: 'bench', from: '2025-12-01', to: '2025-12-31', bucket: 'day', by: 'tenant' }],
      ['range_mar15_sep10_tenant', { tenantId: 'bench', from: '2025-03-15', to: '2025-09-10', bucket: 'total', by: 'tenant' }],
      ['year_one_device_by_day', { tenantId: 'bench', from: '2025-01-01', to: '2025-12-31', bucket: 'day', by: 'device', deviceId: 'd04242' }],
    ];
    for (const [name, q] of cases) {
      await energy.report(q); // warm-up
      const times: number[] = [];
      let rows = 0;
      for (let k = 0; k < 5; k++) {
        const t = performance.now();
        rows = (await energy.report(q)).rows.length;
        times.push(performance.now() - t);
      }
      process.stdout.write(`# ${label} ${name}: ${rows} rows\n`);
      report.check(`${label} ${name}: rows returned`, rows > 0, `${rows}`);
      report.result(`report_${name}_${REPORT_DEVICES}_devices_${label}`, Number(pct(times, 50).toFixed(1)), 'ms');
      report.result(`report_${name}_${REPORT_DEVICES}_devices_${label}_p99`, Number(pct(times, 99).toFixed(1)), 'ms');
    }
  } finally {
    await repo.close();
    if (label === 'postgres') await dropSchema(schema);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}


const ONLY = process.env.BENCH_ONLY; // 'boards' or 'report': that part alone
if (ONLY === 'boards') {
  const report = benchReport('ingest-boards');
  report.note(`${BOARDS} simulated boards (real firmware, metering chips) log ${BOARD_HOURS} h offline, then drain into the server (SQLite)`);
  await boardsDrain(report);
  await report.finish();
} else if (ONLY === 'report') {
  const report = benchReport('ingest-reports');
  report.note(`a year of daily and monthly rollups for ${REPORT_DEVICES} devices generated in the database; median and p99 of 5 runs per report`);
  await reports(report, 'sqlite');
  if (!SKIP_PG) await reports(report, 'postgres');
  await report.finish();
} else {
  await ingestTable();
}
process.exit(process.exitCode ?? 0);
