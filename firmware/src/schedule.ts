/**
 * Dimming plan evaluation: which level the plan asks for at a given instant. A night runs "noon to noon"
 * (TALQ calendars): the night of evening date D starts at local noon of D and ends at local noon of D+1.
 * Its program is chosen by the plan's calendar rules; its steps are resolved to UTC instants with the
 * device's own sun computation and POSIX TZ rule. Pure functions: no time source of their own.
 */
import { Anchor, type CalendarRule, type DayProgram, type Plan, type PlanStep, type PresenceMode } from '@streetlight/protocol/lean';
import { sunEventUtc, ZENITH_CIVIL, ZENITH_OFFICIAL } from './sun.js';
import { fromLocalMs, toLocalMs, type PosixTz } from './tz.js';

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

export interface Site {
  tz: PosixTz;
  latDeg: number;
  lonDeg: number;
}

export interface ResolvedStep {
  at: number;      // UTC ms
  level: number;   // percent
  fadeS: number;
  /** Position of the step in its program's list (lets a server name the step in a finding). */
  index: number;
  /** A presence step: `level` is the raised level, the light stays at `presence.baseLevel` until someone is detected. */
  presence?: PresenceMode;
}

export interface PlanDecision {
  level: number;
  fadeS: number;
  /** UTC ms of the step that set this level (undefined: before the night's first step). */
  since?: number;
  /** UTC ms at which the plan's output next changes (undefined: not within this night). */
  nextAt?: number;
  /** The step is a presence step (`level` is its raised level). */
  presence?: PresenceMode;
}

/** Evening date of the night containing `utcMs`, as a UTC-midnight ms value of the local date. */
export function nightOf(site: Site, utcMs: number): number {
  const local = toLocalMs(site.tz, utcMs);
  const localMidnight = Math.floor(local / DAY_MS) * DAY_MS;
  return local - localMidnight >= 12 * 3_600_000 ? localMidnight : localMidnight - DAY_MS;
}

/** Monday = bit 0 … Sunday = bit 6. */
function weekdayBit(dayMs: number): number {
  const jsDay = new Date(dayMs).getUTCDay(); // 0 = Sunday
  return 1 << ((jsDay + 6) % 7);
}

function yyyymmdd(dayMs: number): number {
  const d = new Date(dayMs);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/**
 * The program for a night: the matching rule of highest priority wins; at equal priority a dated rule
 * outranks a weekday rule, then the earlier rule in the list. No match → the default program.
 */
export function programFor(plan: Plan, eveningDayMs: number): DayProgram | undefined {
  const date = yyyymmdd(eveningDayMs);
  const bit = weekdayBit(eveningDayMs);
  let best: { rule: CalendarRule; score: number } | undefined;
  for (const rule of plan.rules ?? []) {
    const dated = (rule.dates ?? []).includes(date);
    const weekday = ((rule.weekdayMask ?? 0) & bit) !== 0;
    if (!dated && !weekday) continue;
    const score = (rule.priority ?? 0) * 2 + (dated ? 1 : 0);
    if (!best || score > best.score) best = { rule, score };
  }
  const id = best ? best.rule.programId : plan.defaultProgramId;
  return (plan.programs ?? []).find((p) => p.id === id);
}

/** Sun anchors: which zenith, and whether the event is the evening's (setting) or the morning's (rising). */
const SUN_ANCHORS: Readonly<Record<number, Readonly<{ zenith: number; rising: boolean }>>> = Object.freeze({
  [Anchor.ANCHOR_SUNSET]: Object.freeze({ zenith: ZENITH_OFFICIAL, rising: false }),
  [Anchor.ANCHOR_CIVIL_DUSK]: Object.freeze({ zenith: ZENITH_CIVIL, rising: false }),
  [Anchor.ANCHOR_SUNRISE]: Object.freeze({ zenith: ZENITH_OFFICIAL, rising: true }),
  [Anchor.ANCHOR_CIVIL_DAWN]: Object.freeze({ zenith: ZENITH_CIVIL, rising: true }),
});

function resolveStep(site: Site, eveningDayMs: number, step: PlanStep): number | undefined {
  const sun = SUN_ANCHORS[step.anchor ?? Anchor.ANCHOR_UNSPECIFIED];
  if (sun) {
    const day = sun.rising ? eveningDayMs + DAY_MS : eveningDayMs;
    const t = sunEventUtc(day, site.latDeg, site.lonDeg, sun.zenith, sun.rising);
    return t === undefined ? undefined : t + (step.offsetMin ?? 0) * MIN_MS;
  }
  // Clock anchor: minutes after local midnight of the evening date; times before noon belong to the
  // night's morning (e.g. 01:00 is written 60 and means 01:00 on D+1).
  let minutes = step.offsetMin ?? 0;
  if (minutes < 12 * 60) minutes += 24 * 60;
  return fromLocalMs(site.tz, eveningDayMs + minutes * MIN_MS);
}

/** A program's steps for the night of `eveningDayMs` as UTC instants, in time order (stable for equal instants). */
export function resolveProgram(site: Site, program: DayProgram | undefined, eveningDayMs: number): ResolvedStep[] {
  const steps: ResolvedStep[] = [];
  (program?.steps ?? []).forEach((step, index) => {
    const at = resolveStep(site, eveningDayMs, step);
    if (at === undefined) return;
    const resolved: ResolvedStep = { at, level: Math.min(100, step.level ?? 0), fadeS: step.fadeS ?? 0, index };
    if (step.presence) resolved.presence = step.presence;
    steps.push(resolved);
  });
  return steps.sort((a, b) => a.at - b.at || a.index - b.index);
}

/** The night's steps (of the program the calendar picks) as UTC instants, in time order. */
export function resolveNight(site: Site, plan: Plan, eveningDayMs: number): ResolvedStep[] {
  return resolveProgram(site, programFor(plan, eveningDayMs), eveningDayMs);
}

/** What the plan asks for at `utcMs`. Before the night's first step the light is off (daytime). */
export function evaluatePlan(site: Site, plan: Plan, utcMs: number): PlanDecision {
  const evening = nightOf(site, utcMs);
  const steps = resolveNight(site, plan, evening);
  let decision: PlanDecision = { level: 0, fadeS: 0 };
  for (const step of steps) {
    if (step.at <= utcMs) {
      decision = { level: step.level, fadeS: step.fadeS, since: step.at };
      if (step.presence) decision.presence = step.presence;
    }
    else {
      decision.nextAt = step.at;
      break;
    }
  }
  return decision;
}
