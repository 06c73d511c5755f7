/**
 * The MQTT session over the ECMA-419 MQTT client from the host's network provider. The client does not
 * reconnect by itself: after a close or error this module makes a new one after an exponential back-off
 * with jitter (1 s doubling to 5 min), so a fleet does not reconnect in lock-step after a broker restart.
 */
import { downlinkTopic, statusTopic, TOPIC_QOS, TOPIC_RETAIN, uplinkTopic } from '@streetlight/protocol/topics';
import { encodePresence, MAX_FRAME_BYTES } from '@streetlight/protocol/lean';
import { MqttOp, type Host, type MqttClientIO, type MqttClientOptions, type TimerId } from './host.js';
import type { Identity } from './identity.js';
import { Backoff } from './backoff.js';

export const BACKOFF_MIN_MS = 1_000;
export const BACKOFF_MAX_MS = 300_000;
/** Bytes read at a time from a message the link drops. */
const DISCARD_PIECE = 512;
/** MQTT keep-alive [MQTT-3.1.2-24]; the broker drops us after 1.5× without traffic. */
export const KEEPALIVE_MS = 60_000;

export interface LinkHandlers {
  onConnected(): void;
  onDownlink(bytes: Uint8Array): void;
  onDisconnected(): void;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

export class Link {
  readonly #host: Host;
  readonly #identity: Identity | undefined;
  readonly #handlers: LinkHandlers;
  readonly #up: string;
  readonly #down: string;
  readonly #status: string;
  #client: MqttClientIO | undefined;
  #connected = false;
  #draining = false;
  #closed = false;
  /** The board has no network address (Wi-Fi lost): no connection attempts until `start()`. */
  #suspended = false;
  #retryTimer: TimerId | undefined;
  readonly #backoff = new Backoff(BACKOFF_MIN_MS, BACKOFF_MAX_MS);
  #nextId = 1;
  #bootCount: number;
  /** The will (presence offline) of this boot's connections: the same bytes at every attempt, encoded once. */
  readonly #will: ArrayBuffer;
  /** Frames dropped because the link was down or the client refused them. */
  dropped = 0;
  /** Downlinks discarded before decoding (oversized). */
  oversized = 0;

  /** `identity` undefined (not provisioned): the link never connects. */
  constructor(host: Host, identity: Identity | undefined, bootCount: number, handlers: LinkHandlers) {
    this.#host = host;
    this.#identity = identity;
    this.#handlers = handlers;
    this.#bootCount = bootCount;
    const tenant = identity?.tenant ?? 'none';
    const deviceId = identity?.deviceId ?? 'none';
    this.#up = uplinkTopic(tenant, deviceId);
    this.#down = downlinkTopic(tenant, deviceId);
    this.#status = statusTopic(tenant, deviceId);
    this.#will = toArrayBuffer(encodePresence({ online: false, bootCount }));
  }

