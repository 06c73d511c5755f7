/**
 * `pnpm bench:firmware`: the firmware measured with XS's own meters, on two of the simulator's hosts.
 *
 * xsnap (`xs_…` figures: the firmware script inside Agoric's xsnap build of XS, 64-bit, large heap):
 * - compute: XS's deterministic computation meter for a delivery (boot, one scheduler tick, one hour of a
 *   night, decoding a plan, a metering tick, an OTA chunk write). It includes the simulator's Host shims (a JSON
 *   message per Host call through issueCommand), which a device does not run, so it is an upper bound of the
 *   firmware's own work.
 * - calls and µs: synchronous Host calls made from inside XS during a delivery (each a pipe round trip to the
 *   simulator) and the delivery's wall-clock time on this machine, calls included: the simulator's cost.
 * - slots: `currentHeapCount` after a forced collection (xsnap's `gc()`), i.e. live slots. Loaded code:
 *   engine with the firmware bundle minus engine with only the Host shims. Running state: live slots after
 *   boot, and at the end of each simulated night of a week, minus the loaded engine before boot.
 * - bundle size, plain and minified.
 *
 * Device conditions (`device_…` figures, issue 12): the same scenarios, by the same code (`engine: 'device'`),
 * on the device-conditions host (hardware-sim/devhost: the firmware PRELOADED by the SDK's xsl in the ESP32's
 * fixed heap of firmware/manifest.json, 32-bit slots, the SDK's native Digest and ECDSA). Its XS is the SDK's,
 * whose computation meter counts a built-in step as 1/4 of a bytecode: its `compute` is comparable between
 * device runs, not with xsnap's. Per scenario: live slots and chunk bytes (after the full collection that ends
 * every delivery: high-water over the scenario's deliveries), the peak of slots and chunk bytes during one of
 * its deliveries (garbage included, an upper bound) and the deepest the stack went, against the heap and stack.
 * Preloaded code lives in flash there and is not in these figures; the preloaded image (`mc.xs.c`) is. The bench
 * FAILS (exit code 1) when a delivery on that host goes over the heap or the stack, or when the firmware panics (an
 * XS abort — memory full — is one) in any scenario.
 *
 * Ends with `RESULT <name> <value> <unit>` lines.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  buildSimImage, createXsFirmware, SimBoard, SimMqttClient, VirtualClock, XsAbortError, XsMachine, firmwareBundle, guestScript, nodeHmac,
  simDeviceKey, type XsDeliveryCost, type XsFirmware, type XsMeter,
} from '../../hardware-sim/src/index.js';
import { ensureDevhost } from '../../hardware-sim/scripts/devhost-build.js';
import { startTestBroker } from '../../hardware-sim/src/testing.js';
import { Anchor, ImageKind, OtaState, decodeUplink, encodeDownlink, encodeImageManifest, sealFrame } from '@streetlight/protocol/lean';
import { channelFilter, deviceTopic } from '@streetlight/protocol/topics';
import { bundleScript } from './bundle.js';

const started = performance.now();
const results: [string, number, string][] = [];
const result = (name: string, value: number, unit: string): void => { results.push([name, value, unit]); };

/** Where the firmware runs: xsnap, or the device-conditions host. */
type Engine = 'xsnap' | 'device';
/** Prefix of an engine's RESULT names. */
const PREFIX: Record<Engine, string> = { xsnap: 'xs', device: 'device' };
/** The device-conditions host's binary (set before its scenarios run). */
let devhostBin: string | undefined;

