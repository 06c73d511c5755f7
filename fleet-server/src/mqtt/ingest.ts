/**
 * The server's own MQTT client. It is used against the embedded broker and an external one alike, so
 * both deployments run the same receive and publish code.
 *
 * With an external broker, uplinks are read through a shared subscription `$share/<group>/sl/v1/+/+/up`
 * so several server instances split the stream (Mosquitto ≥ 1.6, EMQX, VerneMQ). Presence (status topic)
 * is subscribed with a plain filter on every instance: brokers do not deliver retained messages to shared
 * subscriptions (MQTT 5 §4.8.2), and presence is retained; its handling is idempotent.
 */
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { MAX_FRAME_BYTES, TOPIC_QOS, TOPIC_RETAIN, channelFilter, downlinkTopic, encodeDownlink, sharedFilter, type Downlink } from '@streetlight/protocol';
import type { ServiceLogger } from '../devices/service.js';

export interface IngestOptions {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  /** Shared-subscription group for uplinks; undefined → plain filters (aedes). */
  shareGroup?: string | undefined;
  onMessage: (topic: string, payload: Uint8Array) => Promise<void>;
  /**
   * Issue 11: seals an encoded downlink for its device (MAC with the device key, devices/identity.ts); undefined
   * when the device has no active credential (nothing is sent then).
   */
  seal: (deviceId: string, body: Uint8Array) => Promise<Uint8Array | undefined>;
  /** Client id of this connection: `<username>-<random>` on a broker that checks it (server accounts). */
  clientId?: string | undefined;
  /** `mqtts://`: the CA (PEM) the broker's certificate must chain to. */
  ca?: Buffer | undefined;
  log: ServiceLogger;
  /** How long start-up waits for the first connection. Default 10 s. */
  connectTimeoutMs?: number;
  /** Named in the error when the broker cannot be reached. */
  setting: string;
}

export interface Ingest {
  readonly client: MqttClient;
  connected(): boolean;
  publishDownlink(tenant: string, deviceId: string, message: Downlink): Promise<void>;
  close(): Promise<void>;
}

export async function startIngest(opts: IngestOptions): Promise<Ingest> {
  const client = mqtt.connect(opts.url, {
    clientId: opts.clientId ?? `fleet-${randomUUID().slice(0, 12)}`,
    clean: true,
    protocolVersion: 4,
    username: opts.username,
    password: opts.password,
    ...(opts.ca ? { ca: opts.ca } : {}),
    reconnectPeriod: 1000,
    connectTimeout: opts.connectTimeoutMs ?? 10_000,
    resubscribe: true,
  });
  // Nagle's algorithm would hold a downlink (an EnergyAck, a TimeSync) written right after the PUBACK of the
  // uplink it answers until the broker's delayed TCP ACK comes back (≈ 40 ms on Linux): send at once.
  client.on('connect', () => { (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true); });
  client.on('message', (topic, payload) => {
    opts.onMessage(topic, payload).catch((err: unknown) => opts.log.error({ topic, err }, 'message handler failed'));
  });
  client.on('error', (err) => opts.log.warn({ err: err.message }, 'mqtt client error'));
  client.on('offline', () => opts.log.warn({ url: opts.url }, 'mqtt client offline'));
  client.on('reconnect', () => opts.log.debug({ url: opts.url }, 'mqtt client reconnecting'));

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`cannot connect to the MQTT broker at ${opts.url} (set ${opts.setting})`)), opts.connectTimeoutMs ?? 10_000);
      client.once('connect', () => { clearTimeout(timer); resolve(); });
    });
    const up = channelFilter('up');
    const filters = [opts.shareGroup ? sharedFilter(opts.shareGroup, up) : up, channelFilter('status')];
    const granted = await client.subscribeAsync(filters, { qos: TOPIC_QOS.up });
    const refused = granted.filter((g) => g.qos === 128);
    if (refused.length) throw new Error(`broker refused subscription(s): ${refused.map((g) => g.topic).join(', ')}`);
    opts.log.info({ url: opts.url, filters }, 'mqtt ingest subscribed');
  } catch (err) {
    await client.endAsync(true).catch(() => undefined);
    throw err;
  }

  return {
    client,
    connected: () => client.connected,
    publishDownlink: async (tenant, deviceId, message) => {
      const body = encodeDownlink(message);
      const bytes = await opts.seal(deviceId, body);
      if (!bytes) throw new Error(`no active credential for device ${deviceId}: downlink not sent`);
      if (bytes.length > MAX_FRAME_BYTES) throw new Error(`downlink of ${bytes.length} bytes exceeds ${MAX_FRAME_BYTES}`);
      const topic = downlinkTopic(tenant, deviceId);
      // Not awaited: the PUBACK may be long in coming while the client is offline (mqtt.js keeps QoS 1
      // messages for the reconnection), and a device queue must not wait on it. Reconciliation on the
      // next Hello covers a downlink lost on the way.
      client.publish(topic, Buffer.from(bytes), { qos: TOPIC_QOS.down, retain: TOPIC_RETAIN.down }, (err) => {
        if (err) opts.log.warn({ topic, err: err.message }, 'downlink publish failed');
      });
    },
    close: async () => { await client.endAsync(); },
  };
}
