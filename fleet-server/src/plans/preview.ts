/**
 * Preview of a plan at a site for a range of nights: the steps as the pole will run them, a sampled level
 * curve, and the energy estimate against a full-power dusk-to-dawn baseline over the same nights
 * (power model: night.ts, `powerW`, mirroring the simulator's driver model).
 */
import type { Site } from '@streetlight/firmware';
import type { Plan } from '@streetlight/protocol/lean';
import { curveEnergyWh, levelAt, levelCurve, night, powerW, type LuminaireLoad } from './night.js';

export const MAX_PREVIEW_NIGHTS = 366;

export interface PreviewOptions {
  evenings: readonly number[];
  /** Sampling interval of the curve, minutes. Default 15. */
  sampleMin?: number;
  luminaires: readonly LuminaireLoad[];
}

export interface PreviewNight {
  date: string;
  programId: number | null;
  sunset: string | null;
  sunrise: string | null;
  steps: Array<{ at: string; level: number; fadeS: number; step: number }>;
  /** From sunset − 1 h (or the first step if earlier) to sunrise + 1 h (or the last step if later). */
  samples: Array<{ at: string; level: number }>;
  litHours: number;
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
}

const iso = (t: number | undefined): string | null => (t === undefined ? null : new Date(t).toISOString());
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

export function previewPlan(plan: Plan, site: Site, opts: PreviewOptions): Preview {
  const sampleMs = (opts.sampleMin ?? 15) * 60_000;
  const loads = opts.luminaires.filter((l) => l.count > 0);
  const fullW = loads.reduce((s, l) => s + powerW(l, 100) * l.count, 0);
  let energy = 0;
  let baseline = 0;
  const nights = opts.evenings.map((e): PreviewNight => {
    const n = night(site, plan, e);
    const curve = levelCurve(n);
    const wh = loads.reduce((s, l) => s + curveEnergyWh(curve, l) * l.count, 0);
    const darkMs = n.sunset !== undefined && n.sunrise !== undefined ? n.sunrise - n.sunset : 0;
    const baseWh = (fullW * darkMs) / 3_600_000;
    energy += wh;
    baseline += baseWh;
    const inside = n.steps.filter((s) => s.at >= n.start && s.at < n.end);
    const from = Math.max(n.start, Math.min((n.sunset ?? n.start) - 3_600_000, inside[0]?.at ?? Infinity));
    const to = Math.min(n.end, Math.max((n.sunrise ?? n.end) + 3_600_000, inside.at(-1)?.at ?? -Infinity));
    const samples: PreviewNight['samples'] = [];
    for (let t = Math.ceil(from / sampleMs) * sampleMs; t <= to; t += sampleMs) samples.push({ at: new Date(t).toISOString(), level: Math.round(levelAt(curve, t) * 10) / 10 });
    let litMs = 0;
    for (let i = 0; i + 1 < curve.length; i++) {
      const [t0, l0] = curve[i] as [number, number];
      const [t1, l1] = curve[i + 1] as [number, number];
      if (l0 > 0 || l1 > 0) litMs += t1 - t0;
    }
    return {
      date: n.date,
      programId: n.program?.id ?? null,
      sunset: iso(n.sunset),
      sunrise: iso(n.sunrise),
      steps: inside.map((s) => ({ at: new Date(s.at).toISOString(), level: s.level, fadeS: s.fadeS, step: s.index })),
      samples,
      litHours: r3(litMs / 3_600_000),
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
  };
}
