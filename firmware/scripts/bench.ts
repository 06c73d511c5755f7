/**
 * `pnpm bench:firmware`: the firmware inside the real XS engine (xsnap), measured with XS's own meters.
 *
 * - compute: XS's deterministic computation meter for a delivery (boot, one scheduler tick, one hour of a
 *   night, decoding a plan). It includes the simulator's Host shims (JSON messages through issueCommand),
 *   which a device does not run, so it is an upper bound of the firmware's own work.
 * - slots: `currentHeapCount` after a forced collection (xsnap's `gc()`), i.e. live slots. Loaded code:
 *   engine with the firmware bundle minus engine with only the Host shims. Running state: live slots after
 *   boot, and at the end of each simulated night of a week, minus the loaded engine before boot.
 * - bundle size, plain and minified.
 * Ends with `RESULT <name> <value> <unit>` lines.
 */
import { createXsFirmware, SimBoard, VirtualClock, XsMachine, firmwareBundle, guestScript, type XsFirmware, type XsMeter } from '../../hardware-sim/src/index.js';
import { Anchor, encodeDownlink } from '@streetlight/protocol/lean';
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
const meters: { what: string; meter: XsMeter }[] = [];
const clock = new VirtualClock({ start: Date.parse('2026-11-23T12:00:00Z') });
const board = new SimBoard({
  clock, deviceId: 'BENCH-1', tenant: 'bench', mqtt: { host: '127.0.0.1', port: 1 }, position: SARLAT, rtc: 'kept', ambient: 'manual',
  firmware: createXsFirmware({ stdio: 'ignore', onMeter: (what, meter) => { meters.push({ what, meter }); current.meters.push(meter); } }),
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
const ticks = meters.filter((m) => m.what === 'timer').map((m) => m.meter.compute).sort((a, b) => a - b);
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

// --- bundle size ------------------------------------------------------------------------------------------
result('firmware_bundle_bytes', Buffer.byteLength(bundleScript()), 'bytes');
result('firmware_bundle_min_bytes', Buffer.byteLength(bundleScript({ minify: true })), 'bytes');

process.stdout.write(`running-state slots: after boot ${afterBoot}; at the end of nights 1-7: ${perNight.join(', ')}\n`);
for (const [name, value, unit] of results) process.stdout.write(`RESULT ${name} ${value} ${unit}\n`);
