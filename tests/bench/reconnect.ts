/**
 * `npx -y pnpm@10 bench:reconnect` (issue 14) — 10,000 devices reconnect at once after a broker restart: how long
 * until every one is back and reconciled (its Hello answered), and nothing lost. Goal: ≤ 60 s.
 *
 * - Mosquitto on a free port with the configuration the fleet server generates (`device broker-config`,
 *   fleet-server/src/mqtt/broker-config.ts: dynamic security with one account per provisioned device, persistence,
 *   the queue and in-flight limits for the servers' sessions); the fleet server (SQLite) as a child process with
 *   its own account (`MQTT_USERNAME`) and an instance name (`INSTANCE_NAME`: a persistent session where the server
 *   supports it).
 * - N lightweight devices in this process (BENCH_DEVICES, default 10,000), one MQTT 3.1.1 connection each over a
 *   plain socket, speaking protocol v1 as the firmware does (firmware/src/app.ts, link.ts): each is provisioned
 *   on the server's database first and seals every uplink with its device key; connects with its own account, a
 *   retained `Presence` will and clean session; after CONNACK subscribes to its `down`, publishes its presence, a
 *   Hello and a boot StateReport; repeats the Hello with the firmware's back-off (HELLO_RETRY_MIN_MS doubling to
 *   HELLO_RETRY_MAX_MS, jitter) until a TimeSync naming one of them arrives with its MAC (and sends its state again
 *   when the answer is to a repeat); takes config, plan and commands (acknowledged OK); reconnects after a loss
 *   with the link's back-off (1 s doubling to 5 min, jitter). Uplink seqs increase strictly across connections.
 * - Cold start: every device connects at once; measured until each has its Hello answered. Then the server is let
 *   finish (every device's last uplink stored), and the broker is restarted (SIGTERM: Mosquitto saves its
 *   persistence file; started again at once on the same port).
 * - Measured from the SIGTERM: every device back (CONNACK), every device reconciled (a Hello of its new connection
 *   answered), p50/p99 of the time to reconciled, Hellos repeated and the devices that needed a repeat (their Hello
 *   reached the broker before the server's subscription was back). Checked: every device answered in both phases;
 *   afterwards the server's database holds every device with its last uplink seq (nothing the devices sent after
 *   the restart was lost), and at least one TimeSync per answered Hello.
 *
 * Environment: BENCH_DEVICES (10000), BENCH_DEADLINE_S (300: a phase that does not finish by then fails),
 * BENCH_SERVER_LOG (the server's log level, default warn), BENCH_SERVER_SESSION=clean (no INSTANCE_NAME: the server's
 * session is clean, as before issue 14).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  Backoff, HELLO_RETRY_MAX_MS, HELLO_RETRY_MIN_MS, LINK_BACKOFF_MAX_MS, LINK_BACKOFF_MIN_MS,
} from '@streetlight/firmware';
import { decodeDownlinkFrame, downlinkTopic, encodePresence, statusTopic, uplinkTopic, type Uplink } from '@streetlight/protocol';
import { AckStatus, ClockStatus, LevelSource, ReportReason, ResetReason } from '@streetlight/protocol/lean';
import { openSqlite } from '@streetlight/fleet-server';
import { provisionWith, SIM_HARDWARE_MODEL, type TestDevice } from '@streetlight/fleet-server/testing';
import type { DrizzleRepository } from '../../fleet-server/src/db/drizzle-repository.js';
import { DeviceIdentities, loadMasterKey } from '../../fleet-server/src/devices/identity.js';
import { brokerLimits, writeMosquittoConfig } from '../../fleet-server/src/mqtt/broker-config.js';
import { freePort, startFleetChild } from '../lib/fleet-processes.js';
import { benchReport } from './lib/report.js';

const N = Number(process.env.BENCH_DEVICES ?? 10_000);
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_S ?? 300) * 1000;
const GOAL_S = 60;
const PERSISTENT = process.env.BENCH_SERVER_SESSION !== 'clean';
const TENANT = 'bench';
const SERVER = { username: 'fleet', password: randomUUID() };
/** Keep-alive on the wire (the firmware's KEEPALIVE_MS); a PINGREQ goes out every half of it. */
const KEEPALIVE_S = 60;
/** A connection without CONNACK this long is given up and retried with back-off. */
const CONNACK_TIMEOUT_MS = 30_000;

