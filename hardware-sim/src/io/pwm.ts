/**
 * Simulated ECMA-419 PWM (`embedded:io/pwm`) with the behaviour of the ESP32 LEDC peripheral as Moddable
 * exposes it (modules/io/host/esp32 pwm): `resolution` in bits (default 10), `hz` (default 1024 Hz, the
 * Moddable ESP32 default), `write(0 .. 2**resolution − 1)`, no hardware fade.
 *
 * IO Class Pattern (ECMA-419 §9): one options object checked in the constructor; RangeError for a pin the
 * board does not have or an option out of range; configuration fixed after construction; calls after
 * `close()` throw.
 */
import type { PwmConstructor, PwmIO } from '../../../firmware/src/host.js';
import { boardClass } from './board-class.js';
import type { PinBus } from './bus.js';

export const PWM_DEFAULT_RESOLUTION = 10;
export const PWM_DEFAULT_HZ = 1024;
/** LEDC: 1..20 bits on the ESP32 (14 on S2/S3/C3); hz × 2^resolution must not exceed the 80 MHz APB clock. */
export const PWM_MAX_RESOLUTION = 20;
export const PWM_SOURCE_CLOCK_HZ = 80_000_000;

export interface SimPwmOptions {
  pin: number;
  /** Frequency in Hz. Default 1024. */
  hz?: number;
  /** Resolution in bits, 1..20. Default 10. */
  resolution?: number;
}

export interface SimPwmIO extends PwmIO {
  readonly pin: number;
}

export type SimPwmClass = new (options: SimPwmOptions) => SimPwmIO;

/** One implementation for every board (see board-class.ts). */
class SimPWM implements SimPwmIO {
  readonly #bus: PinBus;
  /** Bus epoch at creation: IO objects made before a power cut are inert afterwards (no code runs on an unpowered chip). */
  readonly #epoch: number;
  readonly #pin: number;
  readonly #hz: number;
  readonly #resolution: number;
  readonly #max: number;
  #closed = false;

  constructor(bus: PinBus, epoch: number, options: SimPwmOptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('options required');
    const pin = bus.checkPin(options.pin, true);
    const resolution = options.resolution ?? PWM_DEFAULT_RESOLUTION;
    if (!Number.isInteger(resolution) || resolution < 1 || resolution > PWM_MAX_RESOLUTION) {
      throw new RangeError(`invalid resolution ${resolution}: 1..${PWM_MAX_RESOLUTION} bits`);
    }
    const hz = options.hz ?? PWM_DEFAULT_HZ;
    if (typeof hz !== 'number' || !Number.isFinite(hz) || hz < 1 || hz * 2 ** resolution > PWM_SOURCE_CLOCK_HZ) {
      throw new RangeError(`invalid hz ${hz} for ${resolution} bits (hz × 2^bits ≤ 80 MHz)`);
    }
    bus.claim(pin, this);
    this.#bus = bus;
    this.#epoch = epoch;
    this.#pin = pin;
    this.#hz = hz;
    this.#resolution = resolution;
    this.#max = 2 ** resolution - 1;
  }

  get resolution(): number { return this.#resolution; }
  get hz(): number { return this.#hz; }
  get pin(): number { return this.#pin; }

  write(value: number): void {
    if (this.#closed) throw new Error('closed');
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > this.#max) {
      throw new RangeError(`invalid value ${String(value)}: integer 0..${this.#max}`);
    }
    if (this.#bus.epoch === this.#epoch) this.#bus.pwmWrite(this.#pin, value, this.#resolution);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const bus = this.#bus;
    if (bus.epoch !== this.#epoch) return;
    bus.pwmRelease(this.#pin);
    bus.release(this.#pin, this);
  }
}

/** Builds the PWM class of one board (`device.io.PWM`); it satisfies `PwmConstructor`. */
export function createPwmClass(bus: PinBus): SimPwmClass & PwmConstructor {
  const epoch = bus.epoch;
  return boardClass('PWM', (options: SimPwmOptions) => new SimPWM(bus, epoch, options));
}
