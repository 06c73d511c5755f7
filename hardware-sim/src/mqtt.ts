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
 * Added for simulation: a per-board `SimLink` (fault injection: `down()`/`up()`, latency, source address), a
 * network-less link (`network: 'none'`: every attempt fails in virtual time, no socket), and a `ConnectPacer` that
 * ramps a fleet's connections at a set rate (issue 14).
 */
import net from 'node:net';
import type { HostTimers } from '../../firmware/src/host.js';
import tls from 'node:tls';
import { MqttClient, type IClientOptions } from 'mqtt';
import { boardClass } from './io/board-class.js';
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
  /**
   * 'none': the board has no network (network-less fleets, issue 14). Every connection attempt fails
   * `NO_NETWORK_FAIL_MS` virtual ms later, like a refused TCP connect, on the board's timers (deterministic, in
   * virtual time), with no socket and no mqtt.js client; the firmware backs off and retries as it would. Default
   * 'broker'.
   */
  network?: 'broker' | 'none';
  /** Connection attempts wait for their turn here (a fleet's shared ramp, real time). Default: none. */
  pacer?: ConnectPacer;
}

/** How long a connection attempt of a network-less board takes to fail, virtual ms (a refused connect). */
export const NO_NETWORK_FAIL_MS = 10;
/** The error of every such attempt: one object (an Error captures a stack trace, which dominated a fleet's cost). */
const NO_NETWORK_ERROR = new Error('no network: connection refused');

/**
 * Ramps connection attempts in real time: at most `perSecond` TCP connections start per second, in the order they
 * were asked for (a fleet of 10,000 boards powered on at one virtual instant would otherwise open 10,000 sockets in
 * one event-loop turn). An attempt closed before its turn never starts.
 */
export class ConnectPacer {
  readonly perSecond: number;
  readonly #queue: ({ start: () => void } | undefined)[] = [];
  #head = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #since = 0;
  #startedSince = 0;
  /** Connections started through the pacer. */
  started = 0;

  constructor(perSecond: number) {
    if (!(perSecond > 0) || !Number.isFinite(perSecond)) throw new RangeError('perSecond must be > 0');
    this.perSecond = perSecond;
  }