/** What makes the bench fail: a delivery over the device heap, a panic (an XS abort on the device host). */
const failures: string[] = [];
/** Stack figures to read with care (see memoryFigures). */
const stackNotes: string[] = [];
/** The device heap, as its host reports it with every delivery. */
const heap = { slots: 0, chunks: 0, stack: 0 };
function checkHeap(what: string, meter: XsMeter): void {
  const d = meter.device;
  if (!d) return;
  heap.slots = d.heapSlots;
  heap.chunks = d.heapChunks;
  heap.stack = d.stackSize;
  if ((d.peakSlots > d.heapSlots || d.peakChunks > d.heapChunks || d.stackSlots > d.stackSize) && failures.length < 20) {
    failures.push(`device host: delivery '${what}' over the heap (peak ${d.peakSlots}/${d.heapSlots} slots, ${d.peakChunks}/${d.heapChunks} chunk bytes, stack ${d.stackSlots}/${d.stackSize} slots)`);
  }
}
function checkBoard(engine: Engine, scenario: string, b: SimBoard): void {
  const e = b.lastException;
  if (e === undefined) return;
  const what = e instanceof XsAbortError ? `XS abort (${e.message})` : e instanceof Error ? e.message : String(e);
  failures.push(`${PREFIX[engine]} ${scenario}: the firmware panicked: ${what}`);
}

/** A firmware factory for `engine`, every delivery checked against the device heap. */
function factoryFor(
  engine: Engine, onCall: (op: string) => void, onMeter: (what: string, meter: XsMeter, wire?: XsDeliveryCost) => void,
): ReturnType<typeof createXsFirmware> {
  return createXsFirmware({
    engine, stdio: 'ignore', onCall,
    ...(engine === 'device' && devhostBin !== undefined ? { devhostBin } : {}),
    onMeter: (what, meter, wire) => { checkHeap(what, meter); onMeter(what, meter, wire); },
  });
}

/**
 * Device host: a scenario's memory figures over its deliveries' meters — high-water of live slots and chunk
 * bytes (after each delivery's collection), and the peak in one delivery. Nothing on xsnap (its slots are above).
 */
function memoryFigures(engine: Engine, scenario: string, meters: XsMeter[]): void {
  if (engine !== 'device') return;
  const ds = meters.flatMap((m) => (m.device ? [m.device] : []));
  if (ds.length === 0) {
    failures.push(`device ${scenario}: no delivery measured`);
    return;
  }
  const max = (pick: (d: NonNullable<XsMeter['device']>) => number): number => Math.max(...ds.map(pick));
  result(`device_${scenario}_live_slots`, max((d) => d.liveSlots), 'slots');
  result(`device_${scenario}_live_chunk_bytes`, max((d) => d.liveChunks), 'bytes');
  result(`device_${scenario}_peak_slots`, max((d) => d.peakSlots), 'slots');
  result(`device_${scenario}_peak_chunk_bytes`, max((d) => d.peakChunks), 'bytes');
  const stack = max((d) => d.stackSlots);
  result(`device_${scenario}_stack_slots`, stack, 'slots');
  // The stack high-water is read from a painted stack (devhost.c: the top of the largest untouched run, since XS's
  // RegExp engine keeps its states at the bottom of the free stack). A delivery that went over would have aborted;
  // one that used nearly all of it is worth a note.
  if (stack >= 0.9 * (ds[0]?.stackSize ?? Infinity)) {
    stackNotes.push(`${scenario}: stack ${stack} of ${ds[0]?.stackSize} slots (over 90 %)`);
  }
}

// --- loaded code vs a bare engine (xsnap: the device host preloads, and evaluates no script) --------------
// XS is deterministic: a board's engine holds exactly `loadedAbsolute` live slots before its boot delivery.
let loadedAbsolute = 0;
function liveSlots(machine: XsMachine): number {
  machine.evaluate('gc();');
  return machine.evaluate('gc();').meter.currentHeapCount;
}
{
  const m = new XsMachine({ stdio: 'ignore' });
  const bare = liveSlots(m);
  m.evaluate(guestScript());
  const withShims = liveSlots(m);
  m.evaluate(firmwareBundle());
  const loaded = liveSlots(m);
  loadedAbsolute = loaded;
  m.close();
  result('xs_bare_engine_slots', bare, 'slots');
  result('xs_host_shims_slots', withShims - bare, 'slots');
  result('xs_firmware_loaded_slots', loaded - withShims, 'slots');
}

