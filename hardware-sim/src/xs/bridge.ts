/**
 * The Node side of the XS host: a `FirmwareFactory` that boots the firmware bundle inside the real XS engine
 * (one xsnap-worker process per boot) and forwards the guest's Host calls to the Host the board built — the
 * same simulated parts a Node-hosted firmware uses: PWM trace and electrical model, NVS, the metering chip
 * behind PulseCount or Serial, the meter-log flash partition, the OTA slots of the bootloader, the MQTT client
 * over the real broker, the board's timer group on the VirtualClock. Timer firings, IO and MQTT callbacks
 * are delivered into XS synchronously (see machine.ts), so an XS board runs in virtual time exactly like a
 * Node board, and the two produce the same traces.
 *
 * Errors: an exception escaping a delivery (`XsError`) or a dead worker (`XsExitError`) propagates to the
 * caller — the board's guard — which reboots with reset reason 'panic', as on Node. Stopping (power cut,
 * restart) kills the worker; a restart requested from inside XS ends the delivery in progress.
 */
import type {
  FlashPartition, Host, MqttClientIO, PulseCountIO, PwmIO, DigitalIO, SerialIO, TimerId,
} from '../../../firmware/src/host.js';
import { bundleScript, SCRIPT_ENTRY } from '../../../firmware/scripts/bundle.js';
import { devhostBinary } from '../../scripts/devhost-build.js';
import { fileURLToPath } from 'node:url';
import { XsExitError, XsMachine, type XsMeter } from './machine.js';
import {
  exactBuffer, joinFrame, splitFrame, type BootMessage, type GuestCall, type HostEvent, type MqttCallback, type SerialCallback,
} from './protocol.js';

export interface XsFirmwareOptions {
  /**
   * 'xsnap' (default): the firmware script evaluated in an xsnap worker. 'device': the device-conditions host
   * (../../devhost/, built by scripts/devhost-build.ts), where the firmware is preloaded in the device's heap.
   */
  engine?: 'xsnap' | 'device';
  /** The device-conditions host binary. Default: the one built for the current sources (`devhostBinary()`). */
  devhostBin?: string;
  /** Firmware script to evaluate (xsnap). Default: the bundle of firmware/src/platform/script.ts, built in memory once per process. */
  bundle?: string;
  /** Computation allowed per delivery (xsnap `-l`). Default 100,000,000. */
  meteringLimit?: number;
  /** Worker stdout/stderr. Default 'inherit'. */
  stdio?: 'inherit' | 'ignore';
  /**
   * Called after each delivery with its meter and, for deliveries into a running firmware, what it cost on the
   * wire: Host calls made from inside XS, bytes of those calls and their replies, wall-clock ms (benchmarks).
   */
  onMeter?: (what: string, meter: XsMeter, wire?: XsDeliveryCost) => void;
  /** Called for each Host call made from inside XS, with its operation and payload size (benchmarks). */
  onCall?: (op: GuestCall[0], bytes: number) => void;
}

/** What one delivery cost outside the engine. */
export interface XsDeliveryCost {
  /** Host calls made from inside XS during the delivery (synchronous round trips). */
  calls: number;
  /** Bytes of those calls and their replies, plus the delivery's own message. */
  bytes: number;
  /** Wall-clock milliseconds of the delivery, calls included. */
  ms: number;
}

/** A firmware instance running in XS. */
export interface XsFirmware {
  stop(): void;
  /** `Firmware.status()` of the firmware inside XS. */
  status(): unknown;
  readonly machine: XsMachine;
  /** Sends a raw event into XS, with optional bytes after its JSON (benchmarks: 'gc', 'decode'). */
  deliver(event: HostEvent, bytes?: Uint8Array): unknown;
}

let cachedBundle: string | undefined;
let cachedGuest: string | undefined;
/** Names the xsnap workers apart (diagnostics). */
let machines = 0;

/**
 * What the firmware on device-conditions hosts has used since the last `resetDeviceLedger()`, over every board of
 * the process: the scenario suites report it per scenario and check it against the device's heap.
 */
