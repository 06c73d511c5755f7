/**
 * Driver for pulse-output metering chips of the HLW8012 / BL0937 family.
 *
 * The chip outputs (HLW8012 datasheet, "Functional description"; BL0937 datasheet §2): CF, a pulse train whose
 * frequency is proportional to active power; CF1, proportional to RMS current or RMS voltage as chosen by
 * the SEL input (HLW8012: SEL = 0 current, SEL = 1 voltage; BL0937 the other way round, option `selVoltage`).
 * CF is counted with ECMA-419 PulseCount (16-bit hardware counter folded by `read()` into a total): energy is
 * pulses × mWh per pulse, with no drift between polls; power is the pulse rate over a sliding window.
 * CF1 is counted the same way while SEL alternates each poll.
 *
 * Reference design constants (nominal, before per-board calibration): Tasmota's HLW8012 reference for the
 * Sonoff POW (1 mΩ shunt, 2.35 MΩ : 1 kΩ divider) is 12,530 µs per CF pulse at 1,000 W, 1,950 µs per CF1
 * pulse at 220 V and 3,500 µs per CF1 pulse at 4.545 A (xnrg_01_hlw8012.ino, HLW_*_PULSE). Our board uses a
 * 10 mΩ shunt (luminaires up to 250 W: finer energy steps, shunt voltage still inside the ±43.75 mV input
 * range), so CF and the current channel run 10× faster.
 */
import type { DigitalConstructor, DigitalIO, PulseCountConstructor, PulseCountIO } from '../host.js';
import { PollTimer, type MeterDriver, type MeterDriverCommon, type MeterSample } from './meter.js';

/** CF frequency per watt of active power, Hz/W: 10 × (1e6 / 12,530 µs) / 1,000 W. */
export const HLW8012_CF_HZ_PER_W = 10 * (1e6 / 12_530) / 1000;
/** CF1 frequency per volt (SEL = voltage), Hz/V: (1e6 / 1,950 µs) / 220 V. */
export const HLW8012_CF1_HZ_PER_V = (1e6 / 1950) / 220;
/** CF1 frequency per ampere (SEL = current), Hz/A: 10 × (1e6 / 3,500 µs) / 4.545 A. */
export const HLW8012_CF1_HZ_PER_A = 10 * (1e6 / 3500) / 4.545;
/** Energy per CF pulse, mWh (≈ 0.348 mWh). */
export const HLW8012_MWH_PER_PULSE = 1000 / (HLW8012_CF_HZ_PER_W * 3600);

/** Power is averaged over this window: at 36 W (≈ 29 Hz) one pulse is 0.7 % of a 5 s count. */
export const POWER_WINDOW_MS = 5_000;
/**
 * Voltage readings in a row with a silent CF1 (each the whole interval since the previous poll) before the chip is
 * declared not responding: at the firmware's 30 s poll, voltage is read every minute, so ≈ 2–3 minutes.
 */
export const SILENT_POLLS = 2;

export interface Hlw8012Options extends MeterDriverCommon {
  pulseCount: { io: PulseCountConstructor; cf: number; cf1?: number };
  /** SEL output; without it CF1 is not used (no V/I). */
  select?: { io: DigitalConstructor; pin: number };
  /** SEL level that selects voltage on CF1. Default 1 (HLW8012); 0 for BL0937. */
  selVoltage?: 0 | 1;
}

export class Hlw8012 implements MeterDriver {
  readonly chip = 'HLW8012';
  readonly quantumMwh: number;
  readonly #o: Hlw8012Options;
  readonly #cf: PulseCountIO;
  readonly #cf1: PulseCountIO | undefined;
  readonly #sel: DigitalIO | undefined;
  readonly #selV: 0 | 1;
  #selLevel: 0 | 1;
  readonly #poller: PollTimer;
  #base: number;
  #lastCf1 = 0;
  #lastTicks: number;
  /** The power window: poll times and CF totals (two arrays of numbers: no object per poll). */
  readonly #windowT: number[] = [];
  readonly #windowN: number[] = [];
  #voltage: number | undefined;
  #current: number | undefined;
  #silent = 0;
  #responding = true;
  #last: MeterSample | undefined;
  #closed = false;

