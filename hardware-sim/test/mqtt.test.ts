import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClientIO, MqttControlMessage, MqttReadableOptions } from '../../firmware/src/host.js';
import { createMqttClientClass, SimLink, SimMqttClient, type SimMqttClientClass, type SimMqttClientIO } from '../src/index.js';
import { startTestBroker as startBroker, type TestBroker } from '../src/testing.js';

const enc = (s: string): ArrayBuffer => new TextEncoder().encode(s).buffer as ArrayBuffer;
const dec = (b: ArrayBuffer): string => new TextDecoder().decode(b);

async function until(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timeout');
    await new Promise((r) => setTimeout(r, 5));
  }
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Recorder {
  events: string[];
  controls: MqttControlMessage[];
  readable: { count: number; options: MqttReadableOptions; data: string }[];
  thisOk: boolean;
}

function recorder(): Recorder & { callbacks: Record<string, unknown> } {
  const r: Recorder = { events: [], controls: [], readable: [], thisOk: true };
  let self: MqttClientIO | undefined;
  const check = (t: MqttClientIO): void => { if (self !== undefined && t !== self) r.thisOk = false; };
  return {
    ...r,
    get thisOk() { return r.thisOk; },
    callbacks: {
      onControl(this: MqttClientIO, msg: MqttControlMessage) { check(this); r.events.push(`control:${msg.operation}`); r.controls.push(msg); },
      onReadable(this: MqttClientIO, count: number, options: MqttReadableOptions) {
        check(this);
        r.events.push('readable');
        r.readable.push({ count, options, data: dec(this.read(count)) });
      },
      onWritable(this: MqttClientIO) { check(this); if (!r.events.includes('writable')) r.events.push('writable'); },
      onError(this: MqttClientIO) { check(this); r.events.push('error'); },
      onClose(this: MqttClientIO) { check(this); r.events.push('close'); },
    },
    bind(c: MqttClientIO) { self = c; },
  } as Recorder & { callbacks: Record<string, unknown>; bind(c: MqttClientIO): void };
}

let b: TestBroker;
const connectPackets: { clientId: string; protocolVersion: number; keepalive: number; clean: boolean; username?: string; password?: Buffer; will?: { topic: string; payload: Buffer; qos: number; retain: boolean } }[] = [];
const open: { close(): void }[] = [];
const externals: mqtt.MqttClient[] = [];

beforeAll(async () => {
  b = await startBroker();
  b.broker.preConnect = (_client, packet, callback) => {
    connectPackets.push(packet as unknown as (typeof connectPackets)[number]);
    callback(null, true);
  };
});
afterEach(() => {
  for (const c of open.splice(0)) c.close();
  for (const c of externals.splice(0)) c.end(true);
});
afterAll(async () => { await b.close(); });

function client(options: Record<string, unknown>, Class: SimMqttClientClass = SimMqttClient): SimMqttClientIO {
  const c = new Class({ host: b.host, port: b.port, id: `sim-${Math.random().toString(16).slice(2)}`, ...options });
  open.push(c);
  return c;
}

async function external(): Promise<mqtt.MqttClient> {
  const c = mqtt.connect({ host: b.host, port: b.port, protocolVersion: 4, reconnectPeriod: 0 });
  externals.push(c);
  await new Promise<void>((resolve) => c.once('connect', () => resolve()));
  return c;
}

