/**
 * Issue 11 (security by design), the attacks on the embedded broker, each played through real MQTT clients (and a
 * raw TCP socket for the oversized packet) against a real app: anyone may reach the broker's port, so
 *  1. anonymous clients and wrong passwords are refused at CONNECT; a provisioned device may subscribe only to its
 *     own `down` (negative SUBACK otherwise) and publish only its own `up` (never retained) and `status`;
 *  2. no client takes a device's session over with its client id, and a device's client id is its username;
 *  3. a packet announcing 100 MiB closes the connection before the broker buffers it;
 *  4. an unprovisioned identity registers nothing; a revoked device is disconnected and refused from then on;
 *  5. nobody but the device publishes its (retained) presence: no spoofed "offline".
 * Before the device identity change (f285d0c) the broker accepted every client and every topic, and aedes' parser
 * held a whole packet of up to 256 MiB in memory: each of these tests failed there.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { FastifyInstance } from 'fastify';
import {
  decodePresenceFrame, downlinkTopic, encodePresence, encodeUplink, statusTopic, uplinkTopic,
} from '@streetlight/protocol';
import { build } from '../src/app.js';
import { MAX_PACKET_BYTES } from '../src/mqtt/broker.js';
import { brokerObserver, provisionDevice, type TestDevice } from '../src/testing.js';
import { tempDir, waitFor } from './helpers.js';

const TENANT = 'lyon';
const MiB = 1024 * 1024;

type Credentials = Pick<IClientOptions, 'username' | 'password' | 'clientId'>;

/** A device (or observer) connection and what it saw. */
interface Session {
  client: MqttClient;
  messages: Array<{ topic: string; payload: Buffer; retain: boolean }>;
  closed: boolean;
}

