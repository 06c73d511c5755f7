/**
 * LED driver and luminaire electrical model: dimming level → light output → input power, and exact
 * ground-truth energy over virtual time.
 *
 * Model (kept simple and monotonic on purpose; numbers and sources in README.md, "Electrical model"):
 * - The driver is powered when the board has power and the supply relay (if the board has one) is closed.
 *   Unpowered: 0 W.
 * - Requested level `d` (0..1) comes from the PWM duty on the `dim` pin through a PWM→1–10 V interface,
 *   linear. Below the driver's minimum dimming level (`minLevel`, 10 % for a 1–10 V driver) the driver goes
 *   dark; at or above it the light output is `L = d`.
 * - Dark but powered: standby power `standbyW` (0.4 W by default; datasheets give 0.3–0.5 W).
 * - Lit: P(L) = standbyW + (nominalW − standbyW) · L / η(L), with relative efficiency
 *   η(L) = 1 − k·(1 − L) (k = `lowLoadLoss`, 0.15 by default): the driver is ~15 % less efficient near its
 *   minimum than at full load. P(1) = nominalW; P is strictly increasing in L for 0 ≤ k < 1.
 * - Power is piecewise constant between state changes (PWM writes, relay changes, power cuts), so the energy
 *   integral is exact: E = Σ P_i · Δt_i.
 * - Luminous output (issue 17, constant light output): the LED module ages with its burning hours (time lit,
 *   integrated exactly like the energy, from `led.hours` at creation); its flux fraction follows the exponential
 *   lumen-maintenance model of IES TM-21 through the datasheet's point, φ(h) = (Lxx/100)^(h/H). The light
 *   delivered, in % of a new LED's full flux, is L · φ(h). Without `led` the LED does not age (φ = 1).
 */

export interface DriverSpec {
  /** Rated input power at 100 % (W). */
  nominalW: number;
  /** Input power when powered but dark (W). Default 0.4. */
  standbyW?: number;
  /** Minimum dimming level (0..1); below it the driver is dark. Default 0.10 (1–10 V drivers). */
  minLevel?: number;
  /** Relative efficiency loss at the bottom of the dimming range, k in η(L) = 1 − k(1 − L). Default 0.15. */
  lowLoadLoss?: number;
  /** Level the driver sees when nothing drives the dimming line (open 1–10 V line = full). Default 1. */
  idleLevel?: number;
  /** Power factor at full load. Default 0.95. */
  powerFactorFull?: number;
  /** The LED module's lumen maintenance and age (no ageing without it). */
  led?: LedSpec;
}

/** An LED module's lumen maintenance (Lxx at ratedH burning hours, e.g. L80 at 100,000 h) and its age at creation. */
export interface LedSpec {
  lxxPct: number;
  ratedH: number;
  /** Burning hours the LED has at creation. Default 0 (new). */
  hours?: number;
}

/** Flux fraction (0..1] of an LED after `hours` burning hours (exponential lumen maintenance, IES TM-21). */
export function ledFluxFraction(led: LedSpec | undefined, hours: number): number {
  if (!led) return 1;
  return Math.pow(led.lxxPct / 100, Math.max(0, hours) / led.ratedH);
}

export interface SupplySpec {
  /** Nominal mains voltage (V). Default 230 (EN 50160). */
  nominalV?: number;
  /** Deviation from nominal, in % (EN 50160 allows ±10 %). Default 0. */
  deviationPct?: number;
}

export const DEFAULT_STANDBY_W = 0.4;
export const DEFAULT_MIN_LEVEL = 0.1;
export const DEFAULT_LOW_LOAD_LOSS = 0.15;

/** Light output fraction (0..1) for a requested level: dark below `minLevel`. */
export function lightOutput(spec: DriverSpec, level: number): number {
  const d = clamp01(level);
  return d < (spec.minLevel ?? DEFAULT_MIN_LEVEL) || d === 0 ? 0 : d;
}

/** Driver input power (W) when powered, for a requested level (0..1). */
export function driverInputPowerW(spec: DriverSpec, level: number): number {
  const standby = spec.standbyW ?? DEFAULT_STANDBY_W;
  const L = lightOutput(spec, level);
  if (L === 0) return standby;
  const k = spec.lowLoadLoss ?? DEFAULT_LOW_LOAD_LOSS;
  const eta = 1 - k * (1 - L);
  return standby + (spec.nominalW - standby) * (L / eta);
}

/** Power factor: lower at light load (typical LED driver curves), 0.3 in standby. */
export function powerFactor(spec: DriverSpec, level: number): number {
  const L = lightOutput(spec, level);
  if (L === 0) return 0.3;
  const full = spec.powerFactorFull ?? 0.95;
  return 0.5 + (full - 0.5) * L;
}

export interface ElectricalState {
  /** Driver supplied (board powered and relay closed). */
  powered: boolean;
  /** Requested dimming level 0..1, or undefined when nothing drives the dimming line. */
  level: number | undefined;
}

