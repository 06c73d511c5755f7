/**
 * The host provider: everything the firmware receives from its platform. The firmware never names a board
 * and never reaches a global for time, timers, randomness or I/O (HOUSE-STYLE 5, 15).
 *
 * - On an ESP32 (Moddable SDK) the platform layer builds it from `embedded:provider/builtin`
 *   (`device.io.*`, `device.pin.*`), the ECMA-419 MQTT client, `embedded:storage/*`, `Timer` and `Time`.
 * - In the simulator (`@streetlight/hardware-sim`) it is a table of simulated classes with electrical
 *   behaviour, a virtual clock and simulated flash.
 *
 * The IO shapes below follow ECMA-419 (2nd edition) IO Class Pattern and Moddable's implementation:
 * one options object to the constructor, `RangeError` on bad pins, callbacks invoked with `this` = the
 * instance, no callbacks after `close()`. `src/platform/typings-check.ts` proves that the classes typed by
 * `@moddable/typings` fit these shapes.
 */

/** ECMA-419 PWM (`embedded:io/pwm`): `write(0 .. 2**resolution - 1)`, RangeError outside. */
export interface PwmIO {
  readonly resolution: number;
  readonly hz: number;
  write(value: number): void;
  close(): void;
}
export interface PwmConstructor {
  new (options: { pin: number; hz?: number; resolution?: number }): PwmIO;
}

/** ECMA-419 Digital (`embedded:io/digital`). */
export interface DigitalIO {
  read(): 0 | 1;
  write(value: 0 | 1): void;
  close(): void;
}
export interface DigitalConstructor {
  new (options: { pin: number; mode: unknown; edge?: number; onReadable?: (this: DigitalIO) => void }): DigitalIO;
  readonly Input: unknown;
  readonly InputPullUp: unknown;
  readonly InputPullDown: unknown;
  readonly Output: unknown;
  readonly Rising: number;
  readonly Falling: number;
}

// ---- metering IO (issue 5) -------------------------------------------------------------------------

/**
 * ECMA-419 PulseCount (`embedded:io/pulsecount`, Moddable modules/io/host/esp32 pulsecount on the PCNT unit).
 * The hardware counter is 16 bits; `read()` folds the counter's change since the previous `read()` into a
 * software total, so the total is exact as long as fewer than 32,768 pulses arrive between two reads (at
 * 200 Hz: every 160 s). `write(n)` sets the total. A metering driver counts CF pulses with it.
 */
export interface PulseCountIO {
  read(): number;
  write(value: number): void;
  close(): void;
}
export interface PulseCountConstructor {
  new (options: { signal: number; control?: number; onReadable?: (this: PulseCountIO) => void }): PulseCountIO;
}

/**
 * ECMA-419 Serial (`embedded:io/serial`), 8N1 only (as on Moddable's ESP32 host). `format: 'buffer'`:
 * `read(count?)` returns an ArrayBuffer of at most `count` received bytes (undefined when none);
 * `read(buffer)` reads into `buffer` as many received bytes as fit and returns how many (undefined when none:
 * ECMA-419 2nd edition; Moddable's modules/io/serial/esp32 `xs_serial_read`), so a driver polling a chip makes no
 * ArrayBuffer per answer; `write(ArrayBuffer)` queues bytes and returns nothing. `onReadable(count)` announces
 * received bytes, `onWritable(count)` free transmit space. Port 0 is the console: a metering chip uses port 1 or 2.
 */
export interface SerialIO {
  read(count?: number): ArrayBuffer | undefined;
  read(buffer: Uint8Array): number | undefined;
  write(data: ArrayBuffer): void;
  close(): void;
}
export interface SerialConstructor {
  new (options: {
    transmit: number; receive: number; baud: number; port?: number; format?: 'buffer';
    onReadable?: (this: SerialIO, count: number) => void;
    onWritable?: (this: SerialIO, count: number) => void;
    onError?: (this: SerialIO) => void;
  }): SerialIO;
}

/**
 * A flash partition shaped like Moddable's `embedded:storage/flash` (documentation/io/storage): byte-addressed
 * NOR flash. `write` can only turn bits from 1 to 0 (it ANDs the data into the cells); `eraseBlock(n)` sets
 * the `blockSize` bytes of block n to 0xFF. `read` returns a fresh ArrayBuffer. Offsets out of range throw
 * RangeError. An interrupted `write` (power cut) may leave any prefix of the bytes written.
 */
export interface FlashPartition {
  read(offset: number, length: number): ArrayBuffer;
  write(offset: number, data: ArrayBuffer): void;
  eraseBlock(block: number): void;
  status(): { size: number; blockSize: number };
  close(): void;
}

/** Opens named flash partitions (ESP32 partition table entries). */
export interface HostFlash {
  /** Throws Error when the board has no partition of that name. Partition used by the firmware: 'meterlog'. */
  open(name: string): FlashPartition;
}

