/**
 * Drives the LED driver's dimming input through ECMA-419 PWM (and an optional supply relay). Level % maps
 * to PWM duty through the luminaire's dimming curve; fades are stepped on the host timer so the output
 * changes smoothly (the ESP32 LEDC offers no hardware fade through ECMA-419).
 */
import { DimCurve } from '@streetlight/protocol/lean';
import type { DigitalIO, Host, HostTimers, PwmIO, TimerId } from './host.js';

/** Interval between fade steps. 50 ms (20 Hz) is below what the eye resolves as steps at these rates. */
export const FADE_STEP_MS = 50;

export interface DimmerOptions {
  curve: number;     // DimCurve
  minLevel: number;  // percent; a non-zero level below it is raised to it
}

/**
 * Duty fraction (0..1) for a level in percent. Logarithmic: perceived brightness follows the logarithm of
 * light output (Weber–Fechner), as DALI's logarithmic curve (IEC 62386-102 §9.3: 1000^((n-1)/253 - 1))
 * does, so equal level steps look equal; 1 % → 0.1 % duty, 100 % → 100 %.
 */
export function dutyFraction(levelPct: number, curve: number): number {
  if (levelPct <= 0) return 0;
  if (levelPct >= 100) return 1;
  if (curve === DimCurve.DIM_CURVE_LOGARITHMIC) return Math.pow(1000, (levelPct - 1) / 99 - 1);
  return levelPct / 100;
}

export class Dimmer {
  readonly #pwm: PwmIO;
  readonly #relay: DigitalIO | undefined;
  readonly #timers: HostTimers;
  readonly #max: number;
  #options: DimmerOptions;
  #level = 0;          // current output level, percent (fractional during fades)
  #target = 0;
  #fadeTimer: TimerId | undefined;
  #lastDuty = -1;
  #switchOns = 0;
  /** Constant light output: the drive factor on the light output (clo.ts), 1 without CLO. */
  #drive = 1;

  constructor(host: Host, options: DimmerOptions) {
    const { device } = host;
    this.#timers = host.timers;
    this.#options = options;
    this.#pwm = new device.io.PWM({ pin: device.pin.dim });
    this.#max = (1 << this.#pwm.resolution) - 1;
    if (device.pin.relay !== undefined && device.io.Digital) {
      this.#relay = new device.io.Digital({ pin: device.pin.relay, mode: device.io.Digital.Output });
    }
    this.#output();
  }

  get level(): number { return this.#level; }
  get target(): number { return this.#target; }
  get switchOns(): number { return this.#switchOns; }

  configure(options: DimmerOptions): void {
    this.#options = options;
    this.#output();
  }

  /**
   * Constant light output (clo.ts): the output is the level's light × `factor`, clamped to full output and kept at
   * least at the driver's minimum level. Applied to the duty (the LED current, which the flux follows), not to the
   * level percent, which goes through the dimming curve first.
   */
  setDriveFactor(factor: number): void {
    const f = Number.isFinite(factor) && factor > 0 ? factor : 1;
    if (f === this.#drive) return;
    this.#drive = f;
    this.#output();
  }

  get driveFactor(): number { return this.#drive; }

  /** Goes to `level` percent over `fadeS` seconds (0 = at once). A new call replaces a running fade. */
  set(level: number, fadeS: number): void {
    const target = Math.max(0, Math.min(100, level));
    if (target === this.#target && this.#fadeTimer === undefined && this.#level === target) return;
    this.#target = target;
    this.#stopFade();
    const steps = Math.floor((fadeS * 1000) / FADE_STEP_MS);
    if (steps <= 1 || this.#level === target) {
      this.#level = target;
      this.#output();
      return;
    }
    const from = this.#level;
    let n = 0;
    this.#fadeTimer = this.#timers.repeat(() => {
      n++;
      if (n >= steps) {
        this.#level = target;
        this.#stopFade();
      } else {
        this.#level = from + ((target - from) * n) / steps;
      }
      this.#output();
    }, FADE_STEP_MS);
  }

  close(): void {
    this.#stopFade();
    this.#pwm.close();
    this.#relay?.close();
  }

  #stopFade(): void {
    if (this.#fadeTimer !== undefined) {
      this.#timers.clear(this.#fadeTimer);
      this.#fadeTimer = undefined;
    }
  }

  #output(): void {
    let level = this.#level;
    if (level > 0 && level < this.#options.minLevel) level = this.#options.minLevel;
    let fraction = dutyFraction(level, this.#options.curve);
    if (this.#drive !== 1 && fraction > 0) {
      const floor = dutyFraction(this.#options.minLevel, this.#options.curve);
      fraction = Math.min(1, Math.max(fraction * this.#drive, this.#options.minLevel > 0 ? floor : 0));
    }
    const duty = Math.round(fraction * this.#max);
    if (duty === this.#lastDuty) return;
    if (this.#lastDuty <= 0 && duty > 0) this.#switchOns++;
    // Relay on before the driver gets a dimming signal; off after it goes to 0.
    if (duty > 0) this.#relay?.write(1);
    this.#pwm.write(duty);
    if (duty === 0) this.#relay?.write(0);
    this.#lastDuty = duty;
  }
}
