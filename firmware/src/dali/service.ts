/**
 * Issue 17: the luminaire's DALI-2 / D4i driver, seen from the controller (firmware/README.md, "DALI-2 / D4i").
 *
 * - Dimming: the dimmer's level goes out as broadcast DAPC (`level(fraction)`), by DALI's logarithmic curve.
 * - Identity: at boot (and when the server asks: `Command.read_luminaire`) the banks 0 (gear), 1 (luminaire, D4i
 *   Part 251), 202 (energy, Part 252), 205 and 206 (diagnostics, Part 253) are read through DTR1/DTR0 + READ MEMORY
 *   LOCATION, and sent as a `LuminaireReport` once the board is connected (every connection), then every 24 h.
 * - Health: every POLL_MS, QUERY STATUS and 207's QUERY FAILURE STATUS; every DIAG_MS the banks 202/205/206. Alarms the
 *   metering chip cannot see, each debounced over two observations both ways: LED failure (lamp failure, open or short
 *   LED), driver over-temperature (thermal derating/shutdown, or ≥ OVERTEMP_C), driver supply voltage out of its range
 *   (bank 205's under/overvoltage flags, or outside the luminaire's mains range ±10 %), LED end of life (on time ≥
 *   LED_RATED_LIFE_H), DALI fault (no interface, no bus power, no gear answering).
 */
import { EventType, LuminaireReason, type LuminaireReport } from '@streetlight/protocol/lean';
import type { Host, TimerId } from '../host.js';
import {
  B0_FIRMWARE, B0_GTIN, B0_SERIAL, B1_CCT_K, B1_CONTENT_FORMAT, B1_CRI, B1_DISTRIBUTION, B1_FLUX_LM, B1_GTIN, B1_MAX_MAINS_V,
  B1_MIN_DIM_POWER_W, B1_MIN_MAINS_V, B1_POWER_W, B1_SERIAL, B1_WEEK, B1_YEAR, B202_ENERGY, B202_ENERGY_SCALE, B202_POWER,
  B202_POWER_SCALE, B205_OPERATING_TIME, B205_OVERVOLTAGE, B205_START_COUNTER, B205_SUPPLY_V, B205_TEMPERATURE,
  B205_THERMAL_DERATING, B205_THERMAL_SHUTDOWN, B205_UNDERVOLTAGE, B206_CURRENT, B206_FAILURE, B206_ON_TIME, B206_OPEN,
  B206_SHORT, B206_TEMPERATURE, B206_VOLTAGE, BANK0, BANK0_LAST, BANK1, BANK1_LAST, BANK202, BANK202_LAST, BANK205,
  BANK205_LAST, BANK206, BANK206_LAST, D4I_CONTENT_FORMAT, D4I_TEMPERATURE_OFFSET, DALI_BROADCAST_CMD, DALI_DEVICE_TYPE_LED,
  DALI_DT6_QUERY_FAILURE_STATUS, DALI_DTR0, DALI_DTR1, DALI_ENABLE_DEVICE_TYPE, DALI_QUERY_ACTUAL_LEVEL, DALI_QUERY_STATUS,
  DALI_READ_MEMORY_LOCATION, DT6_OPEN_CIRCUIT, DT6_SHORT_CIRCUIT, DT6_THERMAL_OVERLOAD, DT6_THERMAL_SHUTDOWN,
  STATUS_LAMP_FAILURE, arcForFraction,
} from './frames.js';
import { DALI_ANSWER, DALI_BUS_FAULT, DALI_NO, DALI_TIMEOUT, DaliMaster } from './master.js';

export const POLL_MS = 30_000;
export const DIAG_MS = 5 * 60_000;
export const REPORT_MS = 24 * 3_600_000;
/** Driver temperature at or above which it is over-temperature, °C (D4i drivers derate around 85–90 °C). */
export const OVERTEMP_C = 85;
/** LED on time at which the light source is at its end of life (L80 figures of street luminaires: 100,000 h). */
export const LED_RATED_LIFE_H = 100_000;
/** A bank read that failed is tried again after this long. */
const RETRY_MS = 60_000;

