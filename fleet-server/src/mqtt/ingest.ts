/**
 * The server's own MQTT client. It is used against the embedded broker and an external one alike, so
 * both deployments run the same receive and publish code.
 *
 * With an external broker, uplinks are read through a shared subscription `$share/<group>/sl/v1/+/+/up`
 * so several server instances split the stream (Mosquitto ≥ 1.6, EMQX, VerneMQ). Presence (status topic)
 * is subscribed with a plain filter on every instance: brokers do not deliver retained messages to shared
 * subscriptions (MQTT 5 §4.8.2), and presence is retained; its handling is idempotent.
 *
 * Issue 14 (fleet-server README, "Ingest pipeline"):
 *  - Bounded, with back-pressure: at most `maxPending` frames are taken from the broker and not yet processed. At the
 *    bound the client stops reading its socket (mqtt.js `handleMessage` does not call back), so the broker holds the
 *    rest — QoS 1 messages in the session's queue — instead of this process growing a queue without end.
 *  - PUBACK after the commit: the PUBACK of a QoS 1 uplink is sent once `onMessage` has finished with it (its batch
 *    committed, its answers published), in the order the messages came (MQTT 3.1.1 §4.6). Until then the broker
 *    keeps the message; if this process dies first, the broker delivers it again (to this instance when it comes
 *    back with its persistent session, or to another of the `$share` group): nothing taken is lost in between. A
 *    PUBACK whose connection has closed meanwhile is not sent (the broker delivers the message again, processing is
 *    idempotent).
 *  - Persistent session (`persistentSession`, with a stable `clientId`): `clean: false`, so the broker keeps this
 *    instance's subscriptions and queues its QoS 1 uplinks while it is away (a broker restart with persistence, a
 *    server restart); mqtt.js subscribes again itself when the broker says it kept no session.
 */
import { randomUUID } from 'node:crypto';
import mqtt, { type IPublishPacket, type ISubscriptionMap, type MqttClient } from 'mqtt';
import { MAX_FRAME_BYTES, TOPIC_QOS, TOPIC_RETAIN, channelFilter, downlinkQos, downlinkTopic, encodeDownlink, sharedFilter, type Downlink } from '@streetlight/protocol';
import type { ServiceLogger } from '../devices/service.js';
import type { IngestMetrics } from '../metrics.js';

export interface IngestOptions {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  /** Shared-subscription group for uplinks; undefined → plain filters (aedes). */
  shareGroup?: string | undefined;
  onMessage: (topic: string, payload: Uint8Array) => Promise<void>;
  /**
   * Issue 11: seals an encoded downlink for its device (MAC with the device key, devices/identity.ts); undefined
   * when the device has no active credential (nothing is sent then). Issue 14: may answer at once (a cached key).
   */
  seal: (deviceId: string, body: Uint8Array) => Uint8Array | undefined | Promise<Uint8Array | undefined>;
  /** Client id of this connection: `<username>-<random>` on a broker that checks it (server accounts). */
  clientId?: string | undefined;
  /** `mqtts://`: the CA (PEM) the broker's certificate must chain to. */
  ca?: Buffer | undefined;
  log: ServiceLogger;
  /** How long start-up waits for the first connection. Default 10 s. */
  connectTimeoutMs?: number;
  /** Named in the error when the broker cannot be reached. */
  setting: string;
  /** Issue 14: frames taken from the broker and not yet processed, at most; at the bound the client stops reading. Default 2048. */
  maxPending?: number;
  /** Issue 14: `clean: false` under `clientId` (which must then be stable): the broker keeps the subscriptions and queues QoS 1 messages while away. */
  persistentSession?: boolean;
  /** Issue 14: queue gauges and counters. */
  metrics?: IngestMetrics;
  /**
   * Called with the ingest as soon as its client exists, before it connects: with a persistent session the broker
   * delivers what it queued right after the connection, and answering those frames (downlinks) needs the ingest.
   */
  onCreated?: (ingest: Ingest) => void;
}

/** Passed to mqtt.js's `handleMessage` callback: carry on with the next packet, but send no PUBACK now (sent after processing). */
const ACK_LATER = Object.freeze(new Error('PUBACK after processing'));

/** mqtt.js's packet writer (private in its types; present since v1): its presence tells that `handleMessage` can defer the PUBACK. */
type PacketWriter = { _sendPacket(packet: { cmd: 'puback'; messageId: number }, cb?: () => void): void };

export interface Ingest {
  readonly client: MqttClient;
  connected(): boolean;
  /** Frames taken from the broker and not yet processed. */
  pending(): number;
  publishDownlink(tenant: string, deviceId: string, message: Downlink): Promise<void>;
  close(): Promise<void>;
}

