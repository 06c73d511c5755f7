/**
 * `SimMqttClient`: the ECMA-419 MQTT client of Moddable (examples/io/tcp/mqttclient, imported on a device as
 * `embedded:network/mqtt/client`) re-implemented over the real `mqtt` npm client and a real broker, so the
 * firmware's session code runs against Mosquitto/aedes unchanged.
 *
 * Semantics kept from Moddable's client:
 * - The constructor connects (MQTT 3.1.1, protocol level 4). `keepalive` is in ms (rounded to s on the wire).
 *   `clean` defaults to true. No automatic reconnection: after a failure the application makes a new client.
 * - CONNACK (accepted) → `onControl({operation: 2, returnCode: 0})`, then `onWritable(n)`. A refused CONNACK
 *   is a failure (below).
 * - `write(payload, {topic, QoS, retain, id})` publishes; for QoS 1 the PUBACK arrives as
 *   `onControl({operation: 4, id})` (QoS 2: `{operation: 7 (PUBCOMP), id}`). `id` defaults to a counter.
 * - `write(null, {operation: 8, items: [{topic, QoS}], id})` subscribes; SUBACK → `onControl({operation: 9,
 *   id, payload})` with the granted QoS bytes. UNSUBSCRIBE (10) → UNSUBACK (11). PINGRESP → operation 13.
 * - An incoming PUBLISH is announced by `onReadable(byteLength, {more: false, topic, QoS, byteLength})` and
 *   read with `read(count)` (an ArrayBuffer; undefined when nothing is left). The next message is announced
 *   only once the current one is fully read, as on the device. A zero-length PUBLISH is acknowledged but not
 *   announced (Moddable's parser skips empty payloads).
 * - `write` when not connected throws. Callbacks are called with `this` = the client.
 * - Failure (connection refused, lost, CONNACK refused, link down): `onError()` then `onClose()` — each at
 *   most once, in that order. Moddable's client calls only `onError` and closes itself; calling both lets
 *   firmware written against either convention work, and it must treat them idempotently.
 * - After `close()` no callback is ever made. `close()` drops the TCP connection without DISCONNECT (like
 *   the device), so the broker publishes the will.
 *
 * Added for simulation: a per-board `SimLink` (fault injection: `down()`/`up()`, latency, source address).
 */
import net from 'node:net';
import tls from 'node:tls';
import { MqttClient, type IClientOptions } from 'mqtt';
import {
  MqttOp,
  type MqttClientConstructor,
  type MqttClientIO,
  type MqttClientOptions,
  type MqttControlMessage,
  type MqttReadableOptions,
  type MqttWriteOptions,
} from '../../firmware/src/host.js';

/** Nominal free space reported by `onWritable`/`write` (bytes): the sim never applies back-pressure. */
export const SIM_MQTT_WRITABLE = 4096;

export interface SimLinkOptions {
  /** Added one-way latency in real ms on every operation and every event. Default 0. */
  latencyMs?: number;
  /** Local source address for the TCP connections (spread large fleets over 127.0.0.x). Default: OS choice. */
  localAddress?: string;
}

/** The network path of one board: fault injection. */
export class SimLink {
  latencyMs: number;
  readonly localAddress: string | undefined;
  #up = true;
  /** Connection attempts made through this link. */
  attempts = 0;
  /** @internal live clients */
  readonly clients = new Set<{ _drop(reason: Error): void }>();
  /**
   * Observer of the board's uplinks: called synchronously inside the firmware's `write()` of a PUBLISH that a
   * connected client accepts (so inside the virtual timer that sent it), with the payload bytes. For harnesses
   * that pace virtual time on the network (see `VirtualClock.interrupt`). Default none.
   */
  onPublish: ((topic: string, payload: Uint8Array) => void) | undefined;
  /** Observer of the board's downlinks: called right after the firmware's `onReadable` for an incoming PUBLISH returned. */
  onDeliver: ((topic: string, payload: Uint8Array) => void) | undefined;

  constructor(options: SimLinkOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.localAddress = options.localAddress;
  }

