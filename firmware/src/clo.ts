/**
 * Constant light output (CLO): an LED module loses flux as it burns (lumen depreciation, e.g. L80 at 100,000 h:
 * 80 % of the initial flux left after 100,000 burning hours). A luminaire is sized for the light it must still
 * give at the end of that life, so a new one gives more light than asked. With CLO the controller drives a new
 * LED lower — at the maintained flux — and raises the drive as the flux falls, so the light delivered stays the
 * plan's and the energy of the surplus is never drawn (protocol README, "Constant light output").
 *
 *   drive = plan level × MF / φ(h), clamped to 100 %
 *
 * with the maintenance factor MF = Lxx / 100 (the flux the installation was sized for) and φ(h) the flux
 * fraction left after h burning hours. φ follows the exponential lumen-maintenance model of IES TM-21
 * (Φ(t) = B·e^(−αt), B = 1), fitted through the datasheet's single point φ(H) = Lxx/100:
 *
 *   φ(h) = (Lxx/100)^(h/H)   so   drive factor f(h) = MF / φ(h) = (Lxx/100)^(1 − h/H)
 *
 * Exponential, not linear: TM-21 projects LM-80 measurements with an exponential decay because LED depreciation
 * slows as it goes (chemistry of the phosphor and the package); a straight line through (0, 1) and (H, Lxx)
 * would overstate the loss in mid-life (at H/2, L80: 0.894 exponential vs 0.900 linear — close, but the
 * exponential keeps going sensibly past H where a line would reach 0). Past H the factor exceeds 1 and the drive
 * is clamped at 100 %: the LED can give no more.
 *
 * The factor is applied to the driver's output (the PWM duty, i.e. the LED current), not to the plan's level
 * percent: flux is near-proportional to current, whereas the level goes through the dimming curve first.
 *
 * The saving: the energy a luminaire draws is near-proportional to its drive above the driver's low-load region,
 * so the energy not drawn over an interval is E_measured × (1/f − 1); past H (f > 1) nothing is counted (CLO then
 * draws more than the plan level to keep the light: a cost of the light, not subtracted from what it saved). It is accumulated here in mWh and kept in the store at most every SAVE_EVERY_MS of
 * burning (a power cut loses at most that much of the count, never the counter).
 *
 * No module-scope state: the firmware is preloaded and frozen.
 */
import type { SetConfig } from '@streetlight/protocol/lean';
import {
  MAX_CLO_LXX_PCT, MAX_CLO_RATED_H, MAX_LED_HOURS, MAX_LED_HOURS_OFFSET, MIN_CLO_LXX_PCT, MIN_CLO_RATED_H,
} from '@streetlight/protocol/lean';

/** The lumen-maintenance figure a config carries, or undefined when CLO is off (both fields 0). */
export interface CloFigure {
  lxxPct: number;
  ratedH: number;
  offsetH: number;
}

/** Checks a config's CLO fields; returns a reason when they are out of bounds (the device acknowledges INVALID). */
export function cloProblem(config: SetConfig): string | undefined {
  const lxx = config.cloLxxPct ?? 0;
  const rated = config.cloRatedH ?? 0;
  if ((config.ledHoursOffset ?? 0) > MAX_LED_HOURS_OFFSET) return 'led_hours_offset out of bounds';
  if (lxx === 0 && rated === 0) return undefined;
  if (lxx < MIN_CLO_LXX_PCT || lxx > MAX_CLO_LXX_PCT) return 'clo_lxx_pct out of bounds';
  if (rated < MIN_CLO_RATED_H || rated > MAX_CLO_RATED_H) return 'clo_rated_h out of bounds';
  return undefined;
}

export function cloFigure(config: SetConfig | undefined): CloFigure | undefined {
  if (!config || cloProblem(config) !== undefined) return undefined;
  const lxxPct = config.cloLxxPct ?? 0;
  if (lxxPct === 0) return undefined;
  return { lxxPct, ratedH: config.cloRatedH ?? 0, offsetH: config.ledHoursOffset ?? 0 };
}

/** Flux fraction φ(h) left after `hours` burning hours (exponential through φ(H) = Lxx/100). */
export function fluxFraction(fig: CloFigure, hours: number): number {
  return Math.pow(fig.lxxPct / 100, Math.max(0, hours) / fig.ratedH);
}

/** Drive factor f(h) = MF / φ(h) (not clamped: a drive above 100 % is clamped by the dimmer). */
export function driveFactor(fig: CloFigure, hours: number): number {
  return (fig.lxxPct / 100) / fluxFraction(fig, hours);
}

/** How often the saving counter is written to storage while it grows (burning time). */
export const SAVE_EVERY_MS = 3_600_000;

export interface CloStatusView {
  drivePermille: number;
  ledHours: number;
  savedMwh: number;
}

/**
 * The CLO state of one controller: the factor now, from the LED's hours; the saving counter. The caller feeds it
 * the controller's burning seconds (the energy service's lifetime count, or the board's own count without a meter)
 * and the energy measured.
 */
export class Clo {
  #fig: CloFigure | undefined;
  #hours = 0;
  #factor = 1;
  #savedMwh: number;
  #unsavedMs = 0;
  readonly #persist: (savedMwh: number) => void;

  constructor(savedMwh: number, persist: (savedMwh: number) => void) {
    this.#savedMwh = Number.isFinite(savedMwh) && savedMwh >= 0 ? savedMwh : 0;
    this.#persist = persist;
  }

  /** A new config (or none). */
  configure(config: SetConfig | undefined): void {
    this.#fig = cloFigure(config);
    this.#factor = this.#fig ? driveFactor(this.#fig, this.#hours) : 1;
  }

  get active(): boolean { return this.#fig !== undefined; }

  /** The drive factor to apply to the light output (1 without CLO). */
  get factor(): number { return this.#factor; }

  /** The LED's burning hours: this controller's count plus the offset the server gave. */
  get ledHours(): number { return this.#hours; }

  /** The controller's lifetime burning seconds changed: recomputes the factor. Returns whether it changed. */
  burning(controllerBurningS: number): boolean {
    const fig = this.#fig;
    this.#hours = Math.min(MAX_LED_HOURS, (fig?.offsetH ?? 0) + controllerBurningS / 3600);
    const f = fig ? driveFactor(fig, this.#hours) : 1;
    if (Math.abs(f - this.#factor) < 0.0005) return false;
    this.#factor = f;
    return true;
  }

  /**
   * Energy drawn over `ms` of burning at the factor in effect (mWh): adds what was not drawn thanks to CLO
   * (E × (1/f − 1); negative past the rated life, where the clamped drive is more than without CLO).
   */
  account(energyMwh: number, ms: number): void {
    if (!this.#fig || !(energyMwh > 0)) return;
    // Past the rated life (f > 1) CLO drives above the plan level to keep the light: that extra is the light's
    // cost, not a saving, and it is not subtracted: the counter is what CLO kept from being drawn.
    const f = Math.min(this.#factor, 1);
    this.#savedMwh += energyMwh * (1 / f - 1);
    this.#unsavedMs += ms;
    if (this.#unsavedMs >= SAVE_EVERY_MS) this.flush();
  }

  get savedMwh(): number { return Math.floor(this.#savedMwh); }

  /** Writes the counter now (also on config change and before a reboot). */
  flush(): void {
    this.#unsavedMs = 0;
    this.#persist(this.#savedMwh);
  }

  status(): CloStatusView | undefined {
    if (!this.#fig) return undefined;
    return { drivePermille: Math.round(Math.min(2, this.#factor) * 1000), ledHours: Math.floor(this.#hours), savedMwh: this.savedMwh };
  }
}