/** `LuminaireReport.failures` bits (protocol README, "DALI-2 / D4i"). */
export const FAIL_LED_OPEN = 1;
export const FAIL_LED_SHORT = 2;
export const FAIL_LAMP = 4;
export const FAIL_THERMAL_DERATING = 8;
export const FAIL_THERMAL_SHUTDOWN = 16;
export const FAIL_UNDERVOLTAGE = 32;
export const FAIL_OVERVOLTAGE = 64;
export const FAIL_LED = 128;

// Alarm slots.
const A_LED = 0;
const A_TEMP = 1;
const A_VOLT = 2;
const A_LIFE = 3;
const A_BUS = 4;
const ALARMS = 5;

export interface DaliCallbacks {
  event(type: number, active: boolean, value: number, detail: string): void;
  /** Sends the report; false when it could not go out (offline): it goes at the next connection. */
  report(report: LuminaireReport): boolean;
  /** Unix seconds by the board clock, 0 when not valid. */
  time(): number;
}

export class DaliService {
  readonly #master: DaliMaster;
  readonly #host: Host;
  readonly #cb: DaliCallbacks;
  readonly #b0 = new Uint8Array(BANK0_LAST + 1);
  readonly #b1 = new Uint8Array(BANK1_LAST + 1);
  readonly #b202 = new Uint8Array(BANK202_LAST + 1);
  readonly #b205 = new Uint8Array(BANK205_LAST + 1);
  readonly #b206 = new Uint8Array(BANK206_LAST + 1);
  /** Banks read in full: bit 0 bank 0, 1 bank 1, 2 bank 202, 3 bank 205, 4 bank 206. */
  #have = 0;
  // the bank read in progress
  #buf: Uint8Array | undefined;
  #pos = 0;
  #ok = true;
  #step = -1;
  #plan = 0;
  #reason = 0;
  #status = 0;
  #dt6 = 0;
  #arc = -1;
  #pollFailures = 0;
  #pollOutcome = 0;
  readonly #active = new Uint8Array(ALARMS);
  readonly #count = new Int8Array(ALARMS);
  #reportDue = 0;
  #pollTimer: TimerId | undefined;
  #diagTimer: TimerId | undefined;
  #reportTimer: TimerId | undefined;
  #retryTimer: TimerId | undefined;
  #stopped = false;
  /** Reports sent, bank reads completed, this boot (status). */
  reports = 0;
  reads = 0;

  constructor(host: Host, master: DaliMaster, callbacks: DaliCallbacks) {
    this.#host = host;
    this.#master = master;
    this.#cb = callbacks;
    this.#read(0x1f, LuminaireReason.LUMINAIRE_REASON_BOOT);
    const t = host.timers;
    this.#pollTimer = t.repeat(() => this.#guard(() => this.#poll()), POLL_MS);
    this.#diagTimer = t.repeat(() => this.#guard(() => this.#read(0x1c, 0)), DIAG_MS);
    this.#reportTimer = t.repeat(() => this.#guard(() => this.#read(0x1f, LuminaireReason.LUMINAIRE_REASON_PERIODIC)), REPORT_MS);
  }

  /** Builds the service when the board has a DALI interface (`pin.daliTx`/`pin.daliRx` and Serial); undefined otherwise. */
  static start(host: Host, callbacks: DaliCallbacks): DaliService | undefined {
    const { io, pin } = host.device;
    if (!io.Serial || pin.daliTx === undefined || pin.daliRx === undefined) return undefined;
    const master = new DaliMaster({ serial: { io: io.Serial, transmit: pin.daliTx, receive: pin.daliRx, port: 2 }, timers: host.timers, ticks: () => host.clock.ticks() });
    return new DaliService(host, master, callbacks);
  }

