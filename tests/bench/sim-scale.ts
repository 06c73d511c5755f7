/**
 * `pnpm bench:sim` — the hardware simulator at scale (issue 14): the real firmware (firmware/src, on Node) on
 * simulated boards, offline and on a real broker, from one process.
 *
 * Parts (each in a child process of its own, so each has a fresh heap and its memory is its own):
 *  - `plain`, `metered`: network-less fleets (`network: 'none'`, `lanes`) shared among SIM_THREADS worker threads of
 *    the part's process (default: one per core; SIM_THREADS=1 for one thread): SIM_BOARDS boards (default 10,000)
 *    through a night of SIM_HOURS (default 12) from half an hour before sunset at Sarlat on SIM_DATE (default
 *    2026-04-20, a night of ≈ 10 h), the photocell following the sun at each board's position; `metered` fits every
 *    board with a metering chip (HLW8012 and BL0940 alternately). Figures: seconds to make the boards, to boot them
 *    and to run the night (wall: the slowest thread's; CPU: the process's, per board-hour too), peak RSS and heap per
 *    board after the night, timers run. Checked: every
 *    board lit within two minutes after its sunset and dark within two minutes after its sunrise (the photocell
 *    is read on a minute grid and the firmware evaluates every minute), none rebooted; metered: every board's meter
 *    log holds a record per 15 minutes and its lifetime energy is within 2 % of the simulator's ground truth.
 *  - `equivalence`: SIM_EQUIV_BOARDS boards (default 100, plain and both chips) through the same night on one shared
 *    clock and in lanes: every board's PWM writes, energy, meter-log bytes and log lines must be identical (lanes
 *    may only change the speed). Also the speed of both at that size.
 *  - `mqtt`: SIM_MQTT_BOARDS boards (default 10,000) with real MQTT connections to a Mosquitto started here (own
 *    port, no connection limit, 100,000 queued messages per client, file limits raised with prlimit), ramped at
 *    SIM_CONNECT_RATE connections per second (default 500) over SIM_SOURCE_ADDRESSES loopback source addresses
 *    (default: one per 20,000 boards, at least 2; Linux gives ≈ 28,000 ephemeral ports per source address). Figures:
 *    time until every board is online, connect time (TCP connect to CONNACK) p50/p99/max, RSS and heap per board of
 *    the simulator, RSS of the broker. Checked: every board online, every board's Hello reached the broker (a
 *    subscriber counts them), the broker counts every client, the ramp held the rate.
 *
 * SIM_PARTS picks parts (comma-separated; default all); SIM_CPU_PROF=<dir> writes a CPU profile of each part's process. Goals (issue 14): the network-less night of 10,000 boards in
 * under 60 s, with and without metering, in one process.
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { startFirmware, sunEventUtc, type Firmware } from '@streetlight/firmware';
import { SimFleet, VirtualClock, type FirmwareFactory, type SimBoard } from '@streetlight/hardware-sim';
import { channelFilter } from '@streetlight/protocol';
import { decodeRecord, SLOT_BYTES } from '../../firmware/src/energy/ringlog.js';
import { PHOTOCELL_ZENITH } from '../../hardware-sim/src/board.js';
import { benchReport, cpuMs, type CpuTime } from './lib/report.js';

const H = 3_600_000;
const BOARDS = Number(process.env.SIM_BOARDS ?? 10_000);
const HOURS = Number(process.env.SIM_HOURS ?? 12);
const DATE = process.env.SIM_DATE ?? '2026-04-20';
const EQUIV_BOARDS = Number(process.env.SIM_EQUIV_BOARDS ?? 100);
const MQTT_BOARDS = Number(process.env.SIM_MQTT_BOARDS ?? 10_000);
const CONNECT_RATE = Number(process.env.SIM_CONNECT_RATE ?? 500);
const SOURCE_ADDRESSES = Number(process.env.SIM_SOURCE_ADDRESSES ?? Math.max(2, Math.ceil(MQTT_BOARDS / 20_000)));
const THREADS = Number(process.env.SIM_THREADS ?? availableParallelism());
const PARTS = (process.env.SIM_PARTS ?? 'plain,metered,equivalence,mqtt').split(',').map((p) => p.trim());
const SELF = fileURLToPath(import.meta.url);
const firmware = startFirmware as unknown as FirmwareFactory;
/** Sarlat-la-Canéda; boards on a 0.08° square around it (≈ 9 km: sunsets a few tens of seconds apart). */
const CENTRE = { lat: 44.8897, lon: 1.2166 };

