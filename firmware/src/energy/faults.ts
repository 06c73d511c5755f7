/**
 * Luminaire fault detection from metering (TALQ "lamp monitor" events: lampFailure, lampUnexpectedOn,
 * cyclingFailure, supply voltage; plus the metering chip itself). Each fault is a condition evaluated every
 * meter poll period (10 s); it is raised after holding for `raiseMs` and cleared after being false for `clearMs` (debounce
 * both ways, so a fade, a switch-on surge or one bad reading never raises or clears anything). An unknown
 * condition (no reading, no valid time) holds the current state.
 */
import { EventType } from '@streetlight/protocol/lean';

/** EN 50160 §4.2.2: supply voltage within 230 V ± 10 %. */
export const VOLTAGE_LOW_V = 207;
export const VOLTAGE_HIGH_V = 253;
/** Hysteresis on clearing a voltage fault. */
export const VOLTAGE_HYSTERESIS_V = 2;
/** Lamp failure: power below this fraction of what the commanded level should draw. */
export const LAMP_FAILURE_RATIO = 0.3;
/** Levels below this are not judged (1–10 V drivers go dark below ≈ 10 %; fades pass through them). */
export const JUDGED_MIN_LEVEL = 15;
/** Cycling: this many lamp drop-outs within CYCLING_WINDOW_MS at a steady commanded level. */
export const CYCLING_DROPOUTS = 3;
export const CYCLING_WINDOW_MS = 30 * 60_000;

export interface FaultTiming { raiseMs: number; clearMs: number }

// Module-scope objects are frozen: preloaded on the device they are read-only, so they are everywhere.
export const FAULT_TIMING: Readonly<Record<'lamp' | 'dayBurner' | 'cycling' | 'voltage' | 'meter', Readonly<FaultTiming>>> = Object.freeze({
  lamp: Object.freeze({ raiseMs: 5 * 60_000, clearMs: 2 * 60_000 }),
  dayBurner: Object.freeze({ raiseMs: 5 * 60_000, clearMs: 2 * 60_000 }),
  cycling: Object.freeze({ raiseMs: 0, clearMs: 10 * 60_000 }),
  voltage: Object.freeze({ raiseMs: 60_000, clearMs: 60_000 }),
  meter: Object.freeze({ raiseMs: 0, clearMs: 0 }), // the driver already waits for 3 failed polls (UART) / 2 silent voltage readings (pulse)
});

export type EmitEvent = (type: number, active: boolean, value: number, detail: string) => void;

class Debounced {
  active = false;
  #since: number | undefined;
  constructor(readonly type: number, readonly timing: FaultTiming) {}

