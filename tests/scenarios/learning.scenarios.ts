/**
 * Frugal learning on the pole (issue 17): the real firmware learns its street's traffic by quarter-hour of the week
 * from its own presence sensor and pre-lights before the usual passage. Four weeks of a town that powers its
 * lighting circuit from 21:50 to 23:00 (the boards reboot every evening; the short night keeps the XS runs short), a real broker and a
 * protocol peer standing where the server stands (config, plan, time; it keeps the profile uplinks). Every scenario
 * runs on each firmware host: Node (learning-node.test.ts), XS (learning-xs.test.ts) and the device-conditions host
 * (learning-device.test.ts).
 *
 * Street A: two poles, a walker at 22:10 local every weekday, a sensor that misses 5 % of passages and triggers
 * falsely once every 5 hours. Street B: one pole where nobody ever comes. The light is read from each board's PWM
 * trace and compared with the street's ground truth.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFirmware, type Firmware, type FirmwareStatus, type Host } from '@streetlight/firmware';
import { SimBoard, SimStreet, VirtualClock, type FirmwareRuntime, type Passage } from '@streetlight/hardware-sim';
import { startTestBroker, type TestBroker } from '@streetlight/hardware-sim/testing';
import { encodeUplink, MAX_PROFILE_CELLS, type Uplink } from '@streetlight/protocol';
import { Anchor, type Plan } from '@streetlight/protocol/lean';
import { ProtocolPeer } from '../lib/protocol-peer.js';
import { endDeviceScenario, startDeviceScenario } from '../lib/device-host.js';

const SARLAT = { lat: 44.8897, lon: 1.2166 };
const CONFIG = {
  version: 1, tz: 'CET-1CEST,M3.5.0,M10.5.0/3', latitudeE6: Math.round(SARLAT.lat * 1e6), longitudeE6: Math.round(SARLAT.lon * 1e6),
};
const RAISED = 80;
const HOLD_S = 30;
/** Full light from sunset, presence mode from 22:00 (off, raised to 80 %), pre-lit when the profile says ≥ 50 %. */
const PLAN: Plan = {
  id: 170, version: 1, defaultProgramId: 1,
  programs: [{
    id: 1,
    steps: [
      { anchor: Anchor.ANCHOR_SUNSET, offsetMin: 0, level: 100, fadeS: 2 },
      { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 22 * 60, level: RAISED, fadeS: 10, presence: { baseLevel: 0, holdS: HOLD_S, fadeUpS: 1, fadeDownS: 5, anticipatePct: 50 } },
      { anchor: Anchor.ANCHOR_SUNRISE, offsetMin: 0, level: 0 },
    ],
  }],
};
const DAY = 86_400_000;
/** Monday 2 November 2026, 00:00 in Sarlat (CET, UTC+1). */
const MONDAY = Date.parse('2026-11-01T23:00:00Z');
const local = (day: number, h: number, m = 0): number => MONDAY + day * DAY + (h * 60 + m) * 60_000;
const WEEKS = 4;
/** The circuit is on from ON to OFF (local hours). */
const ON: [number, number] = [21, 50];
const OFF: [number, number] = [23, 0];

let broker: TestBroker;
let peer: ProtocolPeer;
let clock: VirtualClock;
let tenant: string;
let runtime: FirmwareRuntime = 'node';
const boards: SimBoard[] = [];
const streets: SimStreet[] = [];

