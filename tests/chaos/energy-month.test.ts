/**
 * Chaos test of issue 5 ("Done when"): simulated boards with metering chips (the real firmware) over a
 * simulated month, talking to a real Mosquitto (started here, on a free port, restarted once) and to the fleet
 * server running as a child process (SIGKILLed once and restarted on the same SQLite file), with random
 * network drops, a daily cabinet power cut, and power cuts in the middle of flash writes of the metering log.
 *
 * At the end every board is powered and connected until its log has drained, and for each board:
 *   |server total − simulator ground truth| ≤ chip quantum + one interval at nominal power per power cut,
 * no record is stored twice (the daily rollups count exactly the raw records, so no frame was added twice
 * even across the server kill), and the ack watermark reached the board's last record. The totals are printed.
 *
 * Size and speed: CHAOS_BOARDS (default 200), CHAOS_DAYS (default 30, i.e. 2,880 intervals of 15 min per
 * board), CHAOS_SEED. The virtual clock runs as fast as the machine allows, in 60 s steps, yielding to the
 * event loop so MQTT traffic flows; the server's clock follows it over IPC.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFirmware, sunEventUtc, ZENITH_OFFICIAL, type Firmware, type Host } from '@streetlight/firmware';
import { SimBoard, VirtualClock } from '@streetlight/hardware-sim';
import { DeviceService, openSqlite } from '@streetlight/fleet-server';
import { EnergyRepository } from '../../fleet-server/src/db/energy-repository.js';
import { Metrics } from '../../fleet-server/src/metrics.js';
import { startFleetChild, startMosquitto, type FleetChild, type Mosquitto } from '../lib/fleet-processes.js';

const BOARDS = Number(process.env.CHAOS_BOARDS ?? 200);
const DAYS = Number(process.env.CHAOS_DAYS ?? 30);
const SEED = Number(process.env.CHAOS_SEED ?? 20261123);
const INTERVAL_S = 900;
const TENANT = 'chaos';
const CENTRE = { lat: 44.8897, lon: 1.2166 }; // Sarlat-la-Canéda
const START = Date.UTC(2026, 0, 5, 11, 0, 0); // local noon: lamps off, nothing to meter before the first dusk
const STEP_MS = 60_000;
/** Chip energy quantum (Wh): one BL0940 energy-register LSB; an HLW8012 CF pulse is far smaller. */
const QUANTUM_WH: Record<'bl0940' | 'hlw8012', number> = { bl0940: 0.17, hlw8012: 0.001 };

