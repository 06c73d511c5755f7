/**
 * Nights of a plan as the device will run them. Everything here calls the firmware's own modules
 * (`@streetlight/firmware`: POSIX TZ, NOAA sun, plan evaluation), so the server's validator and preview
 * agree with the pole to the millisecond: same program choice, same step instants, same DST handling.
 */
import {
  dutyFraction, fromLocalMs, parsePosixTz, programFor, resolveProgram, sunEventUtc, ZENITH_OFFICIAL,
  type ResolvedStep, type Site,
} from '@streetlight/firmware';
import type { DayProgram, Plan } from '@streetlight/protocol/lean';

export const DAY_MS = 86_400_000;
export const MIN_MS = 60_000;

/** A site as the API gives it: POSIX TZ rule and position in degrees. */
export interface SiteInput { tz: string; lat: number; lon: number }

export function toSite(s: SiteInput): Site {
  return { tz: parsePosixTz(s.tz), latDeg: s.lat, lonDeg: s.lon };
}

/** `YYYY-MM-DD` → the UTC-midnight ms value the firmware uses for a local date. */
export function dayMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}
export function dateOf(day: number): string {
  return new Date(day).toISOString().slice(0, 10);
}

/** Evening dates [from, from + count). */
export function nightsFrom(from: string, count: number): number[] {
  const start = dayMs(from);
  return Array.from({ length: count }, (_, i) => start + i * DAY_MS);
}

export interface Night {
  /** Evening date (UTC-midnight ms of the local date). */
  evening: number;
  date: string;
  program: DayProgram | undefined;
  steps: ResolvedStep[];
  /** The night's window on the device: local noon of the evening date to local noon of the next day (UTC ms). */
  start: number;
  end: number;
  /**
   * Sunset of the evening and sunrise of the morning: the firmware's `sunset`/`sunrise` anchors (zenith
   * 90.833°, upper limb on the horizon with standard refraction, as the NOAA calculator and published
   * ephemerides give). The decree does not say which sunset (Cerema); we take this one for every rule.
   */
  sunset: number | undefined;
  sunrise: number | undefined;
}

/** Local clock time `minutes` after local midnight of the evening date (≥ 1440 = the next day), as UTC ms. */
export function localAt(site: Site, evening: number, minutes: number): number {
  return fromLocalMs(site.tz, evening + minutes * MIN_MS);
}

export function night(site: Site, plan: Plan, evening: number, program: DayProgram | undefined = programFor(plan, evening)): Night {
  return {
    evening,
    date: dateOf(evening),
    program,
    steps: resolveProgram(site, program, evening),
    start: localAt(site, evening, 12 * 60),
    end: localAt(site, evening, 36 * 60),
    sunset: sunEventUtc(evening, site.latDeg, site.lonDeg, ZENITH_OFFICIAL, false),
    sunrise: sunEventUtc(evening + DAY_MS, site.latDeg, site.lonDeg, ZENITH_OFFICIAL, true),
  };
}

/** A span of the night during which the light is on (level > 0, fades to 0 included). */
export interface LitSpan {
  from: number;
  to: number;
  /** Step that switched the light on, and the one that switched it off (undefined: still on at noon). */
  onStep: number;
  offStep: number | undefined;
}

/** Lit spans of a night as the firmware runs it: level 0 before the first step; off after a 0 step's fade. */
export function litSpans(n: Night): LitSpan[] {
  const spans: LitSpan[] = [];
  let level = 0;
  let open: { from: number; onStep: number } | undefined;
  for (const s of n.steps) {
    if (s.at < n.start || s.at >= n.end) continue; // never runs in this night (structural finding)
    if (level === 0 && s.level > 0) open = { from: s.at, onStep: s.index };
    else if (level > 0 && s.level === 0 && open) {
      spans.push({ from: open.from, to: Math.min(n.end, s.at + s.fadeS * 1000), onStep: open.onStep, offStep: s.index });
      open = undefined;
    }
    level = s.level;
  }
  if (open) spans.push({ from: open.from, to: n.end, onStep: open.onStep, offStep: undefined });
  return spans;
}

