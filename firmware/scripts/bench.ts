/**
 * `pnpm bench:firmware`: the firmware inside the real XS engine (xsnap), measured with XS's own meters.
 *
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
 * Ends with `RESULT <name> <value> <unit>` lines.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  buildSimImage, createXsFirmware, SimBoard, SimMqttClient, VirtualClock, XsMachine, firmwareBundle, guestScript, nodeHmac, simDeviceKey,
  type XsDeliveryCost, type XsFirmware, type XsMeter,
} from '../../hardware-sim/src/index.js';
import { startTestBroker } from '../../hardware-sim/src/testing.js';
import { Anchor, ImageKind, OtaState, decodeUplink, encodeDownlink, encodeImageManifest, sealFrame } from '@streetlight/protocol/lean';
import { channelFilter, deviceTopic } from '@streetlight/protocol/topics';
import { bundleScript } from './bundle.js';

const results: [string, number, string][] = [];
const result = (name: string, value: number, unit: string): void => { results.push([name, value, unit]); };

// --- loaded code vs a bare engine -------------------------------------------------------------------------
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

// --- a board running the firmware in XS, offline, with a plan in its flash --------------------------------
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

let current: { what: string; meters: XsMeter[] } = { what: '', meters: [] };
const meters: { what: string; meter: XsMeter; ops: string[] }[] = [];
let ops: string[] = [];
const clock = new VirtualClock({ start: Date.parse('2026-11-23T12:00:00Z') });
const board = new SimBoard({
  clock, deviceId: 'BENCH-1', tenant: 'bench', mqtt: { host: '127.0.0.1', port: 1 }, position: SARLAT, rtc: 'kept', ambient: 'manual',
  firmware: createXsFirmware({
    stdio: 'ignore',
    onCall: (op) => { ops.push(op); },
    onMeter: (what, meter) => { meters.push({ what, meter, ops }); ops = []; current.meters.push(meter); },
  }),
});
board.flash.write('cfg', frame({ config }));
board.flash.write('plan', planFrame);
board.setDark(true);

current = { what: 'boot', meters: [] };
board.powerOn();
const fw = board.firmware as XsFirmware;
const bootMeter = meters.find((m) => m.what === 'boot')?.meter;
result('xs_boot_compute', bootMeter?.compute ?? 0, 'compute');
const gcSlots = (): number => { fw.deliver(['gc']); return fw.machine.lastMeter?.currentHeapCount ?? 0; };
const afterBoot = gcSlots() - loadedAbsolute;
result('xs_running_state_slots_boot', afterBoot, 'slots');

// One scheduler tick: the 60 s evaluation timer in a quiet hour (no fade), median of an hour's ticks.
clock.advanceTo(Date.parse('2026-11-23T13:00:00Z'));
meters.length = 0;
clock.advanceTo(Date.parse('2026-11-23T14:00:00Z'));
// The evaluation reads the clock (and the photocell) and arms the next one; the hour's other timers (the OTA
// agent's idle window check, the energy interval) are not it.
const ticks = meters.filter((m) => m.what === 'timer' && m.ops.includes('clock.read') && m.ops.includes('timer.set')).map((m) => m.meter.compute).sort((a, b) => a - b);
result('xs_tick_compute', ticks[Math.floor(ticks.length / 2)] ?? 0, 'compute');

// One hour of a night that contains a step with a 10 s fade (22:00–23:00 UTC: the 23:00 CET step).
clock.advanceTo(Date.parse('2026-11-23T21:30:00Z'));
meters.length = 0;
clock.advanceTo(Date.parse('2026-11-23T22:30:00Z'));
result('xs_night_hour_compute', meters.reduce((s, m) => s + m.meter.compute, 0), 'compute');
result('xs_night_hour_deliveries', meters.length, 'deliveries');

// Decoding a plan with the firmware's lean codec inside XS.
fw.deliver(['decode'], new Uint8Array(planFrame));
result('xs_decode_plan_compute', fw.machine.lastMeter?.compute ?? 0, 'compute');

// A week: live slots of the running state at the end of each night (noon), over the loaded engine.
const perNight: number[] = [];
for (let day = 1; day <= 7; day++) {
  clock.advanceTo(Date.parse('2026-11-23T12:00:00Z') + day * 86_400_000);
  perNight.push(gcSlots() - loadedAbsolute);
}
result('xs_running_state_slots_week', Math.max(...perNight), 'slots');
result('xs_growth_after_first_night_slots', Math.max(...perNight.slice(1)) - (perNight[0] ?? 0), 'slots');
board.dispose();

// --- metering: one tick of the chip driver, and what metering adds to an hour ----------------------------
/** A delivery as the benchmark sees it: what it was, its meter, its wire cost and the Host calls it made. */
interface Delivery { what: string; meter: XsMeter; wire: XsDeliveryCost; ops: string[] }
function recorder(): { deliveries: Delivery[]; factory: ReturnType<typeof createXsFirmware> } {
  const deliveries: Delivery[] = [];
  let ops: string[] = [];
  const factory = createXsFirmware({
    stdio: 'ignore',
    onCall: (op) => { ops.push(op); },
    onMeter: (what, meter, wire) => {
      if (wire) deliveries.push({ what, meter, wire, ops });
      ops = [];
    },
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
function meteredHour(chip: 'hlw8012' | 'bl0940' | undefined): Delivery[] {
  const rec = recorder();
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
  b.dispose();
  return rec.deliveries;
}
const baseline = meteredHour(undefined);
for (const chip of ['hlw8012', 'bl0940'] as const) {
  const hour = meteredHour(chip);
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
  result(`xs_meter_tick_compute_${chip}`, median(ticks.map((t) => t.compute)), 'compute');
  result(`xs_meter_tick_calls_${chip}`, median(ticks.map((t) => t.calls)), 'calls');
  result(`xs_meter_tick_bytes_${chip}`, median(ticks.map((t) => t.bytes)), 'bytes');
  result(`xs_meter_tick_us_${chip}`, Math.round(median(ticks.map((t) => t.ms)) * 1000), 'us');
  result(`xs_energy_record_compute_${chip}`, median(records.map((d) => d.meter.compute)), 'compute');
  // Everything metering adds to an hour (polls, fault evaluation every 10 s, 4 records): metered − unmetered.
  result(`xs_metering_hour_compute_${chip}`, sum(hour) - sum(baseline), 'compute');
  result(`xs_metering_hour_calls_${chip}`, hour.reduce((a, d) => a + d.wire.calls, 0) - baseline.reduce((a, d) => a + d.wire.calls, 0), 'calls');
}

// --- OTA: a 1 MiB image downloaded in 4 KiB chunks over a real (embedded) broker, verified, switched ------
{
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

  const rec = recorder();
  const c = new VirtualClock({ start: Date.parse('2026-11-23T17:00:00Z') });
  const b = new SimBoard({
    clock: c, deviceId: 'BENCH-OTA', tenant: 'bench', mqtt: { host: broker.host, port: broker.port }, position: SARLAT,
    rtc: 'kept', ambient: 'manual', firmware: rec.factory, firmwareVersion: '1.0.0', otaKeys: [{ keyId, publicKey: raw }],
  });
  // The server's side, as an ECMA-419 client of the simulator: time for a Hello, chunks for a DOWNLOADING status.
  let seq = 0;
  let sentUpTo = 0;
  const states: number[] = [];
  let peerReady = false;
  const down = (body: object): void => {
    // Chunks go with seq 0 and no time, as the server sends them (they carry their own offset; no replay window write).
    const chunk = 'otaChunk' in body;
    const bytes = encodeDownlink({ protocolVersion: 1, deviceId: b.deviceId, seq: chunk ? 0 : ++seq, time: chunk ? 0 : Math.floor(c.now() / 1000), ...body });
    // Sealed with the board's key, as the server does (issue 11: frame authentication).
    peer.write(sealFrame(nodeHmac, simDeviceKey(b.deviceId), 'down', bytes), { topic: deviceTopic('bench', b.deviceId, 'down'), QoS: 1 });
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
  if (!states.includes(OtaState.OTA_STATE_CONFIRMED) || b.firmwareVersion !== '1.1.0') throw new Error(`OTA bench: the update did not confirm (states ${states.join(',')})`);
  peer.close();
  b.dispose();
  await broker.close();

  const chunks = download.filter((d) => d.ops.includes('up.write') && !d.ops.includes('sha.update') && !d.ops.includes('kv.write'));
  const persisting = download.filter((d) => d.ops.includes('up.write') && d.ops.includes('kv.write'));
  const verify = download.find((d) => d.ops.includes('sha.update'));
  const check = download.find((d) => d.ops.includes('up.begin'));
  result('xs_ota_chunk_write_compute', median(chunks.map((d) => d.meter.compute)), 'compute');
  result('xs_ota_chunk_write_calls', median(chunks.map((d) => d.wire.calls)), 'calls');
  result('xs_ota_chunk_write_us', Math.round(median(chunks.map((d) => d.wire.ms)) * 1000), 'us');
  result('xs_ota_chunk_persist_compute', median(persisting.map((d) => d.meter.compute)), 'compute');
  result('xs_ota_offer_check_compute', check?.meter.compute ?? 0, 'compute');
  result('xs_ota_verify_1mib_compute', verify?.meter.compute ?? 0, 'compute');
  result('xs_ota_verify_1mib_calls', verify?.wire.calls ?? 0, 'calls');
  result('xs_ota_verify_1mib_ms', Math.round(verify?.wire.ms ?? 0), 'ms');
  result('xs_ota_download_1mib_compute', sum(download), 'compute');
  result('xs_ota_download_1mib_calls', download.reduce((a, d) => a + d.wire.calls, 0), 'calls');
  result('xs_ota_download_1mib_wall_ms', Math.round(downloadMs), 'ms');
}

// --- bundle size ------------------------------------------------------------------------------------------
result('firmware_bundle_bytes', Buffer.byteLength(bundleScript()), 'bytes');
result('firmware_bundle_min_bytes', Buffer.byteLength(bundleScript({ minify: true })), 'bytes');

process.stdout.write(`running-state slots: after boot ${afterBoot}; at the end of nights 1-7: ${perNight.join(', ')}\n`);
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

for (const [name, value, unit] of results) process.stdout.write(`RESULT ${name} ${value} ${unit}\n`);