/** What a child part sends back. */
interface PartOutcome {
  results: { name: string; value: number; unit: string }[];
  checks: { what: string; ok: boolean; detail?: string }[];
  cpu: CpuTime;
  notes: string[];
}

class Part {
  readonly out: PartOutcome = { results: [], checks: [], cpu: { userMs: 0, systemMs: 0 }, notes: [] };
  constructor(readonly prefix: string) {}
  result(name: string, value: number, unit: string): void { this.out.results.push({ name: `${this.prefix}_${name}`, value, unit }); }
  check(what: string, ok: boolean, detail?: string): void { this.out.checks.push({ what, ok, ...(detail !== undefined ? { detail } : {}) }); }
  note(text: string): void { this.out.notes.push(text); }
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
const mib = (bytes: number): number => round(bytes / 2 ** 20, 1);
function pct(xs: readonly number[], p: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((s.length * p) / 100) - 1))] ?? 0;
}
function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}
/** Peak resident set of this process, bytes. */
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

/** Board i's position: a grid over the square around the centre. */
function position(i: number, n: number): { lat: number; lon: number } {
  const side = Math.ceil(Math.sqrt(n));
  return { lat: round(CENTRE.lat - 0.04 + (0.08 * (i % side)) / side, 6), lon: round(CENTRE.lon - 0.04 + (0.08 * Math.floor(i / side)) / side, 6) };
}

/** The night: from 30 min before the earliest sunset (photocell zenith) of the square; sunrises must fall inside. */
function night(): { start: number; end: number } {
  const noon = Date.parse(`${DATE}T12:00:00Z`);
  const corners = [[-0.04, -0.04], [0.04, 0.04], [-0.04, 0.04], [0.04, -0.04]].map(([a, b]) => ({ lat: CENTRE.lat + (a as number), lon: CENTRE.lon + (b as number) }));
  const sunset = Math.min(...corners.map((c) => sunEventUtc(noon, c.lat, c.lon, PHOTOCELL_ZENITH, false) as number));
  const start = Math.floor((sunset - 30 * 60_000) / 60_000) * 60_000;
  return { start, end: start + HOURS * H };
}

// ---- network-less parts (children) -----------------------------------------------------------------------------

type Kind = 'plain' | 'hlw8012' | 'bl0940';

/** Boards [from, to) of a fleet of `n` (positions on the grid of `n`). */
function makeFleet(n: number, kinds: (i: number) => Kind, lanes: boolean, start: number, from = 0, to = n): SimFleet {
  const clock = new VirtualClock({ start });
  const fleet = new SimFleet({ clock, firmware, network: 'none', lanes });
  for (let i = from; i < to; i++) {
    const kind = kinds(i);
    fleet.add({
      deviceId: `SIM-${String(i).padStart(5, '0')}`, tenant: 'scale', mqtt: { host: '127.0.0.1', port: 1883 },
      position: position(i, n), nominalW: 36 + (i % 5) * 6, ...(kind === 'plain' ? {} : { meter: kind }),
    });
  }
  return fleet;
}

/** First PWM write lighting the lamp at or after `from`, and the first write darkening it after that. */
function litAndDark(board: SimBoard, from: number): { lit: number | undefined; dark: number | undefined } {
  let lit: number | undefined;
  let dark: number | undefined;
  for (const e of board.pwmTrace) {
    if (e.t < from) continue;
    if (lit === undefined && e.value > 0) lit = e.t;
    else if (lit !== undefined && dark === undefined && e.value === 0) dark = e.t;
  }
  return { lit, dark };
}

interface NightTally { n: number; litOk: number; darkOk: number; worstLitMs: number; worstDarkMs: number; rebooted: number; bad: string[] }
interface MeterTally { n: number; logged: number; close: number; worstErr: number; records: number }