/** Registers the learning scenarios for one firmware host (in the calling test file). */
export function learningScenarios(r: FirmwareRuntime): void {
  beforeEach(async () => {
    startDeviceScenario();
    broker = await startTestBroker();
    clock = new VirtualClock({ start: local(0, ON[0], ON[1] - 5) });
    tenant = `t${randomUUID().slice(0, 8)}`;
    peer = await ProtocolPeer.connect(`mqtt://${broker.host}:${broker.port}`, tenant, () => clock.now());
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

  function makeBoard(name: string): SimBoard {
    const board = new SimBoard({
      clock, deviceId: `LRN-${name}`, tenant, mqtt: { host: broker.host, port: broker.port }, position: SARLAT, presenceSensor: true,
      runtime, ...(runtime === 'node' ? { firmware: (host: Host) => startFirmware(host) } : {}),
    });
    boards.push(peer.watch(board));
    return board;
  }
  const status = (b: SimBoard): FirmwareStatus => (b.firmware as unknown as Firmware).status();
  const seen = (b: SimBoard): string => {
    let st: unknown;
    try { st = status(b); } catch (err) { st = `status failed: ${String(err)}`; }
    return `${b.deviceId} ${b.state}, link ${b.online ? 'up' : 'down'}; status ${JSON.stringify(st)}`;
  };
  const profiles = (b: SimBoard): Array<{ at: number; message: Uplink }> =>
    peer.of(b.deviceId).flatMap((u) => (u.profile ? [{ at: (u.time ?? 0) * 1000, message: u }] : []));
  function levelAt(b: SimBoard, t: number): number {
    let level = 0;
    for (const e of b.pwmTrace) { if (e.t > t) break; level = Math.round((100 * e.value) / ((1 << e.resolution) - 1)); }
    return level;
  }
  function maxIn(b: SimBoard, from: number, to: number): number {
    let max = levelAt(b, from);
    for (const e of b.pwmTrace) if (e.t >= from && e.t <= to) max = Math.max(max, Math.round((100 * e.value) / ((1 << e.resolution) - 1)));
    return max;
  }

  async function commission(...bs: SimBoard[]): Promise<void> {
    for (const b of bs) b.powerOn();
    for (const b of bs) {
      await clock.runUntil(() => peer.of(b.deviceId).some((u) => u.hello), { timeoutMs: 60_000, describe: () => seen(b) });
      await peer.send(b.deviceId, { config: CONFIG });
      await peer.send(b.deviceId, { plan: { plan: PLAN } });
    }
    for (const b of bs) await clock.runUntil(() => status(b).planId === PLAN.id && status(b).clock === 3, { timeoutMs: 60_000, describe: () => seen(b) });
  }

  describe(`firmware on ${r}`, () => {
    beforeEach(() => { runtime = r; });

    it('a walker at 22:10 every weekday: after a few weeks the pole is lit before they arrive; a street where nobody comes stays at base; the profile survives the nightly cuts and goes out weekly, alone and bounded', { timeout: 40 * 60_000 }, async () => {
      const a0 = makeBoard('A0');
      const a1 = makeBoard('A1');
      const b0 = makeBoard('B0');
      const poles = [a0, a1, b0];
      await commission(...poles);
      const street = new SimStreet({ clock, poles: [{ board: a0, x: 0 }, { board: a1, x: 30 }], rangeM: 8, missProbability: 0.05, falseTriggersPerHour: 0.2, seed: 17 });
      streets.push(street);
      const walks: Array<{ day: number; walk: Passage }> = [];
      const dark: Array<{ day: number; pole: number; level: number }> = [];
      const weeksBeforeCut: number[] = [];
      for (let day = 0; day < WEEKS * 7; day++) {
        // The cabinet switches the circuit on at 21:50 and off at 23:00.
        if (day > 0) {
          await clock.runUntil(() => clock.now() >= local(day, ...ON), { stepMs: 600_000, timeoutMs: DAY });
          for (const b of poles) b.powerOn();
          for (const b of poles) await clock.runUntil(() => status(b).clock === 3, { timeoutMs: 120_000, describe: () => seen(b) });
          // What was learnt came back from NVS: as many weeks as before the cut.
          poles.forEach((b, i) => expect(status(b).learning?.weeks, seen(b)).toBe(weeksBeforeCut[i]));
        }
        street.traffic(local(day, 22), local(day, ...OFF), { perHour: {} }); // false triggers only
        if (day % 7 < 5) walks.push({ day, walk: street.walk({ kind: 'pedestrian', at: local(day, 22, 10) }) });
        const w = walks.at(-1);
        await clock.runUntil(() => clock.now() >= local(day, ...OFF) - 60_000, { stepMs: 60_000, timeoutMs: DAY });
        if (w?.day === day) for (const p of w.walk.poles) dark.push({ day, pole: p.pole, level: levelAt(p.pole === 0 ? a0 : a1, p.enterMs - 1) });
        weeksBeforeCut.splice(0, 3, ...poles.map((b) => status(b).learning?.weeks ?? -1));
        for (const b of poles) b.powerOff();
      }
      const lit = (day: number): number[] => dark.filter((d) => d.day === day).map((d) => d.level);
      console.log(`learning on ${r}: level at the walker's arrival per weekday (poles 0,1): `
        + walks.map(({ day }) => `d${day}:${lit(day).join('/')}`).join(' ')
        + `; profiles sent ${poles.map((b) => profiles(b).length).join('/')}; false triggers ${street.falseTriggers.length}`);
      // Week 1: nothing learnt yet, the pole is dark until the sensor sees the walker.
      expect(lit(0)).toEqual([0, 0]);
      // Week 4: every weekday the poles are already at the raised level when the walker enters their range.
      const w4 = (WEEKS - 1) * 7;
      for (let day = w4; day < w4 + 5; day++) expect(lit(day), `day ${day}`).toEqual([RAISED, RAISED]);
      // Only around the passage: at 22:40 the poles are back at base, and on Saturday night they were never pre-lit.
      for (const b of [a0, a1]) {
        expect(levelAt(b, local(w4, 22, 40))).toBe(0);
        expect(levelAt(b, local(w4 + 5, 22, 10))).toBe(0);
      }
      // Never above the step's level in presence mode.
      for (const b of [a0, a1]) expect(maxIn(b, local(w4, 22, 0) + 15_000, local(w4, ...OFF) - 60_000)).toBeLessThanOrEqual(RAISED);
      // Street B: nobody ever came: at base through every presence step, never pre-lit.
      for (let day = 0; day < WEEKS * 7; day++) expect(maxIn(b0, local(day, 22, 0) + 15_000, local(day, ...OFF) - 60_000), `B0 day ${day}`).toBe(0);
      // Weekly uplink: about one profile a week per pole, only the profile (no other field, no raw events), within bounds.
      for (const b of poles) {
        const ps = profiles(b);
        expect(ps.length, seen(b)).toBeGreaterThanOrEqual(WEEKS - 2);
        expect(ps.length).toBeLessThanOrEqual(WEEKS);
        for (let k = 1; k < ps.length; k++) expect(ps[k]!.at - ps[k - 1]!.at).toBeGreaterThanOrEqual(7 * DAY - 60_000);
        for (const { message } of ps) {
          const keys = Object.keys(message).filter((k) => (message as Record<string, unknown>)[k] !== undefined).sort();
          expect(keys).toEqual(['deviceId', 'mac', 'profile', 'protocolVersion', 'seq', 'time']);
          expect(Object.keys(message.profile!).sort()).toEqual(['cellMinutes', 'cells', 'watchedCells', 'weeks']);
          expect(message.profile!.cells!.length).toBe(MAX_PROFILE_CELLS);
          expect(encodeUplink(message).length).toBeLessThanOrEqual(MAX_PROFILE_CELLS + 100);
        }
      }
      // The profile says it: the walker's quarter-hour on weekdays is likely, on Saturday not; street B is empty.
      const last = profiles(a0).at(-1)!.message.profile!;
      const cell = (day: number, h: number, m: number): number => day * 96 + h * 4 + Math.floor(m / 15);
      expect(last.cells![cell(0, 22, 10)]).toBeGreaterThanOrEqual(128);
      expect(last.cells![cell(5, 22, 10)]).toBeLessThan(64);
      expect(last.watchedCells).toBeGreaterThan(0);
      const empty = profiles(b0).at(-1)!.message.profile!;
      expect(Math.max(...empty.cells!)).toBe(0);
      expect(empty.watchedCells).toBeGreaterThanOrEqual(7 * 3); // the 22:00, 22:15 and 22:30 cells of every day (22:45 ends with the cut)
    });
  });
}
