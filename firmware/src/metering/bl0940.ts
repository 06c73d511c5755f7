/**
 * Driver for the Belling BL0940 single-phase metering chip over UART (ECMA-419 Serial, 4800 bps 8N1).
 *
 * Protocol (BL0940 datasheet V1.1, §3 "Communication interface", UART mode; same as ESPHome's and Tasmota's
 * drivers): the host sends the read command 0x58 then 0xAA ("full packet"); the chip answers 35 bytes:
 * header 0x55, then 24-bit little-endian fields I_FAST_RMS, I_RMS, reserved, V_RMS, reserved, WATT
 * (signed), reserved, CF_CNT, reserved, TPS1, TPS2 (3 bytes each), then a checksum
 *   checksum = ~(0x58 + Σ bytes[0..33]) & 0xFF
 * (the read command byte is part of the sum). A frame with a bad header or checksum is dropped.
 *
 * Conversions (datasheet §2 "Electrical parameter calculation", application note V1.04 reference design:
 * Vref 1.218 V, shunt RL 1 mΩ, divider R1 0.51 kΩ / R2 5 × 390 kΩ):
 *   V_RMS = 79,931 · V(v) / Vref        → counts per volt = 79,931 / Vref · 1000 R1 / (R1 + R2) (R in kΩ)
 *   I_RMS = 324,004 · I(A) / Vref        → counts per ampere = 324,004 · RL(mΩ) / Vref
 *   WATT  = 4,046 · I(A) · V(v) · cosφ / Vref²  → counts per watt = 4,046 · RL · R1 / (Vref² · (R1 + R2))
 *   CF_CNT: one count per 1,638.4 × 256 WATT-register-seconds → counts per kWh = WATT/W · 3.6e6 / 419,430.4
 * CF_CNT is a 24-bit counter: deltas are taken modulo 2^24.
 */
import type { SerialConstructor, SerialIO, TimerId } from '../host.js';
import { PollTimer, type MeterDriver, type MeterDriverCommon, type MeterSample } from './meter.js';

export const BL0940_BAUD = 4800;
export const BL0940_READ = 0x58;
export const BL0940_FULL_PACKET = 0xaa;
export const BL0940_HEADER = 0x55;
export const BL0940_FRAME_BYTES = 35;

const VREF = 1.218;
const RL_MOHM = 1;
const R1_KOHM = 0.51;
const R2_KOHM = 1950;
/** Nominal register scale factors of the reference design. */
export const BL0940_COUNTS_PER_V = ((79_931 / VREF) * R1_KOHM * 1000) / (R1_KOHM + R2_KOHM);
export const BL0940_COUNTS_PER_A = (324_004 * RL_MOHM) / VREF;
export const BL0940_COUNTS_PER_W = (4046 * RL_MOHM * R1_KOHM * 1000) / (VREF * VREF * (R1_KOHM + R2_KOHM));
export const BL0940_CF_PER_KWH = (BL0940_COUNTS_PER_W * 3.6e6) / (1638.4 * 256);
/** Energy per CF_CNT count, mWh (≈ 163 mWh). */
export const BL0940_MWH_PER_CF = 1e6 / BL0940_CF_PER_KWH;

/** No answer within this time after a request counts as a failed poll (35 bytes take 73 ms at 4800 bps). */
export const BL0940_TIMEOUT_MS = 300;
/** Failed polls in a row before the chip is declared not responding. */
export const FAILED_POLLS = 3;
/**
 * The most the chip can see (35 A through the 1 mΩ shunt at 277 V, with margin): a CF_CNT step larger than this
 * power could count in the time since the last reading is not energy. The 8-bit checksum passes one corrupt
 * answer in 256; one such answer once put 2.6 MWh into a board's lifetime counter.
 */
export const BL0940_MAX_PLAUSIBLE_W = 10_000;

/** Checksum of a BL0940 answer frame: `~(readCommand + Σ frame[0..33]) & 0xFF`. */
export function bl0940Checksum(frame: Uint8Array, readCommand = BL0940_READ): number {
  let sum = readCommand;
  for (let i = 0; i < BL0940_FRAME_BYTES - 1; i++) sum += frame[i] as number;
  return ~sum & 0xff;
}

export interface Bl0940Registers {
  iRms: number;
  vRms: number;
  watt: number;
  cfCnt: number;
}

/** Whether a 35-byte answer has the header and its checksum. */
function frameValid(frame: Uint8Array): boolean {
  return frame.length === BL0940_FRAME_BYTES && frame[0] === BL0940_HEADER && bl0940Checksum(frame) === frame[BL0940_FRAME_BYTES - 1];
}

