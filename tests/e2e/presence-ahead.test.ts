/**
 * Presence on demand, end to end: light runs ahead of a cyclist. Four simulated poles with presence sensors along a
 * street (real firmware, the machine's Mosquitto, the fleet server with SQLite), a plan with a presence step from
 * 23:00 given to the street through the REST API, the poles' positions from the inventory. A cyclist rides the
 * street (hardware-sim SimStreet, 5 m/s); the first pole's sensor raises it, its PresenceDetection reaches the
 * server, which raises the next poles within PRESENCE_AHEAD_M with an authenticated `Command.presence_ahead`; from
 * then on each pole is lit before the cyclist reaches its detection range. The latency, from the detection to the
 * next pole's light, is measured in real time (virtual time stands still meanwhile).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '@streetlight/fleet-server';
import { authedInject, holdSharedResource, provisionIdentities, type Inject } from '@streetlight/fleet-server/testing';
import { startFirmware, type Firmware, type FirmwareStatus, type Host } from '@streetlight/firmware';
import { SimBoard, SimStreet, VirtualClock } from '@streetlight/hardware-sim';
import { settleNetwork } from '@streetlight/hardware-sim/testing';
import { statusTopic } from '@streetlight/protocol';
import { clearRetained } from '../lib/retained.js';

const MOSQUITTO_URL = process.env.MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const LAT = 44.8897;
const LON0 = 1.2166;
/** Poles every 30 m along a street running east; the server raises those within 70 m (the next two). */
const SPACING_M = 30;
const AHEAD_M = 70;
const RANGE_M = 8;
const RAISED = 80;
const HOLD_S = 20;
const FADE_UP_S = 1;
const lonOf = (x: number): number => LON0 + x / (111_320 * Math.cos((LAT * Math.PI) / 180));

type App = Awaited<ReturnType<typeof build>>;