/** Operation codes of the ECMA-419 MQTT client (Moddable `embedded:network/mqtt/client`), MQTT 3.1.1 §2.2.1. */
export const MqttOp = Object.freeze({
  CONNECT: 1, CONNACK: 2, PUBLISH: 3, PUBACK: 4, PUBREC: 5, PUBREL: 6, PUBCOMP: 7,
  SUBSCRIBE: 8, SUBACK: 9, UNSUBSCRIBE: 10, UNSUBACK: 11, PINGREQ: 12, PINGRESP: 13, DISCONNECT: 14,
} as const);

export interface MqttReadableOptions {
  more: boolean;
  topic?: string;
  QoS?: number;
  byteLength?: number;
}

export interface MqttControlMessage {
  operation: number;
  id?: number;
  payload?: ArrayBuffer;
}

export interface MqttWriteOptions {
  operation?: number;
  id?: number;
  topic?: string;
  QoS?: number;
  retain?: boolean;
  byteLength?: number;
  items?: { topic: string; QoS?: number }[];
}

/**
 * ECMA-419 MQTT client (Moddable examples/io/tcp/mqttclient). Publishes with `write(payload, {topic, QoS,
 * id})`, subscribes with `write(null, {operation: SUBSCRIBE, items})`; CONNACK, PUBACK, SUBACK arrive through
 * `onControl(msg)` (one argument); a received PUBLISH is announced by `onReadable(count, options)` and read
 * with `read(count)`. The client does not reconnect: after `onClose`/`onError` the application makes a new one.
 */
export interface MqttClientIO {
  read(count: number): ArrayBuffer;
  write(data: ArrayBuffer | Uint8Array | null, options?: MqttWriteOptions): number | void;
  close(): void;
}
export interface MqttClientOptions {
  host: string;
  port?: number;
  id: string;
  user?: string;
  password?: string;
  /** CleanSession flag [MQTT-3.1.2-6]. */
  clean?: boolean;
  /** Keep-alive in milliseconds (Moddable's unit). */
  keepalive?: number;
  will?: { topic: string; message: ArrayBuffer; QoS?: number; retain?: boolean };
  onControl?: (this: MqttClientIO, msg: MqttControlMessage) => void;
  onReadable?: (this: MqttClientIO, count: number, options: MqttReadableOptions) => void;
  onWritable?: (this: MqttClientIO, count: number) => void;
  onClose?: (this: MqttClientIO) => void;
  onError?: (this: MqttClientIO, error?: unknown) => void;
  [key: string]: unknown;
}
export interface MqttClientConstructor {
  new (options: MqttClientOptions): MqttClientIO;
}

// ---- OTA update capability (issue 6) ----------------------------------------------------------------

/**
 * The application's view of the A/B boot slots (ESP-IDF app rollback, CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE).
 * On ESP32 it writes the `nextota` slot through `embedded:storage/flash` (src/platform/update-esp32.ts) plus
 * XS FFI calls to `esp_ota_mark_app_valid_cancel_rollback()` and `esp_ota_mark_app_invalid_rollback_and_reboot()`
 * (firmware/src/platform/moddable.ts, docs/ota.md); in the simulator over `SimBootloader`. Writing never touches
 * the running slot, so a power cut at any instant leaves a bootable image.
 */
export interface HostUpdate {
  /** The running image still has to confirm itself (first boot of a new image: ESP_OTA_IMG_PENDING_VERIFY). */
  readonly pendingVerify: boolean;
  /** Why the bootloader returned to this image at this boot, if it did (undefined otherwise). */
  readonly lastRollback: { version?: string; reason: string } | undefined;
  /**
   * Prepares the inactive slot for an image of `size` bytes of `kind`. `resumeAt` (a multiple of 4096, default 0)
   * asks to keep the bytes below it, as written by an interrupted earlier attempt. Returns the offset writing
   * resumes from: `resumeAt` (rounded down to a flash block), or 0 on a platform that must erase the whole slot.
   * Throws RangeError when the image does not fit the slot.
   */
  begin(size: number, kind: 'full' | 'mod', resumeAt?: number): number;
  /** Writes image bytes at `offset` of the slot being written. */
  write(offset: number, data: Uint8Array): void;
  /** Reads back bytes of the slot being written (verification reads what the flash holds, not what was sent). */
  read(offset: number, length: number): Uint8Array;
  /** Ends writing (esp_ota_end: the platform also validates the image format). */
  finish(): void;
  /** Selects the written slot for the next boot (esp_ota_set_boot_partition). */
  setBoot(): void;
  /** The running image passed its self-test (esp_ota_mark_app_valid_cancel_rollback). */
  markValid(): void;
  /** The running image failed its self-test; the next boot returns to the previous one. The caller restarts. */
  markInvalid(reason: string): void;
  /** A native SHA-256 (Moddable `Digest` on ESP32, node:crypto in the simulator); absent → pure JS. */
  sha256?(): { update(data: Uint8Array): void; digest(): Uint8Array };
}

