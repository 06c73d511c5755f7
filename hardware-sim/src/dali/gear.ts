/**
 * A DALI-2 LED control gear (IEC 62386-102 + 207, device type 6) with the D4i memory banks (DiiA Parts 251, 252,
 * 253): the driver of a streetlight head, as the controller's DALI master sees it through the bus interface
 * (interface.ts). One gear per luminaire, answering broadcast and its short address.
 *
 * What it models:
 * - arc power (DAPC 0..254, OFF) and the power-on level (a gear powered up goes to POWER ON LEVEL, 254 by default:
 *   full light until the controller says otherwise) and the system failure level (the bus lost power: 254);
 * - the light it gives, by DALI's logarithmic curve (`fractionForArc`), which the board's electrical model turns into
 *   input power and energy (so a metering chip sees what the gear draws);
 * - queries: STATUS, CONTROL GEAR PRESENT, LAMP FAILURE, VERSION, DEVICE TYPE, ACTUAL LEVEL, READ MEMORY LOCATION
 *   (DTR1 = bank, DTR0 = address, DTR0 incremented after each read; a multi-byte D4i value is latched when its first
 *   byte is read, as Part 252/253 require), and 207's QUERY FAILURE STATUS after ENABLE DEVICE TYPE 6;
 * - banks 0 (gear GTIN, firmware, serial), 1 (luminaire: GTIN, serial, content format D4i, year/week, nominal input
 *   power, power at minimum dim, mains range, flux, CRI, CCT), 202/203/204 (active, apparent and load-side energy
 *   and power, counting from the gear's own past), 205 (operating time, start counter, supply voltage and frequency,
 *   power factor, failure flags and counters, temperature, output current) and 206 (LED start counter, on time,
 *   voltage, current, failure flags and counters, temperature);
 * - faults: LED open circuit (dark, standby power, lamp failure), over-temperature (thermal derating to 70 %, then
 *   shutdown above 110 °C), supply undervoltage/overvoltage (read from the board's supply), each counted in its bank.
 */
import {
  BANK0, BANK1, BANK202, BANK203, BANK204, BANK205, BANK206, D4I_CONTENT_FORMAT, D4I_TEMPERATURE_OFFSET,
  DALI_DEVICE_TYPE_LED, DALI_DT6_QUERY_FAILURE_STATUS, DALI_DTR0, DALI_DTR1, DALI_ENABLE_DEVICE_TYPE, DALI_OFF,
  DALI_QUERY_ACTUAL_LEVEL, DALI_QUERY_DEVICE_TYPE, DALI_QUERY_GEAR_PRESENT, DALI_QUERY_LAMP_FAILURE, DALI_QUERY_STATUS,
  DALI_QUERY_VERSION, DALI_READ_MEMORY_LOCATION, DALI_YES, DT6_OPEN_CIRCUIT, DT6_THERMAL_OVERLOAD, DT6_THERMAL_SHUTDOWN,
  STATUS_GEAR_FAILURE, STATUS_LAMP_FAILURE, STATUS_LAMP_ON, STATUS_POWER_CYCLE_SEEN, fractionForArc,
} from '../../../firmware/src/dali/frames.js';

/** What the luminaire's D4i bank 1 says (the luminaire maker writes it at the factory). */
export interface D4iLuminaireInfo {
  /** 48-bit GTIN of the luminaire. */
  gtin: number;
  /** Luminaire identification number (serial), 8 bytes as 16 hex digits. */
  serial: string;
  yearOfManufacture: number;
  weekOfManufacture: number;
  nominalPowerW: number;
  powerAtMinDimW: number;
  minMainsV: number;
  maxMainsV: number;
  fluxLm: number;
  cri: number;
  cctK: number;
  /** Light distribution type (Part 251: 0 not specified, 1 type I … 5 type V). */
  distribution: number;
}

export interface SimDaliGearOptions {
  /** What the gear draws: the board's electrical model (input power, energy, supply voltage). */
  line: { powerW(): number; energyWh(): number; voltage(): number; powered: boolean; powerFactor(): number };
  now: () => number;
  info?: Partial<D4iLuminaireInfo>;
  /** The gear's own GTIN and serial (bank 0). */
  gearGtin?: number;
  gearSerial?: string;
  /** The gear's past when the board is made: operating hours, starts, energy (Wh), LED on hours. Default a new driver. */
  past?: { operatingH?: number; starts?: number; energyWh?: number; ledOnH?: number };
  /** Ambient temperature around the driver, °C. Default 15. */
  ambientC?: number;
  /** LED module at full current: forward voltage (V) and current (mA). Default 36 V, 700 mA. */
  ledV?: number;
  ledMa?: number;
  /** Called when the light the gear gives changes (the board re-applies its electrical state). */
  onChange: () => void;
}

