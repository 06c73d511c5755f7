/**
 * The ACL of docs/deployment.md ("A syndicate: many towns, several instances") keeps devices off the topic between
 * fleet-server instances: Mosquitto (started here on a free port, password file + acl_file exactly as documented)
 * with the server logged in as `fleet` and a device logged in under its device id. The device's own topics work;
 * what it publishes on `sl/fleet/<group>/ota` never reaches the server, even under the id `ota` (which a
 * `sl/v1/+/%u/#` pattern would have let write a topic like `sl/v1/_fleet/ota`); the server's own account does
 * reach it there (counted as a rejected relay message, since it is garbage).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { build, generateSigningKey } from '@streetlight/fleet-server';
import { encodeUplink, uplinkTopic } from '@streetlight/protocol';
import { freePort } from '../lib/fleet-processes.js';
import type { App } from './ota-harness.js';

/** The ACL file of docs/deployment.md. */
const DOCUMENTED_ACL = [
  '# the fleet servers: every device topic, and the topic between instances',
  'user fleet',
  'topic readwrite sl/v1/#',
  'topic readwrite sl/fleet/#',
  '',
  '# a device (username = its device id): its own topics only',
  'pattern readwrite sl/v1/+/%u/#',
  '',
].join('\n');

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Mosquitto ACL: devices cannot publish on the topic between instances', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-acl-'));
  const group = `acl-${randomUUID().slice(0, 8)}`;
  const tenant = `acl-${randomUUID().slice(0, 8)}`;
  let proc: ChildProcess | undefined;
  let url = '';
  let app: App;

  beforeAll(async () => {
    const port = await freePort();
    url = `mqtt://127.0.0.1:${port}`;
    const pw = join(dir, 'passwd');
    writeFileSync(pw, '');
    for (const [user, pass] of [['fleet', 'fleet-secret'], ['ota', 'dev-secret'], ['SL-0001', 'dev-secret']]) {
      const r = spawnSync(process.env.MOSQUITTO_PASSWD_BIN ?? '/usr/bin/mosquitto_passwd', ['-b', pw, user as string, pass as string]);
      expect(r.status, String(r.stderr)).toBe(0);
    }
    writeFileSync(join(dir, 'acl'), DOCUMENTED_ACL);
    writeFileSync(join(dir, 'mosquitto.conf'), [
      `listener ${port} 127.0.0.1`, 'allow_anonymous false', `password_file ${pw}`, `acl_file ${join(dir, 'acl')}`, 'log_dest none', '',
    ].join('\n'));
    // Mosquitto started as root drops to the `mosquitto` user before reading the password file.
    chmodSync(dir, 0o755);
    for (const f of ['passwd', 'acl']) chmodSync(join(dir, f), 0o644);
    proc = spawn(process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
    for (const end = Date.now() + 60_000; ;) {
      try {
        const c = await mqtt.connectAsync(url, { username: 'fleet', password: 'fleet-secret', reconnectPeriod: 0 });
        await c.endAsync();
        break;
      } catch (err) {
        if (Date.now() > end) throw err; // Mosquitto not listening after a minute
        await sleep(50);
      }
    }
    generateSigningKey(join(dir, 'ota.pem'));
    app = await build({
      config: {
        dataDir: dir, httpPort: 0, mqttUrl: url, mqttUsername: 'fleet', mqttPassword: 'fleet-secret', mqttShareGroup: group,
        otaSigningKey: join(dir, 'ota.pem'), otaLeaseS: 2,
      },
      logger: false,
    });
    expect(app.ota.role).toBe('leader'); // alone: it holds the lease and listens on the topic between instances
  });
  afterAll(async () => {
    await app?.close();
    if (proc && proc.exitCode === null) await new Promise<void>((r) => { proc?.once('exit', () => r()); proc?.kill('SIGTERM'); });
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets a device use its own topics and nothing of the instances\' topic; the server account reaches it', async () => {
    const relay = `sl/fleet/${group}/ota`;
    const badRelay = (): number => app.fleet.metrics.framesRejected.get('bad_relay') ?? 0;
    for (const deviceId of ['SL-0001', 'ota']) {
      const device = await mqtt.connectAsync(url, { clientId: deviceId, username: deviceId, password: 'dev-secret', protocolVersion: 4, reconnectPeriod: 0 });
      try {
        if (deviceId === 'SL-0001') {
          await device.publishAsync(uplinkTopic(tenant, deviceId), Buffer.from(encodeUplink({ protocolVersion: 1, deviceId, seq: 1, hello: { firmwareVersion: '1.0.0' } })), { qos: 1 });
          for (const end = Date.now() + 60_000; Date.now() < end && !(await app.repo.getDevice(deviceId));) await sleep(20);
          expect(await app.repo.getDevice(deviceId), 'a device may publish its uplinks').toMatchObject({ tenantId: tenant });
        }
        // Mosquitto acknowledges a denied QoS 1 publish (MQTT 3.1.1 has no way to refuse) and drops it.
        await device.publishAsync(relay, Buffer.from('forged by a device'), { qos: 1 });
        await device.publishAsync(`sl/v1/_fleet/ota`, Buffer.from('forged by a device'), { qos: 1 });
      } finally {
        await device.endAsync();
      }
    }
    // Nothing of the devices reached the server: the server account's frame below, published after the devices'
    // publishes were acknowledged, is the first and only one the server rejects (one broker, delivered in order).
    const server = await mqtt.connectAsync(url, { username: 'fleet', password: 'fleet-secret', protocolVersion: 4, reconnectPeriod: 0 });
    try {
      await server.publishAsync(relay, Buffer.from('garbage from the server account'), { qos: 1 });
    } finally {
      await server.endAsync();
    }
    for (const end = Date.now() + 60_000; Date.now() < end && badRelay() === 0;) await sleep(20);
    expect(badRelay()).toBe(1);
  });
});
