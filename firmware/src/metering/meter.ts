/**
 * What the energy accounting needs from a metering chip driver. Drivers poll their chip on the host's timers
 * and deliver one sample per poll; they take their IO class through options (HOUSE-STYLE 6), so the same
 * driver runs over a real or a simulated PulseCount/Serial.
 */
import type { HostTimers, TimerId } from '../host.js';
import type { Calibration } from './calibration.js';

export interface MeterSample {
  /** Active energy since the driver started, mWh (non-decreasing, multiple of `quantumMwh` × gain). */
  energyMwh: number;
  /** Active power, W. */
  powerW: number;
  /** RMS voltage, V (undefined if not measured in this sample). */
  voltageV?: number;
  /** RMS current, A. */
  currentA?: number;
  /** Power factor 0..1 where the chip gives it or V, I and P allow computing it. */
  powerFactor?: number;
}

export interface MeterDriver {
  readonly chip: string;
  /** Energy resolution: mWh per energy count of the chip (after calibration). */
  readonly quantumMwh: number;
  /** The most recent sample, undefined before the first one. */
  readonly last: MeterSample | undefined;
  /** True while the chip answers (UART) or shows a live voltage channel (pulse chip). */
  readonly responding: boolean;
  /** Polls every `ms` from now on (the record interval changed). */
  setPollMs(ms: number): void;
  close(): void;
}

export interface MeterDriverCommon {
  timers: HostTimers;
  /** Milliseconds since boot (host clock ticks). */
  ticks: () => number;
  calibration: Calibration;
  /** Poll period, ms. Default 1000. */
  pollMs?: number;
  /**
   * The chip kept power through the previous reset (software restart) — its counters hold energy already
   * counted before the restart. False after a power-on: every count since the chip started is new energy.
   */
  chipWarm: boolean;
  onSample: (sample: MeterSample) => void;
  /**
   * Called once per poll when its outcome is known — after `onSample` (a reading) or after a failed poll (no
   * answer in time, a bad frame, an IO error): the energy service checks faults there, on the freshest reading,
   * with no timer of its own.
   */
  onPoll?: () => void;
  /** Called when `responding` changes. */
  onHealth?: (responding: boolean, detail: string) => void;
}

/**
 * A meter driver's poll timer: `tick` every `ms`; `retime(ms)` polls at once (the records' interval changed: the
 * one in progress may close now), then every `ms`; `stop()` for good. Shared by the chip drivers.
 */
export class PollTimer {
  readonly #timers: HostTimers;
  readonly #tick: () => void;
  #id: TimerId | undefined;
  #stopped = false;

  constructor(timers: HostTimers, tick: () => void, ms: number) {
    this.#timers = timers;
    this.#tick = tick;
    this.#id = timers.repeat(tick, ms);
  }

  retime(ms: number): void {
    if (this.#stopped) return;
    const timers = this.#timers;
    timers.clear(this.#id);
    this.#id = timers.set(() => {
      this.#id = timers.repeat(this.#tick, ms);
      this.#tick();
    }, 0);
  }

  stop(): void {
    this.#stopped = true;
    this.#timers.clear(this.#id);
    this.#id = undefined;
  }
}