  /** Returns 'raise' | 'clear' when the state changes. */
  update(condition: boolean | undefined, now: number): 'raise' | 'clear' | undefined {
    if (condition === undefined) return undefined;
    if (condition === this.active) { this.#since = undefined; return undefined; }
    this.#since ??= now;
    const need = this.active ? this.timing.clearMs : this.timing.raiseMs;
    if (now - this.#since < need) return undefined;
    this.active = condition;
    this.#since = undefined;
    return condition ? 'raise' : 'clear';
  }
}

export interface FaultInputs {
  /** Ticks, ms. */
  now: number;
  /** Commanded level, percent. */
  level: number;
  /** Latest readings, undefined when the meter gives none. */
  powerW: number | undefined;
  voltageV: number | undefined;
  meterResponding: boolean;
  /** Sun up by the astronomical clock (undefined without valid time and site). */
  daylight: boolean | undefined;
  /** Luminaire rated power from SetConfig, W (0 = unknown). */
  nominalW: number;
  /** Power above which the lamp counts as burning, W. */
  burningW: number;
}

export class FaultMonitor {
  readonly #emit: EmitEvent;
  readonly #lamp = new Debounced(EventType.EVENT_TYPE_LAMP_FAILURE, FAULT_TIMING.lamp);
  readonly #day = new Debounced(EventType.EVENT_TYPE_DAY_BURNER, FAULT_TIMING.dayBurner);
  readonly #cycling = new Debounced(EventType.EVENT_TYPE_CYCLING, FAULT_TIMING.cycling);
  readonly #vLow = new Debounced(EventType.EVENT_TYPE_VOLTAGE_LOW, FAULT_TIMING.voltage);
  readonly #vHigh = new Debounced(EventType.EVENT_TYPE_VOLTAGE_HIGH, FAULT_TIMING.voltage);
  readonly #meter = new Debounced(EventType.EVENT_TYPE_METER_FAULT, FAULT_TIMING.meter);
  #dropouts: number[] = [];
  #wasBurning: boolean | undefined;
  #steadyLevel = -1;

  constructor(emit: EmitEvent) { this.#emit = emit; }

  /** Active faults (event types). */
  active(): number[] {
    return [this.#lamp, this.#day, this.#cycling, this.#vLow, this.#vHigh, this.#meter].filter((d) => d.active).map((d) => d.type);
  }

  /** Says every active fault again (after a reconnection: the server may have missed the raise). */
  repeatActive(): void {
    for (const d of [this.#lamp, this.#day, this.#cycling, this.#vLow, this.#vHigh, this.#meter]) {
      if (d.active) this.#emit(d.type, true, 0, 'still active');
    }
  }

  evaluate(i: FaultInputs): void {
    const meterOk = i.meterResponding;
    this.#step(this.#meter, !meterOk, i.now, 0, meterOk ? 'metering chip answers again' : 'metering chip not responding');
    const p = meterOk ? i.powerW : undefined;
    const mw = p === undefined ? 0 : Math.round(p * 1000);

    // Lamp failure: far below what the level should draw (rated power known), or nothing but standby.
    let lamp: boolean | undefined;
    if (p !== undefined) {
      if (i.level < JUDGED_MIN_LEVEL) lamp = this.#lamp.active ? undefined : false;
      else lamp = i.nominalW > 0 ? p < LAMP_FAILURE_RATIO * i.nominalW * (i.level / 100) : p < i.burningW;
    }
    this.#step(this.#lamp, lamp, i.now, mw, lamp ? `${(p ?? 0).toFixed(1)} W at level ${Math.round(i.level)} %` : 'lamp draws power again');

    // Day burner: drawing lamp power while the sun is up.
    const day = p === undefined || i.daylight === undefined ? undefined : i.daylight && p > i.burningW;
    this.#step(this.#day, day, i.now, mw, day ? `${(p ?? 0).toFixed(1)} W in daylight` : 'no longer burning in daylight');

    // Cycling: repeated drop-outs at a steady commanded level.
    if (p !== undefined) {
      const steady = i.level >= JUDGED_MIN_LEVEL && Math.abs(i.level - this.#steadyLevel) < 0.5;
      this.#steadyLevel = i.level;
      const burning = p > i.burningW;
      if (steady && this.#wasBurning === true && !burning) this.#dropouts.push(i.now);
      this.#wasBurning = burning;
      if (this.#dropouts.length > 0) this.#dropouts = this.#dropouts.filter((t) => i.now - t < CYCLING_WINDOW_MS);
      const cycling = this.#dropouts.length >= CYCLING_DROPOUTS;
      this.#step(this.#cycling, cycling, i.now, this.#dropouts.length, cycling ? `${this.#dropouts.length} drop-outs in 30 min` : 'lamp steady');
    }

    const v = meterOk ? i.voltageV : undefined;
    if (v !== undefined && v > 50) { // below 50 V the reading is the chip starting, not the mains
      const dv = Math.round(v * 10);
      const low = this.#vLow.active ? v < VOLTAGE_LOW_V + VOLTAGE_HYSTERESIS_V : v < VOLTAGE_LOW_V;
      const high = this.#vHigh.active ? v > VOLTAGE_HIGH_V - VOLTAGE_HYSTERESIS_V : v > VOLTAGE_HIGH_V;
      // Formatted only when a state changes: this runs at every meter poll.
      this.#step(this.#vLow, low, i.now, dv, v);
      this.#step(this.#vHigh, high, i.now, dv, v);
    }
  }

  /** `detail`: the text, or a voltage (V) to format as the text (only when the state changes). */
  #step(d: Debounced, condition: boolean | undefined, now: number, value: number, detail: string | number): void {
    const change = d.update(condition, now);
    if (change) this.#emit(d.type, change === 'raise', value, typeof detail === 'string' ? detail : `${detail.toFixed(1)} V`);
  }
}
