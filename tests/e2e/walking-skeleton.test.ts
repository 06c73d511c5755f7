/**
 * Walking skeleton, end to end: the fleet server (REST + ingest + SQLite), a real MQTT broker, and simulated
 * boards running the real firmware. Set an override through the REST API, see the simulated PWM follow and
 * the state report stored; let it expire and see the boards return to their plan. Run once against the
 * server's embedded aedes broker and once against the machine's Mosquitto.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '@streetlight/fleet-server';
import { authedInject, holdSharedResource, provisionIdentities, type Inject } from '@streetlight/fleet-server/testing';
import { createTown, townInventory, VirtualClock, type SimBoard, type SimFleet } from '@streetlight/hardware-sim';
import { statusTopic } from '@streetlight/protocol';
import { clearRetained } from '../lib/retained.js';

const MOSQUITTO_URL = process.env.MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PWM_MAX = 1023;
const rawDuty = (b: SimBoard): number => b.pwmTrace.at(-1)?.value ?? -1;

type App = Awaited<ReturnType<typeof build>>;

describe.each([
  ['the embedded aedes broker', undefined],
  ['Mosquitto', MOSQUITTO_URL],
])('walking skeleton over %s', (_name, mqttUrl) => {
  let app: App;
  let fleet: SimFleet;
  let clock: VirtualClock;
  let dataDir: string;
  let inject: Inject;
  // A unique tenant per run: Mosquitto is shared with other runs on this machine.
  const tenant = `e2e-${randomUUID().slice(0, 8)}`;

  const get = async <T>(url: string): Promise<T> => {
    const res = await inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };

  /** Retries `check` while virtual time moves on (a second per try) and frames travel, up to `tries`. */
  const eventually = async (check: () => Promise<void>, tries = 60): Promise<void> => {
    for (let i = 1; ; i++) {
      try {
        return await check();
      } catch (err) {
        if (i >= tries) throw err;
        const until = clock.now() + 1_000;
        await clock.runUntil(() => clock.now() >= until, { yieldMs: 10 });
      }
    }
  };

  let release: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // The machine's broker is shared with the other test files (run in parallel): one suite on it at a time.
    if (mqttUrl) release = await holdSharedResource(PG_URL, mqttUrl);
    dataDir = mkdtempSync(join(tmpdir(), 'sl-e2e-'));
    // 18:30 in Sarlat on a winter evening: after sunset, before the plan dims.
    clock = new VirtualClock({ start: Date.parse('2026-01-15T17:30:00Z') });
    app = await build({
      config: { dataDir, httpPort: 0, mqttPort: 0, ...(mqttUrl ? { mqttUrl } : {}) },
      now: () => clock.now(),
      logger: false,
    });
    await app.fleet.listen();
    // A lighting manager's API token for this town (issue 7: every tenant route is authenticated).
    inject = await authedInject(app, { tenant, role: 'manager' });
    const broker = new URL(app.fleet.brokerUrl);
    // Issue 11: each board is provisioned (its identity written to its NVS) before it is installed.
    const identity = await provisionIdentities(app, tenant, townInventory().slice(0, 6).map((p) => p.deviceId));
    fleet = createTown({ clock, tenant, count: 6, broker: { host: broker.hostname, port: Number(broker.port) }, identity });

    // Commission the poles through the API, as an installer's tool would.
    const res = await inject({
      method: 'POST', url: `/api/tenants/${tenant}/inventory`,
      payload: fleet.boards.map((b) => ({
        deviceId: b.deviceId, poleRef: b.poleRef, lat: b.position?.lat, lon: b.position?.lon,
        group: 'rep', luminaireModel: b.luminaireModel, nominalPowerW: b.nominalW,
      })),
    });
    expect(res.statusCode, res.body).toBe(200);
    const plan = await inject({
      method: 'PUT', url: `/api/tenants/${tenant}/groups/rep/plan`,
      payload: {
        programs: [{ id: 1, steps: [
          { anchor: 'sunset', offsetMin: 0, level: 80, fadeS: 1 },
          { anchor: 'clock', offsetMin: 23 * 60, level: 40, fadeS: 1 },
          { anchor: 'sunrise', offsetMin: 0, level: 0, fadeS: 1 },
        ] }],
        defaultProgramId: 1,
      },
    });
    expect(plan.statusCode, plan.body).toBe(200);
    await fleet.start({ staggerMs: 10 });
  });

  afterAll(async () => {
    fleet?.dispose();
    if (mqttUrl && fleet) await clearRetained(mqttUrl, fleet.boards.map((b) => statusTopic(tenant, b.deviceId)));
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
    await release?.();
  });

  it('registers every board on Hello, pushes config and plan, and the boards run the plan', async () => {
    const target = Math.round(0.8 * PWM_MAX);
    await clock.runUntil(() => fleet.boards.every((b) => rawDuty(b) === target), { timeoutMs: 120_000, yieldMs: 2 });
    type Listed = { id: string; online: boolean; reported: { level: number; levelSource: string; plan: { id: number } | null; configVersion: number; clock: string } | null };
    await eventually(async () => {
      const devices = await get<Listed[]>(`/api/tenants/${tenant}/devices`);
      expect(devices).toHaveLength(6);
      for (const d of devices) {
        expect(d.online).toBe(true);
        expect(d.reported).toMatchObject({ level: 80, levelSource: 'plan', clock: 'synced' });
        expect(d.reported?.plan?.id).toBeGreaterThan(0);
        expect(d.reported?.configVersion).toBeGreaterThan(0);
      }
    });
  });

  it('follows an override set through the REST API, stores the state report, and reverts at expiry', async () => {
    const board = fleet.boards[0] as SimBoard;
    const res = await inject({
      method: 'PUT', url: `/api/tenants/${tenant}/devices/${board.deviceId}/override`,
      payload: { level: 25, durationS: 600, fadeS: 1 },
    });
    expect(res.statusCode, res.body).toBe(202);
    const { expiresAt } = res.json() as { expiresAt: string };

    // The simulated PWM follows…
    await clock.runUntil(() => rawDuty(board) === Math.round(0.25 * PWM_MAX), { timeoutMs: 60_000, yieldMs: 2 });
    // …the others do not…
    expect(rawDuty(fleet.boards[1] as SimBoard)).toBe(Math.round(0.8 * PWM_MAX));
    // …and the state report reaches the database.
    const detailUrl = `/api/tenants/${tenant}/devices/${board.deviceId}`;
    await eventually(async () => {
      expect((await get<{ reported: unknown }>(detailUrl)).reported).toMatchObject({ level: 25, levelSource: 'override' });
    });
    const states = await get<Array<{ level: number; levelSource: string }>>(`${detailUrl}/states?limit=50`);
    expect(states.some((s) => s.level === 25 && s.levelSource === 'override')).toBe(true);

    // At expiry the board returns to its plan by itself, and says so.
    await clock.runUntil(() => clock.now() > Date.parse(expiresAt), { timeoutMs: 700_000, stepMs: 5_000 });
    await clock.runUntil(() => rawDuty(board) === Math.round(0.8 * PWM_MAX), { timeoutMs: 60_000, yieldMs: 2 });
    await eventually(async () => {
      expect((await get<{ reported: unknown }>(detailUrl)).reported).toMatchObject({ level: 80, levelSource: 'plan', overrideId: 0 });
    });
  });
});