  /** Attempts waiting for their turn. */
  get waiting(): number {
    let n = 0;
    for (let i = this.#head; i < this.#queue.length; i++) if (this.#queue[i] !== undefined) n++;
    return n;
  }

  /** Queues `start`; the returned function withdraws it if it has not started. */
  take(start: () => void): () => void {
    const entry = { start };
    const at = this.#queue.length;
    this.#queue.push(entry);
    this.#schedule(0);
    return () => { if (this.#queue[at] === entry) this.#queue[at] = undefined; };
  }

  #schedule(delayMs: number): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => { this.#timer = undefined; this.#drain(); }, delayMs);
    this.#timer.unref?.();
  }

  #drain(): void {
    const now = performance.now();
    // Turns accrue from the start of a busy period (the queue was empty before it).
    if (this.#startedSince === 0) this.#since = now;
    const allowed = Math.floor(((now - this.#since) * this.perSecond) / 1000) + 1 - this.#startedSince;
    let n = 0;
    const q = this.#queue;
    while (n < allowed && this.#head < q.length) {
      const entry = q[this.#head];
      q[this.#head++] = undefined;
      if (entry === undefined) continue;
      n++;
      this.#startedSince++;
      this.started++;
      entry.start();
    }
    if (this.#head === q.length) {
      q.length = 0;
      this.#head = 0;
      this.#startedSince = 0;
      return;
    }
    this.#schedule(Math.max(1, Math.min(50, 1000 / this.perSecond)));
  }
}

/** The network path of one board: fault injection. */
export class SimLink {
  latencyMs: number;
  readonly localAddress: string | undefined;
  #up = true;
  readonly network: 'broker' | 'none';
  readonly pacer: ConnectPacer | undefined;
  /** Connection attempts made through this link. */
  attempts = 0;
  /** Connections that reached CONNACK, and the real time the last one took from its TCP connect (ms). */
  connects = 0;
  lastConnectMs: number | undefined;
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
    this.network = options.network ?? 'broker';
    this.pacer = options.pacer;
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
  /**
   * The board's timers: a network-less link (`network: 'none'`) fails attempts on them, in virtual time. Without
   * them it fails on a later event-loop turn.
   */
  timers?: HostTimers;
}

interface Incoming {
  topic: string;
  QoS: number;
  payload: Uint8Array;
  offset: number;
}

/** What a board's client class is bound to. */
interface ClientContext {
  link: SimLink;
  onException: (error: unknown) => void;
  log: ((message: string) => void) | undefined;
  registry: Set<SimMqttClientIO> | undefined;
  timers: HostTimers | undefined;
}

const MQTT_STATICS = {
  CONNECT: MqttOp.CONNECT, CONNACK: MqttOp.CONNACK, PUBLISH: MqttOp.PUBLISH, PUBACK: MqttOp.PUBACK,
  PUBREC: MqttOp.PUBREC, PUBREL: MqttOp.PUBREL, PUBCOMP: MqttOp.PUBCOMP, SUBSCRIBE: MqttOp.SUBSCRIBE,
  SUBACK: MqttOp.SUBACK, UNSUBSCRIBE: MqttOp.UNSUBSCRIBE, UNSUBACK: MqttOp.UNSUBACK, PINGREQ: MqttOp.PINGREQ,
  PINGRESP: MqttOp.PINGRESP, DISCONNECT: MqttOp.DISCONNECT,
} as const;

/**
 * Builds a client class bound to one board's link (`device.network.mqtt.io`). Every board's class makes instances
 * of one shared implementation (io/board-class.ts explains why: a class per board made the firmware's link code
 * megamorphic; with a network-less fleet retrying every few minutes it was the largest cost, issue 14).
 */
export function createMqttClientClass(classOptions: MqttClassOptions = {}): SimMqttClientClass {
  const ctx: ClientContext = {
    link: classOptions.link ?? new SimLink(),
    onException: classOptions.onException ?? ((error: unknown) => { setImmediate(() => { throw error; }); }),
    log: classOptions.log,
    registry: classOptions.registry,
    timers: classOptions.timers,
  };
  return boardClass<SimMqttClientClass>('SimMqttClient', (options: MqttClientOptions) => new SimMqttClientImpl(ctx, options), MQTT_STATICS);
}

/** One implementation for every board. */
class SimMqttClientImpl implements SimMqttClientIO {
  readonly #ctx: ClientContext;
  #options: MqttClientOptions | undefined;
  #client: MqttClient | undefined;
  #socket: net.Socket | undefined;
  /** Withdraws the attempt from the pacer's queue while it waits for its turn. */
  #withdraw: (() => void) | undefined;
  #state: 'connecting' | 'connected' | 'failed' | 'closed' = 'connecting';
  #nextId = 0;
  #queue: Incoming[] = [];
  #current: Incoming | undefined;
  #delivering = false;
  #error: unknown;
  readonly #registration = { _drop: (reason: Error): void => this.#drop(reason) };

  constructor(ctx: ClientContext, options: MqttClientOptions) {
    this.#ctx = ctx;
    const { link, registry, timers } = ctx;
    if (typeof options !== 'object' || options === null) throw new TypeError('options required');
    if (typeof options.host !== 'string' || options.host === '') throw new Error('host required');
    const port = options.port ?? 1883;
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`invalid port ${port}`);
    const keepaliveMs = options.keepalive ?? 0;
    if (typeof keepaliveMs !== 'number' || !(keepaliveMs >= 0) || keepaliveMs > 65535_000) throw new RangeError(`invalid keepalive ${keepaliveMs}`);
    this.#options = options;
    link.attempts++;
    registry?.add(this);

    if (link.network === 'none') {
      // No network at all: the attempt fails a moment later in virtual time (a refused connect), no socket.
      this.#state = 'failed';
      const fail = (): void => this.#fail(NO_NETWORK_ERROR);
      if (timers) timers.set(fail, NO_NETWORK_FAIL_MS);
      else setImmediate(fail);
      return;
    }
    if (!link.isUp) {
      // Network unreachable: the attempt fails on a later turn, like a socket error on the device.
      this.#state = 'failed';
      setImmediate(() => this.#fail(new Error('link down: connection failed')));
      return;
    }
    link.clients.add(this.#registration);
    const pacer = link.pacer;
    if (pacer) {
      this.#withdraw = pacer.take(() => { this.#withdraw = undefined; this.#open(options, keepaliveMs); });
      return;
    }
    this.#open(options, keepaliveMs);
  }

  /** Opens the TCP connection and the MQTT session (at once, or when the pacer gives the attempt its turn). */
  #open(options: MqttClientOptions, keepaliveMs: number): void {
    if (this.#state !== 'connecting') return;
    const link = this.#ctx.link;

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
    const port = options.port ?? 1883;
    let openedAt = 0;
    const client = new MqttClient(() => {
      openedAt = performance.now();
      const where = localAddress === undefined ? { host, port } : { host, port, localAddress };
      const socket = secure ? tls.connect({ ...where, ...(ca ? { ca } : {}), ...(net.isIP(host) ? {} : { servername: host }) }) : net.connect(where);
      socket.setNoDelay(true);
      this.#socket = socket;
      return socket;
    }, mqttOptions);
    this.#client = client;

    client.on('connect', (connack) => this.#later(() => {
      if (this.#state !== 'connecting') return;
      this.#state = 'connected';
      link.connects++;
      link.lastConnectMs = performance.now() - openedAt;
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
        this.#ctx.link.onPublish?.(topic, payload);
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
    this.#ctx.link.onDeliver?.(m.topic, m.payload);
    // Fully read inside the callback: move on to the next queued message on a later turn.
    if (this.#current === m && m.offset === m.payload.byteLength) {
      this.#current = undefined;
      if (this.#queue.length > 0) setImmediate(() => this.#pump());
    }
  }

  #drop(reason: Error): void {
    this.#error = reason;
    if (this.#withdraw !== undefined) {
      // Still waiting for its turn: it fails like a connect on a dead link.
      this.#withdraw();
      this.#withdraw = undefined;
      setImmediate(() => this.#fail(reason));
      return;
    }
    this.#socket?.destroy();
  }

  #fail(error: unknown): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#teardown();
    this.#ctx.log?.(`mqtt: connection failed or lost: ${error instanceof Error ? error.message : String(error)}`);
    this.#call('onError', error);
    this.#call('onClose');
    this.#options = undefined;
    this.#queue = [];
    this.#current = undefined;
  }

  #teardown(): void {
    this.#withdraw?.();
    this.#withdraw = undefined;
    this.#ctx.link.clients.delete(this.#registration);
    this.#ctx.registry?.delete(this);
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
    if (this.#ctx.link.latencyMs > 0) setTimeout(fn, this.#ctx.link.latencyMs);
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
      this.#ctx.onException(error);
    }
  }
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