export interface DeviceLedger {
  deliveries: number;
  /** Computation over all deliveries, and the most one delivery took (and which event it was). */
  compute: number;
  maxCompute: number;
  maxComputeEvent: string;
  /** High-water marks: live after a collection at the end of a delivery; peak during one (garbage included). */
  liveSlots: number;
  liveChunks: number;
  peakSlots: number;
  peakChunks: number;
  /** The device heap (firmware/manifest.json `creation`): slots and chunk bytes. */
  heapSlots: number;
  heapChunks: number;
  /** Deepest the JavaScript stack went, and its size, in slots. */
  stackSlots: number;
  stackSize: number;
}

function emptyLedger(): DeviceLedger {
  return { deliveries: 0, compute: 0, maxCompute: 0, maxComputeEvent: '', liveSlots: 0, liveChunks: 0, peakSlots: 0, peakChunks: 0, heapSlots: 0, heapChunks: 0, stackSlots: 0, stackSize: 0 };
}
let ledger = emptyLedger();

/** Starts a new ledger and returns the previous one. */
export function resetDeviceLedger(): DeviceLedger {
  const last = ledger;
  ledger = emptyLedger();
  return last;
}

/** The ledger so far. */
export function deviceLedger(): DeviceLedger { return { ...ledger }; }

function account(event: string, meter: XsMeter): void {
  const d = meter.device;
  if (!d) return;
  ledger.deliveries++;
  ledger.compute += meter.compute;
  if (meter.compute > ledger.maxCompute) { ledger.maxCompute = meter.compute; ledger.maxComputeEvent = event; }
  ledger.liveSlots = Math.max(ledger.liveSlots, d.liveSlots);
  ledger.liveChunks = Math.max(ledger.liveChunks, d.liveChunks);
  ledger.peakSlots = Math.max(ledger.peakSlots, d.peakSlots);
  ledger.peakChunks = Math.max(ledger.peakChunks, d.peakChunks);
  ledger.heapSlots = d.heapSlots;
  ledger.heapChunks = d.heapChunks;
  ledger.stackSlots = Math.max(ledger.stackSlots, d.stackSlots);
  ledger.stackSize = d.stackSize;
}

let cachedDevhost: string | undefined;
/** The device-conditions host built for the current sources (looked up once per process). */
function devhostBin(): string {
  cachedDevhost ??= devhostBinary();
  return cachedDevhost;
}

/** The firmware script bundle (plain, not minified: XS error messages keep their names). Cached. */
export function firmwareBundle(): string {
  cachedBundle ??= bundleScript({ entry: SCRIPT_ENTRY });
  return cachedBundle;
}

/** The guest script (guest.ts bundled). Cached. */
export function guestScript(): string {
  cachedGuest ??= bundleScript({ entry: fileURLToPath(new URL('./guest.ts', import.meta.url)), globalName: '__streetlightXsGuest' });
  return cachedGuest;
}

/** Returns a `FirmwareFactory` that runs the firmware on XS (`SimBoard` option `runtime: 'xs'`). */
export function createXsFirmware(options: XsFirmwareOptions = {}): (host: Host) => XsFirmware {
  return (host) => startXsFirmware(host, options);
}

