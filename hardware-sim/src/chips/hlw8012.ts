/**
 * Simulated HLW8012 (pulse-output metering chip), driven by the board's exact electrical model.
 * CF: pulses at a rate ∝ active power — the count is the chip's digital integral of power: floor(phase0 +
 * (1 + gain error) · E · pulses/Wh), with a random initial phase (the first pulse comes at a random instant).
 * CF1: RMS voltage (SEL = 1) or current (SEL = 0) as a frequency, with gain error and reading noise.
 * Nominal rates: the firmware driver's reference constants (firmware/src/metering/hlw8012.ts).
 */
import { HLW8012_CF1_HZ_PER_A, HLW8012_CF1_HZ_PER_V, HLW8012_CF_HZ_PER_W } from '../../../firmware/src/metering/hlw8012.js';
import { gaussian, type ChipErrors, type MeteredLine } from './line.js';

export class SimHlw8012 {
  readonly #line: MeteredLine;
  readonly #errors: ChipErrors;
  readonly #random: () => number;
  readonly #now: () => number;
  #powered = false;
  #e0 = 0;
  #phase0 = 0;
  #cf1 = 0;
  #cf1At = 0;
  #sel: 0 | 1 = 0;
  /** 'dead': no pulses on any output (chip unpowered by a broken regulator, or lifted pins). */
  fault: 'none' | 'dead' = 'none';

  constructor(line: MeteredLine, errors: ChipErrors, random: () => number, now: () => number) {
    this.#line = line;
    this.#errors = errors;
    this.#random = random;
    this.#now = now;
  }

  get powered(): boolean { return this.#powered; }

  powerOn(): void {
    this.#powered = true;
    this.#e0 = this.#line.energyWh();
    this.#phase0 = this.#random();
    this.#cf1 = 0;
    this.#cf1At = this.#now();
  }

  powerOff(): void { this.#powered = false; }

  /** CF pulses since the chip powered up. */
  cfPulses(): number {
    if (!this.#powered || this.fault === 'dead') return 0;
    const wh = (this.#line.energyWh() - this.#e0) * (1 + this.#errors.power);
    return Math.floor(this.#phase0 + wh * HLW8012_CF_HZ_PER_W * 3600);
  }

  /** Energy the chip has integrated since power-up (Wh, before quantisation; test insight). */
  integratedWh(): number { return this.#powered ? (this.#line.energyWh() - this.#e0) * (1 + this.#errors.power) : 0; }

  /** SEL input level (1 = voltage on CF1). */
  select(level: 0 | 1): void {
    this.#advanceCf1();
    this.#sel = level;
  }

  /** CF1 pulses since power-up (the quantity follows SEL over time). */
  cf1Pulses(): number {
    this.#advanceCf1();
    return Math.floor(this.#cf1);
  }

  #advanceCf1(): void {
    const t = this.#now();
    const dt = (t - this.#cf1At) / 1000;
    this.#cf1At = t;
    if (!this.#powered || this.fault === 'dead' || dt <= 0) return;
    const e = this.#errors;
    const hz = this.#sel === 1
      ? this.#line.voltage() * (1 + e.voltage) * HLW8012_CF1_HZ_PER_V
      : this.#line.currentA() * (1 + e.current) * HLW8012_CF1_HZ_PER_A;
    this.#cf1 += Math.max(0, hz * dt * (1 + e.noise * gaussian(this.#random)));
  }
}