export async function startIngest(opts: IngestOptions): Promise<Ingest> {
  const client = mqtt.connect(opts.url, {
    clientId: opts.clientId ?? `fleet-${randomUUID().slice(0, 12)}`,
    clean: opts.persistentSession !== true,
    protocolVersion: 4,
    username: opts.username,
    password: opts.password,
    ...(opts.ca ? { ca: opts.ca } : {}),
    reconnectPeriod: 1000,
    connectTimeout: opts.connectTimeoutMs ?? 10_000,
    resubscribe: true,
    // Issue 14 (per-frame cost): mqtt.js calls its `debug` logger a dozen times per packet; silent unless DEBUG asks
    // for it. Keep-alive pings go every keep-alive period instead of being pushed back at every packet sent.
    ...(/mqttjs/.test(process.env.DEBUG ?? '') ? {} : { log: () => undefined }),
    reschedulePings: false,
  });
  // Nagle's algorithm would hold a downlink (an EnergyAck, a TimeSync) written right after the PUBACK of the
  // uplink it answers until the broker's delayed TCP ACK comes back (≈ 40 ms on Linux): send at once.
  client.on('connect', () => { (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true); });

  // --- issue 14: bounded intake, PUBACK after processing
  const maxPending = Math.max(1, opts.maxPending ?? 2048);
  const m = opts.metrics;
  if (m) m.pendingLimit = maxPending;
  let pending = 0;
  /** Messages waiting for room (the client reads nothing more meanwhile): at most one, as mqtt.js hands them one at a time. */
  const waiting: Array<() => void> = [];
  /** The processing of every frame taken and not yet done. */
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  const writer = client as unknown as Partial<PacketWriter>;
  const ackAfter = typeof writer._sendPacket === 'function';
  if (!ackAfter) opts.log.warn({}, 'mqtt.js has no packet writer: PUBACKs are sent when a frame is taken, not after it is processed');
  /** QoS 1 messages of the current connection in arrival order, with whether they are processed. */
  let acks: Array<{ messageId: number; done: boolean }> = [];
  let ackStream: unknown;
  /**
   * PUBACKs ready to go, written together once the current microtasks have run (`nextTick`): a batch's commit completes many
   * frames at once, so their PUBACKs leave in one socket write (4 bytes each, MQTT 3.1.1 §3.4) rather than one
   * packet written through mqtt.js each.
   */
  let ready: number[] = [];
  let readyStream: unknown;
  const writeAcks = (): void => {
    const ids = ready;
    if (ids.length === 0) return;
    ready = [];
    if (!(client.connected && client.stream === readyStream)) {
      if (m) m.pubacksDropped += ids.length;
      return;
    }
    const buf = Buffer.allocUnsafe(ids.length * 4);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      buf[i * 4] = 0x40; // PUBACK
      buf[i * 4 + 1] = 2;
      buf[i * 4 + 2] = id >> 8;
      buf[i * 4 + 3] = id & 0xff;
    }
    (readyStream as NodeJS.WritableStream).write(buf);
  };
  const flushAcks = (queue: typeof acks, stream: unknown): void => {
    if (queue !== acks) {
      // The connection the message came on has closed: the broker delivers it again.
      if (m) m.pubacksDropped++;
      return;
    }
    while (acks.length && (acks[0] as { done: boolean }).done) {
      const a = acks.shift() as { messageId: number };
      if (!(client.connected && client.stream === stream)) {
        if (m) m.pubacksDropped++;
        continue;
      }
      if (ready.length && readyStream !== stream) writeAcks();
      if (ready.length === 0) process.nextTick(writeAcks);
      readyStream = stream;
      ready.push(a.messageId);
    }
  };
  /** Processes a message that came on connection `stream`; its PUBACK (QoS 1) follows the processing. */
  const take = (packet: IPublishPacket, stream: unknown, callback: (err?: Error) => void): void => {
    pending++;
    if (m) m.pending = pending;
    let entry: { messageId: number; done: boolean } | undefined;
    let queue = acks;
    if (ackAfter && packet.qos === 1 && packet.messageId !== undefined) {
      if (stream === client.stream) {
        if (stream !== ackStream) { acks = []; ackStream = stream; }
        queue = acks;
        entry = { messageId: packet.messageId, done: false };
        queue.push(entry);
      } else if (m) {
        m.pubacksDropped++; // it waited for room across a reconnection: processed, never acknowledged on the new one
      }
    }
    const topic = packet.topic;
    const done: Promise<void> = opts.onMessage(topic, packet.payload as Uint8Array)
      .catch((err: unknown) => opts.log.error({ topic, err }, 'message handler failed'))
      .finally(() => {
        inFlight.delete(done);
        pending--;
        if (m) m.pending = pending;
        if (entry) { entry.done = true; flushAcks(queue, stream); }
        waiting.shift()?.();
      });
    inFlight.add(done);
    // On with the next packet; a QoS 1 message's PUBACK waits for the processing above.
    callback(ackAfter && packet.qos === 1 ? ACK_LATER : undefined);
  };
  /** Closing with a persistent session: a message not taken yet is left unacknowledged, for the broker to deliver again. */
  const leave = (packet: IPublishPacket, callback: (err?: Error) => void): void => callback(packet.qos > 0 ? ACK_LATER : undefined);
  client.handleMessage = (packet, callback) => {
    const stream = client.stream;
    if (closing) {
      // A clean session would lose what is left unacknowledged: take it anyway, bound or not (it is brief).
      if (opts.persistentSession) leave(packet, callback);
      else take(packet, stream, callback);
      return;
    }
    if (pending < maxPending) { take(packet, stream, callback); return; }
    // Full: the client reads nothing more (this callback is its only way on) until a frame is done.
    if (m) m.backpressure++;
    waiting.push(() => (closing && opts.persistentSession ? leave(packet, callback) : take(packet, stream, callback)));
  };
  const ingest: Ingest = {
    client,
    connected: () => client.connected,
    pending: () => pending,
    publishDownlink: async (tenant, deviceId, message) => {
      const body = encodeDownlink(message);
      const sealed = opts.seal(deviceId, body);
      const bytes = sealed instanceof Promise ? await sealed : sealed;
      if (!bytes) throw new Error(`no active credential for device ${deviceId}: downlink not sent`);
      if (bytes.length > MAX_FRAME_BYTES) throw new Error(`downlink of ${bytes.length} bytes exceeds ${MAX_FRAME_BYTES}`);
      const topic = downlinkTopic(tenant, deviceId);
      // Not awaited: the PUBACK may be long in coming while the client is offline (mqtt.js keeps QoS 1
      // messages for the reconnection), and a device queue must not wait on it. Reconciliation on the
      // next Hello covers a downlink lost on the way.
      // EnergyAck and TimeSync at QoS 0 (protocol README, topic scheme): no PUBACK, no outgoing copy kept.
      client.publish(topic, Buffer.from(bytes), { qos: downlinkQos(message), retain: TOPIC_RETAIN.down }, (err) => {
        if (err) opts.log.warn({ topic, err: err.message }, 'downlink publish failed');
      });
    },
    close: async () => {
      // The frames taken are finished first, so that their PUBACKs go out; with a persistent session the broker
      // delivers again what is left unread (mqtt.js keeps reading meanwhile: the broker's PUBACKs of our downlinks).
      closing = true;
      for (const w of waiting.splice(0)) w();
      await Promise.all([...inFlight]);
      writeAcks(); // before the DISCONNECT
      await client.endAsync();
    },
  };
  opts.onCreated?.(ingest);

  client.on('error', (err) => opts.log.warn({ err: err.message }, 'mqtt client error'));
  client.on('offline', () => opts.log.warn({ url: opts.url }, 'mqtt client offline'));
  client.on('reconnect', () => opts.log.debug({ url: opts.url }, 'mqtt client reconnecting'));

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`cannot connect to the MQTT broker at ${opts.url} (set ${opts.setting})`)), opts.connectTimeoutMs ?? 10_000);
      client.once('connect', () => { clearTimeout(timer); resolve(); });
    });
    const up = channelFilter('up');
    const upFilter = opts.shareGroup ? sharedFilter(opts.shareGroup, up) : up;
    const filters = [upFilter, channelFilter('status')];
    const granted = await client.subscribeAsync(filters, { qos: TOPIC_QOS.up });
    const refused = granted.filter((g) => g.qos === 128);
    if (refused.length) throw new Error(`broker refused subscription(s): ${refused.map((g) => g.topic).join(', ')}`);
    opts.log.info({ url: opts.url, filters, clientId: client.options.clientId, persistentSession: opts.persistentSession === true }, 'mqtt ingest subscribed');
    // Reconnections: without a session mqtt.js subscribes again itself. With one, Mosquitto 2.0 restores a persistent
    // session from its persistence file after a restart without its shared subscriptions, yet says it kept the session
    // (docs/deployment.md, "Broker limits"): the uplinks' `$share` filter is subscribed again at every connection
    // (the same filter again replaces it: no duplicate). The plain ones are kept (presence is retained: subscribing
    // again would replay every device's).
    if (opts.shareGroup) {
      client.on('connect', (ack) => {
        if (!ack.sessionPresent) return;
        // `resubscribe`: mqtt.js would otherwise skip a filter it believes subscribed already.
        const again = { [upFilter]: { qos: TOPIC_QOS.up } } as ISubscriptionMap;
        again.resubscribe = true;
        client.subscribe(again, (err, g) => {
          if (err || g?.some((x) => x.qos === 128)) opts.log.error({ filter: upFilter, err: err?.message }, 'uplink subscription not renewed after reconnecting');
          else opts.log.info({ filter: upFilter }, 'uplink subscription renewed after reconnecting');
        });
      });
    }
  } catch (err) {
    await client.endAsync(true).catch(() => undefined);
    throw err;
  }

  return ingest;
}