  /**
   * The host the dimmer drives the light through: the same, but its PWM class is the DALI driver — a duty of
   * `value / (2^16 − 1)` is the fraction of full light the dimmer wants (its curve applied), sent as DAPC. So the
   * dimmer's fades, minimum level, relay and curve apply unchanged.
   */
  dimmingHost(host: Host): Host {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const dali = this;
    class DaliPwm {
      readonly resolution = 16;
      readonly hz = 0;
      write(value: number): void { dali.level(value / 65_535); }
      close(): void { /* the DALI master is closed by the service */ }
    }
    return { ...host, device: { ...host.device, io: { ...host.device.io, PWM: DaliPwm } } };
  }

  /** The dimmer's output: `fraction` (0..1) of full light, as a broadcast DAPC. */
  level(fraction: number): void {
    const arc = arcForFraction(fraction);
    if (arc === this.#arc) return;
    this.#arc = arc;
    this.#master.dapc(arc);
  }

  /** The server asks for the luminaire's data (Command.read_luminaire): read every bank again and report. */
  request(): void { this.#read(0x1f, LuminaireReason.LUMINAIRE_REASON_REQUESTED); }

  /**
   * Connected: a report not yet delivered goes now, and active alarms are said again. `again`: the connection's first
   * Hello went unanswered (app.ts, issue 14), so what followed it may be lost too: the last report is sent again.
   */
  onConnected(again = false): void {
    if (again && (this.#have & 2) && !this.#reportDue) this.#reportDue = LuminaireReason.LUMINAIRE_REASON_BOOT;
    if (this.#reportDue) this.#sendReport();
    for (let i = 0; i < ALARMS; i++) if (this.#active[i]) this.#cb.event(TYPES[i] as number, true, 0, 'still active');
  }

  status(): { gear: boolean; d4i: boolean; reports: number; alarms: number[] } {
    const alarms: number[] = [];
    for (let i = 0; i < ALARMS; i++) if (this.#active[i]) alarms.push(TYPES[i] as number);
    return { gear: (this.#have & 2) !== 0, d4i: this.#d4i(), reports: this.reports, alarms };
  }

  stop(): void {
    this.#stopped = true;
    const t = this.#host.timers;
    t.clear(this.#pollTimer);
    t.clear(this.#diagTimer);
    t.clear(this.#reportTimer);
    t.clear(this.#retryTimer);
    this.#master.close();
  }

  // ---- reading the banks -------------------------------------------------------------------------------

  /** Reads the banks of `plan` (bits as `#have`) one after the other; `reason` ≠ 0: report when done. */
  #read(plan: number, reason: number): void {
    if (reason) this.#reason = reason;
    if (this.#step >= 0) { this.#plan |= plan; return; } // a read is running: it takes these banks too
    this.#plan = plan;
    this.#step = 0;
    this.#next();
  }

  #next(): void {
    while (this.#step < 5 && !(this.#plan & (1 << this.#step))) this.#step++;
    if (this.#step >= 5) { this.#readDone(); return; }
    const s = this.#step;
    const bank = s === 0 ? BANK0 : s === 1 ? BANK1 : s === 2 ? BANK202 : s === 3 ? BANK205 : BANK206;
    const buf = s === 0 ? this.#b0 : s === 1 ? this.#b1 : s === 2 ? this.#b202 : s === 3 ? this.#b205 : this.#b206;
    if (this.#master.room < buf.length + 2) { this.#retry(); return; }
    this.#buf = buf;
    this.#pos = 0;
    this.#ok = true;
    const m = this.#master;
    m.send((DALI_DTR1 << 8) | bank, false, undefined);
    m.send(DALI_DTR0 << 8, false, undefined);
    for (let i = 0; i < buf.length; i++) m.send((DALI_BROADCAST_CMD << 8) | DALI_READ_MEMORY_LOCATION, true, this.#onByte);
  }

  readonly #onByte = (outcome: number, data: number): void => {
    if (this.#stopped) return;
    const buf = this.#buf as Uint8Array;
    const at = this.#pos++;
    if (outcome === DALI_ANSWER) buf[at] = data;
    else if (outcome === DALI_NO && at > 0) buf[at] = 0xff; // past the bank's end, or not implemented there: MASK
    else this.#ok = false; // no bank, framing error, no bus, no interface
    if (this.#pos < buf.length) return;
    if (this.#ok) this.#have |= 1 << this.#step;
    else if (this.#step <= 1 || this.#reason) this.#plan |= 0x100; // a bank the report needs failed: try again later
    this.#step++;
    this.#guard(() => this.#next());
  };

  #readDone(): void {
    this.#step = -1;
    this.reads++;
    const failed = (this.#plan & 0x100) !== 0;
    this.#evaluate();
    if (failed) { this.#retry(); return; }
    if (this.#reason) {
      this.#reportDue = this.#reason;
      this.#reason = 0;
      this.#sendReport();
    }
  }

  #retry(): void {
    if (this.#retryTimer !== undefined) return;
    const plan = (this.#plan & 0x1f) | (~this.#have & 0x03);
    this.#step = -1;
    this.#retryTimer = this.#host.timers.set(() => {
      this.#retryTimer = undefined;
      this.#guard(() => this.#read(plan, 0));
    }, RETRY_MS);
  }

  #sendReport(): void {
    if (!(this.#have & 2)) return; // nothing known of the luminaire yet
    if (this.#cb.report(this.#report(this.#reportDue))) {
      this.#reportDue = 0;
      this.reports++;
    }
  }

  #d4i(): boolean { return (this.#have & 2) !== 0 && be(this.#b1, B1_CONTENT_FORMAT, 2) === D4I_CONTENT_FORMAT; }

  #report(reason: number): LuminaireReport {
    const b0 = this.#b0;
    const b1 = this.#b1;
    const r: LuminaireReport = { readAt: this.#cb.time(), reason, d4i: this.#d4i(), actualLevel: this.#arc < 0 ? 0 : this.#arc };
    if (this.#have & 1) {
      r.gearGtin = be(b0, B0_GTIN, 6);
      r.gearSerial = b0.slice(B0_SERIAL, B0_SERIAL + 8);
      r.gearFirmware = ((b0[B0_FIRMWARE] as number) << 8) | (b0[B0_FIRMWARE + 1] as number);
    }
    if (r.d4i) {
      r.gtin = be(b1, B1_GTIN, 6);
      r.serial = b1.slice(B1_SERIAL, B1_SERIAL + 8);
      const year = b1[B1_YEAR] as number;
      r.yearOfManufacture = year <= 99 ? 2000 + year : 0;
      r.weekOfManufacture = (b1[B1_WEEK] as number) <= 53 ? b1[B1_WEEK] : 0;
      r.nominalPowerW = be(b1, B1_POWER_W, 2);
      r.minDimPowerW = be(b1, B1_MIN_DIM_POWER_W, 2);
      r.minMainsV = be(b1, B1_MIN_MAINS_V, 2);
      r.maxMainsV = be(b1, B1_MAX_MAINS_V, 2);
      r.fluxLm = be(b1, B1_FLUX_LM, 3);
      r.cri = (b1[B1_CRI] as number) <= 100 ? b1[B1_CRI] : 0;
      r.cctK = be(b1, B1_CCT_K, 2);
      r.distribution = (b1[B1_DISTRIBUTION] as number) === 0xff ? 0 : b1[B1_DISTRIBUTION];
    }
    if (this.#have & 4) {
      r.energyWh = scaled(be(this.#b202, B202_ENERGY, 6), this.#b202[B202_ENERGY_SCALE] as number, 0);
      r.powerDw = scaled(be(this.#b202, B202_POWER, 4), this.#b202[B202_POWER_SCALE] as number, 1);
    }
    const b5 = this.#b205;
    if (this.#have & 8) {
      r.operatingTimeS = be(b5, B205_OPERATING_TIME, 4);
      r.startCount = be(b5, B205_START_COUNTER, 3);
      r.supplyDv = be(b5, B205_SUPPLY_V, 2);
      r.gearTemperatureC = temperature(b5[B205_TEMPERATURE] as number);
    }
    const b6 = this.#b206;
    if (this.#have & 16) {
      r.ledOnTimeS = be(b6, B206_ON_TIME, 4);
      r.ledVoltageDv = be(b6, B206_VOLTAGE, 2);
      r.ledCurrentMa = be(b6, B206_CURRENT, 2);
      r.ledTemperatureC = temperature(b6[B206_TEMPERATURE] as number);
    }
    r.failures = this.#failures();
    return r;
  }

  #failures(): number {
    let f = 0;
    const dt6 = this.#dt6;
    const b5 = this.#have & 8 ? this.#b205 : undefined;
    const b6 = this.#have & 16 ? this.#b206 : undefined;
    if (dt6 & DT6_OPEN_CIRCUIT || b6?.[B206_OPEN] === 1) f |= FAIL_LED_OPEN;
    if (dt6 & DT6_SHORT_CIRCUIT || b6?.[B206_SHORT] === 1) f |= FAIL_LED_SHORT;
    if (this.#status & STATUS_LAMP_FAILURE) f |= FAIL_LAMP;
    if (dt6 & DT6_THERMAL_OVERLOAD || b5?.[B205_THERMAL_DERATING] === 1) f |= FAIL_THERMAL_DERATING;
    if (dt6 & DT6_THERMAL_SHUTDOWN || b5?.[B205_THERMAL_SHUTDOWN] === 1) f |= FAIL_THERMAL_SHUTDOWN;
    if (b5?.[B205_UNDERVOLTAGE] === 1) f |= FAIL_UNDERVOLTAGE;
    if (b5?.[B205_OVERVOLTAGE] === 1) f |= FAIL_OVERVOLTAGE;
    if (b6?.[B206_FAILURE] === 1) f |= FAIL_LED;
    return f;
  }

  // ---- health -------------------------------------------------------------------------------------------

  #poll(): void {
    if (this.#master.room < 4) return;
    const m = this.#master;
    m.send((DALI_BROADCAST_CMD << 8) | DALI_QUERY_STATUS, true, this.#onStatus);
    m.send((DALI_ENABLE_DEVICE_TYPE << 8) | DALI_DEVICE_TYPE_LED, false, undefined);
    m.send((DALI_BROADCAST_CMD << 8) | DALI_DT6_QUERY_FAILURE_STATUS, true, this.#onDt6);
    m.send((DALI_BROADCAST_CMD << 8) | DALI_QUERY_ACTUAL_LEVEL, true, undefined);
  }

  readonly #onStatus = (outcome: number, data: number): void => {
    if (this.#stopped) return;
    this.#pollOutcome = outcome;
    if (outcome === DALI_ANSWER) {
      this.#pollFailures = 0;
      this.#status = data;
    } else {
      this.#pollFailures++;
    }
  };

  readonly #onDt6 = (outcome: number, data: number): void => {
    if (this.#stopped) return;
    this.#dt6 = outcome === DALI_ANSWER ? data : outcome === DALI_NO ? 0 : this.#dt6;
    this.#guard(() => this.#evaluate());
  };

  /** Alarm conditions from the last poll and the last diagnostics read. */
  #evaluate(): void {
    const f = this.#failures();
    const gearOk = this.#pollFailures === 0;
    // LED failure: only while the light is asked for (a gear at 0 says nothing of its LEDs).
    const led = gearOk ? (this.#arc > 0 ? (f & (FAIL_LED_OPEN | FAIL_LED_SHORT | FAIL_LAMP)) !== 0 : undefined) : undefined;
    this.#judge(A_LED, led, f, f & FAIL_LED_OPEN ? 'LED open circuit' : f & FAIL_LED_SHORT ? 'LED short circuit' : 'lamp failure');
    const b5 = this.#have & 8 ? this.#b205 : undefined;
    const t = b5 ? temperature(b5[B205_TEMPERATURE] as number) : 0;
    const hot = (f & (FAIL_THERMAL_DERATING | FAIL_THERMAL_SHUTDOWN)) !== 0 || (b5 !== undefined && t >= OVERTEMP_C);
    this.#judge(A_TEMP, gearOk || b5 ? hot : undefined, t, f & FAIL_THERMAL_SHUTDOWN ? `thermal shutdown, ${t} °C` : `driver at ${t} °C`);
    if (b5) {
      const dv = be(b5, B205_SUPPLY_V, 2);
      const lo = be(this.#b1, B1_MIN_MAINS_V, 2);
      const hi = be(this.#b1, B1_MAX_MAINS_V, 2);
      const range = this.#d4i() && lo > 0 && hi > 0 && dv > 0 ? dv < lo * 9 || dv > hi * 11 : false;
      const out = (f & (FAIL_UNDERVOLTAGE | FAIL_OVERVOLTAGE)) !== 0 || range;
      this.#judge(A_VOLT, out, dv, `driver supply ${(dv / 10).toFixed(1)} V`);
    }
    if (this.#have & 16) {
      const h = Math.floor(be(this.#b206, B206_ON_TIME, 4) / 3600);
      this.#judge(A_LIFE, h >= LED_RATED_LIFE_H, h, `LED on ${h} h`);
    }
    const o = this.#pollOutcome;
    this.#judge(A_BUS, this.#pollFailures >= 3 ? true : this.#pollFailures === 0 && o !== 0 ? false : undefined, o,
      o === DALI_TIMEOUT ? 'DALI interface not answering' : o === DALI_BUS_FAULT ? 'DALI bus without power' : 'no DALI gear answers');
  }

  /** Two observations in a row raise or clear (the bus alarm counts its own 3 polls); undefined holds. */
  #judge(slot: number, condition: boolean | undefined, value: number, detail: string): void {
    if (condition === undefined) return;
    const active = this.#active[slot] === 1;
    if (condition === active) { this.#count[slot] = 0; return; }
    const n = (this.#count[slot] as number) + 1;
    this.#count[slot] = n;
    if (slot !== A_BUS && slot !== A_LIFE && n < 2) return;
    this.#count[slot] = 0;
    this.#active[slot] = condition ? 1 : 0;
    this.#cb.event(TYPES[slot] as number, condition, value, condition ? detail : 'cleared');
  }

  #guard(fn: () => void): void {
    if (this.#stopped) return;
    try {
      fn();
    } catch (err) {
      this.#host.system.log('error', `dali: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** Event types of the alarm slots (A_LED … A_BUS). A frozen array: module scope is read-only on the device. */
const TYPES: readonly number[] = Object.freeze([
  EventType.EVENT_TYPE_LED_FAILURE, EventType.EVENT_TYPE_DRIVER_OVERTEMP, EventType.EVENT_TYPE_DRIVER_VOLTAGE,
  EventType.EVENT_TYPE_LED_END_OF_LIFE, EventType.EVENT_TYPE_DALI_FAULT,
]);

/** Big-endian value of `n` bytes at `at`; 0 when MASK (all 0xFF: not known). */
function be(b: Uint8Array, at: number, n: number): number {
  let v = 0;
  let mask = true;
  for (let k = 0; k < n; k++) {
    const x = b[at + k] as number;
    if (x !== 0xff) mask = false;
    v = v * 256 + x;
  }
  return mask ? 0 : v;
}

/** A Part 252 value × 10^scale (signed byte), in units of 10^−`decimals`. */
function scaled(v: number, scale: number, decimals: number): number {
  const e = (scale > 127 ? scale - 256 : scale) + decimals;
  return Math.round(e >= 0 ? v * Math.pow(10, e) : v / Math.pow(10, -e));
}

function temperature(byte: number): number {
  return byte === 0xff ? 0 : byte - D4I_TEMPERATURE_OFFSET;
}
