/**
 * The load generator of `bench:ingest` (issue 14): provisioned devices speaking protocol v1 over MQTT, their
 * frames sealed with each device's key as the server requires, published at QoS 1 over a few connections
 * (each device always on the same one, so its frames reach the broker in order), and one connection subscribed
 * to every device's downlink topic that checks each downlink's MAC and follows the EnergyAcks.
 *
 * Per device it keeps what it sent (uplink seq, record seqs, energy) and what was acknowledged, so a run can
 * tell: every frame acknowledged, no ack above what was sent, and publish-to-ack latency per frame (a frame
 * is acknowledged by the first EnergyAck whose acked_seq reaches its last record).
 */
import mqtt from 'mqtt';
import { channelFilter, decodeDownlinkFrame, uplinkTopic } from '@streetlight/protocol';
import type { TestDevice } from '@streetlight/fleet-server/testing';

export interface Frame { d: number; bytes: Buffer; last: number; records: number; energyMwh: number }

interface DeviceState {
  dev: TestDevice;
  topic: string;
  upSeq: number;
  recSeq: number;
  acked: number;
  answered: boolean;
  pending: Array<{ last: number; at: number }>;
}

/** Interval records: 15 min each, the first `daysBack` days ago, 36 W average (plausible for any luminaire). */
export const RECORD_S = 900;

export class LoadGen {
  private readonly devices: DeviceState[];
  private readonly index = new Map<string, number>();
  private pubs: mqtt.MqttClient[] = [];
  private acks: mqtt.MqttClient | undefined;
  private readonly t0: number;
  /** Frames published / acknowledged (server runs) since the start. */
  published = 0;
  completed = 0;
  /** Time (performance.now()) of the last acknowledgement. */
  lastCompletionAt = 0;
  /** Records and mWh sent, over all devices. */
  recordsSent = 0;
  energySentMwh = 0;
  /** Downlinks whose MAC did not verify; EnergyAcks above what the device had sent; publish errors. */
  badMac = 0;
  ackBeyondSent = 0;
  publishErrors = 0;
  downlinks = 0;
  /** Devices answered (any authentic downlink), and when the last one was. */
  answered = 0;
  lastAnsweredAt = 0;
  /** Publish-to-ack latencies (ms) since the last `takeLatencies()`. */
  private latencies: number[] = [];

  constructor(private readonly url: string, devices: readonly TestDevice[], private readonly connections = 4, daysBack = 60) {
    this.devices = devices.map((dev, i) => {
      this.index.set(dev.deviceId, i);
      return { dev, topic: uplinkTopic(dev.tenant, dev.deviceId), upSeq: 0, recSeq: 0, acked: 0, answered: false, pending: [] };
    });
    this.t0 = Math.floor(Date.now() / 1000) - daysBack * 86_400;
  }

  get size(): number { return this.devices.length; }

