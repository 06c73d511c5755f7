/**
 * Issue 17, luminaires that describe themselves: the real firmware on a simulated board whose luminaire has a DALI-2
 * LED driver with D4i memory banks (hardware-sim `dali`), a real broker and a protocol peer standing where the server
 * stands. The firmware dims through DALI (DAPC), reads the driver's banks at boot and reports them
 * (`LuminaireReport`), and raises the alarms the metering chip cannot see from the driver's status and diagnostics.
 * Every scenario runs on each firmware host: Node (d4i-node.test.ts), XS (d4i-xs.test.ts) and the device-conditions
 * host (d4i-device.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DALI_DIAG_MS as DIAG_MS, DALI_POLL_MS as POLL_MS, arcForFraction, fractionForArc, startFirmware, type Firmware, type FirmwareStatus, type Host } from '@streetlight/firmware';
import { SimBoard, VirtualClock, driverInputPowerW, type FirmwareRuntime } from '@streetlight/hardware-sim';
import { startTestBroker, type TestBroker } from '@streetlight/hardware-sim/testing';
import type { Uplink } from '@streetlight/protocol';
import { Anchor, EventType, LuminaireReason, type Plan } from '@streetlight/protocol/lean';
import { ProtocolPeer } from '../lib/protocol-peer.js';
import { endDeviceScenario, startDeviceScenario } from '../lib/device-host.js';

const SARLAT = { lat: 44.8897, lon: 1.2166 };
const CONFIG = {
  version: 1, tz: 'CET-1CEST,M3.5.0,M10.5.0/3', latitudeE6: Math.round(SARLAT.lat * 1e6), longitudeE6: Math.round(SARLAT.lon * 1e6),
  nominalPowerW: 36,
};
/** Full light from sunset, 50 % from 23:00, off at sunrise. */
const PLAN: Plan = {
  id: 4, version: 1, defaultProgramId: 1,
  programs: [{
    id: 1,
    steps: [
      { anchor: Anchor.ANCHOR_SUNSET, offsetMin: 0, level: 100, fadeS: 2 },
      { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 23 * 60, level: 50, fadeS: 4 },
      { anchor: Anchor.ANCHOR_SUNRISE, offsetMin: 0, level: 0 },
    ],
  }],
};
/** The luminaire's factory data in its D4i bank 1 (what the inventory should end up with). */
const LUMINAIRE = {
  gtin: 3_760_123_450_029, serial: '0000000000BEEF01', yearOfManufacture: 25, weekOfManufacture: 9, nominalPowerW: 36,
  powerAtMinDimW: 3, minMainsV: 220, maxMainsV: 240, fluxLm: 5200, cri: 70, cctK: 2700, distribution: 2,
};

let broker: TestBroker;
let peer: ProtocolPeer;
let clock: VirtualClock;
let tenant: string;
let runtime: FirmwareRuntime = 'node';
const boards: SimBoard[] = [];

