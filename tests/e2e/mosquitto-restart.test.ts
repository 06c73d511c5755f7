/**
 * The Mosquitto the chaos and several-instances suites restart (tests/lib/fleet-processes.ts) keeps what a
 * production broker keeps across a restart: a persistent session's subscription and the QoS 1 messages queued for
 * it while it was away. (Started as root, Mosquitto drops to its own user before saving its persistence file; a
 * folder that user cannot write made every restart start empty, silently.)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../lib/fleet-processes.js';

describe('the test Mosquitto across a restart', () => {
  let broker: Mosquitto;
  beforeAll(async () => { broker = await startMosquitto(); });
  afterAll(async () => { await broker.stop(); });

  it('keeps a persistent session and the QoS 1 messages queued for it', async () => {
    const clientId = `persistent-${process.pid}`;
    const session = await mqtt.connectAsync(broker.url, { clientId, clean: false, reconnectPeriod: 0 });
    await session.subscribeAsync('t/queued', { qos: 1 });
    await session.endAsync();

    const publisher = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    for (let i = 0; i < 5; i++) await publisher.publishAsync('t/queued', `m${i}`, { qos: 1 });
    await publisher.endAsync();

    await broker.restart();
    expect(existsSync(join(broker.persistenceDir, 'mosquitto.db')), 'the persistence file was written').toBe(true);

    const got: string[] = [];
    const back = mqtt.connect(broker.url, { clientId, clean: false, reconnectPeriod: 0 });
    back.on('message', (_topic, payload) => { got.push(payload.toString()); });
    const connack = await new Promise<mqtt.IConnackPacket>((resolve, reject) => { back.once('connect', resolve); back.once('error', reject); });
    expect(connack.sessionPresent).toBe(true);
    const deadline = Date.now() + 60_000;
    while (got.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await back.endAsync();
    expect(got).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });
});