describe('SimMqttClient against an embedded aedes broker', () => {
  it('connects with MQTT 3.1.1 and the given options, then reports CONNACK and onWritable', async () => {
    const r = recorder();
    const c = client({ id: 'dev-1', clean: false, keepalive: 30_000, user: 'u', password: 'p', ...r.callbacks,
      will: { topic: 'w/dev-1', message: enc('offline'), QoS: 1, retain: true } });
    (r as unknown as { bind(c: MqttClientIO): void }).bind(c);
    await until(() => r.events.includes('writable'));
    expect(r.events.slice(0, 2)).toEqual(['control:2', 'writable']);
    expect(r.controls[0]).toMatchObject({ operation: 2, returnCode: 0 });
    expect(c.connected).toBe(true);
    const p = connectPackets.find((x) => x.clientId === 'dev-1');
    expect(p).toMatchObject({ protocolVersion: 4, keepalive: 30, clean: false, username: 'u' });
    expect(String(p?.password)).toBe('p');
    expect(p?.will).toMatchObject({ topic: 'w/dev-1', qos: 1, retain: true });
    expect(String(p?.will?.payload)).toBe('offline');
    expect(r.thisOk).toBe(true);
  });

  it('publishes; QoS 1 PUBACKs come back through onControl with the ids given', async () => {
    const sub = await external();
    const got: { topic: string; payload: string; qos: number; retain: boolean }[] = [];
    sub.on('message', (topic, payload, packet) => got.push({ topic, payload: String(payload), qos: packet.qos, retain: packet.retain }));
    await sub.subscribeAsync('t/#', { qos: 1 });
    const r = recorder();
    const c = client(r.callbacks);
    await until(() => c.connected);
    expect(c.write(enc('a'), { topic: 't/a', QoS: 1, id: 7 })).toBeGreaterThan(0);
    c.write(new Uint8Array([98]), { topic: 't/b', QoS: 1, id: 8 });
    c.write(enc('c'), { topic: 't/c', QoS: 0 });
    await until(() => r.controls.filter((m) => m.operation === 4).length === 2 && got.length === 3);
    expect(r.controls.filter((m) => m.operation === 4).map((m) => m.id).sort()).toEqual([7, 8]);
    expect(got.map((g) => [g.topic, g.payload]).sort()).toEqual([['t/a', 'a'], ['t/b', 'b'], ['t/c', 'c']]);
    await sleep(30);
    expect(r.controls.filter((m) => m.operation === 4)).toHaveLength(2); // no PUBACK for QoS 0
  });

  it('the link observes what the board publishes (inside write) and each message delivered to it', async () => {
    const link = new SimLink();
    const published: string[] = [];
    const delivered: string[] = [];
    link.onPublish = (topic, payload) => published.push(`${topic}=${new TextDecoder().decode(payload)}`);
    link.onDeliver = (topic, payload) => delivered.push(`${topic}=${new TextDecoder().decode(payload)}`);
    const r = recorder();
    const c = client(r.callbacks, createMqttClientClass({ link }));
    await until(() => c.connected);
    c.write(null, { operation: 8, id: 1, items: [{ topic: 'obs/#', QoS: 1 }] });
    await until(() => r.controls.some((m) => m.operation === 9));
    c.write(enc('up'), { topic: 'obs/up', QoS: 1 });
    expect(published).toEqual(['obs/up=up']); // synchronously, in the caller's turn
    await until(() => delivered.length === 1);
    expect(delivered).toEqual(['obs/up=up']);
    expect(r.readable.map((m) => m.data)).toEqual(['up']); // delivered after the firmware read it
  });

  it('subscribes (SUBACK with id and granted QoS), announces PUBLISH with onReadable and reads it', async () => {
    const r = recorder();
    const c = client(r.callbacks);
    await until(() => c.connected);
    c.write(null, { operation: 8, id: 42, items: [{ topic: 'down/+', QoS: 1 }] });
    await until(() => r.controls.some((m) => m.operation === 9));
    const suback = r.controls.find((m) => m.operation === 9) as MqttControlMessage;
    expect(suback.id).toBe(42);
    expect([...new Uint8Array(suback.payload as ArrayBuffer)]).toEqual([1]);
    const pub = await external();
    await pub.publishAsync('down/x', 'hello', { qos: 1 });
    await pub.publishAsync('down/y', 'world', { qos: 0 });
    await until(() => r.readable.length === 2);
    expect(r.readable[0]).toEqual({ count: 5, options: { more: false, topic: 'down/x', QoS: 1, byteLength: 5 }, data: 'hello' });
    expect(r.readable[1]).toMatchObject({ options: { topic: 'down/y', QoS: 0 }, data: 'world' });
  });

  it('announces the next message only once the current one is fully read', async () => {
    const reads: string[] = [];
    let held: (() => void) | undefined;
    const c = client({
      onReadable(this: MqttClientIO, count: number, options: MqttReadableOptions) {
        reads.push(`announce:${options.topic}:${count}`);
        reads.push(dec(this.read(2)));
        held = () => { reads.push(dec(this.read(100))); };
      },
    });
    await until(() => c.connected);
    c.write(null, { operation: 8, items: [{ topic: 'q/#', QoS: 0 }] });
    await sleep(30);
    const pub = await external();
    pub.publish('q/1', 'abcd');
    pub.publish('q/2', 'efgh');
    await until(() => reads.length === 2);
    await sleep(30);
    expect(reads).toEqual(['announce:q/1:4', 'ab']);
    held?.();
    await until(() => reads.length === 5);
    expect(reads).toEqual(['announce:q/1:4', 'ab', 'cd', 'announce:q/2:4', 'ef']);
  });

  it('throws on write before CONNACK and after close', async () => {
    const c = client({});
    expect(() => c.write(enc('x'), { topic: 't', QoS: 0 })).toThrow(/not connected/);
    await until(() => c.connected);
    c.close();
    expect(() => c.write(enc('x'), { topic: 't', QoS: 0 })).toThrow(/closed/);
    expect(() => c.read(1)).toThrow(/closed/);
  });

  it('makes no callback at all after close()', async () => {
    const r = recorder();
    const early = client(r.callbacks);
    early.close(); // before CONNACK
    const r2 = recorder();
    const c = client(r2.callbacks);
    await until(() => c.connected);
    c.write(null, { operation: 8, id: 1, items: [{ topic: 'z/#', QoS: 1 }] });
    c.write(enc('x'), { topic: 'z/1', QoS: 1, id: 2 });
    const n = r2.events.length;
    c.close();
    const pub = await external();
    await pub.publishAsync('z/2', 'late', { qos: 1 });
    await sleep(100);
    expect(r.events).toEqual([]);
    expect(r2.events.length).toBe(n);
  });

  it('close() drops the connection without DISCONNECT, so the broker publishes the will', async () => {
    const watcher = await external();
    const wills: string[] = [];
    watcher.on('message', (_t, p) => wills.push(String(p)));
    await watcher.subscribeAsync('will/#', { qos: 1 });
    const c = client({ will: { topic: 'will/dev', message: enc('gone'), QoS: 1, retain: false } });
    await until(() => c.connected);
    c.close();
    await until(() => wills.length === 1);
    expect(wills).toEqual(['gone']);
  });

  it('link down: onError then onClose once; no connection until the link is up again', async () => {
    const link = new SimLink();
    const Client = createMqttClientClass({ link });
    const r = recorder();
    const c = client(r.callbacks, Client);
    await until(() => c.connected);
    let clients = 0;
    const onClient = (): void => { clients++; };
    b.broker.on('client', onClient);
    link.down();
    await until(() => r.events.includes('close'));
    await sleep(30);
    expect(r.events.filter((e) => e === 'error' || e === 'close')).toEqual(['error', 'close']);
    expect(c.connected).toBe(false);
    expect(() => c.write(enc('x'), { topic: 't' })).toThrow();

    const r2 = recorder();
    const retry = client(r2.callbacks, Client);
    await until(() => r2.events.includes('close'));
    expect(r2.events).toEqual(['error', 'close']);
    expect(retry.connected).toBe(false);
    await sleep(50);
    expect(clients).toBe(0);

    link.up();
    const again = client({}, Client);
    await until(() => again.connected);
    expect(clients).toBe(1);
    expect(link.attempts).toBe(3);
    b.broker.off('client', onClient);
  });

  it('a connection lost on the broker side is reported once', async () => {
    const r = recorder();
    const c = client({ id: 'kick-me', ...r.callbacks });
    await until(() => c.connected);
    const server = (b.broker as unknown as { clients: Record<string, { close(): void }> }).clients['kick-me'];
    server?.close();
    await until(() => r.events.includes('close'));
    await sleep(50);
    expect(r.events.filter((e) => e === 'close')).toHaveLength(1);
  });

  it('connects from the link\'s source address (large fleets spread over 127.0.0.x)', async () => {
    const addresses: string[] = [];
    const onClient = (c: { conn: { remoteAddress?: string } }): void => { addresses.push(c.conn.remoteAddress ?? ''); };
    b.broker.on('client', onClient as never);
    const c = client({}, createMqttClientClass({ link: new SimLink({ localAddress: '127.0.0.2' }) }));
    await until(() => c.connected);
    b.broker.off('client', onClient as never);
    expect(addresses).toContain('127.0.0.2');
  });

  it('adds the link latency to each direction', async () => {
    const link = new SimLink({ latencyMs: 80 });
    const c = client({}, createMqttClientClass({ link }));
    const t0 = Date.now();
    await until(() => c.connected);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(75);
  });

  it('routes an exception thrown by a callback to onException, not into mqtt.js', async () => {
    const errors: unknown[] = [];
    const Client = createMqttClientClass({ onException: (e) => errors.push(e) });
    const c = client({ onControl() { throw new Error('firmware bug'); } }, Client);
    await until(() => errors.length === 1);
    expect((errors[0] as Error).message).toBe('firmware bug');
    expect(c.connected).toBe(true);
  });
});

describe('SimMqttClient against the local Mosquitto (127.0.0.1:1883)', () => {
  it('connects, subscribes, receives its own QoS 1 publish and gets the PUBACK', async () => {
    const r = recorder();
    const id = `sim-mosq-${process.pid}-${Date.now()}`;
    const c = new SimMqttClient({ host: '127.0.0.1', port: 1883, id, keepalive: 10_000, ...r.callbacks });
    open.push(c);
    await until(() => c.connected);
    const topic = `streetlight-sim-test/${id}`;
    c.write(null, { operation: 8, id: 5, items: [{ topic, QoS: 1 }] });
    await until(() => r.controls.some((m) => m.operation === 9));
    c.write(enc('hi mosquitto'), { topic, QoS: 1, id: 6 });
    await until(() => r.readable.length === 1 && r.controls.some((m) => m.operation === 4));
    expect(r.readable[0]).toMatchObject({ options: { topic, QoS: 1, more: false }, data: 'hi mosquitto' });
    expect(r.controls.find((m) => m.operation === 4)?.id).toBe(6);
  });
});
