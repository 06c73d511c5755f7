/**
 * Issue 5 "Done when": each fault injected in the simulator is seen as an alarm on the server within one
 * report interval (the energy interval, 15 min by default), and its clear closes the alarm. The real firmware
 * on a simulated board with a metering chip, the fleet server (embedded broker, SQLite) on the same virtual
 * clock, the alarm read through the REST API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFirmware, type Host } from '@streetlight/firmware';
import { SimBoard, VirtualClock } from '@streetlight/hardware-sim';
import { build } from '@streetlight/fleet-server';
import { authedInject, type Inject } from '@streetlight/fleet-server/testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TENANT = 'alarmtown';
const SARLAT = { lat: 44.8897, lon: 1.2166 };
const REPORT_INTERVAL_MS = 900_000; // firmware default energy interval (SetConfig.energy_interval_s = 0)

interface AlarmView { id: number; type: string; state: string; deviceId: string; device: string }

describe('fault events become alarms within one report interval', () => {
  const clock = new VirtualClock({ start: Date.parse('2026-11-23T18:00:00Z') }); // 19:00 in Sarlat: dark
  let app: Awaited<ReturnType<typeof build>>;
  let inject: Inject;
  let board: SimBoard;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alarms-e2e-'));

  const alarms = async (): Promise<AlarmView[]> => (await inject(`/api/tenants/${TENANT}/alarms?limit=100`)).json().alarms;
  /** Runs the clock until the server shows an alarm of `type` in `state`; returns the virtual delay. */
  async function seen(type: string, state: 'open' | 'cleared', timeoutMs = 2 * REPORT_INTERVAL_MS): Promise<number> {
    const from = clock.now();
    let found = false;
    let polling = false;
    await clock.runUntil(() => {
      if (!polling) {
        polling = true;
        void alarms().then((list) => { found = list.some((a) => a.type === type && a.state === state); polling = false; });
      }
      return found;
    }, { stepMs: 5_000, yieldMs: 2, timeoutMs });
    return clock.now() - from;
  }

  beforeAll(async () => {
    app = await build({ config: { dataDir, httpPort: 0, mqttPort: 0 }, now: () => clock.now(), logger: false });
    inject = await authedInject(app);
    await inject({ method: 'POST', url: `/api/tenants/${TENANT}/inventory`, payload: [{ deviceId: 'AL-1', lat: SARLAT.lat, lon: SARLAT.lon, nominalPowerW: 36 }] });
    const url = new URL(app.fleet.brokerUrl);
    board = new SimBoard({
      clock, deviceId: 'AL-1', tenant: TENANT, mqtt: { host: url.hostname, port: Number(url.port) }, position: SARLAT, nominalW: 36,
      meter: 'bl0940', firmware: (host: Host) => startFirmware(host),
    });
    board.powerOn();
    // Commissioned: the board runs the desired config (position, nominal power) pushed at its Hello.
    let ready = false;
    await clock.runUntil(() => {
      void app.repo.getDevice('AL-1').then((d) => { ready = (d?.configVersion ?? 0) >= 1; });
      return ready;
    }, { stepMs: 1000, yieldMs: 2, timeoutMs: 10 * 60_000 });
  }, 60_000);

  afterAll(async () => {
    board?.dispose();
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const cases: Array<[string, () => void, () => void]> = [
    ['lamp_failure', () => board.metering.injectLampFailure(true), () => board.metering.injectLampFailure(false)],
    ['cycling', () => board.metering.injectCycling(60_000), () => board.metering.injectCycling(0)],
    ['voltage_low', () => board.electrical.setVoltageDeviation(-15), () => board.electrical.setVoltageDeviation(0)],
    ['voltage_high', () => board.electrical.setVoltageDeviation(12), () => board.electrical.setVoltageDeviation(0)],
    ['meter_fault', () => board.metering.injectChipFault('dead'), () => board.metering.injectChipFault('none')],
  ];

  for (const [type, inject_, clear] of cases) {
    it(`${type}: raised within one report interval, cleared by the device's clear`, async () => {
      inject_();
      const raiseMs = await seen(type, 'open');
      expect(raiseMs).toBeLessThanOrEqual(REPORT_INTERVAL_MS);
      const open = (await alarms()).find((a) => a.type === type && a.state === 'open')!;
      expect(open).toMatchObject({ deviceId: 'AL-1', device: `/api/tenants/${TENANT}/devices/AL-1` });
      clear();
      // Clearing is debounced longer on the device (a cycling lamp must stay steady a while): no bound here.
      await seen(type, 'cleared', 8 * REPORT_INTERVAL_MS);
      process.stdout.write(`${type}: alarm on the server ${(raiseMs / 1000).toFixed(0)} s (virtual) after the injection\n`);
    }, 120_000);
  }

  it('day_burner: a welded relay lighting the lamp in daylight', async () => {
    // To late morning, a minute at a time with a turn of the event loop between (MQTT traffic flows).
    const noon = Date.parse('2026-11-24T11:00:00Z');
    while (clock.now() < noon) {
      clock.advanceTo(Math.min(noon, clock.now() + 60_000));
      await new Promise((r) => setTimeout(r, 1));
    }
    board.metering.injectDayBurner(true);
    const raiseMs = await seen('day_burner', 'open');
    expect(raiseMs).toBeLessThanOrEqual(REPORT_INTERVAL_MS);
    board.metering.injectDayBurner(false);
    await seen('day_burner', 'cleared');
    process.stdout.write(`day_burner: alarm on the server ${(raiseMs / 1000).toFixed(0)} s (virtual) after the injection\n`);
  }, 120_000);
});
