/**
 * FrameLedger (testing.ts): virtual time waits for the frames in flight between a board and the other end of
 * its MQTT link. A slow network (the link's real latency, standing for a loaded machine) must not make a board
 * miss an answer by virtual time running ahead; what is lost is not awaited for ever.
 */
import mqtt from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MqttClientIO } from '../../firmware/src/host.js';
import { SimBoard, VirtualClock, type FirmwareFactory } from '../src/index.js';
import { FrameLedger, startTestBroker, type TestBroker } from '../src/testing.js';

const DOWN = 't1/SRL-LDG-1/down';
const UP = 't1/SRL-LDG-1/up';

/** Firmware that answers every downlink with the same bytes on its uplink topic. */
const echo: FirmwareFactory = (host) => {
  const { io } = host.device.network.mqtt;
  new io({
    host: broker.host, port: broker.port, id: 'SRL-LDG-1', keepalive: 60_000,
    onControl(this: MqttClientIO, m) {
      if (m.operation === 2) this.write(null, { operation: 8, id: 1, items: [{ topic: DOWN, QoS: 1 }] });
    },
    onReadable(this: MqttClientIO, count) {
      const bytes = this.read(count);
      this.write(bytes, { topic: UP, QoS: 1, id: 2 });
    },
    onError() {},
    onClose() {},
  });
  return { stop() {} };
};

let broker: TestBroker;
let peer: mqtt.MqttClient;
let clock: VirtualClock;
let board: SimBoard;
let ledger: FrameLedger;
let echoes: number;
let subscribed: boolean;

beforeEach(async () => {
  broker = await startTestBroker();
  subscribed = false;
  broker.broker.on('subscribe', (subs) => { if (subs.some((s) => s.topic === DOWN)) subscribed = true; });
  peer = await mqtt.connectAsync(`mqtt://${broker.host}:${broker.port}`, { reconnectPeriod: 0 });
  await peer.subscribeAsync(UP, { qos: 1 });
  echoes = 0;
  ledger = new FrameLedger(300);
  peer.on('message', () => { ledger.received('SRL-LDG-1'); echoes++; });
  clock = new VirtualClock({ start: Date.parse('2026-11-23T20:00:00Z') });
  board = new SimBoard({ clock, deviceId: 'SRL-LDG-1', tenant: 't1', mqtt: { host: broker.host, port: broker.port }, firmware: echo });
  ledger.watch(board);
  board.powerOn();
  await clock.waitFor(() => board.online && subscribed);
});

afterEach(async () => {
  board.dispose();
  await peer.endAsync(true);
  await broker.close();
});

async function send(bytes: Uint8Array): Promise<void> {
  ledger.sent('SRL-LDG-1');
  await peer.publishAsync(DOWN, Buffer.from(bytes), { qos: 1 });
}

describe('FrameLedger', () => {
  it('holds virtual time while a downlink and its answer cross a slow network', async () => {
    board.link.latencyMs = 150; // every hop inside the board's client waits this long in real time
    const t0 = clock.now();
    await send(new Uint8Array([1, 2, 3]));
    expect(ledger.quiet()).toBe(false);
    // Five virtual seconds are five event-loop turns: far less than the round trip, without the ledger.
    await expect(clock.runUntil(() => echoes === 1, { timeoutMs: 5_000, settled: () => true })).rejects.toThrow(/still false/);
    await clock.waitFor(() => echoes === 1); // let it land before the real check
    const t1 = clock.now();
    await send(new Uint8Array([4, 5, 6]));
    await expect(clock.runUntil(() => echoes === 2, { timeoutMs: 5_000 })).resolves.toBe(t1); // the clock's own `settled`
    expect(t1 - t0).toBe(5_000);
    expect(ledger.quiet()).toBe(true);
    expect(ledger.lost).toBe(0);
  });

  it('gives up on a frame that never lands, and does not wait for frames of a dropped connection', async () => {
    // An empty PUBLISH never reaches the firmware (the simulated client drops it): lost after lostAfterMs, counted
    // from when it was sent (the ledger's clock, Date.now), so the wait is timed from before the send.
    const started = Date.now();
    await send(new Uint8Array(0));
    expect(ledger.quiet()).toBe(false);
    await clock.runUntil(() => false, { timeoutMs: 2_000 }).catch(() => undefined);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(ledger.lost).toBe(1);
    expect(ledger.quiet()).toBe(true);
    // A downlink in flight when the link goes down is not awaited (nor one sent while the board is offline).
    board.link.latencyMs = 5_000;
    await send(new Uint8Array([7]));
    expect(ledger.quiet()).toBe(false);
    board.link.down();
    expect(ledger.quiet()).toBe(true);
    await send(new Uint8Array([8]));
    expect(ledger.quiet()).toBe(true);
    expect(ledger.lost).toBe(1);
  });
});
