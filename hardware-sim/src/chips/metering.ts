/**
 * The metering part of a simulated board (issue 5): one metering chip (HLW8012 pulse output or BL0940 UART)
 * measuring the luminaire line, the `meterlog` flash partition, the IO classes and pins the host gives the
 * firmware for them, the factory calibration, and fault injection for everything the firmware must detect.
 *
 * Faults (all persist through power cuts, like the hardware they stand for):
 * - lamp failure: the LED module is open; the driver stays powered but dark (standby power only);
 * - day burner: the supply relay is welded closed and the dimming line is open, so the driver runs at its
 *   idle level (full output) whatever the controller commands;
 * - cycling: a failing driver's thermal protection switches the lamp off and on every `halfPeriodMs`;
 * - supply voltage: `SimBoard.electrical.setVoltageDeviation(pct)` (EN 50160 allows ±10 %);
 * - metering chip dead or answering garbage.
 */
import type { FlashPartition, HostDevice } from '../../../firmware/src/host.js';
import { encodeCalibration } from '../../../firmware/src/metering/calibration.js';
import type { VirtualClock } from '../clock.js';
import { DEFAULT_METERLOG_BYTES, SimFlashPartition, partitionView } from '../flash-partition.js';
import type { PinBus } from '../io/bus.js';
import type { SimFlash } from '../storage.js';
import { SimBl0940 } from './bl0940.js';
import { SimHlw8012 } from './hlw8012.js';
import { gaussian, type ChipErrors, type MeteredLine } from './line.js';
import { createPulseCountClass } from './pulse-count.js';
import { createSerialClass } from './serial.js';

export type MeterChipKind = 'hlw8012' | 'bl0940';

export interface MeterSpec {
  chip: MeterChipKind;
  /** Standard deviation of each front-end gain error (V, I, P), relative. Default 0.02 (±2 %, 1 % parts). */
  gainErrorSd?: number;
  /** Relative standard deviation of instantaneous readings. Default 0.002. */
  noise?: number;
  /**
   * Factory calibration written into NVS (`mcal`) when the board is made, if absent: true (default) = the
   * end-of-line rig measured the board against a reference meter of `referenceAccuracy`; false = no
   * calibration (the firmware then uses the nominal constants and reads with the raw gain error).
   */
  calibrated?: boolean;
  /** Relative error of the reference meter used for calibration. Default 0 (calibration exact). */
  referenceAccuracy?: number;
  /** Size of the `meterlog` partition, bytes. Default 131,072 (32 sectors). */
  logBytes?: number;
}

/** Pins of the metering chips (ESP32 GPIOs free on the controller board). */
export const METER_PINS = {
  hlw8012: { meterCf: 18, meterCf1: 19, meterSel: 23 },
  bl0940: { meterTx: 17, meterRx: 16 },
} as const;


export interface SimMeteringOptions {
  spec: MeterSpec | undefined;
  clock: VirtualClock;
  line: MeteredLine;
  flash: SimFlash;
  /** File that keeps the `meterlog` partition across runs of the process (SimBoard's dataDir). */
  logFile?: string;
  random: () => number;
  /** Re-applies the electrical state (after a fault changes it). */
  onChange: () => void;
  /** Powers the board off (a cut armed in the middle of a flash operation). */
  powerOff: () => void;
}

export class SimMetering {
  readonly spec: Readonly<MeterSpec> | undefined;
  readonly hlw8012: SimHlw8012 | undefined;
  readonly bl0940: SimBl0940 | undefined;
  /** The `meterlog` flash partition (NOR semantics, torn writes: see flash-partition.ts). */
  readonly meterlog: SimFlashPartition;
  /** The chip's true front-end errors (what calibration corrects). */
  readonly errors: ChipErrors;
  readonly #o: SimMeteringOptions;
  #lampFailed = false;
  #dayBurner = false;
  #cycling: unknown;
  #cycleOff = false;

  constructor(options: SimMeteringOptions) {
    this.#o = options;
    this.spec = options.spec ? Object.freeze({ ...options.spec }) : undefined;
    const sd = this.spec?.gainErrorSd ?? 0.02;
    const r = options.random;
    this.errors = Object.freeze({
      voltage: clampErr(sd * gaussian(r)), current: clampErr(sd * gaussian(r)), power: clampErr(sd * gaussian(r)),
      noise: this.spec?.noise ?? 0.002,
    });
    const now = (): number => options.clock.now();
    if (this.spec?.chip === 'hlw8012') this.hlw8012 = new SimHlw8012(options.line, this.errors, r, now);
    if (this.spec?.chip === 'bl0940') this.bl0940 = new SimBl0940(options.line, this.errors, r);
    this.meterlog = new SimFlashPartition({
      size: this.spec?.logBytes ?? DEFAULT_METERLOG_BYTES,
      ...(options.logFile !== undefined ? { file: options.logFile } : {}),
    });
    this.meterlog.onCut = () => options.powerOff();
    if (this.spec && (this.spec.calibrated ?? true) && options.flash.read('mcal') === undefined) this.factoryCalibrate();
  }