/** Every board's night: lit after its sunset, dark after its sunrise (both within `slackMs`), no reboot. */
function tallyNight(boards: readonly SimBoard[], start: number, end: number): NightTally {
  const slackMs = 2 * 60_000 + 2_000; // the photocell's minute grid, the firmware's minute evaluation, a 2 s fade
  const t: NightTally = { n: boards.length, litOk: 0, darkOk: 0, worstLitMs: 0, worstDarkMs: 0, rebooted: 0, bad: [] };
  for (const b of boards) {
    const p = b.position as { lat: number; lon: number };
    const set = sunEventUtc(start, p.lat, p.lon, PHOTOCELL_ZENITH, false) as number;
    const rise = sunEventUtc(end, p.lat, p.lon, PHOTOCELL_ZENITH, true) as number;
    const { lit, dark } = litAndDark(b, start);
    const setDelay = lit === undefined ? Infinity : lit - set;
    const riseDelay = dark === undefined ? Infinity : dark - rise;
    if (setDelay >= 0 && setDelay <= slackMs) t.litOk++;
    else if (t.bad.length < 3) t.bad.push(`${b.deviceId} lit ${lit === undefined ? 'never' : new Date(lit).toISOString()}, sunset ${new Date(set).toISOString()}`);
    if (riseDelay >= 0 && riseDelay <= slackMs) t.darkOk++;
    else if (t.bad.length < 3) t.bad.push(`${b.deviceId} dark ${dark === undefined ? 'never' : new Date(dark).toISOString()}, sunrise ${new Date(rise).toISOString()}`);
    t.worstLitMs = Math.max(t.worstLitMs, setDelay);
    t.worstDarkMs = Math.max(t.worstDarkMs, riseDelay);
    if (b.bootCount !== 1 || b.lastException !== undefined) t.rebooted++;
  }
  return t;
}

/** The records in a board's meter log. */
function meterRecords(board: SimBoard): { count: number; energyMwh: number } {
  const log = board.metering.meterlog;
  let count = 0;
  let energyMwh = 0;
  for (let sector = 0; sector < log.blocks; sector++) {
    const bytes = log.peek(sector * log.blockSize, log.blockSize);
    for (let at = SLOT_BYTES; at + SLOT_BYTES <= bytes.length; at += SLOT_BYTES) {
      const r = decodeRecord(bytes.subarray(at, at + SLOT_BYTES));
      if (r) { count++; energyMwh += r.record.energyMwh; }
    }
  }
  return { count, energyMwh };
}

const RECORDS_PER_NIGHT = Math.floor((HOURS * 3600) / 900);

/** Every metered board: a record per 15 min in its log, its lifetime energy within 2 % of the ground truth. */
function tallyMetering(boards: readonly SimBoard[]): MeterTally {
  const t: MeterTally = { n: boards.length, logged: 0, close: 0, worstErr: 0, records: 0 };
  for (const b of boards) {
    const r = meterRecords(b);
    t.records += r.count;
    // The last interval closes at the poll at the end of the night: a BL0940's answer comes 77 ms after it.
    if (r.count === RECORDS_PER_NIGHT || (r.count === RECORDS_PER_NIGHT - 1 && b.metering.bl0940 !== undefined)) t.logged++;
    const status = (b.firmware as Firmware | undefined)?.status();
    const measured = (status?.energy?.totalEnergyMwh ?? 0) / 1000;
    const truth = b.energyWh();
    const err = Math.abs(measured - truth) / truth;
    t.worstErr = Math.max(t.worstErr, err);
    if (err <= 0.02) t.close++;
  }
  return t;
}

/** What one worker thread of a network-less part did with its share of the boards. */
interface ShareOutcome {
  makeMs: number; bootMs: number; nightMs: number; firings: number; heapBytes: number;
  night: NightTally; meter: MeterTally | undefined;
}

/** One worker thread's share of a network-less part: boards [from, to) of SIM_BOARDS, started on `go`. */
async function offlineShare(kind: 'plain' | 'metered', from: number, to: number, go: Promise<void>): Promise<ShareOutcome> {
  const { start, end } = night();
  const heap0 = heapAfterGc();
  await go;
  const t0 = performance.now();
  const fleet = makeFleet(BOARDS, (i) => (kind === 'plain' ? 'plain' : i % 2 === 0 ? 'hlw8012' : 'bl0940'), true, start, from, to);
  const t1 = performance.now();
  await fleet.start();
  const t2 = performance.now();
  fleet.advanceTo(end);
  const t3 = performance.now();
  const boards = fleet.boards;
  return {
    makeMs: t1 - t0, bootMs: t2 - t1, nightMs: t3 - t2,
    firings: boards.reduce((n, b) => n + b.clock.firings, 0),
    heapBytes: heapAfterGc() - heap0,
    night: tallyNight(boards, start, end),
    meter: kind === 'metered' ? tallyMetering(boards) : undefined,
  };
}