// --- a board running the firmware, offline, with a plan in its flash ---------------------------------------
const SARLAT = { lat: 44.8897, lon: 1.2166 };
const plan = {
  id: 1, version: 1, defaultProgramId: 1,
  programs: [{ id: 1, steps: [
    { anchor: Anchor.ANCHOR_SUNSET, level: 100, fadeS: 2 },
    { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 23 * 60, level: 50, fadeS: 10 },
    { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 60, level: 0, fadeS: 10 },
    { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 5 * 60, level: 50, fadeS: 10 },
    { anchor: Anchor.ANCHOR_SUNRISE, level: 0, fadeS: 2 },
  ] }],
};
const frame = (body: object): ArrayBuffer => {
  const bytes = encodeDownlink({ protocolVersion: 1, deviceId: 'self', ...body });
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};
const planFrame = frame({ plan: { plan } });
const config = { version: 1, tz: 'CET-1CEST,M3.5.0,M10.5.0/3', latitudeE6: Math.round(SARLAT.lat * 1e6), longitudeE6: Math.round(SARLAT.lon * 1e6) };

/** Live slots at the end of each night of the week, per engine (printed before the RESULT lines). */
const runningState: string[] = [];

/** Boot, a scheduler tick, a night hour, a plan decode, a week of nights. */
function boardScenarios(engine: Engine): void {
  const p = PREFIX[engine];
  const meters: { what: string; meter: XsMeter; ops: string[] }[] = [];
  let ops: string[] = [];
  const clock = new VirtualClock({ start: Date.parse('2026-11-23T12:00:00Z') });
  const board = new SimBoard({
    clock, deviceId: 'BENCH-1', tenant: 'bench', mqtt: { host: '127.0.0.1', port: 1 }, position: SARLAT, rtc: 'kept', ambient: 'manual',
    firmware: factoryFor(engine, (op) => { ops.push(op); }, (what, meter) => { meters.push({ what, meter, ops }); ops = []; }),
  });
  board.flash.write('cfg', frame({ config }));
  board.flash.write('plan', planFrame);
  board.setDark(true);

  board.powerOn();
  const fw = board.firmware as XsFirmware;
  const bootMeter = meters.find((m) => m.what === 'boot')?.meter;
  result(`${p}_boot_compute`, bootMeter?.compute ?? 0, 'compute');
  memoryFigures(engine, 'boot', bootMeter ? [bootMeter] : []);
  /** Live slots after a full collection: over the loaded engine on xsnap; in the heap on the device host. */
  const gcSlots = (): number => {
    fw.deliver(['gc']);
    const m = fw.machine.lastMeter;
    return engine === 'device' ? (m?.device?.liveSlots ?? 0) : (m?.currentHeapCount ?? 0) - loadedAbsolute;
  };
  const gcChunks = (): number => fw.machine.lastMeter?.device?.liveChunks ?? 0;
  const afterBoot = gcSlots();
  result(`${p}_running_state_slots_boot`, afterBoot, 'slots');
  if (engine === 'device') result('device_running_state_chunk_bytes_boot', gcChunks(), 'bytes');

  // One scheduler tick: the 60 s evaluation timer in a quiet hour (no fade), median of an hour's ticks.
  clock.advanceTo(Date.parse('2026-11-23T13:00:00Z'));
  meters.length = 0;
  clock.advanceTo(Date.parse('2026-11-23T14:00:00Z'));
  // The evaluation reads the clock (and the photocell) and arms the next one; the hour's other timers (the OTA
  // agent's idle window check, the energy interval) are not it.
  const tickMeters = meters.filter((m) => m.what === 'timer' && m.ops.includes('clock.read') && m.ops.includes('timer.set'));
  const ticks = tickMeters.map((m) => m.meter.compute).sort((a, b) => a - b);
  result(`${p}_tick_compute`, ticks[Math.floor(ticks.length / 2)] ?? 0, 'compute');
  memoryFigures(engine, 'tick', tickMeters.map((m) => m.meter));

  // One hour of a night that contains a step with a 10 s fade (22:00–23:00 UTC: the 23:00 CET step).
  clock.advanceTo(Date.parse('2026-11-23T21:30:00Z'));
  meters.length = 0;
  clock.advanceTo(Date.parse('2026-11-23T22:30:00Z'));
  result(`${p}_night_hour_compute`, meters.reduce((s, m) => s + m.meter.compute, 0), 'compute');
  result(`${p}_night_hour_deliveries`, meters.length, 'deliveries');
  memoryFigures(engine, 'night_hour', meters.map((m) => m.meter));

  // Decoding a plan with the firmware's lean codec inside XS.
  fw.deliver(['decode'], new Uint8Array(planFrame));
  result(`${p}_decode_plan_compute`, fw.machine.lastMeter?.compute ?? 0, 'compute');
  memoryFigures(engine, 'decode_plan', fw.machine.lastMeter ? [fw.machine.lastMeter] : []);

  // A week: live slots of the running state at the end of each night (noon).
  meters.length = 0;
  const perNight: number[] = [];
  const chunksPerNight: number[] = [];
  for (let day = 1; day <= 7; day++) {
    clock.advanceTo(Date.parse('2026-11-23T12:00:00Z') + day * 86_400_000);
    perNight.push(gcSlots());
    chunksPerNight.push(gcChunks());
  }
  result(`${p}_running_state_slots_week`, Math.max(...perNight), 'slots');
  result(`${p}_growth_after_first_night_slots`, Math.max(...perNight.slice(1)) - (perNight[0] ?? 0), 'slots');
  if (engine === 'device') {
    result('device_growth_after_first_night_chunk_bytes', Math.max(...chunksPerNight.slice(1)) - (chunksPerNight[0] ?? 0), 'bytes');
  }
  memoryFigures(engine, 'week', meters.map((m) => m.meter));
  checkBoard(engine, 'plan week', board);
  board.dispose();
  runningState.push(`${p} running-state slots: after boot ${afterBoot}; at the end of nights 1-7: ${perNight.join(', ')}`
    + (engine === 'device' ? `; chunk bytes ${chunksPerNight.join(', ')}` : ''));
}

