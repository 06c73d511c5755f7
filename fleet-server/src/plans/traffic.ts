/**
 * Traffic profiles for presence steps (issue 17): how many passers-by a pole expects per hour of the local week,
 * so the preview can say what a presence step will burn, and the light the town should expect.
 *
 * The interface is one table, `OccupancyTable`: 7 rows (Monday first, the evening's local weekday) × 24 local hours,
 * each the expected number of detections per hour at a pole (a rate, ≥ 0). It comes from a street type's default
 * (`defaultTraffic`, below) or from a street's learned profile (the controller's frugal learning sends a weekly
 * occupancy profile; `fromOccupancyProbability` turns a table of "probability that anyone passes in the hour" into
 * rates, and `fromQuarterHours` folds quarter-hour cells into hours), so a learned profile plugs in unchanged.
 *
 * From a rate λ (per hour) to the time raised: arrivals are taken as a Poisson process; a pole is raised while
 * any arrival happened within the last `hold` seconds (plus half the fades, which light at half level on average),
 * so the expected fraction of time raised is 1 − e^(−λ·T/3600) with T = hold + (fade up + fade down)/2: the
 * coverage of a Poisson process by windows of fixed length T. It saturates at 1 on a busy street (the light never
 * falls back) and is λ·T/3600 on a quiet one.
 */
import { z } from 'zod';

export type OccupancyTable = ReadonlyArray<ReadonlyArray<number>>;

/** 7 × 24 non-negative rates (at most one detection a second). */
export const occupancyTableSchema = z.array(z.array(z.number().min(0).max(3600)).length(24)).length(7)
  .describe('expected detections per hour at a pole: 7 rows (Monday first) × 24 local hours');

export const STREET_TYPES = ['residential', 'collector', 'main', 'pedestrian', 'park'] as const;
export type StreetType = (typeof STREET_TYPES)[number];

/**
 * Passers-by per hour at a pole of a residential street on a weekday night (pedestrians, cyclists and cars): the
 * evening's walkers, almost nobody from 01:00 to 05:00, the first commuters at 06:00 (the simulator's street,
 * hardware-sim SimStreet, uses the same shape). Daytime hours are filled for completeness; lights are off then.
 */
const RESIDENTIAL_WEEKDAY = [2.5, 1, 1, 0.5, 0.5, 2.5, 8, 15, 20, 15, 12, 12, 15, 12, 12, 15, 20, 25, 19, 19, 15, 12, 9, 6];
/** Street types relative to a residential street (Cerema road classes in spirit: distributor and arterial roads). */
const SCALE: Record<StreetType, number> = { residential: 1, collector: 3, main: 10, pedestrian: 2, park: 0.5 };

/**
 * The default table of a street type. Weekend nights (the evenings of Friday and Saturday, so the small hours of
 * Saturday and Sunday) keep twice the traffic after midnight; weekend mornings start later (half until 09:00).
 */
export function defaultTraffic(type: StreetType): number[][] {
  const k = SCALE[type];
  return Array.from({ length: 7 }, (_, day) => RESIDENTIAL_WEEKDAY.map((v, hour) => {
    let x = v * k;
    const weekendMorning = day === 5 || day === 6; // Saturday, Sunday
    if (weekendMorning && hour < 4) x *= 2;
    else if (weekendMorning && hour >= 5 && hour < 9) x *= 0.5;
    return Math.round(x * 100) / 100;
  }));
}

/** A table of probabilities (0..1) that anyone passes in the hour → rates (λ = −ln(1 − q)). */
export function fromOccupancyProbability(table: OccupancyTable): number[][] {
  return table.map((row) => row.map((q) => (q >= 1 ? 3600 : q <= 0 ? 0 : Math.min(3600, -Math.log(1 - q)))));
}

/** 7 × 96 quarter-hour probabilities (a learned profile's cells) → hourly rates: each quarter's rate, summed. */
export function fromQuarterHours(cells: OccupancyTable): number[][] {
  const q = fromOccupancyProbability(cells);
  return q.map((row) => Array.from({ length: 24 }, (_, h) => row.slice(h * 4, h * 4 + 4).reduce((s, v) => s + v, 0)));
}

/** Expected fraction of time a presence step is raised at a rate of `perHour` detections (Poisson, see above). */
export function raisedFraction(perHour: number, holdS: number, fadeUpS = 0, fadeDownS = 0): number {
  const t = holdS + (fadeUpS + fadeDownS) / 2;
  if (!(perHour > 0) || !(t > 0)) return 0;
  return 1 - Math.exp((-perHour * t) / 3600);
}

/** The rate of a table at a local instant (ms of the local clock, as the firmware's toLocalMs gives). */
export function rateAt(table: OccupancyTable, localMs: number): number {
  const d = new Date(localMs);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  return table[day]?.[d.getUTCHours()] ?? 0;
}