/** A network-less part: the boards shared among SIM_THREADS worker threads of this one process, each with lanes. */
async function offlinePart(kind: 'plain' | 'metered'): Promise<PartOutcome> {
  const part = new Part(kind);
  const { start, end } = night();
  const threads = Math.max(1, Math.min(THREADS, BOARDS));
  // Worker threads do not inherit tsx's loader: each registers it, then imports this module.
  const api = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const workers = Array.from({ length: threads }, (_, k) => new Worker(bootstrap, {
    eval: true, workerData: { kind, from: Math.floor((k * BOARDS) / threads), to: Math.floor(((k + 1) * BOARDS) / threads) },
  }));
  const next = (w: Worker): Promise<unknown> => new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); });
  await Promise.all(workers.map(next)); // each has loaded the code and measured its empty heap
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const done = workers.map(next);
  for (const w of workers) w.postMessage('go');
  const shares = (await Promise.all(done)) as ShareOutcome[];
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const rss = peakRss();
  await Promise.all(workers.map((w) => w.terminate()));
  const max = (f: (s: ShareOutcome) => number): number => Math.max(...shares.map(f));
  const sum = (f: (s: ShareOutcome) => number): number => shares.reduce((n, s) => n + f(s), 0);
  const firings = sum((s) => s.firings);
  const heap = sum((s) => s.heapBytes);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  part.result('boards', BOARDS, 'boards');
  part.result('hours', HOURS, 'h');
  part.result('threads', threads, 'threads');
  part.result('make_s', round(max((s) => s.makeMs) / 1000), 's');
  part.result('boot_s', round(max((s) => s.bootMs) / 1000), 's');
  part.result('night_s', round(max((s) => s.nightMs) / 1000), 's');
  part.result('total_s', round((t1 - t0) / 1000), 's');
  part.result('cpu_s', round(cpuS), 's');
  part.result('cpu_ms_per_board_hour', round((cpuS * 1000) / (BOARDS * HOURS), 3), 'ms');
  part.result('board_hours_per_s', Math.round((BOARDS * HOURS) / ((t1 - t0) / 1000)), 'board-h/s');
  part.result('timers', firings, 'firings');
  part.result('timers_per_board_hour', Math.round(firings / BOARDS / HOURS), 'firings');
  part.result('peak_rss_mib', mib(rss), 'MiB');
  part.result('heap_mib', mib(heap), 'MiB');
  part.result('heap_kib_per_board', round(heap / BOARDS / 1024, 1), 'KiB');
  part.note(`${kind}: ${BOARDS} boards in ${threads} worker thread(s) of one process, lanes, network-less, ${new Date(start).toISOString()} → ${new Date(end).toISOString()}`);
  const n = BOARDS;
  const nt = shares.map((s) => s.night);
  const litOk = nt.reduce((a, t) => a + t.litOk, 0);
  const darkOk = nt.reduce((a, t) => a + t.darkOk, 0);
  const rebooted = nt.reduce((a, t) => a + t.rebooted, 0);
  const bad = nt.flatMap((t) => t.bad).slice(0, 3);
  part.check(`${kind}: every board lit within 2 min after its sunset`, litOk === n, `${litOk} of ${n}; latest ${round(Math.max(...nt.map((t) => t.worstLitMs)) / 1000, 0)} s after${bad.length ? `; ${bad.join('; ')}` : ''}`);
  part.check(`${kind}: every board dark within 2 min after its sunrise`, darkOk === n, `${darkOk} of ${n}; latest ${round(Math.max(...nt.map((t) => t.worstDarkMs)) / 1000, 0)} s after`);
  part.check(`${kind}: no board rebooted or panicked`, rebooted === 0, `${rebooted} of ${n}`);
  if (kind === 'metered') {
    const mt = shares.map((s) => s.meter as MeterTally);
    const logged = mt.reduce((a, t) => a + t.logged, 0);
    const close = mt.reduce((a, t) => a + t.close, 0);
    part.result('meter_records', mt.reduce((a, t) => a + t.records, 0), 'records');
    part.check(`${kind}: every board's meter log holds a record per 15 min (${RECORDS_PER_NIGHT}; a BL0940's last closes just after the night)`, logged === n, `${logged} of ${n}`);
    part.check(`${kind}: every board's metered energy within 2 % of the ground truth`, close === n, `${close} of ${n}; worst ${round(Math.max(...mt.map((t) => t.worstErr)) * 100, 2)} %`);
  }
  part.out.cpu = { userMs: cpu.user / 1000, systemMs: cpu.system / 1000 };
  return part.out;
}