/** The signed WATT register of a valid answer. */
function watt(frame: Uint8Array): number {
  const w = u24(frame, 16);
  return w & 0x800000 ? w - 0x1000000 : w;
}

/** Parses a 35-byte answer; undefined when the header or checksum is wrong. */
export function parseBl0940Frame(frame: Uint8Array): Bl0940Registers | undefined {
  if (!frameValid(frame)) return undefined;
  return { iRms: u24(frame, 4), vRms: u24(frame, 10), watt: watt(frame), cfCnt: u24(frame, 22) };
}

/** A 24-bit little-endian register of an answer frame. */
function u24(frame: Uint8Array, at: number): number {
  return (frame[at] as number) | ((frame[at + 1] as number) << 8) | ((frame[at + 2] as number) << 16);
}

export interface Bl0940Options extends MeterDriverCommon {
  serial: { io: SerialConstructor; transmit: number; receive: number; port?: number };
}

export class Bl0940 implements MeterDriver {
  readonly chip = 'BL0940';
  readonly quantumMwh: number;
  readonly #o: Bl0940Options;
  readonly #serial: SerialIO;
  /**
   * The answer being assembled: the UART reads into it (ECMA-419 `read(buffer)`), so a poll makes no ArrayBuffer
   * (issue 14: one per answer was the largest cost of a BL0940 poll in the simulator, and churn for the device's GC).
   */
  readonly #rx = new Uint8Array(BL0940_FRAME_BYTES);
  /** The read command, made once: the UART copies what it sends (an ArrayBuffer per poll was churn for nothing). */
  readonly #command = new Uint8Array([BL0940_READ, BL0940_FULL_PACKET]).buffer;
  #rxLen = 0;
  readonly #poller: PollTimer;
  #timeout: TimerId | undefined;
  #waiting = false;
  #cfLast: number | undefined;
  /** `ticks()` when #cfLast was read (the chip started counting at power-on, ticks 0, when it was not warm). */
  #cfAt = 0;
  /** A CF_CNT that stepped beyond what the chip can count, and when: the next answer tells garbage from a restart. */
  #cfSuspect: number | undefined;
  #cfSuspectAt = 0;
  #cfTotal = 0;
  #failed = 0;
  #responding = true;
  #last: MeterSample | undefined;
  #closed = false;
  /** Frames dropped for a bad header or checksum, or for a CF_CNT step beyond what the chip can count. */
  badFrames = 0;
  /** Times the chip's CF_CNT started again elsewhere (two answers in a row agreeing on a new count): re-based. */
  counterRestarts = 0;