const report = benchReport('reconnect');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] ?? 0; };
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

/** Waits until `check()` holds (polled every 100 ms), failing after `ms` with what `seen()` says. */
async function until(check: () => boolean | Promise<boolean>, ms: number, what: string, seen: () => string = () => ''): Promise<boolean> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) {
      process.stdout.write(`not within ${ms / 1000} s: ${what} ${seen()}\n`);
      return false;
    }
    await sleep(100);
  }
  return true;
}

// ---------------------------------------------------------------- a minimal MQTT 3.1.1 client for a device

const enc = (s: string): Buffer => { const b = Buffer.from(s); return Buffer.concat([Buffer.from([b.length >> 8, b.length & 255]), b]); };
const bin = (b: Uint8Array): Buffer => Buffer.concat([Buffer.from([b.length >> 8, b.length & 255]), Buffer.from(b)]);
function packet(header: number, body: Buffer): Buffer {
  const len: number[] = [];
  let n = body.length;
  do {
    let digit = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) digit |= 128;
    len.push(digit);
  } while (n > 0);
  return Buffer.concat([Buffer.from([header, ...len]), body]);
}

/** What a phase (cold start, restart) measured. */
interface Phase { name: string; start: number; answered: Map<string, number>; backAt: Map<string, number>; hellos: number; repeats: number; repeatedBy: Set<string>; timeSyncs: number }

class BenchDevice {
  readonly id: string;
  readonly dev: TestDevice;
  seq = 0;
  readonly bootCount = 1;
  #socket: net.Socket | undefined;
  #buf: Buffer = Buffer.alloc(0);
  connected = false;
  #nextId = 1;
  readonly #link = new Backoff(LINK_BACKOFF_MIN_MS, LINK_BACKOFF_MAX_MS);
  readonly #helloBackoff = new Backoff(HELLO_RETRY_MIN_MS, HELLO_RETRY_MAX_MS);
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #helloTimer: ReturnType<typeof setTimeout> | undefined;
  #connackTimer: ReturnType<typeof setTimeout> | undefined;
  #helloSeqs: number[] = [];
  #firstHello = 0;
  #floor = 0;
  #configVersion = 0;
  #plan = { id: 0, version: 0 };
  #closed = false;
  connects = 0;

  constructor(dev: TestDevice, private readonly port: number, private readonly phase: () => Phase) {
    this.id = dev.deviceId;
    this.dev = dev;
  }