export const DEFAULT_D4I_INFO: Readonly<D4iLuminaireInfo> = Object.freeze({
  gtin: 3_760_123_450_012, serial: '00000000000A1B2C', yearOfManufacture: 24, weekOfManufacture: 12,
  nominalPowerW: 36, powerAtMinDimW: 3, minMainsV: 220, maxMainsV: 240, fluxLm: 4800, cri: 70, cctK: 3000, distribution: 2,
});

/** Over this driver temperature the gear derates (Part 253 thermal derating), over THERMAL_SHUTDOWN_C it shuts down. */
export const THERMAL_DERATING_C = 85;
export const THERMAL_SHUTDOWN_C = 110;
/** Output while derating: 70 % of the requested light. */
export const DERATED_FRACTION = 0.7;

type GearFault = 'ledOpen' | 'overTemperature';

export class SimDaliGear {
  readonly info: Readonly<D4iLuminaireInfo>;
  readonly #o: SimDaliGearOptions;
  readonly #banks = new Map<number, Uint8Array>();
  #arc = 254;
  #busPowered = true;
  #dtr0 = 0;
  #dtr1 = 0;
  #enabledDt = -1;
  #powerCycleSeen = true;
  #latch: { bank: number; at: number; bytes: Uint8Array } | undefined;
  /** Injected faults. */
  #faults = new Set<GearFault>();
  /** Extra temperature the over-temperature fault adds (°C), default enough to derate. */
  overTemperatureC = 60;
  #temperatureC: number;
  #counters = { gearFailure: 0, under: 0, over: 0, derating: 0, shutdown: 0, ledFailure: 0, open: 0, ledDerating: 0, ledShutdown: 0 };
  #was = { under: false, over: false, derating: false, shutdown: false, open: false };
  // running totals (ms / count) from the gear's past
  #operatingMs: number;
  #starts: number;
  #ledOnMs: number;
  #ledStarts: number;
  #energyBaseWh: number;
  #since: number;
  #powered = false;
  #lit = false;
  /** Forward frames received (test insight). */
  frames = 0;

  constructor(options: SimDaliGearOptions) {
    this.#o = options;
    this.info = Object.freeze({ ...DEFAULT_D4I_INFO, ...options.info });
    const past = options.past ?? {};
    this.#operatingMs = (past.operatingH ?? 0) * 3_600_000;
    this.#starts = past.starts ?? 0;
    this.#ledOnMs = (past.ledOnH ?? 0) * 3_600_000;
    this.#ledStarts = past.starts ?? 0;
    this.#energyBaseWh = (past.energyWh ?? 0) - options.line.energyWh();
    this.#since = options.now();
    this.#temperatureC = options.ambientC ?? 15;
    this.#banks.set(BANK0, this.#bank0(options.gearGtin ?? 4_012_345_000_019, options.gearSerial ?? '0000000000C0FFEE'));
    this.#banks.set(BANK1, this.#bank1());
  }

  // ---- the board's side ------------------------------------------------------------------------------

  /** Mains on: the gear starts at its power-on level (IEC 62386-102 §9.13). */
  powerOn(): void {
    this.#account();
    this.#powered = true;
    this.#starts++;
    this.#arc = 254;
    this.#powerCycleSeen = true;
    this.#latch = undefined;
    this.#enabledDt = -1;
    this.#changed();
  }

  powerOff(): void {
    this.#account();
    this.#powered = false;
    this.#changed();
  }

