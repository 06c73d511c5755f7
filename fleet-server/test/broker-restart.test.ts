/**
 * Issue 14, "Nothing dropped across a broker restart", the server's side: with INSTANCE_NAME set, the fleet server's
 * MQTT client keeps a persistent session (`clean: false`, client id `<MQTT_USERNAME>-<INSTANCE_NAME>`), so that
 *  - uplinks published while the server is away (stopped, restarting) are queued by the broker for its session and
 *    delivered when it comes back: not one is lost, none needs the device to send it again;
 *  - across a restart of the broker itself, while devices keep publishing, the server resumes its session and
 *    subscribes again to its `$share` filter (Mosquitto 2.0 restores a session without its shared subscriptions), and
 *    every energy record the devices made is stored exactly once and acknowledged.
 * A real Mosquitto of the test's own (persistence on, on a free port) is stopped and started again; the devices are
 * MQTT clients behaving as the firmware does (each EnergyReport sealed, sent again until its EnergyAck comes).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { decodeDownlinkFrame, downlinkTopic, uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { loadMasterKey } from '../src/devices/identity.js';
import { authedInject, provisionDevices, type TestDevice } from '../src/testing.js';
import { tempDir, uniqueId, waitFor } from './helpers.js';
import { startTestMosquitto, type TestBroker } from './mosquitto.js';

const TENANT = 'restartville';
const DEVICES = 12;
const START_S = Math.floor(Date.now() / 1000) - 2 * 86_400;

/**
 * A device as the firmware behaves on the energy side: records 1, 2, … in frames of 1–3, each frame sealed and sent
 * QoS 1, and sent again (a new uplink seq) until an EnergyAck covers it.
 */
class Device {
  private client: MqttClient | undefined;
  private upSeq = 0;
  acked = 0;
  made = 0;
  energyMwh = 0;
  resent = 0;
  private waiter: (() => void) | undefined;

  constructor(private readonly url: string, readonly dev: TestDevice) {}

  async connect(): Promise<void> {
    this.client = await mqtt.connectAsync(this.url, { ...this.dev.mqtt, clean: true, reconnectPeriod: 100, protocolVersion: 4 });
    this.client.on('message', (_t, payload) => {
      if (!this.dev.authentic(payload)) return;
      const d = decodeDownlinkFrame(payload, this.dev.deviceId);
      const a = d.ok ? d.message.energyAck?.ackedSeq : undefined;
      if (a && a > this.acked) { this.acked = a; this.waiter?.(); }
    });
    await this.client.subscribeAsync(downlinkTopic(TENANT, this.dev.deviceId), { qos: 1 });
  }

  /** Publishes one frame of records `from`..`to` (QoS 1), not waiting for its ack. */
  send(from: number, to: number): void {
    const records = [];
    for (let s = from; s <= to; s++) records.push({ seq: s, start: START_S + s * 900, durationS: 900, energyMwh: 1000 + s, minPowerMw: 0, maxPowerMw: 40_000, avgPowerMw: 4000, burningS: 900, avgLevelX10: 1000 });
    (this.client as MqttClient).publish(uplinkTopic(TENANT, this.dev.deviceId), Buffer.from(this.dev.uplink({ seq: ++this.upSeq, energy: { records } })), { qos: 1 });
  }

  /** Makes `n` more records (frames of 1–3) and sends each frame until it is acknowledged. */
  async run(n: number): Promise<void> {
    const until = this.made + n;
    while (this.acked < until) {
      const from = this.acked + 1;
      const to = Math.min(until, from + (from % 3));
      for (let s = Math.max(this.made + 1, from); s <= to; s++) { this.made = s; this.energyMwh += 1000 + s; }
      this.send(from, to);
      const got = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => { this.waiter = undefined; resolve(false); }, 1500);
        this.waiter = () => { if (this.acked >= to) { clearTimeout(timer); this.waiter = undefined; resolve(true); } };
      });
      if (!got) this.resent++;
    }
  }

  /** Makes `n` more records in single-record frames, each sent once, without waiting. */
  burst(n: number): void {
    for (let i = 0; i < n; i++) {
      this.made++;
      this.energyMwh += 1000 + this.made;
      this.send(this.made, this.made);
    }
  }

  close(): Promise<void> { return this.client?.endAsync() ?? Promise.resolve(); }
}