  start(): void { this.#connect(); }

  close(): void {
    this.#closed = true;
    for (const t of [this.#retryTimer, this.#helloTimer, this.#connackTimer]) clearTimeout(t);
    this.#socket?.destroy();
  }

  ping(): void { if (this.connected) this.#socket?.write(Buffer.from([0xc0, 0])); }

  #connect(): void {
    if (this.#closed) return;
    this.connects++;
    const s = net.connect(this.port, '127.0.0.1');
    this.#socket = s;
    this.#buf = Buffer.alloc(0);
    s.setNoDelay(true);
    s.on('error', () => undefined);
    s.on('close', () => this.#lost(s));
    s.on('data', (chunk) => this.#data(s, chunk));
    s.on('connect', () => {
      // CONNECT: user name, password, will (retained, QoS 1: Presence{online:false}), clean session.
      const will = encodePresence({ online: false, bootCount: this.bootCount });
      s.write(packet(0x10, Buffer.concat([
        enc('MQTT'), Buffer.from([4, 0xee, 0, KEEPALIVE_S]), enc(this.id), enc(statusTopic(TENANT, this.id)), bin(will),
        enc(this.dev.mqtt.username), enc(this.dev.mqtt.password),
      ])));
    });
    this.#connackTimer = setTimeout(() => s.destroy(), CONNACK_TIMEOUT_MS);
  }

  #lost(s: net.Socket): void {
    if (s !== this.#socket) return;
    clearTimeout(this.#connackTimer);
    clearTimeout(this.#helloTimer);
    this.#helloTimer = undefined;
    this.#socket = undefined;
    this.connected = false;
    if (this.#closed) return;
    this.#retryTimer = setTimeout(() => this.#connect(), this.#link.next(Math.random));
  }

  #data(s: net.Socket, chunk: Buffer): void {
    this.#buf = this.#buf.length ? Buffer.concat([this.#buf, chunk]) : chunk;
    for (;;) {
      const b = this.#buf;
      let len = 0;
      let mul = 1;
      let i = 1;
      let byte = 0;
      do {
        if (i >= b.length) return;
        byte = b[i++] as number;
        len += (byte & 127) * mul;
        mul *= 128;
      } while (byte & 128);
      if (b.length < i + len) return;
      const header = b[0] as number;
      const body = b.subarray(i, i + len);
      this.#buf = b.subarray(i + len);
      const type = header >> 4;
      if (type === 2) this.#connack(s, body);
      else if (type === 3) this.#publish(s, header, body);
    }
  }

  #connack(s: net.Socket, body: Buffer): void {
    clearTimeout(this.#connackTimer);
    if (body[1] !== 0) { s.destroy(); return; }
    this.connected = true;
    this.#link.reset();
    const ph = this.phase();
    if (!ph.backAt.has(this.id)) ph.backAt.set(this.id, performance.now());
    s.write(packet(0x82, Buffer.concat([Buffer.from([0, this.#takeId()]), enc(downlinkTopic(TENANT, this.id)), Buffer.from([1])])));
    this.#write(statusTopic(TENANT, this.id), encodePresence({ online: true, bootCount: this.bootCount }), true);
    // As the firmware: Hello, the boot report, then Hellos again until one is answered, the back-off from its start.
    this.#helloSeqs = [];
    this.#helloBackoff.reset();
    this.#hello();
    this.#firstHello = this.#helloSeqs[0] ?? 0;
    this.#state();
    this.#armHello();
  }

  #armHello(): void {
    this.#helloTimer = setTimeout(() => {
      if (!this.connected) return;
      const ph = this.phase();
      ph.repeats++;
      ph.repeatedBy.add(this.id);
      this.#hello();
      this.#armHello();
    }, this.#helloBackoff.next(Math.random));
  }

  #publish(s: net.Socket, header: number, body: Buffer): void {
    const topicLen = ((body[0] as number) << 8) | (body[1] as number);
    let at = 2 + topicLen;
    const qos = (header >> 1) & 3;
    if (qos > 0) {
      s.write(Buffer.from([0x40, 2, body[at] as number, body[at + 1] as number])); // PUBACK
      at += 2;
    }
    const frame = new Uint8Array(body.subarray(at));
    if (!this.dev.authentic(frame)) return;
    const d = decodeDownlinkFrame(frame, this.id);
    if (!d.ok) return;
    const m = d.message;
    const seq = m.seq ?? 0;
    if (seq > this.#floor) this.#floor = seq;
    if (m.timeSync) {
      this.phase().timeSyncs++;
      const answered = m.timeSync.uplinkSeq ?? 0;
      if (this.#helloSeqs.includes(answered)) {
        clearTimeout(this.#helloTimer);
        this.#helloTimer = undefined;
        this.#helloSeqs = [];
        const ph = this.phase();
        if (!ph.answered.has(this.id) && ph.backAt.has(this.id)) ph.answered.set(this.id, performance.now());
        if (answered !== this.#firstHello) this.#state();
      }
    } else if (m.config) {
      this.#configVersion = m.config.version ?? this.#configVersion;
      this.#ack(seq);
    } else if (m.plan?.plan) {
      this.#plan = { id: m.plan.plan.id ?? 0, version: m.plan.plan.version ?? 0 };
      this.#ack(seq);
    } else if (m.command || m.otaOffer) {
      this.#ack(seq);
    }
  }

  #takeId(): number {
    const id = this.#nextId;
    this.#nextId = id >= 65535 ? 1 : id + 1;
    return id;
  }

  #write(topic: string, payload: Uint8Array, retain = false): void {
    const id = this.#takeId();
    this.#socket?.write(packet(0x32 | (retain ? 1 : 0), Buffer.concat([enc(topic), Buffer.from([id >> 8, id & 255]), Buffer.from(payload)])));
  }

  #up(body: Omit<Uplink, 'protocolVersion' | 'deviceId' | 'seq' | 'time'>): number {
    const seq = ++this.seq;
    this.#write(uplinkTopic(TENANT, this.id), this.dev.uplink({ seq, time: Math.floor(Date.now() / 1000), ...body }));
    return seq;
  }

  #hello(): void {
    this.phase().hellos++;
    this.#helloSeqs.push(this.#up({
      hello: {
        firmwareVersion: '1.0.0', hardwareModel: SIM_HARDWARE_MODEL, resetReason: ResetReason.RESET_REASON_POWER_ON,
        uptimeS: Math.floor(performance.now() / 1000), bootCount: this.bootCount, configVersion: this.#configVersion, plan: this.#plan,
        overrideId: 0, clock: ClockStatus.CLOCK_STATUS_SYNCED, maxProtocolVersion: 1, downlinkFloor: this.#floor, keyGeneration: 1,
      },
    }));
    if (this.#helloSeqs.length > 8) this.#helloSeqs.shift();
  }

  #state(): void {
    this.#up({
      state: {
        level: 100, targetLevel: 100, source: LevelSource.LEVEL_SOURCE_FALLBACK, plan: this.#plan, configVersion: this.#configVersion,
        overrideId: 0, overrideExpiresAt: 0, clock: ClockStatus.CLOCK_STATUS_SYNCED, uptimeS: Math.floor(performance.now() / 1000),
        powerMw: 0, reason: ReportReason.REPORT_REASON_BOOT,
      },
    });
  }

  #ack(downlinkSeq: number): void {
    this.#up({ ack: { downlinkSeq, status: AckStatus.ACK_STATUS_OK, detail: '' } });
  }
}

// ---------------------------------------------------------------- Mosquitto with the generated configuration

interface Broker { port: number; pid(): number; start(): Promise<void>; stop(): Promise<void> }

function broker(confFile: string, port: number): Broker {
  let proc: ChildProcess | undefined;
  const listening = async (): Promise<boolean> => new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
  return {
    port,
    pid: () => proc?.pid ?? 0,
    async start() {
      const p = spawn(process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto', ['-c', confFile], { stdio: 'ignore' });
      proc = p;
      const ok = await until(async () => {
        if (p.exitCode !== null) throw new Error(`mosquitto exited with ${p.exitCode}: it refused the generated configuration`);
        return listening();
      }, 60_000, 'Mosquitto listening');
      if (!ok) throw new Error('Mosquitto did not listen within 60 s');
    },
    async stop() {
      const p = proc;
      if (p && p.exitCode === null) await new Promise<void>((r) => { p.once('exit', () => r()); p.kill('SIGTERM'); });
    },
  };
}

// ---------------------------------------------------------------- the run

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-reconnect-'));
  const conf = path.join(dir, 'mosquitto');
  const data = path.join(dir, 'mosquitto-data');
  const port = await freePort();
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    report.note(`commit ${commit}${dirty ? ' with uncommitted changes' : ''}`);
  } catch { /* not a checkout */ }
  report.note(`${N} devices (protocol v1, one MQTT connection each, from 127.0.0.1), Mosquitto with the generated configuration, fleet server on SQLite`
    + `${PERSISTENT ? ' with INSTANCE_NAME (a persistent session where the server supports it)' : ' with a clean session (BENCH_SERVER_SESSION=clean)'}`);

  // Provisioned on the server's database before it starts (issue 11), the broker's configuration generated from it.
  const t0 = performance.now();
  const repo = openSqlite(path.join(dir, 'fleet.sqlite'));
  const masterPath = path.join(dir, 'device-master.key');
  const identities = new DeviceIdentities({ adapter: (repo as DrizzleRepository).adapter, master: loadMasterKey(masterPath, true), now: Date.now });
  const ids = Array.from({ length: N }, (_, i) => `R${String(i).padStart(5, '0')}`);
  const provisioned: TestDevice[] = [];
  for (const id of ids) provisioned.push(await provisionWith(identities, TENANT, id, { broker: { host: '127.0.0.1', port } }));
  writeMosquittoConfig(conf, { devices: await identities.repo.list(), server: SERVER, listener: `127.0.0.1:${port}`, persistenceDir: data, extra: ['log_dest none'] });
  await repo.close();
  // Mosquitto started as root reads its files and writes its persistence file as its own user.
  mkdirSync(data);
  for (const d of [dir, conf]) chmodSync(d, 0o755);
  chmodSync(data, 0o777);
  process.stdout.write(`provisioned ${N} devices and generated the broker configuration in ${round((performance.now() - t0) / 1000)} s\n`);
  const limits = brokerLimits(N);
  report.note(`broker limits: max_queued_messages ${limits.maxQueuedMessages}, max_inflight_messages ${limits.maxInflightMessages}, persistence, persistent_client_expiration ${limits.persistentClientExpiration}`);

  const mosq = broker(path.join(conf, 'mosquitto.conf'), port);
  await mosq.start();
  const server = await startFleetChild({
    dataDir: dir, mqttUrl: `mqtt://127.0.0.1:${port}`, logLevel: process.env.BENCH_SERVER_LOG ?? 'warn',
    env: { DEVICE_MASTER_KEY: masterPath, MQTT_USERNAME: SERVER.username, MQTT_PASSWORD: SERVER.password, ...(PERSISTENT ? { INSTANCE_NAME: 'bench-1' } : {}) },
  });
  const check = openSqlite(path.join(dir, 'fleet.sqlite'));
  const db = (check as DrizzleRepository).adapter.db as unknown as { all(q: unknown): Array<Record<string, unknown>> };
  const stored = (): Map<string, number> => new Map(db.all(sql.raw(`select id, last_uplink_seq as s from devices where tenant_id = '${TENANT}'`)).map((r) => [String(r.id), Number(r.s ?? 0)]));

  const newPhase = (name: string): Phase => ({ name, start: performance.now(), answered: new Map(), backAt: new Map(), hellos: 0, repeats: 0, repeatedBy: new Set(), timeSyncs: 0 });
  let phase = newPhase('cold');
  const devices = provisioned.map((d) => new BenchDevice(d, port, () => phase));
  const pinger = setInterval(() => { for (const d of devices) d.ping(); }, (KEEPALIVE_S * 1000) / 2);
  const seenOf = (p: Phase) => (): string => `(${p.backAt.size} back, ${p.answered.size} answered of ${N})`;
  /** The server has stored every device's last uplink (its queue is drained). */
  const drained = (): boolean => { const s = stored(); return devices.every((d) => s.get(d.id) === d.seq); };
  let ok = true;
  try {
    // ---- cold start
    for (const d of devices) d.start();
    const cold = phase;
    const coldDone = await until(() => cold.answered.size === N, DEADLINE_MS, 'every device answered at cold start', seenOf(cold));
    const coldS = (performance.now() - cold.start) / 1000;
    report.result('cold_start_all_answered_s', round(coldS), 's');
    report.result('cold_start_answered_p99_s', round(pct([...cold.answered.values()].map((t) => (t - cold.start) / 1000), 99)), 's');
    report.result('cold_start_hello_repeats', cold.repeats, 'Hellos');
    report.check('cold start: every device connected and its Hello answered', coldDone, `${cold.answered.size} of ${N}`);
    ok &&= coldDone;
    const coldDrained = ok && await until(drained, DEADLINE_MS, 'the server stored every device\'s last uplink after the cold start');
    report.check('cold start: the server stored every device\'s last uplink', coldDrained);
    ok &&= coldDrained;
    if (!ok) return;

    // ---- broker restart
    const cpuFirst = report.cpuOfPid(mosq.pid());
    if (cpuFirst) report.cpu('mosquitto (until the restart)', cpuFirst);
    phase = newPhase('restart');
    const restart = phase;
    await mosq.stop();
    const downS = (performance.now() - restart.start) / 1000;
    await mosq.start();
    report.result('broker_restart_s', round((performance.now() - restart.start) / 1000), 's');
    report.note(`broker stopped (SIGTERM, persistence saved) in ${round(downS)} s, listening again ${round((performance.now() - restart.start) / 1000)} s after the SIGTERM`);
    const back = await until(() => restart.backAt.size === N, DEADLINE_MS, 'every device reconnected', seenOf(restart));
    const backS = (performance.now() - restart.start) / 1000;
    const done = await until(() => restart.answered.size === N, DEADLINE_MS, 'every device reconciled after the restart', seenOf(restart));
    const doneS = (performance.now() - restart.start) / 1000;
    const times = [...restart.answered.values()].map((t) => (t - restart.start) / 1000);
    const backTimes = [...restart.backAt.values()].map((t) => (t - restart.start) / 1000);
    report.result('restart_all_back_s', round(backS), 's');
    report.result('restart_back_p50_s', round(pct(backTimes, 50)), 's');
    report.result('restart_back_p99_s', round(pct(backTimes, 99)), 's');
    report.result('restart_all_reconciled_s', round(doneS), 's');
    report.result('restart_reconciled_p50_s', round(pct(times, 50)), 's');
    report.result('restart_reconciled_p99_s', round(pct(times, 99)), 's');
    report.result('restart_hellos', restart.hellos, 'Hellos');
    report.result('restart_hello_repeats', restart.repeats, 'Hellos');
    report.result('restart_devices_repeating_hello', restart.repeatedBy.size, 'devices');
    report.check('restart: every device reconnected', back, `${restart.backAt.size} of ${N}`);
    report.check('restart: every device reconciled (a Hello of its new connection answered)', done, `${restart.answered.size} of ${N}`);
    report.check(`restart: reconciled within the ${GOAL_S} s goal`, done && doneS <= GOAL_S, `${round(doneS)} s`);
    const after = await until(drained, DEADLINE_MS, 'the server stored every device\'s last uplink after the restart', () => {
      const s = stored();
      return `(${devices.filter((d) => s.get(d.id) === d.seq).length} of ${N} up to date)`;
    });
    const s = stored();
    report.check('nothing lost: the server holds every device, each with the seq of the last uplink it sent', after && s.size === N,
      `${devices.filter((d) => s.get(d.id) === d.seq).length} of ${N} devices up to date, ${s.size} registered`);
    // Issue 14: a TimeSync is not a `downlinks` row; counted as the devices received them (MAC checked).
    const syncs = phase.timeSyncs;
    report.check('a TimeSync received for every Hello answered after the restart', syncs >= N, `${syncs} TimeSyncs for ${N} devices`);
    report.result('restart_time_syncs', syncs, 'downlinks');
  } finally {
    clearInterval(pinger);
    const cpuServer = report.cpuOfPid(server.pid);
    if (cpuServer) report.cpu('fleet-server', cpuServer);
    const cpuBroker = report.cpuOfPid(mosq.pid());
    if (cpuBroker) report.cpu('mosquitto (after the restart)', cpuBroker);
    for (const d of devices) d.close();
    await server.stop();
    await check.close();
    await mosq.stop();
    rmSync(dir, { recursive: true, force: true });
    await report.finish();
  }
}

await main();