export function startXsFirmware(host: Host, options: XsFirmwareOptions = {}): XsFirmware {
  const pwms = new Map<number, PwmIO>();
  const digitals = new Map<number, DigitalIO>();
  const pulseCounts = new Map<number, PulseCountIO>();
  const serials = new Map<number, SerialIO>();
  const partitions = new Map<number, FlashPartition>();
  const digests = new Map<number, { update(data: Uint8Array): void; digest(): Uint8Array }>();
  const clients = new Map<number, MqttClientIO>();
  const timerIds = new Map<number, TimerId>();
  let stopped = false;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  const onMeter = options.onMeter;
  /** Cost counters of the delivery in progress (deliveries never nest). */
  const wire = { calls: 0, bytes: 0 };
  const deliver = (event: HostEvent, bytes?: Uint8Array): unknown => {
    if (stopped || machine.closed) return undefined;
    try {
      const message = joinFrame(encoder.encode(JSON.stringify(event)), bytes);
      const t0 = onMeter ? performance.now() : 0;
      wire.calls = 0;
      wire.bytes = message.byteLength;
      const { reply, meter } = machine.issueCommand(message);
      if (meter.device) account(event[0], meter);
      onMeter?.(event[0], meter, { calls: wire.calls, bytes: wire.bytes + reply.byteLength, ms: performance.now() - t0 });
      return reply.byteLength === 0 ? undefined : JSON.parse(decoder.decode(reply));
    } catch (error) {
      // A worker killed by a restart or a power cut from inside a delivery: not a fault.
      if (stopped && error instanceof XsExitError) return undefined;
      throw error;
    }
  };

  const need = <T>(map: Map<number, T>, h: number, what: string): T => {
    const value = map.get(h);
    if (value === undefined) throw new Error(`${what} ${h} is closed`);
    return value;
  };
  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`this board has no ${what}`);
    return value;
  };
  const payload = (bytes: Uint8Array | undefined): Uint8Array => bytes ?? new Uint8Array(0);

  /** Answers one Host call: a JSON value, or bytes (a Uint8Array, sent raw beside the reply's JSON). */
  const handlers = (message: GuestCall, bytes: Uint8Array | undefined): unknown => {
    switch (message[0]) {
      case 'pwm.new': {
        const pwm = new host.device.io.PWM(message[2] as { pin: number });
        pwms.set(message[1], pwm);
        return { resolution: pwm.resolution, hz: pwm.hz };
      }
      case 'pwm.write': need(pwms, message[1], 'PWM').write(message[2]); return undefined;
      case 'pwm.close': need(pwms, message[1], 'PWM').close(); pwms.delete(message[1]); return undefined;
      case 'dig.new': {
        const Digital = required(host.device.io.Digital, 'Digital IO');
        const h = message[1];
        const io = new Digital({
          ...(message[2] as { pin: number; mode: unknown }),
          ...(message[3] ? { onReadable: () => { deliver(['dig', h]); } } : {}),
        });
        digitals.set(h, io);
        return undefined;
      }
      case 'dig.read': return need(digitals, message[1], 'Digital').read();
      case 'dig.write': need(digitals, message[1], 'Digital').write(message[2] as 0 | 1); return undefined;
      case 'dig.close': need(digitals, message[1], 'Digital').close(); digitals.delete(message[1]); return undefined;
      // ---- platform crypto (the device's is native: the simulator's node:crypto, not metered in XS) ----
      case 'crypto.verifyP256': {
        const data = payload(bytes);
        const verifier = required(host.crypto?.verifyP256, 'ECDSA P-256');
        return verifier.call(host.crypto, data.subarray(0, message[1]), data.subarray(message[1] + message[2]), data.subarray(message[1], message[1] + message[2]));
      }
      // ---- Wi-Fi station ----
      case 'wifi.connect':
        required(host.device.network.wifi, 'Wi-Fi').connect(message[1], message[2], (event) => { deliver(['wifi', event]); });
        return undefined;
      case 'wifi.close': required(host.device.network.wifi, 'Wi-Fi').close(); return undefined;
      // ---- metering IO ----
      case 'pc.new': {
        const PulseCount = required(host.device.io.PulseCount, 'PulseCount IO');
        const h = message[1];
        const io = new PulseCount({
          ...(message[2] as { signal: number }),
          ...(message[3] ? { onReadable: () => { deliver(['pc', h]); } } : {}),
        });
        pulseCounts.set(h, io);
        return undefined;
      }
      case 'pc.read': return need(pulseCounts, message[1], 'PulseCount').read();
      case 'pc.write': need(pulseCounts, message[1], 'PulseCount').write(message[2]); return undefined;
      case 'pc.close': need(pulseCounts, message[1], 'PulseCount').close(); pulseCounts.delete(message[1]); return undefined;
      case 'ser.new': {
        const Serial = required(host.device.io.Serial, 'Serial IO');
        const [, h, plain, names] = message;
        const send = (name: SerialCallback) => (...args: unknown[]): void => { deliver(['ser', h, name, args]); };
        const callbacks: Partial<Record<SerialCallback, (...args: unknown[]) => void>> = {};
        for (const name of names) callbacks[name] = send(name);
        const io = new Serial({ ...(plain as { transmit: number; receive: number; baud: number }), ...callbacks });
        serials.set(h, io);
        return undefined;
      }
      case 'ser.read': {
        const data = need(serials, message[1], 'Serial').read(message[2] ?? undefined);
        return data === undefined ? null : new Uint8Array(data);
      }
      case 'ser.write': need(serials, message[1], 'Serial').write(exactBuffer(payload(bytes))); return undefined;
      case 'ser.close': need(serials, message[1], 'Serial').close(); serials.delete(message[1]); return undefined;
      // ---- flash partitions ----
      case 'fl.open': {
        const part = required(host.flash, 'flash partitions').open(message[2]);
        partitions.set(message[1], part);
        return part.status();
      }
      case 'fl.read': return new Uint8Array(need(partitions, message[1], 'flash partition').read(message[2], message[3]));
      case 'fl.write': need(partitions, message[1], 'flash partition').write(message[2], exactBuffer(payload(bytes))); return undefined;
      case 'fl.erase': need(partitions, message[1], 'flash partition').eraseBlock(message[2]); return undefined;
      case 'fl.close': need(partitions, message[1], 'flash partition').close(); partitions.delete(message[1]); return undefined;
      // ---- OTA slots ----
      case 'up.begin': return required(host.update, 'update capability').begin(message[1], message[2] as 'full' | 'mod', message[3] ?? undefined);
      case 'up.write': required(host.update, 'update capability').write(message[1], payload(bytes)); return undefined;
      case 'up.read': return required(host.update, 'update capability').read(message[1], message[2]);
      case 'up.finish': required(host.update, 'update capability').finish(); return undefined;
      case 'up.setBoot': required(host.update, 'update capability').setBoot(); return undefined;
      case 'up.markValid': required(host.update, 'update capability').markValid(); return undefined;
      case 'up.markInvalid': required(host.update, 'update capability').markInvalid(message[1]); return undefined;
      case 'sha.new': {
        const sha256 = required(host.update?.sha256, 'native SHA-256');
        digests.set(message[1], sha256());
        return undefined;
      }
      case 'sha.update': need(digests, message[1], 'SHA-256').update(payload(bytes)); return undefined;
      case 'sha.digest': {
        const digest = need(digests, message[1], 'SHA-256').digest();
        digests.delete(message[1]);
        return digest;
      }
      // ---- MQTT ----
      case 'mqtt.new': {
        const h = message[1];
        const { will, secure, ...plain } = message[2] as Record<string, unknown> & { host: string; id: string; will?: { topic: string }; secure?: { certificate?: number[] } };
        const send = (name: MqttCallback, args: unknown[], data?: Uint8Array): void => { deliver(['mqtt', h, name, args], data); };
        const client = new host.device.network.mqtt.io({
          ...host.device.network.mqtt,
          ...plain,
          ...(secure ? { secure: { ...(secure.certificate ? { certificate: Uint8Array.from(secure.certificate).buffer } : {}) } } : {}),
          ...(will ? { will: { ...will, message: exactBuffer(payload(bytes)) } } : {}),
          onControl(msg) {
            if (msg.payload instanceof ArrayBuffer) {
              const { payload: data, ...rest } = msg;
              send('onControl', [rest], new Uint8Array(data));
            } else send('onControl', [msg]);
          },
          onReadable(count, info) { send('onReadable', [count, info]); },
          onWritable(count) { send('onWritable', [count]); },
          onClose() { clients.delete(h); send('onClose', []); },
          onError(error) { send('onError', [error instanceof Error ? error.message : String(error)]); },
        });
        clients.set(h, client);
        return undefined;
      }
      case 'mqtt.read': {
        const data = need(clients, message[1], 'MQTT client').read(message[2]) as ArrayBuffer | undefined;
        return data === undefined ? null : new Uint8Array(data);
      }
      case 'mqtt.write': {
        const data = bytes === undefined ? null : exactBuffer(bytes);
        return need(clients, message[1], 'MQTT client').write(data, message[2] ?? undefined) ?? null;
      }
      case 'mqtt.close': {
        const client = clients.get(message[1]);
        clients.delete(message[1]);
        client?.close();
        return undefined;
      }
      case 'timer.set': {
        const [, id, ms, repeat] = message;
        const fire = (): void => {
          if (!repeat) timerIds.delete(id);
          deliver(['timer', id]);
        };
        timerIds.set(id, repeat ? host.timers.repeat(fire, ms) : host.timers.set(fire, ms));
        return undefined;
      }
      case 'timer.clear': {
        const handle = timerIds.get(message[1]);
        timerIds.delete(message[1]);
        if (handle !== undefined) host.timers.clear(handle);
        return undefined;
      }
      case 'clock.read': return [host.clock.now(), host.clock.ticks()];
      case 'clock.set': host.clock.set(message[1]); return undefined;
      case 'kv.read': {
        const value = host.storage.read(message[1]);
        return value === undefined ? null : new Uint8Array(value);
      }
      case 'kv.write': host.storage.write(message[1], exactBuffer(payload(bytes))); return undefined;
      case 'kv.delete': host.storage.delete(message[1]); return undefined;
      case 'sys.restart': host.system.restart(); return undefined;
      case 'sys.random': return host.system.random();
      case 'sys.log': host.system.log(message[1] as 'info', message[2]); return undefined;
    }
  };

  const device = options.engine === 'device';
  const machine = new XsMachine({
    name: `${device ? 'device' : 'xs'}-firmware-${++machines}`,
    ...(device ? { bin: options.devhostBin ?? devhostBin() } : {}),
    ...(options.meteringLimit !== undefined ? { meteringLimit: options.meteringLimit } : {}),
    ...(options.stdio !== undefined ? { stdio: options.stdio } : {}),
    onCommand(request) {
      let reply: Uint8Array;
      try {
        const frame = splitFrame(request);
        const message = JSON.parse(decoder.decode(frame.json)) as GuestCall;
        options.onCall?.(message[0], request.byteLength);
        const v = handlers(message, frame.bytes);
        reply = v instanceof Uint8Array ? joinFrame(encoder.encode('{}'), v) : encoder.encode(v === undefined ? '{}' : JSON.stringify({ v }));
      } catch (error) {
        reply = encoder.encode(JSON.stringify({ e: error instanceof Error ? [error.name, error.message] : ['Error', String(error)] }));
      }
      wire.calls++;
      wire.bytes += request.byteLength + reply.byteLength;
      return reply;
    },
  });

  const instance: XsFirmware = {
    machine,
    deliver,
    stop() {
      if (stopped) return;
      stopped = true;
      machine.close();
      pwms.clear();
      digitals.clear();
      pulseCounts.clear();
      serials.clear();
      partitions.clear();
      digests.clear();
      clients.clear();
      timerIds.clear();
    },
    status: () => deliver(['status']),
  };

  try {
    if (!device) {
      const guest = machine.evaluate(guestScript());
      onMeter?.('load-guest', guest.meter);
      const loaded = machine.evaluate(options.bundle ?? firmwareBundle());
      onMeter?.('load-firmware', loaded.meter);
    }
    const Digital = host.device.io.Digital;
    const mqttClass = host.device.network.mqtt.io as unknown as Record<string, unknown>;
    const mqttStatics: Record<string, number> = {};
    for (const key of Object.keys(mqttClass)) if (typeof mqttClass[key] === 'number') mqttStatics[key] = mqttClass[key] as number;
    for (const key of ['CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'SUBSCRIBE', 'SUBACK', 'DISCONNECT']) {
      const value = mqttClass[key];
      if (typeof value === 'number') mqttStatics[key] = value;
    }
    const mqttProvider: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(host.device.network.mqtt)) {
      if (key !== 'io' && typeof value !== 'function' && typeof value !== 'object') mqttProvider[key] = value;
    }
    const update = host.update;
    const boot: BootMessage = {
      pins: { ...host.device.pin },
      firmwareVersion: host.system.firmwareVersion,
      resetReason: host.system.resetReason,
      ...(Digital ? { digital: { Input: Digital.Input, InputPullUp: Digital.InputPullUp, InputPullDown: Digital.InputPullDown, Output: Digital.Output, Rising: Digital.Rising, Falling: Digital.Falling } } : {}),
      wifi: host.device.network.wifi !== undefined,
      pulseCount: host.device.io.PulseCount !== undefined,
      serial: host.device.io.Serial !== undefined,
      flash: host.flash !== undefined,
      ...(update ? { update: { pendingVerify: update.pendingVerify, lastRollback: update.lastRollback, sha256: typeof update.sha256 === 'function' } } : {}),
      mqttStatics,
      mqttProvider,
    };
    deliver(['boot', boot]);
  } catch (error) {
    instance.stop();
    throw error;
  }
  return instance;
}
