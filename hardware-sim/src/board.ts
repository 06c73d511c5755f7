/**
 * `SimBoard`: one luminaire controller board — factory config, flash, pins, LED driver, network link — that
 * boots a firmware instance with a fresh `Host` at each power-on and kills it at each power cut.
 */
import type {
  Host,
  HostUpdate,
  HostClock,
  HostSystem,
  HostTimers,
  HostWifi,
  ResetReasonName,
  TimerId,
} from '../../firmware/src/host.js';
import type { TimerGroup, VirtualClock } from './clock.js';
import { LuminaireElectrical, type DriverSpec, type SupplySpec } from './electrical.js';
import { DEFAULT_PIN_MAP, PinBus, type PinMap, type PwmTraceEntry } from './io/bus.js';
import { PRESENCE_PIN, SimPresenceSensor, type PresenceSensorOptions } from './presence.js';
import { createDigitalClass } from './io/digital.js';
import { createPwmClass } from './io/pwm.js';
import { createMqttClientClass, SimLink, type SimLinkOptions, type SimMqttClientIO } from './mqtt.js';
import { RingBuffer } from './ring.js';
import { FlashView, SimFlash } from './storage.js';
import { createXsFirmware } from './xs/bridge.js';
import type { FirmwareRuntime } from './xs/index.js';
import { join } from 'node:path';
import { sunEventUtc } from '../../firmware/src/sun.js';
import { createHash } from 'node:crypto';
import { frameHmac as nodeHmac, verifyP256 as nodeVerifyP256 } from '@streetlight/protocol/node-crypto';
import { pb } from '@streetlight/protocol';
import { IDENTITY_KEY } from '../../firmware/src/identity.js';
import { buildSimImage, SimBootloader, type SimImageInfo } from './ota/bootloader.js'; // issue 6
import { METER_PINS, SimMetering, type MeterSpec } from './chips/metering.js';
import { createSerialClass } from './chips/serial.js';
import { DALI_PINS, SimDali, type SimDaliOptions } from './dali/index.js'; // issue 17: DALI-2 / D4i

/** What a firmware build is, seen from the board: boot it with a host, get a handle to stop it. */
export type FirmwareFactory = (host: Host) => { stop(): void };

let defaultFirmware: FirmwareFactory | undefined;

/**
 * Loads `startFirmware` from `@streetlight/firmware` (lazily: the simulator does not depend on the firmware
 * at import time). Boards made without `options.firmware` use it; `SimFleet.start()` calls this for you.
 */
export async function loadDefaultFirmware(): Promise<FirmwareFactory> {
  if (defaultFirmware) return defaultFirmware;
  const specifier = '@streetlight/firmware';
  const mod = (await import(specifier)) as { startFirmware?: FirmwareFactory };
  if (typeof mod.startFirmware !== 'function') throw new Error('@streetlight/firmware does not export startFirmware(host)');
  defaultFirmware = mod.startFirmware;
  return defaultFirmware;
}

/** Zenith at which a photocell switches: sun 3° below the horizon (≈ 20 lux, typical 35/70 lux cells switch
 *  within minutes of it). */
export const PHOTOCELL_ZENITH = 93;

export interface Position {
  lat: number;
  lon: number;
}