// --- metering: one tick of the chip driver, and what metering adds to an hour ----------------------------
/** A delivery as the benchmark sees it: what it was, its meter, its wire cost and the Host calls it made. */
interface Delivery { what: string; meter: XsMeter; wire: XsDeliveryCost; ops: string[] }
function recorder(engine: Engine): { deliveries: Delivery[]; factory: ReturnType<typeof createXsFirmware> } {
  const deliveries: Delivery[] = [];
  let ops: string[] = [];
  const factory = factoryFor(engine, (op) => { ops.push(op); }, (what, meter, wire) => {
    if (wire) deliveries.push({ what, meter, wire, ops });
    ops = [];
  });
  return { deliveries, factory };
}
const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const sum = (ds: Delivery[]): number => ds.reduce((a, d) => a + d.meter.compute, 0);
const meteredConfig = { ...config, nominalPowerW: 36 };

/** One hour (after a warm-up hour) of a lit board, offline, with or without a metering chip. */
function meteredHour(engine: Engine, chip: 'hlw8012' | 'bl0940' | undefined): Delivery[] {
  const rec = recorder(engine);
  const c = new VirtualClock({ start: Date.parse('2026-11-23T17:00:00Z') });
  const b = new SimBoard({
    clock: c, deviceId: `BENCH-M-${chip ?? 'none'}`, tenant: 'bench', mqtt: { host: '127.0.0.1', port: 1 }, position: SARLAT,
    rtc: 'kept', ambient: 'manual', firmware: rec.factory, ...(chip ? { meter: chip } : {}),
  });
  b.flash.write('cfg', frame({ config: meteredConfig }));
  b.setDark(true);
  b.powerOn();
  c.advance(3_600_000);
  rec.deliveries.length = 0;
  c.advance(3_600_000);
  checkBoard(engine, `metered hour (${chip ?? 'no chip'})`, b);
  b.dispose();
  return rec.deliveries;
}
function meteringScenarios(engine: Engine): void {
  const p = PREFIX[engine];
  const baseline = meteredHour(engine, undefined);
  for (const chip of ['hlw8012', 'bl0940'] as const) {
    const hour = meteredHour(engine, chip);
    // A tick: the poll timer (HLW8012: both PulseCount reads and the SEL write); for the BL0940 the poll timer
    // writes the read command and the chip's answer comes back as a Serial onReadable delivery 8 ms later.
    const ticks: { compute: number; calls: number; ms: number; bytes: number }[] = [];
    for (let i = 0; i < hour.length; i++) {
      const d = hour[i] as Delivery;
      if (chip === 'hlw8012' && d.ops.includes('pc.read') && !d.ops.includes('fl.write')) {
        ticks.push({ compute: d.meter.compute, calls: d.wire.calls, ms: d.wire.ms, bytes: d.wire.bytes });
      }
      const answer = hour.slice(i + 1).find((a) => a.what === 'ser');
      if (chip === 'bl0940' && d.ops.includes('ser.write') && answer && !answer.ops.includes('fl.write')) {
        ticks.push({ compute: d.meter.compute + answer.meter.compute, calls: d.wire.calls + answer.wire.calls, ms: d.wire.ms + answer.wire.ms, bytes: d.wire.bytes + answer.wire.bytes });
      }
    }
    const records = hour.filter((d) => d.ops.includes('fl.write'));
    result(`${p}_meter_tick_compute_${chip}`, median(ticks.map((t) => t.compute)), 'compute');
    result(`${p}_meter_tick_calls_${chip}`, median(ticks.map((t) => t.calls)), 'calls');
    result(`${p}_meter_tick_bytes_${chip}`, median(ticks.map((t) => t.bytes)), 'bytes');
    result(`${p}_meter_tick_us_${chip}`, Math.round(median(ticks.map((t) => t.ms)) * 1000), 'us');
    result(`${p}_energy_record_compute_${chip}`, median(records.map((d) => d.meter.compute)), 'compute');
    // Everything metering adds to an hour (polls, fault evaluation every 10 s, 4 records): metered − unmetered.
    result(`${p}_metering_hour_compute_${chip}`, sum(hour) - sum(baseline), 'compute');
    result(`${p}_metering_hour_calls_${chip}`, hour.reduce((a, d) => a + d.wire.calls, 0) - baseline.reduce((a, d) => a + d.wire.calls, 0), 'calls');
    memoryFigures(engine, `metering_hour_${chip}`, hour.map((d) => d.meter));
  }
}