/** mulberry32: a reproducible chaos. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pole {
  board: SimBoard;
  chip: 'bl0940' | 'hlw8012';
  nominalW: number;
  cuts: number;
  flashCuts: number;
}

const status = (b: SimBoard) => (b.firmware as unknown as Firmware | undefined)?.status();

describe('energy chaos month', () => {
  const random = rng(SEED);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaos-'));
  const clock = new VirtualClock({ start: START });
  let broker: Mosquitto;
  let server: FleetChild | undefined;
  const poles: Pole[] = [];

  const startServer = async () => {
    server = await startFleetChild({ dataDir, mqttUrl: broker.url, virtualClock: true, logLevel: 'error' });
    server.setNow(clock.now());
  };
  /** Runs the virtual clock to `t` in steps, keeping the server's clock in step and letting I/O through. */
  let escapedPowerLoss = 0;
  const runTo = async (t: number) => {
    while (clock.now() < t) {
      try {
        clock.advanceTo(Math.min(t, clock.now() + STEP_MS));
      } catch (err) {
        // An armed cut fired inside a flash write reached from a callback the board does not guard (the
        // board is already off: SimMetering powers it down before throwing). Count it and go on.
        if ((err as Error).name !== 'PowerLossError') throw err;
        escapedPowerLoss++;
      }
      server?.setNow(clock.now());
      await new Promise((r) => setTimeout(r, 1));
    }
  };

  beforeAll(async () => {
    broker = await startMosquitto();
    // Commission the town before the server starts (the server pushes the desired config at each Hello).
    const repo = openSqlite(path.join(dataDir, 'fleet.sqlite'));
    const log = { debug() {}, info() {}, warn() {}, error() {} };
    const devices = new DeviceService({ repo, send: async () => undefined, now: () => clock.now(), metrics: new Metrics(), log });
    const rows = Array.from({ length: BOARDS }, (_, i) => ({
      deviceId: `CH-${String(i).padStart(4, '0')}`, lat: CENTRE.lat + (i % 20) * 0.0007, lon: CENTRE.lon + Math.floor(i / 20) * 0.0007,
      group: `rue-${Math.floor(i / 20)}`, nominalPowerW: [36, 54, 72][i % 3]!,
    }));
    await devices.commission(TENANT, rows);
    await repo.close();
    await startServer();
    for (const [i, r] of rows.entries()) {
      const chip = i % 2 === 0 ? 'bl0940' : 'hlw8012';
      const board = new SimBoard({
        clock, deviceId: r.deviceId, tenant: TENANT, mqtt: { host: '127.0.0.1', port: broker.port }, position: { lat: r.lat, lon: r.lon },
        nominalW: r.nominalPowerW, meter: chip, rtc: 'kept', firmware: (host: Host) => startFirmware(host),
      });
      poles.push({ board, chip, nominalW: r.nominalPowerW, cuts: 0, flashCuts: 0 });
    }
    for (const p of poles) p.board.powerOn();
  }, 120_000);

  afterAll(async () => {
    for (const p of poles) p.board.dispose();
    await server?.stop();
    await broker?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every watt-hour of ${BOARDS} boards over ${DAYS} days of drops, cuts, a broker restart and a server kill`, async () => {
    const t0 = Date.now();
    const dayMs = 86_400_000;
    for (let d = 0; d < DAYS; d++) {
      const noon = START + d * dayMs;
      const dayStart = Date.UTC(new Date(noon).getUTCFullYear(), new Date(noon).getUTCMonth(), new Date(noon).getUTCDate());
      const sunrise = sunEventUtc(dayStart + dayMs, CENTRE.lat, CENTRE.lon, ZENITH_OFFICIAL, true)!;
      // Events of the day, in time order: [when, what].
      const events: Array<[number, () => void | Promise<void>]> = [];
      for (const p of poles) {
        // The cabinet cuts the supply in the morning (sometimes while still lit) and restores it in the afternoon.
        const off = sunrise + (random() - 0.5) * 2 * 3_600_000;
        const on = dayStart + dayMs + 14 * 3_600_000 + random() * 2 * 3_600_000;
        events.push([off, () => { if (p.board.state !== 'off') { p.board.powerOff(); p.cuts++; } }]);
        events.push([on, () => { if (p.board.state === 'off') p.board.powerOn(); }]);
        // One night in five: a cut in the middle of a metering-log flash write, power back 5–60 min later.
        if (random() < 0.2) {
          const armAt = noon + 8 * 3_600_000 + random() * 8 * 3_600_000;
          events.push([armAt, () => {
            if (p.board.state === 'off') return;
            p.board.metering.meterlog.cutDuringNextWrite(Math.floor(random() * 16));
            p.flashCuts++;
            p.cuts++;
            const back = 5 * 60_000 + random() * 55 * 60_000;
            const check = () => { if (p.board.state === 'off') clock.set(() => p.board.powerOn(), back); else if (p.board.metering.meterlog.cutArmed) clock.set(check, 60_000); };
            clock.set(check, 60_000);
          }]);
        }
        // Network drops: one board in five loses its link for 10 min to 6 h.
        if (random() < 0.2) {
          const at = noon + random() * dayMs;
          const len = 10 * 60_000 + random() * 6 * 3_600_000;
          events.push([at, () => { p.board.link.down(); clock.set(() => p.board.link.up(), len); }]);
        }
      }
      if (d === Math.floor(DAYS / 3)) events.push([noon + 14 * 3_600_000, () => broker.restart(300)]);
      if (d === Math.floor((2 * DAYS) / 3)) {
        events.push([noon + 9 * 3_600_000, async () => { await server?.kill(); server = undefined; }]);
        events.push([noon + 12 * 3_600_000, () => startServer()]);
      }
      events.sort((a, b) => a[0] - b[0]);
      for (const [at, what] of events) {
        await runTo(at);
        await what();
      }
      await runTo(noon + dayMs);
      process.stdout.write(`day ${d + 1}/${DAYS} done after ${((Date.now() - t0) / 1000).toFixed(0)} s real\n`);
    }

    // Drain: everything powered and connected until every board's log is empty.
    for (const p of poles) { p.board.link.up(); if (p.board.state === 'off') p.board.powerOn(); }
    await clock.runUntil(() => { server?.setNow(clock.now()); return poles.every((p) => status(p.board)?.energy?.pending === 0); }, { stepMs: 10_000, yieldMs: 2, timeoutMs: 3 * 86_400_000 });
    for (const p of poles) p.board.powerOff(); // freeze the ground truth
    await new Promise((r) => setTimeout(r, 500));

    const repo = openSqlite(path.join(dataDir, 'fleet.sqlite'));
    try {
      const energy = new EnergyRepository(repo.adapter);
      const ids = poles.map((p) => p.board.deviceId);
      const raw = await energy.rawTotals(ids);
      const cells = await energy.report({ tenantId: TENANT, from: '2026-01-01', to: '2026-03-31', bucket: 'total', by: 'device' });
      const rolled = new Map(cells.map((c) => [c.key, c]));
      const lines: string[] = ['device   chip     cuts  flash  truth Wh   server Wh  diff Wh  allowed Wh  records'];
      let failures = 0;
      for (const p of poles) {
        const id = p.board.deviceId;
        const r = raw.get(id);
        const truth = p.board.energyWh();
        const serverWh = (r?.energyMwh ?? 0) / 1000;
        const allowed = QUANTUM_WH[p.chip] + p.cuts * (p.nominalW * INTERVAL_S) / 3600;
        const diff = serverWh - truth;
        const dev = await repo.getDevice(id);
        const roll = rolled.get(id);
        const ok = Math.abs(diff) <= allowed && roll?.records === r?.records && roll?.energyMwh === r?.energyMwh
          && r !== undefined && dev?.energyAckedSeq === r.maxSeq && r.records === r.maxSeq - r.minSeq + 1;
        if (!ok) failures++;
        lines.push(`${id}  ${p.chip.padEnd(7)} ${String(p.cuts).padStart(4)} ${String(p.flashCuts).padStart(6)} ${truth.toFixed(1).padStart(10)} ${serverWh.toFixed(1).padStart(10)} ${diff.toFixed(2).padStart(8)} ${allowed.toFixed(2).padStart(10)} ${String(r?.records ?? 0).padStart(8)}${ok ? '' : '  <-- FAIL'}`);
      }
      const sum = (f: (p: Pole) => number) => poles.reduce((a, p) => a + f(p), 0);
      lines.push(`TOTAL truth ${(sum((p) => p.board.energyWh()) / 1000).toFixed(3)} kWh, server ${(sum((p) => (raw.get(p.board.deviceId)?.energyMwh ?? 0)) / 1e6).toFixed(3)} kWh, ${sum((p) => p.cuts)} power cuts (${sum((p) => p.flashCuts)} during flash writes), real time ${((Date.now() - t0) / 1000).toFixed(0)} s; ${escapedPowerLoss} power-loss errors escaped a board callback`);
      process.stdout.write(`${lines.join('\n')}\n`);
      expect(failures).toBe(0);
    } finally {
      await repo.close();
    }
  }, 20 * 60_000);
});
