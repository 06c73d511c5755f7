/**
 * Issue 14, "Bounded everywhere": the server's MQTT client (src/mqtt/ingest.ts) against a real Mosquitto of the
 * test's own:
 *  - at most INGEST_MAX_PENDING frames are taken and not yet processed: beyond, the client stops reading and the
 *    broker holds the rest (a flood of 5,000 frames into a slow handler never has more in the process than the bound,
 *    and all of them are processed once, in order);
 *  - a QoS 1 uplink is acknowledged (PUBACK) only once processed: the frames taken but not processed when the server
 *    dies are delivered again to it when it comes back with its persistent session — nothing taken is lost;
 *  - the queue depth, the bound and the back-pressure are metrics (Prometheus text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { uplinkTopic } from '@streetlight/protocol';
import { IngestMetrics, prometheus, snapshot, Metrics } from '../src/metrics.js';
import { startIngest, type Ingest } from '../src/mqtt/ingest.js';
import { uniqueId, waitFor } from './helpers.js';
import { startTestMosquitto, type TestBroker } from './mosquitto.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** A handler whose frames stay in processing until released, recording what it was given and how many at once. */
function gatedHandler() {
  const taken: string[] = [];
  const gates: Array<() => void> = [];
  let open = 0;
  let maxOpen = 0;
  let auto = false;
  return {
    taken,
    get maxOpen() { return maxOpen; },
    get open() { return open; },
    onMessage: async (_topic: string, payload: Uint8Array): Promise<void> => {
      taken.push(Buffer.from(payload).toString());
      open++;
      maxOpen = Math.max(maxOpen, open);
      if (!auto) await new Promise<void>((resolve) => gates.push(resolve));
      open--;
    },
    /** Lets `n` waiting frames finish (all when undefined). */
    release(n?: number): void { for (const g of gates.splice(0, n ?? gates.length)) g(); },
    /** From now on frames finish at once. */
    flow(): void { auto = true; this.release(); },
    waiting: () => gates.length,
  };
}

describe('bounded ingest, PUBACK after processing (real Mosquitto)', () => {
  let broker: TestBroker;
  let device: MqttClient;
  const topic = uplinkTopic('boundtown', 'flood-1');
  const clients: Ingest[] = [];

  const ingest = async (o: { clientId: string; maxPending: number; onMessage: (t: string, p: Uint8Array) => Promise<void>; metrics?: IngestMetrics }): Promise<Ingest> => {
    const i = await startIngest({
      url: broker.url, clientId: o.clientId, persistentSession: true, maxPending: o.maxPending, onMessage: o.onMessage, metrics: o.metrics,
      seal: async (_id, body) => body, log: silent, setting: 'MQTT_URL',
    });
    clients.push(i);
    return i;
  };
  /** Publishes frames `f<from>`…`f<to>` (QoS 1, in order) and resolves once the broker has them all. */
  const publish = async (from: number, to: number): Promise<void> => {
    const acks: Array<Promise<unknown>> = [];
    for (let i = from; i <= to; i++) acks.push(device.publishAsync(topic, Buffer.from(`f${i}`), { qos: 1 }));
    await Promise.all(acks);
  };

  beforeAll(async () => {
    broker = await startTestMosquitto({ maxInflight: 1000 });
    device = await mqtt.connectAsync(broker.url, { clientId: uniqueId('flood'), clean: true, reconnectPeriod: 0 });
  });
  afterAll(async () => {
    await device?.endAsync();
    for (const c of clients) await c.client.endAsync(true).catch(() => undefined);
    await broker?.stop();
  });

  it('never holds more than its bound: the broker keeps the rest, all are processed once, in order', async () => {
    const h = gatedHandler();
    const m = new IngestMetrics();
    const n = 5_000;
    const bound = 50;
    let maxPending = 0;
    const i = await ingest({ clientId: uniqueId('srv'), maxPending: bound, metrics: m, onMessage: async (t, p) => { maxPending = Math.max(maxPending, m.pending); await h.onMessage(t, p); } });
    await publish(1, n);
    // Full: the next frame waits for room (back-pressure), and with it the client's reading, while none finishes.
    await waitFor(() => m.backpressure > 0, 30_000, 'the client stopped at its bound', () => [h.taken.length, m.pending]);
    expect(h.taken.length).toBe(bound);
    expect(m.pending).toBe(bound);
    expect(m.backpressure).toBeGreaterThan(0);
    const text = prometheus({ ...snapshot(new Metrics(), { known: 0, online: 0 }), ingest: m });
    expect(text).toMatch(new RegExp(`^fleet_ingest_pending_frames ${bound}$`, 'm'));
    expect(text).toMatch(new RegExp(`^fleet_ingest_pending_limit ${bound}$`, 'm'));
    // Frame by frame: one finishes, one more is taken.
    h.release(10);
    await waitFor(() => h.taken.length === bound + 10, 30_000, '10 more frames taken', () => h.taken.length);
    h.flow();
    await waitFor(() => h.taken.length === n, 60_000, `all ${n} frames`, () => h.taken.length);
    expect(h.taken).toEqual(Array.from({ length: n }, (_, k) => `f${k + 1}`));
    expect(maxPending).toBeLessThanOrEqual(bound);
    expect(h.maxOpen).toBeLessThanOrEqual(bound);
    await waitFor(() => i.pending() === 0, 30_000, 'nothing pending');
    await i.close();
  });

  it('acknowledges a frame only once processed: what a dead server had taken is delivered again to it', async () => {
    const clientId = uniqueId('srv');
    const first = gatedHandler();
    const a = await ingest({ clientId, maxPending: 100, onMessage: first.onMessage });
    await publish(1, 300);
    // It processes the first 60 (acknowledged), and has 40 more taken, in processing, when it dies.
    await waitFor(() => first.waiting() === 100, 30_000, '100 frames taken', () => first.waiting());
    first.release(60);
    await waitFor(() => first.taken.length === 160 && first.waiting() === 100, 30_000, '160 taken, 60 processed', () => [first.taken.length, first.waiting()]);
    // Dies: its connection cut, no DISCONNECT; the 100 frames in processing never finish (their PUBACKs never go out).
    (a.client.stream as { destroy(): void }).destroy();
    await a.client.endAsync(true);
    await publish(301, 320);
    // Back with its session: every frame not acknowledged comes again — the 100 it had taken, then the rest.
    const second = gatedHandler();
    second.flow();
    const b = await ingest({ clientId, maxPending: 100, onMessage: second.onMessage });
    await waitFor(() => second.taken.length >= 260, 30_000, 'the frames not acknowledged', () => second.taken.length);
    const all = new Set([...first.taken.slice(0, 60), ...second.taken]);
    expect(all.size).toBe(320);
    // Only those acknowledged by the first were not delivered again.
    expect(second.taken.filter((f) => first.taken.slice(0, 60).includes(f))).toEqual([]);
    first.release();
    await b.close();
  });
});