export interface BoardLogEntry {
  /** Virtual time (ms since epoch). */
  t: number;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

/** What the simulator knows of a board's provisioned identity (decoded from its NVS "identity"). */
export interface SimIdentity {
  deviceId: string;
  tenant: string;
  hardwareModel: string;
  mqtt: { host: string; port: number; user?: string; password?: string };
  /** Device key of frame authentication (32 bytes). */
  deviceKey: Uint8Array;
  keyGeneration: number;
  otaKeys?: ReadonlyArray<{ keyId: number; publicKey: Uint8Array }>;
}

/**
 * A board is provisioned (issue 11) in one of two ways:
 *  - `identity`: the NVS bytes the fleet server's provisioning produced (fleet-server `provision`, API or
 *    testing helper): what an installer writes to a real board. Device id, town, broker and keys come from it.
 *  - `deviceId`, `tenant`, `mqtt` (and `deviceKey`, `otaKeys`, `hardwareModel`): the simulator writes an identity
 *    itself, as a provisioning station would; for firmware-only scenarios whose test peer plays the server.
 * `provisioned: false` leaves the NVS without an identity (the board boots off the network).
 */
export interface SimBoardOptions {
  clock: VirtualClock;
  /** Provisioned identity (encoded protocol DeviceIdentity). */
  identity?: Uint8Array;
  deviceId?: string;
  tenant?: string;
  /** Broker written into the identity the simulator makes (without `identity`). */
  mqtt?: { host: string; port: number; user?: string; password?: string };
  /** Device key of the identity the simulator makes. Default: derived from the device id (tests only). */
  deviceKey?: Uint8Array;
  /** false: nothing is provisioned (no identity in NVS). Default true. */
  provisioned?: boolean;
  /**
   * The Wi-Fi access point the board is near (issue 12): the board then has a Wi-Fi station (`network.wifi`)
   * the firmware must join before MQTT works; `setWifi(false)` takes the access point down. Default: none (the
   * network is always there, as on a wired board).
   */
  wifi?: { ssid: string; password: string; /** Association time, virtual ms. Default 2000. */ associateMs?: number };
  /** Wi-Fi credentials written into the identity the simulator makes. Default: the `wifi` access point's. */
  wifiCredentials?: { ssid: string; password: string };
  /** Default 'SL-ESP32-SIM' (or the identity's). */
  hardwareModel?: string;
  /** Rated luminaire power (W). Default 36. */
  nominalW?: number;
  position?: Position;
  poleRef?: string;
  luminaireModel?: string;
  /**
   * What the photocell sees. 'sun' (default when the board has a position and a photocell pin): dark while
   * the sun is more than PHOTOCELL_SUN_DEG below the horizon at the board's position, updated every virtual
   * minute. 'manual': only `setDark()` changes it.
   */
  ambient?: 'sun' | 'manual';
  /** Group (street) name, for fleet statistics. */
  group?: string;
  /** Firmware to boot. Default: `startFirmware` of `@streetlight/firmware` (see `loadDefaultFirmware`). */
  firmware?: FirmwareFactory;
  /** Version of the factory image (slot 0); `host.system.firmwareVersion` is the running image's. Default '0.1.0-sim'. */
  firmwareVersion?: string;
  /** Issue 6: Ed25519 public keys trusted for OTA manifests, in the identity the simulator makes. Default none (offers refused). */
  otaKeys?: ReadonlyArray<{ keyId: number; publicKey: Uint8Array }>;
  /** Issue 6: size of each A/B app slot in bytes. Default 1,835,008 (0x1C0000, ota_0/ota_1 of firmware/moddable/partitions.csv). */
  otaSlotBytes?: number;
  /** Pin map (`device.pin`). Default DEFAULT_PIN_MAP (dim 25, relay 26, photocell 34, led 2). */
  pins?: PinMap;
  /** LED driver parameters besides nominalW (defaults in electrical.ts). */
  driver?: Omit<DriverSpec, 'nominalW'>;
  supply?: SupplySpec;
  /**
   * Board RTC. 'lost' (default): no backup battery, the clock restarts at 0 ms (1970) at every power-on and
   * keeps running across software restarts, like an ESP32 without SNTP. 'kept': the RTC survives power cuts.
   */
  rtc?: 'lost' | 'kept';
  /** Offset of the board RTC from true (virtual) time, for 'kept' RTCs and fresh boards (ms). Default 0. */
  rtcOffsetMs?: number;
  /** Flash: an existing store, or a directory where `<deviceId>.json` persists it. Default: memory. */
  flash?: SimFlash;
  dataDir?: string;
  link?: SimLinkOptions;
  /** Seed of `system.random()`. Default: a hash of the device id (mixed with the boot count). */
  seed?: number;
  /** Log lines kept. Default 200. */
  logLimit?: number;
  /** PWM writes kept in the trace. Default 2000. */
  traceLimit?: number;
  /** Mirror log lines here (e.g. console for the demo). */
  onLog?: (board: SimBoard, entry: BoardLogEntry) => void;
  /** Boot time after a restart or panic, virtual ms. Default 1000. */
  rebootDelayMs?: number;
  /** An exception escaping firmware code reboots the board with resetReason 'panic' (default true); false rethrows. */
  panicOnException?: boolean;
  /**
   * Engine that runs the firmware. 'node' (default): `firmware` runs in this process. 'xs': the firmware
   * bundle runs inside the real XS engine (an xsnap worker per boot, src/xs/), on the same simulated parts.
   * 'device': the device-conditions host (devhost/, issue 12) — the firmware preloaded by the Moddable SDK's xsl
   * in the device's fixed heap, 32-bit, the SDK's native crypto; an XS abort (memory full…) is a panic reboot.
   * With 'xs' or 'device', `firmware` must be left out.
   */
  runtime?: FirmwareRuntime;
  /**
   * Metering chip (issue 5, chips/metering.ts): 'hlw8012' (pulse output, PulseCount) or 'bl0940' (UART), or a
   * full spec (gain errors, noise, factory calibration, log size). Default: none (no metering IO).
   */
  meter?: MeterSpec['chip'] | MeterSpec;
  /**
   * Presence on demand: a motion sensor's output on the input `pin.presence` (PRESENCE_PIN, 35), `board.presenceSensor`,
   * driven by a `SimStreet` (presence.ts) or by hand. Default: none (the firmware keeps its plan's levels).
   */
  presenceSensor?: boolean | PresenceSensorOptions;
  /**
   * Issue 17: a DALI-2 LED driver with D4i memory banks (dali/gear.ts) behind a DALI interface on a UART
   * (`pin.daliTx`/`pin.daliRx`, dali/interface.ts): the luminaire's light and power then follow the gear's arc level,
   * not the PWM pin. `board.dali` injects faults. Default: none (PWM / 1–10 V driver).
   */
  dali?: boolean | SimDaliOptions;
}

export type BoardState = 'off' | 'on' | 'rebooting';

export class SimBoard {
  readonly clock: VirtualClock;
  /** The identity provisioned at construction (the firmware reads it from NVS). */
  readonly identity: Readonly<SimIdentity>;
  readonly nominalW: number;
  readonly position: Position | undefined;
  readonly poleRef: string | undefined;
  readonly luminaireModel: string | undefined;
  readonly group: string | undefined;
  readonly flash: SimFlash;
  readonly link: SimLink;
  readonly bus: PinBus;
  readonly electrical: LuminaireElectrical;
  readonly logs: RingBuffer<BoardLogEntry>;
  /** Issue 6: the A/B app slots and the bootloader's rollback logic (ota/bootloader.ts). */
  readonly bootloader: SimBootloader;
  #image: SimImageInfo;
  #updateAlive = { alive: false };
  /** Faults of this boot: the image's own, or the board's `otaFaults` when it runs a new, unconfirmed image. */
  #faults: { bootLoop: boolean; failSelfTest: boolean } = { bootLoop: false, failSelfTest: false };
  /**
   * Issue 6 fault injection per board: applied when the board boots a new image that has not confirmed itself
   * yet (its first boot after an update), as if that image did not work on this particular board.
   */
  otaFaults: { bootLoop?: boolean; failSelfTest?: boolean } = {};
  /** Metering chip, `meterlog` flash partition and fault injection (issue 5). */
  readonly metering: SimMetering;
  /** The pole's motion sensor (option `presenceSensor`), undefined without one. */
  readonly presenceSensor: SimPresenceSensor | undefined;
  /** Issue 17: the DALI-2 / D4i driver and its bus interface (option `dali`), undefined without one. */
  readonly dali: SimDali | undefined;

