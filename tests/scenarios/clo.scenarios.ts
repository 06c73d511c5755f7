/**
 * Constant light output (issue 17): the real firmware on simulated boards whose LED modules age (hardware-sim
 * electrical.ts: flux falls with the LED's burning hours, φ(h) = (Lxx/100)^(h/H)), metered by an HLW8012, a real
 * broker and a protocol peer standing where the server stands (config with the luminaire model's lumen
 * maintenance, plan, time). Every scenario runs on each firmware host: Node (clo-node.test.ts), XS (clo-xs.test.ts)
 * and the device-conditions host (clo-device.test.ts).
 *
 * What is measured physically, on the simulator's ground truth (not on what the firmware says):
 * - the light delivered (driver output × the LED's flux fraction, % of a new LED's full flux);
 * - the power and energy the luminaire draws (the driver model's exact integral).
 * The claims: with CLO a new luminaire draws less than the same luminaire without CLO; the light delivered is the
 * same at every age (the maintained flux: plan level × Lxx); the drive rises with age (an aged luminaire draws
 * more than a new one, still less than without CLO, and past its rated life more than the plan level); the
 * saving the controller reports matches the energy really not drawn; its hour count follows the LED's.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFirmware, type Firmware, type FirmwareStatus, type Host } from '@streetlight/firmware';
import { SimBoard, VirtualClock, type FirmwareRuntime } from '@streetlight/hardware-sim';
import { startTestBroker, type TestBroker } from '@streetlight/hardware-sim/testing';
import { AckStatus, Anchor, type Plan, type SetConfig } from '@streetlight/protocol/lean';
import { ProtocolPeer } from '../lib/protocol-peer.js';
import { endDeviceScenario, startDeviceScenario } from '../lib/device-host.js';

const SARLAT = { lat: 44.8897, lon: 1.2166 };
/** The luminaire model's figure: L80 at 100,000 h. */
const LXX = 80;
const RATED_H = 100_000;
const CONFIG: SetConfig = {
  version: 1, tz: 'CET-1CEST,M3.5.0,M10.5.0/3', latitudeE6: Math.round(SARLAT.lat * 1e6), longitudeE6: Math.round(SARLAT.lon * 1e6),
  nominalPowerW: 36,
};
const LEVEL = 80;
/** The plan's level all night (the light to deliver). */
const PLAN: Plan = {
  id: 21, version: 1, defaultProgramId: 1,
  programs: [{ id: 1, steps: [{ anchor: Anchor.ANCHOR_SUNSET, offsetMin: 0, level: LEVEL, fadeS: 0 }, { anchor: Anchor.ANCHOR_SUNRISE, offsetMin: 0, level: 0 }] }],
};
const H = 3_600_000;

let broker: TestBroker;
let peer: ProtocolPeer;
let clock: VirtualClock;
let tenant: string;
let runtime: FirmwareRuntime = 'node';
const boards: SimBoard[] = [];

