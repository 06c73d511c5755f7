/**
 * Presence on demand: the real firmware on simulated boards along a street of poles with presence sensors
 * (hardware-sim SimStreet: pedestrians, cyclists and cars at their speeds, sensor misses and false triggers), a real
 * broker and a protocol peer standing where the server stands (config, plan, time; it counts the detection
 * uplinks). Every scenario runs on each firmware host: Node (presence-node.test.ts), XS (presence-xs.test.ts) and
 * the device-conditions host (presence-device.test.ts), one file each so the hosts run in parallel.
 *
 * What the light did is read from each board's PWM trace (every write to the dim pin, with its virtual instant),
 * and compared with the street's ground truth: when each passer-by entered and left each pole's detection range.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFirmware, type Firmware, type FirmwareStatus, type Host } from '@streetlight/firmware';
import { SimBoard, SimStreet, VirtualClock, type FirmwareRuntime, type MeterSpec, type PolePassage } from '@streetlight/hardware-sim';
import { startTestBroker, type TestBroker } from '@streetlight/hardware-sim/testing';
import type { Uplink } from '@streetlight/protocol';
import { Anchor, type Plan } from '@streetlight/protocol/lean';
import { ProtocolPeer } from '../lib/protocol-peer.js';
import { endDeviceScenario, startDeviceScenario } from '../lib/device-host.js';

const SARLAT = { lat: 44.8897, lon: 1.2166 };
const CONFIG = {
  version: 1, tz: 'CET-1CEST,M3.5.0,M10.5.0/3', latitudeE6: Math.round(SARLAT.lat * 1e6), longitudeE6: Math.round(SARLAT.lon * 1e6),
  nominalPowerW: 36,
};
const RAISED = 80;
const HOLD_S = 30;
const FADE_UP_S = 1;
const FADE_DOWN_S = 5;
/** Full light from sunset, presence mode from 23:00 (off, raised to 80 % on detection), off at sunrise. */
const PLAN: Plan = {
  id: 17, version: 1, defaultProgramId: 1,
  programs: [{
    id: 1,
    steps: [
      { anchor: Anchor.ANCHOR_SUNSET, offsetMin: 0, level: 100, fadeS: 2 },
      { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 23 * 60, level: RAISED, fadeS: 10, presence: { baseLevel: 0, holdS: HOLD_S, fadeUpS: FADE_UP_S, fadeDownS: FADE_DOWN_S } },
      { anchor: Anchor.ANCHOR_SUNRISE, offsetMin: 0, level: 0 },
    ],
  }],
};
/** 23:00 in Sarlat on the night of 23 November 2026 (CET, UTC+1). */
const PRESENCE_FROM = Date.parse('2026-11-23T22:00:00Z');
/** Detection range either side of a pole, and the poles along the street (m): 30 m apart, ranges not overlapping. */
const RANGE_M = 8;
const POLES_X = [0, 30, 60, 90];
/** The firmware's reaction to an edge: the Digital's onReadable (a 0 ms task), then the fade's 50 ms steps. */
const REACTION_MS = 150;
/** The PIR's own output hold after motion (SimPresenceSensor default). */
const PIR_OUTPUT_MS = 2000;

let broker: TestBroker;
let peer: ProtocolPeer;
let clock: VirtualClock;
let tenant: string;
let runtime: FirmwareRuntime = 'node';
const boards: SimBoard[] = [];
const streets: SimStreet[] = [];