/** A digest of everything a board did: PWM writes, energy, meter-log bytes, log lines, boots. */
function boardDigest(b: SimBoard): string {
  const h = createHash('sha256');
  for (const e of b.pwmTrace) h.update(`${e.t}:${e.pin}:${e.value};`);
  h.update(`E${b.energyWh()};B${b.bootCount};`);
  for (const l of b.logs.toArray()) h.update(`${l.t} ${l.level} ${l.message}\n`);
  h.update(b.metering.meterlog.peek());
  return h.digest('hex');
}

async function equivalencePart(): Promise<PartOutcome> {
  const part = new Part('equivalence');
  const { start, end } = night();
  const kinds = (i: number): Kind => (['plain', 'hlw8012', 'bl0940'] as const)[i % 3] as Kind;
  const run = async (lanes: boolean): Promise<{ digests: string[]; s: number }> => {
    const fleet = makeFleet(EQUIV_BOARDS, kinds, lanes, start);
    await fleet.start({ staggerMs: 30_000 });
    const t0 = performance.now();
    // In steps, as a test would drive it (lanes catch up board by board at each step).
    for (let t = start; t < end;) { t = Math.min(end, t + H); fleet.advanceTo(t); }
    const s = (performance.now() - t0) / 1000;
    return { digests: fleet.boards.map(boardDigest), s };
  };
  const shared = await run(false);
  const lanes = await run(true);
  const same = shared.digests.filter((d, i) => d === lanes.digests[i]).length;
  part.result('boards', EQUIV_BOARDS, 'boards');
  part.result('shared_clock_s', round(shared.s), 's');
  part.result('lanes_s', round(lanes.s), 's');
  part.check('lanes: every board does exactly what it does on the shared clock (PWM writes, energy, meter-log bytes, log lines)', same === EQUIV_BOARDS, `${same} of ${EQUIV_BOARDS} identical`);
  const c = process.cpuUsage();
  part.out.cpu = { userMs: c.user / 1000, systemMs: c.system / 1000 };
  return part.out;
}

// ---- MQTT part ---------------------------------------------------------------------------------------------------

/** Raises this process's open-file limit (root, with util-linux prlimit); returns the limit in force. */
function raiseFileLimit(pid: number, want: number): number {
  try {
    execFileSync('prlimit', ['--pid', String(pid), `--nofile=${want}:${want}`], { stdio: 'ignore' });
  } catch { /* not permitted: keep what we have */ }
  try {
    const line = readFileSync(`/proc/${pid}/limits`, 'utf8').split('\n').find((l) => l.startsWith('Max open files')) ?? '';
    return Number(line.split(/\s+/)[3]) || 0;
  } catch {
    return 0;
  }
}

