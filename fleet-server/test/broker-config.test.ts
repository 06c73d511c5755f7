/**
 * Issue 14: the sessions and queues of the generated Mosquitto configuration (src/mqtt/broker-config.ts,
 * docs/deployment.md "Broker limits"). Mosquitto's defaults (1,000 queued and 20 in-flight messages per client, no
 * persistence) dropped 7,401 of 10,000 Hellos at a cold start. The configuration must carry the limits, sized by
 * the fleet, and a real Mosquitto started with it on a free port must apply them:
 *  - a server's persistent session and 3,000 uplinks queued for it (three times the default queue) survive a broker
 *    restart and are delivered when the server resumes its session;
 *  - 1,000 messages go out to a server account without an acknowledgement (the default is 20);
 *  - what docs/deployment.md says of Mosquitto 2.0.11: a session restored after a restart has lost its shared
 *    subscription (a server must subscribe again at every connection).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { uplinkTopic } from '@streetlight/protocol';
import {
  brokerLimits, DEFAULT_PERSISTENCE_DIR, MIN_QUEUED_MESSAGES, mosquittoConfig, QUEUED_PER_DEVICE, writeMosquittoConfig,
} from '../src/mqtt/broker-config.js';
import { hashBrokerPassword, type CredentialRow } from '../src/devices/identity.js';
import { occupyPort, tempDir, waitFor } from './helpers.js';

const SERVER = { username: 'fleet', password: 'fleet-secret' };
const TENANT = 'sarlat';

function device(deviceId: string, password = 'pw', hash = hashBrokerPassword(password)): CredentialRow {
  return { deviceId, tenantId: TENANT, keyGeneration: 1, mqttPasswordHash: hash, hardwareModel: null, provisionedAt: 0, revokedAt: null };
}

const lines = (conf: string): string[] => conf.split('\n');

describe('generated Mosquitto configuration: sessions and queues (issue 14)', () => {
  it('keeps sessions and sizes queue and in-flight window for the servers, by the number of devices', () => {
    const conf = mosquittoConfig('/etc/mosquitto/streetlight', { devices: [device('SRL-0001')], server: SERVER, listener: '127.0.0.1:1883' })['mosquitto.conf'];
    expect(lines(conf)).toEqual(expect.arrayContaining([
      'persistence true',
      `persistence_location ${DEFAULT_PERSISTENCE_DIR}`,
      'autosave_interval 60',
      'persistent_client_expiration 1h',
      `max_queued_messages ${MIN_QUEUED_MESSAGES}`,
      'max_inflight_messages 1000',
      'set_tcp_nodelay true',
    ]));
    // Well above Mosquitto's defaults (1,000 and 20), which dropped 7,401 of 10,000 Hellos at a cold start.
    expect(brokerLimits(10_000)).toEqual({ maxQueuedMessages: 100_000, maxInflightMessages: 1_000, persistentClientExpiration: '1h', autosaveIntervalS: 60 });
    const hash = hashBrokerPassword('pw');
    const big = Array.from({ length: 25_000 }, (_, i) => device(`SRL-${i}`, 'pw', hash));
    const bigConf = mosquittoConfig('/x', { devices: big, server: SERVER, listener: '0.0.0.0:1883', persistenceDir: '/srv/mosquitto' })['mosquitto.conf'];
    expect(lines(bigConf)).toContain(`max_queued_messages ${25_000 * QUEUED_PER_DEVICE}`);
    expect(lines(bigConf)).toContain('persistence_location /srv/mosquitto/');
    // Revoked devices are not counted.
    const revoked = mosquittoConfig('/x', { devices: big.map((d) => ({ ...d, revokedAt: 1 })), server: SERVER, listener: '0.0.0.0:1883' })['mosquitto.conf'];
    expect(lines(revoked)).toContain(`max_queued_messages ${MIN_QUEUED_MESSAGES}`);
  });

  describe('Mosquitto started with it', () => {
    const dir = tempDir('sl-broker-config-');
    const conf = join(dir, 'mosquitto');
    const data = join(dir, 'data');
    const dev = device('SRL-0001', 'device-secret');
    let proc: ChildProcess | undefined;
    let port = 0;
    let url = '';
    const connect = (o: mqtt.IClientOptions): Promise<MqttClient> => mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, ...o }, false);

    const start = async (): Promise<void> => {
      const p = spawn(process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto', ['-c', join(conf, 'mosquitto.conf')], { stdio: 'ignore' });
      proc = p;
      await waitFor(async () => {
        if (p.exitCode !== null) throw new Error(`mosquitto exited with ${p.exitCode}: it refused the generated configuration`);
        try {
          await (await connect({ ...SERVER, clientId: 'fleet-probe' })).endAsync();
          return true;
        } catch {
          return false;
        }
      }, 30_000, 'Mosquitto listening with the generated configuration');
    };
    const stop = async (): Promise<void> => {
      const p = proc;
      proc = undefined;
      if (p && p.exitCode === null) await new Promise<void>((r) => { p.once('exit', () => r()); p.kill('SIGTERM'); });
    };

    beforeAll(async () => {
      const free = await occupyPort();
      port = free.port;
      await free.release();
      url = `mqtt://127.0.0.1:${port}`;
      writeMosquittoConfig(conf, { devices: [dev], server: SERVER, listener: `127.0.0.1:${port}`, persistenceDir: data, extra: ['log_dest none'] });
      // Mosquitto started as root reads the files and writes its persistence file as its own user.
      mkdirSync(data);
      for (const d of [dir, conf]) chmodSync(d, 0o755);
      chmodSync(data, 0o777);
      await start();
    });
    afterAll(async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('keeps a server\'s session and 3,000 uplinks queued for it across a restart', async () => {
      const clientId = 'fleet-instance-a';
      const session = { ...SERVER, clientId, clean: false };
      const server = await connect(session);
      await server.subscribeAsync('sl/v1/+/+/up', { qos: 1 });
      await server.endAsync();
      const d = await connect({ username: dev.deviceId, password: 'device-secret', clientId: dev.deviceId });
      const N = 3_000;
      for (let i = 0; i < N; i++) await d.publishAsync(uplinkTopic(TENANT, dev.deviceId), Buffer.from(`frame ${i}`), { qos: 1 });
      await d.endAsync();
      await stop(); // SIGTERM: Mosquitto writes its persistence file
      expect(existsSync(join(data, 'mosquitto.db'))).toBe(true);
      await start();
      const got = new Set<string>();
      const resumed = mqtt.connect(url, { ...session, protocolVersion: 4, reconnectPeriod: 0 });
      resumed.on('message', (_topic, payload) => got.add(payload.toString()));
      try {
        await waitFor(() => got.size >= N, 30_000, `${N} queued uplinks`, () => got.size);
        expect(got.size).toBe(N);
      } finally {
        await resumed.endAsync();
      }
    });

    // docs/deployment.md "Broker limits": Mosquitto 2.0.11 restores a persistent session from its persistence file
    // without its shared subscriptions, and says the session was kept: a server must subscribe again at every connection.
    it('after a restart, a restored session has its plain subscriptions but not its $share one until it subscribes again', async () => {
      const clientId = 'fleet-instance-b';
      const session = { ...SERVER, clientId, clean: false };
      const shared = '$share/fleet/sl/v1/+/+/up';
      const marker = 'sl/fleet/fleet/marker';
      const server = await connect(session);
      await server.subscribeAsync([shared, marker], { qos: 1 });
      await server.endAsync();
      await stop();
      await start();
      const got: string[] = [];
      const resumed = mqtt.connect(url, { ...session, protocolVersion: 4, reconnectPeriod: 0, resubscribe: false });
      resumed.on('message', (_topic, payload) => got.push(payload.toString()));
      const sessionPresent = await new Promise<boolean>((resolve) => resumed.once('connect', (ack) => resolve(ack.sessionPresent)));
      const d = await connect({ username: dev.deviceId, password: 'device-secret', clientId: dev.deviceId });
      const other = await connect({ ...SERVER, clientId: 'fleet-marker' });
      try {
        expect(sessionPresent).toBe(true);
        await d.publishAsync(uplinkTopic(TENANT, dev.deviceId), Buffer.from('before subscribing again'), { qos: 1 });
        // Published after the uplink was taken: once it arrives (plain subscription, restored), the uplink would have.
        await other.publishAsync(marker, Buffer.from('marker'), { qos: 1 });
        await waitFor(() => got.includes('marker'), 30_000, 'the marker on the restored plain subscription', () => got);
        expect(got).not.toContain('before subscribing again');
        await resumed.subscribeAsync(shared, { qos: 1 });
        await d.publishAsync(uplinkTopic(TENANT, dev.deviceId), Buffer.from('after subscribing again'), { qos: 1 });
        await waitFor(() => got.includes('after subscribing again'), 30_000, 'the uplink on the $share subscription made again', () => got);
      } finally {
        await Promise.all([d.endAsync(), other.endAsync(), resumed.endAsync()]);
      }
    });

    it('lets 1,000 messages be in flight to a client (Mosquitto\'s default: 20)', async () => {
      const raw = await RawClient.connect(port, SERVER.username, SERVER.password, 'fleet-raw');
      try {
        await raw.subscribe('sl/v1/#');
        const d = await connect({ username: dev.deviceId, password: 'device-secret', clientId: dev.deviceId });
        for (let i = 0; i < 1_500; i++) await d.publishAsync(uplinkTopic(TENANT, dev.deviceId), Buffer.from(`in flight ${i}`), { qos: 1 });
        await d.endAsync();
        // Everything the broker routed to the raw client before its PINGRESP is in the socket before it.
        await raw.ping();
        expect(raw.publishes).toBe(brokerLimits(1).maxInflightMessages);
      } finally {
        raw.close();
      }
    });
  });
});

/**
 * A minimal MQTT 3.1.1 client over a socket that never acknowledges what it receives: it counts the PUBLISH
 * packets the broker sends before waiting for PUBACKs (mqtt.js acknowledges on its own).
 */
