/**
 * The XS side of the simulator's XS hosts: the firmware's `Host` (firmware/src/host.ts) built on a bridge to the
 * Node side — the same surface the Node host gives: PWM, Digital, PulseCount and Serial (metering chips), MQTT,
 * timers, clock, NVS, flash partitions (`host.flash`, the meter log) and the OTA slots (`host.update`) — with
 * thin shims that forward every call to the Node side through a synchronous `issue(request)`, and a
 * `handleCommand(request)` that receives timer firings, IO and MQTT callbacks and queries. No simulation logic
 * lives here: the parts are the Node board's own.
 *
 * Two hosts run it: xsnap (guest.ts, evaluated as a script: xsnap's `issueCommand`, `gc`, `TextEncoder`) and the
 * device-conditions host (../devhost/entry.ts, PRELOADED by xsl with the firmware: its host functions, the SDK's
 * native crypto). Preloaded, whatever a module body creates is frozen, so all state lives in `createGuest()`'s
 * closure, created at boot.
 *
 * Every call is one round trip, whatever its size: binary arguments and results travel as raw bytes beside the
 * JSON of the call (protocol.ts), so a 4 KiB flash read or an OTA chunk write costs no per-byte work here.
 */
import type {
  DigitalIO, FlashPartition, Host, HostCrypto, HostUpdate, MqttClientIO, MqttClientOptions, MqttWriteOptions, PulseCountIO, PwmIO,
  SerialConstructor, SerialIO, TimerId,
} from '../../../firmware/src/host.js';
import {
  bytesOf, exactBuffer, joinFrame, splitFrame, type BootMessage, type GuestCall, type HostEvent, type SerialCallback,
} from './protocol.js';

export interface FirmwareScript {
  startFirmware(host: Host): { stop(): void; status(): unknown };
  decodeDownlink(bytes: Uint8Array): unknown;
}

/** What a host gives the guest. */
export interface GuestEnv {
  /** One synchronous Host call: the request frame out, the reply frame back. */
  issue(request: ArrayBuffer): ArrayBuffer;
  /** A full garbage collection. */
  gc(): void;
  /** UTF-8 of a string, and back. */
  encode(text: string): Uint8Array;
  decode(bytes: Uint8Array): string;
  /** The firmware (looked up at boot). */
  firmware(): FirmwareScript;
  /**
   * The platform's native crypto, when the host runs the SDK's (device-conditions host). Otherwise ECDSA is a
   * call into the simulator and HMAC stays in XS (the firmware's ECMAScript one), so its cost is measured.
   */
  crypto?: HostCrypto;
  /** A native streaming SHA-256 in XS (device-conditions host); otherwise the simulator's, through calls. */
  sha256?: () => { update(data: Uint8Array): void; digest(): Uint8Array };
}

