/**
 * MQTT over TLS, one setting away (issue 11): the embedded broker with MQTT_TLS_CERT/KEY listens with TLS only;
 * provisioning writes `mqtt_tls` and the CA into each identity; the firmware (on Node and inside XS) connects over
 * TLS and checks the broker's certificate against that CA. A board given another CA never connects; a plain MQTT
 * client is not served. Certificates are made here with openssl (a CA, and a server certificate for 127.0.0.1).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import mqtt from 'mqtt';
import { startFirmware, type Host } from '@streetlight/firmware';
import { SimBoard, VirtualClock, type FirmwareRuntime } from '@streetlight/hardware-sim';
import { settleNetwork } from '@streetlight/hardware-sim/testing';
import { build } from '@streetlight/fleet-server';
import { provisionDevice, provisionWith } from '@streetlight/fleet-server/testing';
import { pb } from '@streetlight/protocol';

const dir = mkdtempSync(join(tmpdir(), 'sl-tls-'));
const openssl = (...args: string[]): void => { execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' }); };

/** A CA, and a server certificate for 127.0.0.1 it signs; `name` prefixes the files. */
function makeCa(name: string): string {
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '3650', '-subj', `/CN=${name} test CA`,
    '-keyout', `${name}-ca.key`, '-out', `${name}-ca.pem`);
  return join(dir, `${name}-ca.pem`);
}

describe('MQTT over TLS between the controllers and the embedded broker', () => {
  const clock = new VirtualClock({ start: Date.parse('2026-11-23T18:00:00Z') });
  let app: Awaited<ReturnType<typeof build>>;
  const boards: SimBoard[] = [];

  beforeAll(async () => {
    const ca = makeCa('town');
    openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'broker.key', '-out', 'broker.csr');
    execFileSync('bash', ['-c', 'printf "subjectAltName=IP:127.0.0.1\\n" > san.ext'], { cwd: dir });
    openssl('x509', '-req', '-in', 'broker.csr', '-CA', 'town-ca.pem', '-CAkey', 'town-ca.key', '-CAcreateserial', '-days', '3650', '-extfile', 'san.ext', '-out', 'broker.pem');
    makeCa('rogue');
    app = await build({
      config: {
        dataDir: join(dir, 'data'), httpPort: 0, mqttPort: 0,
        mqttTlsCert: join(dir, 'broker.pem'), mqttTlsKey: join(dir, 'broker.key'), mqttTlsCa: ca, deviceBrokerCa: ca,
      },
      now: () => clock.now(), logger: false,
    });
  }, 120_000);
  afterAll(async () => {
    for (const b of boards) b.dispose();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const settle = (): Promise<void> => settleNetwork({
    idle: () => app.devices.idle(), progress: () => app.fleet.metrics.framesReceived + app.fleet.metrics.downlinksSent,
    describe: () => `virtual ${new Date(clock.now()).toISOString()}`,
  });
  const runFor = async (ms: number, until?: () => Promise<boolean>): Promise<void> => {
    for (const end = clock.now() + ms; clock.now() < end;) {
      clock.advance(1000);
      await settle();
      if (until && (await until())) return;
    }
  };

  it('provisions TLS identities with the CA, and the broker serves TLS only', async () => {
    expect(app.fleet.brokerUrl).toMatch(/^mqtts:\/\/127\.0\.0\.1:\d+$/);
    const d = await provisionDevice(app, 'sarlat', 'TLS-PROBE');
    const id = pb.DeviceIdentity.decode(d.identity);
    expect(id.mqttTls).toBe(true);
    expect(new X509Certificate(Buffer.from(id.mqttCa)).subject).toContain('town test CA');
    // A plain MQTT CONNECT on the TLS listener: the connection is closed, no CONNACK (0x20) ever comes back.
    const url = new URL(app.fleet.brokerUrl);
    const answer = await new Promise<Buffer>((resolve) => {
      const got: Buffer[] = [];
      const s = net.connect({ host: url.hostname, port: Number(url.port) }, () => {
        // CONNECT, MQTT 3.1.1, clean session, keep-alive 60 s, client id "x".
        s.write(Buffer.from([0x10, 13, 0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 2, 0, 60, 0, 1, 0x78]));
      });
      s.on('data', (b: Buffer) => got.push(b));
      s.on('error', () => undefined);
      s.on('close', () => resolve(Buffer.concat(got)));
    });
    expect(answer.includes(0x20) && answer[0] === 0x20).toBe(false);
    // The device's own account over TLS with the CA: served.
    const c = await mqtt.connectAsync(app.fleet.brokerUrl, { ...d.mqtt, reconnectPeriod: 0, ca: readFileSync(join(dir, 'town-ca.pem')) });
    await c.endAsync();
  });

  for (const runtime of ['node', 'xs'] as FirmwareRuntime[]) {
    it(`a board on ${runtime} connects over TLS and checks the broker against its CA; another CA never connects`, async () => {
      const good = await provisionDevice(app, 'sarlat', `TLS-${runtime}-1`);
      const broker = app.fleet.deviceBroker;
      const rogueCa = new Uint8Array(new X509Certificate(readFileSync(join(dir, 'rogue-ca.pem'))).raw);
      const fooled = await provisionWith(app.identities, 'sarlat', `TLS-${runtime}-2`, { broker: { ...broker, ca: rogueCa } });
      const make = (identity: Uint8Array): SimBoard => {
        const b = new SimBoard({ clock, identity, runtime, ...(runtime === 'node' ? { firmware: (host: Host) => startFirmware(host) } : {}) });
        boards.push(b);
        b.powerOn();
        return b;
      };
      const a = make(good.identity);
      const b = make(fooled.identity);
      await runFor(10 * 60_000, async () => (await app.repo.getDevice(a.deviceId))?.firmwareVersion !== undefined && a.online);
      expect(a.online).toBe(true);
      expect(await app.repo.getDevice(a.deviceId)).toMatchObject({ tenantId: 'sarlat', online: true });
      await runFor(2 * 60_000);
      expect(b.online).toBe(false);
      expect(await app.repo.getDevice(b.deviceId)).toBeUndefined();
    }, 300_000);
  }
});
