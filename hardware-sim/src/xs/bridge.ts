/**
 * The Node side of the XS host: a `FirmwareFactory` that boots the firmware bundle inside the real XS engine
 * (one xsnap-worker process per boot) and forwards the guest's Host calls to the Host the board built — the
 * same simulated parts a Node-hosted firmware uses: PWM trace and electrical model, flash, the MQTT client
 * over the real broker, the board's timer group on the VirtualClock. Timer firings, IO and MQTT callbacks
 * are delivered into XS synchronously (see machine.ts), so an XS board runs in virtual time exactly like a
 * Node board, and the two produce the same traces.
 *
 * Errors: an exception escaping a delivery (`XsError`) or a dead worker (`XsExitError`) propagates to the
 * caller — the board's guard — which reboots with reset reason 'panic', as on Node. Stopping (power cut,
 * restart) kills the worker; a restart requested from inside XS ends the delivery in progress.
 */
import type { Host, MqttClientIO, PwmIO, DigitalIO, TimerId } from '../../../firmware/src/host.js';
import { bundleScript, SCRIPT_ENTRY } from '../../../firmware/scripts/bundle.js';
import { fileURLToPath } from 'node:url';
import { XsExitError, XsMachine, type XsMeter } from './machine.js';
import { fromHex, toHex, type BootMessage, type GuestCall, type HostEvent } from './protocol.js';

export interface XsFirmwareOptions {
  /** Firmware script to evaluate. Default: the bundle of firmware/src/platform/script.ts, built in memory once per process. */
  bundle?: string;
  /** Computation allowed per delivery (xsnap `-l`). Default 100,000,000. */
  meteringLimit?: number;
  /** Worker stdout/stderr. Default 'inherit'. */
  stdio?: 'inherit' | 'ignore';
  /** Called after each delivery with its meter (benchmarks). */
  onMeter?: (what: string, meter: XsMeter) => void;
}

/** A firmware instance running in XS. */
export interface XsFirmware {
  stop(): void;
  /** `Firmware.status()` of the firmware inside XS. */
  status(): unknown;
  readonly machine: XsMachine;
  /** Sends a raw event into XS (benchmarks: 'gc', 'decode'). */
  deliver(event: HostEvent): unknown;
}

let cachedBundle: string | undefined;
let cachedGuest: string | undefined;

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
  const clients = new Map<number, MqttClientIO>();
  const timerIds = new Map<number, TimerId>();
  let stopped = false;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  const onMeter = options.onMeter;
  const deliver = (event: HostEvent): unknown => {
    if (stopped || machine.closed) return undefined;
    try {
      const { reply, meter } = machine.issueCommand(encoder.encode(JSON.stringify(event)));
      onMeter?.(event[0], meter);
      return reply.byteLength === 0 ? undefined : JSON.parse(decoder.decode(reply));
    } catch (error) {
      // A worker killed by a restart requested from inside XS: not a fault.
      if (stopped && error instanceof XsExitError) return undefined;
      throw error;
    }
  };

  const need = <T>(map: Map<number, T>, h: number, what: string): T => {
    const value = map.get(h);
    if (value === undefined) throw new Error(`${what} ${h} is closed`);
    return value;
  };

  const handlers = (message: GuestCall): unknown => {
    switch (message[0]) {
      case 'pwm.new': {
        const pwm = new host.device.io.PWM(message[2] as { pin: number });
        pwms.set(message[1], pwm);
        return { resolution: pwm.resolution, hz: pwm.hz };
      }
      case 'pwm.write': need(pwms, message[1], 'PWM').write(message[2]); return undefined;
      case 'pwm.close': need(pwms, message[1], 'PWM').close(); pwms.delete(message[1]); return undefined;
      case 'dig.new': {
        const Digital = host.device.io.Digital;
        if (!Digital) throw new Error('this board has no Digital IO');
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
      case 'mqtt.new': {
        const h = message[1];
        const { will, ...plain } = message[2] as Record<string, unknown> & { host: string; id: string; will?: { topic: string; message: string } };
        const send = (name: 'onControl' | 'onReadable' | 'onWritable' | 'onClose' | 'onError', args: unknown[]): void => { deliver(['mqtt', h, name, args]); };
        const client = new host.device.network.mqtt.io({
          ...host.device.network.mqtt,
          ...plain,
          ...(will ? { will: { ...will, message: fromHex(will.message).buffer as ArrayBuffer } } : {}),
          onControl(msg) {
            send('onControl', [msg.payload instanceof ArrayBuffer ? { ...msg, payload: toHex(new Uint8Array(msg.payload)) } : msg]);
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
        return data === undefined ? null : toHex(new Uint8Array(data));
      }
      case 'mqtt.write': {
        const data = message[2] === null ? null : (fromHex(message[2]).buffer as ArrayBuffer);
        return need(clients, message[1], 'MQTT client').write(data, message[3]) ?? null;
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
      case 'clock.now': return host.clock.now();
      case 'clock.set': host.clock.set(message[1]); return undefined;
      case 'clock.ticks': return host.clock.ticks();
      case 'kv.read': {
        const value = host.storage.read(message[1]);
        return value === undefined ? null : toHex(new Uint8Array(value));
      }
      case 'kv.write': host.storage.write(message[1], fromHex(message[2]).buffer as ArrayBuffer); return undefined;
      case 'kv.delete': host.storage.delete(message[1]); return undefined;
      case 'sys.restart': host.system.restart(); return undefined;
      case 'sys.random': return host.system.random();
      case 'sys.log': host.system.log(message[1] as 'info', message[2]); return undefined;
    }
  };

  const machine = new XsMachine({
    name: `xs-${host.factory.deviceId}`,
    ...(options.meteringLimit !== undefined ? { meteringLimit: options.meteringLimit } : {}),
    ...(options.stdio !== undefined ? { stdio: options.stdio } : {}),
    onCommand(request) {
      let reply: { v?: unknown; e?: [string, string] };
      try {
        const v = handlers(JSON.parse(decoder.decode(request)) as GuestCall);
        reply = v === undefined ? {} : { v };
      } catch (error) {
        reply = { e: error instanceof Error ? [error.name, error.message] : ['Error', String(error)] };
      }
      return encoder.encode(JSON.stringify(reply));
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
      clients.clear();
      timerIds.clear();
    },
    status: () => deliver(['status']),
  };

  try {
    const guest = machine.evaluate(guestScript());
    onMeter?.('load-guest', guest.meter);
    const loaded = machine.evaluate(options.bundle ?? firmwareBundle());
    onMeter?.('load-firmware', loaded.meter);
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
    const boot: BootMessage = {
      pins: { ...host.device.pin },
      factory: host.factory,
      firmwareVersion: host.system.firmwareVersion,
      resetReason: host.system.resetReason,
      ...(Digital ? { digital: { Input: Digital.Input, InputPullUp: Digital.InputPullUp, InputPullDown: Digital.InputPullDown, Output: Digital.Output, Rising: Digital.Rising, Falling: Digital.Falling } } : {}),
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