  get isUp(): boolean { return this.#up; }

  /** Drops every open connection (TCP reset) and makes new attempts fail until `up()`. */
  down(): void {
    this.#up = false;
    for (const c of [...this.clients]) c._drop(new Error('link down'));
  }

  up(): void { this.#up = true; }
}

export interface MqttClassOptions {
  /** The board's network path. Default: a link of its own that is always up. */
  link?: SimLink;
  /**
   * Called when a firmware callback throws. Default: rethrow on a fresh task (an uncaught exception, which a
   * test runner reports), after isolating it from mqtt.js.
   */
  onException?: (error: unknown) => void;
  /** Diagnostic sink. */
  log?: (message: string) => void;
  /** Live clients made by this class are kept here (the board closes them at a power cut). */
  registry?: Set<SimMqttClientIO>;
}

interface Incoming {
  topic: string;
  QoS: number;
  payload: Uint8Array;
  offset: number;
}

/** Builds a client class bound to one board's link (`device.network.mqtt.io`). */
export function createMqttClientClass(classOptions: MqttClassOptions = {}): SimMqttClientClass {
  const link = classOptions.link ?? new SimLink();
  const onException = classOptions.onException ?? ((error: unknown) => { setImmediate(() => { throw error; }); });
  const log = classOptions.log;
  const registry = classOptions.registry;

  return class SimMqttClient implements SimMqttClientIO {
    static readonly CONNECT = MqttOp.CONNECT;
    static readonly CONNACK = MqttOp.CONNACK;
    static readonly PUBLISH = MqttOp.PUBLISH;
    static readonly PUBACK = MqttOp.PUBACK;
    static readonly PUBREC = MqttOp.PUBREC;
    static readonly PUBREL = MqttOp.PUBREL;
    static readonly PUBCOMP = MqttOp.PUBCOMP;
    static readonly SUBSCRIBE = MqttOp.SUBSCRIBE;
    static readonly SUBACK = MqttOp.SUBACK;
    static readonly UNSUBSCRIBE = MqttOp.UNSUBSCRIBE;
    static readonly UNSUBACK = MqttOp.UNSUBACK;
    static readonly PINGREQ = MqttOp.PINGREQ;
    static readonly PINGRESP = MqttOp.PINGRESP;
    static readonly DISCONNECT = MqttOp.DISCONNECT;

    #options: MqttClientOptions | undefined;
    #client: MqttClient | undefined;
    #socket: net.Socket | undefined;
    #state: 'connecting' | 'connected' | 'failed' | 'closed' = 'connecting';
    #nextId = 0;
    #queue: Incoming[] = [];
    #current: Incoming | undefined;
    #delivering = false;
    #error: unknown;
    readonly #registration = { _drop: (reason: Error): void => this.#drop(reason) };

    constructor(options: MqttClientOptions) {
      if (typeof options !== 'object' || options === null) throw new TypeError('options required');
      if (typeof options.host !== 'string' || options.host === '') throw new Error('host required');
      const port = options.port ?? 1883;
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`invalid port ${port}`);
      const keepaliveMs = options.keepalive ?? 0;
      if (typeof keepaliveMs !== 'number' || !(keepaliveMs >= 0) || keepaliveMs > 65535_000) throw new RangeError(`invalid keepalive ${keepaliveMs}`);
      this.#options = options;
      link.attempts++;
      registry?.add(this);

      if (!link.isUp) {
        // Network unreachable: the attempt fails on a later turn, like a socket error on the device.
        this.#state = 'failed';
        setImmediate(() => this.#fail(new Error('link down: connection failed')));
        return;
      }

      const mqttOptions: IClientOptions = {
        protocolVersion: 4,
        clientId: options.id ?? '',
        clean: options.clean ?? true,
        keepalive: Math.round(keepaliveMs / 1000),
        reconnectPeriod: 0,
        connectTimeout: 30_000,
        resubscribe: false,
        queueQoSZero: false,
        manualConnect: false,
      };
      if (options.user !== undefined) mqttOptions.username = options.user;
      if (options.password !== undefined) mqttOptions.password = options.password;
      const will = options.will;
      if (will !== undefined) {
        mqttOptions.will = {
          topic: will.topic,
          payload: Buffer.from(toBytes(will.message)),
          qos: (will.QoS ?? 0) as 0 | 1 | 2,
          retain: will.retain ?? false,
        };
      }
      const host = options.host;
      const localAddress = link.localAddress;
      // Over TLS when the options carry `secure` (the ECMA-419 TLS socket's: `certificate` = the CA, DER, the
      // broker's certificate must chain to): node:tls, checking the certificate and its name as a device does.
      const secure = options.secure as { certificate?: ArrayBuffer } | undefined;
      const ca = secure?.certificate ? derToPem(new Uint8Array(secure.certificate)) : undefined;
      const client = new MqttClient(() => {
        const where = localAddress === undefined ? { host, port } : { host, port, localAddress };
        const socket = secure ? tls.connect({ ...where, ...(ca ? { ca } : {}), ...(net.isIP(host) ? {} : { servername: host }) }) : net.connect(where);
        socket.setNoDelay(true);
        this.#socket = socket;
        return socket;
      }, mqttOptions);
      this.#client = client;
      link.clients.add(this.#registration);

      client.on('connect', (connack) => this.#later(() => {
        if (this.#state !== 'connecting') return;
        this.#state = 'connected';
        this.#call('onControl', { operation: MqttOp.CONNACK, returnCode: connack.returnCode ?? 0, id: 0 } as MqttControlMessage);
        if (this.#state === 'connected') this.#call('onWritable', SIM_MQTT_WRITABLE);
      }));
      client.on('message', (topic, payload, packet) => {
        if (payload.byteLength === 0) return;
        const msg: Incoming = { topic, QoS: packet.qos, payload: new Uint8Array(payload), offset: 0 };
        this.#later(() => {
          if (this.#state !== 'connected') return;
          this.#queue.push(msg);
          this.#pump();
        });
      });
      client.on('packetreceive', (packet) => {
        if (packet.cmd === 'pingresp') this.#later(() => { if (this.#state === 'connected') this.#call('onControl', { operation: MqttOp.PINGRESP }); });
      });
      client.on('error', (error) => { this.#error = error; });
      client.on('close', () => this.#later(() => this.#fail(this.#error ?? new Error('connection closed'))));
    }

    read(count: number): ArrayBuffer {
      if (this.#state === 'closed') throw new Error('closed');
      const m = this.#current;
      if (m === undefined) return undefined as unknown as ArrayBuffer;
      const remaining = m.payload.byteLength - m.offset;
      if (remaining === 0) return undefined as unknown as ArrayBuffer;
      const n = count === undefined ? remaining : Math.max(0, Math.min(remaining, Math.floor(count)));
      const out = m.payload.slice(m.offset, m.offset + n).buffer;
      m.offset += n;
      if (m.offset === m.payload.byteLength && !this.#delivering) {
        this.#current = undefined;
        if (this.#queue.length > 0) setImmediate(() => this.#pump());
      }
      return out;
    }

    write(data: ArrayBuffer | Uint8Array | null, options: MqttWriteOptions = {}): number {
      if (this.#state === 'closed') throw new Error('closed');
      if (this.#state !== 'connected' || this.#client === undefined) throw new Error('not connected');
      const operation = options.operation ?? MqttOp.PUBLISH;
      const id = options.id ?? this.#allocateId();
      const client = this.#client;
      switch (operation) {
        case MqttOp.PUBLISH: {
          if (typeof options.topic !== 'string' || options.topic === '') throw new Error('topic required');
          const QoS = options.QoS ?? 0;
          if (QoS !== 0 && QoS !== 1 && QoS !== 2) throw new RangeError(`invalid QoS ${QoS}`);
          const bytes = data === null ? new Uint8Array(0) : toBytes(data);
          if (options.byteLength !== undefined && options.byteLength !== bytes.byteLength) {
            throw new Error('fragmented publish (byteLength > data) is not supported by the simulator');
          }
          const payload = Buffer.from(bytes); // copy: the caller may reuse its buffer
          const topic = options.topic;
          const retain = options.retain ?? false;
          link.onPublish?.(topic, payload);
          this.#later(() => {
            if (this.#state !== 'connected') return;
            client.publish(topic, payload, { qos: QoS, retain }, (error) => {
              if (error || QoS === 0) return;
              this.#later(() => {
                if (this.#state === 'connected') this.#call('onControl', { operation: QoS === 1 ? MqttOp.PUBACK : MqttOp.PUBCOMP, id });
              });
            });
          });
          break;
        }
        case MqttOp.SUBSCRIBE:
        case MqttOp.UNSUBSCRIBE: {
          const items = options.items;
          if (!Array.isArray(items) || items.length === 0) throw new Error('items required');
          const subscribe = operation === MqttOp.SUBSCRIBE;
          const map: Record<string, { qos: 0 | 1 | 2 }> = {};
          for (const item of items) {
            if (typeof item.topic !== 'string' || item.topic === '') throw new Error('topic required');
            map[item.topic] = { qos: (item.QoS ?? 0) as 0 | 1 | 2 };
          }
          this.#later(() => {
            if (this.#state !== 'connected') return;
            if (subscribe) {
              client.subscribe(map, (error, granted) => {
                if (error) return;
                const codes = Uint8Array.from((granted ?? []).map((g) => g.qos));
                this.#later(() => {
                  if (this.#state === 'connected') this.#call('onControl', { operation: MqttOp.SUBACK, id, payload: codes.buffer });
                });
              });
            } else {
              client.unsubscribe(Object.keys(map), (error?: Error) => {
                if (error) return;
                this.#later(() => { if (this.#state === 'connected') this.#call('onControl', { operation: MqttOp.UNSUBACK, id }); });
              });
            }
          });
          break;
        }
        case MqttOp.DISCONNECT:
          this.#later(() => { if (this.#state === 'connected') client.end(false); });
          break;
        case MqttOp.PUBACK: case MqttOp.PUBREC: case MqttOp.PUBREL: case MqttOp.PUBCOMP: case MqttOp.PINGREQ:
          // mqtt.js acknowledges received PUBLISH and pings the broker itself.
          break;
        default:
          throw new Error(`unknown operation ${operation}`);
      }
      return SIM_MQTT_WRITABLE;
    }

    close(): void {
      if (this.#state === 'closed') return;
      this.#state = 'closed';
      this.#teardown();
      this.#options = undefined;
      this.#queue = [];
      this.#current = undefined;
    }

    /** True between CONNACK and the end of the connection. */
    get connected(): boolean { return this.#state === 'connected'; }

    #allocateId(): number {
      this.#nextId = (this.#nextId % 65535) + 1;
      return this.#nextId;
    }

    #pump(): void {
      if (this.#state !== 'connected' || this.#current !== undefined || this.#delivering) return;
      const m = this.#queue.shift();
      if (m === undefined) return;
      this.#current = m;
      const byteLength = m.payload.byteLength;
      const info: MqttReadableOptions = { more: false, topic: m.topic, QoS: m.QoS, byteLength };
      this.#delivering = true;
      try {
        this.#call('onReadable', byteLength, info);
      } finally {
        this.#delivering = false;
      }
      link.onDeliver?.(m.topic, m.payload);
      // Fully read inside the callback: move on to the next queued message on a later turn.
      if (this.#current === m && m.offset === m.payload.byteLength) {
        this.#current = undefined;
        if (this.#queue.length > 0) setImmediate(() => this.#pump());
      }
    }

    #drop(reason: Error): void {
      this.#error = reason;
      this.#socket?.destroy();
    }

    #fail(error: unknown): void {
      if (this.#state === 'closed') return;
      this.#state = 'closed';
      this.#teardown();
      log?.(`mqtt: connection failed or lost: ${error instanceof Error ? error.message : String(error)}`);
      this.#call('onError', error);
      this.#call('onClose');
      this.#options = undefined;
      this.#queue = [];
      this.#current = undefined;
    }

    #teardown(): void {
      link.clients.delete(this.#registration);
      registry?.delete(this);
      const client = this.#client;
      this.#client = undefined;
      // No DISCONNECT: dropping the TCP connection makes the broker publish the will [MQTT-3.1.2-8].
      this.#socket?.destroy();
      this.#socket = undefined;
      if (client !== undefined) {
        client.removeAllListeners('message');
        client.removeAllListeners('connect');
        client.removeAllListeners('packetreceive');
        client.on('error', () => {});
        client.end(true);
      }
    }

    #later(fn: () => void): void {
      if (link.latencyMs > 0) setTimeout(fn, link.latencyMs);
      else fn();
    }

    #call(name: 'onControl' | 'onReadable' | 'onWritable' | 'onClose' | 'onError', ...args: unknown[]): void {
      const options = this.#options;
      if (options === undefined) return;
      const fn = options[name] as ((this: MqttClientIO, ...a: unknown[]) => void) | undefined;
      if (typeof fn !== 'function') return;
      // onError/onClose are delivered even though the state is already 'closed' (we are failing);
      // a user close() clears #options, which stops everything.
      try {
        fn.apply(this, args);
      } catch (error) {
        onException(error);
      }
    }
  };
}

/** The client class: a `MqttClientConstructor` whose instances also tell whether they are connected. */
export type SimMqttClientClass = (new (options: MqttClientOptions) => SimMqttClientIO) & { readonly [K in keyof typeof MqttOp]: (typeof MqttOp)[K] };

export interface SimMqttClientIO extends MqttClientIO {
  readonly connected: boolean;
  write(data: ArrayBuffer | Uint8Array | null, options?: MqttWriteOptions): number;
}

/** A client class with a private, always-up link: `new SimMqttClient({host, port, id, ...})`. */
export const SimMqttClient: SimMqttClientClass = createMqttClientClass();

// The simulated class fits the firmware's contract.
const _contract: MqttClientConstructor = SimMqttClient;
void _contract;

function toBytes(data: ArrayBuffer | ArrayBufferView | string | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError('payload must be an ArrayBuffer or a typed array');
}

/** A DER certificate as PEM (node:tls takes PEM). */
function derToPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}