/** The guest's `handleCommand`: all its state is created here, when the host starts. */
export function createGuest(env: GuestEnv): (request: ArrayBuffer) => ArrayBuffer | undefined {
  const ERRORS: Record<string, ErrorConstructor> = { RangeError, TypeError, SyntaxError, Error };

  /** One Host call: the JSON of `message`, plus `bytes` if given. Returns the reply's value, or its bytes. */
  function call(message: GuestCall, bytes?: Uint8Array): unknown {
    const frame = joinFrame(env.encode(JSON.stringify(message)), bytes);
    const reply = splitFrame(new Uint8Array(env.issue(exactBuffer(frame))));
    const result = JSON.parse(env.decode(reply.json)) as { v?: unknown; e?: [string, string] };
    if (result.e) {
      const [name, text] = result.e;
      const error = new (ERRORS[name] ?? Error)(text);
      if (!ERRORS[name]) error.name = name; // e.g. PowerLossError: the name survives the crossing
      throw error;
    }
    return reply.bytes ?? result.v;
  }

  /** A call whose reply is bytes or null. */
  function callBytes(message: GuestCall, bytes?: Uint8Array): Uint8Array | undefined {
    const r = call(message, bytes);
    return r instanceof Uint8Array ? r : undefined;
  }

  let nextHandle = 1;
  const timers = new Map<number, { callback: () => void; repeat: boolean }>();
  const digitals = new Map<number, DigitalIO & { onReadable?: (this: DigitalIO) => void }>();
  const pulseCounts = new Map<number, { io: PulseCountIO; onReadable: (this: PulseCountIO) => void }>();
  /** The firmware's Wi-Fi event callback of the current join. */
  let wifiEvent: ((event: 'connected' | 'disconnected') => void) | undefined;
  const serials = new Map<number, { io: SerialIO; callbacks: Partial<Record<SerialCallback, (this: SerialIO, ...a: unknown[]) => void>> }>();
  const mqttClients = new Map<number, { client: MqttClientIO; options: MqttClientOptions }>();
  let firmware: { stop(): void; status(): unknown } | undefined;

  /**
   * The board clock (`[now, ticks]`) as read once in the current delivery. Virtual time stands still while a
   * delivery runs (it is one synchronous step of the Node side), so the first `now()` or `ticks()` of a delivery
   * fetches both and the others cost nothing; `set()` and the end of the delivery forget them.
   */
  let clockCache: [number, number] | undefined;
  function readClock(): [number, number] {
    clockCache ??= call(['clock.read']) as [number, number];
    return clockCache;
  }

  /** Options without functions (they stay in XS; the Node side is told which callbacks exist). */
  function plainOptions(options: object): Record<string, unknown> {
    const plain: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) if (typeof value !== 'function') plain[key] = value;
    return plain;
  }

  function makeHost(boot: BootMessage): Host {
    class PWM implements PwmIO {
      readonly #h = nextHandle++;
      readonly resolution: number;
      readonly hz: number;
      constructor(options: { pin: number; hz?: number; resolution?: number }) {
        const info = call(['pwm.new', this.#h, { ...options }]) as { resolution: number; hz: number };
        this.resolution = info.resolution;
        this.hz = info.hz;
      }
      write(value: number): void { call(['pwm.write', this.#h, value]); }
      close(): void { call(['pwm.close', this.#h]); }
    }

    const constants = boot.digital;
    class Digital implements DigitalIO {
      static readonly Input = constants?.Input;
      static readonly InputPullUp = constants?.InputPullUp;
      static readonly InputPullDown = constants?.InputPullDown;
      static readonly Output = constants?.Output;
      static readonly Rising = constants?.Rising ?? 1;
      static readonly Falling = constants?.Falling ?? 2;
      readonly #h = nextHandle++;
      readonly onReadable: ((this: DigitalIO) => void) | undefined;
      constructor(options: { pin: number; mode: unknown; edge?: number; onReadable?: (this: DigitalIO) => void }) {
        const { onReadable, ...rest } = options;
        call(['dig.new', this.#h, rest, typeof onReadable === 'function']);
        this.onReadable = onReadable;
        if (onReadable) digitals.set(this.#h, this);
      }
      read(): 0 | 1 { return call(['dig.read', this.#h]) as 0 | 1; }
      write(value: 0 | 1): void { call(['dig.write', this.#h, value]); }
      close(): void { digitals.delete(this.#h); call(['dig.close', this.#h]); }
    }

    /** ECMA-419 PulseCount: the count (16-bit hardware counter folded into a total) is kept by the Node part. */
    class PulseCount implements PulseCountIO {
      readonly #h = nextHandle++;
      constructor(options: { signal: number; control?: number; onReadable?: (this: PulseCountIO) => void }) {
        const { onReadable } = options;
        call(['pc.new', this.#h, plainOptions(options), typeof onReadable === 'function']);
        if (typeof onReadable === 'function') pulseCounts.set(this.#h, { io: this, onReadable });
      }
      read(): number { return call(['pc.read', this.#h]) as number; }
      write(value: number): void { call(['pc.write', this.#h, value]); }
      close(): void { pulseCounts.delete(this.#h); call(['pc.close', this.#h]); }
    }

    /** ECMA-419 Serial, `format: 'buffer'`: received bytes wait in the Node part until `read()`. */
    class Serial implements SerialIO {
      readonly #h = nextHandle++;
      constructor(options: ConstructorParameters<SerialConstructor>[0]) {
        const callbacks: Partial<Record<SerialCallback, (this: SerialIO, ...a: unknown[]) => void>> = {};
        for (const name of ['onReadable', 'onWritable', 'onError'] as const) {
          const fn = options[name];
          if (typeof fn === 'function') callbacks[name] = fn as (this: SerialIO, ...a: unknown[]) => void;
        }
        const names = Object.keys(callbacks) as SerialCallback[];
        serials.set(this.#h, { io: this, callbacks });
        try {
          call(['ser.new', this.#h, plainOptions(options), names]);
        } catch (error) {
          serials.delete(this.#h);
          throw error;
        }
      }
      read(count?: number): ArrayBuffer | undefined;
      read(buffer: Uint8Array): number | undefined;
      read(arg?: number | Uint8Array): ArrayBuffer | number | undefined {
        if (typeof arg === 'object') {
          // read(buffer): at most its length, copied into it; the count back (Moddable's ESP32 serial).
          if (arg.length === 0) throw new RangeError('invalid');
          const bytes = callBytes(['ser.read', this.#h, arg.length]);
          if (bytes === undefined) return undefined;
          arg.set(bytes);
          return bytes.length;
        }
        const bytes = callBytes(['ser.read', this.#h, arg ?? null]);
        return bytes === undefined ? undefined : exactBuffer(bytes);
      }
      write(data: ArrayBuffer): void {
        // The type check stays on the Node part (TypeError for anything but an ArrayBuffer).
        if (!(data instanceof ArrayBuffer)) throw new TypeError('data must be an ArrayBuffer');
        call(['ser.write', this.#h], new Uint8Array(data));
      }
      close(): void { serials.delete(this.#h); call(['ser.close', this.#h]); }
    }

    /** `embedded:storage/flash` partition; its size and block size are fixed, so `status()` costs no call. */
    const openPartition = (name: string): FlashPartition => {
      const h = nextHandle++;
      const status = call(['fl.open', h, name]) as { size: number; blockSize: number };
      return {
        read: (offset, length) => exactBuffer(callBytes(['fl.read', h, offset, length]) ?? new Uint8Array(0)),
        write: (offset, data) => { call(['fl.write', h, offset], bytesOf(data)); },
        eraseBlock: (block) => { call(['fl.erase', h, block]); },
        status: () => ({ size: status.size, blockSize: status.blockSize }),
        close: () => { call(['fl.close', h]); },
      };
    };

    const makeUpdate = (info: NonNullable<BootMessage['update']>): HostUpdate => ({
      pendingVerify: info.pendingVerify,
      lastRollback: info.lastRollback,
      begin: (size, kind, resumeAt) => call(['up.begin', size, kind, resumeAt ?? null]) as number,
      // One call per chunk, whatever its size (the agent writes each OtaChunk as it arrives).
      write: (offset, data) => { call(['up.write', offset], data); },
      read: (offset, length) => callBytes(['up.read', offset, length]) ?? new Uint8Array(0),
      finish: () => { call(['up.finish']); },
      setBoot: () => { call(['up.setBoot']); },
      markValid: () => { call(['up.markValid']); },
      markInvalid: (reason) => { call(['up.markInvalid', reason]); },
      // The host's native digest in XS, else the simulator's (the board has one) through calls, else none (the
      // firmware's ECMAScript SHA-256).
      ...(env.sha256 ? { sha256: env.sha256 } : info.sha256 ? {
        sha256: () => {
          const h = nextHandle++;
          call(['sha.new', h]);
          return {
            update: (data: Uint8Array) => { call(['sha.update', h], data); },
            digest: () => callBytes(['sha.digest', h]) ?? new Uint8Array(0),
          };
        },
      } : {}),
    });

    class MqttClient implements MqttClientIO {
      readonly #h = nextHandle++;
      constructor(options: MqttClientOptions) {
        const plain = plainOptions(options);
        const will = options.will;
        if (will) plain.will = { ...will, message: undefined };
        // TLS (identity with mqtt_tls): the CA crosses as numbers (JSON has no byte strings).
        const secure = options.secure as { certificate?: ArrayBuffer } | undefined;
        if (secure) plain.secure = { certificate: secure.certificate ? Array.from(new Uint8Array(secure.certificate)) : undefined };
        mqttClients.set(this.#h, { client: this, options });
        try {
          call(['mqtt.new', this.#h, plain], will ? bytesOf(will.message) : undefined);
        } catch (error) {
          mqttClients.delete(this.#h);
          throw error;
        }
      }
      read(count: number): ArrayBuffer {
        const bytes = callBytes(['mqtt.read', this.#h, count]);
        return (bytes === undefined ? undefined : exactBuffer(bytes)) as ArrayBuffer;
      }
      write(data: ArrayBuffer | Uint8Array | null, options?: MqttWriteOptions): number | void {
        return call(['mqtt.write', this.#h, options ? { ...options } : null], data === null ? undefined : bytesOf(data)) as number;
      }
      close(): void {
        mqttClients.delete(this.#h);
        call(['mqtt.close', this.#h]);
      }
    }
    Object.assign(MqttClient, boot.mqttStatics);

    const device: Host['device'] = {
      io: {
        PWM,
        ...(constants ? { Digital } : {}),
        ...(boot.pulseCount ? { PulseCount } : {}),
        ...(boot.serial ? { Serial } : {}),
      },
      pin: boot.pins as Host['device']['pin'],
      network: {
        mqtt: { ...boot.mqttProvider, io: MqttClient },
        mqtts: { ...boot.mqttProvider, io: MqttClient },
        ...(boot.wifi ? {
          wifi: {
            connect(ssid: string, password: string, onEvent: (event: 'connected' | 'disconnected') => void): void {
              wifiEvent = onEvent;
              call(['wifi.connect', ssid, password]);
            },
            close(): void { wifiEvent = undefined; call(['wifi.close']); },
          },
        } : {}),
      },
    };
    return {
      device,
      // The host's native crypto (the SDK's, on the device-conditions host); otherwise the platform's ECDSA is a
      // call into the simulator and HMAC stays in XS (the firmware's ECMAScript one), so its cost is measured.
      crypto: env.crypto ?? {
        verifyP256(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
          const all = new Uint8Array(publicKey.length + signature.length + message.length);
          all.set(publicKey, 0);
          all.set(signature, publicKey.length);
          all.set(message, publicKey.length + signature.length);
          return call(['crypto.verifyP256', publicKey.length, signature.length], all) === true;
        },
      },
      timers: {
        set(callback: () => void, ms: number): TimerId {
          const id = nextHandle++;
          timers.set(id, { callback, repeat: false });
          call(['timer.set', id, ms, false]);
          return id;
        },
        repeat(callback: () => void, ms: number): TimerId {
          const id = nextHandle++;
          timers.set(id, { callback, repeat: true });
          call(['timer.set', id, ms, true]);
          return id;
        },
        clear(id: TimerId | undefined): void {
          // Firmware clears freely (undefined, already fired): only live timers cost a message.
          if (typeof id !== 'number' || !timers.delete(id)) return;
          call(['timer.clear', id]);
        },
      },
      clock: {
        now: () => readClock()[0],
        set: (ms: number) => { clockCache = undefined; call(['clock.set', ms]); },
        ticks: () => readClock()[1],
      },
      storage: {
        read(key: string): ArrayBuffer | undefined {
          const bytes = callBytes(['kv.read', key]);
          return bytes === undefined ? undefined : exactBuffer(bytes);
        },
        write(key: string, value: ArrayBuffer): void { call(['kv.write', key], bytesOf(value)); },
        delete(key: string): void { call(['kv.delete', key]); },
      },
      system: {
        firmwareVersion: boot.firmwareVersion,
        resetReason: boot.resetReason as Host['system']['resetReason'],
        restart: () => { call(['sys.restart']); },
        random: () => call(['sys.random']) as number,
        log: (level, message) => { call(['sys.log', level, message]); },
      },
      ...(boot.flash ? { flash: { open: openPartition } } : {}),
      ...(boot.update ? { update: makeUpdate(boot.update) } : {}),
    };
  }

  function handle(event: HostEvent, bytes: Uint8Array | undefined): unknown {
    switch (event[0]) {
      case 'boot':
        firmware = env.firmware().startFirmware(makeHost(event[1]));
        return undefined;
      case 'timer': {
        const timer = timers.get(event[1]);
        if (!timer) return undefined;
        if (!timer.repeat) timers.delete(event[1]);
        timer.callback();
        return undefined;
      }
      case 'dig': {
        const io = digitals.get(event[1]);
        io?.onReadable?.call(io);
        return undefined;
      }
      case 'wifi': {
        wifiEvent?.(event[1]);
        return undefined;
      }
      case 'pc': {
        const entry = pulseCounts.get(event[1]);
        entry?.onReadable.call(entry.io);
        return undefined;
      }
      case 'ser': {
        const [, h, name, args] = event;
        const entry = serials.get(h);
        entry?.callbacks[name]?.apply(entry.io, args);
        return undefined;
      }
      case 'mqtt': {
        const [, h, name, args] = event;
        const entry = mqttClients.get(h);
        if (!entry) return undefined;
        const fn = entry.options[name] as ((this: MqttClientIO, ...a: unknown[]) => void) | undefined;
        // The Node client makes no call after onClose: forget it.
        if (name === 'onClose') mqttClients.delete(h);
        if (typeof fn !== 'function') return undefined;
        // onControl's payload (SUBACK granted QoS bytes) travels as the frame's bytes.
        const revived = name === 'onControl' && bytes !== undefined ? [{ ...(args[0] as object), payload: exactBuffer(bytes) }] : args;
        fn.apply(entry.client, revived);
        return undefined;
      }
      case 'status':
        return firmware?.status();
      case 'gc':
        env.gc();
        return undefined;
      case 'decode':
        return env.firmware().decodeDownlink(bytes ?? new Uint8Array(0)) === undefined ? 0 : 1;
    }
  }

  return (request) => {
    const frame = splitFrame(new Uint8Array(request));
    clockCache = undefined;
    let result: unknown;
    try {
      result = handle(JSON.parse(env.decode(frame.json)) as HostEvent, frame.bytes);
    } finally {
      clockCache = undefined;
    }
    return result === undefined ? undefined : exactBuffer(env.encode(JSON.stringify(result)));
  };
}