/** `device` as given by a host provider (`embedded:provider/builtin` shape), restricted to what we use. */
export interface HostDevice {
  io: {
    PWM: PwmConstructor;
    Digital?: DigitalConstructor;
    /** Metering (issue 5): present on boards with a pulse-output metering chip. */
    PulseCount?: PulseCountConstructor;
    /** Metering (issue 5): present on boards with a UART metering chip. */
    Serial?: SerialConstructor;
  };
  /**
   * Named pins. `dim`: PWM output to the LED driver's dimming input. `relay`: optional supply relay.
   * Metering (issue 5), one chip per board: pulse chip `meterCf` (CF, ∝ active power), `meterCf1` (CF1, voltage
   * or current), `meterSel` (SEL output choosing CF1's quantity); UART chip `meterTx`/`meterRx`.
   */
  pin: { dim: number; relay?: number; [name: string]: number | undefined };
  network: {
    /** Network provider for MQTT: the client class and its platform options (socket, dns), spread into the constructor. */
    mqtt: { io: MqttClientConstructor; [key: string]: unknown };
    /**
     * The same over TLS (issue 11: an identity with `mqtt_tls`): its options take `secure: { certificate }` (the CA,
     * DER, the broker's certificate must chain to). Absent: a TLS identity stays off the network.
     */
    mqtts?: { io: MqttClientConstructor; [key: string]: unknown };
    /**
     * The board's Wi-Fi station (Moddable `wifi` on ESP32), joined by the firmware itself with the provisioned
     * credentials (issue 12: not the SDK's setup/network, which holds `main` until an address comes). Absent: the
     * network is always there (the simulator; a wired board).
     */
    wifi?: HostWifi;
  };
}

/** A Wi-Fi station. One join at a time; `connect` again after `disconnected` retries. */
export interface HostWifi {
  /** Joins `ssid`; `onEvent('connected')` once the board has an IP address, `onEvent('disconnected')` when it is lost or the join failed. */
  connect(ssid: string, password: string, onEvent: (event: 'connected' | 'disconnected') => void): void;
  /** Leaves the network; no event after it. */
  close(): void;
}

/** Opaque timer handle. */
export type TimerId = unknown;

/** Moddable `Timer`-shaped timers, driven by the platform (the virtual clock in the simulator). */
export interface HostTimers {
  set(callback: () => void, ms: number): TimerId;
  repeat(callback: () => void, ms: number): TimerId;
  clear(id: TimerId | undefined): void;
}

/** The board's real-time clock. On ESP32: `Date.now()` after `Time.set()`; starts near 0 after a cold boot without RTC backup. */
export interface HostClock {
  /** Milliseconds since the Unix epoch by the board's clock (may be invalid: see firmware's clock module). */
  now(): number;
  /** Sets the board clock (Moddable `Time.set(seconds)`), e.g. from the server's time. */
  set(ms: number): void;
  /** Milliseconds since boot, monotonic (Moddable `Time.ticks`). */
  ticks(): number;
}

/**
 * Persistent key-value storage (NVS: `embedded:storage/key-value` / `preference`). Keys ≤ 15 chars,
 * values ≤ 4000 bytes. Writes are atomic per key.
 */
export interface HostStorage {
  read(key: string): ArrayBuffer | undefined;
  write(key: string, value: ArrayBuffer): void;
  delete(key: string): void;
}

export type ResetReasonName = 'power-on' | 'software' | 'watchdog' | 'panic' | 'brownout' | 'ota' | 'rollback' | 'unknown';

/**
 * Native cryptography of the platform: the SDK's `Digest` and ECDSA over its native big-integer arithmetic
 * (modules/crypt) on an ESP32, node:crypto in the simulator.
 */
export interface HostCrypto {
  /** HMAC-SHA256(key, label ‖ data), 32 bytes; `label` is ASCII. Absent → the firmware's ECMAScript one (src/sha256.ts). */
  hmacSha256?(key: Uint8Array, label: string, data: Uint8Array): Uint8Array;
  /**
   * ECDSA P-256 with SHA-256 (image manifests, issue 12): true when `signature` (r ‖ s, 64 bytes) is `publicKey`'s
   * (uncompressed, 65 bytes) over `message`. Absent → the board refuses every OTA offer (`no_verifier`).
   */
  verifyP256?(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

export interface HostSystem {
  readonly firmwareVersion: string;
  readonly resetReason: ResetReasonName;
  /** Reboots the board (ESP32 `restart()`); the simulator tears the firmware down and boots it again. */
  restart(): void;
  /** Uniform random number in [0, 1) from the platform's RNG (jitter for reconnect back-off). */
  random(): number;
  /** Diagnostic log line (XS `trace`). */
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
}

export interface Host {
  device: HostDevice;
  timers: HostTimers;
  clock: HostClock;
  storage: HostStorage;
  system: HostSystem;
  /** Native HMAC-SHA256 (frame authentication); absent → the firmware's ECMAScript one. */
  crypto?: HostCrypto;
  /** Flash partitions (`embedded:storage/flash`); absent on a platform without raw partitions (no metering log). */
  flash?: HostFlash;
  /** Issue 6: A/B slots for OTA updates; absent on a platform without them (offers are refused with a reason). */
  update?: HostUpdate;
}
