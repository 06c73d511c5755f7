/**
 * Simulated ECMA-419 PulseCount with the Host contract (firmware/src/host.ts) that the ESP32 platform layer
 * builds over Moddable's PCNT class (firmware/src/platform/metering-esp32.ts folds its raw counter):
 * the hardware counter is 16 bits wide; `read()` folds the change of the hardware counter since the previous
 * `read()` (taken modulo 2^16) into a software total. Fewer than 65,536 pulses between reads are exact; more
 * alias (the total loses multiples of 65,536), as on the device. `write(n)` sets the total.
 *
 * IO Class Pattern (ECMA-419 §9): options checked in the constructor (RangeError for a pin the board lacks or
 * one in use), calls after `close()` throw, inert after a power cut.
 */
import type { PulseCountConstructor, PulseCountIO } from '../../../firmware/src/host.js';
import type { PinBus } from '../io/bus.js';

/** Where pulses on a pin come from: the cumulative number of edges since the source powered up. */
export type PulseSource = (pin: number) => (() => number) | undefined;

export interface SimPulseCountOptions {
  signal: number;
  control?: number;
  onReadable?: (this: PulseCountIO) => void;
}

export function createPulseCountClass(bus: PinBus, sourceOf: PulseSource): PulseCountConstructor {
  const epoch = bus.epoch;
  return class SimPulseCount implements PulseCountIO {
    readonly #pin: number;
    readonly #source: () => number;
    #lastHw: number;
    #origin: number;
    #total = 0;
    #closed = false;

    constructor(options: SimPulseCountOptions) {
      if (typeof options !== 'object' || options === null) throw new TypeError('options required');
      const pin = bus.checkPin(options.signal, false);
      if (options.control !== undefined) throw new RangeError('control pin not supported by this board');
      if (options.onReadable !== undefined && typeof options.onReadable !== 'function') throw new TypeError('onReadable must be a function');
      const source = sourceOf(pin);
      bus.claim(pin, this);
      this.#pin = pin;
      this.#source = source ?? ((): number => 0); // nothing wired: the input never toggles
      this.#origin = this.#source();
      this.#lastHw = 0;
    }

    /** The 16-bit hardware counter (pulses since open, modulo 2^16). */
    #hw(): number { return (this.#source() - this.#origin) & 0xffff; }

    read(): number {
      if (this.#closed) throw new Error('closed');
      if (bus.epoch !== epoch) return this.#total;
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
      if (bus.epoch === epoch) bus.release(this.#pin, this);
    }
  };
}