async function mqttPart(): Promise<PartOutcome> {
  const part = new Part('mqtt');
  const port = Number(process.env.SIM_BROKER_PORT);
  const limit = raiseFileLimit(process.pid, MQTT_BOARDS * 2 + 1000);
  part.result('file_limit', limit, 'files');
  const addresses = Array.from({ length: SOURCE_ADDRESSES }, (_, i) => `127.0.0.${i + 1}`);
  const clock = new VirtualClock({ start: Date.parse(`${DATE}T22:00:00Z`) });
  const fleet = new SimFleet({ clock, firmware, connectRate: CONNECT_RATE, localAddresses: addresses });
  const tenant = 'scale';
  for (let i = 0; i < MQTT_BOARDS; i++) fleet.add({ deviceId: `NET-${String(i).padStart(5, '0')}`, tenant, mqtt: { host: '127.0.0.1', port } });

  // A subscriber that sees every board's uplinks (the Hello is a board's first) and the broker's client count.
  const seen = new Set<string>();
  let brokerClients = 0;
  const observer = mqtt.connect({ host: '127.0.0.1', port, clientId: 'sim-bench-observer', reconnectPeriod: 0 });
  await new Promise<void>((resolve, reject) => { observer.once('connect', () => resolve()); observer.once('error', reject); });
  observer.on('message', (topic, payload) => {
    if (topic === '$SYS/broker/clients/connected') brokerClients = Number(payload.toString());
    else seen.add(topic.split('/')[3] ?? '');
  });
  await observer.subscribeAsync([channelFilter('up', tenant), '$SYS/broker/clients/connected'], { qos: 0 });

  const heap0 = heapAfterGc();
  const rss0 = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fleet.start();
  const online = (): number => fleet.boards.reduce((n, b) => n + (b.online ? 1 : 0), 0);
  let onlineNow = 0;
  await clock.waitFor(() => (onlineNow = online()) === MQTT_BOARDS, {
    timeoutMs: Math.max(120_000, (3 * MQTT_BOARDS * 1000) / CONNECT_RATE), pollMs: 100,
    describe: () => `${onlineNow} of ${MQTT_BOARDS} online, ${fleet.pacer?.waiting ?? 0} waiting for their turn`,
  });
  const allOnline = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await clock.waitFor(() => seen.size >= MQTT_BOARDS && brokerClients >= MQTT_BOARDS + 1, {
    timeoutMs: 60_000, pollMs: 100, describe: () => `${seen.size} Hellos seen, the broker counts ${brokerClients} clients`,
  }).catch(() => undefined);
  const connectMs = fleet.boards.map((b) => b.link.lastConnectMs ?? Infinity);
  const rss = process.memoryUsage().rss;
  const heap = heapAfterGc();
  const perAddress = new Map<string, number>();
  for (const b of fleet.boards) perAddress.set(b.link.localAddress ?? '', (perAddress.get(b.link.localAddress ?? '') ?? 0) + 1);
  const brokerRss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${process.env.SIM_BROKER_PID}/status`, 'utf8'))?.[1] ?? 0) * 1024;

  part.result('boards', MQTT_BOARDS, 'boards');
  part.result('connect_rate', CONNECT_RATE, 'connections/s');
  part.result('source_addresses', SOURCE_ADDRESSES, 'addresses');
  part.result('all_online_s', round(allOnline), 's');
  part.result('achieved_rate', Math.round(MQTT_BOARDS / allOnline), 'connections/s');
  part.result('connect_p50_ms', round(pct(connectMs, 50)), 'ms');
  part.result('connect_p99_ms', round(pct(connectMs, 99)), 'ms');
  part.result('connect_max_ms', round(Math.max(...connectMs)), 'ms');
  part.result('cpu_s', round((cpu.user + cpu.system) / 1e6), 's');
  part.result('rss_mib', mib(rss), 'MiB');
  part.result('rss_kib_per_board', round((rss - rss0) / MQTT_BOARDS / 1024, 1), 'KiB');
  part.result('heap_kib_per_board', round((heap - heap0) / MQTT_BOARDS / 1024, 1), 'KiB');
  part.result('broker_rss_mib', mib(brokerRss), 'MiB');
  part.note(`mqtt: boards per source address ${[...perAddress].map(([a, n]) => `${a} ${n}`).join(', ')}`);
  part.check('mqtt: every board online (CONNACK)', onlineNow === MQTT_BOARDS, `${onlineNow} of ${MQTT_BOARDS}`);
  part.check("mqtt: every board's Hello reached the broker", seen.size === MQTT_BOARDS, `${seen.size} of ${MQTT_BOARDS}`);
  part.check('mqtt: the broker counts every board connected', brokerClients >= MQTT_BOARDS + 1, `${brokerClients} clients (boards + this observer)`);
  part.check(`mqtt: the ramp held ${CONNECT_RATE} connections/s`, allOnline >= (0.9 * MQTT_BOARDS) / CONNECT_RATE, `${MQTT_BOARDS} in ${round(allOnline)} s`);
  part.check('mqtt: the boards used every source address', perAddress.size === SOURCE_ADDRESSES, [...perAddress.keys()].join(' '));
  fleet.stop();
  await observer.endAsync(true);
  part.out.cpu = { userMs: cpu.user / 1000, systemMs: cpu.system / 1000 };
  return part.out;
}

// ---- the parent: runs the parts, reports ---------------------------------------------------------------------------

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', () => resolve()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

async function waitPort(port: number): Promise<void> {
  const clock = new VirtualClock();
  let up = false;
  const probe = (): void => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { up = true; s.destroy(); });
    s.once('error', () => { s.destroy(); setTimeout(probe, 50); });
  };
  probe();
  await clock.waitFor(() => up, { timeoutMs: 10_000, describe: () => `Mosquitto on port ${port}` });
}

/** Mosquitto for the MQTT part: no connection limit, deep queues, file limit raised (prlimit, when permitted). */
async function startBroker(): Promise<{ port: number; proc: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sim-bench-mosq-'));
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, [
    `listener ${port} 127.0.0.1`, 'allow_anonymous true', 'max_connections -1', 'max_queued_messages 100000',
    'max_inflight_messages 100', 'set_tcp_nodelay true', 'sys_interval 1', 'persistence false', 'log_dest none', '',
  ].join('\n'));
  const bin = process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto';
  const proc = spawn(bin, ['-c', conf], { stdio: 'ignore' });
  if (proc.pid !== undefined) raiseFileLimit(proc.pid, MQTT_BOARDS * 2 + 1000);
  await waitPort(port);
  return { port, proc, dir };
}

function runPart(name: string, env: Record<string, string> = {}): Promise<PartOutcome> {
  return new Promise((resolve, reject) => {
    const child = fork(SELF, [name], {
      execArgv: ['--conditions=@streetlight/source', '--import', 'tsx', '--expose-gc', ...(process.env.SIM_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SIM_CPU_PROF}`] : [])],
      env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let outcome: PartOutcome | undefined;
    child.on('message', (m) => { outcome = m as PartOutcome; });
    child.once('exit', (code) => (outcome ? resolve(outcome) : reject(new Error(`part ${name} exited with ${code} before reporting`))));
  });
}

