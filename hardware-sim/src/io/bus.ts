/**
 * The pins of one simulated board: which GPIOs exist, who holds them, what they output, and what the
 * outside world drives into them. IO class instances (SimPWM, SimDigital) talk to the board through it.
 */
import type { TimerGroup } from '../clock.js';
import { RingBuffer } from '../ring.js';

/**
 * ESP32 (WROOM-32) GPIOs usable by an application: 6–11 are wired to the SPI flash, 20/24/28–31 do not
 * exist, 34–39 are input-only (ESP32 datasheet §2.2, "Pin Description").
 */
export const ESP32_GPIO: ReadonlySet<number> = new Set([
  0, 1, 2, 3, 4, 5, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 25, 26, 27, 32, 33, 34, 35, 36, 37, 38, 39,
]);
export const ESP32_INPUT_ONLY: ReadonlySet<number> = new Set([34, 35, 36, 37, 38, 39]);

/** Named pins of a board (`device.pin`). */
export interface PinMap {
  /** PWM output to the LED driver's dimming interface (PWM → 1–10 V). */
  dim: number;
  /** Supply relay coil (1 = closed = driver powered). Optional. */
  relay?: number;
  /** Photocell comparator output (1 = dark). Optional, input-only pin. */
  photocell?: number;
  [name: string]: number | undefined;
}

/** Default pin map of the simulated controller board. */
export const DEFAULT_PIN_MAP: Readonly<PinMap> = Object.freeze({ dim: 25, relay: 26, photocell: 34, led: 2 });

export interface PwmTraceEntry {
  /** Virtual time of the write (ms since epoch). */
  t: number;
  pin: number;
  value: number;
  resolution: number;
}

export type PinEvent =
  | { kind: 'pwm'; pin: number; duty: number | undefined }
  | { kind: 'digital'; pin: number; value: 0 | 1 | undefined };

type InputListener = (level: 0 | 1, previous: 0 | 1) => void;

export interface PinBusOptions {
  now: () => number;
  pins?: PinMap;
  /** Valid GPIO numbers. Default ESP32_GPIO. */
  gpio?: ReadonlySet<number>;
  /** Input-only GPIO numbers. Default ESP32_INPUT_ONLY. */
  inputOnly?: ReadonlySet<number>;
  /** PWM writes kept in the trace (oldest dropped). Default 10,000. */
  traceLimit?: number;
}

export class PinBus {
  readonly pins: Readonly<PinMap>;
  readonly gpio: ReadonlySet<number>;
  readonly inputOnly: ReadonlySet<number>;
  readonly now: () => number;
  readonly trace: RingBuffer<PwmTraceEntry>;
  /** Timer group of the running firmware instance, used to deliver IO callbacks asynchronously. */
  timers: TimerGroup | undefined;
  /** Notified on every output change (electrical model). */
  onChange: ((event: PinEvent) => void) | undefined;

  #epoch = 0;
  readonly #owners = new Map<number, object>();
  readonly #pwm = new Map<number, { value: number; resolution: number }>();
  readonly #outputs = new Map<number, 0 | 1>();
  readonly #inputs = new Map<number, 0 | 1>();
  readonly #listeners = new Map<number, Set<InputListener>>();

  constructor(options: PinBusOptions) {
    this.now = options.now;
    this.pins = Object.freeze({ ...(options.pins ?? DEFAULT_PIN_MAP) });
    this.gpio = options.gpio ?? ESP32_GPIO;
    this.inputOnly = options.inputOnly ?? ESP32_INPUT_ONLY;
    this.trace = new RingBuffer(options.traceLimit ?? 10_000);
    for (const [name, pin] of Object.entries(this.pins)) {
      if (pin !== undefined && !this.gpio.has(pin)) throw new RangeError(`pin map: ${name} = ${pin} is not a GPIO of this board`);
    }
  }

  /** Checks that `pin` exists (and can drive an output if `output`), RangeError otherwise. */
  checkPin(pin: unknown, output: boolean): number {
    if (typeof pin !== 'number' || !Number.isInteger(pin) || !this.gpio.has(pin)) {
      throw new RangeError(`invalid pin ${String(pin)}`);
    }
    if (output && this.inputOnly.has(pin)) throw new RangeError(`pin ${pin} is input-only`);
    return pin;
  }

  claim(pin: number, owner: object): void {
    if (this.#owners.has(pin)) throw new Error(`pin ${pin} in use`);
    this.#owners.set(pin, owner);
  }

  release(pin: number, owner: object): void {
    if (this.#owners.get(pin) === owner) this.#owners.delete(pin);
  }

  inUse(pin: number): boolean { return this.#owners.has(pin); }

  // --- outputs (written by the firmware) ---

  pwmWrite(pin: number, value: number, resolution: number): void {
    this.#pwm.set(pin, { value, resolution });
    this.trace.push({ t: this.now(), pin, value, resolution });
    this.onChange?.({ kind: 'pwm', pin, duty: value / ((1 << resolution) - 1) });
  }

  pwmRelease(pin: number): void {
    if (this.#pwm.delete(pin)) this.onChange?.({ kind: 'pwm', pin, duty: undefined });
  }

  /** Duty 0..1 on a pin, or undefined when no PWM drives it. */
  duty(pin: number): number | undefined {
    const p = this.#pwm.get(pin);
    return p === undefined ? undefined : p.value / ((1 << p.resolution) - 1);
  }

  /** Raw PWM value on a pin, or undefined. */
  pwmValue(pin: number): number | undefined { return this.#pwm.get(pin)?.value; }

  digitalWrite(pin: number, value: 0 | 1): void {
    const before = this.#outputs.get(pin);
    this.#outputs.set(pin, value);
    if (before !== value) this.onChange?.({ kind: 'digital', pin, value });
  }

  digitalRelease(pin: number): void {
    if (this.#outputs.delete(pin)) this.onChange?.({ kind: 'digital', pin, value: undefined });
  }

  /** Level driven by an output on `pin`, or undefined when the pin is not an output. */
  output(pin: number): 0 | 1 | undefined { return this.#outputs.get(pin); }

  // --- inputs (driven by the outside world) ---

  /** Level seen by an input: external level if set, else the pin's own output (loopback), else the pull. */
  inputLevel(pin: number, pull: 0 | 1 = 0): 0 | 1 {
    return this.#inputs.get(pin) ?? this.#outputs.get(pin) ?? pull;
  }

  /** Drives an input from outside (photocell, wire); listeners are told about a change. */
  setInput(pin: number, level: 0 | 1): void {
    const previous = this.#inputs.get(pin) ?? 0;
    this.#inputs.set(pin, level);
    if (previous !== level) for (const l of this.#listeners.get(pin) ?? []) l(level, previous);
  }

  listen(pin: number, listener: InputListener): () => void {
    let set = this.#listeners.get(pin);
    if (!set) this.#listeners.set(pin, (set = new Set()));
    set.add(listener);
    return () => { set.delete(listener); };
  }

  /** Increments at each power cut: IO objects of an earlier epoch belong to a dead firmware instance. */
  get epoch(): number { return this.#epoch; }

  /** Power cut: every output floats, every pin is free. External inputs stay as they are. */
  powerDown(): void {
    this.#epoch++;
    this.#owners.clear();
    this.#listeners.clear();
    const pwmPins = [...this.#pwm.keys()];
    const outPins = [...this.#outputs.keys()];
    this.#pwm.clear();
    this.#outputs.clear();
    for (const pin of pwmPins) this.onChange?.({ kind: 'pwm', pin, duty: undefined });
    for (const pin of outPins) this.onChange?.({ kind: 'digital', pin, value: undefined });
  }
}