describe('embedded broker security (issue 11)', { timeout: 60_000 }, () => {
  let app: FastifyInstance;
  const clients: MqttClient[] = [];
  /** The server account watching all device traffic of the town, as an operator tool would. */
  let observer: Session;

  const connect = async (o: Credentials): Promise<MqttClient> => {
    // allowRetries false: a connection closed without a CONNACK rejects too.
    const client = await mqtt.connectAsync(app.fleet.brokerUrl, { ...o, clean: true, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 20_000 }, false);
    client.on('error', () => undefined); // a connection the broker closes may end with ECONNRESET
    clients.push(client);
    return client;
  };
  const session = async (o: Credentials, subscribe: string[] = []): Promise<Session> => {
    const client = await connect(o);
    const s: Session = { client, messages: [], closed: false };
    client.on('message', (topic, payload, packet) => s.messages.push({ topic, payload, retain: packet.retain }));
    client.on('close', () => { s.closed = true; });
    for (const topic of subscribe) await client.subscribeAsync(topic, { qos: 1 });
    return s;
  };
  /** A provisioned device's own session, subscribed to its `down`. */
  const deviceSession = (d: TestDevice): Promise<Session> => session(d.mqtt, [downlinkTopic(d.tenant, d.deviceId)]);
  /** The CONNACK return code a CONNECT gets (0 when accepted; the connection is then closed). */
  const connack = async (o: Credentials): Promise<number> => {
    try {
      const c = await connect(o);
      await c.endAsync();
      return 0;
    } catch (err) {
      return (err as { code?: number }).code ?? -1;
    }
  };
  /** Publishes what the broker must refuse: it closes the connection (MQTT 3.1.1 has no negative PUBACK). */
  const publishRefused = async (s: Session, topic: string, payload: Uint8Array, retain = false): Promise<void> => {
    s.client.publish(topic, Buffer.from(payload), { qos: 1, retain }, () => undefined); // never acknowledged
    await waitFor(() => s.closed, 20_000, `connection closed after the publish to ${topic}`);
  };
  const rejected = (reason: string): number => app.fleet.metrics.framesRejected.get(reason) ?? 0;
  const received = (): number => app.fleet.metrics.framesReceived;
  const provision = (id: string, tenant = TENANT): Promise<TestDevice> => provisionDevice(app, tenant, id);
  let seq = 0;
  /** A device registers itself with its (sealed) Hello; resolves once the server has it. */
  const hello = async (s: Session, d: TestDevice): Promise<void> => {
    await s.client.publishAsync(uplinkTopic(d.tenant, d.deviceId), Buffer.from(d.uplink({ seq: ++seq, hello: { firmwareVersion: '1.0.0', hardwareModel: 'esp32' } })), { qos: 1 });
    await waitFor(async () => (await app.repo.getDevice(d.deviceId))?.firmwareVersion === '1.0.0', 20_000, `${d.deviceId} registered`);
  };
  /**
   * A legitimate frame after the attacks: once the server (and the observer) got it, anything the broker had let
   * through before it would have arrived too.
   */
  const marker = async (s: Session, d: TestDevice, level: number): Promise<void> => {
    const frame = Buffer.from(d.uplink({ seq: ++seq, state: { level, targetLevel: level } }));
    await s.client.publishAsync(uplinkTopic(d.tenant, d.deviceId), frame, { qos: 1 });
    await waitFor(async () => (await app.repo.getDevice(d.deviceId))?.level === level, 20_000, `${d.deviceId} at level ${level}`);
    await waitFor(() => observer.messages.some((m) => m.payload.equals(frame)), 20_000, 'the observer saw the marker');
  };
  const seenByObserver = (payload: Uint8Array): boolean => observer.messages.some((m) => m.payload.equals(Buffer.from(payload)));

  beforeAll(async () => {
    app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false });
    observer = await session(brokerObserver(app, 'security-spy'), ['sl/v1/#']);
  });
  afterAll(async () => {
    for (const c of clients) c.end(true);
    await app?.close();
  });

  it('1. refuses anonymous clients and wrong passwords; a device subscribes only to its own down and publishes only its own up, never retained', async () => {
    const a = await provision('sec-a');
    const b = await provision('sec-b');
    const refusedConnects = rejected('broker_connect');
    expect(await connack({ clientId: 'sec-a' })).toBe(5); // anonymous (not authorized)
    expect(await connack({ clientId: 'anyone' })).toBe(5);
    expect(await connack({ ...b.mqtt, password: 'not-the-password' })).toBe(4); // bad username or password
    expect(await connack({ ...b.mqtt, password: a.mqtt.password })).toBe(4); // another device's password
    expect(rejected('broker_connect') - refusedConnects).toBe(4);

    const sa = await deviceSession(a);
    const sb = await deviceSession(b);
    await hello(sa, a);
    // Subscriptions outside its own down: a negative SUBACK (granted QoS 128) each; the connection stays.
    const refusedSubs = rejected('broker_subscribe');
    for (const filter of ['#', downlinkTopic(TENANT, 'sec-b'), 'sl/v1/+/+/up']) {
      await expect(sa.client.subscribeAsync(filter, { qos: 1 }), filter).rejects.toMatchObject({ packet: { cmd: 'suback', granted: [128] } });
    }
    expect(rejected('broker_subscribe') - refusedSubs).toBe(3);
    expect(sa.closed).toBe(false);
    // B's downlinks (answers to its Hello) reach B, and nothing of them reaches A.
    await hello(sb, b);
    await waitFor(() => sb.messages.some((m) => m.topic === downlinkTopic(TENANT, 'sec-b') && b.authentic(m.payload)), 20_000, 'B got its downlinks');
    expect(sa.messages.filter((m) => m.topic !== downlinkTopic(TENANT, 'sec-a'))).toEqual([]);

    // Publishes outside its own up (or retained on it): refused, the connection closed, nothing forwarded.
    const before = { received: received(), refused: rejected('broker_publish'), bLevel: (await app.repo.getDevice('sec-b'))?.level };
    const attacks: Array<{ topic: string; payload: Uint8Array; retain?: boolean }> = [
      // B's uplink, as A would forge it.
      { topic: uplinkTopic(TENANT, 'sec-b'), payload: a.seal(encodeUplink({ protocolVersion: 1, deviceId: 'sec-b', seq: 900, state: { level: 7 } })) },
      // A downlink to B, and one to A itself: only the server sends downlinks.
      { topic: downlinkTopic(TENANT, 'sec-b'), payload: Buffer.from('forged downlink to B') },
      { topic: downlinkTopic(TENANT, 'sec-a'), payload: Buffer.from('forged downlink to A') },
      // Its own up, retained (every later subscriber would get it).
      { topic: uplinkTopic(TENANT, 'sec-a'), payload: a.uplink({ seq: 901, state: { level: 8 } }), retain: true },
    ];
    for (const x of attacks) {
      const s = await deviceSession(a);
      await publishRefused(s, x.topic, x.payload, x.retain);
    }
    expect(rejected('broker_publish') - before.refused).toBe(4);
    const sa2 = await deviceSession(a);
    await marker(sa2, a, 42);
    expect(received() - before.received).toBe(1); // the marker alone
    for (const x of attacks) expect(seenByObserver(x.payload), x.topic).toBe(false);
    expect(sb.messages.filter((m) => !b.authentic(m.payload))).toEqual([]); // B got no forged downlink
    expect(sa2.messages.filter((m) => !a.authentic(m.payload))).toEqual([]); // nor A a forged one
    expect((await app.repo.getDevice('sec-b'))?.level).toBe(before.bLevel);
    // No retained frame on A's up: a new subscriber gets the next live frame first.
    const late = await session(brokerObserver(app, 'late'), [uplinkTopic(TENANT, 'sec-a')]);
    await marker(sa2, a, 43);
    await waitFor(() => late.messages.length > 0, 20_000, 'the late subscriber got the marker');
    expect(late.messages.map((m) => m.retain)).toEqual([false]);
  });

  it('2. a device\'s session cannot be taken over with its client id, and a device\'s client id is its username', async () => {
    const a = await provision('take-a');
    const b = await provision('take-b');
    const sa = await deviceSession(a);
    await hello(sa, a);
    // B's valid credentials with A's client id (aedes would close A's session for the newcomer).
    expect(await connack({ username: b.mqtt.username, password: b.mqtt.password, clientId: 'take-a' })).toBe(5);
    // The server account with a device's client id, anonymous with it: refused as well.
    const server = brokerObserver(app, 'x');
    expect(await connack({ username: server.username, password: server.password, clientId: 'take-a' })).toBe(4);
    expect(await connack({ clientId: 'take-a' })).toBe(5);
    // A stays connected and served.
    expect(sa.closed).toBe(false);
    expect(sa.client.connected).toBe(true);
    await marker(sa, a, 11);
    // A device account under another client id.
    expect(await connack({ ...b.mqtt, clientId: 'take-b-2' })).toBe(5);
    expect(await connack({ ...b.mqtt, clientId: `${server.username}-take-b` })).toBe(5);
    expect(await connack(b.mqtt)).toBe(0); // its own id: accepted
  });

  it('3. a PUBLISH announcing 100 MiB gets the connection closed before the broker buffers it', async () => {
    const d = await provision('big-1');
    const { hostname, port } = new URL(app.fleet.brokerUrl);
    const socket = net.connect({ host: hostname, port: Number(port) });
    let closed = false;
    let socketError: string | undefined;
    socket.on('close', () => { closed = true; });
    socket.on('error', (err) => { socketError = (err as NodeJS.ErrnoException).code ?? err.message; });
    await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
    const incoming: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => incoming.push(chunk));
    socket.write(connectPacket(d.mqtt.clientId, d.mqtt.username, d.mqtt.password));
    await waitFor(() => Buffer.concat(incoming).length >= 4, 20_000, 'CONNACK');
    expect([...Buffer.concat(incoming).subarray(0, 4)]).toEqual([0x20, 0x02, 0x00, 0x00]); // accepted

    const oversizedBefore = rejected('broker_oversized');
    const topic = Buffer.from(uplinkTopic(TENANT, 'big-1'));
    const total = 100 * MiB;
    const header = Buffer.concat([Buffer.from([0x30]), varint(total), Buffer.from([topic.length >> 8, topic.length & 0xff]), topic]);
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    let sent = 0;
    socket.write(header);
    sent += header.length;
    // Stream the body as a client would, as fast as the socket takes it, until the broker closes the connection.
    while (!closed && !socket.destroyed && sent < total + 2) {
      const ok = socket.write(chunk);
      sent += chunk.length;
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      if (!ok) {
        await new Promise<void>((resolve) => {
          const done = (): void => { socket.off('drain', done); socket.off('close', done); resolve(); };
          socket.on('drain', done);
          socket.on('close', done);
        });
      }
    }
    await waitFor(() => closed, 20_000, 'the broker closed the connection');
    await waitFor(() => rejected('broker_oversized') > oversizedBefore, 20_000, 'oversized packet counted');
    const rssAfter = process.memoryUsage().rss;
    rssPeak = Math.max(rssPeak, rssAfter);
    const grew = (rssPeak - rssBefore) / MiB;
    console.log(`100 MiB PUBLISH on the embedded broker: connection closed after ${(sent / MiB).toFixed(2)} MiB written by the client`
      + `${socketError ? ` (${socketError})` : ''}; process RSS ${(rssBefore / MiB).toFixed(1)} MiB before, peak +${grew.toFixed(1)} MiB,`
      + ` after +${((rssAfter - rssBefore) / MiB).toFixed(1)} MiB (limit ${MAX_PACKET_BYTES} B a packet)`);
    expect(sent).toBeLessThan(total); // closed well before the end of the packet
    expect(grew).toBeLessThan(50);
    expect(rejected('broker_oversized') - oversizedBefore).toBe(1);
    expect(await app.repo.getDevice('big-1')).toBeUndefined();
    // The broker still serves the device on a new connection.
    const s = await deviceSession(d);
    await hello(s, d);
  });

  it('4. an unprovisioned identity registers nothing; a revoked device is disconnected and refused at its next CONNECT', async () => {
    const refusedConnects = rejected('broker_connect');
    // A squatter with a valid Hello but no credential: the broker refuses it whatever it tries.
    expect(await connack({ clientId: 'squat-1' })).toBe(5);
    expect(await connack({ username: 'squat-1', password: 'guess', clientId: 'squat-1' })).toBe(4);
    expect(rejected('broker_connect') - refusedConnects).toBe(2);
    // Its Hello delivered anyway (a broker without ACL, as the machine's anonymous Mosquitto): counted, dropped.
    const unknown = rejected('unknown_device');
    await app.devices.handleMessage(uplinkTopic('evil', 'squat-1'),
      encodeUplink({ protocolVersion: 1, deviceId: 'squat-1', seq: 1, hello: { firmwareVersion: '6.6.6', hardwareModel: 'esp32' } }));
    await app.devices.idle();
    expect(rejected('unknown_device') - unknown).toBe(1);
    expect(await app.repo.getDevice('squat-1')).toBeUndefined();
    expect(await app.repo.getTenant('evil')).toBeUndefined();

    const r = await provision('rev-1');
    const sr = await deviceSession(r);
    await hello(sr, r);
    expect(await app.identities.revoke('rev-1')).toBe(true);
    await waitFor(() => sr.closed, 20_000, 'the revoked device disconnected');
    expect(await connack(r.mqtt)).toBe(4);
    // Its frames are refused too, should they arrive by another way.
    const revoked = rejected('revoked');
    await app.devices.handleMessage(uplinkTopic(TENANT, 'rev-1'), r.uplink({ seq: ++seq, state: { level: 99 } }));
    expect(rejected('revoked') - revoked).toBe(1);
    expect((await app.repo.getDevice('rev-1'))?.level).not.toBe(99);
  });

  it('5. nobody but the device publishes its retained presence: a spoofed "offline" is refused', async () => {
    const a = await provision('pres-a');
    const b = await provision('pres-b');
    const sa = await deviceSession(a);
    await hello(sa, a);
    const genuine = encodePresence({ online: true, bootCount: 3 });
    await sa.client.publishAsync(statusTopic(TENANT, 'pres-a'), Buffer.from(genuine), { qos: 1, retain: true });
    await waitFor(async () => {
      const d = await app.repo.getDevice('pres-a');
      return d?.online === true && d.bootCount === 3; // its presence handled (the Hello said online already)
    }, 20_000, 'A online');
    const before = { received: received(), refused: rejected('broker_publish') };
    const offline = encodePresence({ online: false }); // zero bytes: also what clearing the retained message looks like
    // Another device, and the server account, publish A's presence: refused, connection closed.
    await publishRefused(await deviceSession(b), statusTopic(TENANT, 'pres-a'), offline, true);
    await publishRefused(await session(brokerObserver(app, 'spoof')), statusTopic(TENANT, 'pres-a'), offline, true);
    await publishRefused(await deviceSession(b), statusTopic(TENANT, 'pres-a'), offline, false);
    expect(rejected('broker_publish') - before.refused).toBe(3);
    await marker(sa, a, 21);
    expect(received() - before.received).toBe(1); // the marker alone
    expect((await app.repo.getDevice('pres-a'))?.online).toBe(true);
    // The retained presence is still A's own.
    const late = await session(brokerObserver(app, 'late-presence'), [statusTopic(TENANT, 'pres-a')]);
    const retained = await waitFor(() => late.messages.find((m) => m.retain), 20_000, 'the retained presence');
    expect(decodePresenceFrame(retained.payload)).toMatchObject({ ok: true, message: { online: true, bootCount: 3 } });
  });
});

/** MQTT remaining-length encoding. */
function varint(n: number): Buffer {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
}

/** A CONNECT packet (MQTT 3.1.1, clean session, username and password). */
function connectPacket(clientId: string, username: string, password: string): Buffer {
  const str = (s: string): Buffer => {
    const b = Buffer.from(s, 'utf8');
    return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  };
  const body = Buffer.concat([str('MQTT'), Buffer.from([4, 0xc2, 0, 60]), str(clientId), str(username), str(password)]);
  return Buffer.concat([Buffer.from([0x10]), varint(body.length), body]);
}