describe('presence ahead over Mosquitto: light runs ahead of a cyclist', () => {
  let app: App;
  let inject: Inject;
  let clock: VirtualClock;
  let dataDir: string;
  let release: (() => Promise<void>) | undefined;
  const tenant = `pres-${randomUUID().slice(0, 8)}`;
  const boards: SimBoard[] = [];
  let street: SimStreet;

  const status = (b: SimBoard): FirmwareStatus => (b.firmware as unknown as Firmware).status();
  const settle = async (): Promise<void> => {
    await settleNetwork({
      idle: () => app.devices.idle(),
      progress: () => app.fleet.metrics.framesReceived + app.fleet.metrics.downlinksSent + boards.reduce((s, b) => s + b.link.attempts, 0),
      describe: () => `virtual ${new Date(clock.now()).toISOString()}`,
    });
  };
  /** Virtual time to `t` in steps of `stepMs`, the network settled after each (frames cross at their instant). */
  const runTo = async (t: number, stepMs = 100): Promise<void> => {
    while (clock.now() < t) {
      clock.advanceTo(Math.min(t, clock.now() + stepMs));
      await settle();
    }
  };
  const levelAt = (b: SimBoard, t: number): number => {
    let level = 0;
    for (const e of b.pwmTrace) { if (e.t > t) break; level = Math.round((100 * e.value) / ((1 << e.resolution) - 1)); }
    return level;
  };
  const raisedAt = (b: SimBoard, from: number): number | undefined =>
    b.pwmTrace.find((e) => e.t >= from && Math.round((100 * e.value) / ((1 << e.resolution) - 1)) >= RAISED)?.t;

  beforeAll(async () => {
    release = await holdSharedResource(PG_URL, MOSQUITTO_URL);
    dataDir = mkdtempSync(join(tmpdir(), 'sl-presence-'));
    clock = new VirtualClock({ start: Date.parse('2026-11-23T21:57:00Z') }); // 22:57 in Sarlat
    app = await build({ config: { dataDir, httpPort: 0, mqttPort: 0, mqttUrl: MOSQUITTO_URL, presenceAheadM: AHEAD_M }, now: () => clock.now(), logger: false });
    await app.fleet.listen();
    inject = await authedInject(app, { tenant, role: 'manager' });
    const broker = new URL(app.fleet.brokerUrl);
    const ids = [0, 1, 2, 3].map((i) => `RUE-${i}`);
    const identity = await provisionIdentities(app, tenant, ids, { broker: { host: broker.hostname, port: Number(broker.port) } });
    const res = await inject({
      method: 'POST', url: `/api/tenants/${tenant}/inventory`,
      payload: ids.map((deviceId, i) => ({ deviceId, lat: LAT, lon: lonOf(i * SPACING_M), group: 'rue-des-consuls', nominalPowerW: 36 })),
    });
    expect(res.statusCode, res.body).toBe(200);
    const plan = await inject({
      method: 'PUT', url: `/api/tenants/${tenant}/groups/rue-des-consuls/plan`,
      payload: {
        programs: [{ id: 1, steps: [
          { anchor: 'sunset', offsetMin: 0, level: 100, fadeS: 1 },
          { anchor: 'clock', offsetMin: 23 * 60, level: RAISED, fadeS: 5, presence: { baseLevel: 0, holdS: HOLD_S, fadeUpS: FADE_UP_S, fadeDownS: 5 } },
          { anchor: 'sunrise', offsetMin: 0, level: 0, fadeS: 1 },
        ] }],
        defaultProgramId: 1,
      },
    });
    expect(plan.statusCode, plan.body).toBe(200);
    for (const [i, deviceId] of ids.entries()) {
      const b = new SimBoard({
        clock, identity: identity(deviceId), position: { lat: LAT, lon: lonOf(i * SPACING_M) }, nominalW: 36, presenceSensor: true,
        firmware: (host: Host) => startFirmware(host),
      });
      boards.push(b);
      b.powerOn();
    }
    street = new SimStreet({ clock, poles: boards.map((board, i) => ({ board, x: i * SPACING_M })), rangeM: RANGE_M });
    // Commissioned (config and plan pushed at the Hellos), then into the presence step: every pole at base.
    await runTo(Date.parse('2026-11-23T22:00:30Z'), 1000);
    for (const b of boards) expect(status(b), b.deviceId).toMatchObject({ level: 0, planVersion: 1 });
  }, 240_000);

  afterAll(async () => {
    street?.dispose();
    for (const b of boards) b.dispose();
    await clearRetained(MOSQUITTO_URL, boards.map((b) => statusTopic(tenant, b.deviceId)));
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await release?.();
  });

  it('the first pole sees the cyclist; the server raises the poles ahead, each lit before the cyclist reaches it', async () => {
    const ride = street.walk({ kind: 'cyclist', at: clock.now() + 1_000 });
    const first = ride.poles[0]!;
    // To the instant the first sensor fires, then the detection through broker and server to pole 1, virtual time still.
    await runTo(first.enterMs - 1, 200);
    clock.advanceTo(first.enterMs); // the sensor fires: the firmware raises pole 0 and publishes its detection
    const t0 = performance.now();
    await clock.waitFor(() => status(boards[1]!).target === RAISED, { timeoutMs: 20_000, describe: () => JSON.stringify(status(boards[1]!)) });
    const latencyMs = performance.now() - t0;
    await runTo(ride.poles.at(-1)!.exitMs + 2_000, 200);
    const leads = ride.poles.slice(1).map((p) => p.enterMs - (raisedAt(boards[p.pole]!, ride.startMs) ?? Infinity));
    process.stdout.write(`presence ahead: detection at pole 0 to pole 1's light ${latencyMs.toFixed(0)} ms of real time (broker, server, broker); `
      + `lit ahead of the cyclist by ${leads.map((l) => (l / 1000).toFixed(1)).join(', ')} s at poles 1..3\n`);
    // The first pole by its own sensor, within its fade up; every next one before the cyclist enters its range.
    expect((raisedAt(boards[0]!, ride.startMs) ?? Infinity) - first.enterMs).toBeLessThanOrEqual(FADE_UP_S * 1000 + 250);
    for (const [k, lead] of leads.entries()) expect(lead, `pole ${k + 1}`).toBeGreaterThan(0);
    // At most the step's level; the server was told once per pole; the commands were authenticated and acknowledged.
    for (const b of boards) expect(Math.max(...b.pwmTrace.filter((e) => e.t >= ride.startMs).map((e) => levelAt(b, e.t)))).toBe(RAISED);
    for (const b of boards.slice(1)) {
      const downlinks = await app.repo.listDownlinks(b.deviceId, 50);
      expect(downlinks.some((d) => d.summary === 'presence ahead of RUE-0' || d.summary.startsWith('presence ahead')), b.deviceId).toBe(true);
      expect(downlinks.filter((d) => d.summary.startsWith('presence ahead')).every((d) => d.ackStatus === 'ok'), JSON.stringify(downlinks)).toBe(true);
    }
    for (const b of boards) expect(status(b).presence?.reports, b.deviceId).toBe(1);
    expect(latencyMs).toBeLessThan(20_000);
  }, 120_000);
});