/** Registers the presence scenarios for one firmware host (in the calling test file). */
export function presenceScenarios(r: FirmwareRuntime): void {
  beforeEach(async () => {
    startDeviceScenario();
    broker = await startTestBroker();
    clock = new VirtualClock({ start: Date.parse('2026-11-23T21:50:00Z') }); // 22:50 in Sarlat, full light
    tenant = `t${randomUUID().slice(0, 8)}`;
    peer = await ProtocolPeer.connect(`mqtt://${broker.host}:${broker.port}`, tenant, () => clock.now());
    // The server's part: a TimeSync for every Hello (boards without a battery-backed RTC start at 1970).
    peer.client.on('message', () => {
      const u = peer.uplinks.at(-1);
      if (u?.message.hello) peer.send(u.deviceId, { timeSync: { uplinkSeq: u.message.seq ?? 0 } }).catch(() => undefined);
    });
  });

  afterEach(async () => {
    try {
      if (runtime === 'device') endDeviceScenario(boards);
    } finally {
      for (const s of streets.splice(0)) s.dispose();
      for (const b of boards.splice(0)) b.dispose();
      await peer.close();
      await broker.close();
    }
  });

  function makeBoard(extra: { presenceSensor?: boolean; meter?: MeterSpec['chip'] } = {}): SimBoard {
    const board = new SimBoard({
      clock, deviceId: `PIR-${boards.length + 1}`, tenant, mqtt: { host: broker.host, port: broker.port }, position: SARLAT,
      presenceSensor: extra.presenceSensor ?? true, ...(extra.meter ? { meter: extra.meter } : {}),
      runtime, ...(runtime === 'node' ? { firmware: (host: Host) => startFirmware(host) } : {}),
    });
    boards.push(peer.watch(board));
    return board;
  }

  const status = (b: SimBoard): FirmwareStatus => (b.firmware as unknown as Firmware).status();
  const detections = (b: SimBoard): Array<NonNullable<Uplink['detection']>> => peer.of(b.deviceId).flatMap((u) => (u.detection ? [u.detection] : []));
  const seen = (b: SimBoard): string => {
    let st: unknown;
    try { st = status(b); } catch (err) { st = `status failed: ${String(err)}`; }
    return `${b.deviceId} ${b.state}, link ${b.online ? 'up' : 'down'}; status ${JSON.stringify(st)}`;
  };

  /** Config and plan through the peer, acknowledged; the clock synced by the Hello's TimeSync. */
  async function commission(...bs: SimBoard[]): Promise<void> {
    for (const b of bs) b.powerOn();
    for (const b of bs) {
      await clock.runUntil(() => peer.of(b.deviceId).some((u) => u.hello), { timeoutMs: 60_000, describe: () => seen(b) });
      await peer.send(b.deviceId, { config: CONFIG });
      await peer.send(b.deviceId, { plan: { plan: PLAN } });
    }
    for (const b of bs) {
      await clock.runUntil(() => status(b).planId === PLAN.id && status(b).clock === 3, { timeoutMs: 60_000, describe: () => seen(b) });
    }
  }

  /** The board's level (percent) over time, from the PWM writes on its dim pin (linear curve: duty = level). */
  function levels(b: SimBoard): Array<{ t: number; level: number }> {
    return b.pwmTrace.map((e) => ({ t: e.t, level: Math.round((100 * e.value) / ((1 << e.resolution) - 1)) }));
  }
  /** The level at instant t (the last write at or before it). */
  function levelAt(b: SimBoard, t: number): number {
    let level = 0;
    for (const e of levels(b)) { if (e.t > t) break; level = e.level; }
    return level;
  }
  /** First instant in [from, to] at which the level is at least `min` (undefined: never). */
  function firstAtLeast(b: SimBoard, min: number, from: number, to = Infinity): number | undefined {
    if (levelAt(b, from) >= min - 0.5) return from;
    return levels(b).find((e) => e.t >= from && e.t <= to && e.level >= min - 0.5)?.t;
  }
  /** Highest level written in [from, to]. */
  function maxIn(b: SimBoard, from: number, to: number): number {
    return Math.max(levelAt(b, from), ...levels(b).filter((e) => e.t >= from && e.t <= to).map((e) => e.level));
  }
  const show = (p: PolePassage): string => `pole ${p.pole} range ${new Date(p.enterMs).toISOString()}..${new Date(p.exitMs).toISOString()}`;

  async function intoPresenceStep(...bs: SimBoard[]): Promise<void> {
    await clock.runUntil(() => clock.now() >= PRESENCE_FROM + 20_000, { stepMs: 5_000, timeoutMs: 2 * 3_600_000 });
    for (const b of bs) expect(status(b).level, seen(b)).toBe(0); // presence mode, nobody there: base level 0
  }

  /** Checks one pole's light against one passer-by: raised within the fade up of their entering the range, held
   *  while they are in range and for the hold after (plus the PIR's own output time), back to base after the fade. */
  function expectLitFor(b: SimBoard, p: PolePassage): void {
    const raisedAt = firstAtLeast(b, RAISED, p.enterMs);
    expect(raisedAt, `${b.deviceId} never raised: ${show(p)}`).toBeDefined();
    expect(raisedAt! - p.enterMs, `${b.deviceId} ${show(p)}`).toBeLessThanOrEqual(FADE_UP_S * 1000 + REACTION_MS);
    expect(levelAt(b, p.enterMs - 1), `${b.deviceId} lit before anyone came: ${show(p)}`).toBe(0);
    // Held: at full raised level from then until the hold after the last motion has run out.
    const holdEnd = p.exitMs + PIR_OUTPUT_MS + HOLD_S * 1000;
    for (const e of levels(b).filter((x) => x.t > raisedAt! && x.t < holdEnd - 100)) expect(e.level, `${b.deviceId} dimmed while held: ${show(p)}`).toBeGreaterThanOrEqual(RAISED - 0.5);
    // Falls back: at base once hold + fade down are over, and not before the hold ran out.
    expect(levelAt(b, holdEnd + FADE_DOWN_S * 1000 + REACTION_MS), `${b.deviceId} not back at base: ${show(p)}`).toBe(0);
    const fellFrom = levels(b).find((e) => e.t > raisedAt! && e.level < RAISED - 0.5)?.t;
    expect(fellFrom! - holdEnd, `${b.deviceId} fell too early or late: ${show(p)}`).toBeGreaterThanOrEqual(-100);
    expect(fellFrom! - holdEnd).toBeLessThanOrEqual(REACTION_MS + 1000);
  }

  describe(`firmware on ${r}`, () => {
    beforeEach(() => { runtime = r; });

    it('a pedestrian walking the street gets light at each pole as they reach it; each pole falls back after hold and fade', async () => {
      const poles = POLES_X.map(() => makeBoard());
      await commission(...poles);
      const street = new SimStreet({ clock, poles: poles.map((board, i) => ({ board, x: POLES_X[i]! })), rangeM: RANGE_M, seed: 7 });
      streets.push(street);
      await intoPresenceStep(...poles);
      const walk = street.walk({ kind: 'pedestrian', at: clock.now() + 5_000 });
      const last = walk.poles.at(-1)!;
      const end = last.exitMs + PIR_OUTPUT_MS + (HOLD_S + FADE_DOWN_S) * 1000 + 5_000;
      await clock.runUntil(() => clock.now() >= end, { stepMs: 1_000, timeoutMs: 10 * 60_000 });
      // 1.4 m/s: 21 s from pole to pole, 11 s in each range.
      expect(walk.poles.map((p) => p.pole)).toEqual([0, 1, 2, 3]);
      for (const p of walk.poles) expectLitFor(poles[p.pole]!, p);
      // Light at each pole as the pedestrian reaches it, not before: the next pole is still dark when one is raised.
      for (const [k, p] of walk.poles.slice(0, -1).entries()) expect(levelAt(poles[walk.poles[k + 1]!.pole]!, p.enterMs + 1500)).toBe(0);
      // Each pole told the server once (the pedestrian is one detection per pole).
      for (const b of poles) {
        expect(detections(b), seen(b)).toHaveLength(1);
        expect(detections(b)[0]).toMatchObject({ raisedLevel: RAISED, holdS: HOLD_S, sinceLast: 0 });
        expect(status(b).presence).toMatchObject({ raised: false, detections: 1, reports: 1 });
      }
    });

    it('a false trigger raises once; a missed detection leaves the pole at base; detections within a hold send one uplink', async () => {
      const poles = POLES_X.slice(0, 3).map(() => makeBoard());
      await commission(...poles);
      const street = new SimStreet({ clock, poles: poles.map((board, i) => ({ board, x: POLES_X[i]! })), rangeM: RANGE_M });
      streets.push(street);
      await intoPresenceStep(...poles);
      // A cat under pole 1: one short trigger.
      const t0 = clock.now() + 3_000;
      street.falseTrigger(1, t0);
      await clock.runUntil(() => clock.now() >= t0 + PIR_OUTPUT_MS + (HOLD_S + FADE_DOWN_S) * 1000 + 2_000, { timeoutMs: 5 * 60_000 });
      expectLitFor(poles[1]!, { pole: 1, enterMs: t0, exitMs: t0, detected: true });
      for (const i of [0, 2]) expect(maxIn(poles[i]!, t0, clock.now()), seen(poles[i]!)).toBe(0);
      expect(detections(poles[1]!)).toHaveLength(1);
      // One raise: the level went up once and down once.
      const ups = levels(poles[1]!).filter((e, k, all) => k > 0 && e.t >= t0 && e.level > 0 && all[k - 1]!.level === 0);
      expect(ups).toHaveLength(1);

      // A cyclist whom pole 2's sensor misses: poles 0 and 1 light, pole 2 stays at base.
      const ride = street.walk({ kind: 'cyclist', at: clock.now() + 2_000, missedBy: [2] });
      const rideEnd = ride.poles.at(-1)!.exitMs + PIR_OUTPUT_MS + (HOLD_S + FADE_DOWN_S) * 1000 + 2_000;
      await clock.runUntil(() => clock.now() >= rideEnd, { timeoutMs: 5 * 60_000 });
      expectLitFor(poles[0]!, ride.poles.find((p) => p.pole === 0)!);
      expectLitFor(poles[1]!, ride.poles.find((p) => p.pole === 1)!);
      expect(maxIn(poles[2]!, ride.startMs, clock.now()), seen(poles[2]!)).toBe(0);
      expect(detections(poles[2]!)).toHaveLength(0);

      // Three pedestrians 10 s apart under pole 0: raised once, one uplink; the next detection after the hold
      // reports the two that sent none.
      const t1 = clock.now() + 1_000;
      for (let k = 0; k < 3; k++) street.falseTrigger(0, t1 + k * 10_000);
      const before = detections(poles[0]!).length;
      await clock.runUntil(() => clock.now() >= t1 + 25_000, { timeoutMs: 60_000 });
      expect(detections(poles[0]!).length - before).toBe(1);
      const t2 = clock.now() + HOLD_S * 1000;
      street.falseTrigger(0, t2);
      await clock.runUntil(() => detections(poles[0]!).length === before + 2, { timeoutMs: 2 * 60_000, describe: () => seen(poles[0]!) });
      expect(detections(poles[0]!).at(-1)!.sinceLast).toBe(2);
      expect(status(poles[0]!).presence?.detections).toBe(1 + 3 + 1); // the cyclist, three pedestrians, one more
    });

    it('presence_ahead from the server raises a pole before its sensor sees anyone, within its own step; refused outside one or unauthenticated', async () => {
      const [pole] = [makeBoard()];
      await commission(pole!);
      const b = pole!;
      const ackOf = (seq: number) => peer.of(b.deviceId).find((u) => u.ack?.downlinkSeq === seq)?.ack;
      // 22:50: the full-light step. Refused, nothing changes.
      const early = await peer.send(b.deviceId, { command: { presenceAhead: { holdS: HOLD_S } } });
      await clock.runUntil(() => ackOf(early) !== undefined, { timeoutMs: 60_000, describe: () => seen(b) });
      expect(ackOf(early)).toMatchObject({ status: 2 }); // ACK_STATUS_REJECTED
      expect(status(b).level).toBe(100);
      await intoPresenceStep(b);
      // Without the device key: dropped, not answered, the light stays at base.
      const rejected = status(b).rejectedDownlinks;
      await peer.sendUnsealed(b.deviceId, { command: { presenceAhead: { holdS: HOLD_S } } });
      await clock.runUntil(() => status(b).rejectedDownlinks > rejected, { timeoutMs: 60_000, describe: () => seen(b) });
      expect(status(b).level).toBe(0);
      // Sealed: raised at once to the step's level (not above), held for the step's hold, faded back.
      const t0 = clock.now();
      const seq = await peer.send(b.deviceId, { command: { presenceAhead: { holdS: 600 } } });
      await clock.runUntil(() => ackOf(seq) !== undefined, { timeoutMs: 60_000, describe: () => seen(b) });
      expect(ackOf(seq)).toMatchObject({ status: 1 }); // ACK_STATUS_OK
      const end = t0 + (HOLD_S + FADE_DOWN_S) * 1000 + 2_000;
      await clock.runUntil(() => clock.now() >= end, { timeoutMs: 5 * 60_000 });
      expectLitFor(b, { pole: 0, enterMs: t0, exitMs: t0 - PIR_OUTPUT_MS, detected: true });
      expect(maxIn(b, t0, clock.now())).toBe(RAISED);
      // Not a detection of its own: none counted, none reported.
      expect(status(b).presence).toMatchObject({ raised: false, detections: 0, reports: 0 });
      expect(detections(b)).toHaveLength(0);
    });

    it('a night under presence mode draws less energy than the fixed plan at the raised level', async () => {
      // Two metered poles on the same street with the same plan: one has a sensor (presence mode), the other none:
      // it drives the step's raised level all step long, as firmware without presence mode does (the fixed plan).
      const presence = makeBoard({ meter: 'hlw8012' });
      const fixed = makeBoard({ meter: 'hlw8012', presenceSensor: false });
      await commission(presence, fixed);
      const street = new SimStreet({ clock, poles: [{ board: presence, x: 0 }], rangeM: RANGE_M, missProbability: 0.05, falseTriggersPerHour: 0.5, seed: 2026 });
      streets.push(street);
      // A night on a residential street (per hour of the local night, CET = UTC+1): the evening's walkers and
      // cyclists, a few cars, almost nobody from 1 to 5, the first commuters at 6.
      const hourOf = (ms: number): number => (new Date(ms).getUTCHours() + 1) % 24;
      const pedestrian = [1, 0.5, 0.5, 0.5, 0.5, 1, 3, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 10, 8, 6, 5, 3];
      const cyclist = [0.5, 0, 0, 0, 0, 0.5, 2, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 2, 2, 1, 1];
      const car = [1, 0.5, 0.5, 0, 0, 1, 3, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 6, 5, 4, 3, 2];
      const from = clock.now();
      const until = Date.parse('2026-11-24T05:00:00Z'); // 06:00, before sunrise
      const drawn = street.traffic(from, until, { perHour: { pedestrian, cyclist, car }, hourOf });
      const e0 = { presence: status(presence).energy!.totalEnergyMwh, fixed: status(fixed).energy!.totalEnergyMwh };
      const truth0 = { presence: presence.energyWh(), fixed: fixed.energyWh() };
      await clock.runUntil(() => clock.now() >= until, { stepMs: 60_000, timeoutMs: 9 * 3_600_000 });
      const used = { presence: status(presence).energy!.totalEnergyMwh - e0.presence, fixed: status(fixed).energy!.totalEnergyMwh - e0.fixed };
      const truth = { presence: presence.energyWh() - truth0.presence, fixed: fixed.energyWh() - truth0.fixed };
      const passed = drawn.filter((p) => p.startMs >= PRESENCE_FROM).length;
      console.log(`presence night on ${r}: ${drawn.length} passers-by (${passed} in presence mode), ${street.falseTriggers.length} false triggers; `
        + `metered ${(used.fixed / 1000).toFixed(1)} Wh fixed at ${RAISED} % vs ${(used.presence / 1000).toFixed(1)} Wh presence `
        + `(${(100 * (1 - used.presence / used.fixed)).toFixed(0)} % saved); ground truth ${truth.fixed.toFixed(1)} vs ${truth.presence.toFixed(1)} Wh; `
        + `${detections(presence).length} detection uplinks for ${status(presence).presence?.detections} detections`);
      expect(passed).toBeGreaterThan(10);
      // The fixed plan burns the raised level all step; presence mode only while someone is there.
      expect(used.presence).toBeLessThan(0.5 * used.fixed);
      // The firmware's meter agrees with what the luminaire really drew (within the HLW8012's error and a poll).
      expect(Math.abs(used.presence / 1000 - truth.presence)).toBeLessThan(0.05 * truth.presence + 1);
      expect(Math.abs(used.fixed / 1000 - truth.fixed)).toBeLessThan(0.05 * truth.fixed + 1);
      // Before 23:00 (the full-light step) the sensor changed nothing: full light, and no detection reported.
      expect(maxIn(presence, from, PRESENCE_FROM - 60_000)).toBe(100);
      expect(levels(presence).filter((e) => e.t >= from + 10_000 && e.t < PRESENCE_FROM).every((e) => e.level === 100)).toBe(true);
      for (const d of detections(presence)) expect((d.detectedAt ?? 0) * 1000).toBeGreaterThanOrEqual(PRESENCE_FROM);
      // Never above the plan's raised level in presence mode; the board without a sensor held it all step.
      expect(maxIn(presence, PRESENCE_FROM + 11_000, until)).toBe(RAISED);
      expect(levels(fixed).filter((e) => e.t > PRESENCE_FROM + 11_000 && e.t < until).length).toBe(0);
      expect(levelAt(fixed, until - 1)).toBe(RAISED);
      // Rate limit: at most one detection uplink per hold.
      const times = detections(presence).map((d) => d.detectedAt ?? 0);
      for (let k = 1; k < times.length; k++) expect(times[k]! - times[k - 1]!).toBeGreaterThanOrEqual(HOLD_S - 1);
    });
  });
}