describe('the server\'s persistent session across broker and server restarts (real Mosquitto)', () => {
  let broker: TestBroker;
  let app: FastifyInstance;
  const devices: Device[] = [];
  const dataDir = tempDir();
  const deviceMasterKey = join(dataDir, 'device-master.key');
  const shareGroup = uniqueId('g');
  /** The same instance each time: same data, same INSTANCE_NAME, so the same MQTT session. */
  const config = () => ({ dataDir, httpPort: 0, mqttPort: 0, mqttUrl: broker.url, mqttShareGroup: shareGroup, instanceName: 'restart-a', deviceMasterKey });

  const stored = async (): Promise<{ records: number; mwh: number; rollupRecords: number; rollupMwh: number }> => {
    const db = (app.repo as DrizzleRepository).adapter.db as unknown as { all(q: unknown): Array<Record<string, number>> };
    const [r] = db.all(sql.raw(`select count(*) as n, coalesce(sum(energy_mwh), 0) as e from energy_records where tenant_id = '${TENANT}'`));
    const [d] = db.all(sql.raw(`select coalesce(sum(records), 0) as n, coalesce(sum(energy_mwh), 0) as e from energy_daily where tenant_id = '${TENANT}'`));
    return { records: Number(r?.n), mwh: Number(r?.e), rollupRecords: Number(d?.n), rollupMwh: Number(d?.e) };
  };
  const made = () => devices.reduce((a, d) => ({ records: a.records + d.made, mwh: a.mwh + d.energyMwh }), { records: 0, mwh: 0 });

  beforeAll(async () => {
    broker = await startTestMosquitto();
    loadMasterKey(deviceMasterKey, true);
    app = await build({ config: config(), logger: false });
    const inject = await authedInject(app, { tenant: TENANT, role: 'manager' });
    const ids = Array.from({ length: DEVICES }, (_, i) => `rs-${String(i).padStart(2, '0')}`);
    await inject({ method: 'POST', url: `/api/tenants/${TENANT}/inventory`, payload: ids.map((deviceId) => ({ deviceId, lat: 44.89, lon: 1.21, nominalPowerW: 40 })) });
    const provisioned = await provisionDevices(app, TENANT, ids);
    for (const id of ids) {
      const d = new Device(broker.url, provisioned.get(id) as TestDevice);
      await d.connect();
      devices.push(d);
    }
    // Registered (a device's first frame registers it) before anything is measured.
    await Promise.all(devices.map((d) => d.run(1)));
  });
  afterAll(async () => {
    await Promise.all(devices.map((d) => d.close()));
    await app?.close();
    await broker?.stop();
  });

  it('keeps the uplinks published while the server is stopped and delivers them when it is back', async () => {
    await app.close();
    // The server is away: every device publishes 10 single-record frames, once each.
    for (const d of devices) d.burst(10);
    // Back with the same instance name: the broker hands it what it queued for its session.
    app = await build({ config: config(), logger: false });
    await waitFor(async () => (await stored()).records === made().records, 60_000, 'every record published while the server was away', async () => ({ stored: await stored(), made: made() }));
    await waitFor(() => devices.every((d) => d.acked === d.made), 30_000, 'every device acknowledged', () => devices.map((d) => [d.acked, d.made]));
    expect(await stored()).toEqual({ records: made().records, mwh: made().mwh, rollupRecords: made().records, rollupMwh: made().mwh });
  });

  it('stores every record exactly once when the broker restarts while devices publish', async () => {
    const acked = () => devices.reduce((n, d) => n + d.acked, 0);
    const before = acked();
    let done = false;
    const running = Promise.all(devices.map((d) => d.run(40))).then(() => { done = true; });
    await waitFor(() => acked() >= before + DEVICES * 10, 60_000, 'devices under way', acked);
    await broker.restart();
    await waitFor(() => done, 90_000, 'every frame acknowledged after the broker restart', () => devices.map((d) => [d.acked, d.made]));
    await running;
    const s = await stored();
    expect(s).toEqual({ records: made().records, mwh: made().mwh, rollupRecords: made().records, rollupMwh: made().mwh });
    for (const d of devices) expect((await app.repo.getDevice(d.dev.deviceId))?.energyAckedSeq).toBe(d.made);
    // The server acknowledged frames after the restart (its `$share` subscription renewed): without it, the
    // devices' frames sent again would never have been answered and `running` would not have ended.
    expect(app.fleet.mqttConnected()).toBe(true);
  });
});
