/**
 * The XS side of the simulator's XS host: evaluated inside xsnap before the firmware bundle. It implements the
 * firmware's `Host` (firmware/src/host.ts) with thin shims that forward every call to the Node side through
 * xsnap's synchronous `issueCommand`, and receives timer firings, IO and MQTT callbacks and queries through
 * the global `handleCommand`. No simulation logic lives here: the parts are the Node board's own.
 *
 * This file runs only in xsnap (it uses xsnap's `issueCommand`, `gc`, `TextEncoder`/`TextDecoder` globals),
 * never on a device: on a device the firmware's platform layer (firmware/src/platform/moddable.ts) builds the
 * Host from Moddable's modules instead.
 */
import type {
  DigitalIO, Host, MqttClientIO, MqttClientOptions, MqttWriteOptions, PwmIO, TimerId,
} from '../../../firmware/src/host.js';
import { fromHex, toHex, type BootMessage, type GuestCall, type HostEvent } from './protocol.js';

declare const issueCommand: (request: ArrayBuffer) => ArrayBuffer;
declare const gc: () => void;

interface FirmwareScript {
  startFirmware(host: Host): { stop(): void; status(): unknown };
  decodeDownlink(bytes: Uint8Array): unknown;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const ERRORS: Record<string, ErrorConstructor> = { RangeError, TypeError, SyntaxError, Error };

function call(...message: GuestCall): unknown {
  const reply = JSON.parse(decoder.decode(issueCommand(encoder.encode(JSON.stringify(message)).buffer as ArrayBuffer))) as { v?: unknown; e?: [string, string] };
  if (reply.e) throw new (ERRORS[reply.e[0]] ?? Error)(reply.e[1]);
  return reply.v;
}

function bytesOf(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

let nextHandle = 1;
const timers = new Map<number, { callback: () => void; repeat: boolean }>();
const digitals = new Map<number, DigitalIO & { onReadable?: (this: DigitalIO) => void }>();
const mqttClients = new Map<number, { client: MqttClientIO; options: MqttClientOptions }>();
let firmware: { stop(): void; status(): unknown } | undefined;

function makeHost(boot: BootMessage): Host {
  class PWM implements PwmIO {
    readonly #h = nextHandle++;
    readonly resolution: number;
    readonly hz: number;
    constructor(options: { pin: number; hz?: number; resolution?: number }) {
      const info = call('pwm.new', this.#h, { ...options }) as { resolution: number; hz: number };
      this.resolution = info.resolution;
      this.hz = info.hz;
    }
    write(value: number): void { call('pwm.write', this.#h, value); }
    close(): void { call('pwm.close', this.#h); }
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
      call('dig.new', this.#h, rest, typeof onReadable === 'function');
      this.onReadable = onReadable;
      if (onReadable) digitals.set(this.#h, this);
    }
    read(): 0 | 1 { return call('dig.read', this.#h) as 0 | 1; }
    write(value: 0 | 1): void { call('dig.write', this.#h, value); }
    close(): void { digitals.delete(this.#h); call('dig.close', this.#h); }
  }

  class MqttClient implements MqttClientIO {
    readonly #h = nextHandle++;
    constructor(options: MqttClientOptions) {
      const plain: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(options)) {
        if (typeof value === 'function') continue;
        plain[key] = value;
      }
      if (options.will) plain.will = { ...options.will, message: toHex(bytesOf(options.will.message)) };
      mqttClients.set(this.#h, { client: this, options });
      try {
        call('mqtt.new', this.#h, plain);
      } catch (error) {
        mqttClients.delete(this.#h);
        throw error;
      }
    }
    read(count: number): ArrayBuffer {
      const hex = call('mqtt.read', this.#h, count) as string | null;
      return (hex === null ? undefined : fromHex(hex).buffer) as ArrayBuffer;
    }
    write(data: ArrayBuffer | Uint8Array | null, options?: MqttWriteOptions): number | void {
      return call('mqtt.write', this.#h, data === null ? null : toHex(bytesOf(data)), options ? { ...options } : undefined) as number;
    }
    close(): void {
      mqttClients.delete(this.#h);
      call('mqtt.close', this.#h);
    }
  }
  Object.assign(MqttClient, boot.mqttStatics);

  const device: Host['device'] = {
    io: { PWM, ...(constants ? { Digital } : {}) },
    pin: boot.pins as Host['device']['pin'],
    network: { mqtt: { ...boot.mqttProvider, io: MqttClient } },
  };
  return {
    device,
    timers: {
      set(callback: () => void, ms: number): TimerId {
        const id = nextHandle++;
        timers.set(id, { callback, repeat: false });
        call('timer.set', id, ms, false);
        return id;
      },
      repeat(callback: () => void, ms: number): TimerId {
        const id = nextHandle++;
        timers.set(id, { callback, repeat: true });
        call('timer.set', id, ms, true);
        return id;
      },
      clear(id: TimerId | undefined): void {
        // Firmware clears freely (undefined, already fired): only live timers cost a message.
        if (typeof id !== 'number' || !timers.delete(id)) return;
        call('timer.clear', id);
      },
    },
    clock: {
      now: () => call('clock.now') as number,
      set: (ms: number) => { call('clock.set', ms); },
      ticks: () => call('clock.ticks') as number,
    },
    storage: {
      read(key: string): ArrayBuffer | undefined {
        const hex = call('kv.read', key) as string | null;
        return hex === null ? undefined : (fromHex(hex).buffer as ArrayBuffer);
      },
      write(key: string, value: ArrayBuffer): void { call('kv.write', key, toHex(bytesOf(value))); },
      delete(key: string): void { call('kv.delete', key); },
    },
    system: {
      firmwareVersion: boot.firmwareVersion,
      resetReason: boot.resetReason as Host['system']['resetReason'],
      restart: () => { call('sys.restart'); },
      random: () => call('sys.random') as number,
      log: (level, message) => { call('sys.log', level, message); },
    },
    factory: boot.factory,
  };
}

function script(): FirmwareScript {
  const g = globalThis as unknown as { streetlight?: FirmwareScript };
  if (!g.streetlight) throw new Error('the firmware bundle (global streetlight) is not loaded');
  return g.streetlight;
}

function reviveControl(msg: Record<string, unknown>): Record<string, unknown> {
  return typeof msg.payload === 'string' ? { ...msg, payload: fromHex(msg.payload).buffer } : msg;
}

function handle(event: HostEvent): unknown {
  switch (event[0]) {
    case 'boot':
      firmware = script().startFirmware(makeHost(event[1]));
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
    case 'mqtt': {
      const [, h, name, args] = event;
      const entry = mqttClients.get(h);
      if (!entry) return undefined;
      const fn = entry.options[name] as ((this: MqttClientIO, ...a: unknown[]) => void) | undefined;
      if (name === 'onClose' || name === 'onError') {
        // The Node client makes no call after these; forget it once onClose (or a lone onError) is through.
        if (name === 'onClose') mqttClients.delete(h);
      }
      if (typeof fn !== 'function') return undefined;
      const revived = name === 'onControl' ? [reviveControl(args[0] as Record<string, unknown>)] : args;
      fn.apply(entry.client, revived);
      return undefined;
    }
    case 'status':
      return firmware?.status();
    case 'gc':
      gc();
      return undefined;
    case 'decode':
      return script().decodeDownlink(fromHex(event[1])) === undefined ? 0 : 1;
  }
}

(globalThis as unknown as { handleCommand: (request: ArrayBuffer) => ArrayBuffer | undefined }).handleCommand = (request) => {
  const result = handle(JSON.parse(decoder.decode(request)) as HostEvent);
  return result === undefined ? undefined : (encoder.encode(JSON.stringify(result)).buffer as ArrayBuffer);
};