  constructor(options: Hlw8012Options) {
    this.#o = options;
    const gain = options.calibration.powerGain;
    this.quantumMwh = HLW8012_MWH_PER_PULSE * gain;
    const PulseCount = options.pulseCount.io;
    this.#cf = new PulseCount({ signal: options.pulseCount.cf });
    // After a power-on the PCNT and the chip both started at 0: every pulse counted is new energy. After a
    // software restart the PCNT was reset too (ESP32 peripherals reset with the CPU), so the same holds.
    this.#base = 0;
    if (options.pulseCount.cf1 !== undefined && options.select) {
      this.#cf1 = new PulseCount({ signal: options.pulseCount.cf1 });
      const Digital = options.select.io;
      this.#sel = new Digital({ pin: options.select.pin, mode: Digital.Output });
    }
    this.#selV = options.selVoltage ?? 1;
    this.#selLevel = this.#selV;
    this.#sel?.write(this.#selLevel);
    this.#lastTicks = options.ticks();
    this.#windowT.push(this.#lastTicks);
    this.#windowN.push(0);
    this.#poller = new PollTimer(options.timers, this.#tick, options.pollMs ?? 1000);
  }

  readonly #tick = (): void => {
    // A counter error must not escape into the platform's timer callback: the chip reads as not responding.
    try { this.#poll(); } catch (err) { this.#health(false, `pulse counter: ${err instanceof Error ? err.message : String(err)}`); }
    this.#o.onPoll?.();
  };

  setPollMs(ms: number): void {
    if (!this.#closed) this.#poller.retime(ms);
  }

  get last(): MeterSample | undefined { return this.#last; }
  get responding(): boolean { return this.#responding; }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#poller.stop();
    this.#cf.close();
    this.#cf1?.close();
    this.#sel?.close();
  }

  #poll(): void {
    const now = this.#o.ticks();
    const total = this.#cf.read() - this.#base;
    const gain = this.#o.calibration;
    const wt = this.#windowT;
    const wn = this.#windowN;
    wt.push(now);
    wn.push(total);
    while (wt.length > 2 && now - (wt[1] as number) >= POWER_WINDOW_MS) { wt.shift(); wn.shift(); }
    const dt = (now - (wt[0] as number)) / 1000;
    const powerW = dt > 0 ? ((total - (wn[0] as number)) / dt / HLW8012_CF_HZ_PER_W) * gain.powerGain : 0;

    if (this.#cf1 && this.#sel) {
      const n = this.#cf1.read();
      const hz = (n - this.#lastCf1) / Math.max(0.001, (now - this.#lastTicks) / 1000);
      this.#lastCf1 = n;
      if (this.#selLevel === this.#selV) {
        this.#voltage = (hz / HLW8012_CF1_HZ_PER_V) * gain.voltageGain;
        // The chip is powered from the same mains as the board: a running board with a silent voltage
        // channel means the chip (or its CF1 line) is dead.
        this.#silent = hz === 0 ? this.#silent + 1 : 0;
        this.#health(this.#silent < SILENT_POLLS, this.#silent < SILENT_POLLS ? 'voltage channel live' : 'no CF1 pulses on the voltage channel');
      } else {
        this.#current = (hz / HLW8012_CF1_HZ_PER_A) * gain.currentGain;
      }
      this.#selLevel = this.#selLevel === 1 ? 0 : 1;
      this.#sel.write(this.#selLevel);
    }
    this.#lastTicks = now;
    const sample: MeterSample = { energyMwh: total * this.quantumMwh, powerW };
    if (this.#voltage !== undefined) sample.voltageV = this.#voltage;
    if (this.#current !== undefined) sample.currentA = this.#current;
    if (this.#voltage && this.#current) sample.powerFactor = Math.min(1, Math.max(0, powerW / (this.#voltage * this.#current)));
    this.#last = sample;
    this.#o.onSample(sample);
  }

  #health(ok: boolean, detail: string): void {
    if (ok === this.#responding) return;
    this.#responding = ok;
    this.#o.onHealth?.(ok, detail);
  }
}
