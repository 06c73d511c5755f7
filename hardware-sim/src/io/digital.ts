/**
 * Simulated ECMA-419 Digital (`embedded:io/digital`), Moddable's constants: modes Input 0, InputPullUp 1,
 * InputPullDown 2, InputPullUpDown 3, Output 8, OutputOpenDrain 9; edges Rising 1, Falling 2 (3 = both).
 *
 * IO Class Pattern: options checked in the constructor (RangeError for a missing pin, an input-only pin in an
 * output mode, an unknown mode or edge); `onReadable` is called with `this` = the instance when a
 * configured edge occurs, asynchronously (a 0 ms task on the board's timers, like an interrupt handed to
 * the XS event loop); no callback after `close()`; calls after `close()` throw.
 */
import type { DigitalConstructor, DigitalIO } from '../../../firmware/src/host.js';
import { boardClass } from './board-class.js';
import type { PinBus } from './bus.js';

export const DigitalMode = {
  Input: 0, InputPullUp: 1, InputPullDown: 2, InputPullUpDown: 3, Output: 8, OutputOpenDrain: 9,
} as const;
export const DigitalEdge = { Rising: 1, Falling: 2 } as const;

export interface SimDigitalOptions {
  pin: number;
  mode: unknown;
  /** Edges that call `onReadable`: Rising (1), Falling (2) or both (3). Inputs only. */
  edge?: number;
  onReadable?: (this: DigitalIO) => void;
}

export interface SimDigitalIO extends DigitalIO {
  readonly pin: number;
}

export type SimDigitalClass = (new (options: SimDigitalOptions) => SimDigitalIO) & {
  readonly Input: number; readonly InputPullUp: number; readonly InputPullDown: number; readonly InputPullUpDown: number;
  readonly Output: number; readonly OutputOpenDrain: number; readonly Rising: number; readonly Falling: number;
};

const MODES = new Set<unknown>(Object.values(DigitalMode));

/** One implementation for every board (see board-class.ts). */
class SimDigital implements SimDigitalIO {
  readonly #bus: PinBus;
  /** Bus epoch at creation: IO objects made before a power cut are inert afterwards (no code runs on an unpowered chip). */
  readonly #epoch: number;
  readonly #pin: number;
  readonly #output: boolean;
  readonly #pull: 0 | 1;
  #closed = false;
  #unlisten: (() => void) | undefined;

  constructor(bus: PinBus, epoch: number, options: SimDigitalOptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('options required');
    if (!MODES.has(options.mode)) throw new RangeError(`invalid mode ${String(options.mode)}`);
    const mode = options.mode as number;
    const output = mode >= DigitalMode.Output;
    const pin = bus.checkPin(options.pin, output);
    const onReadable = options.onReadable;
    const edge = options.edge;
    if (output && (edge !== undefined || onReadable !== undefined)) {
      throw new RangeError('edge/onReadable are for inputs only');
    }
    if (onReadable !== undefined && typeof onReadable !== 'function') throw new TypeError('onReadable must be a function');
    if (edge !== undefined && (!Number.isInteger(edge) || edge < 1 || edge > 3)) throw new RangeError(`invalid edge ${edge}`);
    if (onReadable !== undefined && edge === undefined) throw new RangeError('onReadable requires edge');
    bus.claim(pin, this);
    this.#bus = bus;
    this.#epoch = epoch;
    this.#pin = pin;
    this.#output = output;
    this.#pull = mode === DigitalMode.InputPullUp ? 1 : 0;
    if (output) bus.digitalWrite(pin, bus.output(pin) ?? 0);
    if (onReadable !== undefined && edge !== undefined) {
      this.#unlisten = bus.listen(pin, (level, previous) => {
        const rising = previous === 0 && level === 1;
        if (!((rising && edge & DigitalEdge.Rising) || (!rising && edge & DigitalEdge.Falling))) return;
        const deliver = (): void => { if (!this.#closed) onReadable.call(this); };
        if (bus.timers) bus.timers.set(deliver, 0);
        else queueMicrotask(deliver);
      });
    }
  }

  get pin(): number { return this.#pin; }

  read(): 0 | 1 {
    if (this.#closed) throw new Error('closed');
    return this.#output ? (this.#bus.output(this.#pin) ?? 0) : this.#bus.inputLevel(this.#pin, this.#pull);
  }

  write(value: 0 | 1): void {
    if (this.#closed) throw new Error('closed');
    if (!this.#output) throw new Error('cannot write an input');
    if (value !== 0 && value !== 1 && (value as unknown) !== true && (value as unknown) !== false) {
      throw new RangeError(`invalid value ${String(value)}`);
    }
    if (this.#bus.epoch === this.#epoch) this.#bus.digitalWrite(this.#pin, value ? 1 : 0);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const bus = this.#bus;
    if (bus.epoch !== this.#epoch) return;
    this.#unlisten?.();
    if (this.#output) bus.digitalRelease(this.#pin);
    bus.release(this.#pin, this);
  }
}

/** Builds the Digital class of one board (`device.io.Digital`), with Moddable's mode and edge constants. */
export function createDigitalClass(bus: PinBus): SimDigitalClass & DigitalConstructor {
  const epoch = bus.epoch;
  return boardClass('Digital', (options: SimDigitalOptions) => new SimDigital(bus, epoch, options), { ...DigitalMode, ...DigitalEdge });
}