  get connected(): boolean { return this.#connected; }

  /**
   * Connects (again, at once: the Wi-Fi station calls it whenever the board gets an address). Does nothing while a
   * connection is open or being opened.
   */
  start(): void {
    this.#suspended = false;
    if (!this.#identity || this.#closed || this.#client) return;
    if (this.#retryTimer !== undefined) {
      this.#host.timers.clear(this.#retryTimer);
      this.#retryTimer = undefined;
    }
    this.#connect();
  }

  /** Publishes an uplink frame with QoS 1. Returns false if it could not be handed to the client. */
  publish(frame: Uint8Array): boolean {
    return this.#write(frame, this.#up, TOPIC_QOS.up, TOPIC_RETAIN.up);
  }

  /** The network is gone (Wi-Fi lost its address): drop the connection and stop retrying until `start()`. */
  suspend(): void {
    this.#suspended = true;
    if (this.#retryTimer !== undefined) this.#host.timers.clear(this.#retryTimer);
    this.#retryTimer = undefined;
    if (this.#client) this.#onLost('network down');
  }

  close(): void {
    this.#closed = true;
    if (this.#retryTimer !== undefined) this.#host.timers.clear(this.#retryTimer);
    this.#retryTimer = undefined;
    const client = this.#client;
    this.#client = undefined;
    this.#connected = false;
    if (client) {
      try { client.close(); } catch { /* already gone */ }
    }
  }

  #write(frame: Uint8Array, topic: string, QoS: number, retain: boolean): boolean {
    const client = this.#client;
    if (!client || !this.#connected) {
      this.dropped++;
      return false;
    }
    try {
      const id = QoS > 0 ? this.#takeId() : undefined;
      client.write(toArrayBuffer(frame), { topic, QoS, retain, ...(id !== undefined ? { id } : {}) });
      return true;
    } catch (err) {
      this.dropped++;
      this.#host.system.log('warn', `mqtt write failed: ${String(err)}`);
      return false;
    }
  }

  #takeId(): number {
    const id = this.#nextId;
    this.#nextId = id >= 65535 ? 1 : id + 1; // packet identifiers are 1..65535 [MQTT-2.3.1-1]
    return id;
  }

  #connect(): void {
    const identity = this.#identity;
    if (this.#closed || !identity) return;
    const { device } = this.#host;
    const mqtt = identity.mqtt.tls ? device.network.mqtts : device.network.mqtt;
    if (!mqtt) {
      this.#host.system.log('warn', 'the identity asks for MQTT over TLS, which this platform does not have: off the network');
      return;
    }
    const ca = identity.mqtt.ca;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const link = this;
    let client: MqttClientIO | undefined;
    const isCurrent = (): boolean => client !== undefined && link.#client === client;
    try {
      // The network's own settings first (the ECMA-419 provider pattern), then ours, in this order. Built with
      // Object.assign, not `{ ...mqtt, host, ... }`: V8 (Node 20) builds a literal that goes on after a spread
      // property by property with a new hidden class each time, ≈ 20 µs a connection attempt, the largest cost of a
      // network-less fleet that retries every few minutes (issue 14). Same keys, same order.
      const options: MqttClientOptions = Object.assign({}, mqtt, {
        host: identity.mqtt.host,
        port: identity.mqtt.port,
        // The broker account is the device's own; its client id is its username (the broker refuses any other).
        id: identity.deviceId,
        user: identity.mqtt.user,
        password: identity.mqtt.password,
      });
      if (identity.mqtt.tls && ca) options.secure = { certificate: toArrayBuffer(ca), verify: true };
      client = new mqtt.io(Object.assign(options, {
        clean: true,
        keepalive: KEEPALIVE_MS,
        will: {
          topic: this.#status,
          message: this.#will, // clients copy it into their CONNECT
          QoS: TOPIC_QOS.status,
          retain: TOPIC_RETAIN.status,
        },
        onControl(msg) {
          if (!isCurrent()) return;
          if (msg.operation === MqttOp.CONNACK) link.#onConnack();
        },
        onReadable(count, options) {
          if (!isCurrent()) return;
          link.#onReadable(count, options.topic, options.more);
        },
        onClose() {
          if (isCurrent()) link.#onLost('closed');
        },
        onError(error) {
          if (isCurrent()) link.#onLost(`error ${String(error)}`);
        },
      } satisfies Partial<MqttClientOptions>));
      this.#client = client;
    } catch (err) {
      this.#host.system.log('warn', `mqtt connect failed: ${String(err)}`);
      this.#scheduleRetry();
    }
  }

  #onConnack(): void {
    const client = this.#client;
    if (!client) return;
    this.#connected = true;
    this.#draining = false;
    this.#backoff.reset();
    try {
      client.write(null, { operation: MqttOp.SUBSCRIBE, id: this.#takeId(), items: [{ topic: this.#down, QoS: TOPIC_QOS.down }] });
    } catch (err) {
      this.#onLost(`subscribe failed: ${String(err)}`);
      return;
    }
    this.#write(encodePresence({ online: true, bootCount: this.#bootCount }), this.#status, TOPIC_QOS.status, TOPIC_RETAIN.status);
    this.#handlers.onConnected();
  }

  #onReadable(count: number, topic: string | undefined, more: boolean): void {
    const client = this.#client;
    if (!client) return;
    // What is not a downlink we accept (another topic, the rest of a dropped message, a frame over the limit) is
    // read and thrown away in small pieces: a 90 KB frame must not need 90 KB of the device's 77 KB chunk heap
    // (the device-conditions host aborted "memory full" reading one whole, issue 12).
    const drop = this.#draining || topic !== this.#down || more || count > MAX_FRAME_BYTES;
    if (drop) {
      if (!this.#draining && topic === this.#down) this.oversized++;
      this.#draining = more;
      try {
        for (let left = count; left > 0; left -= DISCARD_PIECE) client.read(Math.min(left, DISCARD_PIECE));
      } catch (err) {
        this.#host.system.log('warn', `mqtt read failed: ${String(err)}`);
      }
      return;
    }
    let buf: ArrayBuffer;
    try {
      buf = client.read(count);
    } catch (err) {
      this.#host.system.log('warn', `mqtt read failed: ${String(err)}`);
      return;
    }
    this.#handlers.onDownlink(new Uint8Array(buf));
  }

  #onLost(why: string): void {
    const wasConnected = this.#connected;
    const client = this.#client;
    this.#client = undefined;
    this.#connected = false;
    if (client) {
      try { client.close(); } catch { /* already closed */ }
    }
    this.#host.system.log('info', `mqtt link lost: ${why}`);
    if (wasConnected) this.#handlers.onDisconnected();
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#closed || this.#suspended || this.#retryTimer !== undefined) return;
    const delay = this.#backoff.next(() => this.#host.system.random());
    this.#retryTimer = this.#host.timers.set(() => {
      this.#retryTimer = undefined;
      this.#connect();
    }, delay);
  }
}
