/**
 * Simulated Belling BL0940 on a UART: answers the full-packet read (0x58 0xAA) with the 35-byte frame of the
 * datasheet (see firmware/src/metering/bl0940.ts for layout, checksum and scale factors). Registers come from
 * the board's exact electrical model with per-chip gain errors, reading noise and integer quantisation;
 * CF_CNT is the chip's 24-bit energy counter, reset at power-up, floor(phase0 + (1 + error) · E · counts/Wh).
 * Faults: 'dead' (no answer), 'garbage' (answers with corrupted frames).
 */
import {
  BL0940_CF_PER_KWH, BL0940_COUNTS_PER_A, BL0940_COUNTS_PER_V, BL0940_COUNTS_PER_W, BL0940_FRAME_BYTES,
  BL0940_FULL_PACKET, BL0940_HEADER, BL0940_READ, bl0940Checksum,
} from '../../../firmware/src/metering/bl0940.js';
import { gaussian, type ChipErrors, type MeteredLine } from './line.js';
import type { SerialPeer } from './serial.js';

/** Time from the end of the request to the first byte of the answer (datasheet: the chip answers at once). */
const ANSWER_LATENCY_MS = 1;

export class SimBl0940 implements SerialPeer {
  readonly #line: MeteredLine;
  readonly #errors: ChipErrors;
  readonly #random: () => number;
  #powered = false;
  #e0 = 0;
  #phase0 = 0;
  fault: 'none' | 'dead' | 'garbage' = 'none';
  /** Requests answered (test insight). */
  answered = 0;
  /** The answer being sent (the serial line copies it at once). */
  readonly #answer = new Uint8Array(BL0940_FRAME_BYTES);

  constructor(line: MeteredLine, errors: ChipErrors, random: () => number) {
    this.#line = line;
    this.#errors = errors;
    this.#random = random;
  }

  get powered(): boolean { return this.#powered; }

  powerOn(): void {
    this.#powered = true;
    this.#e0 = this.#line.energyWh();
    this.#phase0 = this.#random();
  }

  powerOff(): void { this.#powered = false; }

  /** CF_CNT since power-up, before the 24-bit wrap. */
  cfCount(): number {
    if (!this.#powered) return 0;
    return Math.floor(this.#phase0 + (this.#line.energyWh() - this.#e0) * (1 + this.#errors.power) * (BL0940_CF_PER_KWH / 1000));
  }

  receive(bytes: Uint8Array, reply: (bytes: Uint8Array, latencyMs?: number) => void): void {
    if (!this.#powered || this.fault === 'dead') return;
    for (let i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] === BL0940_READ && bytes[i + 1] === BL0940_FULL_PACKET) {
        this.answered++;
        reply(this.#fill(this.#answer), ANSWER_LATENCY_MS); // the serial line copies it
        return;
      }
    }
  }

  /** The 35-byte answer for the present state. */
  frame(): Uint8Array {
    return this.#fill(new Uint8Array(BL0940_FRAME_BYTES));
  }

  /** Writes the answer for the present state into `f` (35 bytes) and returns it. */
  #fill(f: Uint8Array): Uint8Array {
    const e = this.#errors;
    const line = this.#line;
    f.fill(0); // reserved fields read 0
    f[0] = BL0940_HEADER;
    const iRms = Math.max(0, this.#noisy(line.currentA() * (1 + e.current) * BL0940_COUNTS_PER_A));
    put24(f, 1, iRms); // I_FAST_RMS
    put24(f, 4, iRms);
    put24(f, 10, Math.max(0, this.#noisy(line.voltage() * (1 + e.voltage) * BL0940_COUNTS_PER_V)));
    put24(f, 16, Math.max(0, this.#noisy(line.powerW() * (1 + e.power) * BL0940_COUNTS_PER_W)));
    put24(f, 22, this.cfCount());
    put24(f, 28, 0x0200); // TPS1: ≈ 25 °C internal temperature
    f[BL0940_FRAME_BYTES - 1] = bl0940Checksum(f);
    if (this.fault === 'garbage') {
      // A corrupted line (bad solder joint, noise on RX): flip random bits after the checksum was computed.
      for (let k = 0; k < 3; k++) {
        const at = 1 + Math.floor(this.#random() * (BL0940_FRAME_BYTES - 1));
        f[at] = (f[at] as number) ^ (1 << Math.floor(this.#random() * 8));
      }
    }
    return f;
  }

  /** A register reading with the chip's noise. */
  #noisy(x: number): number { return x * (1 + this.#errors.noise * gaussian(this.#random)); }
}

/** Writes a 24-bit little-endian register value (rounded, two's complement) at `at`. */
function put24(f: Uint8Array, at: number, value: number): void {
  const v = Math.round(value) & 0xffffff;
  f[at] = v & 0xff;
  f[at + 1] = (v >> 8) & 0xff;
  f[at + 2] = (v >> 16) & 0xff;
}