  /** Connects the publishers and the downlink follower (subscribed before anything is published). */
  async connect(tenant: string): Promise<void> {
    const open = async (clientId: string): Promise<mqtt.MqttClient> => {
      const c = mqtt.connect(this.url, { clientId, clean: true, protocolVersion: 4, reconnectPeriod: 0 });
      await new Promise<void>((resolve, reject) => { c.once('connect', () => resolve()); c.once('error', reject); });
      (c.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
      return c;
    };
    this.pubs = await Promise.all(Array.from({ length: this.connections }, (_, i) => open(`bench-pub-${process.pid}-${i}`)));
    this.acks = await open(`bench-acks-${process.pid}`);
    this.acks.on('message', (topic, payload) => this.onDownlink(topic, payload));
    await this.acks.subscribeAsync(channelFilter('down', tenant), { qos: 1 });
  }

  private onDownlink(topic: string, payload: Buffer): void {
    const now = performance.now();
    const id = topic.split('/')[3] ?? '';
    const i = this.index.get(id);
    if (i === undefined) return;
    const s = this.devices[i] as DeviceState;
    this.downlinks++;
    if (!s.dev.authentic(payload)) { this.badMac++; return; } // as the firmware: a downlink without this device's MAC is dropped
    if (!s.answered) { s.answered = true; this.answered++; this.lastAnsweredAt = now; }
    const d = decodeDownlinkFrame(payload, id);
    const acked = d.ok ? d.message.energyAck?.ackedSeq : undefined;
    if (!acked) return;
    if (acked > s.recSeq) this.ackBeyondSent++;
    if (acked > s.acked) s.acked = acked;
    while (s.pending.length && (s.pending[0] as { last: number }).last <= acked) {
      const p = s.pending.shift() as { last: number; at: number };
      this.latencies.push(now - p.at);
      this.completed++;
      this.lastCompletionAt = now;
    }
  }

  /** Devices whose acknowledged seq is not their last record sent. */
  unacknowledgedDevices(): number { return this.devices.reduce((a, s) => a + (s.acked === s.recSeq ? 0 : 1), 0); }

  takeLatencies(): number[] { const l = this.latencies; this.latencies = []; return l; }

  /** A Hello of device `d` (its uplink seq moves on). */
  hello(d: number): Frame {
    const s = this.devices[d] as DeviceState;
    return { d, bytes: Buffer.from(s.dev.uplink({ seq: ++s.upSeq, hello: { firmwareVersion: 'bench', bootCount: 1 } })), last: 0, records: 0, energyMwh: 0 };
  }

  /** The next EnergyReport of device `d`, with `n` new interval records. */
  energy(d: number, n: number): Frame {
    const s = this.devices[d] as DeviceState;
    let mwh = 0;
    const records = Array.from({ length: n }, () => {
      const seq = ++s.recSeq;
      const energyMwh = 9000 + (seq % 7) * 100;
      mwh += energyMwh;
      return { seq, start: this.t0 + (seq - 1) * RECORD_S, durationS: RECORD_S, energyMwh, minPowerMw: 0, maxPowerMw: 40_000, avgPowerMw: 36_000, burningS: 810, avgLevelX10: 900 };
    });
    this.recordsSent += n;
    this.energySentMwh += mwh;
    return { d, bytes: Buffer.from(s.dev.uplink({ seq: ++s.upSeq, energy: { records } })), last: s.recSeq, records: n, energyMwh: mwh };
  }

  /**
   * Takes back frames made but never published (a stream stopped at its time cap), newest first: each must be
   * its device's latest, as the unpublished tail of a round-robin stream is.
   */
  unmake(frames: readonly Frame[]): void {
    for (let i = frames.length - 1; i >= 0; i--) {
      const f = frames[i] as Frame;
      const s = this.devices[f.d] as DeviceState;
      if (f.records && s.recSeq !== f.last) throw new Error(`frame of device ${f.d} is not its latest`);
      s.recSeq -= f.records;
      s.upSeq--;
      this.recordsSent -= f.records;
      this.energySentMwh -= f.energyMwh;
    }
  }

  /** Publishes at QoS 1; an energy frame is then awaited as pending until acknowledged. */
  publish(f: Frame, track: boolean): void {
    const s = this.devices[f.d] as DeviceState;
    if (track) s.pending.push({ last: f.last, at: performance.now() });
    this.published++;
    (this.pubs[f.d % this.pubs.length] as mqtt.MqttClient).publish(s.topic, f.bytes, { qos: 1 }, (err) => { if (err) this.publishErrors++; });
  }

  async close(): Promise<void> {
    await Promise.all([...this.pubs, ...(this.acks ? [this.acks] : [])].map((c) => c.endAsync(true).catch(() => undefined)));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface StreamOutcome {
  /** Frames published (the first `frames` of the stream; the caller takes back the rest with unmake()). */
  frames: number;
  /** Frames completed (acknowledged, or counted by the subscriber). */
  completed: number;
  /** From the first publish to the last completion, ms. */
  ms: number;
  /** True when the run stopped publishing at its time cap before the whole stream was out. */
  capped: boolean;
}

/**
 * Publishes `frames` with at most `window` of them outstanding (published, not yet completed), stopping new
 * publishes after `capMs`; then waits until every published frame is completed (or nothing completes for
 * `stallMs`). `completed()` and `lastAt()` say how far the receiver is (acks, or the subscriber's count).
 */
export async function windowedStream(
  gen: LoadGen, frames: readonly Frame[], o: { window: number; capMs: number; track: boolean; completed: () => number; lastAt: () => number; stallMs?: number },
): Promise<StreamOutcome> {
  const base = o.completed();
  const t0 = performance.now();
  let i = 0;
  let sinceYield = 0;
  while (i < frames.length && performance.now() - t0 < o.capMs) {
    if (i - (o.completed() - base) >= o.window) { await sleep(1); sinceYield = 0; continue; }
    gen.publish(frames[i] as Frame, o.track);
    i++;
    if (++sinceYield >= 100) { sinceYield = 0; await new Promise((r) => setImmediate(r)); }
  }
  let last = o.completed();
  let progressAt = performance.now();
  while (o.completed() - base < i) {
    await sleep(2);
    const c = o.completed();
    if (c !== last) { last = c; progressAt = performance.now(); } else if (performance.now() - progressAt > (o.stallMs ?? 30_000)) break;
  }
  const done = o.completed() - base;
  return { frames: i, completed: done, ms: Math.max(1, (done ? o.lastAt() : performance.now()) - t0), capped: i < frames.length };
}

/**
 * Publishes frames at `rate` frames/s for `seconds` (made by `next(n)`, n = 0, 1, …), then waits for every one
 * to be acknowledged (or nothing for `stallMs`). Returns how many were published.
 */
export async function pacedStream(gen: LoadGen, rate: number, seconds: number, next: (n: number) => Frame, stallMs = 30_000): Promise<{ frames: number; completed: number; ms: number }> {
  const base = gen.completed;
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < seconds * 1000) {
    const due = Math.floor(((performance.now() - t0) / 1000) * rate);
    while (n < due) gen.publish(next(n++), true);
    await sleep(2);
  }
  let last = gen.completed;
  let progressAt = performance.now();
  while (gen.completed - base < n) {
    await sleep(2);
    if (gen.completed !== last) { last = gen.completed; progressAt = performance.now(); } else if (performance.now() - progressAt > stallMs) break;
  }
  return { frames: n, completed: gen.completed - base, ms: performance.now() - t0 };
}

/** The p-th percentile (nearest rank) of `xs`. */
export function pct(xs: readonly number[], p: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((s.length * p) / 100) - 1))] ?? 0;
}