export function d4iScenarios(r: FirmwareRuntime): void {
  beforeEach(async () => {
    startDeviceScenario();
    broker = await startTestBroker();
    clock = new VirtualClock({ start: Date.parse('2026-11-23T21:50:00Z') }); // 22:50 in Sarlat, full light
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

  function makeBoard(dali = true): SimBoard {
    const board = new SimBoard({
      clock, deviceId: `D4I-${boards.length + 1}`, tenant, mqtt: { host: broker.host, port: broker.port }, position: SARLAT, nominalW: 36,
      ...(dali ? { dali: { info: LUMINAIRE, past: { operatingH: 12_000, starts: 4000, energyWh: 250_000, ledOnH: 11_500 } } } : {}),
      runtime, ...(runtime === 'node' ? { firmware: (host: Host) => startFirmware(host) } : {}),
    });
    boards.push(peer.watch(board));
    return board;
  }

  const status = (b: SimBoard): FirmwareStatus => (b.firmware as unknown as Firmware).status();
  const seen = (b: SimBoard): string => {
    let st: unknown;
    try { st = status(b); } catch (err) { st = `status failed: ${String(err)}`; }
    return `${b.deviceId} ${b.state}, link ${b.online ? 'up' : 'down'}, arc ${b.dali?.gear.arc}; status ${JSON.stringify(st)}`;
  };
  const reports = (b: SimBoard): Array<NonNullable<Uplink['luminaire']>> => peer.of(b.deviceId).flatMap((u) => (u.luminaire ? [u.luminaire] : []));
  const events = (b: SimBoard, type: number): Array<NonNullable<Uplink['event']>> => peer.of(b.deviceId).flatMap((u) => (u.event?.type === type ? [u.event] : []));
  const lastEvent = (b: SimBoard, type: number): NonNullable<Uplink['event']> | undefined => events(b, type).at(-1);

  async function commission(b: SimBoard): Promise<void> {
    b.powerOn();
    await clock.runUntil(() => peer.of(b.deviceId).some((u) => u.hello), { timeoutMs: 60_000, describe: () => seen(b) });
    await peer.send(b.deviceId, { config: CONFIG });
    await peer.send(b.deviceId, { plan: { plan: PLAN } });
    await clock.runUntil(() => status(b).planId === PLAN.id && status(b).clock === 3, { timeoutMs: 60_000, describe: () => seen(b) });
  }

  describe(`firmware on ${r}`, () => {
    beforeEach(() => { runtime = r; });

    it("reads the D4i driver at boot and reports the luminaire's data; dims through DALI by the log curve, not the PWM pin", async () => {
      const b = makeBoard();
      await commission(b);
      await clock.runUntil(() => reports(b).length > 0, { timeoutMs: 120_000, describe: () => seen(b) });
      const rep = reports(b)[0]!;
      expect(rep).toMatchObject({
        reason: LuminaireReason.LUMINAIRE_REASON_BOOT, d4i: true, gtin: LUMINAIRE.gtin, yearOfManufacture: 2025, weekOfManufacture: 9,
        nominalPowerW: 36, minDimPowerW: 3, minMainsV: 220, maxMainsV: 240, fluxLm: 5200, cri: 70, cctK: 2700, distribution: 2,
        gearFirmware: 0x0104, startCount: 4001,
      });
      expect([...rep.serial!].map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase()).toBe(LUMINAIRE.serial);
      expect(rep.gearGtin).toBeGreaterThan(0);
      expect(rep.operatingTimeS).toBeGreaterThanOrEqual(12_000 * 3600);
      expect(rep.ledOnTimeS).toBeGreaterThanOrEqual(11_500 * 3600);
      expect(rep.energyWh).toBeGreaterThanOrEqual(250_000);
      expect(rep.supplyDv).toBe(2300);
      expect(rep.failures).toBe(0);
      expect(status(b).dali).toMatchObject({ gear: true, d4i: true, reports: 1, alarms: [] });
      // The plan's 100 % went out as DAPC 254: full power; the PWM pin carries nothing.
      expect(b.dali!.gear.arc).toBe(254);
      expect(b.powerW()).toBeCloseTo(36, 3);
      expect(b.pwmTrace).toHaveLength(0);
      // 23:00: 50 % (linear curve: half the light) is arc 229 by DALI's curve, reached after the 4 s fade.
      await clock.runUntil(() => clock.now() >= Date.parse('2026-11-23T22:00:10Z'), { timeoutMs: 30 * 60_000, stepMs: 10_000 });
      expect(b.dali!.gear.arc).toBe(arcForFraction(0.5));
      expect(b.dali!.gear.arc).toBe(229);
      expect(b.powerW()).toBeCloseTo(driverInputPowerW(b.electrical.spec, fractionForArc(229)), 3);
      expect(b.dali!.interface.forwardFrames).toBeGreaterThan(100); // the banks: a frame per byte
    });

    it('an LED failure raises LED_FAILURE within two polls, its repair clears it; the metering-free board sees it from the driver alone', async () => {
      const b = makeBoard();
      await commission(b);
      await clock.runUntil(() => reports(b).length > 0, { timeoutMs: 120_000, describe: () => seen(b) });
      const t0 = clock.now();
      b.dali!.setLedOpen(true);
      await clock.runUntil(() => lastEvent(b, EventType.EVENT_TYPE_LED_FAILURE)?.active === true, { timeoutMs: 5 * 60_000, describe: () => seen(b) });
      expect(clock.now() - t0).toBeLessThanOrEqual(3 * POLL_MS + 1_000);
      expect(lastEvent(b, EventType.EVENT_TYPE_LED_FAILURE)?.detail).toBe('LED open circuit');
      expect(status(b).dali?.alarms).toEqual([EventType.EVENT_TYPE_LED_FAILURE]);
      expect(b.powerW()).toBeCloseTo(0.4, 3); // dark: the driver's standby only
      b.dali!.setLedOpen(false);
      await clock.runUntil(() => lastEvent(b, EventType.EVENT_TYPE_LED_FAILURE)?.active === false, { timeoutMs: 5 * 60_000, describe: () => seen(b) });
      expect(events(b, EventType.EVENT_TYPE_LED_FAILURE).map((e) => e.active)).toEqual([true, false]);
      expect(status(b).dali?.alarms).toEqual([]);
      // The server asks again: a report with the counter of the occurrence.
      const seq = await peer.send(b.deviceId, { command: { readLuminaire: true } });
      await clock.runUntil(() => reports(b).some((x) => x.reason === LuminaireReason.LUMINAIRE_REASON_REQUESTED), { timeoutMs: 120_000, describe: () => seen(b) });
      expect(peer.of(b.deviceId).find((u) => u.ack?.downlinkSeq === seq)?.ack).toMatchObject({ status: 1 });
    });

    it('driver over-temperature, supply undervoltage and a bus without power raise their alarms, and clear', async () => {
      const b = makeBoard();
      await commission(b);
      await clock.runUntil(() => reports(b).length > 0, { timeoutMs: 120_000, describe: () => seen(b) });
      b.dali!.setOverTemperature(true);
      await clock.runUntil(() => lastEvent(b, EventType.EVENT_TYPE_DRIVER_OVERTEMP)?.active === true, { timeoutMs: 5 * 60_000, describe: () => seen(b) });
      expect(b.levelPct).toBeCloseTo(70, 3); // the driver derates itself
      b.dali!.setOverTemperature(false);
      await clock.runUntil(() => lastEvent(b, EventType.EVENT_TYPE_DRIVER_OVERTEMP)?.active === false, { timeoutMs: 2 * DIAG_MS + 5 * 60_000, describe: () => seen(b) });

      b.electrical.setVoltageDeviation(-20); // 184 V: below 90 % of the luminaire's 220 V minimum
      await clock.runUntil(() => lastEvent(b, EventType.EVENT_TYPE_DRIVER_VOLTAGE)?.active === true, { timeoutMs: 3 * DIAG_MS, describe: () => seen(b) });
      expect(lastEvent(b, EventType.EVENT_TYPE_DRIVER_VOLTAGE)?.value).toBe(1840);
      b.electrical.setVoltageDeviation(0);
      await clock.runUntil(() => lastEvent(b, EventType.EVENT_TYPE_DRIVER_VOLTAGE)?.active === false, { timeoutMs: 3 * DIAG_MS, describe: () => seen(b) });

      b.dali!.setBusPower(false);
      await clock.runUntil(() => lastEvent(b, EventType.EVENT_TYPE_DALI_FAULT)?.active === true, { timeoutMs: 5 * POLL_MS, describe: () => seen(b) });
      expect(lastEvent(b, EventType.EVENT_TYPE_DALI_FAULT)?.detail).toBe('DALI bus without power');
      expect(b.dali!.gear.arc).toBe(254); // its system failure level: lit, not dark
      b.dali!.setBusPower(true);
      await clock.runUntil(() => lastEvent(b, EventType.EVENT_TYPE_DALI_FAULT)?.active === false, { timeoutMs: 5 * POLL_MS, describe: () => seen(b) });
      // The gear came back at 254; the firmware's next level change goes out as DAPC (its level never changed here).
      expect(status(b).dali?.alarms).toEqual([]);
      // The interface itself stops answering on the UART: every transaction times out on the board's timers.
      const faults = events(b, EventType.EVENT_TYPE_DALI_FAULT).length;
      b.dali!.interface.dead = true;
      await clock.runUntil(() => events(b, EventType.EVENT_TYPE_DALI_FAULT).length > faults, { timeoutMs: 5 * POLL_MS, describe: () => seen(b) });
      expect(lastEvent(b, EventType.EVENT_TYPE_DALI_FAULT)).toMatchObject({ active: true, detail: 'DALI interface not answering' });
      b.dali!.interface.dead = false;
      await clock.runUntil(() => lastEvent(b, EventType.EVENT_TYPE_DALI_FAULT)?.active === false, { timeoutMs: 5 * POLL_MS, describe: () => seen(b) });
    });

    it('a board without a DALI driver answers read_luminaire UNSUPPORTED and dims through PWM', async () => {
      const b = makeBoard(false);
      await commission(b);
      const seq = await peer.send(b.deviceId, { command: { readLuminaire: true } });
      await clock.runUntil(() => peer.of(b.deviceId).some((u) => u.ack?.downlinkSeq === seq), { timeoutMs: 60_000, describe: () => seen(b) });
      expect(peer.of(b.deviceId).find((u) => u.ack?.downlinkSeq === seq)?.ack).toMatchObject({ status: 3, detail: 'no DALI driver' });
      expect(reports(b)).toHaveLength(0);
      expect(status(b).dali).toBeUndefined();
      expect(b.pwmTrace.length).toBeGreaterThan(0);
    });
  });
}