// --- OTA: a 1 MiB image downloaded in 4 KiB chunks over a real (embedded) broker, verified, switched ------
// Then MAC'd downlinks with an acknowledgement (a configuration, a plan) to the updated board.
async function otaScenario(engine: Engine): Promise<void> {
  const p = PREFIX[engine];
  const IMAGE_BYTES = 1 << 20;
  const CHUNK = 4096;
  const WINDOW = 32_768;
  const broker = await startTestBroker();
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  const raw = new Uint8Array(Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]));
  const keyId = 1;
  const image = buildSimImage({ version: '1.1.0', hardwareModels: ['SL-ESP32-SIM'], kind: 'full' }, IMAGE_BYTES);
  const sha256 = new Uint8Array(createHash('sha256').update(image).digest());
  const manifest = encodeImageManifest({
    format: 1, keyId, imageId: 1, version: '1.1.0', kind: ImageKind.IMAGE_KIND_FULL, size: IMAGE_BYTES, sha256,
    hardwareModels: ['SL-ESP32-SIM'], minVersion: '', createdAt: 1_790_000_000, tenants: ['bench'],
  });
  const offer = { imageId: 1, version: '1.1.0', kind: ImageKind.IMAGE_KIND_FULL, size: IMAGE_BYTES, sha256, manifest,
    signature: new Uint8Array(sign('sha256', manifest, { key: privateKey, dsaEncoding: 'ieee-p1363' })), keyId, chunkSize: CHUNK };

  const rec = recorder(engine);
  const c = new VirtualClock({ start: Date.parse('2026-11-23T17:00:00Z') });
  const b = new SimBoard({
    clock: c, deviceId: 'BENCH-OTA', tenant: 'bench', mqtt: { host: broker.host, port: broker.port }, position: SARLAT,
    rtc: 'kept', ambient: 'manual', firmware: rec.factory, firmwareVersion: '1.0.0', otaKeys: [{ keyId, publicKey: raw }],
  });
  // The server's side, as an ECMA-419 client of the simulator: time for a Hello, chunks for a DOWNLOADING status.
  let seq = 0;
  let sentUpTo = 0;
  const states: number[] = [];
  const acks: number[] = [];
  let peerReady = false;
  const down = (body: object): number => {
    // Chunks go with seq 0 and no time, as the server sends them (they carry their own offset; no replay window write).
    const chunk = 'otaChunk' in body;
    const bytes = encodeDownlink({ protocolVersion: 1, deviceId: b.deviceId, seq: chunk ? 0 : ++seq, time: chunk ? 0 : Math.floor(c.now() / 1000), ...body });
    // Sealed with the board's key, as the server does (issue 11: frame authentication).
    peer.write(sealFrame(nodeHmac, simDeviceKey(b.deviceId), 'down', bytes), { topic: deviceTopic('bench', b.deviceId, 'down'), QoS: 1 });
    return chunk ? 0 : seq;
  };
  const peer = new SimMqttClient({
    host: broker.host, port: broker.port, id: 'bench-peer',
    onControl(msg) {
      if (msg.operation === 2) this.write(null, { operation: 8, id: 1, items: [{ topic: channelFilter('up', 'bench'), QoS: 1 }] });
      if (msg.operation === 9) peerReady = true;
    },
    onReadable(count) {
      const up = decodeUplink(new Uint8Array(this.read(count)));
      if (up.hello) down({ timeSync: { uplinkSeq: up.seq ?? 0 } });
      if (up.ack) acks.push(up.ack.downlinkSeq ?? 0);
      const st = up.otaStatus;
      if (!st) return;
      states.push(st.state ?? 0);
      if (st.state !== OtaState.OTA_STATE_DOWNLOADING) return;
      const offset = st.offset ?? 0;
      let from = st.reason === 'resume' ? offset : Math.max(offset, sentUpTo);
      const to = Math.min(IMAGE_BYTES, offset + WINDOW);
      for (; from < to; from += CHUNK) down({ otaChunk: { imageId: 1, offset: from, data: image.subarray(from, Math.min(to, from + CHUNK)) } });
      sentUpTo = Math.max(from, to);
    },
  });
  await c.waitFor(() => peerReady, { timeoutMs: 10_000 });
  b.powerOn();
  await c.waitFor(() => b.online && (b.firmware as XsFirmware).status() !== undefined, { timeoutMs: 10_000 });
  await c.runUntil(() => ((b.firmware as XsFirmware | undefined)?.status() as { clock?: number } | undefined)?.clock === 3, { timeoutMs: 60_000, stepMs: 100 });
  rec.deliveries.length = 0;
  const t0 = performance.now();
  down({ otaOffer: offer });
  await c.runUntil(() => states.includes(OtaState.OTA_STATE_REBOOTING), { timeoutMs: 3_600_000, stepMs: 100 });
  const downloadMs = performance.now() - t0;
  const download = [...rec.deliveries];
  await c.runUntil(() => states.includes(OtaState.OTA_STATE_CONFIRMED) || states.includes(OtaState.OTA_STATE_ROLLED_BACK), { timeoutMs: 600_000, stepMs: 100 });
  if (!states.includes(OtaState.OTA_STATE_CONFIRMED) || b.firmwareVersion !== '1.1.0') throw new Error(`OTA bench (${engine}): the update did not confirm (states ${states.join(',')})`);

  // MAC'd downlinks to the updated board: each is read, authenticated, decoded, applied and acknowledged (the ack
  // uplink sealed too) in the MQTT deliveries that follow it.
  const downlinks: [string, object][] = [['config', { config }], ['plan', { plan: { plan } }]];
  const handled: [string, Delivery[]][] = [];
  for (const [name, body] of downlinks) {
    await c.runUntil(() => b.online, { timeoutMs: 60_000, stepMs: 100 });
    rec.deliveries.length = 0;
    const sent = down(body);
    await c.runUntil(() => acks.includes(sent), { timeoutMs: 60_000, stepMs: 10 });
    handled.push([name, rec.deliveries.filter((d) => d.what === 'mqtt' && d.ops.includes('mqtt.read'))]);
  }
  checkBoard(engine, 'OTA download and downlinks', b);
  peer.close();
  b.dispose();
  await broker.close();

  const chunks = download.filter((d) => d.ops.includes('up.write') && !d.ops.includes('up.read') && !d.ops.includes('kv.write'));
  const persisting = download.filter((d) => d.ops.includes('up.write') && d.ops.includes('kv.write'));
  // The verification reads the image back (a digest through Host calls on xsnap, the native Digest in XS on the device host).
  const verify = download.find((d) => d.ops.includes('up.read'));
  const check = download.find((d) => d.ops.includes('up.begin'));
  result(`${p}_ota_chunk_write_compute`, median(chunks.map((d) => d.meter.compute)), 'compute');
  result(`${p}_ota_chunk_write_calls`, median(chunks.map((d) => d.wire.calls)), 'calls');
  result(`${p}_ota_chunk_write_us`, Math.round(median(chunks.map((d) => d.wire.ms)) * 1000), 'us');
  result(`${p}_ota_chunk_persist_compute`, median(persisting.map((d) => d.meter.compute)), 'compute');
  result(`${p}_ota_offer_check_compute`, check?.meter.compute ?? 0, 'compute');
  result(`${p}_ota_verify_1mib_compute`, verify?.meter.compute ?? 0, 'compute');
  result(`${p}_ota_verify_1mib_calls`, verify?.wire.calls ?? 0, 'calls');
  result(`${p}_ota_verify_1mib_ms`, Math.round(verify?.wire.ms ?? 0), 'ms');
  result(`${p}_ota_download_1mib_compute`, sum(download), 'compute');
  result(`${p}_ota_download_1mib_calls`, download.reduce((a, d) => a + d.wire.calls, 0), 'calls');
  result(`${p}_ota_download_1mib_wall_ms`, Math.round(downloadMs), 'ms');
  for (const [name, ds] of handled) result(`${p}_downlink_${name}_compute`, sum(ds), 'compute');
  memoryFigures(engine, 'ota_offer_check', check ? [check.meter] : []);
  memoryFigures(engine, 'ota_chunk_write', chunks.map((d) => d.meter));
  memoryFigures(engine, 'ota_verify_1mib', verify ? [verify.meter] : []);
  memoryFigures(engine, 'ota_download_1mib', download.map((d) => d.meter));
  memoryFigures(engine, 'downlink', handled.flatMap(([, ds]) => ds.map((d) => d.meter)));
}