  #firmware: FirmwareFactory | undefined;
  #state: BoardState = 'off';
  #bootCount = 0;
  #nextResetReason: ResetReasonName = 'power-on';
  #resetReason: ResetReasonName = 'power-on';
  #bootAt = 0;
  #rtcOffset: number;
  readonly #rtcMode: 'lost' | 'kept';
  readonly #seed: number;
  readonly #rebootDelayMs: number;
  readonly #panicOnException: boolean;
  readonly #onLog: SimBoardOptions['onLog'];
  #timers: TimerGroup | undefined;
  #instance: { stop(): void } | undefined;
  #view: FlashView | undefined;
  #mqttClients = new Set<SimMqttClientIO>();
  readonly #wifiAp: { ssid: string; password: string; associateMs: number } | undefined;
  #wifiUp = true;
  /** The firmware's current join: its callback and whether it holds an address. */
  #station: { onEvent: (event: 'connected' | 'disconnected') => void; connected: boolean; timer: unknown } | undefined;
  /** Joins the firmware attempted (all boots). */
  wifiJoins = 0;
  #pendingBoot: TimerId | undefined;
  #lastException: unknown;

  constructor(options: SimBoardOptions) {
    this.clock = options.clock;
    this.#wifiAp = options.wifi ? { associateMs: 2000, ...options.wifi } : undefined;
    const made = provisionSim(options);
    this.identity = Object.freeze(made.identity);
    const deviceId = this.identity.deviceId;
    this.nominalW = options.nominalW ?? 36;
    this.position = options.position;
    this.poleRef = options.poleRef;
    this.luminaireModel = options.luminaireModel;
    this.group = options.group;
    this.#image = { version: options.firmwareVersion ?? '0.1.0-sim', hardwareModels: [this.identity.hardwareModel], kind: 'full' };
    this.bootloader = new SimBootloader(options.otaSlotBytes ?? 0x1c0000, factoryImage(this.#image));
    if ((options.runtime === 'xs' || options.runtime === 'device') && options.firmware) {
      throw new TypeError(`runtime '${options.runtime}' runs the firmware bundle: leave options.firmware out`);
    }
    this.#firmware = options.runtime === 'xs' ? createXsFirmware() : options.runtime === 'device' ? createXsFirmware({ engine: 'device' }) : options.firmware;
    this.flash = options.flash ?? new SimFlash(options.dataDir !== undefined ? { file: join(options.dataDir, `${deviceId}.json`) } : {});
    // Provisioning: the identity goes to NVS (given bytes always; one the simulator made only if none is there).
    if (options.provisioned !== false && (options.identity !== undefined || this.flash.read(IDENTITY_KEY) === undefined)) {
      this.flash.write(IDENTITY_KEY, Uint8Array.from(made.nvs).buffer);
    }
    this.link = new SimLink(options.link);
    const now = (): number => this.clock.now();
    const meter = typeof options.meter === 'string' ? { chip: options.meter } : options.meter;
    const presencePins = options.presenceSensor ? { presence: PRESENCE_PIN } : {};
    const daliPins = options.dali ? DALI_PINS : {};
    this.bus = new PinBus({ now, pins: { ...(options.pins ?? DEFAULT_PIN_MAP), ...presencePins, ...SimMetering.pins(meter), ...daliPins }, traceLimit: options.traceLimit ?? 2000 });
    this.presenceSensor = options.presenceSensor
      ? new SimPresenceSensor(this, this.bus.pins.presence as number, options.presenceSensor === true ? {} : options.presenceSensor)
      : undefined;
    // A DALI LED driver dims down to 0.1 % (arc level 1), not to a 1–10 V driver's 10 %.
    const daliMin = options.dali && options.driver?.minLevel === undefined ? { minLevel: 0.001 } : {};
    this.electrical = new LuminaireElectrical({ ...options.driver, ...daliMin, nominalW: this.nominalW }, now, options.supply);
    this.dali = options.dali
      ? new SimDali({
        ...(options.dali === true ? {} : options.dali), line: this.electrical, now,
        random: mulberry32(hash32(`${deviceId}/dali`)), onChange: () => this.#updateElectrical(),
      })
      : undefined;
    this.metering = new SimMetering({
      spec: meter, clock: this.clock, line: this.electrical, flash: this.flash,
      ...(options.dataDir !== undefined ? { logFile: join(options.dataDir, `${deviceId}.meterlog`) } : {}),
      random: mulberry32(hash32(`${deviceId}/meter`)),
      onChange: () => this.#updateElectrical(), powerOff: () => this.powerOff(),
    });
    // The HLW8012's select pin reaches the chip only (the driver does not see it): it changes at every meter poll.
    const sel = this.metering.hlw8012 ? METER_PINS.hlw8012.meterSel : -1;
    this.bus.onChange = (event) => {
      if (event.kind === 'digital' && event.pin === sel) this.metering.syncPins(this.bus);
      else this.#updateElectrical();
    };
    this.logs = new RingBuffer(options.logLimit ?? 200);
    this.#rtcMode = options.rtc ?? 'lost';
    this.#rtcOffset = options.rtcOffsetMs ?? 0;
    this.#seed = options.seed ?? hash32(deviceId);
    this.#rebootDelayMs = options.rebootDelayMs ?? 1000;
    this.#panicOnException = options.panicOnException ?? true;
    this.#onLog = options.onLog;
    if ((options.ambient ?? 'sun') === 'sun' && this.position && this.bus.pins.photocell !== undefined) {
      this.#followSun();
    }
  }

  #sunTimer: unknown;

  /** Environment, not board: keeps running through power cuts. Stopped by setDark() or dispose(). */
  #followSun(): void {
    // The photocell is read on a minute grid from the board's creation (as a comparator sampled every minute
    // would be). Its output changes only at sunrise, at sunset and at a UTC midnight (the day's events are
    // computed once per UTC day: sunEventUtc depends only on the day and the place), so instead of a timer every
    // minute the board wakes at the first grid minute at or after the next such instant and sets the input as
    // the minute timer would have there (issue 14: two timers a day instead of 1,440 per board).
    const { lat, lon } = this.position as Position;
    const phase = this.clock.now();
    let day = NaN;
    let rise: number | undefined;
    let set: number | undefined;
    const events = (now: number): void => {
      const today = Math.floor(now / 86_400_000);
      if (today === day) return;
      day = today;
      rise = sunEventUtc(now, lat, lon, PHOTOCELL_ZENITH, true);
      set = sunEventUtc(now, lat, lon, PHOTOCELL_ZENITH, false);
    };
    const update = (): void => {
      const now = this.clock.now();
      events(now);
      const dark = rise === undefined || set === undefined ? false : now < rise || now >= set;
      this.bus.setInput(this.bus.pins.photocell as number, dark ? 1 : 0);
      // The next instant the output may change: the first of rise, set and the next UTC midnight after now.
      let next = (day + 1) * 86_400_000;
      if (rise !== undefined && rise > now && rise < next) next = rise;
      if (set !== undefined && set > now && set < next) next = set;
      const tick = phase + Math.ceil((next - phase) / 60_000) * 60_000;
      this.#sunTimer = this.clock.set(update, tick - now);
    };
    update();
  }

  /** Writes what the board keeps in files (with `dataDir`) to disk: the metering log partition. NVS writes through. */
  flushStorage(): void {
    this.metering.meterlog.flush();
  }

  /** Powers the board off and stops its environment timers (photocell, injected cycling). */
  dispose(): void {
    this.powerOff();
    this.metering.dispose();
    this.clock.clear(this.#sunTimer);
    this.#sunTimer = undefined;
    this.presenceSensor?.dispose();
  }

  get deviceId(): string { return this.identity.deviceId; }
  get tenant(): string { return this.identity.tenant; }

  /** Writes a new identity to NVS (an installer re-provisioning the board); it takes effect at the next boot. */
  reprovision(identity: Uint8Array): void {
    this.flash.write(IDENTITY_KEY, Uint8Array.from(identity).buffer);
  }
  /** Version of the image running (or last run): `host.system.firmwareVersion` (issue 6: it changes with updates). */
  get firmwareVersion(): string { return this.#image.version; }
  get state(): BoardState { return this.#state; }
  /** Number of firmware boots (power-ons and restarts). */
  get bootCount(): number { return this.#bootCount; }
  /** Reset reason of the running (or last) boot. */
  get resetReason(): ResetReasonName { return this.#resetReason; }
  /** The last exception that escaped firmware code (and caused a panic reboot). */
  get lastException(): unknown { return this.#lastException; }
  /** The running firmware instance (what the factory returned; on XS an `XsFirmware`), undefined when off. */
  get firmware(): ReturnType<FirmwareFactory> | undefined { return this.#instance; }

  /** MQTT connected (some client of this boot has its CONNACK and no failure since). */
  /** The access point is up (or the board has no Wi-Fi). */
  get wifiUp(): boolean { return this.#wifiUp; }
  /** The firmware's station holds an address now. */
  get wifiConnected(): boolean { return this.#station?.connected === true; }

  /**
   * Takes the access point down (the station loses its address, the MQTT connection drops) or up (the station must
   * join again). Only for a board with `wifi`.
   */
  setWifi(up: boolean): void {
    if (!this.#wifiAp) throw new Error('this board has no Wi-Fi (options.wifi)');
    if (up === this.#wifiUp) return;
    this.#wifiUp = up;
    if (up) {
      this.link.up();
      return;
    }
    this.link.down();
    const st = this.#station;
    if (st?.connected) {
      st.connected = false;
      st.onEvent('disconnected');
    }
  }

  get online(): boolean {
    for (const c of this.#mqttClients) if (c.connected) return true;
    return false;
  }

  /** Board RTC as the firmware sees it. */
  rtcNow(): number { return this.clock.now() + this.#rtcOffset; }

  // --- inspection of the luminaire ---

  /** PWM writes on the dim pin, oldest first. */
  get pwmTrace(): PwmTraceEntry[] {
    const dim = this.bus.pins.dim;
    return this.bus.trace.toArray().filter((e) => e.pin === dim);
  }
  /** Duty (0..1) on the dim pin, undefined when no PWM drives it. */
  get duty(): number | undefined { return this.bus.duty(this.bus.pins.dim); }
  /** Light output in % of nominal flux (0 when dark, unpowered or below the driver's minimum). */
  get levelPct(): number { return this.electrical.lightLevel * 100; }
  /** Relay state: true closed, false open, undefined if the board has no relay. */
  get relayClosed(): boolean | undefined {
    const pin = this.bus.pins.relay;
    return pin === undefined ? undefined : this.bus.output(pin) === 1;
  }
  powerW(): number { return this.electrical.powerW(); }
  /** Ground-truth energy drawn by the luminaire since the board was created (Wh). */
  energyWh(): number { return this.electrical.energyWh(); }
  voltage(): number { return this.electrical.voltage(); }

  /** Photocell input: true = dark (comparator output 1). */
  setDark(dark: boolean): void {
    this.clock.clear(this.#sunTimer);
    this.#sunTimer = undefined;
    const pin = this.bus.pins.photocell;
    if (pin === undefined) throw new Error(`${this.deviceId} has no photocell`);
    this.bus.setInput(pin, dark ? 1 : 0);
  }

  // --- power ---

  /** Applies mains power and boots the firmware (synchronously). No-op if already on. */
  powerOn(): void {
    if (this.#state !== 'off') return;
    if (this.#rtcMode === 'lost') this.#rtcOffset = -this.clock.now(); // RTC restarts at 0 (1970-01-01)
    this.#state = 'on';
    this.#updateElectrical();
    this.metering.powerOn();
    this.#boot();
  }

  /**
   * Power cut at this instant: every timer of the board is cancelled, IO and MQTT connections are dropped
   * without any callback to the firmware, the firmware instance is discarded (its `stop()` is called only to
   * release simulator resources: nothing it does then reaches the flash). The next boot is 'power-on'.
   */
  powerOff(): void {
    if (this.#state === 'off') return;
    this.#kill();
    this.#state = 'off';
    this.#nextResetReason = 'power-on';
    this.metering.powerOff();
    this.#updateElectrical();
    this.#log('info', 'power cut');
  }

  /** Power cut followed by power-on after `offMs` virtual ms. */
  powerCycle(offMs = 0): void {
    this.powerOff();
    if (offMs <= 0) this.powerOn();
    else this.#pendingBoot = this.clock.set(() => { this.#pendingBoot = undefined; this.powerOn(); }, offMs);
  }

  /** Reboot as `system.restart()` does ('software'), or with another reason (watchdog, panic, ota...). */
  restart(reason: ResetReasonName = 'software'): void {
    if (this.#state !== 'on') return;
    this.#log('info', `restart (${reason})`);
    this.#kill();
    this.#state = 'rebooting';
    this.#nextResetReason = reason;
    this.#updateElectrical();
    this.#pendingBoot = this.clock.set(() => {
      this.#pendingBoot = undefined;
      if (this.#state !== 'rebooting') return;
      this.#state = 'on';
      this.#boot();
    }, this.#rebootDelayMs);
  }

  #boot(): void {
    this.#bootCount++;
    this.#resetReason = this.#nextResetReason;
    this.#nextResetReason = 'unknown';
    this.#bootAt = this.clock.now();
    const timers = this.clock.group();
    this.#timers = timers;
    this.bus.timers = timers;
    const view = new FlashView(this.flash, (key) => this.#log('warn', `write of "${key}" after power loss dropped`));
    this.#view = view;
    // Issue 6: the bootloader picks the slot (rolling back an image that never confirmed itself).
    const decision = this.bootloader.boot();
    this.#image = decision.image;
    const fresh = this.bootloader.pendingVerify;
    this.#faults = {
      bootLoop: decision.image.bootLoop === true || (fresh && this.otaFaults.bootLoop === true),
      failSelfTest: decision.image.failSelfTest === true || (fresh && this.otaFaults.failSelfTest === true),
    };
    if (decision.rolledBackFrom) this.#log('warn', `bootloader: rolled back from ${decision.rolledBackFrom.version ?? '?'} (${decision.rolledBackFrom.reason})`);
    const host = this.#makeHost(timers, view);
    const firmware = this.#firmware ?? defaultFirmware;
    if (firmware === undefined) {
      throw new Error('no firmware: pass options.firmware or `await loadDefaultFirmware()` first');
    }
    this.#log('info', `boot #${this.#bootCount} (${this.#resetReason}) ${this.#image.version}`);
    this.#guard(() => {
      // Test fault of a simulated image: it crashes at start, before it could confirm itself.
      if (this.#faults.bootLoop) throw new Error(`image ${this.#image.version} crashes at start (boot-loop test image)`);
      this.#instance = firmware(host);
    });
  }

  #makeHost(timers: TimerGroup, storage: FlashView): Host {
    // An exception escaping a firmware timer's callback is a panic: the group's guarded timers hand it to
    // #failed (no wrapper closure per timer: a metered board schedules hundreds of thousands a night).
    timers.onError = (error) => this.#failed(error);
    const hostTimers: HostTimers = timers.guarded();
    const bootAt = this.#bootAt;
    const clock: HostClock = {
      now: () => this.rtcNow(),
      set: (ms: number) => {
        if (!Number.isFinite(ms)) throw new RangeError('invalid time');
        this.#rtcOffset = ms - this.clock.now();
      },
      ticks: () => this.clock.now() - bootAt,
    };
    const random = mulberry32((this.#seed ^ Math.imul(this.#bootCount, 0x9e3779b1)) >>> 0);
    const resetReason = this.#resetReason;
    const system: HostSystem = {
      firmwareVersion: this.#image.version,
      resetReason,
      restart: () => this.restart('software'),
      random,
      log: (level, message) => this.#log(level, message),
    };
    const mqttClass = createMqttClientClass({
      // Test fault of a simulated image (failSelfTest): its network stack never connects, so its self-test fails.
      link: this.#faults.failSelfTest ? brokenLink() : this.link,
      registry: this.#mqttClients,
      timers,
      onException: (error) => this.#panic(error),
      log: (message) => this.#log('debug', message),
    });
    const metering = this.metering.hostParts(this.bus);
    const dali = this.dali;
    if (dali) {
      // One UART class for the board: the DALI interface on its pins, the BL0940 (if any) on its own.
      const bl = this.metering.bl0940;
      const blPins = METER_PINS.bl0940;
      metering.io.Serial = createSerialClass(this.bus, (tx, rx) =>
        tx === DALI_PINS.daliTx && rx === DALI_PINS.daliRx ? dali.interface : bl && tx === blPins.meterTx && rx === blPins.meterRx ? bl : undefined);
    }
    return {
      device: {
        io: { PWM: createPwmClass(this.bus), Digital: createDigitalClass(this.bus), ...metering.io },
        pin: { ...this.bus.pins },
        network: { mqtt: { io: mqttClass }, mqtts: { io: mqttClass }, ...(this.#wifiAp ? { wifi: this.#makeWifi(hostTimers) } : {}) },
      },
      flash: metering.flash,
      update: this.#makeUpdate(),
      timers: hostTimers,
      clock,
      storage,
      system,
      crypto: { hmacSha256: nodeHmac, verifyP256: nodeVerifyP256 },
    };
  }

  /** Issue 12: the board's Wi-Fi station; a join succeeds after `associateMs` when the access point is up and the credentials match. */
  #makeWifi(timers: HostTimers): HostWifi {
    const ap = this.#wifiAp as { ssid: string; password: string; associateMs: number };
    const stop = (): void => {
      const st = this.#station;
      this.#station = undefined;
      if (st) timers.clear(st.timer);
    };
    return {
      connect: (ssid, password, onEvent) => {
        stop();
        this.wifiJoins++;
        const st: { onEvent: typeof onEvent; connected: boolean; timer: unknown } = { onEvent, connected: false, timer: undefined };
        st.timer = timers.set(() => {
          if (this.#station !== st) return;
          if (this.#wifiUp && ssid === ap.ssid && password === ap.password) {
            st.connected = true;
            onEvent('connected');
          } else {
            onEvent('disconnected');
          }
        }, ap.associateMs);
        this.#station = st;
      },
      close: stop,
    };
  }

  /** Issue 6: `host.update` over the bootloader; writes from a dead (powered-off) instance are dropped. */
  #makeUpdate(): HostUpdate {
    const b = this.bootloader;
    const life = { alive: true };
    this.#updateAlive = life;
    const live = (what: string): boolean => {
      if (!life.alive) this.#log('warn', `OTA ${what} after power loss dropped`);
      return life.alive;
    };
    const lastRollback = b.lastRollback;
    b.lastRollback = undefined; // read once, like a reason kept in RTC memory across one reset
    return {
      pendingVerify: b.pendingVerify,
      lastRollback: lastRollback ? { reason: lastRollback.reason, ...(lastRollback.version ? { version: lastRollback.version } : {}) } : undefined,
      begin: (size, _kind, resumeAt = 0) => (live('begin') ? b.beginUpdate(size, resumeAt) : 0),
      write: (offset, data) => { if (live('write')) b.write(offset, data); },
      read: (offset, length) => b.readUpdate(offset, length),
      finish: () => { if (live('finish')) b.finishUpdate(); },
      setBoot: () => { if (live('setBoot')) b.setBootSlot(); },
      markValid: () => { if (live('markValid')) b.markValid(); },
      markInvalid: (reason) => { if (live('markInvalid')) b.markInvalid(reason); },
      sha256: () => {
        const h = createHash('sha256');
        return { update: (d) => { h.update(d); }, digest: () => new Uint8Array(h.digest()) };
      },
    };
  }

  #kill(): void {
    this.#updateAlive.alive = false;
    if (this.#pendingBoot !== undefined) this.clock.clear(this.#pendingBoot);
    this.#pendingBoot = undefined;
    this.#timers?.close();
    this.#timers = undefined;
    this.bus.timers = undefined;
    for (const c of [...this.#mqttClients]) c.close();
    this.#mqttClients.clear();
    this.#station = undefined; // its timer went with the boot's timers
    this.#view?.kill();
    this.#view = undefined;
    this.bus.powerDown();
    const instance = this.#instance;
    this.#instance = undefined;
    if (instance) {
      try {
        instance.stop();
      } catch (error) {
        this.#log('warn', `firmware stop() threw: ${String(error)}`);
      }
    }
  }

  #guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.#failed(error);
    }
  }

  /** An exception escaped firmware code: panic reboot, or rethrow (`panicOnException: false`). */
  #failed(error: unknown): void {
    if (!this.#panicOnException) throw error;
    this.#panic(error);
  }

  #panic(error: unknown): void {
    this.#lastException = error;
    this.#log('error', `panic: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (!this.#panicOnException) throw error;
    this.restart('panic');
  }

  #updateElectrical(): void {
    const mains = this.#state !== 'off';
    const relayPin = this.bus.pins.relay;
    const m = this.metering;
    // Injected luminaire faults (lamp failure, cycling, welded relay) change what the driver really sees.
    const relayClosed = m.relayWelded || relayPin === undefined || this.bus.output(relayPin) === 1;
    const gear = this.dali?.gear;
    if (gear && gear.powered !== (mains && relayClosed)) {
      // The DALI driver's supply changed: it starts at its power-on level (or goes dark); it calls back here.
      if (mains && relayClosed) gear.powerOn();
      else gear.powerOff();
      return;
    }
    const level = m.relayWelded && !gear ? undefined : m.lampDark ? 0 : gear ? gear.outputFraction() : this.bus.duty(this.bus.pins.dim);
    m.syncPins(this.bus);
    this.electrical.update({ powered: mains && relayClosed, level });
  }

  #log(level: BoardLogEntry['level'], message: string): void {
    const entry: BoardLogEntry = { t: this.clock.now(), level, message };
    this.logs.push(entry);
    this.#onLog?.(this, entry);
  }
}

/** Factory images are shared by boards with the same version and model (their sectors are interned anyway). */
const factoryImages = new Map<string, Uint8Array>();
function factoryImage(info: SimImageInfo): Uint8Array {
  const key = JSON.stringify(info);
  let img = factoryImages.get(key);
  if (!img) {
    img = buildSimImage(info, 16_384);
    factoryImages.set(key, img);
  }
  return img;
}

/** A network path that never connects (an image whose network stack is broken). */
function brokenLink(): SimLink {
  const link = new SimLink();
  link.down();
  return link;
}

/** FNV-1a 32-bit hash. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, seeded PRNG in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** HMAC-SHA256 and ECDSA P-256 with node:crypto: the simulator's native crypto (host.crypto). */
export { frameHmac as nodeHmac, verifyP256 as nodeVerifyP256 } from '@streetlight/protocol/node-crypto';

/** The device key the simulator gives a board it provisions itself (tests: deterministic per device id). */
export function simDeviceKey(deviceId: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`streetlight simulator device key\0${deviceId}`).digest());
}

/** The identity of a board's options, and its NVS bytes. */
function provisionSim(o: SimBoardOptions): { identity: SimIdentity; nvs: Uint8Array } {
  if (o.identity !== undefined) {
    const m = pb.DeviceIdentity.decode(o.identity);
    const identity: SimIdentity = {
      deviceId: m.deviceId, tenant: m.tenant, hardwareModel: m.hardwareModel || 'SL-ESP32-SIM',
      mqtt: { host: m.mqttHost, port: m.mqttPort, user: m.deviceId, password: m.mqttPassword },
      deviceKey: m.deviceKey, keyGeneration: m.keyGeneration,
      otaKeys: m.otaKeys.map((k) => ({ keyId: k.keyId ?? 0, publicKey: k.publicKey ?? new Uint8Array(0) })),
    };
    return { identity, nvs: o.identity };
  }
  if (o.deviceId === undefined || o.tenant === undefined || o.mqtt === undefined) {
    throw new TypeError('a simulated board needs `identity` (provisioned by the fleet server) or deviceId, tenant and mqtt');
  }
  const identity: SimIdentity = {
    deviceId: o.deviceId, tenant: o.tenant, hardwareModel: o.hardwareModel ?? 'SL-ESP32-SIM',
    mqtt: { ...o.mqtt }, deviceKey: o.deviceKey ?? simDeviceKey(o.deviceId), keyGeneration: 1,
    ...(o.otaKeys ? { otaKeys: o.otaKeys } : {}),
  };
  const nvs = pb.DeviceIdentity.encode({
    format: 1, deviceId: identity.deviceId, tenant: identity.tenant, hardwareModel: identity.hardwareModel,
    mqttHost: identity.mqtt.host, mqttPort: identity.mqtt.port, mqttPassword: identity.mqtt.password ?? '',
    deviceKey: identity.deviceKey, keyGeneration: identity.keyGeneration,
    otaKeys: (identity.otaKeys ?? []).map((k) => ({ keyId: k.keyId, publicKey: k.publicKey })),
    wifiSsid: (o.wifiCredentials ?? o.wifi)?.ssid ?? '', wifiPassword: (o.wifiCredentials ?? o.wifi)?.password ?? '',
  }).finish();
  return { identity, nvs };
}
