/**
 * The device platform layer: builds the firmware's `Host` (../host.ts) from the Moddable SDK on an ESP32.
 * Built by `mcconfig` from ../../manifest.json; never part of the simulator's builds (the XS host of the
 * simulator builds its Host in hardware-sim/src/xs/ instead).
 *
 * - IO classes from the host provider `embedded:provider/builtin` (ECMA-419 §8, Moddable
 *   modules/io/host/esp32/provider.js); pins from the manifest's `config.pins`.
 * - MQTT: the ECMA-419 client `embedded:network/mqtt/client` (Moddable examples/io/tcp/mqttclient): QoS 1
 *   publishes acknowledged by PUBACK through `onControl`; TCP sockets and a UDP DNS resolver as its
 *   platform options, as examples/io/tcp/mqttclient/config.js wires them. (Moddable's classic `mqtt` module
 *   is QoS 0 only.)
 * - Storage: NVS through `embedded:storage/key-value` (domain "streetlight", ArrayBuffer values).
 * - Timers: Moddable `Timer`; clock: `Date.now()` / `Time.set()` / `Time.ticks` (modules/base/time).
 * - Identity (device id, town, broker, credentials, device key, OTA keys): not here. Provisioning writes it to
 *   NVS (key "identity", fleet-server `provision`); the firmware reads it from `storage` (src/identity.ts).
 * - Crypto: HMAC-SHA256 of frame authentication over the SDK's native `Digest` (modules/crypt/digest); ECDSA
 *   P-256 of image manifests with the SDK's `ecdsa` over its native big-integer arithmetic (modules/crypt/arith).
 * - Wi-Fi: the SDK's `wifi` station module, driven by the firmware (src/wifi.ts) with the provisioned
 *   credentials; the SDK's setup/network is not in the build, so `main` runs at boot and the lamp is lit before
 *   any network, and the clock is set only by the firmware's time-trust rules (no SNTP).
 */
import device from 'embedded:provider/builtin';
import TCP from 'embedded:io/socket/tcp';
// Moddable's ECMA-419 TLS socket, not Node's `tls` (the lint pattern for Node built-ins matches the segment).
// eslint-disable-next-line no-restricted-imports
import TLSSocket from 'embedded:io/socket/tcp/tls';
import UDP from 'embedded:io/socket/udp';
// Moddable's ECMA-419 DNS resolver, not Node's `dns` (the lint pattern for Node built-ins matches the segment).
// eslint-disable-next-line no-restricted-imports
import Resolver from 'embedded:network/dns/resolver/udp';
import MQTTClient from 'embedded:network/mqtt/client';
import KeyValue from 'embedded:storage/key-value';
import config from 'mc/config';
import Time from 'time';
import Timer from 'timer';
import WiFi from 'wifi';
import type { Host, HostStorage, HostWifi } from '../host.js';
import { nativeCrypto, nativeSha256 } from './crypto-moddable.js';
import { FIRMWARE_VERSION } from '../version.js';
import Flash from 'embedded:storage/flash';
import { esp32Update } from './update-esp32.js'; // issue 6: A/B slots, rollback FFI
import {
  flashPartitions, foldedPulseCount, meterSerial, type SdkPulseCountConstructor, type SdkSerialConstructor,
} from './metering-esp32.js'; // issue 5: metering chips and the metering-log partition

/** NVS namespace of the firmware's keys (≤ 15 characters, an ESP-IDF NVS limit). */
export const NVS_DOMAIN = 'streetlight';