class RawClient {
  publishes = 0;
  #buf = Buffer.alloc(0);
  #waiting = new Map<number, () => void>();

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.#buf = Buffer.concat([this.#buf, chunk]);
      for (;;) {
        let len = 0;
        let mul = 1;
        let i = 1;
        let byte = 0;
        do {
          if (i >= this.#buf.length) return;
          byte = this.#buf[i++] as number;
          len += (byte & 127) * mul;
          mul *= 128;
        } while (byte & 128);
        if (this.#buf.length < i + len) return;
        const type = (this.#buf[0] as number) >> 4;
        this.#buf = this.#buf.subarray(i + len);
        if (type === 3) this.publishes++;
        else this.#waiting.get(type)?.();
      }
    });
  }

  static async connect(port: number, username: string, password: string, clientId: string): Promise<RawClient> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('error', reject); });
    const c = new RawClient(socket);
    // CONNECT: protocol level 4, flags username + password + clean session, keep-alive 60 s.
    await c.#exchange(0x10, Buffer.concat([str('MQTT'), Buffer.from([4, 0xc2, 0, 60]), str(clientId), str(username), str(password)]), 2);
    return c;
  }

  subscribe(topic: string): Promise<void> {
    return this.#exchange(0x82, Buffer.concat([Buffer.from([0, 1]), str(topic), Buffer.from([1])]), 9);
  }

  ping(): Promise<void> {
    return this.#exchange(0xc0, Buffer.alloc(0), 13);
  }

  close(): void { this.socket.destroy(); }

  #exchange(header: number, body: Buffer, answer: number): Promise<void> {
    const done = new Promise<void>((resolve) => this.#waiting.set(answer, () => { this.#waiting.delete(answer); resolve(); }));
    const len: number[] = [];
    let n = body.length;
    do {
      let digit = n % 128;
      n = Math.floor(n / 128);
      if (n > 0) digit |= 128;
      len.push(digit);
    } while (n > 0);
    this.socket.write(Buffer.concat([Buffer.from([header, ...len]), body]));
    return done;
  }
}

function str(s: string): Buffer {
  const b = Buffer.from(s);
  return Buffer.concat([Buffer.from([b.length >> 8, b.length & 255]), b]);
}