// --- xsnap -------------------------------------------------------------------------------------------------
boardScenarios('xsnap');
meteringScenarios('xsnap');
await otaScenario('xsnap');

// --- bundle size ------------------------------------------------------------------------------------------
result('firmware_bundle_bytes', Buffer.byteLength(bundleScript()), 'bytes');
result('firmware_bundle_min_bytes', Buffer.byteLength(bundleScript({ minify: true })), 'bytes');

// --- frame authentication (issue 11): the HMAC-SHA256 of one frame in the firmware's own ECMAScript SHA-256 --
// What the XS host runs (an ESP32 runs the SDK's native Digest instead, host.crypto). Three sizes: a TimeSync, a
// plan, an OTA chunk frame. The evaluation allocates the key and the frame too: an upper bound.
{
  const m = new XsMachine({ stdio: 'ignore' });
  m.evaluate(bundleScript({ entry: fileURLToPath(new URL('../src/sha256.ts', import.meta.url)), globalName: 'slSha256' }));
  for (const [name, bytes] of [['timesync', 40], ['plan', 330], ['chunk', 4140]] as const) {
    const r = m.evaluate(`slSha256.hmacSha256(new Uint8Array(32), 'sl1d', new Uint8Array(${bytes})).length`);
    result(`xs_frame_mac_${name}_${bytes}b_compute`, r.meter.compute, 'compute');
  }
  m.close();
}
const xsnapSeconds = (performance.now() - started) / 1000;