/** Level breakpoints of a night, fades as linear ramps: [t, level] pairs, level holding after the last one. */
export function levelCurve(n: Night): Array<[number, number]> {
  const pts: Array<[number, number]> = [[n.start, 0]];
  let level = 0;
  const steps = n.steps.filter((s) => s.at >= n.start && s.at < n.end);
  steps.forEach((s, i) => {
    const next = steps[i + 1]?.at ?? n.end;
    // A new step interrupts a running fade, as the firmware's dimmer does (it fades from where it is).
    const fadeEnd = Math.min(s.at + s.fadeS * 1000, next);
    const target = s.fadeS > 0 ? level + ((s.level - level) * (fadeEnd - s.at)) / (s.fadeS * 1000) : s.level;
    pts.push([s.at, level]);
    pts.push([fadeEnd, target]);
    level = target;
  });
  pts.push([n.end, level]);
  return pts;
}

export function levelAt(curve: ReadonlyArray<readonly [number, number]>, t: number): number {
  for (let i = curve.length - 1; i >= 0; i--) {
    const [t0, l0] = curve[i] as [number, number];
    if (t0 <= t) {
      const nxt = curve[i + 1];
      if (!nxt || nxt[0] === t0) return l0;
      return l0 + ((nxt[1] - l0) * (t - t0)) / (nxt[0] - t0);
    }
  }
  return 0;
}

// ---------------------------------------------------------------- power model

/**
 * Luminaire input power (W) for a plan level, mirroring the simulator's LED driver model
 * (hardware-sim/src/electrical.ts, README "Electrical model"): level → firmware min level → dimming curve →
 * PWM duty d; a 1–10 V driver is dark below d = 0.10 (then standby 0.4 W); lit:
 * P = standby + (nominal − standby) · d / η(d), η(d) = 1 − 0.15 (1 − d). Level 0 = 0 W (the firmware opens
 * the supply relay / the cabinet is off; standby is not counted).
 */
export const DRIVER_MIN_DUTY = 0.1;
export const STANDBY_W = 0.4;
export const LOW_LOAD_LOSS = 0.15;

export interface LuminaireLoad {
  nominalW: number;
  /** protocol DimCurve: 1 linear, 2 logarithmic (0 = linear). */
  curve: number;
  minLevel: number;
  count: number;
}

export function powerW(l: Pick<LuminaireLoad, 'nominalW' | 'curve' | 'minLevel'>, level: number): number {
  if (level <= 0) return 0;
  const lv = level < l.minLevel ? l.minLevel : level;
  const d = dutyFraction(lv, l.curve);
  if (d < DRIVER_MIN_DUTY) return Math.min(STANDBY_W, l.nominalW);
  const standby = Math.min(STANDBY_W, l.nominalW);
  return standby + (l.nominalW - standby) * (d / (1 - LOW_LOAD_LOSS * (1 - d)));
}

/** Energy (Wh) of one luminaire over a night's level curve: exact on flat parts, 32 sub-steps per ramp. */
export function curveEnergyWh(curve: ReadonlyArray<readonly [number, number]>, l: Pick<LuminaireLoad, 'nominalW' | 'curve' | 'minLevel'>): number {
  let wh = 0;
  for (let i = 0; i + 1 < curve.length; i++) {
    const [t0, l0] = curve[i] as [number, number];
    const [t1, l1] = curve[i + 1] as [number, number];
    const dt = t1 - t0;
    if (dt <= 0) continue;
    if (l0 === l1) wh += (powerW(l, l0) * dt) / 3_600_000;
    else {
      const n = 32;
      for (let k = 0; k < n; k++) wh += (powerW(l, l0 + ((l1 - l0) * (k + 0.5)) / n) * dt) / n / 3_600_000;
    }
  }
  return wh;
}
