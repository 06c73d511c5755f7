/**
 * Preview of a plan at a site for a range of nights: the steps as the pole will run them, a sampled level
 * curve, and the energy estimate against a full-power dusk-to-dawn baseline over the same nights
 * (power model: night.ts, `powerW`, mirroring the simulator's driver model).
 *
 * Presence steps (issue 17): the light stands at the step's base level and is raised to its level while someone
 * is there. The curve gives both (`level`: the base, what stands; `raised`: the level on detection, where it
 * differs), and the energy is the base curve's plus, minute by minute in presence steps, the expected fraction of
 * time raised (traffic.ts: a 7 × 24 table of detections per hour, the street type's default or a learned profile)
 * times the power between base and raised.
 */
import { toLocalMs, type Site } from '@streetlight/firmware';
import type { Plan } from '@streetlight/protocol/lean';
import { curveEnergyWh, levelAt, levelCurve, night, powerW, type LuminaireLoad, type Night } from './night.js';
import { defaultTraffic, raisedFraction, rateAt, type OccupancyTable } from './traffic.js';

export const MAX_PREVIEW_NIGHTS = 366;

export interface PreviewOptions {
  evenings: readonly number[];
  /** Sampling interval of the curve, minutes. Default 15. */
  sampleMin?: number;
  luminaires: readonly LuminaireLoad[];
  /** Presence steps: detections per hour at a pole by local weekday and hour. Default: a residential street. */
  traffic?: OccupancyTable | undefined;
}

/** The night with each presence step at its base level: the light that stands while nobody is there. */
export function baseNight(n: Night): Night {
  if (!n.steps.some((s) => s.presence)) return n;
  return { ...n, steps: n.steps.map((s) => (s.presence ? { ...s, level: Math.min(s.level, s.presence.baseLevel ?? 0) } : s)) };
}

/** Spans of a night's presence steps: [from, to) with the step's mode. */
function presenceSpans(n: Night): Array<{ from: number; to: number; holdS: number; fadeUpS: number; fadeDownS: number }> {
  const steps = n.steps.filter((s) => s.at >= n.start && s.at < n.end);
  const out: Array<{ from: number; to: number; holdS: number; fadeUpS: number; fadeDownS: number }> = [];
  steps.forEach((s, i) => {
    if (!s.presence) return;
    out.push({ from: s.at, to: steps[i + 1]?.at ?? n.end, holdS: s.presence.holdS ?? 0, fadeUpS: s.presence.fadeUpS ?? 0, fadeDownS: s.presence.fadeDownS ?? 0 });
  });
  return out;
}

export interface PreviewNight {
  date: string;
  programId: number | null;
  sunset: string | null;
  sunrise: string | null;
  steps: Array<{ at: string; level: number; fadeS: number; step: number; baseLevel?: number }>;
  /**
   * From sunset − 1 h (or the first step if earlier) to sunrise + 1 h (or the last step if later). `level` is the
   * light that stands (a presence step's base level); `raised`, in presence steps, the level on detection.
   */
  samples: Array<{ at: string; level: number; raised?: number }>;
  litHours: number;
  /** Hours in presence steps, and the expected hours raised within them (traffic profile). */
  presenceHours: number;
  raisedHours: number;
  energyKwh: number;
  baselineKwh: number;
}

export interface Preview {
  nights: PreviewNight[];
  luminaires: number;
  energyKwh: number;
  baselineKwh: number;
  savedKwh: number;
  savedPct: number;
  /** Whether the plan has presence steps, and the traffic the estimate assumed for them. */
  presence: { steps: boolean; traffic: 'given' | 'default_residential' };
}

/** Minutes per slice of a presence step's expected-energy sum. */
const PRESENCE_SLICE_MS = 60_000;

const iso = (t: number | undefined): string | null => (t === undefined ? null : new Date(t).toISOString());
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