// --- device conditions (issue 12): the same scenarios on the device-conditions host -------------------------
{
  const t0 = performance.now();
  const report = await ensureDevhost({ say: (text) => process.stderr.write(`build:devhost: ${text}\n`) });
  devhostBin = report.bin;
  result('device_preloaded_image_bytes', report.imageBytes, 'bytes');
  result('device_module_bytes', report.moduleBytes, 'bytes');
  result('device_preload_instances', report.preload?.instances ?? 0, 'instances');
  result('device_preload_keys', report.preload?.keys ?? 0, 'keys');
  boardScenarios('device');
  meteringScenarios('device');
  await otaScenario('device');
  result('device_heap_slots', heap.slots, 'slots');
  result('device_heap_chunk_bytes', heap.chunks, 'bytes');
  result('device_stack_size_slots', heap.stack, 'slots');
  // The whole bench on the device host: its highest marks, against the heap.
  const highest = (suffix: string): number => Math.max(0, ...results.filter(([n]) => n.startsWith('device_') && n.endsWith(suffix)).map(([, v]) => v));
  result('device_max_live_slots', highest('_live_slots'), 'slots');
  result('device_max_live_chunk_bytes', highest('_live_chunk_bytes'), 'bytes');
  result('device_max_peak_slots', highest('_peak_slots'), 'slots');
  result('device_max_peak_chunk_bytes', highest('_peak_chunk_bytes'), 'bytes');
  if (heap.slots === 0) failures.push('device host: no delivery reported the heap');
  // The closing note: the device-conditions figures against the heap.
  const v = (name: string): number => results.find(([n]) => n === name)?.[1] ?? 0;
  const n = (x: number): string => x.toLocaleString('en');
  const pct = (x: number, of: number): string => `${of > 0 ? Math.round((100 * x) / of) : 0} %`;
  runningState.push(
    `device conditions: heap ${n(heap.slots)} slots, ${n(heap.chunks)} chunk bytes; preloaded image ${n(v('device_preloaded_image_bytes'))} bytes `
    + `(${n(v('device_preload_instances'))} instances). Live in every scenario ≤ ${n(v('device_max_live_slots'))} slots (${pct(v('device_max_live_slots'), heap.slots)}), `
    + `≤ ${n(v('device_max_live_chunk_bytes'))} chunk bytes (${pct(v('device_max_live_chunk_bytes'), heap.chunks)}); peak in one delivery `
    + `${n(v('device_max_peak_slots'))} slots, ${n(v('device_max_peak_chunk_bytes'))} chunk bytes (garbage included). Compute: tick ${n(v('device_tick_compute'))}, `
    + `metering hour ${n(v('device_metering_hour_compute_hlw8012'))} (HLW8012) / ${n(v('device_metering_hour_compute_bl0940'))} (BL0940), `
    + `OTA offer check ${n(v('device_ota_offer_check_compute'))}, 4 KiB chunk ${n(v('device_ota_chunk_write_compute'))}.`,
  );
  process.stderr.write(`bench: xsnap ${xsnapSeconds.toFixed(1)} s, device host ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

for (const line of [...runningState, ...stackNotes.map((t) => `note: ${t}`)]) process.stdout.write(`${line}\n`);
for (const [name, value, unit] of results) process.stdout.write(`RESULT ${name} ${value} ${unit}\n`);
if (failures.length > 0) {
  for (const f of failures) process.stderr.write(`bench:firmware FAILED: ${f}\n`);
  process.exitCode = 1;
}