async function main(): Promise<void> {
  const report = benchReport('sim');
  const absorb = (name: string, o: PartOutcome): void => {
    for (const r of o.results) report.result(r.name, r.value, r.unit);
    for (const c of o.checks) report.check(c.what, c.ok, c.detail);
    for (const n of o.notes) report.note(n);
    report.cpu(`${name} part`, o.cpu);
  };
  report.note(`Node ${process.version}; parts ${PARTS.join(', ')}; night of ${DATE} at Sarlat; lanes for the network-less fleets`);
  for (const kind of ['plain', 'metered'] as const) {
    if (!PARTS.includes(kind)) continue;
    const o = await runPart(kind);
    absorb(kind, o);
    const total = o.results.find((r) => r.name === `${kind}_total_s`)?.value ?? Infinity;
    if (BOARDS >= 10_000 && HOURS >= 12) {
      report.goal(`${kind}: 10,000 boards through a 12 h night in under 60 s (making, booting and the night)`, total < 60, `${total} s`);
    }
  }
  if (PARTS.includes('equivalence')) absorb('equivalence', await runPart('equivalence'));
  if (PARTS.includes('mqtt')) {
    const broker = await startBroker();
    try {
      absorb('mqtt', await runPart('mqtt', { SIM_BROKER_PORT: String(broker.port), SIM_BROKER_PID: String(broker.proc.pid) }));
      const brokerCpu = report.cpuOfPid(broker.proc.pid as number);
      if (brokerCpu) {
        report.cpu('mosquitto', brokerCpu);
        report.result('mqtt_broker_cpu_s', round(cpuMs(brokerCpu) / 1000), 's');
      }
    } finally {
      broker.proc.kill('SIGTERM');
      rmSync(broker.dir, { recursive: true, force: true });
    }
  }
  await report.finish();
}

const partName = process.argv[2];
if (!isMainThread) {
  // A worker thread of a network-less part: ready, then its share on 'go'.
  const { kind, from, to } = workerData as { kind: 'plain' | 'metered'; from: number; to: number };
  const port = parentPort as NonNullable<typeof parentPort>;
  const go = new Promise<void>((resolve) => port.once('message', () => resolve()));
  port.postMessage('ready');
  port.postMessage(await offlineShare(kind, from, to, go));
} else if (partName === undefined) {
  await main();
} else {
  const run = partName === 'plain' || partName === 'metered' ? offlinePart(partName) : partName === 'equivalence' ? equivalencePart() : partName === 'mqtt' ? mqttPart() : Promise.reject(new Error(`unknown part ${partName}`));
  const outcome = await run;
  await new Promise<void>((resolve) => process.send?.(outcome, () => resolve()));
  process.exit(0);
}