/** One luminaire's electrical state over virtual time, with its exact energy integral. */
export class LuminaireElectrical {
  readonly spec: Readonly<DriverSpec>;
  #now: () => number;
  #powered = false;
  #level: number | undefined = undefined;
  #powerW = 0;
  #since: number;
  #joules = 0;
  #deviationPct: number;
  readonly #nominalV: number;
  /** Time lit (light output > 0) since creation, ms: the LED's burning time. */
  #litMs = 0;

  constructor(spec: DriverSpec, now: () => number, supply: SupplySpec = {}) {
    if (!(spec.nominalW > 0)) throw new RangeError('nominalW must be > 0');
    const standby = spec.standbyW ?? DEFAULT_STANDBY_W;
    if (!(standby >= 0) || standby >= spec.nominalW) throw new RangeError('standbyW must be in [0, nominalW)');
    const k = spec.lowLoadLoss ?? DEFAULT_LOW_LOAD_LOSS;
    if (!(k >= 0 && k < 1)) throw new RangeError('lowLoadLoss must be in [0, 1)');
    const min = spec.minLevel ?? DEFAULT_MIN_LEVEL;
    if (!(min >= 0 && min <= 1)) throw new RangeError('minLevel must be in [0, 1]');
    if (spec.led && !(spec.led.lxxPct > 0 && spec.led.lxxPct < 100 && spec.led.ratedH > 0 && (spec.led.hours ?? 0) >= 0)) {
      throw new RangeError('led: lxxPct in (0, 100), ratedH > 0, hours ≥ 0');
    }
    this.spec = Object.freeze({ ...spec });
    this.#now = now;
    this.#since = now();
    this.#nominalV = supply.nominalV ?? 230;
    this.#deviationPct = supply.deviationPct ?? 0;
  }

  /** Applies a new driver state from now on (integrating the energy of the previous state first). */
  update(state: ElectricalState): void {
    // Nothing the driver sees changed (e.g. a metering chip's select pin toggled): the power stays, no new segment.
    if (state.powered === this.#powered && state.level === this.#level) return;
    this.#integrate();
    this.#powered = state.powered;
    this.#level = state.level;
    this.#powerW = this.#computePower();
  }

  /** Requested level actually seen by the driver (idle level when undriven). */
  get requestedLevel(): number {
    return this.#level ?? this.spec.idleLevel ?? 1;
  }

  /** Light output 0..1 (0 when unpowered or below the minimum dimming level). */
  get lightLevel(): number {
    return this.#powered ? lightOutput(this.spec, this.requestedLevel) : 0;
  }

  get powered(): boolean { return this.#powered; }

  /** The LED's burning hours now (its age at creation plus the time lit since), exact up to `now()`. */
  ledHours(): number {
    const lit = this.lightLevel > 0 ? Math.max(0, this.#now() - this.#since) : 0;
    return (this.spec.led?.hours ?? 0) + (this.#litMs + lit) / 3_600_000;
  }

  /** Flux fraction of the LED now (1 for a new LED or one without a lumen-maintenance model). */
  fluxFraction(): number { return ledFluxFraction(this.spec.led, this.ledHours()); }

  /** Light delivered, % of a new LED's full flux: light output × the LED's flux fraction. */
  deliveredLightPct(): number { return this.lightLevel * this.fluxFraction() * 100; }

  /** Instantaneous input power (W). */
  powerW(): number { return this.#powerW; }

  /** Energy consumed since creation (Wh), exact up to `now()`. */
  energyWh(): number {
    const t = this.#now();
    return (this.#joules + this.#powerW * (t - this.#since) / 1000) / 3600;
  }

  /** Supply voltage (V RMS). */
  voltage(): number { return this.#nominalV * (1 + this.#deviationPct / 100); }

  /** Changes the supply deviation (%); power is modelled as voltage-independent (constant-power driver). */
  setVoltageDeviation(pct: number): void {
    if (!Number.isFinite(pct) || Math.abs(pct) > 50) throw new RangeError('deviation must be within ±50 %');
    this.#deviationPct = pct;
  }

  /** Power factor of the present state (1 when unpowered, by convention). */
  powerFactor(): number {
    return this.#powered ? powerFactor(this.spec, this.requestedLevel) : 1;
  }

  /** RMS current (A): P / (V · PF). */
  currentA(): number {
    return this.#powered ? this.#powerW / (this.voltage() * this.powerFactor()) : 0;
  }

  #computePower(): number {
    return this.#powered ? driverInputPowerW(this.spec, this.requestedLevel) : 0;
  }

  #integrate(): void {
    const t = this.#now();
    if (t > this.#since) {
      this.#joules += this.#powerW * (t - this.#since) / 1000;
      if (this.lightLevel > 0) this.#litMs += t - this.#since;
    }
    this.#since = t;
  }
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? (x < 0 ? 0 : x > 1 ? 1 : x) : 0;
}