function text(key: string, fallback: string): string {
  const value = config[key];
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/** The ESP32 station: `WiFi` with a notification callback; an address (`gotIP`) is "connected". */
export function wifiStation(): HostWifi {
  let station: WiFi | undefined;
  const close = (): void => {
    const s = station;
    station = undefined;
    if (s) s.close();
  };
  return {
    connect(ssid, password, onEvent) {
      close();
      WiFi.mode = 1; // station
      const s = new WiFi({ ssid, password }, (message) => {
        if (station !== s) return;
        if (message === WiFi.gotIP) onEvent('connected');
        else if (message === WiFi.disconnected || message === WiFi.lostIP) onEvent('disconnected');
      });
      station = s;
    },
    close,
  };
}

function storage(): HostStorage {
  const kv = KeyValue.open({ path: NVS_DOMAIN, format: 'buffer' });
  return {
    read(key) {
      const value = kv.read(key);
      return value instanceof ArrayBuffer ? value : undefined;
    },
    write(key, value) { kv.write(key, value); },
    delete(key) { kv.delete(key); },
  };
}

/** The Host of a Moddable ESP32 board. */
export function moddableHost(): Host {
  const pins = (config.pins ?? {}) as Record<string, number>;
  const dim = pins.dim;
  if (typeof dim !== 'number') throw new RangeError('manifest config.pins.dim (the dimming PWM pin) is required');
  const pin: Host['device']['pin'] = { dim };
  // Optional pins: relay, photocell, and the metering chip's (pulse chip meterCf/meterCf1/meterSel, or UART
  // chip meterTx/meterRx; the firmware meters with whichever is configured); issue 17: the DALI interface's UART
  // (daliTx/daliRx, port 2: the luminaire's DALI-2 / D4i driver, dimmed through DALI instead of the PWM pin).
  for (const name of ['relay', 'photocell', 'meterCf', 'meterCf1', 'meterSel', 'meterTx', 'meterRx', 'daliTx', 'daliRx']) {
    const value = pins[name];
    if (typeof value === 'number') pin[name] = value;
  }
  const dns = { io: Resolver, servers: [text('dns', '1.1.1.1')], socket: { io: UDP } };
  return {
    device: {
      io: {
        PWM: device.io.PWM,
        Digital: device.io.Digital,
        // @moddable/typings declares `control` required; the SDK's _pulsecount.c treats it as optional.
        PulseCount: foldedPulseCount(device.io.PulseCount as unknown as SdkPulseCountConstructor),
        // @moddable/typings' Serial read() overloads are wider than the "buffer" format the adapter opens.
        Serial: meterSerial(device.io.Serial as unknown as SdkSerialConstructor),
      },
      pin,
      network: {
        mqtt: { io: MQTTClient, dns, socket: { io: TCP } },
        // Over TLS (the SDK's TLS socket over TCP, as examples/io/tcp/mqttsclient wires it); the firmware adds
        // `secure: { certificate }` with the provisioned CA.
        mqtts: { io: MQTTClient, dns, socket: { io: TLSSocket, TCP: { io: TCP } } },
        wifi: wifiStation(),
      },
    },
    timers: {
      set: (callback, ms) => Timer.set(() => callback(), ms),
      repeat: (callback, ms) => Timer.repeat(() => callback(), ms),
      clear: (id) => { if (id !== undefined) Timer.clear(id as Timer); },
    },
    clock: {
      // The platform layer is where the board clock lives: on ESP32 Date.now() reads the RTC that Time.set()
      // sets; the firmware itself only ever asks the host.
      // eslint-disable-next-line no-restricted-properties
      now: () => Date.now(),
      set: (ms) => { Time.set(Math.floor(ms / 1000)); },
      ticks: () => Time.ticks,
    },
    storage: storage(),
    system: {
      firmwareVersion: FIRMWARE_VERSION,
      // esp_reset_reason() has no JavaScript binding in the Moddable SDK; a native module would add it.
      resetReason: 'unknown',
      restart: () => { System.restart(); },
      // XS on the device is the platform's RNG source here (jitter only: not for keys).
      // eslint-disable-next-line no-restricted-properties
      random: () => Math.random(),
      log: (level, message) => { trace(`${level}: ${message}\n`); },
    },
    crypto: nativeCrypto(),
    flash: flashPartitions(Flash),
    update: { ...esp32Update(), sha256: nativeSha256 },
  };
}