  /** The bus lost (false) or got back (true) its power: on loss the gear goes to its system failure level (254). */
  setBusPower(on: boolean): void {
    if (on === this.#busPowered) return;
    this.#busPowered = on;
    if (!on) {
      this.#account();
      this.#arc = 254;
      this.#changed();
    }
  }

  get busPowered(): boolean { return this.#busPowered; }
  /** The gear has mains (board powered, relay closed). */
  get powered(): boolean { return this.#powered; }

  /** Injects or repairs a fault. */
  setFault(fault: GearFault, on: boolean): void {
    this.#account();
    if (on) this.#faults.add(fault);
    else this.#faults.delete(fault);
    this.#changed();
  }

  hasFault(fault: GearFault): boolean { return this.#faults.has(fault); }

  /** The arc power level the gear is at (0..254). */
  get arc(): number { return this.#arc; }

  /** Fraction (0..1) of the luminaire's nominal light the gear drives now (0 when unpowered, open LED or shut down). */
  outputFraction(): number {
    if (!this.#powered || this.#faults.has('ledOpen')) return 0;
    const t = this.temperatureC();
    if (t >= THERMAL_SHUTDOWN_C) return 0;
    const f = fractionForArc(this.#arc);
    return t >= THERMAL_DERATING_C ? f * DERATED_FRACTION : f;
  }

  /** Driver temperature, °C: ambient plus a rise with the load (30 °C at full power), plus an injected overheating. */
  temperatureC(): number {
    const load = this.#o.line.powered ? this.#o.line.powerW() / Math.max(1, this.info.nominalPowerW) : 0;
    return this.#temperatureC + 30 * Math.min(1, load) + (this.#faults.has('overTemperature') ? this.overTemperatureC : 0);
  }

  // ---- the bus side -----------------------------------------------------------------------------------

  /** A forward frame; returns the backward frame (a byte) or undefined (no answer). */
  receive(frame: number): number | undefined {
    if (!this.#powered || !this.#busPowered) return undefined;
    this.frames++;
    this.#account();
    const a = (frame >> 8) & 0xff;
    const op = frame & 0xff;
    const enabled = this.#enabledDt;
    this.#enabledDt = -1; // ENABLE DEVICE TYPE holds for the next command only
    if (a === DALI_DTR0) { this.#dtr0 = op; return undefined; }
    if (a === DALI_DTR1) { this.#dtr1 = op; return undefined; }
    if (a === DALI_ENABLE_DEVICE_TYPE) { this.#enabledDt = op; return undefined; }
    if (a >= 0xa0 && a <= 0xcb) return undefined; // other special commands: not modelled, ignored
    // Addressing: broadcast (0xFE/0xFF) or short address 0 (the gear's; groups are not modelled).
    if (!(a === 0xfe || a === 0xff || (a >> 1) === 0)) return undefined;
    if ((a & 1) === 0) { // DAPC
      if (op !== 0xff) this.#setArc(op);
      return undefined;
    }
    switch (op) {
      case DALI_OFF: this.#setArc(0); return undefined;
      case DALI_QUERY_STATUS: return this.#status();
      case DALI_QUERY_GEAR_PRESENT: return DALI_YES;
      case DALI_QUERY_LAMP_FAILURE: return this.#lampFailure() ? DALI_YES : undefined;
      case DALI_QUERY_VERSION: return 0x08; // IEC 62386-102 edition 2 (DALI-2): version 2.0 = 0b000010_00
      case DALI_QUERY_DEVICE_TYPE: return DALI_DEVICE_TYPE_LED;
      case DALI_QUERY_ACTUAL_LEVEL: return this.#arc;
      case DALI_READ_MEMORY_LOCATION: return this.#readMemory();
      case DALI_DT6_QUERY_FAILURE_STATUS: return enabled === DALI_DEVICE_TYPE_LED ? this.#dt6Failure() : undefined;
      default: return undefined;
    }
  }

  // ---- internals --------------------------------------------------------------------------------------

  #setArc(arc: number): void {
    this.#account();
    this.#arc = arc;
    this.#powerCycleSeen = false;
    this.#changed();
  }

  /** After a change: the board re-applies the electrical state, then the new state starts being counted (lit, flags). */
  #changed(): void {
    this.#o.onChange();
    this.#account();
  }

  #lampFailure(): boolean {
    return this.#faults.has('ledOpen') || this.temperatureC() >= THERMAL_SHUTDOWN_C;
  }

  #status(): number {
    let s = 0;
    if (this.#lampFailure()) s |= STATUS_LAMP_FAILURE;
    if (this.temperatureC() >= THERMAL_SHUTDOWN_C) s |= STATUS_GEAR_FAILURE;
    if (this.outputFraction() > 0) s |= STATUS_LAMP_ON;
    if (this.#powerCycleSeen) s |= STATUS_POWER_CYCLE_SEEN;
    return s;
  }

  #dt6Failure(): number {
    let s = 0;
    if (this.#faults.has('ledOpen')) s |= DT6_OPEN_CIRCUIT;
    const t = this.temperatureC();
    if (t >= THERMAL_SHUTDOWN_C) s |= DT6_THERMAL_SHUTDOWN;
    else if (t >= THERMAL_DERATING_C) s |= DT6_THERMAL_OVERLOAD;
    return s;
  }

  /** Integrates operating and LED on time up to now and counts fault onsets. */
  #account(): void {
    const now = this.#o.now();
    const dt = Math.max(0, now - this.#since);
    this.#since = now;
    if (this.#powered) this.#operatingMs += dt;
    if (this.#lit) this.#ledOnMs += dt;
    const lit = this.outputFraction() > 0;
    if (lit && !this.#lit) this.#ledStarts++;
    this.#lit = lit;
    const v = this.#o.line.voltage();
    const t = this.temperatureC();
    const now4 = {
      under: this.#powered && v < this.info.minMainsV * 0.9,
      over: this.#powered && v > this.info.maxMainsV * 1.1,
      derating: this.#powered && t >= THERMAL_DERATING_C && t < THERMAL_SHUTDOWN_C,
      shutdown: this.#powered && t >= THERMAL_SHUTDOWN_C,
      open: this.#powered && this.#faults.has('ledOpen'),
    };
    const c = this.#counters;
    if (now4.under && !this.#was.under) c.under++;
    if (now4.over && !this.#was.over) c.over++;
    if (now4.derating && !this.#was.derating) { c.derating++; c.ledDerating++; }
    if (now4.shutdown && !this.#was.shutdown) { c.shutdown++; c.ledShutdown++; c.gearFailure++; }
    if (now4.open && !this.#was.open) { c.open++; c.ledFailure++; }
    this.#was = now4;
  }

  #readMemory(): number | undefined {
    const bank = this.#dtr1;
    const at = this.#dtr0;
    const content = bank === BANK0 || bank === BANK1 ? this.#banks.get(bank) : this.#live(bank);
    if (!content || at > (content[0] as number)) return undefined; // beyond the bank's last address: no answer
    this.#dtr0 = Math.min(255, at + 1);
    // Part 252/253: reading a value's first byte latches the whole value; its later bytes come from the latch.
    const latch = this.#latch;
    if (latch && latch.bank === bank && at > latch.at && at < latch.at + latch.bytes.length) {
      return latch.bytes[at - latch.at] as number;
    }
    const field = FIELDS.get(bank)?.get(at);
    if (field !== undefined) this.#latch = { bank, at, bytes: content.slice(at, at + field) };
    return content[at] as number;
  }

  /** Banks 202..206 as of now. */
  #live(bank: number): Uint8Array | undefined {
    const line = this.#o.line;
    const c = this.#counters;
    const w = this.#was;
    if (bank === BANK202 || bank === BANK203 || bank === BANK204) {
      const b = new Uint8Array(0x10);
      b[0] = 0x0f; b[1] = 0; b[2] = 0; b[3] = 1;
      const pf = bank === BANK203 ? Math.max(0.3, line.powerFactor()) : 1;
      const eff = bank === BANK204 ? 0.9 : 1; // the load side: what the driver delivers to the LEDs
      const wh = (this.#energyBaseWh + line.energyWh()) * eff / pf;
      b[4] = 0; put(b, 5, 6, Math.floor(wh));                  // Wh (scale 10^0)
      b[0x0b] = 0xff; put(b, 0x0c, 4, Math.round(line.powerW() * eff / pf * 10)); // 0.1 W (scale 10^-1)
      return b;
    }
    if (bank === BANK205) {
      const b = new Uint8Array(0x1d);
      b[0] = 0x1c; b[3] = 1;
      put(b, 0x04, 4, Math.floor(this.#operatingMs / 1000));
      put(b, 0x08, 3, this.#starts);
      put(b, 0x0b, 2, Math.round(line.voltage() * 10));
      b[0x0d] = 50;
      b[0x0e] = Math.round(line.powerFactor() * 100);
      b[0x0f] = w.shutdown ? 1 : 0; b[0x10] = Math.min(255, c.gearFailure);
      b[0x11] = w.under ? 1 : 0; b[0x12] = Math.min(255, c.under);
      b[0x13] = w.over ? 1 : 0; b[0x14] = Math.min(255, c.over);
      b[0x15] = 0; b[0x16] = 0;
      b[0x17] = w.derating ? 1 : 0; b[0x18] = Math.min(255, c.derating);
      b[0x19] = w.shutdown ? 1 : 0; b[0x1a] = Math.min(255, c.shutdown);
      b[0x1b] = Math.max(0, Math.min(254, Math.round(this.temperatureC()) + D4I_TEMPERATURE_OFFSET));
      b[0x1c] = Math.round(this.outputFraction() * 100);
      return b;
    }
    if (bank === BANK206) {
      const b = new Uint8Array(0x21);
      b[0] = 0x20; b[3] = 1;
      put(b, 0x04, 3, this.#ledStarts); put(b, 0x07, 3, this.#ledStarts);
      put(b, 0x0a, 4, Math.floor(this.#ledOnMs / 1000)); put(b, 0x0e, 4, Math.floor(this.#ledOnMs / 1000));
      const f = this.outputFraction();
      const ledV = this.#o.ledV ?? 36;
      const open = this.#faults.has('ledOpen') && this.#powered;
      put(b, 0x12, 2, Math.round((open ? ledV * 1.5 : f > 0 ? ledV * (0.85 + 0.15 * f) : 0) * 10)); // open circuit: the driver's max voltage
      put(b, 0x14, 2, Math.round((this.#o.ledMa ?? 700) * f));
      b[0x16] = open || w.shutdown ? 1 : 0; b[0x17] = Math.min(255, c.ledFailure + c.ledShutdown);
      b[0x18] = 0; b[0x19] = 0;
      b[0x1a] = open ? 1 : 0; b[0x1b] = Math.min(255, c.open);
      b[0x1c] = w.derating ? 1 : 0; b[0x1d] = Math.min(255, c.ledDerating);
      b[0x1e] = w.shutdown ? 1 : 0; b[0x1f] = Math.min(255, c.ledShutdown);
      b[0x20] = Math.max(0, Math.min(254, Math.round(this.temperatureC() - 5) + D4I_TEMPERATURE_OFFSET));
      return b;
    }
    return undefined;
  }

  #bank0(gtin: number, serial: string): Uint8Array {
    const b = new Uint8Array(0x13);
    b[0] = 0x12; b[2] = 206; // last accessible bank
    put(b, 0x03, 6, gtin);
    b[0x09] = 1; b[0x0a] = 4; // firmware 1.4
    putHex(b, 0x0b, serial);
    return b;
  }

  #bank1(): Uint8Array {
    const i = this.info;
    const b = new Uint8Array(0x25);
    b[0] = 0x24; b[2] = 0; b[3] = 1;
    put(b, 0x04, 6, i.gtin);
    putHex(b, 0x0a, i.serial);
    put(b, 0x12, 2, D4I_CONTENT_FORMAT);
    b[0x14] = i.yearOfManufacture; b[0x15] = i.weekOfManufacture;
    put(b, 0x16, 2, i.nominalPowerW); put(b, 0x18, 2, i.powerAtMinDimW);
    put(b, 0x1a, 2, i.minMainsV); put(b, 0x1c, 2, i.maxMainsV);
    put(b, 0x1e, 3, i.fluxLm);
    b[0x21] = i.cri;
    put(b, 0x22, 2, i.cctK);
    b[0x24] = i.distribution;
    return b;
  }
}

/** Multi-byte fields (first address → length) of banks 202..206, latched when their first byte is read. */
const FIELDS: ReadonlyMap<number, ReadonlyMap<number, number>> = new Map([
  [BANK202, new Map([[0x05, 6], [0x0c, 4]])],
  [BANK203, new Map([[0x05, 6], [0x0c, 4]])],
  [BANK204, new Map([[0x05, 6], [0x0c, 4]])],
  [BANK205, new Map([[0x04, 4], [0x08, 3], [0x0b, 2]])],
  [BANK206, new Map([[0x04, 3], [0x07, 3], [0x0a, 4], [0x0e, 4], [0x12, 2], [0x14, 2]])],
]);

/** Big-endian unsigned value of `n` bytes (D4i stores MSB first), saturating at the largest non-MASK value. */
function put(b: Uint8Array, at: number, n: number, value: number): void {
  let v = Math.max(0, Math.min(Math.floor(value), 2 ** (8 * n) - 2));
  for (let k = n - 1; k >= 0; k--) {
    b[at + k] = v % 256;
    v = Math.floor(v / 256);
  }
}

function putHex(b: Uint8Array, at: number, hex: string): void {
  const h = hex.padStart(16, '0').slice(-16);
  for (let k = 0; k < 8; k++) b[at + k] = parseInt(h.slice(2 * k, 2 * k + 2), 16);
}

export { DALI_DEVICE_TYPE_LED };
