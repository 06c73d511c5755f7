/**
 * Mosquitto with the configuration the fleet server generates from its device table (issue 11,
 * fleet-server/src/mqtt/broker-config.ts, docs/deployment.md "Mosquitto"), started here on a free port: the
 * dynamic-security plugin with the servers' account and one account per provisioned device.
 *
 * - Provisioning a device, generating again and restarting Mosquitto lets it in; its own topics work.
 * - A device can neither publish on the topic between instances (`sl/fleet/<group>/ota`, even under the id
 *   `ota`) nor take a share of every device's uplinks (`$share/<group>/sl/v1/+/+/up`, attack 6 on the
 *   documented `pattern` ACL of before), nor read another device's downlinks, nor take over another device's
 *   session with its client id (attack 10); anonymous clients are refused.
 * - The server account reaches the topic between instances (counted as a rejected relay message: garbage).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { build, generateSigningKey } from '@streetlight/fleet-server';
import { authedInject, provisionDevice, type TestDevice } from '@streetlight/fleet-server/testing';
import { writeMosquittoConfig } from '../../fleet-server/src/mqtt/broker-config.js';
import { downlinkTopic, encodePresence, statusTopic, uplinkTopic } from '@streetlight/protocol';
import { freePort } from '../lib/fleet-processes.js';
import type { App } from './ota-harness.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const SERVER = { username: 'fleet', password: 'fleet-secret' };
const ROOT = resolve(import.meta.dirname, '../..');

/** Waits until `check` holds (real time: Mosquitto is a real process), failing after 60 s with `what`. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (const end = Date.now() + 60_000; !(await check());) {
    if (Date.now() > end) throw new Error(`not within 60 s: ${what}`);
    await sleep(20);
  }
}

describe('Mosquitto with the generated configuration: every device in its own lane', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-acl-'));
  const conf = join(dir, 'mosquitto');
  const group = `acl-${randomUUID().slice(0, 8)}`;
  const tenant = `acl-${randomUUID().slice(0, 8)}`;
  let proc: ChildProcess | undefined;
  let url = '';
  let app: App;
  const devices: Record<string, TestDevice> = {};

  const data = join(dir, 'mosquitto-data');
  const generate = (list: Parameters<typeof writeMosquittoConfig>[1]['devices']): void => {
    // Its own persistence directory (the default is the system broker's /var/lib/mosquitto/).
    writeMosquittoConfig(conf, { devices: list, server: SERVER, listener: url.replace('mqtt://', ''), persistenceDir: data, extra: ['log_dest none'] });
    chmodSync(dir, 0o755); // Mosquitto started as root reads the files after dropping to its own user
    chmodSync(conf, 0o755);
    mkdirSync(data, { recursive: true });
    chmodSync(data, 0o777); // and writes its persistence file as that user
  };
  const startBroker = async (): Promise<void> => {
    proc = spawn(process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto', ['-c', join(conf, 'mosquitto.conf')], { stdio: 'ignore' });
    await until(async () => {
      try {
        await (await connect(url, { ...SERVER, clientId: `${SERVER.username}-probe` })).endAsync();
        return true;
      } catch {
        return false;
      }
    }, 'Mosquitto listening');
  };
  const stopBroker = async (): Promise<void> => {
    const p = proc;
    if (p && p.exitCode === null) await new Promise<void>((r) => { p.once('exit', () => r()); p.kill('SIGTERM'); });
  };
  const connect = (url: string, o: mqtt.IClientOptions): Promise<MqttClient> => mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, ...o });
  const asDevice = (d: TestDevice, clientId = d.mqtt.clientId): Promise<MqttClient> =>
    connect(url, { username: d.mqtt.username, password: d.mqtt.password, clientId });

  beforeAll(async () => {
    url = `mqtt://127.0.0.1:${await freePort()}`;
    // The first configuration knows no device yet: the servers' account only.
    generate([]);
    await startBroker();
    generateSigningKey(join(dir, 'ota.pem'));
    app = await build({
      config: {
        dataDir: dir, httpPort: 0, mqttUrl: url, mqttUsername: SERVER.username, mqttPassword: SERVER.password, mqttShareGroup: group,
        otaSigningKey: join(dir, 'ota.pem'), otaLeaseS: 2,
      },
      logger: false,
    });
    expect(app.ota.role).toBe('leader'); // alone: it holds the lease and listens on the topic between instances
    for (const id of ['SL-0001', 'SL-0002', 'ota']) devices[id] = await provisionDevice(app, tenant, id, { broker: { host: '127.0.0.1', port: Number(new URL(url).port) } });
    // The provisioned devices in the broker's configuration; the server reconnects by itself.
    generate(await app.identities.repo.list());
    await stopBroker();
    await startBroker();
    await until(() => app.fleet.mqttConnected(), 'the server reconnected');
    await until(async () => {
      try {
        await (await asDevice(devices['SL-0001'] as TestDevice)).endAsync();
        return true;
      } catch {
        return false;
      }
    }, 'the provisioned device admitted after SIGHUP');
  });
  afterAll(async () => {
    await app?.close();
    await stopBroker();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets a device use its own topics and nothing of the instances\' topic; the server account reaches it', async () => {
    const relay = `sl/fleet/${group}/ota`;
    const badRelay = (): number => app.fleet.metrics.framesRejected.get('bad_relay') ?? 0;
    for (const id of ['SL-0001', 'ota']) {
      const d = devices[id] as TestDevice;
      const device = await asDevice(d);
      try {
        if (id === 'SL-0001') {
          await device.publishAsync(uplinkTopic(tenant, id), Buffer.from(d.uplink({ seq: 1, hello: { firmwareVersion: '1.0.0' } })), { qos: 1 });
          await until(async () => (await app.repo.getDevice(id)) !== undefined, 'a device may publish its uplinks');
          expect(await app.repo.getDevice(id)).toMatchObject({ tenantId: tenant, firmwareVersion: '1.0.0' });
        }
        // Mosquitto acknowledges a denied QoS 1 publish (MQTT 3.1.1 has no way to refuse) and drops it.
        await device.publishAsync(relay, Buffer.from('forged by a device'), { qos: 1 });
        await device.publishAsync('sl/v1/_fleet/ota', Buffer.from('forged by a device'), { qos: 1 });
      } finally {
        await device.endAsync();
      }
    }
    // Nothing of the devices reached the server: the server account's frame below, published after the devices'
    // publishes were acknowledged, is the first and only one the server rejects (one broker, delivered in order).
    const server = await connect(url, { ...SERVER, clientId: `${SERVER.username}-test` });
    try {
      await server.publishAsync(relay, Buffer.from('garbage from the server account'), { qos: 1 });
    } finally {
      await server.endAsync();
    }
    await until(() => badRelay() > 0, 'the server account reaches the topic between instances');
    expect(badRelay()).toBe(1);
  });

  it('attack 6: a device account cannot take a share of every device\'s uplinks, nor read another device\'s downlinks', async () => {
    const [a, b] = [devices['SL-0001'] as TestDevice, devices['SL-0002'] as TestDevice];
    const thief = await asDevice(b);
    try {
      // Each refused (SUBACK 0x80, which mqtt.js turns into an error); its own downlinks granted.
      for (const filter of [`$share/${group}/sl/v1/+/+/up`, 'sl/v1/+/+/up', uplinkTopic(tenant, a.deviceId), downlinkTopic(tenant, a.deviceId), '#']) {
        await expect(thief.subscribeAsync(filter, { qos: 1 }), filter).rejects.toThrow(/Subscribe error/);
      }
      expect(await thief.subscribeAsync(downlinkTopic(tenant, b.deviceId), { qos: 1 })).toEqual([{ topic: downlinkTopic(tenant, b.deviceId), qos: 1 }]);
      const stolen: string[] = [];
      thief.on('message', (topic) => { if (!topic.endsWith(`/${b.deviceId}/down`)) stolen.push(topic); });
      // A's uplinks all reach the server (none taken by the thief's share), and A's downlinks reach A only.
      const device = await asDevice(a);
      const downs: string[] = [];
      device.on('message', (topic) => downs.push(topic));
      await device.subscribeAsync(downlinkTopic(tenant, a.deviceId), { qos: 1 });
      const before = app.fleet.metrics.framesReceived;
      for (let seq = 10; seq < 30; seq++) {
        await device.publishAsync(uplinkTopic(tenant, a.deviceId), Buffer.from(a.uplink({ seq, state: { level: seq } })), { qos: 1 });
      }
      await until(() => app.fleet.metrics.framesReceived - before >= 20, `20 uplinks of ${a.deviceId} at the server`);
      // Received is not processed: a device's frames are applied one after the other, each once its batch committed.
      await app.devices.idle();
      await until(() => downs.length > 0, 'the server\'s answer (a TimeSync) at the device');
      await device.endAsync();
      expect(stolen).toEqual([]);
      expect((await app.repo.getDevice(a.deviceId))?.level).toBe(29);
    } finally {
      await thief.endAsync();
    }
  });

  it('attack 12: a device cannot set another device\'s presence (retained status)', async () => {
    const [a, b] = [devices['SL-0001'] as TestDevice, devices['SL-0002'] as TestDevice];
    const mallory = await asDevice(b);
    try {
      // B forges A's retained "offline", then sets its own presence: the last one it published.
      await mallory.publishAsync(statusTopic(tenant, a.deviceId), Buffer.from(encodePresence({ online: false, bootCount: 666 })), { qos: 1, retain: true });
      await mallory.publishAsync(statusTopic(tenant, b.deviceId), Buffer.from(encodePresence({ online: true, bootCount: 1 })), { qos: 1, retain: true });
    } finally {
      await mallory.endAsync();
    }
    const watcher = await connect(url, { ...SERVER, clientId: `${SERVER.username}-presence` });
    try {
      const retained = new Map<string, Buffer>();
      watcher.on('message', (topic, payload, packet) => { if (packet.retain) retained.set(topic, payload); });
      await watcher.subscribeAsync([statusTopic(tenant, a.deviceId), statusTopic(tenant, b.deviceId)], { qos: 1 });
      await until(() => retained.has(statusTopic(tenant, b.deviceId)), 'B\'s own retained presence');
      expect(retained.has(statusTopic(tenant, a.deviceId))).toBe(false);
    } finally {
      await watcher.endAsync();
    }
  });

  it('attack 10: a client id is the account\'s own: another account cannot disconnect a device with it; devices stay off the servers\' listener', async () => {
    const [a, b] = [devices['SL-0001'] as TestDevice, devices['SL-0002'] as TestDevice];
    const real = await asDevice(a);
    let closed = false;
    real.on('close', () => { closed = true; });
    // B's credentials with A's client id: refused (with an acl_file, Mosquitto took A's session over).
    await expect(asDevice(b, a.deviceId)).rejects.toThrow(/Not authorized/);
    // A takeover would happen while the broker handles the CONNECT: A answering a QoS 1 publish afterwards shows
    // it was not disconnected.
    await real.publishAsync(uplinkTopic(tenant, a.deviceId), Buffer.from(a.uplink({ seq: 100, state: { level: 1 } })), { qos: 1 });
    expect(closed).toBe(false);
    await real.endAsync();
    // Its own id is the only one a device account may use.
    await expect(connect(url, { username: a.mqtt.username, password: a.mqtt.password, clientId: 'SL-0001-b' })).rejects.toThrow(/Not authorized|Bad username/);
    await expect(connect(url, { clientId: 'anonymous-1' })).rejects.toThrow(/Not authorized|Bad username/);
  });

  it('issue 15: `device revoke` disables a controller on Mosquitto at once: its connection closes, it cannot log in again', async () => {
    const d = devices['SL-0002'] as TestDevice;
    const live = await asDevice(d);
    let closed = false;
    live.on('close', () => { closed = true; });
    const out = execFileSync('bash', ['-c', 'npx -y pnpm@10 --filter @streetlight/fleet-server run device revoke --device SL-0002'], {
      cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATA_DIR: dir, MQTT_URL: url, MQTT_USERNAME: SERVER.username, MQTT_PASSWORD: SERVER.password },
    });
    expect(out).toMatch(/SL-0002: revoked/);
    expect(out).toMatch(/SL-0002: disabled on the broker and disconnected/);
    await until(() => closed, 'the revoked controller disconnected by the broker');
    await expect(asDevice(d)).rejects.toThrow(/Not authorized|Bad username/);
    // The other controllers are untouched.
    await (await asDevice(devices['SL-0001'] as TestDevice)).endAsync();
  });

  it('issue 15: replacing a controller on its pole through the API disables the old one on Mosquitto at once', async () => {
    const old = devices['SL-0001'] as TestDevice;
    const fresh = await provisionDevice(app, tenant, 'SL-0003', { broker: { host: '127.0.0.1', port: Number(new URL(url).port) } });
    const api = await authedInject(app);
    expect((await api({ method: 'POST', url: `/api/tenants/${tenant}/inventory`, payload: [{ deviceId: 'SL-0001', poleRef: 'P-1', lat: 44.89, lon: 1.21 }] })).statusCode).toBe(200);
    const live = await asDevice(old);
    let closed = false;
    live.on('close', () => { closed = true; });
    const r = await api({ method: 'POST', url: `/api/tenants/${tenant}/inventory/poles/P-1/replace-controller`, payload: { newDeviceId: 'SL-0003', claimCode: fresh.claimCode } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().revocation).toEqual({ deviceId: 'SL-0001', revoked: true, broker: 'confirmed' });
    await until(() => closed, 'the replaced controller disconnected by the broker');
    await expect(asDevice(old)).rejects.toThrow(/Not authorized|Bad username/);
    const audit = (await api(`/api/tenants/${tenant}/audit`)).json() as Array<{ detail: { summary?: string } | null }>;
    expect(audit.map((a) => a.detail?.summary)).toContain('Controller SL-0001 on pole P-1 replaced by SL-0003; SL-0001 retired, its credentials revoked and disabled on the broker');
  });
});