export function previewPlan(plan: Plan, site: Site, opts: PreviewOptions): Preview {
  const sampleMs = (opts.sampleMin ?? 15) * 60_000;
  const loads = opts.luminaires.filter((l) => l.count > 0);
  const fullW = loads.reduce((s, l) => s + powerW(l, 100) * l.count, 0);
  const traffic = opts.traffic ?? defaultTraffic('residential');
  let energy = 0;
  let baseline = 0;
  let anyPresence = false;
  const nights = opts.evenings.map((e): PreviewNight => {
    const raisedNight = night(site, plan, e);
    const n = baseNight(raisedNight);
    const curve = levelCurve(n);
    const raisedCurve = n === raisedNight ? curve : levelCurve(raisedNight);
    let wh = loads.reduce((s, l) => s + curveEnergyWh(curve, l) * l.count, 0);
    // Presence steps: each minute, the expected share of time raised × (P(raised) − P(base)).
    let presenceMs = 0;
    let raisedMs = 0;
    for (const span of presenceSpans(raisedNight)) {
      anyPresence = true;
      for (let t = span.from; t < span.to; t += PRESENCE_SLICE_MS) {
        const dt = Math.min(PRESENCE_SLICE_MS, span.to - t);
        const mid = t + dt / 2;
        const p = raisedFraction(rateAt(traffic, toLocalMs(site.tz, mid)), span.holdS, span.fadeUpS, span.fadeDownS);
        presenceMs += dt;
        raisedMs += p * dt;
        if (p === 0) continue;
        const lo = levelAt(curve, mid);
        const hi = levelAt(raisedCurve, mid);
        wh += loads.reduce((s, l) => s + ((powerW(l, hi) - powerW(l, lo)) * p * dt * l.count) / 3_600_000, 0);
      }
    }
    const darkMs = n.sunset !== undefined && n.sunrise !== undefined ? n.sunrise - n.sunset : 0;
    const baseWh = (fullW * darkMs) / 3_600_000;
    energy += wh;
    baseline += baseWh;
    const inside = n.steps.filter((s) => s.at >= n.start && s.at < n.end);
    const from = Math.max(n.start, Math.min((n.sunset ?? n.start) - 3_600_000, inside[0]?.at ?? Infinity));
    const to = Math.min(n.end, Math.max((n.sunrise ?? n.end) + 3_600_000, inside.at(-1)?.at ?? -Infinity));
    const samples: PreviewNight['samples'] = [];
    const r1 = (x: number): number => Math.round(x * 10) / 10;
    for (let t = Math.ceil(from / sampleMs) * sampleMs; t <= to; t += sampleMs) {
      const level = r1(levelAt(curve, t));
      const raised = r1(levelAt(raisedCurve, t));
      samples.push(raised !== level ? { at: new Date(t).toISOString(), level, raised } : { at: new Date(t).toISOString(), level });
    }
    // Lit: the standing light, or a presence step that can be raised (its raised level > 0).
    let litMs = 0;
    for (let i = 0; i + 1 < raisedCurve.length; i++) {
      const [t0, l0] = raisedCurve[i] as [number, number];
      const [t1, l1] = raisedCurve[i + 1] as [number, number];
      if (l0 > 0 || l1 > 0) litMs += t1 - t0;
    }
    return {
      date: n.date,
      programId: n.program?.id ?? null,
      sunset: iso(n.sunset),
      sunrise: iso(n.sunrise),
      steps: inside.map((s) => {
        const raised = raisedNight.steps.find((x) => x.index === s.index && x.at === s.at);
        const step = { at: new Date(s.at).toISOString(), level: raised?.level ?? s.level, fadeS: s.fadeS, step: s.index };
        return raised?.presence ? { ...step, baseLevel: s.level } : step;
      }),
      samples,
      litHours: r3(litMs / 3_600_000),
      presenceHours: r3(presenceMs / 3_600_000),
      raisedHours: r3(raisedMs / 3_600_000),
      energyKwh: r3(wh / 1000),
      baselineKwh: r3(baseWh / 1000),
    };
  });
  const saved = baseline - energy;
  return {
    nights,
    luminaires: loads.reduce((s, l) => s + l.count, 0),
    energyKwh: r3(energy / 1000),
    baselineKwh: r3(baseline / 1000),
    savedKwh: r3(saved / 1000),
    savedPct: baseline > 0 ? Math.round((saved / baseline) * 1000) / 10 : 0,
    presence: { steps: anyPresence, traffic: opts.traffic ? 'given' : 'default_residential' },
  };
}