  /** Pins to add to the board's pin map. */
  static pins(spec: MeterSpec | undefined): Record<string, number> {
    return spec ? { ...METER_PINS[spec.chip] } : {};
  }

  /**
   * End-of-line calibration: the rig compares the board's readings with a reference meter and stores the
   * correcting gains in NVS (`mcal`), as a production line would.
   */
  factoryCalibrate(): void {
    if (!this.spec) throw new Error('this board has no metering chip');
    const ref = this.spec.referenceAccuracy ?? 0;
    const e = this.errors;
    this.#o.flash.write('mcal', encodeCalibration({
      voltageGain: (1 + ref) / (1 + e.voltage), currentGain: (1 + ref) / (1 + e.current), powerGain: (1 + ref) / (1 + e.power),
    }, this.spec.chip === 'hlw8012' ? 'pulse' : 'uart'));
  }

  // ---- board hooks ---------------------------------------------------------------------------------

  /** Mains came back: the chip starts from zero, like its registers after power-up. */
  powerOn(): void { this.hlw8012?.powerOn(); this.bl0940?.powerOn(); }
  powerOff(): void { this.hlw8012?.powerOff(); this.bl0940?.powerOff(); }

  /** Pin outputs changed: the HLW8012 follows its SEL input from this instant. */
  syncPins(bus: PinBus): void {
    if (this.hlw8012) this.hlw8012.select(bus.output(METER_PINS.hlw8012.meterSel) ?? 0);
  }

  /** Day burner: the relay is welded closed and the dimming line open (the driver runs at its idle level). */
  get relayWelded(): boolean { return this.#dayBurner; }
  /** Lamp failure or the off half of cycling: the driver is powered but dark (standby power only). */
  get lampDark(): boolean { return this.#lampFailed || this.#cycleOff; }

  /** IO classes, pins and flash for the firmware's Host at one boot. */
  hostParts(bus: PinBus): { io: Partial<HostDevice['io']>; flash: { open(name: string): FlashPartition } } {
    const epoch = bus.epoch;
    const io: Partial<HostDevice['io']> = {};
    const hlw = this.hlw8012;
    if (hlw) {
      const pins = METER_PINS.hlw8012;
      io.PulseCount = createPulseCountClass(bus, (pin) =>
        pin === pins.meterCf ? () => hlw.cfPulses() : pin === pins.meterCf1 ? () => hlw.cf1Pulses() : undefined);
    }
    const bl = this.bl0940;
    if (bl) {
      const pins = METER_PINS.bl0940;
      io.Serial = createSerialClass(bus, (tx, rx) => (tx === pins.meterTx && rx === pins.meterRx ? bl : undefined));
    }
    const part = this.meterlog;
    return {
      io,
      flash: {
        open(name: string): FlashPartition {
          if (name !== 'meterlog') throw new Error(`no flash partition "${name}"`);
          return partitionView(part, () => bus.epoch === epoch);
        },
      },
    };
  }

  // ---- fault injection -----------------------------------------------------------------------------

  injectLampFailure(on: boolean): void { this.#lampFailed = on; this.#o.onChange(); }
  injectDayBurner(on: boolean): void { this.#dayBurner = on; this.#o.onChange(); }

  /** The lamp goes off and on every `halfPeriodMs` (0 stops it). */
  injectCycling(halfPeriodMs: number): void {
    this.#o.clock.clear(this.#cycling);
    this.#cycling = undefined;
    this.#cycleOff = false;
    if (halfPeriodMs > 0) {
      this.#cycling = this.#o.clock.repeat(() => { this.#cycleOff = !this.#cycleOff; this.#o.onChange(); }, halfPeriodMs);
    }
    this.#o.onChange();
  }

  /** Metering chip fault: 'dead' (silent), 'garbage' (corrupted UART frames; a pulse chip just goes silent). */
  injectChipFault(fault: 'none' | 'dead' | 'garbage'): void {
    if (this.hlw8012) this.hlw8012.fault = fault === 'none' ? 'none' : 'dead';
    if (this.bl0940) this.bl0940.fault = fault;
  }

  /** Stops environment timers (board disposal). */
  dispose(): void {
    this.#o.clock.clear(this.#cycling);
    this.#cycling = undefined;
    this.meterlog.flush();
  }
}

function clampErr(x: number): number { return Math.max(-0.08, Math.min(0.08, x)); }