/** Registers the CLO scenarios for one firmware host (in the calling test file). */
export function cloScenarios(r: FirmwareRuntime): void {
  beforeEach(async () => {
    startDeviceScenario();
    broker = await startTestBroker();
    clock = new VirtualClock({ start: Date.parse('2026-11-23T19:50:00Z') }); // 20:50 in Sarlat, night
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
      for (const b of boards.splice(0)) b.dispose();
      await peer.close();
      await broker.close();
    }
  });

  /** A metered board whose LED module is `ledHours` old (L80 at 100,000 h). */
  function makeBoard(name: string, ledHours: number): SimBoard {
    const board = new SimBoard({
      clock, deviceId: `CLO-${name}`, tenant, mqtt: { host: broker.host, port: broker.port }, position: SARLAT, meter: 'hlw8012',
      driver: { led: { lxxPct: LXX, ratedH: RATED_H, hours: ledHours } },
      runtime, ...(runtime === 'node' ? { firmware: (host: Host) => startFirmware(host) } : {}),
    });
    boards.push(peer.watch(board));
    return board;
  }

  const status = (b: SimBoard): FirmwareStatus => (b.firmware as unknown as Firmware).status();
  const seen = (b: SimBoard): string => `${b.deviceId} ${b.state}, link ${b.online ? 'up' : 'down'}; status ${JSON.stringify(status(b))}`;

  /** Config (with `extra`) and plan through the peer; the clock synced by the Hello's TimeSync. */
  async function commission(b: SimBoard, extra: Partial<SetConfig>): Promise<void> {
    b.powerOn();
    await clock.runUntil(() => peer.of(b.deviceId).some((u) => u.hello), { timeoutMs: 60_000, describe: () => seen(b) });
    await peer.send(b.deviceId, { config: { ...CONFIG, ...extra } });
    await peer.send(b.deviceId, { plan: { plan: PLAN } });
    await clock.runUntil(() => status(b).planId === PLAN.id && status(b).clock === 3 && status(b).configVersion === 1, { timeoutMs: 60_000, describe: () => seen(b) });
  }

  /** The config's CLO fields for a luminaire of the model (L80 at 100,000 h) whose LED is `offsetH` old. */
  const clo = (offsetH: number): Partial<SetConfig> => ({ cloLxxPct: LXX, cloRatedH: RATED_H, ledHoursOffset: offsetH });

  describe(`constant light output on ${r}`, () => {
    beforeEach(() => { runtime = r; });

    it('an aged luminaire is driven higher than a new one for the same delivered light; both draw less than without CLO', async () => {
      const fresh = makeBoard('new', 0);
      const plain = makeBoard('plain', 0);         // the same new luminaire, no lumen-maintenance figure: no CLO
      const aged = makeBoard('aged', 50_000);      // half its rated life
      const worn = makeBoard('worn', 120_000);     // past its rated life
      await commission(fresh, clo(0));
      await commission(plain, {});
      await commission(aged, clo(50_000));
      await commission(worn, clo(120_000));
      await clock.runUntil(() => clock.now() >= Date.parse('2026-11-23T20:10:00Z'), { stepMs: 60_000, timeoutMs: H });
      const all = { fresh, plain, aged, worn };
      const truth0 = Object.fromEntries(Object.entries(all).map(([k, b]) => [k, b.energyWh()])) as Record<keyof typeof all, number>;
      const saved0 = status(fresh).clo!.savedMwh;
      await clock.runUntil(() => clock.now() >= Date.parse('2026-11-23T22:10:00Z'), { stepMs: 60_000, timeoutMs: 3 * H });
      const wh = Object.fromEntries(Object.entries(all).map(([k, b]) => [k, b.energyWh() - truth0[k as keyof typeof all]])) as Record<keyof typeof all, number>;
      const light = Object.fromEntries(Object.entries(all).map(([k, b]) => [k, b.electrical.deliveredLightPct()])) as Record<keyof typeof all, number>;
      const drive = Object.fromEntries(Object.entries(all).map(([k, b]) => [k, b.electrical.lightLevel * 100])) as Record<keyof typeof all, number>;
      const savedWh = (status(fresh).clo!.savedMwh - saved0) / 1000;
      console.log(`CLO on ${r}, 2 h at plan ${LEVEL} %: delivered light (% of a new LED's flux) new ${light.fresh.toFixed(1)}, aged 50,000 h ${light.aged.toFixed(1)}, `
        + `120,000 h ${light.worn.toFixed(1)}, without CLO ${light.plain.toFixed(1)}; drive ${drive.fresh.toFixed(1)} / ${drive.aged.toFixed(1)} / ${drive.worn.toFixed(1)} / ${drive.plain.toFixed(1)} %; `
        + `drawn ${wh.fresh.toFixed(1)} / ${wh.aged.toFixed(1)} / ${wh.worn.toFixed(1)} / ${wh.plain.toFixed(1)} Wh; `
        + `reported saving ${savedWh.toFixed(2)} Wh vs ${(wh.plain - wh.fresh).toFixed(2)} Wh really not drawn`);

      // The light delivered is the maintained flux, plan level × Lxx, at every age (PWM rounding: ±0.3 %).
      const maintained = LEVEL * LXX / 100;
      for (const b of [light.fresh, light.aged, light.worn]) expect(b).toBeCloseTo(maintained, 0);
      expect(Math.abs(light.aged - light.fresh)).toBeLessThan(0.3);
      expect(Math.abs(light.worn - light.fresh)).toBeLessThan(0.3);
      // Without CLO a new LED gives the plan level of a new LED's flux: more than needed.
      expect(light.plain).toBeCloseTo(LEVEL, 0);
      // The drive rises with age: new at Lxx × plan, past the rated life above the plan level.
      expect(drive.fresh).toBeCloseTo(maintained, 0);
      expect(drive.aged).toBeGreaterThan(drive.fresh + 5);
      expect(drive.worn).toBeGreaterThan(LEVEL);
      // What each draws (ground truth): with CLO less than without; the aged one more than the new one but still less
      // than without CLO; past its rated life more than without (it keeps the light the old one no longer gives).
      expect(wh.fresh).toBeLessThan(0.9 * wh.plain);
      expect(wh.aged).toBeGreaterThan(wh.fresh);
      expect(wh.aged).toBeLessThan(wh.plain);
      expect(wh.worn).toBeGreaterThan(wh.plain);
      // The controller reports the saving: within 20 % of the energy really not drawn (it scales the metered power
      // by 1/f − 1; the driver's efficiency falls at lower load, so that estimate runs a little high).
      expect(savedWh).toBeGreaterThan(0.8 * (wh.plain - wh.fresh));
      expect(savedWh).toBeLessThan(1.2 * (wh.plain - wh.fresh));
      // The StateReport carries it to the server.
      await peer.send(fresh.deviceId, { command: { requestReport: true } });
      await clock.runUntil(() => peer.of(fresh.deviceId).some((u) => (u.state?.clo?.savedMwh ?? 0) > 0), { timeoutMs: 60_000 });
      const reported = peer.of(fresh.deviceId).flatMap((u) => (u.state?.clo ? [u.state.clo] : [])).at(-1)!;
      expect(reported.drivePermille).toBe(800);
      expect(reported.ledHours).toBeLessThanOrEqual(3);
      expect(peer.of(plain.deviceId).some((u) => u.state?.clo)).toBe(false);
    });

    it("the LED's hours are the controller's own count of time lit plus the configured offset, and they raise the drive", async () => {
      // A short-lived model (L50 at 1,000 h) makes an evening of burning visible in the drive.
      const b = makeBoard('count', 0);
      await commission(b, { cloLxxPct: 50, cloRatedH: 1000, ledHoursOffset: 100 });
      const d0 = b.electrical.lightLevel;
      await clock.runUntil(() => clock.now() >= Date.parse('2026-11-24T06:30:00Z'), { stepMs: 60_000, timeoutMs: 11 * H });
      const st = status(b).clo!;
      const lit = b.electrical.ledHours();
      console.log(`CLO hours on ${r}: LED lit ${lit.toFixed(3)} h (simulator), controller ${st.ledHours} h with offset 100; drive ${(100 * d0).toFixed(1)} → ${(100 * b.electrical.lightLevel).toFixed(1)} %`);
      // The controller counts what the meter saw burning (to the minute of its tick and the meter's poll).
      expect(Math.abs(st.ledHours - (100 + lit))).toBeLessThan(1);
      // f(h) = 0.5^(1 − h/1000): from 0.5^0.9 at 100 h, rising with each hour lit (0.07 % a hour; the 10-bit PWM
      // resolves 0.1 % of full output: about 3 steps over the night).
      expect(Math.abs(d0 * 100 - LEVEL * Math.pow(0.5, 0.9))).toBeLessThan(0.1);
      expect(Math.abs(b.electrical.lightLevel * 100 - LEVEL * Math.pow(0.5, 1 - (100 + lit) / 1000))).toBeLessThan(0.1);
      expect(b.electrical.lightLevel).toBeGreaterThan(d0 + 0.0015);
    });

    it('a board without a meter counts its own hours lit (kept in NVS across a power cut) and drives its LED by them', async () => {
      const b = new SimBoard({
        clock, deviceId: 'CLO-nometer', tenant, mqtt: { host: broker.host, port: broker.port }, position: SARLAT,
        driver: { led: { lxxPct: 50, ratedH: 1000, hours: 0 } },
        runtime, ...(runtime === 'node' ? { firmware: (host: Host) => startFirmware(host) } : {}),
      });
      boards.push(peer.watch(b));
      await commission(b, { cloLxxPct: 50, cloRatedH: 1000, ledHoursOffset: 0 });
      expect(status(b).energy).toBeUndefined();
      await clock.runUntil(() => clock.now() >= Date.parse('2026-11-23T23:00:00Z'), { stepMs: 60_000, timeoutMs: 4 * H });
      const lit = b.electrical.ledHours();
      const st = status(b).clo!;
      expect(Math.abs(st.ledHours - lit)).toBeLessThan(1);
      expect(Math.abs(b.electrical.lightLevel * 100 - LEVEL * Math.pow(0.5, 1 - lit / 1000))).toBeLessThan(0.1);
      // A power cut: the hours come back from NVS (to the last hour kept), not from zero.
      b.powerOff();
      clock.advance(60_000);
      b.powerOn();
      await clock.runUntil(() => status(b).clo !== undefined && status(b).planId === PLAN.id, { timeoutMs: 60_000, describe: () => seen(b) });
      expect(status(b).clo!.ledHours).toBeGreaterThanOrEqual(Math.floor(lit) - 1);
      expect(status(b).clo!.ledHours).toBeGreaterThan(0);
    });

    it('a lumen-maintenance figure out of bounds is refused and changes nothing', async () => {
      const b = makeBoard('bad', 0);
      b.powerOn();
      await clock.runUntil(() => peer.of(b.deviceId).some((u) => u.hello), { timeoutMs: 60_000, describe: () => seen(b) });
      const seq = await peer.send(b.deviceId, { config: { ...CONFIG, cloLxxPct: 40, cloRatedH: 100_000 } });
      await clock.runUntil(() => peer.of(b.deviceId).some((u) => u.ack?.downlinkSeq === seq), { timeoutMs: 60_000 });
      const ack = peer.of(b.deviceId).find((u) => u.ack?.downlinkSeq === seq)!.ack!;
      expect(ack.status).toBe(AckStatus.ACK_STATUS_INVALID);
      expect(status(b).configVersion).toBe(0);
      expect(status(b).clo).toBeUndefined();
    });
  });
}