  constructor(options: Bl0940Options) {
    this.#o = options;
    this.quantumMwh = BL0940_MWH_PER_CF * options.calibration.powerGain;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const driver = this;
    this.#serial = new options.serial.io({
      transmit: options.serial.transmit, receive: options.serial.receive, baud: BL0940_BAUD,
      port: options.serial.port ?? 1, format: 'buffer',
      onReadable() { driver.#onReadable(); },
    });
    // After a power-on the chip's CF_CNT started at 0 with the chip: the first reading is all new energy.
    // After a software restart the chip kept counting: the first reading is only a baseline.
    if (!options.chipWarm) this.#cfLast = 0;
    this.#poller = new PollTimer(options.timers, this.#tick, options.pollMs ?? 1000);
  }

  readonly #tick = (): void => {
    // A UART error must not escape into the platform's timer callback: it counts as a failed poll.
    try {
      this.#request();
    } catch (err) {
      this.#waiting = false;
      this.#fail(`uart: ${err instanceof Error ? err.message : String(err)}`);
      this.#o.onPoll?.();
    }
  };

  setPollMs(ms: number): void {
    if (!this.#closed) this.#poller.retime(ms);
  }

  /** No answer in time: a failed poll. Made once (a closure per request was churn). */
  readonly #onTimeout = (): void => {
    this.#timeout = undefined;
    this.#waiting = false;
    this.#fail('no answer');
    this.#o.onPoll?.();
  };

  get last(): MeterSample | undefined { return this.#last; }
  get responding(): boolean { return this.#responding; }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#poller.stop();
    this.#o.timers.clear(this.#timeout);
    this.#serial.close();
  }

  #request(): void {
    if (this.#waiting) return;
    this.#rxLen = 0;
    this.#drain();
    this.#rxLen = 0;
    this.#waiting = true;
    this.#serial.write(this.#command);
    this.#timeout = this.#o.timers.set(this.#onTimeout, BL0940_TIMEOUT_MS);
  }

  /** Discards whatever the UART holds (into the answer buffer: nothing is being assembled). */
  #drain(): void {
    for (let guard = 0; guard < 64; guard++) {
      if (!this.#serial.read(this.#rx)) return;
    }
  }

  #onReadable(): void {
    if (this.#closed) return;
    if (!this.#waiting) { this.#drain(); return; } // noise between polls
    const rx = this.#rx;
    // The answer may come in pieces (the UART interrupts as its FIFO fills): each read lands after the last.
    // Bytes after a full answer stay in the UART; the next request drains them.
    for (let guard = 0; guard < 64 && this.#rxLen < BL0940_FRAME_BYTES; guard++) {
      const n = this.#serial.read(this.#rxLen === 0 ? rx : rx.subarray(this.#rxLen));
      if (!n) break;
      this.#rxLen += n;
    }
    if (this.#rxLen < BL0940_FRAME_BYTES) return;
    this.#waiting = false;
    this.#o.timers.clear(this.#timeout);
    this.#timeout = undefined;
    const valid = frameValid(rx);
    if (valid && this.#count(u24(rx, 22))) {
      this.#failed = 0;
      this.#health(true, 'answering');
      this.#sample(rx);
    } else {
      this.badFrames++;
      this.#fail(valid ? 'CF_CNT step beyond what the chip can count' : 'bad checksum or header');
    }
    this.#o.onPoll?.();
  }

  /** CF_CNT steps from `from` (read at `fromAt`) to `to`, or -1 when the chip could not have counted so many by `now`. */
  #steps(from: number, fromAt: number, to: number, now: number): number {
    const steps = (to - from + 0x1000000) % 0x1000000;
    const most = (BL0940_MAX_PLAUSIBLE_W * Math.max(0, now - fromAt)) / 3600 / this.quantumMwh + 2; // W·ms/3600 = mWh
    return steps <= most ? steps : -1;
  }

  /**
   * Takes an answer's CF_CNT into the energy count; false when it stepped beyond what the chip can count since the
   * last reading: a corrupt answer whose checksum happened to match (dropped), or the chip's counter restarted (a
   * brown-out of the chip alone). The next answer tells them apart: if it follows on from the suspect count, the
   * count goes on from there (what the chip counted before its restart is lost, a poll's worth at most).
   */
  #count(cfCnt: number): boolean {
    const now = this.#o.ticks();
    if (this.#cfLast === undefined) {
      this.#cfLast = cfCnt;
      this.#cfAt = now;
    }
    let steps = this.#steps(this.#cfLast, this.#cfAt, cfCnt, now);
    if (steps < 0 && this.#cfSuspect !== undefined) {
      steps = this.#steps(this.#cfSuspect, this.#cfSuspectAt, cfCnt, now);
      if (steps >= 0) this.counterRestarts++;
    }
    if (steps < 0) {
      this.#cfSuspect = cfCnt;
      this.#cfSuspectAt = now;
      return false;
    }
    this.#cfTotal += steps;
    this.#cfLast = cfCnt;
    this.#cfAt = now;
    this.#cfSuspect = undefined;
    return true;
  }

  /** A sample from a valid answer (registers read in place), its CF_CNT counted. */
  #sample(frame: Uint8Array): void {
    const cal = this.#o.calibration;
    const voltageV = (u24(frame, 10) / BL0940_COUNTS_PER_V) * cal.voltageGain;
    const currentA = (u24(frame, 4) / BL0940_COUNTS_PER_A) * cal.currentGain;
    const powerW = Math.max(0, (watt(frame) / BL0940_COUNTS_PER_W) * cal.powerGain);
    const s: MeterSample = { energyMwh: this.#cfTotal * this.quantumMwh, powerW, voltageV, currentA };
    if (voltageV > 0 && currentA > 0) s.powerFactor = Math.min(1, powerW / (voltageV * currentA));
    this.#last = s;
    this.#o.onSample(s);
  }

  #fail(detail: string): void {
    this.#failed++;
    if (this.#failed >= FAILED_POLLS) this.#health(false, `${detail} (${this.#failed} polls)`);
  }

  #health(ok: boolean, detail: string): void {
    if (ok === this.#responding) return;
    this.#responding = ok;
    this.#o.onHealth?.(ok, detail);
  }
}
