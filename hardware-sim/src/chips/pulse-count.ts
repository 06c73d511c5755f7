/**
 * Simulated ECMA-419 PulseCount (`embedded:io/pulsecount`) as Moddable implements it on the ESP32 PCNT unit:
 * the hardware counter is 16 bits wide; `read()` folds the change of the hardware counter since the previous
 * `read()` (taken modulo 2^16) into a software total. Fewer than 65,536 pulses between reads are exact; more
 * alias (the total loses multiples of 65,536), as on the device. `write(n)` sets the total.
 *
 * IO Class Pattern (ECMA-419 §9): options checked in the constructor (RangeError for a pin the board lacks or
 * one in use), calls after `close()` throw, inert after a power cut.
 */
import type { PulseCountConstructor, PulseCountIO } from '../../../firmware/src/host.js';
import { boardClass } from '../io/board-class.js';
import type { PinBus } from '../io/bus.js';

/** Where pulses on a pin come from: the cumulative number of edges since the source powered up. */
export type PulseSource = (pin: number) => (() => number) | undefined;

export interface SimPulseCountOptions {
  signal: number;
  control?: number;
  onReadable?: (this: PulseCountIO) => void;
}

const silent = (): number => 0; // nothing wired: the input never toggles

/** One implementation for every board (see io/board-class.ts). */
class SimPulseCount implements PulseCountIO {
  readonly #bus: PinBus;
  readonly #epoch: number;
  readonly #pin: number;
  readonly #source: () => number;
  #lastHw: number;
  #origin: number;
  #total = 0;
  #closed = false;

  constructor(bus: PinBus, epoch: number, sourceOf: PulseSource, options: SimPulseCountOptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('options required');
    const pin = bus.checkPin(options.signal, false);
    if (options.control !== undefined) throw new RangeError('control pin not supported by this board');
    if (options.onReadable !== undefined && typeof options.onReadable !== 'function') throw new TypeError('onReadable must be a function');
    const source = sourceOf(pin);
    bus.claim(pin, this);
    this.#bus = bus;
    this.#epoch = epoch;
    this.#pin = pin;
    this.#source = source ?? silent;
    this.#origin = this.#source();
    this.#lastHw = 0;
  }

  /** The 16-bit hardware counter (pulses since open, modulo 2^16). */
  #hw(): number { return (this.#source() - this.#origin) & 0xffff; }

  read(): number {
    if (this.#closed) throw new Error('closed');
    if (this.#bus.epoch !== this.#epoch) return this.#total;
    const hw = this.#hw();
    this.#total += (hw - this.#lastHw) & 0xffff;
    this.#lastHw = hw;
    return this.#total;
  }

  write(value: number): void {
    if (this.#closed) throw new Error('closed');
    if (!Number.isInteger(value)) throw new RangeError(`invalid count ${String(value)}`);
    this.#total = value;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#bus.epoch === this.#epoch) this.#bus.release(this.#pin, this);
  }
}

/** Builds the PulseCount class of one board (`device.io.PulseCount`). */
export function createPulseCountClass(bus: PinBus, sourceOf: PulseSource): PulseCountConstructor {
  const epoch = bus.epoch;
  return boardClass('PulseCount', (options: SimPulseCountOptions) => new SimPulseCount(bus, epoch, sourceOf, options));
}
